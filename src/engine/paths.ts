/**
 * Where each tool looks for its files. The JavaScript SDK expands only a leading `~/`
 * (semantics §1.4); botocore runs `os.path.expandvars` then `os.path.expanduser` (§2.3).
 */
import type { Environment } from './host';

export function joinPath(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  return joined.replace(/\/+/g, '/');
}

/** The SDK's getHomeDir: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, then os.homedir(). */
export function nodeHomeDir(env: Environment, fallback: string): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:\\'}${env.HOMEPATH}`;
  return fallback;
}

/** Python's os.path.expanduser on POSIX (HOME, else the password database entry). */
export function pyHomeDir(env: Environment, fallback: string): string {
  return env.HOME !== undefined ? env.HOME : fallback;
}

/** Python's posixpath.expandvars: `$NAME` and `${NAME}` replaced when NAME is set, else left as written. */
export function pyExpandVars(path: string, env: Environment): string {
  if (!path.includes('$')) return path;
  return path.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name;
    const value = env[key];
    return value === undefined ? whole : value;
  });
}

/** Python's posixpath.expanduser for `~` and `~/...` (other users' `~name` are left as written). */
export function pyExpandUser(path: string, home: string): string {
  if (path === '~') return home || '/';
  if (!path.startsWith('~/')) return path;
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

export function nodePaths(env: Environment, fallbackHome: string): ToolPaths {
  const home = nodeHomeDir(env, fallbackHome);
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

export function botocorePaths(env: Environment, fallbackHome: string): ToolPaths {
  const home = pyHomeDir(env, fallbackHome);
  const expand = (p: string) => pyExpandUser(pyExpandVars(p, env), home);
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
