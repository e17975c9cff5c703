/** Expiry rules: SSO logins, environment and file credentials, and the AWS CLI's cached roles. */
import type { DiagnosisBase } from '../findings/diagnosis';
import { format as fmtDuration } from './duration';
import type { LexHeader } from '../files/lexical';
import { entriesWithKey } from '../files/lexical';
import type { ToolId } from '../core/model';
import { TOOL_IDS } from '../core/model';
import { EXPIRY_KEYS, parseTimestamp, pyDateutilError } from '../core/timestamps';
import { cliCacheExpiry } from '../files/cliCache';
import { PYTHON_JSON_DEPTH_LIMIT, pyJsonDumps, pyJsonRecursionError } from '../core/pyJson';
import { readSsoToken } from '../files/ssoCache';
import { signInFix } from '../findings/fixCommands';
import { unreadReason } from '../resolve/toolReads';
import type { Check } from './kit';
import { declareCodes, filesInPlay, orAll, ruleModule, toolList, toolsUsingProfile } from './kit';

/*
 * An SSO login is named by its sso-session, or by the start URL of a legacy profile: each message
 * about one has a template for each (`session…`, `startUrl…`), whole sentences for translators.
 */
const CODES = declareCodes({
  SSO_TOKEN_EXPIRED: {
    severity: 'error',
    cause: 'The SSO login of the profile in use has expired.',
    fix: 'Run `aws sso login --profile NAME`.',
    messages: {
      session:
        'The SSO login for sso-session "{session}" (profile "{profile}") expired {duration} ago ({date}, from {cacheFile}). {tools} fail before sending a request ({errors}).',
      startUrl:
        'The SSO login for the SSO start URL {startUrl} (profile "{profile}") expired {duration} ago ({date}, from {cacheFile}). {tools} fail before sending a request ({errors}).',
    },
  },
  SSO_TOKEN_EXPIRING: {
    severity: 'warning',
    cause: 'The SSO login expires within the warning window.',
    fix: 'Sign in again before it does.',
    untestable: 'That the tools refresh the login needs the real SSO OIDC service; the tests show they still use it.',
    messages: {
      session: 'The SSO login for sso-session "{session}" (profile "{profile}") expires in {duration}, at {date}.',
      sessionRefreshable:
        'The SSO login for sso-session "{session}" (profile "{profile}") expires in {duration}, at {date}; the tools will try to refresh it.',
      startUrl:
        'The SSO login for the SSO start URL {startUrl} (profile "{profile}") expires in {duration}, at {date}.',
      startUrlRefreshable:
        'The SSO login for the SSO start URL {startUrl} (profile "{profile}") expires in {duration}, at {date}; the tools will try to refresh it.',
    },
  },
  SSO_TOKEN_TOO_CLOSE_TO_REFRESH: {
    severity: 'error',
    cause:
      'An sso-session token within 5 minutes of expiry without a refresh token: the JavaScript SDK already refuses it.',
    fix: 'Sign in again.',
    messages: {
      main: 'The SSO login for sso-session "{session}" is valid for only {duration} more, and the cached token has no refresh token: the JavaScript SDK already refuses it ("Value not present for \'clientId\' in SSO Token. Cannot refresh."), while the AWS CLI and boto3 still use it until it expires. Sign in again.',
    },
  },
  SSO_EXPIRED_CACHED_ROLE_VALID: {
    severity: 'warning',
    cause: 'The SSO login expired but the AWS CLI still has cached role credentials: the CLI works, the SDKs do not.',
    fix: 'Sign in again.',
    messages: {
      session:
        'The SSO login for sso-session "{session}" has expired, yet the AWS CLI keeps working for profile "{profile}" until {until} because it reuses role credentials cached in {cacheFile}. The JavaScript SDK and boto3 do not read that cache and fail now. This is why "the CLI works but my code doesn\'t". Sign in again.',
      startUrl:
        'The SSO login for the SSO start URL {startUrl} has expired, yet the AWS CLI keeps working for profile "{profile}" until {until} because it reuses role credentials cached in {cacheFile}. The JavaScript SDK and boto3 do not read that cache and fail now. This is why "the CLI works but my code doesn\'t". Sign in again.',
    },
  },
  SSO_TOKEN_MISSING: {
    severity: 'error',
    cause: 'No SSO login in `~/.aws/sso/cache` for the profile in use (never signed in).',
    fix: 'Run `aws sso login --profile NAME`.',
    messages: {
      session:
        'Profile "{profile}" signs in through sso-session "{session}", but there is no SSO login in the cache ({cacheFile} does not exist): {tools} fail before sending anything ({errors}). Sign in first.',
      startUrl:
        'Profile "{profile}" signs in through the SSO start URL {startUrl}, but there is no SSO login in the cache ({cacheFile} does not exist): {tools} fail before sending anything ({errors}). Sign in first.',
      // {state}: what the cache file is instead (cacheFileState).
      sessionUnread:
        'Profile "{profile}" signs in through sso-session "{session}", but there is no SSO login in the cache ({cacheFile} {state}): {tools} fail before sending anything ({errors}). Sign in first.',
      startUrlUnread:
        'Profile "{profile}" signs in through the SSO start URL {startUrl}, but there is no SSO login in the cache ({cacheFile} {state}): {tools} fail before sending anything ({errors}). Sign in first.',
      sessionUnreadUnquoted:
        'Profile "{profile}" signs in through sso-session "{session}", but there is no SSO login in the cache ({cacheFile} {state}): {tools} fail before sending anything (each in its own words). Sign in first.',
      startUrlUnreadUnquoted:
        'Profile "{profile}" signs in through the SSO start URL {startUrl}, but there is no SSO login in the cache ({cacheFile} {state}): {tools} fail before sending anything (each in its own words). Sign in first.',
    },
  },
  SSO_TOKEN_EXPIRY_UNPARSEABLE: {
    severity: 'error',
    cause:
      "The SSO login cache's `expiresAt` is not a date (a number such as `1e20`, a year past 9999): botocore fails with a parser error, the JavaScript SDK treats the login as never expiring.",
    fix: 'Sign in again (`aws sso login`), which rewrites the cache file.',
    messages: {
      // The SDK's fromSso refreshes a token whose expiry is not in the future; a failed refresh keeps
      // the old one, whose Invalid Date its SSO provider then turns into a string: "Invalid time value".
      sessionInvalidDate:
        'The SSO login for sso-session "{session}" (profile "{profile}") has expiresAt = {expiresAt} in {cacheFile}, which is not a date botocore can read. botocore and the AWS CLI fail when they parse it (dateutil: "{error}"); the JavaScript SDK compares an Invalid Date with the clock, tries to refresh the token and, if the refresh fails, stops with "Invalid time value". Sign in again, which rewrites the file.',
      sessionReadsAs:
        'The SSO login for sso-session "{session}" (profile "{profile}") has expiresAt = {expiresAt} in {cacheFile}, which is not a date botocore can read. botocore and the AWS CLI fail when they parse it (dateutil: "{error}"); the JavaScript SDK reads it as {date}. Sign in again, which rewrites the file.',
      sessionRollsOver:
        'The SSO login for sso-session "{session}" (profile "{profile}") has expiresAt = {expiresAt} in {cacheFile}, which is not a date botocore can read. botocore and the AWS CLI fail when they parse it (dateutil: "{error}"); the JavaScript SDK reads it as {date} (the day rolls over into the next month). Sign in again, which rewrites the file.',
      startUrlInvalidDate:
        'The SSO login for the SSO start URL {startUrl} (profile "{profile}") has expiresAt = {expiresAt} in {cacheFile}, which is not a date botocore can read. botocore fails when they parse it (dateutil: "{error}"); the JavaScript SDK compares an Invalid Date with the clock and sends the token as if it never expired. Sign in again, which rewrites the file.',
      startUrlReadsAs:
        'The SSO login for the SSO start URL {startUrl} (profile "{profile}") has expiresAt = {expiresAt} in {cacheFile}, which is not a date botocore can read. botocore fails when they parse it (dateutil: "{error}"); the JavaScript SDK reads it as {date}. Sign in again, which rewrites the file.',
      startUrlRollsOver:
        'The SSO login for the SSO start URL {startUrl} (profile "{profile}") has expiresAt = {expiresAt} in {cacheFile}, which is not a date botocore can read. botocore fails when they parse it (dateutil: "{error}"); the JavaScript SDK reads it as {date} (the day rolls over into the next month). Sign in again, which rewrites the file.',
    },
  },
  SSO_CACHE_TOO_DEEP: {
    severity: 'error',
    cause:
      "The SSO login cache file is nested more deeply than Python's recursion limit allows (about 1,000 levels up to Python 3.11): botocore and the AWS CLI stop with RecursionError while reading it; the JavaScript SDK reads it.",
    fix: 'Sign in again (`aws sso login`), which rewrites the file.',
    messages: {
      session:
        'The SSO login for sso-session "{session}" (profile "{profile}") is cached in {cacheFile}, a JSON file nested {depth} levels deep or more (corrupted or crafted): Python\'s json module gives up past its recursion limit, so botocore and the AWS CLI stop with RecursionError "{error}" (with Python 3.11 and older: from about {depth} levels in the AWS CLI, {scriptDepth} in a boto3 script); the JavaScript SDK reads it. Sign in again, which rewrites the file.',
      startUrl:
        'The SSO login for the SSO start URL {startUrl} (profile "{profile}") is cached in {cacheFile}, a JSON file nested {depth} levels deep or more (corrupted or crafted): Python\'s json module gives up past its recursion limit, so botocore and the AWS CLI stop with RecursionError "{error}" (with Python 3.11 and older: from about {depth} levels in the AWS CLI, {scriptDepth} in a boto3 script); the JavaScript SDK reads it. Sign in again, which rewrites the file.',
    },
  },
  ENV_CREDENTIALS_EXPIRED: {
    severity: 'error',
    cause: '`AWS_CREDENTIAL_EXPIRATION` is in the past.',
    fix: 'Fetch new credentials from the tool that exported them.',
    untestable:
      "AWS's ExpiredToken needs the real STS; the tests show botocore and the AWS CLI refuse the credentials and the JavaScript SDK sends them.",
    messages: {
      main: 'The environment credentials expired {duration} ago (AWS_CREDENTIAL_EXPIRATION={date}). botocore and the AWS CLI refuse them ("the refreshed credentials are still expired"); the JavaScript SDK sends them anyway and AWS answers ExpiredToken. Get new credentials from the tool that exported them, or unset the variables.',
    },
  },
  ENV_EXPIRATION_UNPARSEABLE: {
    severity: 'error',
    cause: '`AWS_CREDENTIAL_EXPIRATION` is not a date: botocore fails before sending anything.',
    fix: 'Use ISO 8601 or unset it.',
    messages: {
      invalidDate:
        'AWS_CREDENTIAL_EXPIRATION="{value}" is not a date botocore can read: botocore and the AWS CLI fail with "{error}" before sending anything; the JavaScript SDK ignores it (Invalid Date). Use ISO 8601, e.g. 2026-11-22T12:00:00Z, or unset it.',
      readsAs:
        'AWS_CREDENTIAL_EXPIRATION="{value}" is not a date botocore can read: botocore and the AWS CLI fail with "{error}" before sending anything; the JavaScript SDK reads it as {date}. Use ISO 8601, e.g. 2026-11-22T12:00:00Z, or unset it.',
      rollsOver:
        'AWS_CREDENTIAL_EXPIRATION="{value}" is not a date botocore can read: botocore and the AWS CLI fail with "{error}" before sending anything; the JavaScript SDK reads it as {date} (the day rolls over into the next month). Use ISO 8601, e.g. 2026-11-22T12:00:00Z, or unset it.',
    },
  },
  PROFILE_CREDENTIALS_EXPIRED: {
    severity: 'error',
    cause: "A profile's `x_security_token_expires`-style key (written by saml2aws and similar) is in the past.",
    fix: 'Fetch new credentials with that tool.',
    untestable:
      "AWS's ExpiredToken needs the real STS; the tests show no tool reads the expiry key and the credentials are still used.",
    messages: {
      main: 'The temporary credentials in profile "{profile}" expired {duration} ago ({key} = {date}, written by the tool that fetched them, e.g. saml2aws). No SDK reads that key, so they are still sent and AWS answers ExpiredToken. Fetch new credentials with that tool.',
    },
  },
  CREDENTIALS_EXPIRING: {
    severity: 'warning',
    cause: 'The credentials in use expire within the warning window.',
    fix: 'Refresh them in time.',
    messages: {
      // {source}: where the tools read the expiry (the resolvers' Expiry.from).
      main: 'The credentials {tools} use expire in {duration}, at {date} (from {source}).',
    },
  },
});

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
    return (
      !!prof &&
      (prof.has('sso_session') || prof.has('sso_start_url')) &&
      (prof.has('sso_account_id') || prof.has('sso_role_name'))
    );
  });
}

