/**
 * The one place secrets are masked. Everything the engine lets out (reports, messages, logs,
 * explanations) goes through `redact`. Access key ids keep their last four characters, as the
 * AWS CLI shows them; secret keys, session tokens and SSO tokens are replaced entirely.
 */

const MASK = '****';

/** Access key ids and the other IAM unique ids (AKIA…, ASIA…, AIDA…, AROA…). */
const ACCESS_KEY_ID =
  /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AGPA|AIPA|ANPA|ANVA|APKA|ASCA)[A-Z0-9]{12,124}\b/g;
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
const QUOTED_SECRET = new RegExp(
  `(["'])(${SECRET_NAME}|token|secret)\\1(\\s*[:=]\\s*)(["'])((?:\\\\.|(?!\\4)[^\\\\\\n])*)\\4`,
  'gi',
);
/** `<SessionToken>…</SessionToken>` (XML bodies of STS and the other query APIs). */
const XML_SECRET = new RegExp(`<(${SECRET_NAME})>([^<]*)</\\1>`, 'gi');
/**
 * `aws_session_token = …`, `?X-Amz-Security-Token=…&`, `password: …`, `secret=…`, and the URL-encoded `=` (`%3D`).
 * Not a permission level (`id-token: write` in a GitHub Actions workflow pasted with its error).
 */
