/**
 * Predicts what the AWS SDK for JavaScript v3's default chain (`fromNodeProviderChain`) resolves,
 * following @aws-sdk/credential-provider-node's defaultProvider and credential-provider-ini's
 * resolveProfileData step by step (semantics reference §1). Nothing is executed or sent.
 */
import type { FileCache } from '../files/awsFiles';
import type { EngineInput } from '../core/host';
import type { Setting } from '../core/model';
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
import { expiryFromProfile, isoOf, jsDateMs, parseTimestamp } from '../core/timestamps';
import { readSsoToken } from '../files/ssoCache';
import { jsSharedFileHang, tokenFileFailure } from './toolReads';
import type { NodeView, Profile } from '../files/views';
import { accessTokenOf, missingLoginFields, nodeLoginCacheDir, readLoginToken } from '../files/loginCache';
import { osHomeDir } from '../files/paths';
import { hasBehaviour } from '../core/toolVersions';

type Outcome =
  | {
      readonly kind: 'ok';
      readonly source: SourceKind;
      readonly at?: Setting;
      readonly credentials?: CredentialValues;
      readonly expiry?: Expiry;
      readonly chain: string[];
      readonly ssoRegion?: string;
      readonly cacheKeyId?: ToolResolution['cacheKeyId'];
    }
  | { readonly kind: 'continue'; readonly message: string; readonly chain: string[] }
  | { readonly kind: 'stop'; readonly message: string; readonly chain: string[] };

const SSO_KEYS = ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'];
const REFRESH_MESSAGE = `To refresh this SSO session run 'aws sso login' with the corresponding profile.`;
const LEGACY_REFRESH_MESSAGE = 'To refresh this SSO session run aws sso login with the corresponding profile.';
const FIVE_MINUTES = 5 * 60 * 1000;

export function nodeProfileSelection(input: EngineInput): { profile: string; from: ProfileOrigin } {
  if (input.explicitProfile) return { profile: input.explicitProfile, from: '--profile' };
  if (input.env.AWS_PROFILE) return { profile: input.env.AWS_PROFILE, from: 'AWS_PROFILE' };
  return { profile: 'default', from: 'default' };
}

