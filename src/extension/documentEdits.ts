/**
 * Changing a user's file the way an editor should: through its TextDocument, never behind an open
 * editor. The edit is computed against the document's current text (which may differ from what was
 * diagnosed: edited since, unsaved changes, changed on disk), applied as one undoable WorkspaceEdit,
 * and saved only when the document had no unsaved changes before — the user's own unsaved edits are
 * never saved for them. A removed file is a message, not a crash.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { notify } from './notify';
import { notARegularFile } from '../nodeHost/regularFile';
import { unreachable } from '../engine/core/unreachable';

/** What became of a fix that changes a file. */
export type EditOutcome =
  /** Applied and saved. */
  | 'saved'
  /** Applied; the document had other unsaved changes, so it stays unsaved. */
  | 'unsaved'
  /** The current text no longer has what the fix is for: nothing changed. */
  | 'stale'
  /** The file no longer exists: nothing changed. */
  | 'missing'
  /** Refused: the fix cannot be applied to a document with unsaved changes. */
  | 'refused'
  /** Refused: the path is not a regular file now (a device, a FIFO, a directory, a link to one). */
  | 'notAFile'
  /** The edit or the save failed. */
  | 'failed';

/** Every outcome of a fix, for the callers and the tests. */
export type FixOutcome = EditOutcome | 'applied' | 'cancelled';

/** The open document of a file, if VS Code has one. */
export function openDocumentOf(file: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file && !d.isClosed);
}

/**
 * Applies the edit `compute` returns for the document's current text (undefined: the fix no longer
 * fits). Saves only a document that had no unsaved changes before the edit.
 */
export async function editFile(
  file: string,
  compute: (doc: vscode.TextDocument) => vscode.WorkspaceEdit | undefined,
): Promise<EditOutcome> {
  if (!fs.existsSync(file)) return 'missing';
  if (notARegularFile(file)) return 'notAFile';
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  } catch {
    return fs.existsSync(file) ? 'failed' : 'missing';
  }
  const hadUnsavedChanges = doc.isDirty;
  const edit = compute(doc);
  if (!edit) return 'stale';
  if (!(await vscode.workspace.applyEdit(edit))) return 'failed';
  if (hadUnsavedChanges) return 'unsaved';
  // false when VS Code refuses, e.g. the file changed on disk since the document was read.
  return (await doc.save()) ? 'saved' : 'failed';
}

/** Tells the user, without a modal dialog, what a fix that did not simply go through did (or did not) do. */
export function tellEditOutcome(outcome: FixOutcome, file: string, detail?: string): void {
  switch (outcome) {
    case 'unsaved':
      void notify.info(
        vscode.l10n.t(
          'The fix is applied to {0}, which has other unsaved changes, so it is not saved: the AWS tools see it once you save the file.',
          file,
        ),
      );
      return;
    case 'stale':
      void notify.warn(
        vscode.l10n.t('{0} has changed since it was checked and the fix no longer fits it: nothing was changed.', file),
      );
      return;
    case 'missing':
      void notify.warn(vscode.l10n.t('{0} no longer exists: nothing was changed.', file));
      return;
    case 'refused':
      void notify.warn(vscode.l10n.t('{0} has unsaved changes: save or revert them, then apply the fix again.', file));
      return;
    case 'notAFile':
      void notify.warn(
        vscode.l10n.t(
          '{0} is not a regular file now ({1}): nothing was changed.',
          file,
          detail ?? notARegularFile(file) ?? '?',
        ),
      );
      return;
    case 'failed':
      void notify.error(
        detail
          ? vscode.l10n.t('Could not change {0}: {1}', file, detail)
          : vscode.l10n.t('Could not change {0}.', file),
      );
      return;
    case 'saved':
    case 'applied':
    case 'cancelled':
      return;
    default:
      unreachable(outcome, 'fix outcome');
  }
}
