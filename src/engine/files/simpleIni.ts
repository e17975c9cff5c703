/**
 * The common file read once. Where the JavaScript SDK's parser (jsIni.ts), botocore's (pyIni.ts) and
 * the lexical reading (lexical.ts) read a line alike, one pass gives all three, and each entry is one
 * object that serves as the JavaScript SDK's setting, botocore's and the lexical entry at once.
 *
 * The pass reads the grammar of the files people write:
 *  - blank lines, whole-line comments, `[section]` headers at the start of the line (a comment after
 *    the `]` too), `key = value` entries, at the start of the line or indented alike;
 *  - where the readers differ on one line, each gets its own reading of that line: an inline comment
 *    (the SDK cuts it, botocore keeps it), a key with a capital (botocore lowercases it), an empty
 *    value (`s3 =`: the SDK opens a block, botocore keeps an empty setting);
 *  - nested blocks: the indented lines under `key =` (botocore: one value, parsed into `nested`;
 *    the SDK: settings `key.sub`; the lexical reading: lines that continue the entry).
 * A section with any other line (a value continued on an indented line, a `:` delimiter, text after a
 * header...) is read by the three parsers, each by its own rules, from its header to the next header
 * (`firstLine` of each parser). The file as a whole goes to the three parsers where botocore fails
 * or sees another file than the lexical reading: a duplicate section or key, `[DEFAULT]`, a line
 * before the first header, `__proto__`, a byte order mark, a lone CR, a character Python and
 * JavaScript trim differently. test/unit/simpleIni.test.ts holds the pass to the three parsers.
 */
import type { JsIniFile } from './jsIni';
import { jsSectionKey, parseJsIni } from './jsIni';
import type { LexEntry, LexHeader, LexLine, LexOther, LexSection } from './lexical';
import { lex, profileOfHeader, rememberIndexes } from './lexical';
import type { FileKind, PySetting, Setting } from '../core/model';
import { KNOWN_KEYS } from '../core/model';
import type { PyIniFile } from './pyIni';
import { parsePyIni } from './pyIni';
import { isJsSpace } from '../core/text';

export interface Readings {
  readonly js: JsIniFile;
  readonly py: PyIniFile;
  readonly lexical: readonly LexLine[];
  /** The lines that continue an entry (a nested block, or a continuation line in a section the parsers read), in file order. */
  readonly continuations: readonly LexOther[];
  /**
   * The entries a rule about how an entry is written may have something to say about, in file order:
   * every entry but those with a key the tools read, `=`, a value without a space, a quote, a `#` or a `;`.
   */
  readonly unusual: readonly SectionEntry[];
  /** The header line of each section the three parsers read, each by its own rules. */
  readonly sectionsByParsers: readonly number[];
}

/** An entry and its section. */
export interface SectionEntry {
  readonly section: LexSection;
  readonly entry: LexEntry;
}

/**
 * An entry as all three readings see it: what differs from entry to entry in fields, what a line at
 * the start of the line always has (no indent, `=`, no continuation, one line) on the prototype.
 * Each entry lives as long as the file's readings, so its size is what the garbage collector copies.
 */
