/**
 * The bounded tail of one command's output, with escape sequences removed, and a cheap incremental
 * check for text that may be an AWS authentication error (the full catalogue runs only on a hit, once).
 * Memory is bounded by `maxChars`; each chunk is looked at once, with a short overlap so that a
 * phrase split across two chunks is still seen.
 */

/**
 * Words that every wording of the catalogue's errors contains (src/engine/explain/catalogue.ts): a
 * unit test checks that each error text the explainer recognises also trips this check.
 */
export const ERROR_HINT = /InvalidClientTokenId|security token included in the request|UnrecognizedClientException|ExpiredToken|SignatureDoesNotMatch|InvalidSignatureException|Signature (?:expired|not yet current)|signature we calculated|MissingAuthenticationToken|Authentication Token|InvalidAccessKeyId|Access Key Id you provided|RequestTimeTooSkewed|request time and the current time|RequestExpired|AccessDenied|not authorized to perform|RegionDisabledException|STS is not activated|InvalidIdentityToken|IDPRejectedClaim|UnauthorizedException|Unable to locate credentials|Could not load credentials|Could not resolve credentials|config profile \(|SSO session|SSO Token|sso login|Token has expired|Token is expired|configured to use SSO|invalid SSO credentials|sso-session|Sso session|SSO configuration|You must specify a region|Region is missing|region_name|Region not accepted|parse config file|configparser|Source contains parsing errors|Partial credentials|multi-factor authentication|Enter MFA code|custom-process|credential_process|credential process|Command failed|refreshed credentials are still expired|Unknown string format|source_profile|source profile|Infinite loop in credential|cycle attempting to resolve|credential source|credential_source|Multiple credential sources|NoCredentialProviders|no valid credential sources|ExpiredTokenException|CredentialsProviderError|NoCredentialsError|ProfileNotFound|aws login/;

const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_]|[ -/][@-~])/g;
/** An escape sequence cut at the end of a chunk. */
const PARTIAL_ANSI = /\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*|[PX^_][^\x1b]*|[ -/])?$/;
const OVERLAP = 200;

/** Removes escape sequences and carriage returns (a lone CR starts the line again: treated as a newline). */
export function stripAnsi(s: string): string {
  const t = s.indexOf('\x1b') >= 0 ? s.replace(ANSI, '') : s;
  return t.indexOf('\r') >= 0 ? t.replace(/\r\n?/g, '\n') : t;
}

export class OutputTail {
  private chunks: string[] = [];
  private size = 0;
  /** The end of the previous chunk, for phrases split across chunks. */
  private overlap = '';
  /** An escape sequence cut at the end of the last chunk. */
  private pending = '';
  private hitAt = -1;
  private total = 0;

  constructor(private readonly maxChars = 16 * 1024) {}

  /** Adds output; returns true the first time it may contain an AWS error. */
  push(raw: string): boolean {
    let data = this.pending + raw;
    this.pending = '';
    if (data.indexOf('\x1b') >= 0) {
      const cut = PARTIAL_ANSI.exec(data.slice(-256));
      if (cut) {
        const at = data.length - (data.slice(-256).length - cut.index);
        this.pending = data.slice(at);
        data = data.slice(0, at);
        if (this.pending.length > 1024) this.pending = '';
      }
    }
    const text = stripAnsi(data);
    if (!text) return false;
    this.total += text.length;
    this.chunks.push(text);
    this.size += text.length;
    while (this.size - this.chunks[0].length >= this.maxChars) this.size -= this.chunks.shift()!.length;
    if (this.hitAt >= 0) return false;
    const window = this.overlap + text;
    this.overlap = window.slice(-OVERLAP);
    if (!ERROR_HINT.test(window)) return false;
    this.hitAt = this.total;
    return true;
  }

  /** Whether the output so far may contain an AWS error. */
  get hit(): boolean {
    return this.hitAt >= 0;
  }

  /** The last `maxChars` characters (escape sequences removed). */
  text(): string {
    const all = this.chunks.join('');
    this.chunks = [all];
    return all.length > this.maxChars ? all.slice(all.length - this.maxChars) : all;
  }

  /** Characters seen in all. */
  get length(): number {
    return this.total;
  }
}
