/**
 * Where each tool looks for its files. The JavaScript SDK expands only a leading `~/`
 * (semantics §1.4); botocore runs `os.path.expandvars` then `os.path.expanduser` (§2.3).
 */
import type { Environment, Platform } from '../core/host';

export function joinPath(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  return joined.replace(/\/+/g, '/');
}

/**
 * The SDK's getHomeDir (@smithy/core): HOME, USERPROFILE, HOMEDRIVE+HOMEPATH (HOMEDRIVE defaulting
 * to `C:` and the platform's separator), then os.homedir(). The same order on every platform.
 */
export function nodeHomeDir(env: Environment, fallback: string, platform: Platform = 'posix'): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? (platform === 'win32' ? 'C:\\' : 'C:/')}${env.HOMEPATH}`;
  return fallback;
}

/**
 * Node's os.homedir() (libuv's uv_os_homedir), which the JavaScript SDK uses for the `aws login`
 * cache: HOME on POSIX; USERPROFILE on Windows, where HOME is ignored; else the account's home.
 */
export function osHomeDir(env: Environment, fallback: string, platform: Platform = 'posix'): string {
  return (platform === 'win32' ? env.USERPROFILE : env.HOME) || fallback;
}

/**
 * Python's os.path.expanduser: posixpath reads HOME (else the password database entry); ntpath
 * (Python 3.8 and later) ignores HOME and reads USERPROFILE, else HOMEDRIVE + HOMEPATH.
 */
export function pyHomeDir(env: Environment, fallback: string, platform: Platform = 'posix'): string {
  if (platform !== 'win32') return env.HOME !== undefined ? env.HOME : fallback;
  if (env.USERPROFILE !== undefined) return env.USERPROFILE;
  if (env.HOMEPATH !== undefined) return ntJoin(env.HOMEDRIVE ?? '', env.HOMEPATH);
  return fallback;
}

/** ntpath.join of a drive and a path (enough for HOMEDRIVE + HOMEPATH). */
function ntJoin(drive: string, rest: string): string {
  if (!drive || /^[\\/]/.test(rest) || /[\\/:]$/.test(drive)) return drive + rest;
  return `${drive}\\${rest}`;
}

/**
 * Python's os.path.expandvars: `$NAME` and `${NAME}` replaced when NAME is set, else left as
 * written; ntpath also replaces `%NAME%` (and reads Windows variable names case-insensitively).
 */
export function pyExpandVars(path: string, env: Environment, platform: Platform = 'posix'): string {
  if (platform === 'win32') {
    if (!path.includes('$') && !path.includes('%')) return path;
    const get = (name: string) =>
      env[name] ?? Object.entries(env).find(([k]) => k.toUpperCase() === name.toUpperCase())?.[1];
    return path.replace(/%([^%]+)%|\$(\w+|\{[^}]*\})/g, (whole, pct: string | undefined, name: string | undefined) => {
      const key = pct ?? (name!.startsWith('{') ? name!.slice(1, -1) : name!);
      const value = get(key);
      return value === undefined ? whole : value;
    });
  }
  if (!path.includes('$')) return path;
  return path.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name;
    const value = env[key];
    return value === undefined ? whole : value;
  });
}

/** Python's expanduser for `~` and `~/...` (ntpath also `~\\...`; other users' `~name` are left as written). */
export function pyExpandUser(path: string, home: string, platform: Platform = 'posix'): string {
  if (path === '~') return home || '/';
  if (platform === 'win32' && path.startsWith('~\\')) return home + path.slice(1);
  if (!path.startsWith('~/')) return path;
  if (platform === 'win32') return home + path.slice(1);
  const base = home.replace(/\/+$/, '');
  return (base || '') + path.slice(1);
}

export interface ToolPaths {
  readonly config: string;
  readonly credentials: string;
  /** The file the JavaScript SDK reads `[sso-session]` sections from: the config path with no `~/` expansion. */
  readonly ssoSessionConfig: string;
  readonly ssoCacheDir: string;
  readonly cliCacheDir: string;
  readonly home: string;
}

export function nodePaths(env: Environment, fallbackHome: string, platform: Platform = 'posix'): ToolPaths {
  const home = nodeHomeDir(env, fallbackHome, platform);
  const rawConfig = env.AWS_CONFIG_FILE || joinPath(home, '.aws', 'config');
  const rawCredentials = env.AWS_SHARED_CREDENTIALS_FILE || joinPath(home, '.aws', 'credentials');
  const expand = (p: string) => (p.startsWith('~/') ? joinPath(home, p.slice(2)) : p);
  return {
    config: expand(rawConfig),
    credentials: expand(rawCredentials),
    ssoSessionConfig: rawConfig,
    ssoCacheDir: joinPath(home, '.aws', 'sso', 'cache'),
    cliCacheDir: joinPath(home, '.aws', 'cli', 'cache'),
    home,
  };
}

export function botocorePaths(env: Environment, fallbackHome: string, platform: Platform = 'posix'): ToolPaths {
  const home = pyHomeDir(env, fallbackHome, platform);
  const expand = (p: string) => pyExpandUser(pyExpandVars(p, env, platform), home, platform);
  const config = expand(env.AWS_CONFIG_FILE ?? '~/.aws/config');
  return {
    config,
    credentials: expand(env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials'),
    ssoSessionConfig: config,
    ssoCacheDir: expand('~/.aws/sso/cache'),
    cliCacheDir: expand('~/.aws/cli/cache'),
    home,
  };
}
