/**
 * Predicts what botocore (boto3, AWS CLI v1) and AWS CLI v2 resolve: profile selection through
 * their config variables, ConfigParseError and ProfileNotFound before anything else, then the
 * provider chain of credentials.py in order, where any exception stops everything (semantics §2).
 */
import type { FileCache } from '../files/awsFiles';
import type { EngineInput } from '../core/host';
import type { PySetting, ToolId } from '../core/model';
import { CREDENTIAL_SOURCES } from '../core/model';
import type {
  CredentialValues,
  Expiry,
  ProfileOrigin,
  SourceKind,
  ToolResolution,
  ValueOrigin,
} from '../core/toolResolution';
import { checkProgram } from './programs';
import { cliCacheExpiry } from '../files/cliCache';
import { expiryFromProfile, isoOf, parseTimestamp, pyDateutilError } from '../core/timestamps';
import { PYTHON_JSON_DEPTH_LIMIT, pyJsonDumps, pyJsonRecursionError } from '../core/pyJson';
import { readSsoToken } from '../files/ssoCache';
import { tokenFileFailure } from './toolReads';
import type { BotocoreView, Profile } from '../files/views';
import { accessTokenOf, botocoreLoginCacheDir, missingLoginFields, readLoginToken } from '../files/loginCache';
import { hasBehaviour } from '../core/toolVersions';

/** What differs between botocore 1.43 (python) and the botocore fork inside AWS CLI v2. */
interface Flavor {
  readonly tool: ToolId;
  readonly profileVars: readonly ['AWS_DEFAULT_PROFILE' | 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE' | 'AWS_PROFILE'];
  readonly regionVars: readonly string[];
  /** The AWS CLI reuses role and SSO credentials cached in ~/.aws/cli/cache. */
  readonly usesCliCache: boolean;
  /** The JSON nesting depth at which Python's json module hits the recursion limit in this tool (PYTHON_JSON_DEPTH_LIMIT). */
  readonly jsonDepthLimit: number;
}

export const PYTHON: Flavor = {
  tool: 'python',
  profileVars: ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE'],
  regionVars: ['AWS_DEFAULT_REGION'],
  usesCliCache: false,
  jsonDepthLimit: PYTHON_JSON_DEPTH_LIMIT.python,
};
export const CLI_V2: Flavor = {
  tool: 'cli',
  profileVars: ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'],
  regionVars: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
  usesCliCache: true,
  jsonDepthLimit: PYTHON_JSON_DEPTH_LIMIT.cli,
};

type Outcome =
  | {
      readonly kind: 'ok';
      readonly source: SourceKind;
      readonly method: string;
      readonly at?: PySetting;
      readonly origin?: { env: string };
      readonly credentials?: CredentialValues;
      readonly expiry?: Expiry;
      readonly chain: string[];
      readonly ssoRegion?: string;
      readonly cacheKeyId?: ToolResolution['cacheKeyId'];
    }
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly message: string; readonly chain?: string[] };

class StopError extends Error {}

/** How botocore before 1.29.75 and AWS CLI v2 before 2.10.2 fail on a role whose source profile uses an sso-session (aws-cli#7496). */
export const SSO_SOURCE_CRASH = "'NoneType' object has no attribute 'get_frozen_token'";

export function botocoreProfileSelection(
  input: EngineInput,
  flavor: Flavor,
): { profile: string | undefined; from: ProfileOrigin } {
  if (input.explicitProfile !== undefined) return { profile: input.explicitProfile, from: '--profile' };
  for (const name of flavor.profileVars) {
    const v = input.env[name];
    if (v !== undefined) return { profile: v, from: name };
  }
  return { profile: undefined, from: 'default' };
}

const STATIC_KEYS = ['aws_access_key_id', 'aws_secret_access_key'];
const SSO_CONFIG_VARS = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region'];

