/**
 * Where the catalogue's wordings occur in a text: the one matcher behind `explain` and the terminal
 * watcher, so that the two recognise exactly the same errors.
 *
 * Every trigger wording has a key: a word of 4 or more letters from the longest literal run at the top
 * level of its regular expression, so that any text the wording matches contains the key (derived
 * here, not written by hand; a unit test holds every key to every fixture). One scan for all the keys
 * (a single alternation of plain words) tells which wordings can match at all; only those run. The
 * watcher's per-chunk check is that one scan on the raw chunk: a key is a single word, so neither a
 * frame, a log prefix nor a line break can hide it.
 */
import { CATALOGUE } from './catalogue';
import type { Entry, Variant } from './catalogue';
import { flat, normalizeErrorText } from './normalize';
import { ERROR_TOOL_IDS } from './toolLabels';
import type { ErrorTool } from './toolLabels';

/** How far apart two matches may be and still describe the same error. */
export const SAME_ERROR_DISTANCE = 600;
/** At most this many occurrences of one wording are kept: a log repeating an error adds nothing. */
const MAX_OCCURRENCES = 200;

export interface Occurrence {
  readonly entry: Entry;
  readonly variant: Variant;
  readonly index: number;
  readonly end: number;
  readonly text: string;
}

interface CompiledVariant {
  readonly entry: Entry;
  readonly variant: Variant;
  /** Lowercase; the wording can match only where one of them occurs. */
  readonly keys: readonly string[];
}

/** Words too common to tell an error apart: a key is one of them only when the wording has nothing else. */
const COMMON = new Set([
  'able',
  'command',
  'process',
  'access',
  'account',
  'also',
  'been',
  'cannot',
  'chain',
  'code',
  'config',
  'configuration',
  'configured',
  'could',
  'credential',
  'credentials',
  'default',
  'does',
  'error',
  'expired',
  'failed',
  'file',
  'files',
  'found',
  'from',
  'have',
  'included',
  'invalid',
  'load',
  'loaded',
  'missing',
  'must',
  'please',
  'profile',
  'profiles',
  'provider',
  'providers',
  'region',
  'request',
  'required',
  'security',
  'service',
  'session',
  'should',
  'that',
  'there',
  'this',
  'token',
  'unable',
  'using',
  'valid',
  'when',
  'which',
  'with',
  'your',
]);

const BREAK = '\u0000';
/** Escaped characters stand in the private use area while the syntax is read, so that `\(` is not a group. */
const STAND_IN = 0xe000;

/**
 * The top-level literal runs of a regular expression, per top-level alternative: escapes that are
 * classes or assertions, character classes, groups, `.` `^` `$`, and every character a quantifier may
 * drop or repeat break a run. Native replaces only: this runs for every wording when the module loads.
 */
function literalRuns(source: string): string[][] {
  let s = source.replace(/\\(?:[bBdDsSwWnrtfv0-9]|[ux][0-9a-fA-F]{2,4})|\\([^])/g, (_m, c: string | undefined) =>
    c === undefined ? BREAK : String.fromCharCode(STAND_IN + c.charCodeAt(0)),
  );
  s = s.replace(/\[[^\]]*\](?:[?*+]|\{\d*,?\d*\})?\??/g, BREAK);
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(/\([^()]*\)(?:[?*+]|\{\d*,?\d*\})?\??/g, BREAK);
  }
  s = s
    .replace(/[^](?:[?*]|\{0,?\d*\})\??/g, BREAK)
    .replace(/([^])(?:\+|\{\d+,?\d*\})\??/g, `$1${BREAK}`)
    .replace(/[.^$]/g, BREAK);
  const back = (r: string) => r.replace(/[\ue000-\ue0ff]/g, (c) => String.fromCharCode(c.charCodeAt(0) - STAND_IN));
  return s.split('|').map((alt) => alt.split(BREAK).filter(Boolean).map(back));
}

/** The key of one alternative: its most telling word (an identifier first, then the longest uncommon word). */
function keyOf(runs: readonly string[]): string | undefined {
  const words = runs.flatMap((r) => r.match(/[A-Za-z0-9_](?:[A-Za-z0-9_-]{2,}[A-Za-z0-9_])/g) ?? []);
  const score = (w: string) =>
    (/[a-z][A-Z]|[_-]|[A-Z]{2}[a-z]/.test(w) ? 1000 : 0) + (COMMON.has(w.toLowerCase()) ? 0 : 100) + w.length;
  let best: string | undefined;
  for (const w of words) if (best === undefined || score(w) > score(best)) best = w;
  return best?.toLowerCase();
}

/** The keys of a regular expression: one per top-level alternative. Throws when an alternative has no usable word. */
export function keysOf(re: RegExp): string[] {
  return literalRuns(re.source).map(
    (runs) =>
      keyOf(runs) ??
      (() => {
        throw new Error(`no key in /${re.source}/`);
      })(),
  );
}

