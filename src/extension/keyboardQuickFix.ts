/**
 * Quick fixes on the read-only environment document from the keyboard. VS Code's own *Quick Fix…*
 * (Ctrl+.) and *editor.action.codeAction* require a writable editor, so on
 * `aws-credentials-doctor:/environment` they do nothing and the palette does not list them; the
 * extension's *Quick Fix…* (bound to Ctrl+. there, and in the palette and the context menu) asks
 * the same code-action providers and offers their fixes in a quick pick.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from './commandIds';
import { notify } from './notify';

/** The fixes for the diagnostics on the cursor's line (or, with none there, the whole document's), preferred first. */
export async function pickQuickFix(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const doc = editor.document;
  const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
  const line = editor.selection.active.line;
  const here = ours.filter((d) => d.range.start.line <= line && line <= d.range.end.line);
  const targets = here.length ? here : ours;
  if (!targets.length) {
    notify.status(vscode.l10n.t('No AWS Credentials Doctor problem in this document'), 3000);
    return undefined;
  }
  const range = targets.map((d) => d.range).reduce((a, b) => a.union(b));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? [];
  if (!actions.length) {
    notify.status(vscode.l10n.t('No quick fix for this problem'), 3000);
    return undefined;
  }
  const sorted = [...actions.filter((a) => a.isPreferred), ...actions.filter((a) => !a.isPreferred)];
  const items = sorted.map((action) => ({
    label: action.title,
    description: action.diagnostics
      ?.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '')))
      .filter(Boolean)
      .join(', '),
    action,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Quick Fix'),
    placeHolder: vscode.l10n.t('Choose a fix'),
  });
  if (!picked) return undefined;
  const { action } = picked;
  if (action.edit) await vscode.workspace.applyEdit(action.edit);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  return action.title;
}
