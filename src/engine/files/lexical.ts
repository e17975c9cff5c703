/**
 * A dialect-neutral reading of an INI file, line by line with positions, for rules about how a
 * file is written (headers, delimiters, comments, quotes, continuation lines, duplicates). What
 * the tools make of the lines is the dialects' business (jsIni.ts, pyIni.ts).
 */
import type { FileKind } from '../core/model';
import { firstDelimiter, isJsSpace, lowerCase } from '../core/text';

export interface LexHeader {
  readonly kind: 'header';
  readonly line: number;
  /** 1-based column of `[`. */
  readonly column: number;
  /** Column just past the last `]`. */
  readonly endColumn: number;
  /** The text between `[` and the last `]`, as written. */
  readonly inner: string;
  /** Text after the last `]` (a comment or junk). */
  readonly trailing: string;
  /** The profile this header names in its file (botocore's reading), or undefined for other sections. */
  readonly profile: string | undefined;
}

export interface LexEntry {
  readonly kind: 'entry';
  readonly line: number;
  readonly indent: number;
  /** The key as written, trimmed. */
  readonly key: string;
  /** The key lowercased (how botocore compares keys), computed once for every rule. */
  readonly lowerKey: string;
  readonly keyColumn: number;
  readonly delimiter: '=' | ':';
  /** The value as written (comments included), trimmed. */
  readonly value: string;
  readonly valueColumn: number;
  /** Column just past the value. */
  readonly valueEndColumn: number;
  /** The header this entry belongs to, if any. */
  readonly section: LexHeader | undefined;
  /** An indented line after an entry: botocore appends it to that entry's value. */
  readonly continuationOf: LexEntry | undefined;
}

export interface LexOther {
  readonly kind: 'other';
  readonly line: number;
  readonly text: string;
  readonly section: LexHeader | undefined;
  readonly continuationOf: LexEntry | undefined;
}

export type LexLine = LexHeader | LexEntry | LexOther;

/**
 * The lexical reading of a file's lines (AwsFile.lexical keeps it, or reads it in one pass with the
 * dialects: simpleIni.ts). `firstLine`: the line number of the first line, when the lines are a part
 * of a file that starts with a header (simpleIni.ts reads a section it cannot read in one pass so).
 */
