/** What a resolver predicts for one tool, and helpers the resolvers share. */
import { FileCache } from './awsFiles';
import { sha1Hex } from './sha1';
import { Environment } from './host';
import { FileKind, Setting, ToolId } from './model';
import { joinPath, pyExpandUser, pyExpandVars } from './paths';
import { shlexSplit } from './text';

export type SourceKind = 'env' | 'static' | 'assume-role' | 'web-identity' | 'sso' | 'process' | 'container' | 'none' | 'error';
export type ProfileOrigin = '--profile' | 'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE' | 'default';

/** Where a credential value came from: an environment variable or a line of a file. */
export type ValueOrigin =
  | { readonly kind: 'env'; readonly name: string; readonly value: string }
  | { readonly kind: 'file'; readonly path: string; readonly profile: string; readonly setting: Setting; readonly value: string };

/** The credential values a tool will sign with, when they are known statically. */
export interface CredentialValues {
  readonly accessKeyId?: ValueOrigin;
  readonly secretAccessKey?: ValueOrigin;
  /** The session token the tool sends (botocore prefers the legacy security token). */
  readonly sessionToken?: ValueOrigin;
}

export interface Expiry {
  /** ISO 8601. */
  readonly at: string;
  /** Human-readable origin, e.g. "SSO token cache ~/.aws/sso/cache/0ad3….json (expiresAt)". */
  readonly from: string;
  readonly kind: 'sso-token' | 'env' | 'file-key' | 'cli-cache';
}

export interface ToolResolution {
  readonly tool: ToolId;
  readonly profile: string;
  readonly profileFrom: ProfileOrigin;
  readonly source: SourceKind;
  /** The file and line that decided the source (the key that made the profile what it is). */
  readonly origin?: { readonly file: FileKind; readonly path: string; readonly line: number; readonly column: number } | { readonly env: string };
  /** For botocore-based tools: the provider METHOD name (`shared-credentials-file`, `config-file`, …). */
  readonly method?: string;
  readonly region: string | null;
  readonly regionFrom: string | null;
  readonly expiry?: Expiry;
  /** Why the tool fails before sending a request (source "error"), in the tool's own words. */
  readonly failure: string | null;
  /** For "none": why every link was skipped; for role chains: the chain. Plain text, redacted. */
  readonly steps: readonly string[];
  /** Profiles walked for role chaining, the first being the selected one. */
  readonly chain: readonly string[];
  readonly credentials: CredentialValues;
}

export { sha1Hex };

/** `~/.aws/sso/cache/<sha1(session name or start url)>.json`, the same for every tool (semantics §1.8). */
export function ssoTokenPath(cacheDir: string, id: string): string {
  return joinPath(cacheDir, `${sha1Hex(id)}.json`);
}

export interface SsoTokenFile {
  readonly path: string;
  /** Undefined when the file is missing or not JSON. */
  readonly token?: Readonly<Record<string, unknown>>;
}

export function readSsoToken(cache: FileCache, cacheDir: string, id: string): SsoTokenFile {
  const path = ssoTokenPath(cacheDir, id);
  const text = cache.text(path);
  if (text === undefined) return { path };
  try {
    const token = JSON.parse(text) as unknown;
    return token && typeof token === 'object' && !Array.isArray(token) ? { path, token: token as Record<string, unknown> } : { path };
  } catch {
    return { path };
  }
}

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

/** Python's json.dumps(obj, sort_keys=True) with the given separators, for flat objects of strings and numbers. */
export function pyJsonDumps(obj: Readonly<Record<string, string | number>>, compact: boolean): string {
  const [item, kv] = compact ? [',', ':'] : [', ', ': '];
  const str = (s: string) =>
    '"' + s.replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, (c) => {
      if (c === '"') return '\\"';
      if (c === '\\') return '\\\\';
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      if (c === '\b') return '\\b';
      if (c === '\f') return '\\f';
      return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    }) + '"';
  const keys = Object.keys(obj).sort();
  return '{' + keys.map((k) => str(k) + kv + (typeof obj[k] === 'number' ? String(obj[k]) : str(obj[k] as string))).join(item) + '}';
}

/** Reads one AWS CLI credential cache entry (`~/.aws/cli/cache/<key>.json`) and returns its expiry. */
export function cliCacheExpiry(cache: FileCache, cacheDir: string, key: string): Expiry | undefined {
  const path = joinPath(cacheDir, `${key.replace(/[:/]/g, '_')}.json`);
  const text = cache.text(path);
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

export type ProgramCheck = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string; readonly program: string };

/**
 * Checks, without running it, that the program a `credential_process` names exists and is
 * executable. `shell` is true for the JavaScript SDK (it runs the line through /bin/sh, so `$VAR`
 * and `~` expand) and false for botocore (shlex split, no shell).
 */
export function checkProgram(command: string, env: Environment, cache: FileCache, shell: boolean, home: string): ProgramCheck {
  return cache.memo(`program\u0000${shell}\u0000${home}\u0000${command}`, () => findProgram(command, env, cache, shell, home));
}

function findProgram(command: string, env: Environment, cache: FileCache, shell: boolean, home: string): ProgramCheck {
  const words = shlexSplit(command);
  if (!words || words.length === 0) return { ok: false, reason: 'the command line is empty or has an unclosed quote', program: command };
  let program = words[0];
  if (shell) {
    if (/[`|&;<>()]|\$\(/.test(words[0])) return { ok: true, path: program };
    program = pyExpandUser(pyExpandVars(program, env), home);
  }
  // Without a shell, "$VAR/x" is a relative path whose first directory is literally named "$VAR".
  if (!shell && program.includes('$')) return { ok: false, reason: `${program} is not a path without a shell (nothing expands ${program.match(/\$\{?\w+\}?/)?.[0] ?? '$'})`, program };
  const candidates: string[] = [];
  if (program.includes('/')) candidates.push(program);
  else for (const dir of (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':')) if (dir) candidates.push(joinPath(dir, program));
  for (const candidate of candidates) {
    if (!candidate.startsWith('/')) return { ok: true, path: candidate };
    const st = cache.stat(candidate);
    if (st?.isFile && (st.mode & 0o111) !== 0) return { ok: true, path: candidate };
    if (st?.isFile) return { ok: false, reason: `${candidate} is not executable`, program: candidate };
  }
  return { ok: false, reason: `${program} was not found${program.includes('/') ? '' : ' on PATH'}`, program };
}
