/**
 * Findings as Problems entries, and their quick fixes. One DiagnosticCollection; text fixes are
 * WorkspaceEdits on the offending line only; every other fix runs the internal applyFix command.
 */
import { readTextFile } from '../nodeHost/fileSystem';
import * as vscode from 'vscode';
import type { Finding, Severity } from '../engine/findings/findings';
import { DIAGNOSTIC_SOURCE, InternalCommands } from './commandIds';
import { DiagnosticPublisher } from './diagnosticPublisher';
import { Disposable } from './disposable';
import type { Doctor, DoctorState } from './doctor';
import type { EnvironmentDocumentProvider } from './environmentDocument';
import { ENV_DOCUMENT_URI } from './environmentDocument';
import type { DiagnosticData } from './presentation/diagnosticModel';
import { placeFinding } from './presentation/diagnosticModel';
import { shownFindings } from './presentation/findingScope';
import { isTextFix, lineEditFor } from './presentation/fixPlan';
import { fixTitle } from './presentation/environment';
import { notARegularFile } from '../nodeHost/regularFile';

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

interface Entry {
  readonly uri: string;
  readonly data: DiagnosticData;
  readonly finding: Finding;
  readonly diagnostic: vscode.Diagnostic;
}

export class DiagnosticsManager extends Disposable {
  private readonly problems = new DiagnosticPublisher(
    this._register(vscode.languages.createDiagnosticCollection('awsCredentialsDoctor')),
  );
  private entries: Entry[] = [];

  constructor(
    doctor: Doctor,
    private readonly envDocument: EnvironmentDocumentProvider,
  ) {
    super();
    this._register(doctor.onDidChange((s) => this.publish(s)));
    this._register(
      vscode.languages.registerCodeActionsProvider(
        [{ scheme: 'file' }, { scheme: ENV_DOCUMENT_URI.scheme }],
        new FixProvider(this),
        { providedCodeActionKinds: FixProvider.providedCodeActionKinds },
      ),
    );
  }

  publish(state: DoctorState): void {
    const texts = new Map<string, string[] | undefined>();
    const lineText = (path: string, line: number) => {
      if (!texts.has(path)) {
        const cached = state.textOf(path);
        let text = cached;
        // Read as the engine reads (a regular file only, never blocking): the path may be a FIFO by now.
        if (text === undefined) text = readTextFile(path);
        texts.set(path, text?.split('\n'));
      }
      return texts.get(path)?.[line - 1];
    };
    const doc = this.envDocument.document();
    const ctx = { report: state.report, env: state.env, envDocumentLines: doc.lineOf, lineText };
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    const entries: Entry[] = [];
    for (const shown of shownFindings(state.report.findings, state.settings)) {
      const data = placeFinding(shown, ctx);
      const uri = data.target.kind === 'file' ? vscode.Uri.file(data.target.path) : ENV_DOCUMENT_URI;
      const d = new vscode.Diagnostic(
        new vscode.Range(data.line, data.startCharacter, data.line, data.endCharacter),
        data.message,
        SEVERITY[data.severity],
      );
      d.source = DIAGNOSTIC_SOURCE;
      d.code = { value: data.code, target: vscode.Uri.parse(data.docsUrl) };
      if (data.related.length) {
        d.relatedInformation = data.related.map(
          (r) =>
            new vscode.DiagnosticRelatedInformation(
              new vscode.Location(
                vscode.Uri.file(r.path),
                new vscode.Position(Math.max(0, r.line - 1), Math.max(0, r.column - 1)),
              ),
              r.message,
            ),
        );
      }
      const key = uri.toString();
      if (!byUri.has(key)) byUri.set(key, { uri, diagnostics: [] });
      byUri.get(key)!.diagnostics.push(d);
      entries.push({ uri: key, data, finding: shown.finding, diagnostic: d });
    }
    this.entries = entries;
    // One update of the files whose entries changed; files that no longer have findings are cleared.
    this.problems.publish([...byUri.values()].map(({ uri, diagnostics }) => [uri, diagnostics] as const));
  }

  /** Our entry for a diagnostic VS Code hands back (a copy: matched by place, code and message). */
  entryFor(uri: vscode.Uri, d: vscode.Diagnostic): Entry | undefined {
    const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
    const key = uri.toString();
    return this.entries.find(
      (e) =>
        e.uri === key && e.data.code === code && e.data.line === d.range.start.line && e.data.message === d.message,
    );
  }

  /** Every published diagnostic with its finding (for the tests). */
  get published(): readonly Entry[] {
    return this.entries;
  }
}

class FixProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly manager: DiagnosticsManager) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const entry = this.manager.entryFor(document.uri, d);
      if (!entry) continue;
      for (const fix of entry.finding.fixes) {
        const action = new vscode.CodeAction(fixTitle(fix, vscode.l10n), vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = fix.preferred === true;
        if (isTextFix(fix.action)) {
          // Checked now, not taken from the diagnosis: the path may lead to a device since.
          if (
            document.uri.scheme !== 'file' ||
            document.uri.fsPath !== fix.action.path ||
            notARegularFile(fix.action.path)
          )
            continue;
          const edit = lineEditFor(fix.action, {
            lineCount: document.lineCount,
            lineAt: (i) => document.lineAt(i).text,
          });
          if (!edit) continue;
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(
            document.uri,
            new vscode.Range(edit.startLine, edit.startCharacter, edit.endLine, edit.endCharacter),
            edit.newText,
          );
        } else {
          action.command = {
            command: InternalCommands.applyFix,
            title: action.title,
            arguments: [fix.action, entry.finding.code],
          };
        }
        actions.push(action);
      }
    }
    return actions;
  }
}
