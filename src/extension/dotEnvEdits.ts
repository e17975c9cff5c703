/**
 * Edits of one line of a `.env`-style file (a workspace `.env`, a launch configuration's envFile):
 * remove the line that sets a variable, or rewrite its value keeping `export`, the spacing, the
 * quotes and a trailing comment. Computed against the document's current text: the diagnosed line
 * if it still sets the variable, else the last line that does.
 */
import * as vscode from 'vscode';
import { parseDotEnv } from './presentation/environment';

/** The 0-based line of the document that sets `name`: the diagnosed 1-based `line` if it still does, else the last that does. */
function dotEnvLine(doc: vscode.TextDocument, line: number, name: string): number | undefined {
  const sets = (i: number) => parseDotEnv(doc.lineAt(i).text)[0]?.name === name;
  if (line >= 1 && line <= doc.lineCount && sets(line - 1)) return line - 1;
  for (let i = doc.lineCount - 1; i >= 0; i--) if (sets(i)) return i;
  return undefined;
}

/** Adds to `edit` the removal (value undefined) or the new value of `name` in the document; false when no line sets it any more. */
export function addDotEnvEdit(
  edit: vscode.WorkspaceEdit,
  doc: vscode.TextDocument,
  line: number,
  name: string,
  value: string | undefined,
): boolean {
  const at = dotEnvLine(doc, line, name);
  if (at === undefined) return false;
  if (value === undefined) {
    edit.delete(
      doc.uri,
      at + 1 < doc.lineCount ? new vscode.Range(at, 0, at + 1, 0) : doc.lineAt(at).rangeIncludingLineBreak,
    );
    return true;
  }
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^(\\s*(?:export\\s+)?${escaped}\\s*=\\s*)(['"\`]?)([^'"\`#]*?)(\\2)(\\s*(?:#.*)?)$`).exec(
    doc.lineAt(at).text,
  );
  if (!m) return false;
  edit.replace(
    doc.uri,
    new vscode.Range(at, m[1].length + m[2].length, at, m[1].length + m[2].length + m[3].length),
    value,
  );
  return true;
}

/** The edit of one variable in a `.env`-style document, or undefined when no line sets it any more. */
export function dotEnvEdit(
  doc: vscode.TextDocument,
  line: number,
  name: string,
  value: string | undefined,
): vscode.WorkspaceEdit | undefined {
  const edit = new vscode.WorkspaceEdit();
  return addDotEnvEdit(edit, doc, line, name, value) ? edit : undefined;
}
