/** Timestamps as the tools parse them, and the expiry keys that brokers write into profiles. */
import type { Setting } from './model';
import type { Expiry } from './toolResolution';

/** The range of a JavaScript Date (ECMAScript TimeClip, ±8.64e15 ms): outside it nothing can be printed or compared. */
const MAX_TIME_MS = 8.64e15;

/**
 * Parses a timestamp as the tools do (ISO 8601; also the CLI's old `...UTC` form). NaN when
 * unparseable or out of a Date's range (`1e20`), so that no caller ever builds an Invalid Date.
 */
export function parseTimestamp(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= MAX_TIME_MS ? value : NaN;
  if (typeof value !== 'string' || value.trim() === '') return NaN;
  const v = value.trim();
  const t = Date.parse(v);
  if (!Number.isNaN(t)) return t;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*UTC$/.exec(v);
  return m ? Date.parse(`${m[1]}T${m[2]}Z`) : NaN;
}

/**
 * `new Date(value).getTime()`, which is what the JavaScript SDK compares with the clock: NaN for
 * an unparseable or out-of-range value (and every comparison with NaN is false, so the SDK then
 * treats the value as "not expired").
 */
export function jsDateMs(value: unknown): number {
  // JSON values only (the token file was parsed): the Date constructor never throws on them.
  return new Date(value as string).getTime();
}

/** ISO 8601 of a time, or undefined when it is not a valid time (never throws, unlike toISOString). */
export function isoOf(ms: number): string | undefined {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS ? new Date(ms).toISOString() : undefined;
}

/**
 * What `dateutil.parser.parse` (botocore's SSO token reader) raises on a value, or undefined when
 * it parses. `rawJson` is the file's text, to tell a JSON integer from a float as Python does.
 */
export function pyDateutilError(value: unknown, rawJson?: string): string | undefined {
  if (typeof value === 'number') {
    const literal = rawJson ? /"expiresAt"\s*:\s*(-?[\d.eE+-]+)/.exec(rawJson)?.[1] : undefined;
    return `Parser must be a string or character stream, not ${literal !== undefined ? (/[.eE]/.test(literal) ? 'float' : 'int') : Number.isInteger(value) ? 'int' : 'float'}`;
  }
  if (typeof value !== 'string')
    return `Parser must be a string or character stream, not ${value === null ? 'NoneType' : Array.isArray(value) ? 'list' : typeof value === 'boolean' ? 'bool' : 'dict'}`;
  const year = /^\s*(\d{5,})-/.exec(value);
  if (year) return `year ${year[1].replace(/^0+/, '')} is out of range: ${value}`;
  const range = fieldOutOfRange(value);
  if (range) return `${range}: ${value}`;
  if (Number.isNaN(parseTimestamp(value)))
    return value.trim() === '' ? `String does not contain a date: ${value}` : `Unknown string format: ${value}`;
  return undefined;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The ValueError Python's datetime raises for an ISO 8601 date whose fields are out of range, in
 * the order it checks them, which dateutil passes on ("day is out of range for month"). V8's
 * Date.parse accepts a day past the month's end and rolls it over (2026-02-30 is 2 March), so the
 * two readings of one value differ: botocore fails, the JavaScript SDK goes on with another day.
 */
function fieldOutOfRange(value: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  if (year === 0) return 'year 0 is out of range';
  if (month < 1 || month > 12) return 'month must be in 1..12';
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day < 1 || day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return 'day is out of range for month';
  if (hour > 23) return 'hour must be in 0..23';
  if (minute > 59) return 'minute must be in 0..59';
  if (second > 59) return 'second must be in 0..59';
  return undefined;
}

/** Keys that tools such as saml2aws write next to temporary keys to record when they expire (no SDK reads them). */
export const EXPIRY_KEYS = [
  'x_security_token_expires',
  'aws_expiration',
  'aws_session_expiration',
  'expiration',
  'aws_credential_expiration',
] as const;

export function expiryFromProfile(
  profile: ReadonlyMap<string, Setting>,
  pathOf: (s: Setting) => string,
): Expiry | undefined {
  for (const key of EXPIRY_KEYS) {
    const s = profile.get(key);
    if (!s) continue;
    const at = isoOf(parseTimestamp(s.value));
    if (at) return { at, from: `${key} on line ${s.line} of ${pathOf(s)}`, kind: 'file-key' };
  }
  return undefined;
}
