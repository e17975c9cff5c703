/**
 * Text fixes computed against the document's actual text: a FixAction (1-based line, column,
 * endColumn exclusive) becomes a single-line range and replacement. Nothing outside the offending
 * line changes, so comments, other lines and line endings (CRLF or LF) stay as they were.
 */
import type { FixAction } from '../../engine/findings/findings';
import { profileOfHeader } from '../../engine/files/lexical';

export interface LineEdit {
  /** 0-based positions. */
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
  readonly newText: string;
}

export interface DocumentLines {
  readonly lineCount: number;
  /** The text of a 0-based line, without its line break. */
  lineAt(line: number): string;
}

export function isTextFix(a: FixAction): a is Extract<FixAction, { kind: 'deleteLine' | 'replaceText' }> {
  return a.kind === 'deleteLine' || a.kind === 'replaceText';
}

/**
 * The edit for a text fix, or undefined when the document no longer matches (the line is gone or
 * the range does not fit it).
 */
export function lineEditFor(action: FixAction, doc: DocumentLines): LineEdit | undefined {
  if (!isTextFix(action)) return undefined;
  const line = action.line - 1;
  if (line < 0 || line >= doc.lineCount) return undefined;
  if (action.kind === 'deleteLine') {
    if (line + 1 < doc.lineCount)
      return { startLine: line, startCharacter: 0, endLine: line + 1, endCharacter: 0, newText: '' };
    // The last line: take the line break before it instead.
    if (line === 0)
      return { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: doc.lineAt(0).length, newText: '' };
    return {
      startLine: line - 1,
      startCharacter: doc.lineAt(line - 1).length,
      endLine: line,
      endCharacter: doc.lineAt(line).length,
      newText: '',
    };
  }
  const text = doc.lineAt(line);
  const start = action.column - 1;
  const end = action.endColumn - 1;
  if (start < 0 || end < start || end > text.length) return undefined;
  return { startLine: line, startCharacter: start, endLine: line, endCharacter: end, newText: action.text };
}

/** Applies an edit to plain text (for tests and previews): the same result VS Code's WorkspaceEdit gives. */
export function applyLineEdit(text: string, edit: LineEdit): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      starts.push(i + 2);
      i++;
    } else if (c === 10 || c === 13) starts.push(i + 1);
  }
  const offset = (line: number, ch: number) => starts[line] + ch;
  return (
    text.slice(0, offset(edit.startLine, edit.startCharacter)) +
    edit.newText +
    text.slice(offset(edit.endLine, edit.endCharacter))
  );
}

/** Splits text into lines as VS Code's TextDocument does (\r\n, \n or \r). */
export function documentLines(text: string): DocumentLines {
  const lines = text.split(/\r\n|\n|\r/);
  return { lineCount: lines.length, lineAt: (i) => lines[i] };
}

/**
 * The 0-based line of the header of `profile` in a config file's current text: the diagnosed line
 * (1-based `hint`) if it still is that header, else the first such header; undefined when the text
 * no longer has one (the file changed since the diagnosis).
 */
export function profileHeaderLine(doc: DocumentLines, profile: string, hint: number): number | undefined {
  const isHeader = (i: number) => {
    const t = doc.lineAt(i).trim();
    const close = t.lastIndexOf(']');
    return t[0] === '[' && close > 0 && profileOfHeader(t.slice(1, close), 'config') === profile;
  };
  if (hint >= 1 && hint <= doc.lineCount && isHeader(hint - 1)) return hint - 1;
  for (let i = 0; i < doc.lineCount; i++) if (isHeader(i)) return i;
  return undefined;
}
