/** The SSO token cache that `aws sso login` writes and every tool reads. */
import type { FileCache } from './awsFiles';
import { joinPath } from './paths';
import { sha1Hex } from './sha1';

/** `~/.aws/sso/cache/<sha1(session name or start url)>.json`, the same for every tool (semantics §1.8). */
export function ssoTokenPath(cacheDir: string, id: string): string {
  return joinPath(cacheDir, `${sha1Hex(id)}.json`);
}

export interface SsoTokenFile {
  readonly path: string;
  /** Undefined when the file is missing or not JSON. */
  readonly token?: Readonly<Record<string, unknown>>;
}

export function readSsoToken(cache: FileCache, cacheDir: string, id: string): SsoTokenFile {
  const path = ssoTokenPath(cacheDir, id);
  const text = cache.text(path, 'sso-token');
  if (text === undefined) return { path };
  try {
    const token = JSON.parse(text) as unknown;
    return token && typeof token === 'object' && !Array.isArray(token) ? { path, token: token as Record<string, unknown> } : { path };
  } catch {
    return { path };
  }
}
