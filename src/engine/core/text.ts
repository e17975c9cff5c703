/**
 * Text helpers shared by the two INI dialects: positions, and the whitespace rules of
 * JavaScript's String.prototype.trim versus Python's str.strip (they differ on a few code points,
 * which matters because each real tool trims with its own rules).
 */

/** Maps string offsets to 1-based line and column, with lines broken the way editors break them (\r\n, \n, \r). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      } else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  /** Start offset of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }
}

const PY_SPACE = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
  0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** Python's str.isspace for one UTF-16 code unit (all Python whitespace is in the BMP). */
export function isPySpace(code: number): boolean {
  // Printable ASCII first, without the set: nearly every character a file holds.
  return code > 0x20 && code < 0x7f ? false : PY_SPACE.has(code);
}

/** Whether JavaScript's String.prototype.trim removes this UTF-16 code unit (WhiteSpace and LineTerminator). */
export function isJsSpace(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c >= 0xa0 &&
        (c === 0xa0 ||
          c === 0x1680 ||
          (c >= 0x2000 && c <= 0x200a) ||
          c === 0x2028 ||
          c === 0x2029 ||
          c === 0x202f ||
          c === 0x205f ||
          c === 0x3000 ||
          c === 0xfeff);
}

/**
 * `s.toLowerCase()`, without a new string when `s` is plain ASCII with no capital (nearly every
 * key in a file): the same string comes back.
 */
export function lowerCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x7f || (c >= 65 && c <= 90)) return s.toLowerCase();
  }
  return s;
}

/** The first `=` or `:` (where configparser splits an option), or -1: a loop, not a regular expression per line. */
export function firstDelimiter(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 61 /* = */ || c === 58 /* : */) return i;
  }
  return -1;
}

/** Python's str.strip() with no argument. */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && PY_SPACE.has(s.charCodeAt(start))) start++;
  while (end > start && PY_SPACE.has(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** Python's str.rstrip() with no argument. */
export function pyRstrip(s: string): string {
  let end = s.length;
  while (end > 0 && PY_SPACE.has(s.charCodeAt(end - 1))) end--;
  return s.slice(0, end);
}

/** Python's str.splitlines() (used by botocore's nested-value parser). */
export function pySplitLines(s: string): string[] {
  const out: string[] = [];
  let cur = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isBreak =
      c === 0x0a ||
      c === 0x0b ||
      c === 0x0c ||
      c === 0x0d ||
      c === 0x1c ||
      c === 0x1d ||
      c === 0x1e ||
      c === 0x85 ||
      c === 0x2028 ||
      c === 0x2029;
    if (!isBreak) continue;
    out.push(s.slice(cur, i));
    if (c === 0x0d && s.charCodeAt(i + 1) === 0x0a) i++;
    cur = i + 1;
  }
  if (cur < s.length) out.push(s.slice(cur));
  return out;
}

/**
 * Python's shlex.split(s) in POSIX mode, as botocore uses it on config section names.
 * Returns undefined where Python raises ValueError (an unclosed quote or a trailing backslash).
 */
export function shlexSplit(s: string): string[] | undefined {
  const tokens: string[] = [];
  let token: string | undefined;
  const isWs = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (isWs(ch)) {
      if (token !== undefined) tokens.push(token);
      token = undefined;
    } else if (ch === '\\') {
      if (i + 1 >= s.length) return undefined;
      token = (token ?? '') + s[++i];
    } else if (ch === "'") {
      const close = s.indexOf("'", i + 1);
      if (close < 0) return undefined;
      token = (token ?? '') + s.slice(i + 1, close);
      i = close;
    } else if (ch === '"') {
      let acc = '';
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        if (s[j] === '\\' && j + 1 < s.length && (s[j + 1] === '"' || s[j + 1] === '\\')) acc += s[++j];
        else acc += s[j];
      }
      if (j >= s.length) return undefined;
      token = (token ?? '') + acc;
      i = j;
    } else {
      token = (token ?? '') + ch;
    }
  }
  if (token !== undefined) tokens.push(token);
  return tokens;
}

/** Shells whose `-c` script is run the same way by /bin/sh and by a shlex split (the script reaches the inner shell either way). */
const SHELLS = /^(?:.*\/)?(?:sh|bash|dash|zsh|ksh|ash|fish)$/;

/**
 * The first construct of a command line that /bin/sh interprets and Python's shlex.split does not
 * (the JavaScript SDK runs credential_process through /bin/sh; botocore and the AWS CLI split it
 * with shlex and run it without a shell): then the two run different commands. Undefined when both
 * run the same argv.
 *
 * Inside single quotes nothing; inside double quotes `$`, `` ` `` and a backslash before either;
 * outside quotes also the operators | & ; < > ( ), `$`, `` ` ``, a `#` or `~` starting a word, `*`
 * (a glob, which expands wherever a file matches) and `NAME=value` before the command. Quotes and
 * backslashes outside quotes are removed alike by both. The script of `sh -c "…"` is left alone:
 * either way it reaches the inner shell, which interprets it.
 */
export function shellOnlySyntax(s: string): string | undefined {
  const words = shlexSplit(s);
  // An unclosed quote: both fail (sh: "Unterminated quoted string"; shlex: ValueError).
  if (!words) return undefined;
  const script = words.length >= 3 && SHELLS.test(words[0]) && words[1] === '-c' ? 2 : -1;
  let word = -1;
  let inWord = false;
  let unquoted = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      inWord = false;
      continue;
    }
    const start = !inWord;
    if (start) {
      word++;
      unquoted = '';
      inWord = true;
    }
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === "'") {
      i = s.indexOf("'", i + 1);
      continue;
    }
    if (ch === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) {
        if (s[i] === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) i++;
        else if (
          (s[i] === '$' || s[i] === '`' || (s[i] === '\\' && (s[i + 1] === '$' || s[i + 1] === '`'))) &&
          word !== script
        )
          return s[i] === '\\' ? `\\${s[i + 1]}` : s[i];
      }
      continue;
    }
    if (word === script) continue;
    if ('|&;<>()$`*'.includes(ch)) return ch;
    if (start && (ch === '#' || ch === '~')) return ch;
    if (ch === '=' && word === 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(unquoted)) return `${unquoted}=`;
    unquoted += ch;
  }
  return undefined;
}

/** A list joined with `sep`, its middle elided past `max` items: a 3,000-profile chain stays a readable line. */
export function shortList(items: readonly string[], sep: string, max = 12): string {
  if (items.length <= max) return items.join(sep);
  const head = items.slice(0, max - 4);
  const tail = items.slice(-3);
  return [...head, `… ${items.length - head.length - tail.length} more …`, ...tail].join(sep);
}

/** The first sentence of a text (a finding's message), cut at `max` characters, for a table cell or a tree item. */
export function firstSentence(s: string, max = 160): string {
  const m = /^(.*?[.!?])(?:\s|$)/.exec(s);
  const one = (m ? m[1] : s).trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