const ssoLogins: Check<typeof CODES> = ({ d, report }) => {
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
    // The JavaScript SDK signs with a profile's static keys before its SSO settings, selected or as a source: it never reads this login.
    const js = d.nodeView.merged.get(profile);
    const tools = toolsUsingProfile(d, profile).filter(
      (t) => t !== 'node' || !(js?.has('aws_access_key_id') && js.has('aws_secret_access_key')),
    );
    if (!tools.length) continue;
    const login = signInFix(d.input.platform, 'sso', profile);
    const where = () => ({
      file: at.file === 'config' ? d.pyView.config.path : d.pyView.credentials.path,
      fileKind: at.file,
      line: at.line,
      column: at.column,
      fixes: [login],
    });
    const cacheFile = token.path;
    if (!token.token) {
      const state = cacheFileState(d, token.path);
      const errors = inTheirWords(
        tools,
        session !== undefined
          ? `The SSO session token associated with profile=${profile} was not found or is invalid`
          : 'The SSO session associated with this profile is invalid',
        state === undefined ? `Token for ${id} does not exist` : undefined,
      );
      const data = { profile, cacheFile, tools: toolList(tools) };
      if (state === undefined) {
        // botocore's words are known here, so some tool's always are.
        if (session !== undefined)
          report('SSO_TOKEN_MISSING', 'session', () => ({
            data: { ...data, session, errors: errors! },
            tools,
            ...where(),
          }));
        else
          report('SSO_TOKEN_MISSING', 'startUrl', () => ({
            data: { ...data, startUrl, errors: errors! },
            tools,
            ...where(),
          }));
      } else if (errors === undefined) {
        if (session !== undefined)
          report('SSO_TOKEN_MISSING', 'sessionUnreadUnquoted', () => ({
            data: { ...data, session, state },
            tools,
            ...where(),
          }));
        else
          report('SSO_TOKEN_MISSING', 'startUrlUnreadUnquoted', () => ({
            data: { ...data, startUrl, state },
            tools,
            ...where(),
          }));
      } else if (session !== undefined)
        report('SSO_TOKEN_MISSING', 'sessionUnread', () => ({
          data: { ...data, session, state, errors },
          tools,
          ...where(),
        }));
      else
        report('SSO_TOKEN_MISSING', 'startUrlUnread', () => ({
          data: { ...data, startUrl, state, errors },
          tools,
          ...where(),
        }));
      continue;
    }
    const tooDeep = pyJsonRecursionError(d.cache.text(token.path), PYTHON_JSON_DEPTH_LIMIT.cli);
    if (tooDeep) {
      const failing = tools.filter((t) => d.tools[t].failure === tooDeep);
      const found = {
        severity: failing.length ? ('error' as const) : ('warning' as const),
        tools: failing.length ? failing : ['python' as const, 'cli' as const],
        ...where(),
      };
      const data = {
        profile,
        cacheFile,
        depth: PYTHON_JSON_DEPTH_LIMIT.cli,
        error: tooDeep,
        scriptDepth: PYTHON_JSON_DEPTH_LIMIT.python,
      };
      if (session !== undefined)
        report('SSO_CACHE_TOO_DEEP', 'session', () => ({ data: { ...data, session }, ...found }));
      else report('SSO_CACHE_TOO_DEEP', 'startUrl', () => ({ data: { ...data, startUrl }, ...found }));
      continue;
    }
    const expiresAt = parseTimestamp(token.token.expiresAt);
    // A date dateutil refuses though JavaScript reads one (2026-02-30 rolls over into March) is unparseable too, for botocore.
    const refused = pyDateutilError(token.token.expiresAt, d.cache.text(token.path));
    if (Number.isNaN(expiresAt) || refused) {
      const failing = tools.filter((t) => d.tools[t].source === 'error');
      const shown = JSON.stringify(token.token.expiresAt) ?? 'undefined';
      const found = {
        severity: failing.length ? ('error' as const) : ('warning' as const),
        tools: failing.length ? failing : tools,
        ...where(),
      };
      const data = {
        profile,
        cacheFile,
        expiresAt: shown.length > 60 ? `${shown.slice(0, 60)}…` : shown,
        error: refused ?? 'Unknown string format',
      };
      if (Number.isNaN(expiresAt)) {
        if (session !== undefined)
          report('SSO_TOKEN_EXPIRY_UNPARSEABLE', 'sessionInvalidDate', () => ({
            data: { ...data, session },
            ...found,
          }));
        else
          report('SSO_TOKEN_EXPIRY_UNPARSEABLE', 'startUrlInvalidDate', () => ({
            data: { ...data, startUrl },
            ...found,
          }));
      } else {
        const date = new Date(expiresAt).toISOString();
        if (session !== undefined)
          report('SSO_TOKEN_EXPIRY_UNPARSEABLE', rollsOver(refused) ? 'sessionRollsOver' : 'sessionReadsAs', () => ({
            data: { ...data, session, date },
            ...found,
          }));
        else
          report('SSO_TOKEN_EXPIRY_UNPARSEABLE', rollsOver(refused) ? 'startUrlRollsOver' : 'startUrlReadsAs', () => ({
            data: { ...data, startUrl, date },
            ...found,
          }));
      }
      continue;
    }
    const left = expiresAt - now;
    const date = new Date(expiresAt).toISOString();
    const cached = cachedRoleCredentials(d, p, session, startUrl);
    const refreshable = ['clientId', 'clientSecret', 'refreshToken'].every((k) => !!token.token![k]);
    if (left <= 0) {
      const failing = cached ? tools.filter((t) => t !== 'cli') : tools;
      // Only the AWS CLI uses the profile, and it signs with the cached role credentials: nothing fails yet.
      if (failing.length) {
        // Both tools' words known and some tool failing: never undefined.
        const errors =
          session !== undefined
            ? inTheirWords(
                failing,
                refreshable ? 'Token is expired' : "Value not present for 'clientId' in SSO Token. Cannot refresh.",
                'Token has expired and refresh failed',
              )!
            : inTheirWords(
                failing,
                'The SSO session associated with this profile has expired',
                'The SSO session associated with this profile has expired or is otherwise invalid',
              )!;
        const data = { profile, duration: fmtDuration(-left), date, cacheFile, tools: toolList(failing), errors };
        if (session !== undefined)
          report('SSO_TOKEN_EXPIRED', 'session', () => ({ data: { ...data, session }, tools: failing, ...where() }));
        else
          report('SSO_TOKEN_EXPIRED', 'startUrl', () => ({ data: { ...data, startUrl }, tools: failing, ...where() }));
      }
      if (cached && tools.includes('cli')) {
        const data = { profile, until: cached.at, cacheFile: cached.from.replace('AWS CLI credential cache ', '') };
        if (session !== undefined)
          report('SSO_EXPIRED_CACHED_ROLE_VALID', 'session', () => ({ data: { ...data, session }, ...where() }));
        else report('SSO_EXPIRED_CACHED_ROLE_VALID', 'startUrl', () => ({ data: { ...data, startUrl }, ...where() }));
      }
      continue;
    }
    if (session !== undefined && left <= JS_REFRESH_WINDOW_MS && !refreshable && tools.includes('node')) {
      report('SSO_TOKEN_TOO_CLOSE_TO_REFRESH', 'main', () => ({
        data: { session, duration: fmtDuration(left) },
        tools: ['node'],
        ...where(),
      }));
    } else if (left <= warningWindow(d)) {
      const data = { profile, duration: fmtDuration(left), date };
      if (session !== undefined)
        report('SSO_TOKEN_EXPIRING', refreshable ? 'sessionRefreshable' : 'session', () => ({
          data: { ...data, session },
          tools,
          ...where(),
        }));
      else
        report('SSO_TOKEN_EXPIRING', refreshable ? 'startUrlRefreshable' : 'startUrl', () => ({
          data: { ...data, startUrl },
          tools,
          ...where(),
        }));
    }
  }
};

