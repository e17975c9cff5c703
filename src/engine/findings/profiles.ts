/** The list of profiles a user can switch to, with what kind each is. */
import type { DiagnosisBase } from './diagnosis';
import { accessTokenOf, loginCacheDirFor, missingLoginFields, readLoginToken } from '../files/loginCache';
import type { Finding } from './findings';
import type { FileKind, ToolId } from '../core/model';
import type { SourceKind } from '../core/toolResolution';
import { parseTimestamp } from '../core/timestamps';
import { readSsoToken } from '../files/ssoCache';

export type ProfileKind = 'static' | 'role' | 'sso' | 'login' | 'process' | 'web-identity' | 'settings-only';

export interface ProfileSummary {
  readonly name: string;
  readonly kind: ProfileKind;
  readonly region: string | null;
  readonly file: FileKind;
  readonly path: string;
  readonly line: number;
  /** For SSO profiles: when the cached login expires (ISO), or null when never logged in. */
  readonly ssoTokenExpiresAt?: string | null;
  /** For `aws login` profiles: the login_session (an IAM or STS ARN). */
  readonly loginSession?: string;
  /**
   * For `aws login` profiles: when the cached access credentials expire (ISO; the SDKs refresh them
   * within 5 minutes of it), or null when there is no usable token (never signed in, or a broken cache).
   */
  readonly loginTokenExpiresAt?: string | null;
  /** With `--all-profiles` (and in the extension's Profiles view): what each tool makes of the profile chosen explicitly (profileStatus.ts). */
  readonly status?: ProfileStatus;
  /** With `--live --all-profiles` (and Check All Profiles): this profile's live check. */
  readonly live?: ProfileLiveCheck;
  /**
   * For static-key profiles whose keys are in the other file (the usual `[profile x]` in config with
   * its keys under `[x]` in credentials): the line of `aws_access_key_id`.
   */
  readonly keysAt?: { readonly file: FileKind; readonly path: string; readonly line: number };
}

/** What kind of credentials a profile holds, by the keys it has (as the AWS CLI's chain looks at them). */
export function profileKind(p: ReadonlyMap<string, unknown>): ProfileKind {
  if (p.has('role_arn')) return p.has('web_identity_token_file') ? 'web-identity' : 'role';
  if (p.has('sso_account_id') || p.has('sso_role_name') || p.has('sso_session') || p.has('sso_start_url')) return 'sso';
  if (p.has('aws_access_key_id')) return 'static';
  // botocore takes login before credential_process (the JavaScript SDK the reverse: LOGIN_MIXED_CREDENTIALS says so).
  if (p.has('login_session')) return 'login';
  return p.has('credential_process') ? 'process' : 'settings-only';
}

/**
 * Profiles as the AWS CLI lists them (`aws configure list-profiles`): config-file profiles and
 * credentials-file sections, by botocore's rules. Falls back to the JavaScript SDK's reading when
 * botocore cannot parse a file. `default` first, then by name.
 */
export function listProfiles(d: DiagnosisBase): ProfileSummary[] {
  const v = d.pyView;
  const useJs = !!v.parseError;
  const profiles = useJs ? d.nodeView.merged : v.profiles;
  const names = useJs ? [...profiles.keys()].filter((n) => !n.includes('.')) : [...profiles.keys()];
  // The names are unique: sort() without a comparator orders them by UTF-16 code units, as `<` does,
  // in native code (thousands of profiles cost a comparator call each otherwise, on a cold start).
  names.sort();
  const defaultAt = names.indexOf('default');
  if (defaultAt > 0) names.unshift(...names.splice(defaultAt, 1));
  // Many SSO profiles share one session: its token is looked up once.
  const ssoExpiry = new Map<string, string | null>();
  const out: ProfileSummary[] = [];
  for (const name of names) {
    const p = profiles.get(name)!;
    const kind = profileKind(p);
    const configHeader = useJs
      ? d.nodeView.config.js.headerLines.get(name === 'default' ? 'default' : `profile.${name}`)
      : v.config.py.headerLines.get(v.configHeaders.get(name) ?? '');
    const inConfig = configHeader !== undefined;
    const line = inConfig
      ? configHeader
      : ((useJs ? d.nodeView.credentials.js.headerLines.get(name) : v.credentials.py.headerLines.get(name)) ?? 1);
    const summary: { -readonly [K in keyof ProfileSummary]: ProfileSummary[K] } = {
      name,
      kind,
      region: p.get('region')?.value ?? null,
      file: inConfig ? 'config' : 'credentials',
      path: inConfig ? v.config.path : v.credentials.path,
      line,
    };
    // Set only when there is something to say (no spread of an empty object per profile).
    if (kind === 'static') {
      const key = p.get('aws_access_key_id');
      if (key && key.file !== summary.file)
        summary.keysAt = {
          file: key.file,
          path: key.file === 'config' ? v.config.path : v.credentials.path,
          line: key.line,
        };
    } else if (kind === 'sso') {
      const id = p.get('sso_session')?.value ?? p.get('sso_start_url')?.value;
      let expiry = id ? ssoExpiry.get(id) : null;
      if (expiry === undefined) ssoExpiry.set(id!, (expiry = ssoTokenExpiry(d, id!)));
      summary.ssoTokenExpiresAt = expiry;
    } else if (kind === 'login') {
      const login = loginState(d, p.get('login_session')?.value ?? '');
      summary.loginSession = login.loginSession;
      summary.loginTokenExpiresAt = login.loginTokenExpiresAt;
    }
    out.push(summary);
  }
  return out;
}