export function resolveBotocore(
  input: EngineInput,
  cache: FileCache,
  view: BotocoreView,
  flavor: Flavor,
): ToolResolution {
  const r = resolveWithoutCliRule(input, cache, view, flavor);
  // When credentials fail the AWS CLI still knows its region (its session's region chain), but a
  // file botocore cannot parse stops the CLI before it has a session at all (it reads its plugins
  // from the config): then it has none.
  return flavor.tool === 'cli' && view.parseError ? { ...r, region: null, regionFrom: null } : r;
}

function resolveWithoutCliRule(
  input: EngineInput,
  cache: FileCache,
  view: BotocoreView,
  flavor: Flavor,
): ToolResolution {
  const { env } = input;
  const selected = botocoreProfileSelection(input, flavor);
  const profile = selected.profile ?? 'default';
  const explicit = input.explicitProfile !== undefined;
  const steps: string[] = [];
  const base = {
    tool: flavor.tool,
    profile,
    profileFrom: selected.from,
    failure: null,
    steps,
    chain: [profile],
    credentials: {},
  };
  const envRegion = regionFromEnv(input, flavor) ?? { value: null, from: null };

  if (view.parseError) {
    return {
      ...base,
      source: 'error',
      region: envRegion.value,
      regionFrom: envRegion.from,
      failure: `Unable to parse config file: ${view.parseError.file.path}`,
    };
  }
  if (selected.profile !== undefined && !view.profiles.has(selected.profile)) {
    return {
      ...base,
      source: 'error',
      region: envRegion.value,
      regionFrom: envRegion.from,
      failure: `The config profile (${selected.profile}) could not be found`,
    };
  }
  const region = envRegion.value !== null ? envRegion : profileRegion(view, profile);
  const r = { region: region.value, regionFrom: region.from };

  const ctx: Ctx = { input, cache, view, flavor, visited: [profile], visitedSet: new Set([profile]) };
  let outcome: Outcome;
  try {
    outcome = chain(ctx, profile, !explicit, true, steps);
  } catch (e) {
    outcome = { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  if (outcome.kind === 'error')
    return { ...base, ...r, source: 'error', failure: outcome.message, chain: outcome.chain ?? [profile] };
  if (outcome.kind === 'none') {
    steps.push(
      env.AWS_EC2_METADATA_DISABLED?.toLowerCase() === 'true'
        ? 'instance metadata: disabled by AWS_EC2_METADATA_DISABLED'
        : 'instance metadata: would be tried last (works only on EC2)',
    );
    return { ...base, ...r, source: 'none' };
  }
  // Role and web-identity credentials come from an STS client, SSO credentials from an SSO client;
  // botocore validates the region when it creates that client (utils.validate_region_name).
  const clientRegion =
    outcome.source === 'sso'
      ? outcome.ssoRegion
      : outcome.source === 'assume-role' || outcome.source === 'web-identity'
        ? r.region
        : undefined;
  if (clientRegion !== undefined && clientRegion !== null && !isBotocoreRegionName(clientRegion)) {
    return {
      ...base,
      ...r,
      source: 'error',
      failure: `Provided region_name '${clientRegion}' doesn't match a supported format.`,
      chain: outcome.chain,
    };
  }
  const origin = outcome.at
    ? {
        file: outcome.at.file,
        path: outcome.at.file === 'config' ? view.config.path : view.credentials.path,
        line: outcome.at.line,
        column: outcome.at.column,
      }
    : outcome.origin;
  return {
    ...base,
    ...r,
    source: outcome.source,
    method: outcome.method,
    origin,
    credentials: outcome.credentials ?? {},
    expiry: outcome.expiry,
    chain: outcome.chain,
    cacheKeyId: outcome.cacheKeyId,
  };
}

interface Ctx {
  readonly input: EngineInput;
  readonly cache: FileCache;
  readonly view: BotocoreView;
  readonly flavor: Flavor;
  /** The profiles met, in order (botocore's message lists them), and the same as a set (a 3,000-role chain is looked up in it 3,000 times). */
  readonly visited: string[];
  readonly visitedSet: Set<string>;
}

/**
 * The provider chain for one profile. `withEnv` is false for an explicit profile and for source
 * profiles; `topLevel` is false for source profiles, whose chain (ProfileProviderBuilder) has no
 * environment, assume-role, container or instance-metadata step.
 */
function chain(ctx: Ctx, name: string, withEnv: boolean, topLevel: boolean, steps: string[]): Outcome {
  const { input, view } = ctx;
  const env = input.env;
  const p: Profile<PySetting> = view.profiles.get(name) ?? new Map();

  if (withEnv) {
    const e = envCredentials(ctx);
    if (e) return e;
    steps.push('environment keys: AWS_ACCESS_KEY_ID is not set');
  }
  if (topLevel && p.has('role_arn') && !p.has('web_identity_token_file')) return assumeRole(ctx, name, p);

  const tokenFile =
    (withEnv && env.AWS_WEB_IDENTITY_TOKEN_FILE !== undefined ? env.AWS_WEB_IDENTITY_TOKEN_FILE : undefined) ??
    p.get('web_identity_token_file')?.value;
  if (tokenFile) {
    const roleArn =
      (withEnv && env.AWS_ROLE_ARN !== undefined ? env.AWS_ROLE_ARN : undefined) ?? p.get('role_arn')?.value;
    if (!roleArn) {
      throw new StopError(
        'The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured. Ensure that the profile has the role_arnconfiguration set or the AWS_ROLE_ARN env var is set.',
      );
    }
    const unreadable = tokenFileFailure(ctx.cache, tokenFile, 'botocore');
    if (unreadable) throw new StopError(unreadable);
    const fromEnv = withEnv && env.AWS_WEB_IDENTITY_TOKEN_FILE !== undefined;
    return {
      kind: 'ok',
      source: 'web-identity',
      method: 'assume-role-with-web-identity',
      at: fromEnv ? undefined : p.get('web_identity_token_file'),
      origin: fromEnv ? { env: 'AWS_WEB_IDENTITY_TOKEN_FILE' } : undefined,
      chain: [name],
    };
  }

  if (p.has('sso_account_id') || p.has('sso_role_name')) return sso(ctx, name, p);

  const credSection = view.credentialsProfiles.get(name);
  if (credSection?.has('aws_access_key_id')) return staticKeys(ctx, name, credSection, 'shared-credentials-file');

  // LoginProvider (botocore 1.41.0, AWS CLI 2.32.0): after the credentials file, before credential_process.
  const login = p.get('login_session');
  if (login && hasBehaviour(input.toolVersions, ctx.flavor.tool, 'login')) return loginCredentials(ctx, name, login);

  const proc = p.get('credential_process');
  if (proc) {
    const check = checkProgram(proc.value, input, ctx.cache, false, view.paths.home);
    if (!check.ok)
      throw new StopError(
        input.platform === 'win32'
          ? windowsPopenError(check.reason, proc.value)
          : (check.pythonError ??
              (check.denied
                ? `[Errno 13] Permission denied: '${check.program}'`
                : `[Errno 2] No such file or directory: '${check.program}'`)),
      );
    return { kind: 'ok', source: 'process', method: 'custom-process', at: proc, chain: [name] };
  }

  const configSection = view.configProfiles.get(name);
  if (configSection?.has('aws_access_key_id')) return staticKeys(ctx, name, configSection, 'config-file');

  if (topLevel && (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI)) {
    return {
      kind: 'ok',
      source: 'container',
      method: 'container-role',
      origin: {
        env: env.AWS_CONTAINER_CREDENTIALS_FULL_URI
          ? 'AWS_CONTAINER_CREDENTIALS_FULL_URI'
          : 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      },
      chain: [name],
    };
  }
  steps.push(`profile ${name}: no credentials in it`);
  return { kind: 'none' };
}

function envValue(name: string, value: string): ValueOrigin {
  return { kind: 'env', name, value };
}

function envCredentials(ctx: Ctx): Outcome | undefined {
  const env = ctx.input.env;
  if (!env.AWS_ACCESS_KEY_ID) return undefined;
  if (!env.AWS_SECRET_ACCESS_KEY)
    throw new StopError('Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY');
  const tokenVar = ['AWS_SECURITY_TOKEN', 'AWS_SESSION_TOKEN'].find((n) => env[n]);
  let expiry: Expiry | undefined;
  const exp = env.AWS_CREDENTIAL_EXPIRATION;
  if (exp !== undefined) {
    // EnvProvider gives the value to dateutil's parse: its own words for what it refuses.
    const refused = pyDateutilError(exp);
    if (refused) throw new StopError(refused);
    const t = parseTimestamp(exp);
    if (t <= ctx.input.now)
      throw new StopError('Credentials were refreshed, but the refreshed credentials are still expired.');
    expiry = { at: isoOf(t)!, from: 'AWS_CREDENTIAL_EXPIRATION', kind: 'env' };
  }
  return {
    kind: 'ok',
    source: 'env',
    method: 'env',
    origin: { env: 'AWS_ACCESS_KEY_ID' },
    expiry,
    chain: [],
    credentials: {
      accessKeyId: envValue('AWS_ACCESS_KEY_ID', env.AWS_ACCESS_KEY_ID),
      secretAccessKey: envValue('AWS_SECRET_ACCESS_KEY', env.AWS_SECRET_ACCESS_KEY),
      sessionToken: tokenVar ? envValue(tokenVar, env[tokenVar]!) : undefined,
    },
  };
}

function staticKeys(
  ctx: Ctx,
  name: string,
  section: Profile<PySetting>,
  method: 'shared-credentials-file' | 'config-file',
): Outcome {
  const file = method === 'config-file' ? ctx.view.config : ctx.view.credentials;
  const key = section.get('aws_access_key_id')!;
  const secret = section.get('aws_secret_access_key');
  if (!secret) throw new StopError(`Partial credentials found in ${method}, missing: aws_secret_access_key`);
  // The first token key present wins, even when empty (credentials.py `_get_session_token`).
  const token = section.get('aws_security_token') ?? section.get('aws_session_token');
  const v = (s: PySetting | undefined): ValueOrigin | undefined =>
    s ? { kind: 'file', path: file.path, profile: name, setting: s, value: s.value } : undefined;
  return {
    kind: 'ok',
    source: 'static',
    method,
    at: key,
    chain: [name],
    credentials: { accessKeyId: v(key), secretAccessKey: v(secret), sessionToken: token?.value ? v(token) : undefined },
    expiry: expiryFromProfile(section, () => file.path),
  };
}

/**
 * botocore recurses once per role of a source_profile chain (AssumeRoleProvider loading its source,
 * then each refresh calling the next); past about this many roles, Python's recursion limit (1000
 * frames) is hit: measured 135 roles fine and 137 failing with the real botocore 1.43 and AWS CLI
 * 2.9.19 ("maximum recursion depth exceeded"). The JavaScript SDK has no such limit this low.
 */
export const BOTOCORE_MAX_ROLE_CHAIN = 135;

/**
 * AssumeRoleProvider for a role profile and, through source_profile, every role below it. botocore
 * recurses; this walks the chain down, then builds each role's outcome on the way back up, so
 * that a chain of thousands of roles costs linear time and no stack.
 */
function assumeRole(ctx: Ctx, name: string, p: Profile<PySetting>): Outcome {
  const { view } = ctx;
  const roles: string[] = [];
  const roleArns: string[] = [];
  let roleName = name;
  let roleProfile: Profile<PySetting> = p;
  let source: Outcome;
  let depth = 0;
  for (;;) {
    depth++;
    roles.push(roleName);
    roleArns.push(roleProfile.get('role_arn')?.value ?? '');
    const sourceProfile = roleProfile.get('source_profile')?.value;
    const credentialSource = roleProfile.get('credential_source')?.value;
    if (credentialSource !== undefined && sourceProfile !== undefined)
      throw new StopError(`The profile "${roleName}" contains both source_profile and credential_source.`);
    if (credentialSource === undefined && sourceProfile === undefined)
      throw new StopError('Partial credentials found in assume-role, missing: source_profile or credential_source');
    if (credentialSource !== undefined) {
      if (!CREDENTIAL_SOURCES.includes(credentialSource))
        throw new StopError(
          `The credential source "${credentialSource}" referenced in profile "${roleName}" is not valid.`,
        );
      source = fromCredentialSource(ctx, credentialSource, roleName);
      break;
    }
    const src: string = sourceProfile!;
    if (!view.profiles.has(src))
      throw new StopError(`The source_profile "${src}" referenced in the profile "${roleName}" does not exist.`);
    const srcProfile = view.profiles.get(src)!;
    if (ctx.visitedSet.has(src) && (src !== roleName || !STATIC_KEYS.some((k) => srcProfile.has(k)))) {
      throw new StopError(
        `Infinite loop in credential configuration detected. Attempting to load from profile ${src} which has already been visited. Visited profiles: [${ctx.visited.map((v) => `'${v}'`).join(', ')}]`,
      );
    }
    ctx.visited.push(src);
    ctx.visitedSet.add(src);
    if (
      STATIC_KEYS.some((k) => srcProfile.has(k)) ||
      !(srcProfile.has('role_arn') && !srcProfile.has('web_identity_token_file'))
    ) {
      source = chain(ctx, src, false, false, []);
      if (source.kind === 'none') throw new StopError(`The source profile "${src}" must have credentials.`);
      if (source.kind === 'ok') roles.push(...(source.chain.length ? source.chain : [src]));
      break;
    }
    roleName = src;
    roleProfile = srcProfile;
  }
  if (depth > BOTOCORE_MAX_ROLE_CHAIN) throw new StopError('maximum recursion depth exceeded');
  if (source.kind !== 'ok') return source;
  // Each role's credentials come from the one below it, innermost first; the client checks each
  // AssumeRole request before sending it (an ARN wrapped onto the next line leaves role_arn empty).
  for (let i = roleArns.length - 1; i >= 0; i--) {
    const length = [...roleArns[i]].length;
    if (length < 20)
      throw new StopError(
        `Parameter validation failed:\nInvalid length for parameter RoleArn, value: ${length}, valid min length: 20`,
      );
  }
  // The outermost role's credentials are the answer.
  return {
    kind: 'ok',
    source: 'assume-role',
    method: 'assume-role',
    at: p.get('role_arn'),
    credentials: source.credentials,
    expiry: roleExpiry(ctx, p),
    chain: roles,
  };
}

/** The AWS CLI reuses a role's cached credentials (~/.aws/cli/cache) until they expire: their expiry. */
function roleExpiry(ctx: Ctx, p: Profile<PySetting>): Expiry | undefined {
  if (!ctx.flavor.usesCliCache) return undefined;
  const args: Record<string, string | number> = { RoleArn: p.get('role_arn')!.value };
  const rsn = p.get('role_session_name')?.value;
  if (rsn !== undefined) args.RoleSessionName = rsn;
  const ext = p.get('external_id')?.value;
  if (ext !== undefined) args.ExternalId = ext;
  const mfa = p.get('mfa_serial')?.value;
  if (mfa !== undefined) args.SerialNumber = mfa;
  const dur = p.get('duration_seconds')?.value;
  if (dur !== undefined) args.DurationSeconds = /^\s*[+-]?\d+\s*$/.test(dur) ? parseInt(dur, 10) : dur;
  return cliCacheExpiry(ctx.cache, ctx.view.paths.cliCacheDir, ctx.cache.host.hash('sha1', pyJsonDumps(args, false)));
}

/** LoginProvider.load and LoginCredentialFetcher.load_cached_credentials: the cached credentials, whatever their expiry. */
function loginCredentials(ctx: Ctx, name: string, at: PySetting): Outcome {
  const { input, view } = ctx;
  // The AWS CLI v2 bundles awscrt; botocore needs it installed (botocore[crt]).
  if (ctx.flavor.tool === 'python' && input.toolVersions?.awscrt === false) {
    throw new StopError(
      'Missing Dependency: Using the login credential provider requires an additional dependency. You will need to pip install "botocore[crt]" before proceeding.',
    );
  }
  const file = readLoginToken(ctx.cache, botocoreLoginCacheDir(input.env, view.paths.home), at.value);
  if (file.state === 'missing' || file.state === 'unreadable') {
    throw new StopError(
      `Error loading login session token: Unable to load a existing login session for session ${at.value}. Please reauthenticate with 'aws login'.`,
    );
  }
  // JSONFileCache turns a file that is not JSON into a KeyError of the cache key.
  if (file.state === 'malformed' || !file.token)
    throw new StopError(`'${file.path.replace(/^.*\//, '').replace(/\.json$/, '')}'`);
  const missing = missingLoginFields(file.token, 'botocore');
  if (missing.length)
    throw new StopError(
      `Error loading login session token: Failed to load access token from token cache, missing required fields: ${missing.join(', ')}.`,
    );
  const access = accessTokenOf(file.token);
  const expiresAt = parseTimestamp(access?.expiresAt);
  const expiry: Expiry | undefined = Number.isNaN(expiresAt)
    ? undefined
    : {
        at: new Date(expiresAt).toISOString(),
        from: `aws login token cache ${file.path} (accessToken.expiresAt)`,
        kind: 'login-token',
      };
  const key = typeof access?.accessKeyId === 'string' ? { path: file.path, value: access.accessKeyId } : undefined;
  return { kind: 'ok', source: 'login', method: 'login', at, expiry, chain: [name], cacheKeyId: key };
}

function fromCredentialSource(ctx: Ctx, credentialSource: string, name: string): Outcome {
  const env = ctx.input.env;
  let found: Outcome | undefined;
  if (credentialSource === 'Environment') found = envCredentials(ctx);
  else if (credentialSource === 'EcsContainer') {
    if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI)
      found = { kind: 'ok', source: 'container', method: 'container-role', chain: [] };
  }
  if (!found || found.kind !== 'ok')
    throw new StopError(
      `Error when retrieving credentials from ${credentialSource}: No credentials found in credential_source referenced in profile ${name}`,
    );
  return found;
}

function sso(ctx: Ctx, name: string, p: Profile<PySetting>): Outcome {
  const { view, input } = ctx;
  // A dict, as in botocore: no prototype, so that a key named "constructor" is not already "in" it.
  const config: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, s] of p) config[k] = s.value;
  const required = [...SSO_CONFIG_VARS];
  const sessionName = p.get('sso_session')?.value;
  if (sessionName !== undefined) {
    const session = view.ssoSessions.get(sessionName);
    if (!session) throw new StopError(`The specified sso-session does not exist: "${sessionName}"`);
    for (const [k, s] of session) {
      if (k in config && config[k] !== s.value) {
        throw new StopError(
          `The value for ${k} is inconsistent between profile (${config[k]}) and sso-session (${s.value}).`,
        );
      }
      config[k] = s.value;
    }
    required.push('sso_session');
  }
  const missing = required.filter((k) => !(k in config));
  if (missing.length)
    throw new StopError(
      `The profile "${name}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`,
    );

  const at = p.get('sso_session') ?? p.get('sso_start_url') ?? p.get('sso_account_id');
  const tokenFile = readSsoToken(ctx.cache, view.paths.ssoCacheDir, sessionName ?? config.sso_start_url);
  const token = tokenFile.token;
  const expiresAt = parseTimestamp(token?.expiresAt);
  const expiresIso = isoOf(expiresAt);
  const tokenExpiry: Expiry | undefined = expiresIso
    ? { at: expiresIso, from: `SSO token cache ${tokenFile.path} (expiresAt)`, kind: 'sso-token' }
    : undefined;

  if (ctx.flavor.usesCliCache) {
    const args: Record<string, string> = { roleName: config.sso_role_name, accountId: config.sso_account_id };
    if (sessionName !== undefined) args.sessionName = sessionName;
    else args.startUrl = config.sso_start_url;
    const cached = cliCacheExpiry(
      ctx.cache,
      view.paths.cliCacheDir,
      ctx.cache.host.hash('sha1', pyJsonDumps(args, true)),
    );
    if (cached && parseTimestamp(cached.at) - input.now > 15 * 60 * 1000) {
      return {
        kind: 'ok',
        source: 'sso',
        method: 'sso',
        at,
        expiry: cached,
        chain: [name],
        ssoRegion: config.sso_region,
      };
    }
  }
  // Before aws-cli#7496 (botocore 1.29.75, AWS CLI 2.10.2) the token of an sso-session came from
  // the selected profile's sso_session, not this profile's: a role whose source profile uses one crashed.
  const selected = ctx.visited[0];
  if (
    sessionName !== undefined &&
    name !== selected &&
    !view.profiles.get(selected)?.has('sso_session') &&
    !hasBehaviour(input.toolVersions, ctx.flavor.tool, 'ssoSessionOfSourceProfile')
  ) {
    throw new StopError(SSO_SOURCE_CRASH);
  }
  const label = sessionName ?? config.sso_start_url;
  // json.load of a deeply nested file: a RecursionError, which JSONFileCache does not catch (only OSError and ValueError).
  const tooDeep = token ? pyJsonRecursionError(ctx.cache.text(tokenFile.path), ctx.flavor.jsonDepthLimit) : undefined;
  if (tooDeep) throw new StopError(tooDeep);
  if (!token || token.accessToken === undefined || token.expiresAt === undefined) {
    throw new StopError(
      token
        ? `Error loading SSO Token: Token for ${label} is invalid`
        : `Error loading SSO Token: Token for ${label} does not exist`,
    );
  }
  // botocore parses expiresAt with dateutil, which raises on a number or an out-of-range year; a
  // legacy (start URL) token is parsed only by versions that check its expiry locally (AWS CLI
  // 2.9.19 never reads it and lets the portal judge the token).
  // (The version is consulted only for a legacy token: a diagnosis that never asks does not depend on it.)
  const parseError =
    sessionName !== undefined || hasBehaviour(input.toolVersions, ctx.flavor.tool, 'legacySsoLocalExpiry')
      ? pyDateutilError(token.expiresAt, ctx.cache.text(tokenFile.path))
      : undefined;
  if (parseError) throw new StopError(parseError);
  if (sessionName !== undefined) {
    if (!(expiresAt - input.now > 0) && !canRefresh(token, input.now))
      throw new StopError('Error when retrieving token from sso: Token has expired and refresh failed');
  } else if (expiresAt - input.now <= 0) {
    throw new StopError(
      'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
    );
  }
  return {
    kind: 'ok',
    source: 'sso',
    method: 'sso',
    at,
    expiry: tokenExpiry,
    chain: [name],
    ssoRegion: config.sso_region,
  };
}

