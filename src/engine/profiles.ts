/** The list of profiles a user can switch to, with what kind each is. */
import type { DiagnosisBase } from './diagnosis';
import { accessTokenOf, loginCacheDirFor, missingLoginFields, readLoginToken } from './loginCache';
import type { FileKind } from './model';
import { parseTimestamp } from './timestamps';
import { readSsoToken } from './ssoCache';

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
 * botocore cannot parse a file.
 */
export function listProfiles(d: DiagnosisBase): ProfileSummary[] {
  const v = d.pyView;
  const out: ProfileSummary[] = [];
  const useJs = !!v.parseError;
  const names = useJs ? [...d.nodeView.merged.keys()].filter((n) => !n.includes('.')) : [...v.profiles.keys()];
  for (const name of names) {
    const p = useJs ? d.nodeView.merged.get(name)! : v.profiles.get(name)!;
    const kind = profileKind(p);
    const configHeader = useJs ? d.nodeView.config.js.headerLines.get(name === 'default' ? 'default' : `profile.${name}`) : v.config.py.headerLines.get(v.configHeaders.get(name) ?? '');
    const credHeader = useJs ? d.nodeView.credentials.js.headerLines.get(name) : v.credentials.py.headerLines.get(name);
    const inConfig = configHeader !== undefined;
    let ssoTokenExpiresAt: string | null | undefined;
    if (kind === 'sso') {
      const session = p.get('sso_session')?.value;
      const id = session ?? p.get('sso_start_url')?.value;
      if (id) {
        const t = parseTimestamp(readSsoToken(d.cache, v.paths.ssoCacheDir, id).token?.expiresAt);
        ssoTokenExpiresAt = Number.isNaN(t) ? null : new Date(t).toISOString();
      } else ssoTokenExpiresAt = null;
    }
    const login = kind === 'login' ? loginState(d, p.get('login_session')?.value ?? '') : undefined;
    const summary: { -readonly [K in keyof ProfileSummary]: ProfileSummary[K] } = {
      name,
      kind,
      region: p.get('region')?.value ?? null,
      file: inConfig ? 'config' : 'credentials',
      path: inConfig ? v.config.path : v.credentials.path,
      line: (inConfig ? configHeader : credHeader) ?? 1,
    };
    // Set only when there is something to say (no spread of an empty object per profile).
    if (ssoTokenExpiresAt !== undefined) summary.ssoTokenExpiresAt = ssoTokenExpiresAt;
    if (login) {
      summary.loginSession = login.loginSession;
      summary.loginTokenExpiresAt = login.loginTokenExpiresAt;
    }
    out.push(summary);
  }
  return out.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The login session and its token's expiry, from the cache botocore and the AWS CLI read (null: no usable token). */
function loginState(d: DiagnosisBase, session: string): { loginSession: string; loginTokenExpiresAt: string | null } {
  const file = readLoginToken(d.cache, loginCacheDirFor('python', d.input.env, d.input.fallbackHomeDir, d.pyView.paths.home, d.input.platform), session);
  const usable = file.state === 'ok' && missingLoginFields(file.token!, 'botocore').length === 0;
  const t = usable ? parseTimestamp(accessTokenOf(file.token)?.expiresAt) : NaN;
  return { loginSession: session, loginTokenExpiresAt: Number.isNaN(t) ? null : new Date(t).toISOString() };
}
