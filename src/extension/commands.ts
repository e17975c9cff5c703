/** Every command's handler: the compiler requires one per id in `Commands`, and a unit test checks package.json. */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type * as Explain from '../engine/explain/explainError';
import { formatExplanation } from '../engine/explain/formatExplanation';
import type { FindingCode, FixAction } from '../engine/findings';
import { formatMarkdown } from '../engine/markdown';
import type { FileKind } from '../engine/model';
import type { CommandName } from './commandIds';
import { Commands, InternalCommands } from './commandIds';
import { Disposable } from './disposable';
import type { Doctor } from './doctor';
import type { EnvChanges } from './envChanges';
import type { LiveChecker } from './liveCheck';
import type { Log } from './log';
import type { ProfileSwitcher } from './profileSwitcher';
import { lineEditFor } from './presentation/fixPlan';
import { AWS_PARTITIONS } from '../engine/awsRegions.generated';

export interface CommandServices {
  readonly doctor: Doctor;
  readonly env: EnvChanges;
  readonly switcher: ProfileSwitcher;
  readonly live: LiveChecker;
  readonly log: Log;
  readonly extensionPath: string;
}

/** The AWS regions the SDK knows, for the region picker. */
function knownRegions(): string[] {
  return AWS_PARTITIONS.flatMap((p) => p.regions).sort();
}

export class CommandHandlers extends Disposable {
  constructor(private readonly s: CommandServices) {
    super();
    const handlers: Record<CommandName, (...args: never[]) => unknown> = {
      runDiagnostics: () => this.runDiagnostics(),
      switchProfile: (profile?: unknown) => (typeof profile === 'string' ? s.switcher.switchTo(profile) : s.switcher.pick()),
      checkIdentity: () => s.live.run(),
      explainError: (text?: unknown) => this.explainError(typeof text === 'string' ? text : undefined),
      showReport: () => this.showReport(),
      openConfigFile: () => this.openFile('config'),
      openCredentialsFile: () => this.openFile('credentials'),
      ssoLogin: (profile?: unknown) => this.ssoLogin(typeof profile === 'string' ? profile : undefined),
      showLog: () => s.log.show(),
    };
    for (const [name, handler] of Object.entries(handlers)) this._register(vscode.commands.registerCommand(Commands[name as CommandName], handler));
    this._register(vscode.commands.registerCommand(InternalCommands.applyFix, (action: FixAction, code?: FindingCode) => this.applyFix(action, code)));
  }

  /** The error catalogue, from its own bundle (a computed path keeps esbuild from inlining it). */
  private explainModule(): typeof Explain {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle loaded on first use
    return require(path.join(this.s.extensionPath, 'dist', ['explain', 'js'].join('.'))) as typeof Explain;
  }

  private runDiagnostics() {
    const state = this.s.doctor.refresh();
    const { errors, warnings } = state.report.summary;
    vscode.window.setStatusBarMessage(vscode.l10n.t('AWS Credentials Doctor: {0} errors, {1} warnings', errors, warnings), 4000);
    return state.report;
  }