class SharedEntry implements LexEntry, PySetting {
  declare readonly kind: 'entry';
  declare readonly indent: number;
  declare readonly keyColumn: number;
  declare readonly column: number;
  declare readonly delimiter: '=';
  declare readonly continuationOf: undefined;
  constructor(
    readonly key: string,
    /** The same string as `key` when the key has no capital. Read for every entry by the rules, so a field. */
    readonly lowerKey: string,
    readonly value: string,
    readonly file: FileKind,
    readonly line: number,
    readonly valueColumn: number,
    readonly section: LexHeader,
  ) {}
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
Object.assign(SharedEntry.prototype, {
  kind: 'entry',
  indent: 0,
  keyColumn: 1,
  column: 1,
  delimiter: '=',
  continuationOf: undefined,
});

/** An indented entry (a section written indented): its indent and columns its own. */
class IndentedEntry extends SharedEntry {
  constructor(
    key: string,
    lowerKey: string,
    value: string,
    file: FileKind,
    line: number,
    valueColumn: number,
    section: LexHeader,
    indent: number,
  ) {
    super(key, lowerKey, value, file, line, valueColumn, section);
    Object.assign(this, { indent, keyColumn: indent + 1, column: indent + 1 });
  }
}

/**
 * The keys the tools read, by length (up to 8 share one; their last characters tell most apart). A
 * line with one of them takes the constant instead of a new string: nothing to allocate, and every
 * later lookup by that key (`p.get('region')`) meets the very same string instead of comparing
 * characters.
 */
const KNOWN_BY_LENGTH: string[][] = [];
for (const k of KNOWN_KEYS) (KNOWN_BY_LENGTH[k.length] ??= []).push(k);

/** The constant of KNOWN_KEYS that the key between `start` and `end` is, if it is one. */
function knownKeyAt(text: string, start: number, end: number): string | undefined {
  const candidates = KNOWN_BY_LENGTH[end - start];
  if (!candidates) return undefined;
  const last = text.charCodeAt(end - 1);
  for (const c of candidates) if (c.charCodeAt(c.length - 1) === last && text.startsWith(c, start)) return c;
  return undefined;
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
/** Whitespace inside a line (a CR is only ever the end of one here). */
const isSpace = (c: number) => c === 32 || c === 9 || (rare(c) && isJsSpace(c));
const isCommentChar = (c: number) => c === 35 /* # */ || c === 59; /* ; */

/** Characters on which Python's and JavaScript's whitespace differ (pyIni.ts), a byte order mark, a lone CR. */
const NOT_SIMPLE = /[\x1c-\x1f\x85\ufeff]|\r(?!\n)/;
/** Line breaks of Python's str.splitlines other than \n, which botocore's reading of a nested block would split at. */
const ODD_BREAKS = /[\v\f\u2028\u2029]/;

/**
 * Where the SDK's reading of the line from `from` to `end` ends: before the first `#` or `;` after a
 * space (its inline comment), its trailing spaces trimmed; `end` when there is none.
 */
function commentCut(text: string, from: number, end: number): number {
  for (let p = from + 1; p < end; p++) {
    if (!isCommentChar(text.charCodeAt(p)) || !isSpace(text.charCodeAt(p - 1))) continue;
    let e = p - 1;
    while (e > from && isSpace(text.charCodeAt(e - 1))) e--;
    return e;
  }
  return end;
}

/**
 * The `]` of a header every reader reads alike, at `start` (a `[`): `[inner]`, perhaps followed by
 * spaces and a comment, with no `#`, `;` in the name and no `]` after it; -1 for any other line.
 */
function headerClose(text: string, start: number, end: number): number {
  const close = text.indexOf(']', start + 1);
  if (close < start + 2 || close >= end) return -1;
  for (let p = start + 1; p < close; p++) if (isCommentChar(text.charCodeAt(p))) return -1;
  if (close === end - 1) return close;
  let t = close + 1;
  if (!isSpace(text.charCodeAt(t))) return -1;
  while (isSpace(text.charCodeAt(t))) t++;
  return isCommentChar(text.charCodeAt(t)) && text.lastIndexOf(']', end - 1) === close ? close : -1;
}

/** The end of the line starting at `start` without its trailing spaces and CR. */
function trimmedEnd(text: string, start: number, nl: number): number {
  let end = nl;
  for (
    let c = text.charCodeAt(end - 1);
    end > start && (c === 32 || c === 13 || c === 9 || (rare(c) && isJsSpace(c)));
    c = text.charCodeAt(end - 1)
  )
    end--;
  return end;
}

/** What a line's reader found: the line read, its section to the three parsers, or the whole file to them. */
const READ = 0;
const SECTION_TO_PARSERS = 1;
const FILE_TO_PARSERS = 2;
type Outcome = typeof READ | typeof SECTION_TO_PARSERS | typeof FILE_TO_PARSERS;

/**
 * The one pass over a file: a short loop finds the lines, a method per kind of line reads it (small
 * functions, each compiled on its own as it gets hot: a cold run is mostly the interpreter's, and the
 * optimising compiler's memory grows with the size of the function it compiles).
 */
class OnePass {
  readonly jsSections = new Map<string, Map<string, Setting>>();
  readonly jsHeaders = new Map<string, number>();
  /** The SDK's sections that are copies (two headers it files under one key), not botocore's section itself. */
  readonly jsCopies = new Set<Map<string, Setting>>();
  readonly pySections = new Map<string, Map<string, PySetting>>();
  readonly pyHeaders = new Map<string, number>();
  readonly lexical: LexLine[] = [];
  // What entriesBySection and entriesWithKey would find, found on the way.
  readonly sections: LexSection[] = [];
  readonly byKey = new Map<string, LexEntry[]>();
  /** The names of headers the lexical reading sees where botocore reads a continuation line (in sections the parsers read). */
  private lexicalOnly: Set<string> | undefined;
  private readonly continuations: LexOther[] = [];
  private readonly unusual: SectionEntry[] = [];
  private readonly byParsers: number[] = [];
  private readonly oddBreaks: boolean;

  // The section being read.
  private header: LexHeader | undefined;
  private sectionStart = 0;
  private lexicalStart = 0;
  private sectionsStart = 0;
  private continuationsStart = 0;
  private unusualStart = 0;
  private entries: LexEntry[] = [];
  private py = new Map<string, PySetting>();
  private sdk: SdkSection | undefined;
  private jsHeaderSet = false;
  /** The SDK's open block (`key =` opens it, a line at the start of the line with a value or a header closes it). */
  private jsBlock: string | undefined;
  /** The last entry, and botocore's setting for it. */
  private last: LexEntry | undefined;
  private lastPy: PySetting | undefined;
  /** botocore's continuation lines of the last entry, when it has any, the line of the last, and blank lines since. */
  private more: string[] | undefined;
  private moreEnd = 0;
  blanks = 0;

  // Where the next `#`, `;`, `=` and `:` are: each search goes on from the last one, so that the
  // text is scanned once for each (a search per line that found none would rescan the rest).
  private hash = -1;
  private semi = -1;
  private equals = -1;
  private colon = -1;

  constructor(
    readonly text: string,
    readonly kind: FileKind,
  ) {
    this.oddBreaks = ODD_BREAKS.test(text);
  }

  read(): Readings | undefined {
    const text = this.text;
    let line = 0;
    for (let start = 0; start <= text.length;) {
      line++;
      let nl = text.indexOf('\n', start);
      if (nl < 0) nl = text.length;
      const lineStart = start;
      let end = nl;
      // The checks run for every line: spaces, tabs and CRs inline, other whitespace by isJsSpace.
      for (
        let c = text.charCodeAt(end - 1);
        end > lineStart && (c === 32 || c === 13 || c === 9 || (rare(c) && isJsSpace(c)));
        c = text.charCodeAt(end - 1)
      )
        end--;
      start = nl + 1;
      if (end === lineStart) {
        this.blanks++;
        continue;
      }
      const first = text.charCodeAt(lineStart);
      if (first === 35 /* # */ || first === 59 /* ; */) continue;
      if (this.hash < lineStart) this.hash = after(text, '#', lineStart);
      if (this.semi < lineStart) this.semi = after(text, ';', lineStart);
      const outcome =
        first === 91 /* [ */
          ? this.headerLine(lineStart, end, line)
          : first === 32 || first === 9 || (rare(first) && isJsSpace(first))
            ? this.indentedLine(lineStart, end, nl, line)
            : this.entryLine(lineStart, lineStart, end, line);
      if (outcome === READ) continue;
      if (outcome === FILE_TO_PARSERS || !this.header || !this.undoSection()) return undefined;
      const next = nextSection(text, start, line + 1);
      if (!this.readByParsers(this.sectionStart, next.start, this.header.line)) return undefined;
      this.header = undefined;
      start = next.start;
      line = next.line - 1;
    }
    if (this.more && !this.endBlock()) return undefined;
    rememberIndexes(this.lexical, this.sections, this.byKey);
    return {
      js: { sections: this.jsSections, headerLines: this.jsHeaders },
      py: { sections: this.pySections, defaults: new Map(), headerLines: this.pyHeaders },
      lexical: this.lexical,
      continuations: this.continuations,
      unusual: this.unusual,
      sectionsByParsers: this.byParsers,
    };
  }

  /** A line starting with `[`: a header, when every reader reads it as the same one. */
  private headerLine(lineStart: number, end: number, line: number): Outcome {
    const text = this.text;
    if (this.more && !this.endBlock()) return FILE_TO_PARSERS;
    // `[name]` and nothing after it (nearly every header) found here; a comment after it by headerClose.
    let close = text.indexOf(']', lineStart + 2);
    if (close !== end - 1 || this.hash < close || this.semi < close) close = headerClose(text, lineStart, end);
    if (close < 0) return this.header ? SECTION_TO_PARSERS : FILE_TO_PARSERS;
    const inner = text.slice(lineStart + 1, close);
    if (inner === 'DEFAULT' || inner.includes('__proto__') || this.seen(inner)) return FILE_TO_PARSERS;
    // `[profile NAME]` with a plain name (nearly every header): what profileOfHeader and
    // jsSectionKey would find with their expressions, from one test.
    const plainProfile = PLAIN_PROFILE.test(inner);
    const kind = this.kind;
    let trailing = '';
    if (close !== end - 1) {
      let t = close + 1;
      while (isSpace(text.charCodeAt(t))) t++;
      trailing = text.slice(t, end);
    }
    const header: LexHeader = {
      kind: 'header',
      line,
      column: 1,
      endColumn: close - lineStart + 2,
      inner,
      trailing,
      profile: plainProfile ? (kind === 'config' ? inner.slice(8) : inner) : profileOfHeader(inner, kind),
    };
    this.header = header;
    this.sectionStart = lineStart;
    this.lexicalStart = this.lexical.length;
    this.sectionsStart = this.sections.length;
    this.continuationsStart = this.continuations.length;
    this.unusualStart = this.unusual.length;
    this.lexical.push(header);
    this.sections.push({ header, entries: (this.entries = []) });
    const py = (this.py = new Map());
    this.pySections.set(inner, py);
    this.pyHeaders.set(inner, line);
    const jsKey = plainProfile ? `profile.${inner.slice(8)}` : jsSectionKey(inner);
    this.sdk = jsKey === undefined ? undefined : new SdkSection(jsKey, this);
    this.jsHeaderSet = jsKey !== undefined && !this.jsHeaders.has(jsKey);
    if (this.jsHeaderSet) this.jsHeaders.set(jsKey!, line);
    this.jsBlock = undefined;
    this.last = this.lastPy = undefined;
    this.blanks = 0;
    return READ;
  }

  /**
   * An entry at `keyStart` (the start of the line, or an indented entry of its own). Where the
   * readers differ on it, each gets its own reading: the SDK cuts an inline comment, botocore
   * lowercases the key, and the SDK takes `key =` as the start of a block.
   */
  private entryLine(lineStart: number, keyStart: number, end: number, line: number): Outcome {
    const text = this.text;
    const header = this.header;
    if (!header) return FILE_TO_PARSERS;
    if (this.more && !this.endBlock()) return FILE_TO_PARSERS;
    this.blanks = 0;
    if (this.equals < lineStart) this.equals = after(text, '=', lineStart);
    if (this.colon < lineStart) this.colon = after(text, ':', lineStart);
    const eq = this.equals;
    const colon = this.colon;
    // No `=`: botocore fails (no delimiter) or reads a `:`, which the SDK does not. A `:` first: botocore's key ends there.
    if (eq >= end) return colon < end ? SECTION_TO_PARSERS : FILE_TO_PARSERS;
    if (colon < eq) return SECTION_TO_PARSERS;
    if (eq === keyStart) return FILE_TO_PARSERS;
    // The SDK's end of the line: before an inline comment. A comment before the `=` leaves it no setting.
    const jsEnd = this.hash < end || this.semi < end ? commentCut(text, keyStart, end) : end;
    if (jsEnd <= eq) return SECTION_TO_PARSERS;
    let k = eq;
    for (let c = text.charCodeAt(k - 1); isSpace(c); c = text.charCodeAt(k - 1)) k--;
    let v = eq + 1;
    for (let c = text.charCodeAt(v); v < end && isSpace(c); c = text.charCodeAt(v)) v++;
    const known = knownKeyAt(text, keyStart, k);
    const key = known ?? text.slice(keyStart, k);
    const lowerKey = key.toLowerCase();
    const py = this.py;
    if (key === '__proto__' || py.has(lowerKey)) return FILE_TO_PARSERS;
    const value = v < end ? text.slice(v, end) : '';
    const kind = this.kind;
    const indent = keyStart - lineStart;
    const valueColumn = v + 1 - lineStart;
    const entry =
      indent === 0
        ? new SharedEntry(key, lowerKey, value, kind, line, valueColumn, header)
        : new IndentedEntry(key, lowerKey, value, kind, line, valueColumn, header, indent);
    // botocore's setting: the same object, but for a key with a capital.
    const pySetting: PySetting =
      lowerKey === key
        ? entry
        : { key: lowerKey, rawKey: key, value, file: kind, line, column: indent + 1, valueColumn, endLine: line };
    const sdk = this.sdk;
    if (sdk) {
      if (v >= jsEnd) {
        // `key =` (or `key = # comment`): the SDK opens a block and has no setting.
        sdk.diverge(py);
        this.jsBlock = key;
      } else {
        this.jsBlock = undefined;
        if (jsEnd === end && pySetting === entry) {
          if (!sdk.aliased) sdk.shared(key, entry, py);
        } else
          sdk.own(
            key,
            jsEnd === end
              ? entry
              : { key, rawKey: key, value: text.slice(v, jsEnd), file: kind, line, column: indent + 1, valueColumn },
            py,
          );
      }
    }
    py.set(lowerKey, pySetting);
    this.lexical.push(entry);
    this.entries.push(entry);
    // What isPlain (rules/files.ts) would pass, tested on what the pass knows: no `#` or `;` on the line.
    const c = value.charCodeAt(0);
    if (!(
      v < end &&
      this.hash >= end &&
      this.semi >= end &&
      c !== 34 &&
      c !== 39 &&
      known !== undefined &&
      !value.includes(' ') &&
      !value.includes('\t')
    )) {
      this.unusual.push({ section: this.sections[this.sections.length - 1], entry });
    }
    const same = this.byKey.get(lowerKey);
    if (same) same.push(entry);
    else this.byKey.set(lowerKey, [entry]);
    this.last = entry;
    this.lastPy = pySetting;
    return READ;
  }

  /** An indented line: a comment, a line of the block the last entry opened, or an indented entry of its own. */
  private indentedLine(lineStart: number, end: number, nl: number, line: number): Outcome {
    const text = this.text;
    let keyStart = lineStart;
    while (isJsSpace(text.charCodeAt(keyStart))) keyStart++;
    if (isCommentChar(text.charCodeAt(keyStart))) return READ;
    const last = this.last;
    if (last && keyStart - lineStart > last.indent) return this.blockLine(lineStart, keyStart, end, nl, line, last);
    // An indented entry of its own: the SDK reads it as a setting of its open block, and reads an
    // indented header as botocore does not: both for the parsers.
    if (!this.header) return FILE_TO_PARSERS;
    if (this.jsBlock !== undefined || text.charCodeAt(keyStart) === 91) return SECTION_TO_PARSERS;
    return this.entryLine(lineStart, keyStart, end, line);
  }

  /**
   * A line of the block `key =` opened: a part of the value to botocore (a value going on onto the
   * next line is left to the parsers), a line continuing the entry to the lexical reading, a setting
   * of the block to the SDK.
   */
  private blockLine(
    lineStart: number,
    keyStart: number,
    end: number,
    nl: number,
    line: number,
    last: LexEntry,
  ): Outcome {
    const text = this.text;
    if (last.value !== '' || (this.oddBreaks && ODD_BREAKS.test(text.slice(keyStart, end)))) return SECTION_TO_PARSERS;
    const sdk = this.sdk;
    if (sdk) {
      const jsEnd = this.hash < end || this.semi < end ? commentCut(text, keyStart, end) : end;
      if (text.charCodeAt(keyStart) === 91 && text.charCodeAt(jsEnd - 1) === 93) return SECTION_TO_PARSERS; // a header to the SDK
      if (this.equals < lineStart) this.equals = after(text, '=', lineStart);
      const eq = this.equals;
      if (eq > keyStart && eq < jsEnd) {
        let k = eq;
        while (isSpace(text.charCodeAt(k - 1))) k--;
        let v = eq + 1;
        while (v < jsEnd && isSpace(text.charCodeAt(v))) v++;
        const key = text.slice(keyStart, k);
        if (v === jsEnd) this.jsBlock = key;
        else {
          const fullKey = `${this.jsBlock}.${key}`;
          sdk.own(
            fullKey,
            {
              key: fullKey,
              rawKey: key,
              value: text.slice(v, jsEnd),
              file: this.kind,
              line,
              column: keyStart - lineStart + 1,
              valueColumn: v - lineStart + 1,
            },
            this.py,
          );
        }
      }
    }
    const more = (this.more ??= []);
    for (; this.blanks > 0; this.blanks--) more.push('');
    more.push(text.slice(keyStart, end));
    this.moreEnd = line;
    const other: LexOther = {
      kind: 'other',
      line,
      text: text.slice(lineStart, text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl),
      section: this.header,
      continuationOf: last,
    };
    this.lexical.push(other);
    this.continuations.push(other);
    return READ;
  }

  /**
   * The end of a block: botocore's setting for `key =` followed by indented lines, the lines joined
   * under an empty first line and the nested block parsed from them; false when a line has no `=`
   * (botocore's ValueError, which fails the whole file).
   */
  private endBlock(): boolean {
    const more = this.more!;
    this.more = undefined;
    const nested = new Map<string, string>();
    for (const l of more) {
      if (l === '') continue;
      const eq = l.indexOf('=');
      if (eq < 0) return false;
      nested.set(l.slice(0, eq).trim(), l.slice(eq + 1).trim());
    }
    const { key, rawKey, file, line, column, valueColumn } = this.lastPy!;
    this.py.set(key, {
      key,
      rawKey,
      value: `\n${more.join('\n')}`,
      file,
      line,
      column,
      valueColumn,
      endLine: this.moreEnd,
      nested,
    });
    return true;
  }

  /** Whether a header of the section name `name` was met before (botocore: DuplicateSectionError; the lexical reading: DUPLICATE_SECTION). */
  seen(name: string): boolean {
    return this.pySections.has(name) || !!this.lexicalOnly?.has(name);
  }

  /** The SDK's map for `key` that a later header filed under the same key may write: a copy, made once. */
  writable(key: string, existing: Map<string, Setting>): Map<string, Setting> {
    if (this.jsCopies.has(existing)) return existing;
    const copy = new Map(existing);
    this.jsSections.set(key, copy);
    this.jsCopies.add(copy);
    return copy;
  }

  /** Takes back what the pass read of the section being read; false when that cannot be done. */
  private undoSection(): boolean {
    const { lexical, header } = this;
    for (let i = lexical.length - 1; i >= this.lexicalStart; i--) {
      const l = lexical[i];
      if (l.kind === 'entry') {
        const list = this.byKey.get(l.lowerKey)!;
        list.pop();
        if (!list.length) this.byKey.delete(l.lowerKey);
      }
    }
    lexical.length = this.lexicalStart;
    this.continuations.length = this.continuationsStart;
    this.unusual.length = this.unusualStart;
    this.sections.length = this.sectionsStart;
    this.pySections.delete(header!.inner);
    this.pyHeaders.delete(header!.inner);
    this.more = undefined;
    if (this.sdk && !this.sdk.undo()) return false;
    if (this.jsHeaderSet) this.jsHeaders.delete(this.sdk!.key);
    return true;
  }

  /**
   * The section from `from` (its header, on `firstLine`) to `to`, read by the three parsers, added to
   * the readings; false when the file must be read whole by them (botocore fails, a header or a key
   * appears twice to a reader, [DEFAULT], the SDK rejects the file).
   */
  private readByParsers(from: number, to: number, firstLine: number): boolean {
    const kind = this.kind;
    const part = this.text.slice(from, to);
    const lines = part.split(/\r?\n/);
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    const js = parseJsIni(part, kind, undefined, lines, firstLine);
    if (js.rejected) return false;
    const py = parsePyIni(part, kind, lines, firstLine);
    if (py.error || py.headerLines.has('DEFAULT')) return false;
    const lexed = lex(kind, lines, firstLine);
    for (const name of py.headerLines.keys()) if (this.seen(name)) return false;
    // A header the lexical reading sees where botocore reads a continuation line: its name must be new too.
    for (const l of lexed) {
      if (l.kind !== 'header' || py.headerLines.get(l.inner) === l.line) continue;
      if (l.inner === 'DEFAULT' || this.seen(l.inner) || py.headerLines.has(l.inner)) return false;
      (this.lexicalOnly ??= new Set()).add(l.inner);
    }
    for (const [name, section] of py.sections) this.pySections.set(name, section as Map<string, PySetting>);
    for (const [name, line] of py.headerLines) this.pyHeaders.set(name, line);
    for (const [key, section] of js.sections) {
      const existing = this.jsSections.get(key);
      if (!existing) this.jsSections.set(key, section as Map<string, Setting>);
      else {
        const target = this.writable(key, existing);
        for (const [k, s] of section) target.set(k, s);
      }
    }
    for (const [key, line] of js.headerLines) if (!this.jsHeaders.has(key)) this.jsHeaders.set(key, line);
    let section: LexSection | undefined;
    let entries: LexEntry[] = [];
    const keys = new Set<string>();
    for (const l of lexed) {
      this.lexical.push(l);
      if (l.kind === 'header') {
        this.sections.push((section = { header: l, entries: (entries = []) }));
        keys.clear();
      } else if (l.kind === 'entry') {
        // A key twice in a section to the lexical reading (where botocore read a continuation line): the rules must see the whole file.
        if (keys.has(l.lowerKey)) return false;
        keys.add(l.lowerKey);
        entries.push(l);
        this.unusual.push({ section: section!, entry: l });
        const same = this.byKey.get(l.lowerKey);
        if (same) same.push(l);
        else this.byKey.set(l.lowerKey, [l]);
      } else if (l.continuationOf) this.continuations.push(l);
    }
    this.byParsers.push(firstLine);
    return true;
  }
}

/**
 * The SDK's side of the section being read: botocore's own map while both hold the same settings
 * under the same keys (nearly always), a map of its own from the first line they read differently.
 * The SDK files a section at its first key, under its key; from the second header with that key on,
 * into a copy.
 */
class SdkSection {
  map: Map<string, Setting> | undefined;
  aliased = false;
  /** What the SDK's sections held under the key before this section wrote there (null: nothing written yet). */
  private prior: Map<string, Setting> | undefined | null = null;

  constructor(
    readonly key: string,
    private readonly o: OnePass,
  ) {}

  /** A setting botocore shares (the same object under the same key), before botocore's map takes it. */
  shared(key: string, s: Setting, py: Map<string, PySetting>): void {
    if (this.aliased) return;
    if (!this.map && py.size === 0 && !this.o.jsSections.has(this.key)) {
      this.o.jsSections.set(this.key, py);
      this.map = py;
      this.aliased = true;
      this.prior = undefined;
      return;
    }
    this.target().set(key, s);
  }

  /** A line the SDK reads otherwise than botocore: from now on the SDK's map is its own. */
  diverge(py: Map<string, PySetting>): void {
    if (!this.aliased) return;
    this.aliased = false;
    this.map = new Map(py);
    this.o.jsSections.set(this.key, this.map);
  }

  /** A setting of the SDK's alone (or its own reading of a line). */
  own(key: string, s: Setting, py: Map<string, PySetting>): void {
    this.diverge(py);
    // The SDK assigns into a plain object: a "__proto__" key sets the prototype and is lost.
    if (key !== '__proto__') this.target().set(key, s);
  }

  private target(): Map<string, Setting> {
    if (!this.map) {
      const existing = this.o.jsSections.get(this.key);
      this.prior = existing;
      if (existing) this.map = this.o.writable(this.key, existing);
      else this.o.jsSections.set(this.key, (this.map = new Map()));
    }
    return this.map;
  }

  /** Undoes what this section wrote; false when it wrote into an earlier section's copy, which cannot be undone. */
  undo(): boolean {
    if (this.prior === null) return true;
    if (this.prior === undefined) this.o.jsSections.delete(this.key);
    else if (this.o.jsCopies.has(this.prior)) return false;
    else this.o.jsSections.set(this.key, this.prior);
    return true;
  }
}

/** The line after the section that starts before `start` (line `line`): the next header every reader reads alike, or the end of the text. */
function nextSection(text: string, start: number, line: number): { start: number; line: number } {
  for (; start <= text.length; line++) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    if (text.charCodeAt(start) === 91 && headerClose(text, start, trimmedEnd(text, start, nl)) >= 0) break;
    start = nl + 1;
  }
  return { start, line };
}

/**
 * All three readings of `text`, or undefined when the file must be read whole by the three parsers.
 * The lines are found in the text, not split out of it: keys and values are the only strings made.
 */
export function readSimple(text: string, kind: FileKind): Readings | undefined {
  return NOT_SIMPLE.test(text) ? undefined : new OnePass(text, kind).read();
}
