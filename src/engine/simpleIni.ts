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
import type { LexEntry, LexHeader, LexLine } from './lexical';
import { profileOfHeader } from './lexical';
import type { FileKind, PySetting } from './model';
import type { PyIniFile } from './pyIni';
import { isJsSpace, lowerCase } from './text';

export interface Readings {
  readonly js: JsIniFile;
  readonly py: PyIniFile;
  readonly lexical: readonly LexLine[];
}

/** An entry as all three readings see it. */
type SharedEntry = LexEntry & PySetting;

/** Characters on which Python's and JavaScript's whitespace differ (pyIni.ts), a byte order mark, a lone CR. */
const NOT_SIMPLE = /[\x1c-\x1f\x85\ufeff]|\r(?!\n)/;

/** All three readings of `text` split into `lines`, or undefined when a line is not plain. */
export function readSimple(text: string, kind: FileKind, lines: readonly string[]): Readings | undefined {
  if (NOT_SIMPLE.test(text)) return undefined;
  const jsSections = new Map<string, Map<string, SharedEntry>>();
  const jsHeaders = new Map<string, number>();
  const pySections = new Map<string, Map<string, SharedEntry>>();
  const pyHeaders = new Map<string, number>();
  const lexical: LexLine[] = [];
  let header: LexHeader | undefined;
  /** The JavaScript SDK's key of the current section (undefined: a section it ignores). */
  let jsKey: string | undefined;
  let py: Map<string, SharedEntry> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const first = raw.charCodeAt(0);
    if (raw.length === 0) continue;
    if (isJsSpace(first)) {
      // Indented: only a blank line or a whole-line comment is the same to every reader.
      const trimmed = raw.trim();
      if (trimmed === '' || trimmed.charCodeAt(0) === 35 /* # */ || trimmed.charCodeAt(0) === 59 /* ; */) continue;
      return undefined;
    }
    if (first === 35 /* # */ || first === 59 /* ; */) continue;
    if (raw.includes('#') || raw.includes(';')) return undefined;
    const line = i + 1;
    const trimmed = raw.trimEnd();
    if (first === 91 /* [ */) {
      const end = trimmed.length - 1;
      if (end < 2 || trimmed.charCodeAt(end) !== 93 /* ] */ || trimmed.indexOf(']') !== end) return undefined;
      const inner = trimmed.slice(1, end);
      if (inner === 'DEFAULT' || inner.includes('__proto__') || pySections.has(inner)) return undefined;
      header = { kind: 'header', line, column: 1, endColumn: end + 2, inner, trailing: '', profile: profileOfHeader(inner, kind) };
      lexical.push(header);
      py = new Map();
      pySections.set(inner, py);
      pyHeaders.set(inner, line);
      jsKey = jsSectionKey(inner);
      if (jsKey !== undefined && !jsHeaders.has(jsKey)) jsHeaders.set(jsKey, line);
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (eq <= 0 || !py) return undefined;
    const colon = trimmed.indexOf(':');
    if (colon >= 0 && colon < eq) return undefined;
    let k = eq;
    while (k > 0 && isJsSpace(trimmed.charCodeAt(k - 1))) k--;
    const key = trimmed.slice(0, k);
    let v = eq + 1;
    while (v < trimmed.length && isJsSpace(trimmed.charCodeAt(v))) v++;
    if (v === trimmed.length || lowerCase(key) !== key || key === '__proto__' || py.has(key)) return undefined;
    const value = trimmed.slice(v);
    const entry: SharedEntry = {
      kind: 'entry',
      line,
      indent: 0,
      key,
      rawKey: key,
      lowerKey: key,
      keyColumn: 1,
      column: 1,
      delimiter: '=',
      value,
      valueColumn: v + 1,
      valueEndColumn: v + 1 + value.length,
      endLine: line,
      file: kind,
      section: header,
      continuationOf: undefined,
    };
    lexical.push(entry);
    py.set(key, entry);
    if (jsKey !== undefined) {
      // As the SDK does: a section is filed at its first key (a header without keys has only a line).
      let js = jsSections.get(jsKey);
      if (!js) jsSections.set(jsKey, (js = new Map()));
      js.set(key, entry);
    }
  }
  return {
    js: { sections: jsSections, headerLines: jsHeaders },
    py: { sections: pySections, defaults: new Map(), headerLines: pyHeaders },
    lexical,
  };
}