/**
 * The keys of a wording. A wording that also requires a context nearby may be keyed on that context
 * instead, when its own best word is a common one ("Command failed" requires credential_process
 * nearby): either way, no text the wording matches lacks the key.
 */
export function variantKeys(v: Variant): string[] {
  const own = keysOf(v.re);
  if (!v.requires || own.every((k) => !COMMON.has(k))) return own;
  return keysOf(v.requires);
}

const COMPILED: readonly CompiledVariant[] = CATALOGUE.flatMap((entry) =>
  entry.variants.filter((v) => !v.hint).map((variant) => ({ entry, variant, keys: variantKeys(variant) })),
);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Every key, longest first (an alternation takes the first alternative that matches at a position). */
export const ERROR_KEYS: readonly string[] = [...new Set(COMPILED.flatMap((c) => c.keys))].sort(
  (a, b) => b.length - a.length || (a < b ? -1 : 1),
);
/** The longest key: output split anywhere shorter than this before a key's end still shows the key whole to the next look. */
export const LONGEST_KEY = ERROR_KEYS[0].length;
const KEY_ALTERNATION = ERROR_KEYS.map(escapeRe).join('|');
const KEY_SCAN = new RegExp(KEY_ALTERNATION, 'gi');
const KEY_TEST = new RegExp(KEY_ALTERNATION, 'i');
const BY_KEY = new Map<string, CompiledVariant[]>();
for (const c of COMPILED) for (const k of c.keys) BY_KEY.set(k, [...(BY_KEY.get(k) ?? []), c]);

/**
 * The cheap check: whether the text holds a word some wording needs. Run on raw output (escape
 * sequences removed, nothing else): false means no wording can match there.
 */
export function mayContainRecognisedError(text: string): boolean {
  return KEY_TEST.test(text);
}

function occurrencesOf(f: string, c: CompiledVariant, out: Occurrence[], first: boolean): void {
  const re = c.variant.re;
  re.lastIndex = 0;
  let n = 0;
  for (let m = re.exec(f); m; m = re.exec(f)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const req = c.variant.requires;
    if (
      req &&
      !req.test(f.slice(Math.max(0, m.index - SAME_ERROR_DISTANCE), m.index + m[0].length + SAME_ERROR_DISTANCE))
    )
      continue;
    out.push({ entry: c.entry, variant: c.variant, index: m.index, end: m.index + m[0].length, text: m[0] });
    if (first || ++n >= MAX_OCCURRENCES) break;
  }
  re.lastIndex = 0;
}

/** The wordings whose key occurs in the one-line text `f`. */
function candidates(f: string): CompiledVariant[] {
  const seen = new Set<string>();
  KEY_SCAN.lastIndex = 0;
  for (let m = KEY_SCAN.exec(f); m; m = KEY_SCAN.exec(f)) {
    seen.add(m[0].toLowerCase());
    if (seen.size === ERROR_KEYS.length) break;
  }
  KEY_SCAN.lastIndex = 0;
  const out = new Set<CompiledVariant>();
  for (const k of seen) for (const c of BY_KEY.get(k) ?? []) out.add(c);
  return COMPILED.filter((c) => out.has(c));
}

/**
 * Every trigger occurrence (weak ones included) in the one-line normalised text `f`, then the hint
 * occurrences of the entries that have a trigger; in catalogue order.
 */
export function findOccurrences(f: string): Occurrence[] {
  const out: Occurrence[] = [];
  for (const c of candidates(f)) occurrencesOf(f, c, out, false);
  const matched = new Set(out.map((o) => o.entry));
  for (const entry of matched) {
    for (const variant of entry.variants) if (variant.hint) occurrencesOf(f, { entry, variant, keys: [] }, out, false);
  }
  return out;
}

/**
 * Whether `text` holds an error `explain` recognises: true exactly when `explainError(text)` has at
 * least one match (a weak wording defers to a nearby stronger one, but then that one matches). For
 * the terminal watcher and the Debug Console: run it on a bounded window of output.
 */
export function containsRecognisedError(text: string): boolean {
  const f = flat(normalizeErrorText(text));
  if (!KEY_TEST.test(f)) return false;
  const out: Occurrence[] = [];
  for (const c of candidates(f)) {
    occurrencesOf(f, c, out, true);
    if (out.length) return true;
  }
  return false;
}

/** The tool that prints a wording, if the wording names one. */
export function toolOfVariant(v: Variant): ErrorTool | undefined {
  if (v.tool) return v.tool;
  if ((ERROR_TOOL_IDS as readonly string[]).includes(v.wording)) return v.wording as ErrorTool;
  return WORDING_TOOLS[v.wording];
}

const WORDING_TOOLS: Readonly<Record<string, ErrorTool>> = {
  'js-sdk': 'js-sdk-v3',
  'python-configparser': 'botocore',
};
