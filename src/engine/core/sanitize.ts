/**
 * The one sanitiser for text that reaches a terminal, a Markdown document or an editor's UI:
 * control characters are shown escaped (`\x1b`, `\r`, `\u202e`), never emitted. A value from a
 * config file, a profile name or an environment variable can carry ESC, BEL or an OSC sequence
 * (which retitles a terminal or hides text), a carriage return (which overwrites a line), or a
 * bidirectional override (which reorders what is read); none of them reaches the screen raw.
 */

/**
 * C0 controls, DEL, C1 controls (U+0080–U+009F, which 8-bit terminals read as CSI, OSC…), the
 * line and paragraph separators, and the bidirectional marks, embeddings, overrides and isolates.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_NEWLINE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same set, except what JSON.stringify already escapes (C0): for a JSON document printed to a terminal. */
const CONTROL_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character shown escaped. `keepNewlines` keeps line feeds (for a whole
 * document whose lines the caller built); a value that goes into one line escapes them too, so
 * that no value can forge a line of the report.
 */
export function sanitize(text: string, keepNewlines = false): string {
  return text.replace(keepNewlines ? CONTROL_BUT_NEWLINE : CONTROL, escapeOne);
}

/** Whether `text` holds a control character (the set sanitize escapes): a value no fix may copy elsewhere. */
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/** JSON for a terminal: the same value, with the controls JSON.stringify leaves raw written as \u escapes. */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    CONTROL_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