export function resolveNode(input: EngineInput, cache: FileCache, view: NodeView): ToolResolution {
  const { env } = input;
  const { profile, from } = nodeProfileSelection(input);
  const steps: string[] = [];
  const region = nodeRegion(input, view, profile);
  const done = (o: Partial<ToolResolution> & { source: SourceKind }): ToolResolution => ({
    tool: 'node',
    profile,
    profileFrom: from,
    region: region.value,
    regionFrom: region.from,
    ...(region.refused ? { regionRefused: region.refused } : {}),
    failure: null,
    steps,
    chain: [profile],
    credentials: {},
    ...o,
  });

  // 1. fromEnv, skipped whenever a profile is named (semantics §1.2).
  if (input.explicitProfile || env.AWS_PROFILE) {
    steps.push(
      `environment keys skipped: ${input.explicitProfile ? 'a profile was given explicitly' : 'AWS_PROFILE is set'}`,
    );
  } else if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const credentials: CredentialValues = {
      accessKeyId: { kind: 'env', name: 'AWS_ACCESS_KEY_ID', value: env.AWS_ACCESS_KEY_ID },
      secretAccessKey: { kind: 'env', name: 'AWS_SECRET_ACCESS_KEY', value: env.AWS_SECRET_ACCESS_KEY },
      ...(env.AWS_SESSION_TOKEN
        ? { sessionToken: { kind: 'env', name: 'AWS_SESSION_TOKEN', value: env.AWS_SESSION_TOKEN } }
        : {}),
    } as CredentialValues;
    const exp = env.AWS_CREDENTIAL_EXPIRATION;
    // fromEnv keeps `new Date(value)` as the expiration, an Invalid Date included (never compared as expired).
    const at = exp ? isoOf(jsDateMs(exp)) : undefined;
    const expiry: Expiry | undefined = at ? { at, from: 'AWS_CREDENTIAL_EXPIRATION', kind: 'env' } : undefined;
    return done({ source: 'env', origin: { env: 'AWS_ACCESS_KEY_ID' }, credentials, expiry });
  } else {
    steps.push('environment keys: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set');
  }

  // 3. fromIni (2, fromSSO, only runs with SSO options passed in code). It reads both files first,
  // whatever they are: a FIFO or an endless device stops the whole chain there.
  for (const file of [view.config, view.credentials]) {
    const hang = jsSharedFileHang(cache, file.path);
    if (hang) return done({ source: 'error', failure: hang });
  }
  const ini = resolveProfileData(input, cache, view, profile);
  if (ini.kind === 'ok') {
    const refused = refusedClientRegion(ini, view, profile, region.raw);
    if (refused) return done({ source: 'error', failure: refused, chain: ini.chain });
    return done({
      source: ini.source,
      origin: ini.at
        ? { file: ini.at.file, path: pathOf(view, ini.at), line: ini.at.line, column: ini.at.column }
        : undefined,
      credentials: ini.credentials ?? {},
      expiry: ini.expiry,
      chain: ini.chain,
      cacheKeyId: ini.cacheKeyId,
    });
  }
  if (ini.kind === 'stop') return done({ source: 'error', failure: ini.message, chain: ini.chain });
  steps.push(`profile ${profile}: ${ini.message}`);

  // 4. fromProcess runs the profile's credential_process again, whatever fromIni decided.
  const proc = view.merged.get(profile)?.get('credential_process');
  if (proc) {
    const check = checkProgram(proc.value, input, cache, true, view.paths.home);
    if (check.ok) return done({ source: 'process', origin: originOf(view, proc) });
    steps.push(`credential_process: ${check.reason}`);
  }

  // 5. fromTokenFile (web identity from the environment; AWS_PROFILE does not disable it).
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) {
    const unreadable = tokenFileFailure(cache, env.AWS_WEB_IDENTITY_TOKEN_FILE, 'node');
    if (unreadable) return done({ source: 'error', failure: unreadable });
    if (region.raw !== undefined && !isValidHostLabel(region.raw))
      return done({ source: 'error', failure: regionNotAccepted(region.raw) });
    return done({ source: 'web-identity', origin: { env: 'AWS_WEB_IDENTITY_TOKEN_FILE' } });
  }
  steps.push('web identity: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set');

  // 6. remoteProvider.
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    return done({
      source: 'container',
      origin: {
        env: env.AWS_CONTAINER_CREDENTIALS_FULL_URI
          ? 'AWS_CONTAINER_CREDENTIALS_FULL_URI'
          : 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      },
    });
  }
  steps.push(
    imdsDisabled(env)
      ? 'instance metadata: disabled by AWS_EC2_METADATA_DISABLED'
      : 'instance metadata: would be tried last (works only on EC2)',
  );
  return done({ source: 'none', failure: null });
}

/** The default chain's last step honours AWS_EC2_METADATA_DISABLED (anything but "false"). */
function imdsDisabled(env: EngineInput['env']): boolean {
  return !!env.AWS_EC2_METADATA_DISABLED && env.AWS_EC2_METADATA_DISABLED !== 'false';
}

function pathOf(view: NodeView, s: Setting): string {
  return s.file === 'config' ? view.config.path : view.credentials.path;
}

function originOf(view: NodeView, s: Setting) {
  return { file: s.file, path: pathOf(view, s), line: s.line, column: s.column };
}

function fileValue(view: NodeView, profile: string, s: Setting | undefined): ValueOrigin | undefined {
  return s ? { kind: 'file', path: pathOf(view, s), profile, setting: s, value: s.value } : undefined;
}

