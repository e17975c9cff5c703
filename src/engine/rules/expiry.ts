/** Expiry rules: SSO logins, environment and file credentials, and the AWS CLI's cached roles. */
import type { DiagnosisBase } from '../diagnosis';
import type { Finding } from '../findings';
import { FindingCode } from '../findings';
import { format as fmtDuration } from './duration';
import type { LexHeader } from '../lexical';
import { entriesWithKey } from '../lexical';
import type { ToolId } from '../model';
import { TOOL_IDS } from '../model';
import { EXPIRY_KEYS, parseTimestamp, pyDateutilError } from '../timestamps';
import { cliCacheExpiry } from '../cliCache';
import { PYTHON_JSON_DEPTH_LIMIT, pyJsonDumps, pyJsonRecursionError } from '../pyJson';
import { readSsoToken } from '../ssoCache';
import { signInFix } from '../fixCommands';
import { unreadReason } from '../toolReads';
import type { Rule } from './kit';
import { emit, filesInPlay, finding, toolList, toolsUsingProfile } from './kit';

const DEFAULT_WARNING_MS = 15 * 60 * 1000;
const JS_REFRESH_WINDOW_MS = 5 * 60 * 1000;

export function warningWindow(d: DiagnosisBase): number {
  return d.input.expiryWarningMs ?? DEFAULT_WARNING_MS;
}

/** The SSO profiles the tools are using now (selected or as a source), each once. */
function activeSsoProfiles(d: DiagnosisBase): string[] {
  const names = new Set<string>();
  for (const t of TOOL_IDS) for (const p of d.tools[t].chain) names.add(p);
  return [...names].filter((p) => {
    const prof = d.pyView.profiles.get(p) ?? d.nodeView.merged.get(p);
    return !!prof && (prof.has('sso_session') || prof.has('sso_start_url')) && (prof.has('sso_account_id') || prof.has('sso_role_name'));
  });
}

