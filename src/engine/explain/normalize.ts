/**
 * The text the catalogue's wordings are matched against. Tools print their errors inside frames and
 * behind prefixes that break a phrase apart: Terraform draws a `│` box and wraps long lines in it,
 * Serverless v1 indents a framed message and the terminal wraps it, logrus writes `ERRO[0017]`, CI
 * logs put a timestamp before every line, docker compose a service name and `|`, and everything can be
 * coloured. Normalising removes all of that, so that one regular expression per wording matches the
 * error however it was printed.
 *
 * The result has one line per non-blank input line (prefixes, frames and surrounding blanks removed,
 * runs of blanks made one space), lines joined by `\n`; `flat()` of it has the same length with every
 * `\n` a space, so that a phrase wrapped over two lines reads as one. Positions in both are the same.
 * Every step is a linear scan.
 */

/** Escape sequences: CSI, OSC (ended by BEL or ST), DCS/SOS/PM/APC, and the two-character ones. */
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_]|[ -/][@-~])/g;

/** Removes escape sequences, and makes every CR, CRLF and lone CR a line feed (a lone CR starts the line again). */
export function stripAnsi(s: string): string {
  const t = s.indexOf('\x1b') >= 0 ? s.replace(ANSI, '') : s;
  return t.indexOf('\r') >= 0 ? t.replace(/\r\n?/g, '\n') : t;
}

/**
 * What can stand before the text of a line: blanks, box-drawing and block characters (Terraform's
 * `│ ╷ ╵`), quote marks of pasted Markdown (`>`), status symbols (`✖`), ISO and Go timestamps, logrus
 * levels (`ERRO[0017]`), bracketed levels (`[ERROR]`, GitHub's `##[error]`), a docker compose service
 * (`api_1  | `). Repeated: a CI timestamp before a Terraform frame before a level.
 */
const LINE_PREFIX = new RegExp(
  '^(?:' +
    [
      '[ \\t\\u00a0]+',
      '[\\u2500-\\u259f]+',
      '>+',
      '[\\u2714\\u2716\\u2717\\u2718\\u26a0\\u00d7\\u2022\\u25cf\\u25b6\\u2192]\\ufe0f?',
      '\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?\\]?',
      '\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?',
      '(?:TRAC|DEBU|INFO|WARN|ERRO|FATA|PANI)\\[\\d{1,10}\\]',
      '(?:##)?\\[(?:error|warning|warn|notice|info|debug|ERROR|WARNING|WARN|INFO|DEBUG)\\]',
      '[\\w.-]{1,64}[ \\t]+\\|(?=[ \\t])',
    ].join('|') +
    ')',
);
/** Frames and blanks at the end of a line (a right border). */
const LINE_SUFFIX = /[ \t\u00a0\u2500-\u259f]+$/;
const BLANKS = /[ \t\u00a0\f\v]+/g;
/** Prefixes are removed at most this many times per line (each removal shortens it: this only bounds the loop). */
const MAX_PREFIXES = 8;

/** One line's text without its prefixes, frames and surrounding blanks, inner blanks made one space. */
function cleanLine(line: string): string {
  let s = line;
  for (let i = 0; i < MAX_PREFIXES; i++) {
    const m = LINE_PREFIX.exec(s);
    if (!m || m[0].length === 0) break;
    s = s.slice(m[0].length);
  }
  s = s.replace(LINE_SUFFIX, '');
  return s.indexOf('  ') >= 0 || s.indexOf('\t') >= 0 || s.indexOf('\u00a0') >= 0 ? s.replace(BLANKS, ' ') : s;
}

/** The text as the catalogue reads it: escape sequences removed, one cleaned line per non-blank line. */
export function normalizeErrorText(text: string): string {
  const lines = stripAnsi(text).split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const s = cleanLine(line);
    if (s) out.push(s);
  }
  return out.join('\n');
}

/** The normalised text as one line: every `\n` a space (same length, same positions). */
export function flat(normalized: string): string {
  return normalized.indexOf('\n') >= 0 ? normalized.replace(/\n/g, ' ') : normalized;
}