const isStatic = (p: Profile | undefined) => !!p && p.has('aws_access_key_id') && p.has('aws_secret_access_key');
const isAssumeRole = (p: Profile | undefined) =>
  !!p && p.has('role_arn') && p.has('source_profile') !== p.has('credential_source');
const isCredentialSourceWithoutRoleArn = (p: Profile | undefined) =>
  !!p && !p.has('role_arn') && p.has('credential_source');

function staticOutcome(view: NodeView, name: string, p: Profile, chain: string[]): Outcome {
  return {
    kind: 'ok',
    source: 'static',
    at: p.get('aws_access_key_id'),
    credentials: {
      accessKeyId: fileValue(view, name, p.get('aws_access_key_id')),
      secretAccessKey: fileValue(view, name, p.get('aws_secret_access_key')),
      sessionToken: fileValue(view, name, p.get('aws_session_token')),
    },
    expiry: expiryFromProfile(p, (s) => pathOf(view, s)),
    chain,
  };
}

/** A profile's own answer, or a role profile waiting for its source's credentials. */
type Step =
  | { readonly done: Outcome }
  | {
      readonly role: { readonly name: string; readonly p: Profile };
      readonly next?: { readonly name: string; readonly credentialSourceCall: boolean };
      readonly source?: Outcome;
    };

/**
 * credential-provider-ini's resolveProfileData and resolveAssumeRoleCredentials, which call each
 * other once per source_profile. Walked iteratively here (a 3,000-role chain must not overflow the
 * stack), with one visited set for the whole walk (the path never branches): linear in the chain.
 */
function resolveProfileData(input: EngineInput, cache: FileCache, view: NodeView, name: string): Outcome {
  const visited = new Set<string>();
  const waiting: { name: string; p: Profile }[] = [];
  let current: { name: string; credentialSourceCall: boolean } | undefined = { name, credentialSourceCall: false };
  let outcome: Outcome | undefined;
  while (current) {
    const step = profileStep(input, cache, view, current.name, visited, current.credentialSourceCall);
    current = undefined;
    if ('done' in step) outcome = step.done;
    else {
      waiting.push(step.role);
      if (step.next) {
        visited.add(step.next.name);
        current = step.next;
      } else outcome = step.source;
    }
  }
  // Unwind: each role profile, innermost first, turns its source's outcome into its own.
  let result = outcome!;
  const reversedChain = [...result.chain].reverse();
  for (let i = waiting.length - 1; i >= 0; i--) {
    const { name: roleName, p } = waiting[i];
    if (isCredentialSourceWithoutRoleArn(p)) {
      if (reversedChain[reversedChain.length - 1] !== roleName) reversedChain.push(roleName);
      continue;
    }
    if (p.get('mfa_serial')) {
      result = {
        kind: 'stop',
        message: `Profile ${roleName} requires multi-factor authentication, but no MFA code callback was provided.`,
        chain: [],
      };
      reversedChain.length = 0;
      reversedChain.push(roleName);
      continue;
    }
    reversedChain.push(roleName);
    if (result.kind === 'ok')
      result = { kind: 'ok', source: 'assume-role', at: p.get('role_arn'), credentials: result.credentials, chain: [] };
  }
  return { ...result, chain: reversedChain.reverse() } as Outcome;
}

