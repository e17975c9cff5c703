/** The AWS CLI's credential cache (`~/.aws/cli/cache`), where assumed-role and SSO role credentials are kept. */
import type { FileCache } from './awsFiles';
import { joinPath } from './paths';
import { parseTimestamp } from '../core/timestamps';
import type { Expiry } from '../core/toolResolution';

/** Reads one AWS CLI credential cache entry (`~/.aws/cli/cache/<key>.json`) and returns its expiry. */
export function cliCacheExpiry(cache: FileCache, cacheDir: string, key: string): Expiry | undefined {
  const path = joinPath(cacheDir, `${key.replace(/[:/]/g, '_')}.json`);
  const text = cache.text(path, 'cli-cache');
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as { Credentials?: { Expiration?: unknown } };
    const t = parseTimestamp(data?.Credentials?.Expiration);
    if (Number.isNaN(t)) return undefined;
    return { at: new Date(t).toISOString(), from: `AWS CLI credential cache ${path}`, kind: 'cli-cache' };
  } catch {
    return undefined;
  }
}
