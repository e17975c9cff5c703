/**
 * Applying a debug session's or a task's fix: the edit of the line of launch.json, tasks.json or the
 * envFile that writes the variable (through the document, computed against its current text, as
 * every file fix: documentEdits.ts), or the extension's usual fix.
 */
import * as vscode from 'vscode';
import type { FindingCode } from '../engine/findings/findings';
import { InternalCommands } from './commandIds';
import type { FixOutcome } from './documentEdits';
import { editFile, tellEditOutcome } from './documentEdits';
import { addDotEnvEdit } from './dotEnvEdits';
import type { ConfigEdit, SessionFix } from './sessions/sessionEnvironment';
import type { SessionCore } from './sessions/sessionCore';

/** Adds the edits of one document to `edit`; false when one of them no longer fits its current text. */
export function addConfigEdits(
  edit: vscode.WorkspaceEdit,
  doc: vscode.TextDocument,
  edits: readonly ConfigEdit[],
  core: SessionCore,
): boolean {
  // JSON edits are computed one after the other on the text as the previous ones leave it.
  const original = doc.getText();
  let text = original;
  for (const e of edits) {
    if (e.kind === 'dotenv') {
      if (!addDotEnvEdit(edit, doc, e.line, e.name, e.value)) return false;
      continue;
    }
    const te = core.envEdit(text, e.block, e.name, e.value, e.line);
    if (!te) return false;
    // Several removals from one object: each is computed on the result of the previous one.
    for (const t of [...te].sort((a, b) => b.offset - a.offset))
      text = text.slice(0, t.offset) + t.content + text.slice(t.offset + t.length);
  }
  if (text !== original) {
    // One replacement of the span that changed, from the original text to the final one.
    let start = 0;
    while (start < original.length && start < text.length && original[start] === text[start]) start++;
    let endO = original.length;
    let endN = text.length;
    while (endO > start && endN > start && original[endO - 1] === text[endN - 1]) {
      endO--;
      endN--;
    }
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(endO)), text.slice(start, endN));
  }
  return true;
}

/**
 * Applies a fix of a session or a task the user picked: its edits (all in one file) through the
 * document, or the usual fix through the applyFix command.
 */
export async function applySessionFix(
  fix: SessionFix,
  code: FindingCode | undefined,
  core: SessionCore,
): Promise<FixOutcome> {
  if (fix.kind === 'action')
    return (await vscode.commands.executeCommand<FixOutcome>(InternalCommands.applyFix, fix.action, code)) ?? 'applied';
  const file = fix.edits[0]?.file;
  if (!file) return 'stale';
  const outcome = await editFile(file, (doc) => {
    const edit = new vscode.WorkspaceEdit();
    return addConfigEdits(edit, doc, fix.edits, core) ? edit : undefined;
  });
  tellEditOutcome(outcome, file);
  return outcome;
}