const KEYED_SECRET = new RegExp(
  `(^|[^A-Za-z0-9_-])(${SECRET_NAME}(?=\\s*(?:[=:]|%3[dD]))|(?:token|secret)(?=\\s*(?:=|%3[dD])))(\\s*(?:[=:]|%3[dD])\\s*)(?!(?:write|read|none)(?![^\\s&"'<>,;)\\]}]))([^\\s&"'<>,;)\\]}]+)`,
  'gi',
);
/** `Authorization: Bearer …` / `Basic …` (an AWS SigV4 header keeps its Credential, its Signature is masked above). */
const AUTHORIZATION =
  /(\bAuthorization\s*[:=]\s*)(?!AWS4-HMAC-SHA256)(?:(Bearer|Basic|Token|Digest|Negotiate)\s+)?([^\s"',;]+)/gi;
/** A 40-character secret key right after an access key id (`AKIA…,wJalr…`), even without an upper-case letter. */
const SECRET_AFTER_KEY_ID = /(\b(?:AKIA|ASIA)[A-Z0-9]{16}[^A-Za-z0-9/+\n]{1,20})([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/g;

/** `AKIAIOSFODNN7EXAMPLE` → `****************MPLE` (the AWS CLI's own masking). */
export function maskAccessKeyId(id: string): string {
  if (id.length <= 4) return MASK;
  return '*'.repeat(16) + id.slice(-4);
}

/** How many first characters index a secret for the search inside longer tokens (shorter secrets: whole tokens only). */
const INSIDE = 8;

/** What every pattern of `redact` needs in a text under 16 characters (see Redactor.mayHold). */
const SHORT_SECRET_GATE = /[=:%<"']/;

/** What a secret value, written in a message, is delimited by. */
const TOKEN = /[^\s"'`,;()<>[\]{}]+/g;
/** The punctuation a secret may be followed by in a sentence (`key=SECRET.`). */
const TRAILING = '.,:!?';
/** What TOKEN stops at: a value with none of these is one token. */
const TOKEN_DELIMITER = /[\s"'`,;()<>[\]{}]/;

/** The variables whose value is a secret: every tool's credential variables. */
export const SECRET_VARIABLES: readonly string[] = [
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
];

export class Redactor {
  /** Secrets that are single tokens: looked up per token of the text. */
  private readonly tokens = new Set<string>();
  /** Secrets with spaces or delimiters inside: replaced by substring. */
  private readonly phrases = new Set<string>();
  /**
   * Token secrets of INSIDE or more characters, by their first INSIDE characters: found inside a
   * longer token too (a path, a URL, an ARN that holds one), one map lookup per position.
   */
  private readonly byPrefix = new Map<string, string[]>();
  /** The length of the shortest secret in byPrefix (Infinity: none). */
  private shortestInside = Infinity;
  /** The length of the shortest value remembered (Infinity: none). */
  private shortest = Infinity;

  /** Remembers a value that must never appear (secrets, tokens). Values shorter than 4 characters are masked only by pattern. */
  add(value: string | undefined): this {
    if (!value) return this;
    this.remember(value);
    const trimmed = value.trim();
    if (trimmed !== value) this.remember(trimmed);
    return this;
  }

  private remember(v: string): void {
    if (v.length < 4) return;
    if (v.length < this.shortest) this.shortest = v.length;
    if (TOKEN_DELIMITER.test(v)) this.phrases.add(v);
    else if (!this.tokens.has(v)) {
      this.tokens.add(v);
      if (v.length >= INSIDE) {
        const key = v.slice(0, INSIDE);
        const list = this.byPrefix.get(key);
        if (list) list.push(v);
        else this.byPrefix.set(key, [v]);
        if (v.length < this.shortestInside) this.shortestInside = v.length;
      }
    }
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

  /**
   * Every string in plain data (objects, arrays: a report, an explanation) redacted, the data
   * otherwise unchanged: a secret pasted into a region, a profile name or a path is masked wherever
   * it lands. `keep(key, value)` spares the words of a format's own vocabulary (a code, a kind, a
   * severity: a secret "default" must not turn `profileFrom: "default"` into a mask); array items
   * are asked with their array's key. Each distinct string is redacted once.
   */
  redactDeep<T>(value: T, keep: (key: string, value: string) => boolean = () => false): T {
    const seen = new Map<string, string>();
    const walk = (v: unknown, key: string): unknown => {
      if (typeof v === 'string') {
        if (!this.mayHold(v) || keep(key, v)) return v;
        let r = seen.get(v);
        if (r === undefined) seen.set(v, (r = this.redact(v)));
        return r;
      }
      if (Array.isArray(v)) {
        let out: unknown[] | undefined;
        for (let i = 0; i < v.length; i++) {
          const w = walk(v[i], key);
          if (w !== v[i]) (out ??= v.slice())[i] = w;
        }
        return out ?? v;
      }
      if (v && typeof v === 'object') {
        let out: Record<string, unknown> | undefined;
        for (const k in v) {
          const old = (v as Record<string, unknown>)[k];
          const w = walk(old, k);
          if (w !== old) (out ??= { ...(v as Record<string, unknown>) })[k] = w;
        }
        return out ?? v;
      }
      return v;
    };
    return walk(value, '') as T;
  }

  /**
   * False only when `text` can hold neither a remembered value (it is shorter than every one) nor a
   * secret's shape: under 16 characters, only a keyed, quoted, XML or Authorization pattern can match,
   * and each needs one of `= : % < " '`. Most strings of a report are short names and regions.
   */
  private mayHold(text: string): boolean {
    return text.length >= 16 || text.length >= this.shortest || SHORT_SECRET_GATE.test(text);
  }

  /** A token is masked when it is a secret, or ends in one after `=` or `:`, before trailing punctuation. */
  private maskToken(t: string): string {
    // Every remembered token has 4 characters or more: a shorter one is none, and ends in none.
    if (t.length < 4) return t;
    if (this.tokens.has(t)) return MASK;
    let end = t.length;
    while (end > 0 && TRAILING.includes(t[end - 1])) end--;
    const body = end < t.length ? t.slice(0, end) : t;
    const tail = t.slice(end);
    if (end < t.length && this.tokens.has(body)) return MASK + tail;
    if (body.includes('=') || body.includes(':')) {
      for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if ((c === '=' || c === ':') && this.tokens.has(body.slice(i + 1))) return body.slice(0, i + 1) + MASK + tail;
      }
    }
    return t.length > this.shortestInside ? this.maskInside(t) : t;
  }

  /**
   * A token with a secret inside it (`/home/u/<secret>/config`, `https://x/?k=<secret>&`): from left
   * to right, the longest secret that starts at each position is masked, and the scan goes on after it.
   */
  private maskInside(t: string): string {
    let out = '';
    let from = 0;
    for (let i = 0; i + INSIDE <= t.length; i++) {
      const candidates = this.byPrefix.get(t.slice(i, i + INSIDE));
      if (!candidates) continue;
      let longest = '';
      for (const secret of candidates) if (secret.length > longest.length && t.startsWith(secret, i)) longest = secret;
      if (!longest) continue;
      out += t.slice(from, i) + MASK;
      from = i + longest.length;
      i = from - 1;
    }
    return from === 0 ? t : out + t.slice(from);
  }
}

/** One masking pass: a pattern, what its match becomes, and a cheap test that holds for any text the pattern matches in. */
interface RedactionPass {
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
  /**
   * False only when the pattern cannot match the text (a condition every match needs, checked
   * natively and cheaply), so that the pass is skipped: most messages hold no secret-shaped text, and
   * skipping a pass also skips compiling its large case-insensitive pattern on a cold start.
   */
  readonly mayMatch: (text: string) => boolean;
}

/** Every SECRET_NAME ends in one of these words, and KEYED_SECRET needs one right before its `=`, `:` or `%3D`. */
const KEYED_GATE = /(?:key|token|signature|pwd|secret|pass(?:wd|word|phrase))\s*(?:[=:]|%3d)/i;
/** QUOTED_SECRET: the name's closing quote, the separator, the value's opening quote. */
const QUOTED_GATE = /["']\s*[:=]\s*["']/;
const AUTHORIZATION_GATE = /authorization\s*[:=]/i;
/** LONG_TOKEN and SECRET_KEY: 100 and 40 characters in a row, each of them one of these (`%` starts an escape). */
const LONG_RUN_GATE = /[A-Za-z0-9/+=%]{40}/;
/** ACCESS_KEY_ID and SECRET_AFTER_KEY_ID: a prefix and at least 12 more upper-case letters or digits. */
const UPPER_RUN_GATE = /[A-Z0-9]{16}/;

/**
 * The passes of `redact`, in order. Exported for the test that runs them all, unskipped, on the
 * redaction corpus and generated text, and finds the same bytes, and checks each `mayMatch`.
 */
export const REDACTION_PASSES: readonly RedactionPass[] = [
  {
    pattern: QUOTED_SECRET,
    replace: (_m, q, name, sep, vq, value) => `${q}${name}${q}${sep}${vq}${value ? MASK : ''}${vq}`,
    mayMatch: (t) => QUOTED_GATE.test(t),
  },
  {
    pattern: XML_SECRET,
    replace: (_m, name, value) => `<${name}>${value.trim() ? MASK : value}</${name}>`,
    mayMatch: (t) => t.includes('</'),
  },
  // A value already masked is left as it is: redacting twice (the extension's notifications redact
  // what a terminal alert already redacted) must not eat what follows the mask (`…=****\`.`).
  {
    pattern: KEYED_SECRET,
    replace: (m, lead, name, sep, value) =>
      value.startsWith(MASK) ? m : `${lead}${name}${sep}${MASK}${/[.!?:]*$/.exec(value)![0]}`,
    mayMatch: (t) => KEYED_GATE.test(t),
  },
  {
    pattern: AUTHORIZATION,
    replace: (m, head, scheme: string | undefined, value: string) =>
      value.startsWith(MASK) ? m : `${head}${scheme ? `${scheme} ` : ''}${MASK}`,
    mayMatch: (t) => AUTHORIZATION_GATE.test(t),
  },
  {
    pattern: SECRET_AFTER_KEY_ID,
    replace: (_m, lead) => `${lead}${MASK}`,
    mayMatch: (t) => t.includes('AKIA') || t.includes('ASIA'),
  },
  { pattern: LONG_TOKEN, replace: () => MASK, mayMatch: (t) => t.length >= 100 && LONG_RUN_GATE.test(t) },
  { pattern: SECRET_KEY, replace: () => MASK, mayMatch: (t) => t.length >= 40 && LONG_RUN_GATE.test(t) },
  { pattern: ACCESS_KEY_ID, replace: (id) => maskAccessKeyId(id), mayMatch: (t) => UPPER_RUN_GATE.test(t) },
];

/**
 * Masks secrets in any text: every known secret value; the value of every key that names a
 * credential, whatever its encoding (key=value, URL query parameters, JSON, XML, Authorization
 * headers); then anything shaped like a session token, a secret key or an access key id.
 */
export function redact(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) if (secret && out.includes(secret)) out = out.split(secret).join(MASK);
  for (const pass of REDACTION_PASSES) if (pass.mayMatch(out)) out = out.replace(pass.pattern, pass.replace);
  return out;
}