export function lex(kind: FileKind, all: readonly string[], firstLine = 1): LexLine[] {
  const out: LexLine[] = [];
  let section: LexHeader | undefined;
  let lastEntry: LexEntry | undefined;
  for (let i = 0; i < all.length; i++) {
    let raw = all[i];
    const n = i + firstLine;
    // Positions are the editor's: VS Code does not count a byte order mark as a character.
    if (n === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    const trimmed = raw.trim();
    // The indent without another string: the trimmed text starts where the first non-space is.
    const indent = trimmed === '' ? 0 : raw.indexOf(trimmed[0]);
    const continuationOf = lastEntry && indent > lastEntry.indent && trimmed !== '' ? lastEntry : undefined;
    // Blank lines and comments carry nothing any rule reads: not kept.
    if (trimmed === '' || trimmed[0] === '#' || trimmed[0] === ';') continue;
    if (continuationOf) {
      out.push({ kind: 'other', line: n, text: raw, section, continuationOf });
      continue;
    }
    const close = trimmed.charCodeAt(0) === 91 /* [ */ ? trimmed.lastIndexOf(']') : -1;
    if (close > 0) {
      const inner = trimmed.slice(1, close);
      const header: LexHeader = {
        kind: 'header',
        line: n,
        column: indent + 1,
        endColumn: indent + close + 2,
        inner,
        trailing: close === trimmed.length - 1 ? '' : trimmed.slice(close + 1).trim(),
        profile: profileOfHeader(inner, kind),
      };
      out.push(header);
      section = header;
      lastEntry = undefined;
      continue;
    }
    const d = firstDelimiter(trimmed);
    if (d <= 0) {
      out.push({ kind: 'other', line: n, text: raw, section, continuationOf: undefined });
      continue;
    }
    const key = trimmed.slice(0, d).trim();
    // The value's first non-space, found in place: no string for the text after the delimiter.
    let v = d + 1;
    while (v < trimmed.length && isJsSpace(trimmed.charCodeAt(v))) v++;
    const value = trimmed.slice(v);
    const valueStart = indent + v;
    const entry: LexEntry = {
      kind: 'entry',
      line: n,
      indent,
      key,
      lowerKey: lowerCase(key),
      keyColumn: indent + 1,
      delimiter: trimmed[d] as '=' | ':',
      value,
      valueColumn: valueStart + 1,
      valueEndColumn: valueStart + value.length + 1,
      section,
      continuationOf: undefined,
    };
    out.push(entry);
    lastEntry = entry;
  }
  return out;
}

/** One header and the entries under it, in order. */
export interface LexSection {
  readonly header: LexHeader;
  readonly entries: readonly LexEntry[];
}

const sectionCache = new WeakMap<readonly LexLine[], readonly LexSection[]>();

/**
 * The entries of each section, in file order (computed once per file). An array of objects, not a
 * map: the rules walk it for every profile, and a map's [key, value] pairs cost an array per step.
 */
export function entriesBySection(lines: readonly LexLine[]): readonly LexSection[] {
  const cached = sectionCache.get(lines);
  if (cached) return cached;
  const out: { header: LexHeader; entries: LexEntry[] }[] = [];
  sectionCache.set(lines, out);
  let current: { header: LexHeader; entries: LexEntry[] } | undefined;
  for (const l of lines) {
    if (l.kind === 'header') out.push((current = { header: l, entries: [] }));
    else if (l.kind === 'entry' && l.section) current!.entries.push(l);
  }
  return out;
}

const keyCache = new WeakMap<readonly LexLine[], ReadonlyMap<string, readonly LexEntry[]>>();

/**
 * The entries inside a section with any of the keys (lowercased), in file order: built once per
 * file for all keys, so that a rule about a few keys (region, the credential keys, the expiry
 * keys) walks their entries and not every line of the file.
 */
export function entriesWithKey(lines: readonly LexLine[], ...keys: readonly string[]): readonly LexEntry[] {
  let byKey = keyCache.get(lines);
  if (!byKey) {
    const index = new Map<string, LexEntry[]>();
    for (const l of lines) {
      if (l.kind !== 'entry' || !l.section) continue;
      const list = index.get(l.lowerKey);
      if (list) list.push(l);
      else index.set(l.lowerKey, [l]);
    }
    keyCache.set(lines, (byKey = index));
  }
  const lists = keys.map((k) => byKey.get(k)).filter((l): l is LexEntry[] => !!l);
  if (lists.length <= 1) return lists[0] ?? [];
  // The lists merged in file order (each is in file order already): no comparison function per pair.
  const out: LexEntry[] = [];
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++)
      if (at[i] < lists[i].length && (best < 0 || lists[i][at[i]].line < lists[best][at[best]].line)) best = i;
    if (best < 0) return out;
    out.push(lists[best][at[best]++]);
  }
}

/**
 * The sections and the key index of a reading that found them on its way (simpleIni.ts), so that
 * entriesBySection and entriesWithKey do not walk the lines again.
 */
export function rememberIndexes(
  lines: readonly LexLine[],
  sections: readonly LexSection[],
  byKey: ReadonlyMap<string, readonly LexEntry[]>,
): void {
  sectionCache.set(lines, sections);
  keyCache.set(lines, byKey);
}

const PROFILE_HEADER = /^profile\s+(.+)$/;
const QUOTED = /^["'](.*)["']$/;

/** The profile a header names in the given file kind (botocore's reading), or undefined for non-profile sections. */
export function profileOfHeader(inner: string, kind: 'config' | 'credentials'): string | undefined {
  if (kind === 'credentials') return inner;
  if (inner === 'default') return 'default';
  if (!inner.includes('profile')) return undefined;
  const m = PROFILE_HEADER.exec(inner.trim());
  return m ? m[1].trim().replace(QUOTED, '$1') : undefined;
}