function canRefresh(token: Readonly<Record<string, unknown>>, now: number): boolean {
  if (!['refreshToken', 'clientId', 'clientSecret', 'registrationExpiresAt'].every((k) => k in token)) return false;
  return parseTimestamp(token.registrationExpiresAt) - now > 0;
}

/** botocore's validate_region_name: a valid host label. */
export function isBotocoreRegionName(region: string): boolean {
  return /^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{0,63}(?<!-)$/.test(region);
}

function regionFromEnv(input: EngineInput, flavor: Flavor): { value: string; from: string } | undefined {
  for (const name of flavor.regionVars) {
    const v = input.env[name];
    if (v !== undefined) return { value: v, from: name };
  }
  return undefined;
}

function profileRegion(view: BotocoreView, profile: string): { value: string | null; from: string | null } {
  const s = view.profiles.get(profile)?.get('region');
  return s ? { value: s.value, from: `${s.file}:${s.line}` } : { value: null, from: null };
}

/** What Popen raises on Windows for a program CreateProcess cannot start (windowsPrograms.ts says which). */
function windowsPopenError(reason: string, command: string): string {
  if (reason.includes('unclosed double quote')) return `No closing quotation in string: ${command}`;
  return reason.includes('WinError 193')
    ? '[WinError 193] %1 is not a valid Win32 application'
    : '[WinError 2] The system cannot find the file specified';
}
