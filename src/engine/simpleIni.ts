/**
 * The common file read once. Nearly every AWS file is made of plain lines: blank lines, whole-line
 * comments, `[section]` headers and `key = value` entries written at the start of the line in
 * lowercase, without an inline comment. On such a file the JavaScript SDK's parser (jsIni.ts),
 * botocore's (pyIni.ts) and the lexical reading (lexical.ts) agree on every line, so one pass
 * gives all three, and each entry is one object that serves as the JavaScript SDK's setting,
 * botocore's and the lexical entry at once.
 *
 * At the first line where the readings could differ (indentation, an inline `#` or `;`, a `:`
 * delimiter, a capital in a key, an empty value, a duplicate, `[DEFAULT]`, `__proto__`, text
 * outside a section...) it gives up, and the three parsers read the file each by its own rules.
 * test/unit/simpleIni.test.ts holds the pass to the three parsers on every file the tests know.
 */
import type { JsIniFile } from './jsIni';
import { jsSectionKey } from './jsIni';
import type { LexEntry, LexHeader, LexLine, LexSection } from './lexical';
import { profileOfHeader, rememberIndexes } from './lexical';
import type { FileKind, PySetting } from './model';
import { KNOWN_KEYS } from './model';
import type { PyIniFile } from './pyIni';
import { isJsSpace } from './text';

export interface Readings {
  readonly js: JsIniFile;
  readonly py: PyIniFile;
  readonly lexical: readonly LexLine[];
}

/**
 * An entry as all three readings see it: what differs from entry to entry in fields, what a plain
 * line always has (no indent, `=`, no continuation, one line) on the prototype. Each entry lives as
 * long as the file's readings, so its size is what the garbage collector copies.
 */
class SharedEntry implements LexEntry, PySetting {
  declare readonly kind: 'entry';
  declare readonly indent: number;
  declare readonly keyColumn: number;
  declare readonly column: number;
  declare readonly delimiter: '=';
  declare readonly continuationOf: undefined;
  /** The same string as `key`: a plain key is lowercase. Read for every entry by the rules, so a field. */
  readonly lowerKey: string;
  constructor(
    readonly key: string,
    readonly value: string,
    readonly file: FileKind,
    readonly line: number,
    readonly valueColumn: number,
    readonly section: LexHeader,
  ) {
    this.lowerKey = key;
  }
  get rawKey(): string {
    return this.key;
  }
  get endLine(): number {
    return this.line;
  }
  get valueEndColumn(): number {
    return this.valueColumn + this.value.length;
  }
}
Object.assign(SharedEntry.prototype, { kind: 'entry', indent: 0, keyColumn: 1, column: 1, delimiter: '=', continuationOf: undefined });

/**
 * The keys the tools read, by length. A line with one of them takes the constant instead of a new
 * string: nothing to allocate, and every later lookup by that key (`p.get('region')`) meets the
 * very same string instead of comparing characters.
 */
const KNOWN_BY_LENGTH: string[][] = [];
for (const k of KNOWN_KEYS) (KNOWN_BY_LENGTH[k.length] ??= []).push(k);

/** The key between `start` and `end`: the constant of KNOWN_KEYS when it is one. */
function keyAt(text: string, start: number, end: number): string {
  const candidates = KNOWN_BY_LENGTH[end - start];
  if (candidates) for (const c of candidates) if (text.startsWith(c, start)) return c;
  return text.slice(start, end);
}

/** `profile NAME` with a name of the characters both the SDK's header expression and botocore's plain reading take. */
const PLAIN_PROFILE = /^profile [\w@+.%:/-]+$/;

/** Where the next `c` at or after `from` is, or the text's length when there is none. */
function after(text: string, c: string, from: number): number {
  const i = text.indexOf(c, from);
  return i < 0 ? text.length : i;
}

/** Whether a character may be whitespace other than a space, a tab or a CR (\n–\f, NBSP and the rest of Unicode's). */
const rare = (c: number) => c >= 0xa0 || (c >= 10 && c <= 12);

/** Characters on which Python's and JavaScript's whitespace differ (pyIni.ts), a byte order mark, a lone CR. */
const NOT_SIMPLE = /[\x1c-\x1f\x85\ufeff]|\r(?!\n)/;

/**
 * All three readings of `text`, or undefined when a line is not plain. The lines are found in the
 * text, not split out of it: keys and values are the only strings made.
 */
