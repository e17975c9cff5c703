/**
 * botocore's reading of an INI file: Python's configparser.RawConfigParser with its defaults
 * (strict, `=` and `:` delimiters, full-line comments only, lowercased keys, continuation lines,
 * `[DEFAULT]` injected into every section), then botocore's `raw_config_parse` (nested blocks for
 * values that start with a newline). Any error is fatal for botocore: it raises ConfigParseError
 * and every botocore-based tool stops (semantics reference §2.3).
 */
import type { FileKind, PyParseError, PySetting } from '../core/model';
import { firstDelimiter, isPySpace, lowerCase, pyRstrip, pySplitLines, pyStrip } from '../core/text';

export interface PyIniFile {
  /** Sections in file order (DEFAULT excluded), each with `[DEFAULT]` keys injected where absent. */
  readonly sections: ReadonlyMap<string, ReadonlyMap<string, PySetting>>;
  /** The `[DEFAULT]` section's own keys. */
  readonly defaults: ReadonlyMap<string, PySetting>;
  /** 1-based line of each section header, first occurrence. */
  readonly headerLines: ReadonlyMap<string, number>;
  /** Set when botocore would raise ConfigParseError for this file; sections are then unusable. */
  readonly error?: PyParseError;
}

/** A setting while the file is read; continuation lines collect in `more`. */
interface Pending {
  key: string;
  rawKey: string;
  value: string;
  more?: string[];
  nested?: Map<string, string>;
  file: FileKind;
  line: number;
  column: number;
  valueColumn: number;
  endLine: number;
}

const DEFAULT_SECTION = 'DEFAULT';

/** Whitespace rules: Python's, or JavaScript's native ones when the text has no character on which they differ. */
interface Ws {
  strip(s: string): string;
  rstrip(s: string): string;
}
const PY_WS: Ws = { strip: pyStrip, rstrip: pyRstrip };
const NATIVE_WS: Ws = {
  strip: (s) => s.trim(),
  rstrip: (s) => s.trimEnd(),
};
/** Characters Python's str.strip and JavaScript's trim disagree on. */
const WS_DIFFERENCES = /[\x1c-\x1f\x85\ufeff]/;