/** One profile of the walk: its own outcome, or the role it is with the source it waits for. */
function profileStep(
  input: EngineInput,
  cache: FileCache,
  view: NodeView,
  name: string,
  visited: ReadonlySet<string>,
  credentialSourceCall: boolean,
): Step {
  const chain = [name];
  const p = view.merged.get(name);
  if (visited.size > 0 && isStatic(p)) return { done: staticOutcome(view, name, p!, chain) };
  if (credentialSourceCall || isAssumeRole(p)) return assumeRoleStep(input, view, name, p ?? new Map(), visited);
  if (isStatic(p)) return { done: staticOutcome(view, name, p!, chain) };
  if (p?.has('web_identity_token_file') && p.has('role_arn')) {
    const file = p.get('web_identity_token_file')!;
    const unreadable = tokenFileFailure(cache, file.value, 'node');
    if (unreadable) return { done: { kind: 'stop', message: unreadable, chain } };
    return { done: { kind: 'ok', source: 'web-identity', at: file, chain } };
  }
  const proc = p?.get('credential_process');
  if (proc) {
    const check = checkProgram(proc.value, input, cache, true, view.paths.home);
    if (!check.ok) return { done: { kind: 'continue', message: `credential_process failed: ${check.reason}`, chain } };
    return { done: { kind: 'ok', source: 'process', at: proc, chain } };
  }
  if (p && SSO_KEYS.some((k) => p.has(k))) return { done: resolveSso(input, cache, view, name, p, chain) };
  // `aws login` profiles, from @aws-sdk/credential-provider-ini 3.936.0 (isLoginProfile: a non-empty login_session).
  if (p?.get('login_session')?.value && hasBehaviour(input.toolVersions, 'node', 'login'))
    return { done: resolveLogin(input, cache, name, p.get('login_session')!, chain) };
  return {
    done: {
      kind: 'continue',
      message: `Could not resolve credentials using profile: [${name}] in configuration/credentials file(s).`,
      chain,
    },
  };
}

function assumeRoleStep(
  input: EngineInput,
  view: NodeView,
  name: string,
  p: Profile,
  visited: ReadonlySet<string>,
): Step {
  const chain = [name];
  const sourceProfile = p.get('source_profile')?.value;
  if (sourceProfile !== undefined && visited.has(sourceProfile)) {
    const root = input.explicitProfile || input.env.AWS_PROFILE || 'default';
    return {
      done: {
        kind: 'continue',
        message: `Detected a cycle attempting to resolve credentials for profile ${root}. Profiles visited: ${[...visited].join(', ')}`,
        chain,
      },
    };
  }
  if (sourceProfile !== undefined) {
    return {
      role: { name, p },
      next: {
        name: sourceProfile,
        credentialSourceCall: isCredentialSourceWithoutRoleArn(view.merged.get(sourceProfile)),
      },
    };
  }
  const cs = p.get('credential_source')?.value ?? '';
  if (!CREDENTIAL_SOURCES.includes(cs)) {
    return {
      done: {
        kind: 'continue',
        message: `Unsupported credential source in profile ${name}. Got ${cs}, expected EcsContainer or Ec2InstanceMetadata or Environment.`,
        chain,
      },
    };
  }
  return { role: { name, p }, source: credentialSource(input, cs) };
}

function credentialSource(input: EngineInput, cs: string): Outcome {
  const { env } = input;
  const chain: string[] = [];
  if (cs === 'Environment') {
    if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
      return {
        kind: 'ok',
        source: 'env',
        chain,
        credentials: {
          accessKeyId: { kind: 'env', name: 'AWS_ACCESS_KEY_ID', value: env.AWS_ACCESS_KEY_ID },
          secretAccessKey: { kind: 'env', name: 'AWS_SECRET_ACCESS_KEY', value: env.AWS_SECRET_ACCESS_KEY },
          ...(env.AWS_SESSION_TOKEN
            ? { sessionToken: { kind: 'env' as const, name: 'AWS_SESSION_TOKEN', value: env.AWS_SESSION_TOKEN } }
            : {}),
        },
      };
    }
    return { kind: 'continue', message: 'Unable to find environment variable credentials.', chain };
  }
  if (cs === 'EcsContainer') {
    if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI)
      return { kind: 'ok', source: 'container', chain };
    return {
      kind: 'continue',
      message: 'Container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI is not set.',
      chain,
    };
  }
  // Ec2InstanceMetadata: the SDK asks instance metadata whatever AWS_EC2_METADATA_DISABLED says; off
  // EC2 that fails and the chain moves on (the engine, like botocore's prediction, assumes no EC2).
  return {
    kind: 'continue',
    message: `credential_source Ec2InstanceMetadata: instance metadata answers only on EC2 ("Unable to connect to instance metadata service")${imdsDisabled(env) ? '; the SDK asks it even with AWS_EC2_METADATA_DISABLED set' : ''}`,
    chain,
  };
}

