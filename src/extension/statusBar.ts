/** The status-bar item: one item, explicit id and name; re-rendered on every state change and when the time left changes. */
import * as vscode from 'vscode';
import { Commands, STATUS_BAR_ITEM_ID } from './commandIds';
import { Disposable } from './disposable';
import type { DiagnosisView, Doctor, DoctorState } from './doctor';
import type { EnvSnapshot } from './presentation/environment';
import type { StatusBarModel, TerminalSummary } from './presentation/statusBarModel';
import { SHOW_PROBLEMS_COMMAND, statusBarModel } from './presentation/statusBarModel';

const MAX_TIMER_MS = 2 ** 31 - 1;

export class StatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private timer: NodeJS.Timeout | undefined;
  private lastModel: StatusBarModel | undefined;
  /** The followed environment (the active terminal's, when its credentials differ from what new terminals get: terminalWatcher.ts). */
  private terminal: { readonly state: DiagnosisView; readonly summary: TerminalSummary } | undefined;
  /** The environment that asked to be followed while following was paused (shown once following resumes). */
  private pending: { readonly state: DiagnosisView; readonly summary: TerminalSummary } | undefined;
  /** After a profile switch: what new terminals get, until the user turns to a terminal again (resumeFollowing). */
  private paused = false;

  constructor(private readonly doctor: Doctor, private readonly now: () => number) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem(STATUS_BAR_ITEM_ID, vscode.StatusBarAlignment.Left, 100));
    this.item.name = vscode.l10n.t('AWS Credentials Doctor');
    this.item.command = Commands.switchProfile;
    this._register(doctor.onDidChange((s) => this.render(s)));
    this._register({ dispose: () => this.timer && clearTimeout(this.timer) });
  }

  /** The last text shown (for the tests and the benchmark). */
  get text(): string {
    return this.item.text;
  }

  get model(): StatusBarModel | undefined {
    return this.lastModel;
  }

  /** Phase one of activation: the profile the environment selects, before any file is read. */
  showPreliminary(env: EnvSnapshot): void {
    const profile = env.variables.get('AWS_PROFILE')?.value || env.variables.get('AWS_DEFAULT_PROFILE')?.value || 'default';
    this.item.text = `$(cloud) ${profile}`;
    this.item.tooltip = vscode.l10n.t('AWS Credentials Doctor is reading the AWS files…');
    this.item.accessibilityInformation = { label: vscode.l10n.t('AWS profile {0}, reading the AWS files', profile), role: 'button' };
    this.item.show();
  }

  /** Follows an environment other than new terminals' (a terminal's diagnosis and summary), or what new terminals get again (undefined). */
  setTerminal(view: { readonly state: DiagnosisView; readonly summary: TerminalSummary } | undefined): void {
    if (this.paused) { this.pending = view; return; }
    // Still what new terminals get: the status bar's own listener renders each new state.
    if (!view && !this.terminal) return;
    this.terminal = view;
    if (!this.isDisposed) this.render(this.doctor.state);
  }

  /**
   * Shows what new terminals get, and keeps showing it while followed environments change, until
   * resumeFollowing: after a profile switch the status bar answers the question the user just asked.
   */
  showNewTerminals(): void {
    this.paused = true;
    this.pending = this.terminal;
    if (!this.terminal) return;
    this.terminal = undefined;
    if (!this.isDisposed) this.render(this.doctor.state);
  }

  /** Follows again (the user turned to a terminal: focused another one, or ran a command in it). */
  resumeFollowing(): void {
    if (!this.paused) return;
    this.paused = false;
    const view = this.pending;
    this.pending = undefined;
    this.setTerminal(view);
  }

  render(host: DoctorState): void {
    if (this.isDisposed) return;
    const state = this.terminal ? { report: this.terminal.state.report, settings: host.settings, env: host.env, live: undefined } : host;
    const now = this.now();
    const m = statusBarModel({
      report: state.report,
      now,
      settings: state.settings,
      live: state.live,
      remoteName: vscode.env.remoteName,
      hostEnvironmentDiffers: !this.terminal && [...state.env.variables.values()].some((v) => v.name.startsWith('AWS_') && !v.inHost),
      workspaceTrusted: vscode.workspace.isTrusted,
      textOf: this.terminal ? (path) => this.terminal!.state.textOf(path) : (path) => host.textOf(path),
      terminal: this.terminal?.summary,
    }, vscode.l10n);
    const before = this.lastModel;
    this.lastModel = m;
    // Unchanged (several listeners render the same state, a turn of the event loop apart): no update
    // to the workbench (show() sends one too), which would also close a tooltip being read.
    if (!before || before.text !== m.text || before.tooltip !== m.tooltip || before.accessibilityLabel !== m.accessibilityLabel || before.background !== m.background) {
      this.item.text = m.text;
      this.item.accessibilityInformation = { label: m.accessibilityLabel, role: 'button' };
      const tooltip = new vscode.MarkdownString(m.tooltip, true);
      tooltip.isTrusted = { enabledCommands: [Commands.switchProfile, Commands.runDiagnostics, Commands.checkIdentity, SHOW_PROBLEMS_COMMAND] };
      this.item.tooltip = tooltip;
      this.item.backgroundColor = m.background === 'none' ? undefined : new vscode.ThemeColor(m.background === 'error' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
      this.item.show();
    }
    // One timer for the next change of the time left or the colour: no polling.
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (m.nextChangeAt !== undefined) {
      this.timer = setTimeout(() => void this.doctor.refreshInBackground().catch(() => undefined), Math.min(MAX_TIMER_MS, Math.max(0, m.nextChangeAt - now)));
    }
  }
}