/** `firstLine`: the line number of the text's first line, when the text is a part of a file that starts with a header (simpleIni.ts). */
export function parsePyIni(text: string, file: FileKind, lines?: readonly string[], firstLine = 1): PyIniFile {
  const ws = WS_DIFFERENCES.test(text) ? PY_WS : NATIVE_WS;
  const sections = new Map<string, Map<string, Pending>>();
  const defaults = new Map<string, Pending>();
  const headerLines = new Map<string, number>();
  const added = new Set<string>();
  let cursect: Map<string, Pending> | undefined;
  let sectname = '';
  let optname: string | undefined;
  let indentLevel = 0;
  let firstParsingError: PyParseError | undefined;

  const fail = (line: number, kind: string, message: string): PyIniFile => ({
    sections: new Map(),
    defaults: new Map(),
    headerLines,
    error: { line, kind, message },
  });

  // Universal newlines, as Python's text mode reads files: \r\n, \r and \n all end a line.
  const all = lines ?? text.split(/\r\n|\r|\n/);
  const count = all.length > 0 && all[all.length - 1] === '' ? all.length - 1 : all.length;
  for (let i = 0; i < count; i++) {
    const line = all[i];
    const lineNo = i + firstLine;

    const stripped = ws.strip(line);
    const isComment = stripped.charCodeAt(0) === 35 /* # */ || stripped.charCodeAt(0) === 59; /* ; */
    const value = isComment ? '' : stripped;
    if (!value) {
      if (!isComment && cursect && optname !== undefined && optname !== '') {
        const pending = cursect.get(optname);
        if (pending) (pending.more ??= []).push('');
      }
      continue;
    }
    // The stripped text starts at the first non-space character: no second string needed.
    const firstNonSpace = line.indexOf(stripped[0]);
    const curIndent = firstNonSpace < 0 ? 0 : firstNonSpace;
    if (cursect && optname && curIndent > indentLevel) {
      const pending = cursect.get(optname);
      if (pending) {
        (pending.more ??= []).push(value);
        pending.endLine = lineNo;
      }
      continue;
    }
    indentLevel = curIndent;
    const header = matchSectionHeader(value);
    if (header !== undefined) {
      if (sections.has(header)) {
        if (added.has(header)) {
          return fail(lineNo, 'DuplicateSectionError', `section '${header}' already exists [line ${lineNo}]`);
        }
        cursect = sections.get(header);
      } else if (header === DEFAULT_SECTION) {
        cursect = defaults;
      } else {
        cursect = new Map();
        sections.set(header, cursect);
      }
      if (header !== DEFAULT_SECTION) added.add(header);
      if (!headerLines.has(header)) headerLines.set(header, lineNo);
      sectname = header;
      optname = undefined;
      continue;
    }
    if (!cursect) {
      return fail(
        lineNo,
        'MissingSectionHeaderError',
        `File contains no section headers. [line ${lineNo}]: ${JSON.stringify(line)}`,
      );
    }
    // configparser's OPTCRE: the option is everything before the first `=` or `:` (found in place, no object per line).
    const delimiter = firstDelimiter(value);
    const rawKey = delimiter < 0 ? '' : ws.rstrip(value.slice(0, delimiter));
    if (!rawKey) {
      firstParsingError ??= {
        line: lineNo,
        kind: 'ParsingError',
        message: `Source contains parsing errors: [line ${lineNo}]: ${JSON.stringify(line)}`,
      };
      if (delimiter < 0) continue;
    }
    let valueOffset = delimiter + 1;
    while (valueOffset < value.length && isPySpace(value.charCodeAt(valueOffset))) valueOffset++;
    optname = lowerCase(rawKey);
    // A section is entered once per read ([DEFAULT] excepted, whose map is then the same), so the
    // section's own map is configparser's `elements_added` for options.
    if (cursect.has(optname)) {
      return fail(
        lineNo,
        'DuplicateOptionError',
        `option '${optname}' in section '${sectname}' already exists [line ${lineNo}]`,
      );
    }
    const column = firstNonSpace + 1;
    cursect.set(optname, {
      key: optname,
      rawKey,
      value: ws.strip(value.slice(valueOffset)),
      file,
      line: lineNo,
      column,
      valueColumn: column + valueOffset,
      endLine: lineNo,
    });
  }
  if (firstParsingError) return fail(firstParsingError.line, firstParsingError.kind, firstParsingError.message);

  // _join_multiline_values, then botocore's _parse_nested for values that start with a newline.
  const finish = (p: Pending): PyParseError | undefined => {
    if (!p.more) return undefined;
    p.value = pyRstrip([p.value, ...p.more].join('\n'));
    p.more = undefined;
    if (!p.value.startsWith('\n')) return undefined;
    const nested = new Map<string, string>();
    for (const raw of pySplitLines(p.value)) {
      const l = pyStrip(raw);
      if (!l) continue;
      const eq = l.indexOf('=');
      if (eq < 0)
        return { line: p.line, kind: 'ValueError', message: 'not enough values to unpack (expected 2, got 1)' };
      nested.set(pyStrip(l.slice(0, eq)), pyStrip(l.slice(eq + 1)));
    }
    p.nested = nested;
    return undefined;
  };
  for (const p of defaults.values()) {
    const e = finish(p);
    if (e) return fail(e.line, e.kind, e.message);
  }
  for (const opts of sections.values()) {
    for (const p of opts.values()) {
      const e = finish(p);
      if (e) return fail(e.line, e.kind, e.message);
    }
    if (defaults.size) for (const [k, p] of defaults) if (!opts.has(k)) opts.set(k, p);
  }
  return { sections, defaults, headerLines };
}

/** configparser's SECTCRE `\[(?P<header>.+)\]` with re.match: the header runs to the last `]`. */
function matchSectionHeader(value: string): string | undefined {
  if (value[0] !== '[') return undefined;
  const close = value.lastIndexOf(']');
  if (close < 2) return undefined;
  return value.slice(1, close);
}
