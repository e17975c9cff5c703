/** Every command's handler: the compiler requires one per id in `Commands`, and a unit test checks package.json. */
import * as fs from 'fs';
import * as vscode from 'vscode';
import * as os from 'os';
import { redact } from '../engine/secrets/redact';
import type { FindingCode, FixAction } from '../engine/findings/findings';
import type { FileKind } from '../engine/core/model';
import type { CommandName } from './commandIds';
import { Commands, EXPLANATION_DOCUMENT, InternalCommands, REPORT_DOCUMENT } from './commandIds';
import { Disposable } from './disposable';
import type { Doctor } from './doctor';
import type { EnvChanges } from './envChanges';
import type { LiveChecker } from './liveCheck';
import type { Log } from './log';
import type { ProfileSwitcher } from './profileSwitcher';
import type { ProfileChecks } from './profileChecks';
import { PROFILES_VIEW_ID, ProfilesView } from './profilesView';
import type { FixOutcome } from './documentEdits';
import { editFile, openDocumentOf, tellEditOutcome } from './documentEdits';
import { NotAFileError, withRegularFile } from '../nodeHost/regularFile';
import type { ExplainSourceChoice } from './presentation/explainSource';
import { errorTextToExplain } from './presentation/explainSource';
import { ssoSignInItems } from './presentation/profileItems';
import { shownFindings } from './presentation/findingScope';
import { findingCounts } from './presentation/statusBarModel';
import { lineEditFor, profileHeaderLine } from './presentation/fixPlan';
import { AWS_PARTITIONS } from '../engine/core/awsRegions.generated';
import { sanitize } from '../engine/core/sanitize';
import { unreachable } from '../engine/core/unreachable';
import { cutNote, keepEnds } from '../engine/core/boundedText';
import { notify } from './notify';
import type { EnvironmentDocumentProvider } from './environmentDocument';
import { engineEnvironment } from './presentation/environment';
import { explanationDocument, reportDocument } from './presentation/readOnlyDocuments';
import { pickQuickFix } from './keyboardQuickFix';
import { createOwnTerminal } from './ownTerminals';
import { loadHostEngine } from './lazyBundles';

