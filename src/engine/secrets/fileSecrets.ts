/** The secret values written in a config or credentials file, read line by line as the redactor needs them. */
import type { Redactor } from './redact';
import { isJsSpace } from '../core/text';

/** The words that make a key name a secret (ASCII letters, any case). */
const SECRET_WORD = /secret|token|password/gi;
/** From a line's start to its value: blanks, the key, blanks, `=` or `:`, blanks (sticky: no copy of the line). */
const UP_TO_VALUE = /[ \t]*[\w.-]*[ \t]*[=:][ \t]*/y;
/** Keys that name a secret's file or its expiry, not a secret: `web_identity_token_file`, `x_security_token_expires` (sticky). */
const NOT_A_SECRET = /[ \t]*[\w.-]*(?:_file|_path|_expires|_expiration|_expiry)[ \t]*[=:]/iy;

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;

/**
 * Adds the value of every line whose key names a secret, as each dialect reads it (botocore keeps
 * an inline comment in the value, the JavaScript SDK cuts it; either may unquote it), whether or not
 * the file parses (and each of them unquoted); and the lines botocore continues the value on. A line is `key = value` or
 * `key: value`, the key of `[\w.-]` characters, blanks (space, tab) around; it counts when its key
 * names a secret and not a file or an expiry (`web_identity_token_file`).
 *
 * Only the lines that hold one of the words are looked at: a native search finds them, and each is
 * read once, by one sticky expression and character checks, without copying it (a file of thousands
 * of profiles has thousands of them). A line ends at \n, \r\n or \r, as Python's splitlines and
 * the editors break lines (a file saved with classic Mac line ends is read line by line too, not
 * skipped: its secrets were once printed in a finding); a line that holds U+2028 or U+2029 is not
 * read. test/unit/fileSecrets.test.ts keeps the reading this one replaced (four regular expressions
 * on a copy of each line) as the oracle: on the text with its line ends written \n, the two add the
 * same values in the same order.
 */
export function addFileSecrets(text: string, r: Redactor): void {
  const n = text.length;
  // Whether a value may hold U+2028/U+2029 at all: most files do not, and their lines skip that check.
  const separators = text.includes('\u2028') || text.includes('\u2029');
  // Where the lines of the words and the lines continuing their values end: each line end found once.
  const lineEnds = new LineEnds(text);
  const continuedEnds = new LineEnds(text);
  let continuedUntil = 0;
  SECRET_WORD.lastIndex = 0;
  while (SECRET_WORD.test(text)) {
    const wordEnd = SECRET_WORD.lastIndex;
    // secreT, tokeN, passworD: the word's length from its last letter.
    const last = text.charCodeAt(wordEnd - 1) | 0x20;
    const at = wordEnd - (last === 0x74 ? 6 : last === 0x6e ? 5 : 8);
    const end = lineEnds.after(at);
    // The next word to look at is on a later line.
    SECRET_WORD.lastIndex = end;
    let start = at;
    while (start > 0 && text.charCodeAt(start - 1) !== LF && text.charCodeAt(start - 1) !== CR) start--;
    UP_TO_VALUE.lastIndex = start;
    if (!UP_TO_VALUE.test(text)) continue;
    const valueStart = UP_TO_VALUE.lastIndex;
    let valueEnd = end;
    while (valueEnd > valueStart && isBlank(text.charCodeAt(valueEnd - 1))) valueEnd--;
    if (separators && hasSeparator(text, valueStart, valueEnd)) continue;
    // The word must end before the value, or before as many characters of it as there are blanks after
    // it: the regular-expression reading tested the line without the value's length from its end.
    if (wordEnd > valueStart + (end - valueEnd)) continue;
    NOT_A_SECRET.lastIndex = start;
    if (NOT_A_SECRET.test(text)) continue;
    const value = text.slice(valueStart, valueEnd);
    addValue(value, r);
    const comment = value.includes(';') || value.includes('#') ? commentStart(value) : -1;
    if (comment >= 0) addValue(value.slice(0, comment), r);
    // botocore continues the value on indented lines (a token pasted over two lines): those are the secret too.
    // Each line is scanned once: a block of indented lines is not rescanned for every secret key inside it.
    let next = Math.max(nextLine(text, end), continuedUntil);
    while (next < n && isBlank(text.charCodeAt(next))) {
      const lineEnd = continuedEnds.after(next);
      const first = skipBlanks(text, next, lineEnd);
      if (first === lineEnd || isJsSpace(text.charCodeAt(first))) break;
      r.add(text.slice(next, lineEnd).trim());
      next = nextLine(text, lineEnd);
    }
    continuedUntil = next;
  }
}

/**
 * A value, and its text between quotes when it is quoted: a fix that removes the quotes writes that
 * text, and is dropped only when the redactor knows it (the value before an inline comment too).
 */
function addValue(value: string, r: Redactor): void {
  r.add(value);
  const v = value.trim();
  const q = v.charCodeAt(0);
  if (v.length >= 2 && (q === 0x22 || q === 0x27) && v.charCodeAt(v.length - 1) === q) r.add(v.slice(1, -1));
}

/** The next line end (\n or \r, or the text's end) at or after a position, for positions that only grow: each found once. */
class LineEnds {
  private lf = -1;
  private cr = -1;
  constructor(private readonly text: string) {}

  after(pos: number): number {
    if (this.lf < pos) this.lf = indexOrEnd(this.text, '\n', pos);
    if (this.cr < pos) this.cr = indexOrEnd(this.text, '\r', pos);
    return this.lf < this.cr ? this.lf : this.cr;
  }
}

/** Where the line after the line end at `end` starts (past \r\n, \r or \n). */
function nextLine(text: string, end: number): number {
  return text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
}

function indexOrEnd(text: string, c: string, from: number): number {
  const i = text.indexOf(c, from);
  return i < 0 ? text.length : i;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  return i;
}

function hasSeparator(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/** Where an inline comment begins (`;` or `#` first or after whitespace): the whitespace before it, or -1. */
function commentStart(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c === 0x3b || c === 0x23) && (i === 0 || isJsSpace(value.charCodeAt(i - 1)))) return i === 0 ? 0 : i - 1;
  }
  return -1;
}
