/** The engine's hashes (FileSystemHost.hash) from node:crypto, loaded on first use. */
import type * as Crypto from 'node:crypto';
import type { HashAlgorithm } from '../engine/core/host';

let crypto: typeof Crypto | undefined;

/** The lowercase hex digest of a string's UTF-8 bytes. */
export function nodeHash(algorithm: HashAlgorithm, text: string): string {
  // Loaded here: most homes name no cache file, and a diagnosis that needs none does not load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  crypto ??= require('node:crypto') as typeof Crypto;
  return crypto.createHash(algorithm).update(text, 'utf8').digest('hex');
}

export const sha1Hex = (text: string): string => nodeHash('sha1', text);
export const sha256Hex = (text: string): string => nodeHash('sha256', text);