/** When the cached SSO token of a session (or start URL) expires (ISO), or null when there is none. */
function ssoTokenExpiry(d: DiagnosisBase, id: string): string | null {
  const t = parseTimestamp(readSsoToken(d.cache, d.pyView.paths.ssoCacheDir, id).token?.expiresAt);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The login session and its token's expiry, from the cache botocore and the AWS CLI read (null: no usable token). */
function loginState(d: DiagnosisBase, session: string): { loginSession: string; loginTokenExpiresAt: string | null } {
  const file = readLoginToken(
    d.cache,
    loginCacheDirFor('python', d.input.env, d.input.fallbackHomeDir, d.pyView.paths.home, d.input.platform),
    session,
  );
  const usable = file.state === 'ok' && missingLoginFields(file.token!, 'botocore').length === 0;
  const t = usable ? parseTimestamp(accessTokenOf(file.token)?.expiresAt) : NaN;
  return { loginSession: session, loginTokenExpiresAt: Number.isNaN(t) ? null : new Date(t).toISOString() };
}

/** What `diagnose --all-profiles` says of each profile (JSON `profiles[].status`; documented in the README). */
export interface ProfileStatus {
  /** ok, expiring (within the warning time), expired (credentials, or an SSO / aws login to renew), error (no tool works), disagree (the tools differ), no-credentials (a settings-only profile). */
  readonly state: 'ok' | 'expiring' | 'expired' | 'error' | 'disagree' | 'no-credentials';
  /** The state in one line, as the table shows it. */
  readonly detail: string;
  /** The account: sso_account_id, the role_arn's account, or aws_account_id. */
  readonly account: string | null;
  /** The sso_session (or the legacy sso_start_url) it signs in with. */
  readonly ssoSession: string | null;
  /** Whether that sso_session is defined (or the profile names an sso_start_url). */
  readonly ssoSessionDefined: boolean;
  /** sso_role_name, or the role_arn's role name. */
  readonly role: string | null;
  readonly tools: Readonly<Record<ToolId, ProfileToolState>>;
  /** The error and warning findings on the lines of its sections (either file), the first ten (errors first kept); severities as if the profile were used; an error makes the state "error". */
  readonly findings: readonly ProfileFinding[];
}

/** A finding on a line of a profile's section. */
export interface ProfileFinding {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** The finding's template and data (messages.ts), for a renderer in another language. */
  readonly template?: string;
  readonly data?: Readonly<Record<string, string>>;
  readonly path: string;
  readonly line: number;
}

/** One tool's resolution of a profile chosen explicitly. */
export interface ProfileToolState {
  readonly source: SourceKind;
  readonly region: string | null;
  readonly expiresAt: string | null;
  readonly expiresFrom: string | null;
  readonly failure: string | null;
  /** Masked: the last four characters only. */
  readonly accessKeyId: string | null;
  /** The profiles walked (role chaining), the profile itself first. */
  readonly chain: readonly string[];
}

/** One profile's live check among many (`--live --all-profiles`, Check All Profiles), redacted. */
export interface ProfileLiveCheck {
  readonly ok: boolean;
  readonly account: string | null;
  readonly arn: string | null;
  readonly error: { readonly name: string; readonly message: string; readonly httpStatus?: number } | null;
  /** IDENTITY_CONFIRMED or the LIVE_* finding that names the local cause (and CLOCK_SKEW when the clock is off). */
  readonly findings: readonly Finding[];
  readonly durationMs: number;
  /** When the check ended (ISO). */
  readonly at: string;
  /** Present when the profile was not checked (its credential_process was not allowed, the run was stopped): why. */
  readonly skipped?: string;
}
