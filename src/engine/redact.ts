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
/** Session tokens and other long opaque credentials, URL-encoded ones included (`%2F`, `%2B`, `%3D`). */
const LONG_TOKEN = /(?:[A-Za-z0-9/+=]|%[0-9A-Fa-f]{2}){100,}/g;

/**
 * Names whose value is a credential, in any spelling the tools, the services and pasted text use:
 * `aws_session_token`, `SessionToken`, `X-Amz-Security-Token`, `X-Amz-Signature`, `password`,
 * `refreshToken`, `client_secret`... The bare words "token" and "secret" count only when quoted as
 * a JSON key or followed by "=", so that "SSO Token: Token for x does not exist" stays readable.
 */
const SECRET_NAME =
  '(?:aws[_-]?)?(?:secret[_-]?access[_-]?key|secret[_-]?key|session[_-]?token|security[_-]?token|x-amz-security-token|x-amz-signature|signature|' +
  'password|passwd|pwd|passphrase|access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|api[_-]?key|private[_-]?key|container[_-]?authorization[_-]?token)';
/** `"SessionToken": "…"`, `'password': '…'` (JSON, Python and JavaScript literals). */
const QUOTED_SECRET = new RegExp(`(["'])(${SECRET_NAME}|token|secret)\\1(\\s*[:=]\\s*)(["'])((?:\\\\.|(?!\\4)[^\\\\\\n])*)\\4`, 'gi');
/** `<SessionToken>…</SessionToken>` (XML bodies of STS and the other query APIs). */
const XML_SECRET = new RegExp(`<(${SECRET_NAME})>([^<]*)</\\1>`, 'gi');
/** `aws_session_token = …`, `?X-Amz-Security-Token=…&`, `password: …`, `secret=…`, and the URL-encoded `=` (`%3D`). */
const KEYED_SECRET = new RegExp(`(^|[^A-Za-z0-9_-])(${SECRET_NAME}(?=\\s*(?:[=:]|%3[dD]))|(?:token|secret)(?=\\s*(?:=|%3[dD])))(\\s*(?:[=:]|%3[dD])\\s*)([^\\s&"'<>,;)\\]}]+)`, 'gi');
/** `Authorization: Bearer …` / `Basic …` (an AWS SigV4 header keeps its Credential, its Signature is masked above). */
const AUTHORIZATION = /(\bAuthorization\s*[:=]\s*)(?!AWS4-HMAC-SHA256)(?:(Bearer|Basic|Token|Digest|Negotiate)\s+)?([^\s"',;]+)/gi;
/** A 40-character secret key right after an access key id (`AKIA…,wJalr…`), even without an upper-case letter. */
const SECRET_AFTER_KEY_ID = /(\b(?:AKIA|ASIA)[A-Z0-9]{16}[^A-Za-z0-9/+\n]{1,20})([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/g;

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

  /** The values remembered, to carry the redactor to another thread (a new Redactor given them masks the same). */
  values(): string[] {
    return [...this.tokens, ...this.phrases];
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
 * Masks secrets in any text: every known secret value; the value of every key that names a
 * credential, whatever its encoding (key=value, URL query parameters, JSON, XML, Authorization
 * headers); then anything shaped like a session token, a secret key or an access key id.
 */
export function redact(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) if (secret && out.includes(secret)) out = out.split(secret).join(MASK);
  return out
    .replace(QUOTED_SECRET, (_m, q: string, name: string, sep: string, vq: string, value: string) => `${q}${name}${q}${sep}${vq}${value ? MASK : ''}${vq}`)
    .replace(XML_SECRET, (_m, name: string, value: string) => `<${name}>${value.trim() ? MASK : value}</${name}>`)
    .replace(KEYED_SECRET, (_m, lead: string, name: string, sep: string, value: string) => `${lead}${name}${sep}${MASK}${/[.!?:]*$/.exec(value)![0]}`)
    .replace(AUTHORIZATION, (_m, head: string, scheme: string | undefined) => `${head}${scheme ? `${scheme} ` : ''}${MASK}`)
    .replace(SECRET_AFTER_KEY_ID, (_m, lead: string) => `${lead}${MASK}`)
    .replace(LONG_TOKEN, MASK)
    .replace(SECRET_KEY, MASK)
    .replace(ACCESS_KEY_ID, (id) => maskAccessKeyId(id));
}