  private async explainError(given?: string): Promise<string | undefined> {
    let text = given;
    const editor = vscode.window.activeTextEditor;
    if (!text && editor && !editor.selection.isEmpty) text = editor.document.getText(editor.selection);
    if (!text) {
      const clip = await vscode.env.clipboard.readText();
      if (/[A-Za-z]+(Exception|Error|Token|Denied|expired|invalid)/.test(clip)) text = clip;
    }
    if (!text) text = await vscode.window.showInputBox({ title: vscode.l10n.t('Explain an AWS error'), prompt: vscode.l10n.t('Paste the error message') });
    if (!text) return undefined;
    const d = this.s.doctor.state.diagnosis;
    const { explainError } = this.explainModule();
    const out = d.redactor.redact(formatExplanation(explainError(text, d)));
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: out });
    await vscode.window.showTextDocument(doc, { preview: true });
    return out;
  }

  private async showReport(): Promise<string> {
    const state = this.s.doctor.refresh();
    const content = state.diagnosis.redactor.redact(formatMarkdown(state.report, state.at));
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(doc, { preview: true });
    return content;
  }

  private async openFile(kind: FileKind): Promise<void> {
    const files = this.s.doctor.state.report.files.filter((f) => f.kind === kind);
    const file = files.find((f) => f.tools.includes('cli')) ?? files[0];
    if (!file) return;
    if (!fs.existsSync(file.path)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} does not exist yet.', file.path));
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(file.path));
  }

  private async ssoLogin(profile?: string): Promise<void> {
    const report = this.s.doctor.state.report;
    let name = profile;
    if (!name) {
      const sso = report.profiles.filter((p) => p.kind === 'sso');
      if (sso.some((p) => p.name === report.profile.name)) name = report.profile.name;
      else if (sso.length === 1) name = sso[0].name;
      else name = (await vscode.window.showQuickPick(sso.map((p) => p.name), { title: vscode.l10n.t('Sign in to SSO') })) ?? undefined;
    }
    if (name) this.s.switcher.signIn(name);
  }

  /** Applies a fix the user picked (all but the text fixes, which are WorkspaceEdits). */
  async applyFix(action: FixAction, code?: FindingCode): Promise<void> {
    this.s.log.info(`applying fix ${action.kind} for ${code ?? 'a finding'}`);
    switch (action.kind) {
      case 'unsetEnv':
        await this.s.env.unset(action.name);
        return;
      case 'setEnv':
        await this.s.env.set(action.name, action.value, { atOrigin: true });
        this.s.doctor.refresh();
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} set for new terminals. Already-open terminals keep their old environment.', action.name));
        return;
      case 'switchProfile':
        await this.s.switcher.switchTo(action.profile);
        return;
      case 'runCommand': {
        const m = /^aws sso login --profile (\S+)$/.exec(action.command);
        if (m) { this.s.switcher.signIn(m[1]); return; }
        const terminal = vscode.window.createTerminal({ name: 'AWS Credentials Doctor' });
        terminal.show();
        terminal.sendText(action.command, false); // the user presses Enter
        return;
      }
      case 'chmod':
        fs.chmodSync(action.path, action.mode);
        this.s.doctor.refresh();
        return;
      case 'deleteLine':
      case 'replaceText': {
        // Normally a WorkspaceEdit on the code action; kept for callers without one.
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(action.path));
        const e = lineEditFor(action, { lineCount: doc.lineCount, lineAt: (i) => doc.lineAt(i).text });
        if (!e) return;
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, new vscode.Range(e.startLine, e.startCharacter, e.endLine, e.endCharacter), e.newText);
        await vscode.workspace.applyEdit(edit);
        return;
      }
      case 'removeBom': {
        // VS Code hides a byte order mark from the document: rewrite the bytes, the mode stays the file's.
        const bytes = fs.readFileSync(action.path);
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) fs.writeFileSync(action.path, bytes.subarray(3));
        this.s.doctor.refresh();
        return;
      }
      case 'setRegion': {
        const region = await vscode.window.showQuickPick(knownRegions(), { title: vscode.l10n.t('Region for profile "{0}"', action.profile), placeHolder: 'eu-west-1' });
        if (!region) return;
        if (action.afterLine > 0 && fs.existsSync(action.path)) {
          // One new line right after the profile's header; every other byte stays.
          const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(action.path));
          const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
          const edit = new vscode.WorkspaceEdit();
          const header = doc.lineAt(action.afterLine - 1);
          edit.insert(doc.uri, header.range.end, `${eol}region = ${region}`);
          if (await vscode.workspace.applyEdit(edit)) await doc.save();
        } else {
          // No section to put it in: both region variables, for new terminals and the extension host.
          await this.s.env.set('AWS_REGION', region);
          await this.s.env.set('AWS_DEFAULT_REGION', region);
        }
        this.s.doctor.refresh();
        return;
      }
      default: {
        const unhandled: never = action;
        throw new Error(`unknown fix ${JSON.stringify(unhandled)}`);
      }
    }
  }
}
