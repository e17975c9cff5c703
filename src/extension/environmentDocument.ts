/**
 * The extension's read-only documents under `aws-credentials-doctor:`: `/environment` (the AWS_*
 * variables, masked, where environment findings sit) and the Markdown documents Explain Error and
 * Show Report open (presentation/readOnlyDocuments.ts), whose actions are CodeLens above their
 * lines. Read-only virtual documents: nothing asks to be saved, and Save As does not propose ~/.aws.
 */
import * as vscode from 'vscode';
import { ENV_DOCUMENT_PATH, ENV_DOCUMENT_SCHEME, InternalCommands } from './commandIds';
import { Disposable } from './disposable';
import type { Doctor } from './doctor';
import type { EnvironmentDocument } from './presentation/environment';
import { environmentDocument, secretsOf } from './presentation/environment';
import type { ReadOnlyDocument } from './presentation/readOnlyDocuments';

export const ENV_DOCUMENT_URI = vscode.Uri.from({ scheme: ENV_DOCUMENT_SCHEME, path: ENV_DOCUMENT_PATH });

export class EnvironmentDocumentProvider
  extends Disposable
  implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider
{
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly lensesChanged = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private last: EnvironmentDocument | undefined;
  /** The Markdown documents shown, by path. */
  private readonly shown = new Map<string, ReadOnlyDocument>();

  constructor(private readonly doctor: Doctor) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(ENV_DOCUMENT_SCHEME, this));
    this._register(vscode.languages.registerCodeLensProvider({ scheme: ENV_DOCUMENT_SCHEME }, this));
    this._register(
      doctor.onDidChange(() => {
        const before = this.last?.text;
        this.last = undefined;
        if (this.document().text !== before) this.changed.fire(ENV_DOCUMENT_URI);
      }),
    );
  }

  /**
   * The document of the last state published; before the first, of the environment as read now,
   * its secret variables' values masked wherever they stand (not kept: the first state replaces it).
   */
  document(): EnvironmentDocument {
    const state = this.doctor.last;
    if (!state) {
      const env = this.doctor.environment();
      const secrets = secretsOf(env);
      return environmentDocument(env, process.env, (t) => secrets.redact(t));
    }
    return (this.last ??= environmentDocument(state.env, process.env, (t) => state.redactor.redact(t)));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return uri.path === ENV_DOCUMENT_PATH ? this.document().text : (this.shown.get(uri.path)?.text ?? '');
  }

  /**
   * Opens a read-only Markdown document (`name` ends in .md: VS Code gives it the Markdown mode), or
   * shows the new content in the one already open under that name. Resolves with its editor.
   */
  async show(name: string, doc: ReadOnlyDocument): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: ENV_DOCUMENT_SCHEME, path: `/${name}` });
    const before = this.shown.get(uri.path);
    this.shown.set(uri.path, doc);
    // Only a document still open is told (VS Code reloads a closed one when it is opened again).
    if (before && vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
      this.changed.fire(uri);
      this.lensesChanged.fire();
    }
    const document = await vscode.workspace.openTextDocument(uri);
    // A document already open keeps its old text until VS Code has asked for the new one.
    if (document.getText() !== doc.text) await textChanged(document, doc.text);
    return vscode.window.showTextDocument(document, { preview: true });
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const doc = this.shown.get(document.uri.path);
    if (!doc || document.getText() !== doc.text) return [];
    return doc.actions
      .filter((a) => a.line < document.lineCount)
      .map(
        (a) =>
          new vscode.CodeLens(
            document.lineAt(a.line).range,
            a.kind === 'fix'
              ? { title: `$(wrench) ${a.title}`, command: InternalCommands.applyFix, arguments: [a.action, a.code] }
              : {
                  title: `$(terminal) ${a.title}`,
                  command: InternalCommands.fixInTerminal,
                  arguments: [a.terminal, a.text],
                },
          ),
      );
  }
}

/** Resolves once the document holds `text` (or after two seconds: then it shows what it has). */
function textChanged(document: vscode.TextDocument, text: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      sub.dispose();
      clearTimeout(timer);
      resolve();
    };
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === document && document.getText() === text) done();
    });
    const timer = setTimeout(done, 2000);
    if (document.getText() === text) done();
  });
}
