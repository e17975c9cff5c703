/**
 * The token cache `aws login` writes: `~/.aws/login/cache/<sha256(login_session)>.json`, or that
 * file under AWS_LOGIN_CACHE_DIRECTORY. It holds the access credentials (about 15 minutes, refreshed
 * by the SDKs with the refresh token and the DPoP key it also holds).
 */
import type { FileCache } from './awsFiles';
import type { Environment, Platform } from '../core/host';
import { joinPath, osHomeDir, pyExpandUser, pyExpandVars } from './paths';

/** The JavaScript SDK: AWS_LOGIN_CACHE_DIRECTORY as written (no `~`), else os.homedir()/.aws/login/cache. */
export function nodeLoginCacheDir(env: Environment, osHome: string): string {
  return env.AWS_LOGIN_CACHE_DIRECTORY ?? joinPath(osHome, '.aws', 'login', 'cache');
}

/** botocore: AWS_LOGIN_CACHE_DIRECTORY through expandvars and expanduser, else ~/.aws/login/cache. */
export function botocoreLoginCacheDir(env: Environment, home: string, platform: Platform = 'posix'): string {
  const dir =
    env.AWS_LOGIN_CACHE_DIRECTORY !== undefined
      ? pyExpandVars(env.AWS_LOGIN_CACHE_DIRECTORY, env, platform)
      : '~/.aws/login/cache';
  return pyExpandUser(dir, home, platform);
}

/**
 * The cache directory a tool reads: the JavaScript SDK's under os.homedir() (HOME on POSIX,
 * USERPROFILE on Windows: not the SDK's getHomeDir), botocore's and the AWS CLI's under their own
 * home (`pyHome`, Python's expanduser).
 */
export function loginCacheDirFor(
  tool: 'node' | 'python' | 'cli',
  env: Environment,
  fallbackHome: string,
  pyHome: string,
  platform: Platform | undefined,
): string {
  return tool === 'node'
    ? nodeLoginCacheDir(env, osHomeDir(env, fallbackHome, platform))
    : botocoreLoginCacheDir(env, pyHome, platform);
}

export interface LoginTokenFile {
  readonly path: string;
  /** missing: no such file; unreadable: no permission or not a file; malformed: not a JSON object. */
  readonly state: 'ok' | 'missing' | 'unreadable' | 'malformed';
  readonly token?: Readonly<Record<string, unknown>>;
  /** POSIX mode bits of the file, when it exists. */
  readonly mode?: number;
}

/** `~/.aws/login/cache/<sha256(login session)>.json`. */
export function readLoginToken(cache: FileCache, dir: string, session: string): LoginTokenFile {
  const path = joinPath(dir, `${cache.host.hash('sha256', session)}.json`);
  const stat = cache.stat(path);
  if (!stat) return { path, state: 'missing' };
  const text = stat.isFile ? cache.text(path) : undefined;
  if (text === undefined) return { path, state: 'unreadable', mode: stat.mode };
  try {
    const token = JSON.parse(text) as unknown;
    if (token && typeof token === 'object' && !Array.isArray(token))
      return { path, state: 'ok', token: token as Record<string, unknown>, mode: stat.mode };
  } catch {
    // below
  }
  return { path, state: 'malformed', mode: stat.mode };
}

/** The access credentials in a token (`accessToken {accessKeyId, secretAccessKey, sessionToken, accountId, expiresAt}`). */
export function accessTokenOf(
  token: Readonly<Record<string, unknown>> | undefined,
): Readonly<Record<string, unknown>> | undefined {
  const a = token?.accessToken;
  return a && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, unknown>) : undefined;
}

/** The fields each tool refuses a token without (the JavaScript SDK: truthy values; botocore: present keys). */
export function missingLoginFields(token: Readonly<Record<string, unknown>>, tool: 'node' | 'botocore'): string[] {
  if (tool === 'botocore') return ['accessToken', 'refreshToken', 'dpopKey', 'clientId'].filter((k) => !(k in token));
  const missing = ['accessToken', 'clientId', 'refreshToken', 'dpopKey'].filter((k) => !token[k]);
  if (!accessTokenOf(token)?.accountId) missing.push('accountId');
  return missing;
}

/** Every secret a token holds, for the redactor. */
export function loginSecrets(token: Readonly<Record<string, unknown>> | undefined): string[] {
  const a = accessTokenOf(token);
  return [a?.secretAccessKey, a?.sessionToken, token?.refreshToken, token?.idToken, token?.dpopKey].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
}