function resolveSso(
  input: EngineInput,
  cache: FileCache,
  view: NodeView,
  name: string,
  p: Profile,
  chain: string[],
): Outcome {
  const get = (k: string) => p.get(k)?.value;
  const values: Record<string, string | undefined> = {};
  for (const [k, s] of p) values[k] = s.value;
  const sessionName = get('sso_session');
  let session: Profile | undefined;
  if (sessionName !== undefined) {
    session = view.ssoSessions.get(sessionName);
    if (!session) return { kind: 'stop', message: "Cannot read properties of undefined (reading 'sso_region')", chain };
    values.sso_region = session.get('sso_region')?.value;
    values.sso_start_url = session.get('sso_start_url')?.value;
  }
  const required = ['sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'];
  if (required.some((k) => !values[k])) {
    return {
      kind: 'stop',
      message: `Profile is configured with invalid SSO credentials. Required parameters "sso_account_id", "sso_region", "sso_role_name", "sso_start_url". Got ${Object.keys(values).join(', ')}\nReference: https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html`,
      chain,
    };
  }
  const at = p.get('sso_session') ?? p.get('sso_start_url') ?? p.get('sso_account_id');
  const tokenFile = readSsoToken(cache, view.paths.ssoCacheDir, sessionName ?? values.sso_start_url!);
  const token = tokenFile.token;
  // The SDK compares `new Date(expiresAt)` with the clock: an unparseable or out-of-range value
  // (1e20) is NaN, and every comparison with NaN is false.
  const expiresAt = jsDateMs(token?.expiresAt);
  const expiresIso = isoOf(expiresAt);
  const expiry: Expiry | undefined = expiresIso
    ? { at: expiresIso, from: `SSO token cache ${tokenFile.path} (expiresAt)`, kind: 'sso-token' }
    : undefined;
  if (sessionName !== undefined) {
    if (!token) {
      return {
        kind: 'stop',
        message: `The SSO session token associated with profile=${name} was not found or is invalid. ${REFRESH_MESSAGE}`,
        chain,
      };
    }
    for (const key of ['accessToken', 'expiresAt']) {
      if (!token[key])
        return { kind: 'stop', message: `Value not present for '${key}' in SSO Token. ${REFRESH_MESSAGE}`, chain };
    }
    if (!(expiresAt - input.now > FIVE_MINUTES)) {
      for (const key of ['clientId', 'clientSecret', 'refreshToken']) {
        if (!token[key])
          return {
            kind: 'stop',
            message: `Value not present for '${key}' in SSO Token. Cannot refresh. ${REFRESH_MESSAGE}`,
            chain,
          };
      }
      // A refresh through SSO OIDC would be attempted; it succeeds only if the refresh token is still good.
      return { kind: 'ok', source: 'sso', at, expiry, chain, ssoRegion: values.sso_region };
    }
  } else {
    if (!token)
      return {
        kind: 'stop',
        message: `The SSO session associated with this profile is invalid. ${LEGACY_REFRESH_MESSAGE}`,
        chain,
      };
    if (expiresAt - input.now <= 0) {
      return {
        kind: 'stop',
        message: `The SSO session associated with this profile has expired. ${LEGACY_REFRESH_MESSAGE}`,
        chain,
      };
    }
  }
  return { kind: 'ok', source: 'sso', at, expiry, chain, ssoRegion: values.sso_region };
}

/**
 * credential-provider-login's LoginCredentialsFetcher: the cached access credentials, refreshed
 * through the sign-in service (refresh token + DPoP) within 5 minutes of expiry; any failure to
 * load the token stops the chain (tryNextLink false).
 */