export function readSimple(text: string, kind: FileKind): Readings | undefined {
  if (NOT_SIMPLE.test(text)) return undefined;
  const jsSections = new Map<string, Map<string, SharedEntry>>();
  const jsHeaders = new Map<string, number>();
  const pySections = new Map<string, Map<string, SharedEntry>>();
  const pyHeaders = new Map<string, number>();
  /** The SDK's sections that are copies (two headers it files under one key), not botocore's section itself. */
  const jsCopies = new Set<Map<string, SharedEntry>>();
  const lexical: LexLine[] = [];
  // What entriesBySection and entriesWithKey would find, found on the way.
  const sections: LexSection[] = [];
  const byKey = new Map<string, LexEntry[]>();
  let sectionEntries: LexEntry[] = [];
  let header: LexHeader | undefined;
  let py: Map<string, SharedEntry> | undefined;
  /** The JavaScript SDK's key of the current section (undefined: a section it ignores). */
  let jsKey: string | undefined;
  // Where the next `#`, `;`, `=` and `:` are: each search goes on from the last one, so that the
  // text is scanned once for each (a search per line that found none would rescan the rest).
  let hash = -1;
  let semi = -1;
  let equals = -1;
  let colon = -1;
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    line++;
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    let end = nl;
    // The checks run for every line: spaces, tabs and CRs inline, other whitespace by isJsSpace.
    for (let c = text.charCodeAt(end - 1); end > start && (c === 32 || c === 13 || c === 9 || (rare(c) && isJsSpace(c))); c = text.charCodeAt(end - 1)) end--;
    const lineStart = start;
    start = nl + 1;
    if (end === lineStart) continue; // blank
    const first = text.charCodeAt(lineStart);
    if (first === 35 /* # */ || first === 59 /* ; */) continue;
    if (first === 32 || first === 9 || (rare(first) && isJsSpace(first))) {
      // Indented: only a whole-line comment is the same to every reader.
      let c = lineStart;
      while (isJsSpace(text.charCodeAt(c))) c++;
      if (text.charCodeAt(c) === 35 || text.charCodeAt(c) === 59) continue;
      return undefined;
    }
    if (hash < lineStart) hash = after(text, '#', lineStart);
    if (semi < lineStart) semi = after(text, ';', lineStart);
    if (hash < end || semi < end) return undefined;
    if (first === 91 /* [ */) {
      const close = end - 1;
      if (close - lineStart < 2 || text.charCodeAt(close) !== 93 /* ] */ || text.indexOf(']', lineStart) !== close) return undefined;
      const inner = text.slice(lineStart + 1, close);
      if (inner === 'DEFAULT' || inner.includes('__proto__') || pySections.has(inner)) return undefined;
      // `[profile NAME]` with a plain name (nearly every header): what profileOfHeader and
      // jsSectionKey would find with their expressions, from one test.
      const plainProfile = PLAIN_PROFILE.test(inner);
      header = { kind: 'header', line, column: 1, endColumn: close - lineStart + 2, inner, trailing: '', profile: plainProfile ? (kind === 'config' ? inner.slice(8) : inner) : profileOfHeader(inner, kind) };
      lexical.push(header);
      sections.push({ header, entries: (sectionEntries = []) });
      py = new Map();
      pySections.set(inner, py);
      pyHeaders.set(inner, line);
      jsKey = plainProfile ? `profile.${inner.slice(8)}` : jsSectionKey(inner);
      if (jsKey !== undefined && !jsHeaders.has(jsKey)) jsHeaders.set(jsKey, line);
      continue;
    }
    if (equals < lineStart) equals = after(text, '=', lineStart);
    if (colon < lineStart) colon = after(text, ':', lineStart);
    const eq = equals;
    if (eq >= end || eq === lineStart || colon < eq || !py || !header) return undefined;
    let k = eq;
    for (let c = text.charCodeAt(k - 1); c === 32 || c === 9 || (rare(c) && isJsSpace(c)); c = text.charCodeAt(k - 1)) k--;
    let v = eq + 1;
    for (let c = text.charCodeAt(v); v < end && (c === 32 || c === 9 || (rare(c) && isJsSpace(c))); c = text.charCodeAt(v)) v++;
    if (v === end) return undefined;
    const key = keyAt(text, lineStart, k);
    if (key.toLowerCase() !== key || key === '__proto__' || py.has(key)) return undefined;
    const entry = new SharedEntry(key, text.slice(v, end), kind, line, v - lineStart + 1, header);
    lexical.push(entry);
    sectionEntries.push(entry);
    const same = byKey.get(key);
    if (same) same.push(entry);
    else byKey.set(key, [entry]);
    py.set(key, entry);
    if (jsKey !== undefined) {
      // The SDK files a section at its first key, under its key: botocore's own map while no other
      // header shares that key, a copy from the second one on.
      let js = jsSections.get(jsKey);
      if (!js) jsSections.set(jsKey, py);
      else if (js !== py) {
        if (!jsCopies.has(js)) {
          jsSections.set(jsKey, (js = new Map(js)));
          jsCopies.add(js);
        }
        js.set(key, entry);
      }
    }
  }
  rememberIndexes(lexical, sections, byKey);
  return {
    js: { sections: jsSections, headerLines: jsHeaders },
    py: { sections: pySections, defaults: new Map(), headerLines: pyHeaders },
    lexical,
  };
}
