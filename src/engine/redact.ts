/**
 * The one place secrets are masked. Everything the engine lets out (reports, messages, logs,
 * explanations) goes through `redact`. Access key ids keep their last four characters, as the
 * AWS CLI shows them; secret keys, session tokens and SSO tokens are replaced entirely.
 */

const MASK = '****';

/** Access key ids and the other IAM unique ids (AKIA…, ASIA…, AIDA…, AROA…). */
const ACCESS_KEY_ID = /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AGPA|AIPA|ANPA|ANVA|APKA|ASCA)[A-Z0-9]{12,124}\b/g;
/** 40-character secret access keys: base64-like, with at least one upper-case letter (so sha1 hex digests survive). */
const SECRET_KEY = /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]{0,39}[A-Z])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g;
/** Session tokens and other long opaque credentials. */
const LONG_TOKEN = /[A-Za-z0-9/+=]{100,}/g;

/** `AKIAIOSFODNN7EXAMPLE` → `****************MPLE` (the AWS CLI's own masking). */
export function maskAccessKeyId(id: string): string {
  if (id.length <= 4) return MASK;
  return '*'.repeat(Math.min(16, id.length - 4)) + id.slice(-4);
}

export class Redactor {
  private readonly known: string[] = [];

  /** Remembers a value that must never appear (secrets, tokens). Values shorter than 4 characters are masked only by pattern. */
  add(value: string | undefined): this {
    if (value && value.trim().length >= 4 && !this.known.includes(value)) {
      this.known.push(value);
      const trimmed = value.trim();
      if (trimmed !== value && !this.known.includes(trimmed)) this.known.push(trimmed);
      this.known.sort((a, b) => b.length - a.length);
    }
    return this;
  }

  redact(text: string): string {
    return redact(text, this.known);
  }
}

/**
 * Masks secrets in any text: every known secret value, then anything shaped like a session
 * token, a secret key or an access key id.
 */
export function redact(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) if (secret && out.includes(secret)) out = out.split(secret).join(MASK);
  return out
    .replace(LONG_TOKEN, MASK)
    .replace(SECRET_KEY, MASK)
    .replace(ACCESS_KEY_ID, (id) => maskAccessKeyId(id));
}
