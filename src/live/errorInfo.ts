/**
 * What an error thrown by the SDK, STS or Node says, as plain data (the child sends it to the
 * parent). Pure: reads properties only, imports nothing.
 */
import type { ErrorInfo } from './protocol';

/** Longer messages are cut: an error can quote a whole (hostile) response body. */
export const MAX_MESSAGE_CHARS = 2000;

export function describeError(e: unknown): ErrorInfo {
  const status = (e as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  const net = networkCode(e);
  return {
    code: errorCode(e),
    message: cut(errorMessage(e)),
    ...(typeof status === 'number' ? { httpStatus: status } : {}),
    ...(net ? { networkCode: net } : {}),
  };
}

/** At most MAX_MESSAGE_CHARS characters, the cut marked. */
export function cut(text: string, max = MAX_MESSAGE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

export function errorCode(e: unknown): string {
  if (e && typeof e === 'object') {
    const o = e as { Code?: unknown; name?: unknown; code?: unknown };
    if (typeof o.Code === 'string' && o.Code) return cut(o.Code, 200);
    // Node's network errors are plain Errors with the useful part in `code` (ECONNREFUSED, …).
    if ((o.name === 'Error' || o.name === undefined) && typeof o.code === 'string' && o.code) return cut(o.code, 200);
    if (typeof o.name === 'string' && o.name) return cut(o.name, 200);
  }
  return 'Error';
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string')
    return (e as { message: string }).message;
  return String(e);
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** A network-level cause anywhere in the `cause` chain (cycles are safe). */
export function networkCode(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (let x: unknown = e; x && typeof x === 'object' && !seen.has(x); x = (x as { cause?: unknown }).cause) {
    seen.add(x);
    const o = x as { code?: unknown; name?: unknown };
    if (
      typeof o.code === 'string' &&
      (NETWORK_CODES.has(o.code) || o.code.startsWith('ERR_TLS') || o.code.startsWith('ERR_SSL'))
    )
      return o.code;
    if (o.name === 'TimeoutError' || o.name === 'RequestTimeout') return String(o.name);
  }
  return undefined;
}
