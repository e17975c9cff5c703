/**
 * botocore's reading of an INI file: Python's configparser.RawConfigParser with its defaults
 * (strict, `=` and `:` delimiters, full-line comments only, lowercased keys, continuation lines,
 * `[DEFAULT]` injected into every section), then botocore's `raw_config_parse` (nested blocks for
 * values that start with a newline). Any error is fatal for botocore: it raises ConfigParseError
 * and every botocore-based tool stops (semantics reference §2.3).
 */
import { FileKind, PyParseError, PySetting } from './model';
import { LineIndex, isPySpace, pyFirstNonSpace, pyRstrip, pySplitLines, pyStrip } from './text';

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

interface Pending {
  rawKey: string;
  parts: string[];
  line: number;
  column: number;
  valueColumn: number;
  endLine: number;
}

const DEFAULT_SECTION = 'DEFAULT';

export function parsePyIni(text: string, file: FileKind, index = new LineIndex(text)): PyIniFile {
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

  for (let lineNo = 1; lineNo <= index.lineCount; lineNo++) {
    const lineStart = index.lineStart(lineNo);
    let lineEnd = lineNo < index.lineCount ? index.lineStart(lineNo + 1) : text.length;
    while (lineEnd > lineStart && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd--;
    const line = text.slice(lineStart, lineEnd);
    if (lineNo === index.lineCount && line === '') break;

    const stripped = pyStrip(line);
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    const value = isComment ? '' : stripped;
    if (!value) {
      if (!isComment && cursect && optname) cursect.get(optname)?.parts.push('');
      continue;
    }
    const firstNonSpace = pyFirstNonSpace(line);
    const curIndent = firstNonSpace < 0 ? 0 : firstNonSpace;
    if (cursect && optname && curIndent > indentLevel) {
      const pending = cursect.get(optname);
      if (pending) {
        pending.parts.push(value);
        pending.endLine = lineNo;
      }
      continue;
    }
    indentLevel = curIndent;
    const header = matchSectionHeader(value);
    if (header !== undefined) {
      if (sections.has(header)) {
        if (added.has(header)) {
          return fail(lineNo, 'DuplicateSectionError', `While reading from ${'<file>'} [line ${lineNo}]: section '${header}' already exists`);
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
      return fail(lineNo, 'MissingSectionHeaderError', `File contains no section headers. [line ${lineNo}]: ${JSON.stringify(line)}`);
    }
    const option = matchOption(value);
    if (!option) {
      firstParsingError ??= { line: lineNo, kind: 'ParsingError', message: `Source contains parsing errors: [line ${lineNo}]: ${JSON.stringify(line)}` };
      continue;
    }
    if (!option.name) {
      firstParsingError ??= { line: lineNo, kind: 'ParsingError', message: `Source contains parsing errors: [line ${lineNo}]: ${JSON.stringify(line)}` };
    }
    const rawKey = pyRstrip(option.name);
    optname = rawKey.toLowerCase();
    const addedKey = `${sectname}\u0000${optname}`;
    if (added.has(addedKey)) {
      return fail(lineNo, 'DuplicateOptionError', `While reading from <file> [line ${lineNo}]: option '${optname}' in section '${sectname}' already exists`);
    }
    added.add(addedKey);
    const column = firstNonSpace + 1;
    cursect.set(optname, {
      rawKey,
      parts: [pyStrip(option.value)],
      line: lineNo,
      column,
      valueColumn: column + option.valueOffset,
      endLine: lineNo,
    });
  }
  if (firstParsingError) return fail(firstParsingError.line, firstParsingError.kind, firstParsingError.message);

  const finish = (key: string, p: Pending): PySetting | PyParseError => {
    const value = pyRstrip(p.parts.join('\n'));
    const base = { key, rawKey: p.rawKey, value, file, line: p.line, column: p.column, valueColumn: p.valueColumn, endLine: p.endLine };
    if (!value.startsWith('\n')) return base;
    const nested = new Map<string, string>();
    for (const raw of pySplitLines(value)) {
      const l = pyStrip(raw);
      if (!l) continue;
      const eq = l.indexOf('=');
      if (eq < 0) {
        return { line: p.line, kind: 'ValueError', message: 'not enough values to unpack (expected 2, got 1)' };
      }
      nested.set(pyStrip(l.slice(0, eq)), pyStrip(l.slice(eq + 1)));
    }
    return { ...base, nested };
  };
  const isError = (x: PySetting | PyParseError): x is PyParseError => !('key' in x);

  const finishedDefaults = new Map<string, PySetting>();
  for (const [k, p] of defaults) {
    const s = finish(k, p);
    if (isError(s)) return fail(s.line, s.kind, s.message);
    finishedDefaults.set(k, s);
  }
  const finished = new Map<string, Map<string, PySetting>>();
  for (const [name, opts] of sections) {
    const out = new Map<string, PySetting>();
    for (const [k, p] of opts) {
      const s = finish(k, p);
      if (isError(s)) return fail(s.line, s.kind, s.message);
      out.set(k, s);
    }
    for (const [k, s] of finishedDefaults) if (!out.has(k)) out.set(k, s);
    finished.set(name, out);
  }
  return { sections: finished, defaults: finishedDefaults, headerLines };
}

/** configparser's SECTCRE `\[(?P<header>.+)\]` with re.match: the header runs to the last `]`. */
function matchSectionHeader(value: string): string | undefined {
  if (value[0] !== '[') return undefined;
  const close = value.lastIndexOf(']');
  if (close < 2) return undefined;
  return value.slice(1, close);
}

/** configparser's OPTCRE: the option is everything before the first `=` or `:`. */
function matchOption(value: string): { name: string; value: string; valueOffset: number } | undefined {
  let i = 0;
  while (i < value.length && value[i] !== '=' && value[i] !== ':') i++;
  if (i >= value.length) return undefined;
  let nameEnd = i;
  while (nameEnd > 0 && isPySpace(value.charCodeAt(nameEnd - 1))) nameEnd--;
  let v = i + 1;
  while (v < value.length && isPySpace(value.charCodeAt(v))) v++;
  return { name: value.slice(0, nameEnd), value: value.slice(v), valueOffset: v };
}
