/** Timestamps as the tools parse them, and the expiry keys that brokers write into profiles. */
import type { Setting } from './model';
import type { Expiry } from './toolResolution';

/** Parses a timestamp as the tools do (ISO 8601; also the CLI's old `...UTC` form). NaN when unparseable. */
export function parseTimestamp(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return NaN;
  const v = value.trim();
  const t = Date.parse(v);
  if (!Number.isNaN(t)) return t;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*UTC$/.exec(v);
  return m ? Date.parse(`${m[1]}T${m[2]}Z`) : NaN;
}

/** Keys that tools such as saml2aws write next to temporary keys to record when they expire (no SDK reads them). */
export const EXPIRY_KEYS = ['x_security_token_expires', 'aws_expiration', 'aws_session_expiration', 'expiration', 'aws_credential_expiration'] as const;

export function expiryFromProfile(profile: ReadonlyMap<string, Setting>, pathOf: (s: Setting) => string): Expiry | undefined {
  for (const key of EXPIRY_KEYS) {
    const s = profile.get(key);
    if (!s) continue;
    const t = parseTimestamp(s.value);
    if (!Number.isNaN(t)) return { at: new Date(t).toISOString(), from: `${key} on line ${s.line} of ${pathOf(s)}`, kind: 'file-key' };
  }
  return undefined;
}