const ssoLogins: Rule = (d) => {
  const out: Finding[] = [];
  const now = d.input.now;
  const seen = new Set<string>();
  for (const profile of activeSsoProfiles(d)) {
    const p = (d.pyView.profiles.get(profile) ?? d.nodeView.merged.get(profile))!;
    const session = p.get('sso_session')?.value;
    const sessionSection = session !== undefined ? d.pyView.ssoSessions.get(session) : undefined;
    if (session !== undefined && !sessionSection) continue; // SSO_SESSION_NOT_FOUND says it
    const startUrl = sessionSection?.get('sso_start_url')?.value ?? p.get('sso_start_url')?.value;
    const id = session ?? startUrl;
    if (!id || seen.has(id)) continue;
    // An incomplete profile fails on its settings before any tool looks for the login (SSO_INCOMPLETE says it).
    const has = (k: string) => !!(p.get(k)?.value ?? sessionSection?.get(k)?.value);
    if (!has('sso_account_id') || !has('sso_role_name') || !has('sso_region') || !startUrl) continue;
    seen.add(id);
    const token = readSsoToken(d.cache, d.pyView.paths.ssoCacheDir, id);
    const at = p.get('sso_session') ?? p.get('sso_start_url') ?? p.get('sso_account_id')!;
    const where = { file: at.file === 'config' ? d.pyView.config.path : d.pyView.credentials.path, fileKind: at.file, line: at.line, column: at.column };
    // The JavaScript SDK signs with a profile's static keys before its SSO settings, selected or as a source: it never reads this login.
    const js = d.nodeView.merged.get(profile);
    const tools = toolsUsingProfile(d, profile).filter((t) => t !== 'node' || !(js?.has('aws_access_key_id') && js.has('aws_secret_access_key')));
    if (!tools.length) continue;
    const login = signInFix(d.input.platform, 'sso', profile);
    const what = session !== undefined ? `sso-session "${session}"` : `the SSO start URL ${startUrl}`;
    if (!token.token) {
      const state = cacheFileState(d, token.path);
      const words = inTheirWords(
        tools,
        session !== undefined ? `The SSO session token associated with profile=${profile} was not found or is invalid` : 'The SSO session associated with this profile is invalid',
        state === ' does not exist' ? `Token for ${id} does not exist` : undefined,
      );
      emit(d, out, FindingCode.SsoTokenMissing, () => ({
        severity: 'error',
        message: `Profile "${profile}" signs in through ${what}, but there is no SSO login in the cache (${token.path}${state}): ${toolList(tools)} fail before sending anything (${words}). Sign in first.`,
        tools,
        ...where,
        fixes: [login],
      }));
      continue;
    }
    const tooDeep = pyJsonRecursionError(d.cache.text(token.path), PYTHON_JSON_DEPTH_LIMIT.cli);
    if (tooDeep) {
      const failing = tools.filter((t) => d.tools[t].failure === tooDeep);
      emit(d, out, FindingCode.SsoCacheTooDeep, () => ({
        severity: failing.length ? 'error' : 'warning',
        message: `The SSO login for ${what} (profile "${profile}") is cached in ${token.path}, a JSON file nested ${PYTHON_JSON_DEPTH_LIMIT.cli} levels deep or more (corrupted or crafted): Python's json module gives up past its recursion limit, so botocore and the AWS CLI stop with RecursionError "${tooDeep}" (with Python 3.11 and older: from about ${PYTHON_JSON_DEPTH_LIMIT.cli} levels in the AWS CLI, ${PYTHON_JSON_DEPTH_LIMIT.python} in a boto3 script); the JavaScript SDK reads it. Sign in again, which rewrites the file.`,
        tools: failing.length ? failing : ['python', 'cli'],
        ...where,
        fixes: [login],
      }));
      continue;
    }
    const expiresAt = parseTimestamp(token.token.expiresAt);
    // A date dateutil refuses though JavaScript reads one (2026-02-30 rolls over into March) is unparseable too, for botocore.
    const refused = pyDateutilError(token.token.expiresAt, d.cache.text(token.path));
    if (Number.isNaN(expiresAt) || refused) {
      const failing = tools.filter((t) => d.tools[t].source === 'error');
      const shown = JSON.stringify(token.token.expiresAt) ?? 'undefined';
      // The SDK's fromSso refreshes a token whose expiry is not in the future; a failed refresh keeps
      // the old one, whose Invalid Date its SSO provider then turns into a string: "Invalid time value".
      const js = !Number.isNaN(expiresAt)
        ? `reads it as ${new Date(expiresAt).toISOString()}${rollsOver(refused)}`
        : session !== undefined ? 'compares an Invalid Date with the clock, tries to refresh the token and, if the refresh fails, stops with "Invalid time value"' : 'compares an Invalid Date with the clock and sends the token as if it never expired';
      emit(d, out, FindingCode.SsoTokenExpiryUnparseable, () => ({
        severity: failing.length ? 'error' : 'warning',
        message: `The SSO login for ${what} (profile "${profile}") has expiresAt = ${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown} in ${token.path}, which is not a date botocore can read. botocore${session !== undefined ? ' and the AWS CLI fail' : ' fails'} when they parse it (dateutil: "${refused ?? 'Unknown string format'}"); the JavaScript SDK ${js}. Sign in again, which rewrites the file.`,
        tools: failing.length ? failing : tools,
        ...where,
        fixes: [login],
      }));
      continue;
    }
    const left = expiresAt - now;
    const cached = cachedRoleCredentials(d, p, session, startUrl);
    const refreshable = ['clientId', 'clientSecret', 'refreshToken'].every((k) => !!token.token![k]);
    if (left <= 0) {
      const failing = cached ? tools.filter((t) => t !== 'cli') : tools;
      const words = session !== undefined
        ? inTheirWords(failing, refreshable ? 'Token is expired' : "Value not present for 'clientId' in SSO Token. Cannot refresh.", 'Token has expired and refresh failed')
        : inTheirWords(failing, 'The SSO session associated with this profile has expired', 'The SSO session associated with this profile has expired or is otherwise invalid');
      // Only the AWS CLI uses the profile, and it signs with the cached role credentials: nothing fails yet.
      if (failing.length) {
        emit(d, out, FindingCode.SsoTokenExpired, () => ({
          severity: 'error',
          message: `The SSO login for ${what} (profile "${profile}") expired ${fmtDuration(-left)} ago (${new Date(expiresAt).toISOString()}, from ${token.path}). ${toolList(failing)} fail before sending a request (${words}).`,
          tools: failing,
          ...where,
          fixes: [login],
        }));
      }
      if (cached && tools.includes('cli')) {
        emit(d, out, FindingCode.SsoExpiredCachedRoleValid, () => ({
          severity: 'warning',
          message: `The SSO login for ${what} has expired, yet the AWS CLI keeps working for profile "${profile}" until ${cached.at} because it reuses role credentials cached in ${cached.from.replace('AWS CLI credential cache ', '')}. The JavaScript SDK and boto3 do not read that cache and fail now. This is why "the CLI works but my code doesn't". Sign in again.`,
          tools: ['node', 'python', 'cli'],
          ...where,
          fixes: [login],
        }));
      }
      continue;
    }
    if (session !== undefined && left <= JS_REFRESH_WINDOW_MS && !refreshable && tools.includes('node')) {
      emit(d, out, FindingCode.SsoTokenTooCloseToRefresh, () => ({
        severity: 'error',
        message: `The SSO login for ${what} is valid for only ${fmtDuration(left)} more, and the cached token has no refresh token: the JavaScript SDK already refuses it ("Value not present for 'clientId' in SSO Token. Cannot refresh."), while the AWS CLI and boto3 still use it until it expires. Sign in again.`,
        tools: ['node'],
        ...where,
        fixes: [login],
      }));
    } else if (left <= warningWindow(d)) {
      emit(d, out, FindingCode.SsoTokenExpiring, () => ({
        severity: 'warning',
        message: `The SSO login for ${what} (profile "${profile}") expires in ${fmtDuration(left)}, at ${new Date(expiresAt).toISOString()}${refreshable ? '; the tools will try to refresh it' : ''}.`,
        tools,
        ...where,
        fixes: [login],
      }));
    }
  }
  return out;
};