/**
 * Each tool's own error, as the message quotes it: `the JavaScript SDK: "…"; botocore and the AWS
 * CLI: "…"` (only the tools named, only the words known); undefined when no words are known.
 */
function inTheirWords(
  tools: readonly ToolId[],
  js: string | undefined,
  botocore: string | undefined,
): string | undefined {
  const parts: string[] = [];
  if (js !== undefined && tools.includes('node')) parts.push(`the JavaScript SDK: "${js}"`);
  const py = tools.filter((t) => t !== 'node');
  if (botocore !== undefined && py.length)
    parts.push(
      `${py.length === 2 ? 'botocore and the AWS CLI' : py[0] === 'python' ? 'botocore' : 'the AWS CLI'}: "${botocore}"`,
    );
  return parts.length ? parts.join('; ') : undefined;
}

/** Why an SSO cache file gave no login: not valid JSON, not a file at all, too large or unreadable; undefined when it does not exist. */
function cacheFileState(d: DiagnosisBase, path: string): string | undefined {
  if (d.cache.text(path) !== undefined) return 'is not valid JSON';
  const f = d.cache.failure(path);
  if (f?.code === 'ENOTREG' || f?.code === 'EISDIR') return 'is not a regular file';
  if (f?.code === 'EFBIG') return 'is too large to be one';
  return f?.code === 'EACCES' || f?.code === 'EOTHER' ? unreadReason(f) : undefined;
}