export interface CommandServices {
  readonly doctor: Doctor;
  /** Serves the read-only documents (environmentDocument.ts). */
  readonly documents: EnvironmentDocumentProvider;
  readonly env: EnvChanges;
  readonly switcher: ProfileSwitcher;
  readonly live: LiveChecker;
  readonly log: Log;
  readonly extensionPath: string;
  readonly profiles: ProfilesView;
  readonly checks: ProfileChecks;
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
      switchProfile: (profile?: unknown) =>
        typeof profile === 'string' ? s.switcher.switchTo(profile) : s.switcher.pick(),
      checkIdentity: () => s.live.run(),
      explainError: (text?: unknown) => this.explainError(typeof text === 'string' ? text : undefined),
      showReport: () => this.showReport(),
      openConfigFile: () => this.openFile('config'),
      openCredentialsFile: () => this.openFile('credentials'),
      ssoLogin: (profile?: unknown) => this.ssoLogin(typeof profile === 'string' ? profile : undefined),
      showLog: () => s.log.show(),
      checkAllProfiles: (options?: unknown) => this.checkProfiles(undefined, options),
      copyProfileResults: () => s.checks.copyResults(),
      filterProfiles: (text?: unknown) =>
        typeof text === 'string' ? s.profiles.setFilter(text) : s.profiles.askFilter(),
      clearProfileFilter: () => s.profiles.setFilter(''),
      groupProfilesByKind: () => s.profiles.setGrouping('kind'),
      groupProfilesByAccount: () => s.profiles.setGrouping('account'),
      switchToProfile: (node?: unknown) => this.withProfile(node, (p) => s.switcher.switchTo(p)),
      signInProfile: (node?: unknown) =>
        this.withProfile(node, (p) => s.switcher.signIn(p, s.profiles.signInOf(node) ?? 'sso')),
      checkProfileIdentity: (node?: unknown) =>
        this.withProfile(node, (p) => s.checks.check([p], vscode.l10n.t('profile {0}', p))),
      checkProfileGroup: (node?: unknown) => this.checkProfiles(node),
      revealProfile: (node?: unknown) => s.profiles.reveal(node),
      copyProfileName: (node?: unknown) => this.withProfile(node, (p) => vscode.env.clipboard.writeText(p)),
      quickFix: () => pickQuickFix(),
    };
    for (const [name, handler] of Object.entries(handlers))
      this._register(vscode.commands.registerCommand(Commands[name as CommandName], handler));
    this._register(
      vscode.commands.registerCommand(InternalCommands.applyFix, (action: FixAction, code?: FindingCode) =>
        this.applyFix(action, code),
      ),
    );
  }

  /** A command of a profile row (or given a profile's name). */
  private withProfile<T>(node: unknown, run: (profile: string) => T): T | undefined {
    const profile = ProfilesView.profileOf(node);
    return profile === undefined ? undefined : run(profile);
  }

  /**
   * Check All Profiles (those the view shows), or a group's; the view is shown, where the outcomes
   * appear. `options` (a keybinding's argument): `{ "credentialProcess": "skip" }` skips the
   * profiles that would run a program, without asking.
   */
  private async checkProfiles(node?: unknown, options?: unknown) {
    const group = node as Parameters<ProfilesView['profilesOf']>[0];
    // Before the first state (the command at once after activation): the one under way.
    await this.s.doctor.latest();
    const profiles = this.s.profiles.profilesOf(group);
    const what = this.s.profiles.describe(group);
    if (!this.s.profiles.view.visible) await vscode.commands.executeCommand(`${PROFILES_VIEW_ID}.focus`);
    const skip = (options as { credentialProcess?: unknown } | undefined)?.credentialProcess === 'skip';
    return this.s.checks.check(profiles, what, { skipCredentialProcess: skip });
  }

  private async runDiagnostics() {
    const state = await this.s.doctor.refreshInBackground();
    const shown = shownFindings(state.report.findings, state.settings);
    notify.status(
      shown.length
        ? vscode.l10n.t('AWS Credentials Doctor: {0}', findingCounts(shown, vscode.l10n))
        : vscode.l10n.t('AWS Credentials Doctor: no findings'),
      4000,
    );
    return state.report;
  }

  private async explainError(given?: string): Promise<string | undefined> {
    const text = await errorTextToExplain(given, {
      selection: () => {
        const editor = vscode.window.activeTextEditor;
        return editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
      },
      chooseSource: async () => {
        const items: (vscode.QuickPickItem & { choice: ExplainSourceChoice })[] = [
          {
            label: vscode.l10n.t('Paste the error'),
            detail: vscode.l10n.t('Type or paste the error message into an input box'),
            choice: 'paste',
          },
          {
            label: vscode.l10n.t('From clipboard'),
            detail: vscode.l10n.t('Read the clipboard now, to check and edit it in an input box'),
            choice: 'clipboard',
          },
        ];
        return (
          await vscode.window.showQuickPick(items, {
            title: vscode.l10n.t('Explain an AWS error'),
            placeHolder: vscode.l10n.t('Select an error in an editor, or choose where it comes from'),
          })
        )?.choice;
      },
      readClipboard: () => Promise.resolve(vscode.env.clipboard.readText()),
      input: (value) =>
        Promise.resolve(
          vscode.window.showInputBox({
            title: vscode.l10n.t('Explain an AWS error'),
            prompt: vscode.l10n.t('Paste the error message'),
            value,
            ignoreFocusOut: true,
          }),
        ),
    });
    if (!text) return undefined;
    // A selection of a whole log: its start and its end only (boundedText.ts), and the user is told.
    const bounded = keepEnds(text);
    if (bounded.cut) void notify.info(vscode.l10n.t('Explain Error: {0}', cutNote(bounded.cut)));
    // Explained in the worker, against a fresh diagnosis: none of the whole home on the extension host.
    const { explanation, view } = await this.s.doctor.explain(bounded.text);
    const doc = explanationDocument(
      { explanation, redact: (t) => view.redactor.redact(redact(t)), home: os.homedir() },
      vscode.l10n,
    );
    await this.s.documents.show(EXPLANATION_DOCUMENT, doc);
    return doc.text;
  }

  /** The redacted Markdown report, read-only, each finding's fixes as actions on its row. */
  private async showReport(): Promise<string> {
    const state = await this.s.doctor.refreshInBackground();
    const { formatMarkdown } = loadHostEngine(this.s.extensionPath);
    const markdown = state.redactor.redact(formatMarkdown(state.report, state.at, engineEnvironment(state.env)));
    const doc = reportDocument(markdown, state.report.findings, vscode.l10n);
    await this.s.documents.show(REPORT_DOCUMENT, doc);
    return doc.text;
  }

  private async openFile(kind: FileKind): Promise<void> {
    const files = (await this.s.doctor.latest()).report.files.filter((f) => f.kind === kind);
    const file = files.find((f) => f.tools.includes('cli')) ?? files[0];
    if (!file) return;
    if (!fs.existsSync(file.path)) {
      void notify.info(vscode.l10n.t('{0} does not exist yet.', file.path));
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(file.path));
  }

  /** Signs a profile in: the one given, else the only SSO profile, else the user's choice, those that need it first. */
  private async ssoLogin(profile?: string): Promise<void> {
    const { report } = await this.s.doctor.latest();
    let name = profile;
    if (!name) {
      const items = ssoSignInItems(report, Date.now(), vscode.l10n);
      if (items.length === 1) name = items[0].profile;
      else if (items.length) {
        const picked = await vscode.window.showQuickPick(
          items.map((i) => ({ label: sanitize(i.label), description: i.description, profile: i.profile })),
          {
            title: vscode.l10n.t('Sign in to SSO'),
            placeHolder: vscode.l10n.t('The profile to sign in (aws sso login)'),
          },
        );
        name = picked?.profile;
      } else void notify.info(vscode.l10n.t('No SSO profile in the AWS config file.'));
    }
    if (name) this.s.switcher.signIn(name);
  }

  /**
   * Applies a fix the user picked (all but the text fixes of code actions, which are WorkspaceEdits).
   * File edits go through the document (documentEdits.ts): never saving the user's other unsaved
   * changes, never writing behind an editor with unsaved changes, a removed file a message.
   */
  async applyFix(action: FixAction, code?: FindingCode): Promise<FixOutcome> {
    this.s.log.info(`applying fix ${action.kind} for ${code ?? 'a finding'}`);
    switch (action.kind) {
      case 'unsetEnv':
        await this.s.env.unset(action.name);
        // The profile remembered for this workspace goes with it, or the next start would set it again.
        if (action.name === 'AWS_PROFILE') await this.s.switcher.forget();
        return 'applied';
      case 'setEnv':
        await this.s.env.set(action.name, action.value, { atOrigin: true });
        if (action.name === 'AWS_PROFILE') await this.s.switcher.remember(action.value);
        await this.s.doctor.refreshInBackground();
        void notify.info(
          vscode.l10n.t('{0} set for new terminals. Already-open terminals keep their old environment.', action.name),
        );
        return 'applied';
      case 'switchProfile':
        await this.s.switcher.switchTo(action.profile);
        return 'applied';
      case 'runCommand': {
        // A sign-in runs in the sign-in terminal, in that terminal's shell syntax; the cache watchers pick up the token.
        if (action.signIn) {
          this.s.switcher.signIn(action.signIn.profile, action.signIn.kind);
          return 'applied';
        }
        const terminal = createOwnTerminal({ name: 'AWS Credentials Doctor' });
        terminal.show();
        terminal.sendText(action.command, false); // the user presses Enter
        return 'applied';
      }
      case 'chmod':
        // Only the mode changes (an open editor is not affected), and only a regular file's, checked now.
        try {
          withRegularFile(action.path, fs.constants.O_RDONLY, (fd) => fs.fchmodSync(fd, action.mode));
          return this.fileFixDone(action.path, 'applied');
        } catch (e) {
          return this.fileFixDone(action.path, ...failureOf(e));
        }
      case 'deleteLine':
      case 'replaceText': {
        // Normally a WorkspaceEdit on the code action; this path is for callers without one.
        const outcome = await editFile(action.path, (doc) => {
          const e = lineEditFor(action, { lineCount: doc.lineCount, lineAt: (i) => doc.lineAt(i).text });
          if (!e) return undefined;
          const edit = new vscode.WorkspaceEdit();
          edit.replace(doc.uri, new vscode.Range(e.startLine, e.startCharacter, e.endLine, e.endCharacter), e.newText);
          return edit;
        });
        return this.fileFixDone(action.path, outcome);
      }
      case 'removeBom':
        return this.removeBom(action.path);
      case 'setRegion': {
        const region = await vscode.window.showQuickPick(knownRegions(), {
          title: vscode.l10n.t('Region for profile "{0}"', sanitize(action.profile)),
          placeHolder: 'eu-west-1',
        });
        if (!region) return 'cancelled';
        if (action.afterLine > 0) {
          // One new line right after the profile's header, found in the current text; every other byte stays.
          const outcome = await editFile(action.path, (doc) => {
            const at = profileHeaderLine(
              { lineCount: doc.lineCount, lineAt: (i) => doc.lineAt(i).text },
              action.profile,
              action.afterLine,
            );
            if (at === undefined) return undefined;
            const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
            const edit = new vscode.WorkspaceEdit();
            edit.insert(doc.uri, doc.lineAt(at).range.end, `${eol}region = ${region}`);
            return edit;
          });
          return this.fileFixDone(action.path, outcome);
        }
        // No section to put it in: both region variables, for new terminals.
        await this.s.env.set('AWS_REGION', region);
        await this.s.env.set('AWS_DEFAULT_REGION', region);
        await this.s.doctor.refreshInBackground();
        return 'applied';
      }
      default:
        return unreachable(action, 'fix kind');
    }
  }

  /**
   * Removes a UTF-8 byte order mark. VS Code hides the mark from the document (and writes it back
   * on save), so no document edit can remove it: the bytes are rewritten on disk, the mode kept —
   * but never behind an editor with unsaved changes, which would then conflict with the disk.
   */
  private async removeBom(file: string): Promise<FixOutcome> {
    if (openDocumentOf(file)?.isDirty) return this.fileFixDone(file, 'refused');
    let removed: boolean;
    try {
      // On the descriptor of the regular file checked: read, then rewritten in place (mode and owner kept).
      removed = withRegularFile(file, fs.constants.O_RDWR, (fd) => {
        const bytes = fs.readFileSync(fd);
        if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) return false;
        const rest = bytes.subarray(3);
        fs.writeSync(fd, rest, 0, rest.length, 0);
        fs.ftruncateSync(fd, rest.length);
        return true;
      });
    } catch (e) {
      return this.fileFixDone(file, ...failureOf(e));
    }
    return this.fileFixDone(file, removed ? 'saved' : 'stale');
  }

  /** Logs a file fix's outcome, tells the user when it did not simply go through, and re-diagnoses. */
  private async fileFixDone(file: string, outcome: FixOutcome, detail?: string): Promise<FixOutcome> {
    this.s.log.info(`fix on ${file}: ${outcome}${detail ? ` (${detail})` : ''}`);
    tellEditOutcome(outcome, file, detail);
    await this.s.doctor.refreshInBackground();
    return outcome;
  }
}

/** A failed file fix's outcome and detail: missing, not a regular file, or another failure. */
function failureOf(e: unknown): [FixOutcome, string] {
  if (e instanceof NotAFileError) return ['notAFile', e.message];
  // ELOOP: a link swapped in after the links were resolved (O_NOFOLLOW refuses it).
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return [
    code === 'ENOENT' ? 'missing' : code === 'ELOOP' ? 'notAFile' : 'failed',
    code === 'ELOOP' ? 'a symbolic link' : errorText(e),
  ];
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