function resolveLogin(input: EngineInput, cache: FileCache, name: string, at: Setting, chain: string[]): Outcome {
  // os.homedir(), not the SDK's getHomeDir: HOME on POSIX, USERPROFILE on Windows.
  const dir = nodeLoginCacheDir(input.env, osHomeDir(input.env, input.fallbackHomeDir, input.platform));
  const file = readLoginToken(cache, dir, at.value);
  const fail = (why: string): Outcome => ({
    kind: 'stop',
    message: `Failed to load token from ${file.path}: ${why}`,
    chain,
  });
  if (file.state === 'missing') return fail(`Error: ENOENT: no such file or directory, open '${file.path}'`);
  if (file.state === 'unreadable') return fail(`Error: EACCES: permission denied, open '${file.path}'`);
  if (file.state === 'malformed' || !file.token) return fail('SyntaxError: the file is not a JSON object');
  const missing = missingLoginFields(file.token, 'node');
  if (missing.length)
    return fail(`CredentialsProviderError: Token validation failed, missing fields: ${missing.join(', ')}`);
  const access = accessTokenOf(file.token)!;
  const expiresAt = parseTimestamp(access.expiresAt);
  const expiry: Expiry | undefined = Number.isNaN(expiresAt)
    ? undefined
    : {
        at: new Date(expiresAt).toISOString(),
        from: `aws login token cache ${file.path} (accessToken.expiresAt)`,
        kind: 'login-token',
      };
  const key = typeof access.accessKeyId === 'string' ? { path: file.path, value: access.accessKeyId } : undefined;
  // Within 5 minutes of expiry the SDK refreshes through the sign-in service: it works while the refresh token does.
  return { kind: 'ok', source: 'login', at, expiry, chain, cacheKeyId: key };
}

function regionNotAccepted(region: string): string {
  return `Region not accepted: region="${region}" is not a valid hostname component.`;
}

/**
 * The inner STS or SSO client that fetches role, web-identity and SSO credentials refuses a region
 * that is not a host label. STS takes the role profile's own region, else the caller's region
 * (AWS_REGION, the profile's region); SSO takes sso_region.
 */
function refusedClientRegion(
  o: Outcome & { kind: 'ok' },
  view: NodeView,
  profile: string,
  callerRegion: string | undefined,
): string | undefined {
  let region: string | undefined;
  if (o.source === 'assume-role' || o.source === 'web-identity')
    region = view.merged.get(o.chain[0] ?? profile)?.get('region')?.value ?? callerRegion;
  else if (o.source === 'sso') region = o.ssoRegion;
  return region !== undefined && !isValidHostLabel(region) ? regionNotAccepted(region) : undefined;
}

/** Region as a JS client resolves it: AWS_REGION, then the profile's region (credentials file first). */
function nodeRegion(
  input: EngineInput,
  view: NodeView,
  profile: string,
): { value: string | null; from: string | null; raw?: string; refused?: { value: string; from: string } } {
  const fromCredentials = view.credentialsProfiles.get(profile)?.get('region');
  const fromConfig = view.configProfiles.get(profile)?.get('region');
  const s = fromCredentials ?? fromConfig;
  const found =
    input.env.AWS_REGION !== undefined
      ? { value: input.env.AWS_REGION, from: 'AWS_REGION' }
      : s
        ? { value: s.value, from: `${s.file}:${s.line}` }
        : undefined;
  // A client refuses a region that is not a host label ("Region not accepted"): it then has none.
  if (!found) return { value: null, from: null };
  if (!isValidHostLabel(found.value)) return { value: null, from: null, raw: found.value, refused: found };
  return { ...found, raw: found.value };
}

/** @smithy/core's isValidHostLabel, which every JavaScript client applies to its region. */
export function isValidHostLabel(value: string): boolean {
  return /^(?!.*-$)(?!-)[a-zA-Z0-9-]{1,63}$/.test(value);
}
