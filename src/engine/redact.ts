/**
 * The one place secrets are masked. Everything the engine lets out (reports, messages, logs,
 * explanations) goes through `redact`. Access key ids keep their last four characters, as the
 * AWS CLI shows them; secret keys, session tokens and SSO tokens are replaced entirely.
 */

const MASK = '****';

/** Access key ids and the other IAM unique ids (AKIA…, ASIA…, AIDA…, AROA…). */
const ACCESS_KEY_ID = /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AGPA|AIPA|ANPA|ANVA|APKA|ASCA)[A-Z0-9]{12,124}\b/g;
/** 40-character secret access keys: base64-like, with at least one upper-case letter (so sha1 hex digests survive). */
const SECRET_KEY = /(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]{0,39}[A-Z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/g;
/** Session tokens and other long opaque credentials. */
const LONG_TOKEN = /[A-Za-z0-9/+=]{100,}/g;

/** `AKIAIOSFODNN7EXAMPLE` → `****************MPLE` (the AWS CLI's own masking). */
export function maskAccessKeyId(id: string): string {
  if (id.length <= 4) return MASK;
  return '*'.repeat(16) + id.slice(-4);
}

/** What a secret value, written in a message, is delimited by. */
const TOKEN = /[^\s"'`,;()<>[\]{}]+/g;

export class Redactor {
  /** Secrets that are single tokens: looked up per token of the text. */
  private readonly tokens = new Set<string>();
  /** Secrets with spaces or delimiters inside: replaced by substring. */
  private readonly phrases = new Set<string>();

  /** Remembers a value that must never appear (secrets, tokens). Values shorter than 4 characters are masked only by pattern. */
  add(value: string | undefined): this {
    if (!value) return this;
    for (const v of [value, value.trim()]) {
      if (v.length < 4) continue;
      TOKEN.lastIndex = 0;
      const whole = TOKEN.exec(v);
      if (whole && whole[0] === v) this.tokens.add(v);
      else this.phrases.add(v);
    }
    return this;
  }

  redact(text: string): string {
    for (const p of this.phrases) if (text.includes(p)) text = text.split(p).join(MASK);
    if (this.tokens.size > 0) text = text.replace(TOKEN, (t) => this.maskToken(t));
    return redact(text);
  }

  /** A token is masked when it is a secret, or ends in one after `=` or `:`, before trailing punctuation. */
  private maskToken(t: string): string {
    const trailing = /[.,:!?]+$/.exec(t);
    const body = trailing ? t.slice(0, trailing.index) : t;
    const tail = trailing ? trailing[0] : '';
    if (this.tokens.has(t)) return MASK;
    if (this.tokens.has(body)) return MASK + tail;
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if ((c === '=' || c === ':') && this.tokens.has(body.slice(i + 1))) return body.slice(0, i + 1) + MASK + tail;
    }
    return t;
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