/**
 * Each tool's own error, as the message quotes it: `the JavaScript SDK: "…"; botocore and the AWS
 * CLI: "…"` (only the tools named, only the words known).
 */
function inTheirWords(tools: readonly ToolId[], js: string | undefined, botocore: string | undefined): string {
  const parts: string[] = [];
  if (js !== undefined && tools.includes('node')) parts.push(`the JavaScript SDK: "${js}"`);
  const py = tools.filter((t) => t !== 'node');
  if (botocore !== undefined && py.length) parts.push(`${py.length === 2 ? 'botocore and the AWS CLI' : py[0] === 'python' ? 'botocore' : 'the AWS CLI'}: "${botocore}"`);
  return parts.length ? parts.join('; ') : 'each in its own words';
}

/** Why an SSO cache file gave no login: not valid JSON, missing, or not a file at all. */
function cacheFileState(d: DiagnosisBase, path: string): string {
  if (d.cache.text(path) !== undefined) return ' is not valid JSON';
  const f = d.cache.failure(path);
  if (f?.code === 'ENOTREG' || f?.code === 'EISDIR') return ' is not a regular file';
  if (f?.code === 'EFBIG') return ' is too large to be one';
  return f?.code === 'EACCES' || f?.code === 'EOTHER' ? ` ${unreadReason(f)}` : ' does not exist';
}

function cachedRoleCredentials(d: DiagnosisBase, p: ReadonlyMap<string, { value: string }>, session: string | undefined, startUrl: string | undefined) {
  const roleName = p.get('sso_role_name')?.value;
  const accountId = p.get('sso_account_id')?.value;
  if (!roleName || !accountId) return undefined;
  const args: Record<string, string> = { roleName, accountId };
  if (session !== undefined) args.sessionName = session;
  else if (startUrl) args.startUrl = startUrl;
  const cached = cliCacheExpiry(d.cache, d.pyView.paths.cliCacheDir, d.cache.host.hash('sha1', pyJsonDumps(args, true)));
  return cached && parseTimestamp(cached.at) > d.input.now ? cached : undefined;
}

/** What JavaScript does with a day past the month's end that dateutil refuses: it counts on into the next month. */
function rollsOver(refused: string | undefined): string {
  return refused?.startsWith('day is out of range') ? ' (the day rolls over into the next month)' : '';
}

