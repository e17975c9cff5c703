/** The read-only document `aws-credentials-doctor:/environment`: the AWS_* variables, masked, where environment findings sit. */
import * as vscode from 'vscode';
import { ENV_DOCUMENT_PATH, ENV_DOCUMENT_SCHEME } from './commandIds';
import { Disposable } from './disposable';
import type { Doctor } from './doctor';
import type { EnvironmentDocument } from './presentation/environment';
import { environmentDocument } from './presentation/environment';

export const ENV_DOCUMENT_URI = vscode.Uri.from({ scheme: ENV_DOCUMENT_SCHEME, path: ENV_DOCUMENT_PATH });

export class EnvironmentDocumentProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private last: EnvironmentDocument | undefined;

  constructor(private readonly doctor: Doctor) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(ENV_DOCUMENT_SCHEME, this));
    this._register(doctor.onDidChange(() => {
      const before = this.last?.text;
      this.last = undefined;
      if (this.document().text !== before) this.changed.fire(ENV_DOCUMENT_URI);
    }));
  }

  document(): EnvironmentDocument {
    const state = this.doctor.state;
    return (this.last ??= environmentDocument(state.env, process.env, (t) => state.redactor.redact(t)));
  }

  provideTextDocumentContent(): string {
    return this.document().text;
  }
}