function cachedRoleCredentials(
  d: DiagnosisBase,
  p: ReadonlyMap<string, { value: string }>,
  session: string | undefined,
  startUrl: string | undefined,
) {
  const roleName = p.get('sso_role_name')?.value;
  const accountId = p.get('sso_account_id')?.value;
  if (!roleName || !accountId) return undefined;
  const args: Record<string, string> = { roleName, accountId };
  if (session !== undefined) args.sessionName = session;
  else if (startUrl) args.startUrl = startUrl;
  const cached = cliCacheExpiry(
    d.cache,
    d.pyView.paths.cliCacheDir,
    d.cache.host.hash('sha1', pyJsonDumps(args, true)),
  );
  return cached && parseTimestamp(cached.at) > d.input.now ? cached : undefined;
}

/** Whether JavaScript counts on into the next month with a day past the month's end that dateutil refuses. */
function rollsOver(refused: string | undefined): boolean {
  return !!refused?.startsWith('day is out of range');
}

const envExpiration: Check<typeof CODES> = ({ d, report }) => {
  const v = d.input.env.AWS_CREDENTIAL_EXPIRATION;
  if (v === undefined || !d.input.env.AWS_ACCESS_KEY_ID) return;
  const t = parseTimestamp(v);
  const refused = pyDateutilError(v);
  if (Number.isNaN(t) || refused) {
    const found = {
      tools: ['python' as const, 'cli' as const],
      env: 'AWS_CREDENTIAL_EXPIRATION',
      fixes: [
        {
          title: 'Unset AWS_CREDENTIAL_EXPIRATION',
          action: { kind: 'unsetEnv' as const, name: 'AWS_CREDENTIAL_EXPIRATION' },
          preferred: true,
        },
      ],
    };
    const data = { value: v, error: refused ?? `Unknown string format: ${v}` };
    if (Number.isNaN(t)) report('ENV_EXPIRATION_UNPARSEABLE', 'invalidDate', () => ({ data, ...found }));
    else
      report('ENV_EXPIRATION_UNPARSEABLE', rollsOver(refused) ? 'rollsOver' : 'readsAs', () => ({
        data: { ...data, date: new Date(t).toISOString() },
        ...found,
      }));
    return;
  }
  if (t > d.input.now) return;
  report('ENV_CREDENTIALS_EXPIRED', 'main', () => ({
    data: { duration: fmtDuration(d.input.now - t), date: new Date(t).toISOString() },
    tools: TOOL_IDS.filter((x) => d.tools[x].source === 'env' || d.tools[x].failure?.includes('still expired')),
    env: 'AWS_CREDENTIAL_EXPIRATION',
  }));
};

const profileExpiration: Check<typeof CODES> = ({ d, report }) => {
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
      report('PROFILE_CREDENTIALS_EXPIRED', 'main', () => ({
        data: { profile, duration: fmtDuration(d.input.now - t), key: e.key, date: new Date(t).toISOString() },
        severity: tools.length ? 'error' : 'warning',
        tools: orAll(tools),
        file: file.path,
        fileKind: file.kind,
        line: e.line,
        column: e.keyColumn,
      }));
    }
  }
};

const credentialsExpiring: Check<typeof CODES> = ({ d, report }) => {
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
  for (const [key, tools] of byTime) {
    const [at, from] = key.split('\u0000');
    report('CREDENTIALS_EXPIRING', 'main', () => ({
      data: { tools: toolList(tools), duration: fmtDuration(parseTimestamp(at) - d.input.now), date: at, source: from },
      tools,
      env: from === 'AWS_CREDENTIAL_EXPIRATION' ? 'AWS_CREDENTIAL_EXPIRATION' : undefined,
    }));
  }
};

export const EXPIRY_RULES = ruleModule(CODES, [ssoLogins, envExpiration, profileExpiration, credentialsExpiring]);