const envExpiration: Rule = (d) => {
  const v = d.input.env.AWS_CREDENTIAL_EXPIRATION;
  if (v === undefined || !d.input.env.AWS_ACCESS_KEY_ID) return [];
  const t = parseTimestamp(v);
  const refused = pyDateutilError(v);
  if (Number.isNaN(t) || refused) {
    return [finding({
      code: FindingCode.EnvExpirationUnparseable,
      severity: 'error',
      message: `AWS_CREDENTIAL_EXPIRATION="${v}" is not a date botocore can read: botocore and the AWS CLI fail with "${refused ?? `Unknown string format: ${v}`}" before sending anything; the JavaScript SDK ${Number.isNaN(t) ? 'ignores it (Invalid Date)' : `reads it as ${new Date(t).toISOString()}${rollsOver(refused)}`}. Use ISO 8601, e.g. 2026-11-22T12:00:00Z, or unset it.`,
      tools: ['python', 'cli'],
      env: 'AWS_CREDENTIAL_EXPIRATION',
      fixes: [{ title: 'Unset AWS_CREDENTIAL_EXPIRATION', action: { kind: 'unsetEnv', name: 'AWS_CREDENTIAL_EXPIRATION' }, preferred: true }],
    })];
  }
  if (t > d.input.now) return [];
  return [finding({
    code: FindingCode.EnvCredentialsExpired,
    severity: 'error',
    message: `The environment credentials expired ${fmtDuration(d.input.now - t)} ago (AWS_CREDENTIAL_EXPIRATION=${new Date(t).toISOString()}). botocore and the AWS CLI refuse them ("the refreshed credentials are still expired"); the JavaScript SDK sends them anyway and AWS answers ExpiredToken. Get new credentials from the tool that exported them, or unset the variables.`,
    tools: TOOL_IDS.filter((x) => d.tools[x].source === 'env' || d.tools[x].failure?.includes('still expired')),
    env: 'AWS_CREDENTIAL_EXPIRATION',
  })];
};

const profileExpiration: Rule = (d) => {
  const out: Finding[] = [];
  for (const { file } of filesInPlay(d)) {
    let last: LexHeader | undefined;
    for (const e of entriesWithKey(file.lexical, ...EXPIRY_KEYS)) {
      // The first expiry key of each section (in file order, a section's entries come together).
      if (e.section === last) continue;
      last = e.section;
      const profile = e.section!.profile;
      if (profile === undefined) continue;
      const t = parseTimestamp(e.value);
      if (Number.isNaN(t) || t > d.input.now) continue;
      const tools = toolsUsingProfile(d, profile);
      emit(d, out, FindingCode.ProfileCredentialsExpired, () => ({
        severity: tools.length ? 'error' : 'warning',
        message: `The temporary credentials in profile "${profile}" expired ${fmtDuration(d.input.now - t)} ago (${e.key} = ${new Date(t).toISOString()}, written by the tool that fetched them, e.g. saml2aws). No SDK reads that key, so they are still sent and AWS answers ExpiredToken. Fetch new credentials with that tool.`,
        tools: tools.length ? tools : [...TOOL_IDS],
        file: file.path,
        fileKind: file.kind,
        line: e.line,
        column: e.keyColumn,
      }));
    }
  }
  return out;
};

const credentialsExpiring: Rule = (d) => {
  const byTime = new Map<string, ToolId[]>();
  for (const t of TOOL_IDS) {
    const e = d.tools[t].expiry;
    // An `aws login` key lasts about 15 minutes and the SDKs refresh it before it runs out: no warning.
    if (!e || e.kind === 'sso-token' || e.kind === 'login-token' || d.tools[t].source === 'error') continue;
    const left = parseTimestamp(e.at) - d.input.now;
    if (left <= 0 || left > warningWindow(d)) continue;
    const key = `${e.at}\u0000${e.from}`;
    byTime.set(key, [...(byTime.get(key) ?? []), t]);
  }
  return [...byTime].map(([key, tools]) => {
    const [at, from] = key.split('\u0000');
    return finding({
      code: FindingCode.CredentialsExpiring,
      severity: 'warning',
      message: `The credentials ${toolList(tools)} use expire in ${fmtDuration(parseTimestamp(at) - d.input.now)}, at ${at} (from ${from}).`,
      tools,
      env: from === 'AWS_CREDENTIAL_EXPIRATION' ? 'AWS_CREDENTIAL_EXPIRATION' : undefined,
    });
  });
};

export const EXPIRY_RULES: readonly Rule[] = [ssoLogins, envExpiration, profileExpiration, credentialsExpiring];
