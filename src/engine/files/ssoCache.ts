/** The SSO token cache that `aws sso login` writes and every tool reads. */
import type { FileCache } from './awsFiles';
import { joinPath } from './paths';

export interface SsoTokenFile {
  readonly path: string;
  /** Undefined when the file is missing or not JSON. */
  readonly token?: Readonly<Record<string, unknown>>;
}

/** `~/.aws/sso/cache/<sha1(session name or start url)>.json`, the same for every tool (semantics §1.8). */
export function readSsoToken(cache: FileCache, cacheDir: string, id: string): SsoTokenFile {
  const name = `${cache.host.hash('sha1', id)}.json`;
  const path = joinPath(cacheDir, name);
  // The directory is listed once: a config of many SSO profiles costs one listing, not one open per profile.
  if (!listedIn(cache, cacheDir, name)) return { path };
  const text = cache.text(path, 'sso-token');
  if (text === undefined) return { path };
  try {
    const token = JSON.parse(text) as unknown;
    return token && typeof token === 'object' && !Array.isArray(token)
      ? { path, token: token as Record<string, unknown> }
      : { path };
  } catch {
    return { path };
  }
}

/** The names in the cache directory (listed once per diagnosis), or undefined when it cannot be listed but is there. */
function cacheNames(cache: FileCache, dir: string): ReadonlySet<string> | undefined {
  return cache.memo(`dir\u0000${dir}`, () => {
    const list = cache.host.readDir(dir);
    if (list) return new Set(list);
    return cache.stat(dir) ? undefined : new Set<string>();
  });
}

/** Whether `name` may be in `dir`: false only when the directory was listed (or is not there) without it. */
function listedIn(cache: FileCache, dir: string, name: string): boolean {
  const names = cacheNames(cache, dir);
  return names === undefined || names.has(name);
}

/** True when the SSO cache holds no file at all (nobody signed in here): no token needs looking up. */
export function ssoCacheIsEmpty(cache: FileCache, dir: string): boolean {
  return cacheNames(cache, dir)?.size === 0;
}
