/**
 * The AWS SDK for JavaScript v3's INI parser (@smithy/core `parseIni`), reproduced rule for rule
 * but keeping positions. The rules it follows (inline comments, no `:` delimiter, no
 * continuation lines, `key =` opening a sub-section, last duplicate wins, case-sensitive keys,
 * `[profile x]` headers matched by a regex) are in the semantics reference §1.5.
 */
import type { FileKind, Setting } from '../core/model';
import { LineIndex, isJsSpace } from '../core/text';

export interface JsIniFile {
  /** Section key as the SDK stores it (`default`, `profile.dev`, `sso-session.x`, or the raw header text). */
  readonly sections: ReadonlyMap<string, ReadonlyMap<string, Setting>>;
  /** 1-based line of each header the SDK recognised, by section key (also for sections with no keys). */
  readonly headerLines: ReadonlyMap<string, number>;
  /** Set when the SDK's parser throws (a `__proto__` section): it then treats the whole file as empty. */
  readonly rejected?: { readonly line: number; readonly message: string };
}

const PREFIX_KEY = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const SECTION_TYPES = new Set(['profile', 'sso-session', 'services']);
const BLOCKED = new Set(['__proto__', 'profile __proto__']);
const COMMENT = /(^|\s)[;#]/;

/**
 * `lines`: the text split at \r\n, \r and \n (AwsFile.lineTexts), the same lines as the SDK's
 * when the text has no lone \r; then they are read from there instead of being cut out again.
 * `firstLine`: the line number of the text's first line, when the text is a part of a file that
 * starts with a header (simpleIni.ts reads a section it cannot read in its one pass this way).
 */
export function parseJsIni(
  text: string,
  file: FileKind,
  lineIndex: () => LineIndex = () => new LineIndex(text),
  lines?: readonly string[],
  firstLine = 1,
): JsIniFile {
  const sections = new Map<string, Map<string, Setting>>();
  const headerLines = new Map<string, number>();
  let current: string | undefined;
  let subSection: string | undefined;
  // The SDK splits on /\r?\n/; editors also break lines at a lone \r. Only then do the two
  // numberings differ and positions need the editor's line index.
  const index = text.includes('\r') && /\r(?!\n)/.test(text) ? lineIndex() : undefined;
  const shared = index ? undefined : lines;
  let lineNo = 0;
  let start = 0;
  let last = false;
  for (;;) {
    let raw: string;
    const lineStart = start;
    if (shared) {
      raw = shared[lineNo];
      last = lineNo + 1 >= shared.length;
    } else {
      let nl = text.indexOf('\n', start);
      if (nl < 0) nl = text.length;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      raw = text.slice(start, end);
      start = nl + 1;
      last = nl >= text.length;
    }
    lineNo++;

    let content = raw;
    if (raw.includes('#') || raw.includes(';')) {
      const comment = COMMENT.exec(raw);
      if (comment) content = raw.slice(0, comment.index);
    }
    const trimmed = content.trim();
    if (trimmed.charCodeAt(0) === 91 /* [ */ && trimmed.charCodeAt(trimmed.length - 1) === 93 /* ] */) {
      current = undefined;
      subSection = undefined;
      const name = trimmed.substring(1, trimmed.length - 1);
      current = jsSectionKey(name);
      const line = index ? index.position(lineStart).line : lineNo + firstLine - 1;
      if (BLOCKED.has(name)) {
        return {
          sections: new Map(),
          headerLines: new Map(),
          rejected: { line, message: `Found invalid profile name "${name}"` },
        };
      }
      if (current && !headerLines.has(current)) headerLines.set(current, line);
    } else if (current) {
      const eq = trimmed.indexOf('=');
      if (eq > 0) {
        const key = trimmed.substring(0, eq).trim();
        // Where the value starts, found in place: `trimmed` ends in no space, so the value is the rest from there.
        let v = eq + 1;
        while (v < trimmed.length && isJsSpace(trimmed.charCodeAt(v))) v++;
        const value = trimmed.substring(v);
        if (value === '') {
          subSection = key;
        } else {
          let lead = 0;
          while (lead < raw.length && isJsSpace(raw.charCodeAt(lead))) lead++;
          if (subSection !== undefined && lead === 0) subSection = undefined;
          const line = index ? index.position(lineStart + lead).line : lineNo + firstLine - 1;
          const column = index ? index.position(lineStart + lead).column : lead + 1;
          const valueColumn = column + v;
          const fullKey = subSection !== undefined ? `${subSection}.${key}` : key;
          let section = sections.get(current);
          if (!section) sections.set(current, (section = new Map()));
          // The SDK assigns into a plain object: a "__proto__" key sets the prototype and is lost.
          if (fullKey !== '__proto__')
            section.set(fullKey, { key: fullKey, rawKey: key, value, file, line, column, valueColumn });
        }
      }
    }
    if (last) break;
  }
  return { sections, headerLines };
}

/** The key the SDK files a section under (`profile.dev`, `default`), or undefined for a section it ignores (`[foo bar]`). */
export function jsSectionKey(name: string): string | undefined {
  const match = PREFIX_KEY.exec(name);
  if (!match) return name;
  return SECTION_TYPES.has(match[1]) ? `${match[1]}.${match[3]}` : undefined;
}

/**
 * The config file as the SDK's `getConfigData` keeps it: `[default]`, then every `profile.*`
 * section with its prefix stripped (so `[profile default]` replaces `[default]` whatever the
 * order), `sso-session.*` and `services.*` with their prefix kept.
 */
export function jsConfigProfiles(file: JsIniFile): Map<string, ReadonlyMap<string, Setting>> {
  const out = new Map<string, ReadonlyMap<string, Setting>>();
  const def = file.sections.get('default');
  if (def) out.set('default', def);
  for (const [key, section] of file.sections) {
    const dot = key.indexOf('.');
    if (dot < 0) continue;
    const prefix = key.substring(0, dot);
    if (!SECTION_TYPES.has(prefix)) continue;
    out.set(prefix === 'profile' ? key.substring(dot + 1) : key, section);
  }
  return out;
}
