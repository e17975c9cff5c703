/** The status-bar item: one item, explicit id and name; re-rendered on every state change and when the time left changes. */
import * as vscode from 'vscode';
import { Commands, STATUS_BAR_ITEM_ID } from './commandIds';
import { Disposable } from './disposable';
import type { DiagnosisView, Doctor, DoctorState } from './doctor';
import type { EnvSnapshot } from './presentation/environment';
import { secretsOf } from './presentation/environment';
import type { StatusBarModel, TerminalSummary } from './presentation/statusBarModel';
import { SHOW_PROBLEMS_COMMAND, statusBarModel } from './presentation/statusBarModel';
import { sanitize } from '../engine/core/sanitize';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Where a followed environment comes from. */
export type FollowedSource = 'terminal' | 'debugSession';

/** An environment the status bar follows: its diagnosis and what the tooltip says of it. */
export interface FollowedView {
  readonly state: DiagnosisView;
  readonly summary: TerminalSummary;
}

export class StatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private timer: NodeJS.Timeout | undefined;
  private lastModel: StatusBarModel | undefined;
  /**
   * The environments the status bar can follow instead of what new terminals get, by source: the
   * active terminal (terminalWatcher.ts) and the active debug session (debugSessions.ts), each when
   * its credentials differ. The one that began to be followed last is shown (a new view of the same
   * terminal or session keeps its place); when it goes, the other (if any). Kept up to date while
   * following is paused, and shown once it resumes.
   */
  private readonly followed = new Map<FollowedSource, FollowedView>();
  /** After a profile switch: what new terminals get, until the user turns to a terminal or a debug session again (resumeFollowing). */
  private paused = false;

  constructor(
    private readonly doctor: Doctor,
    private readonly now: () => number,
  ) {
    super();
    this.item = this._register(
      vscode.window.createStatusBarItem(STATUS_BAR_ITEM_ID, vscode.StatusBarAlignment.Left, 100),
    );
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

  /** Phase one of activation: the profile the environment selects, before any file is read (a secret pasted there masked). */
  showPreliminary(env: EnvSnapshot): void {
    const secrets = secretsOf(env);
    const profile = sanitize(
      secrets.redact(
        env.variables.get('AWS_PROFILE')?.value || env.variables.get('AWS_DEFAULT_PROFILE')?.value || 'default',
      ),
    );
    this.item.text = `$(cloud) ${profile}`;
    this.item.tooltip = vscode.l10n.t('AWS Credentials Doctor is reading the AWS files…');
    this.item.accessibilityInformation = {
      label: vscode.l10n.t('AWS profile {0}, reading the AWS files', profile),
      role: 'button',
    };
    this.item.show();
  }

  /** Follows an environment of a source (its diagnosis and summary), or no longer (undefined). */
  setFollowed(source: FollowedSource, view: FollowedView | undefined): void {
    // Nothing followed before or after: the status bar's own listener renders each new state.
    const before = this.followed.get(source);
    if (!view && !before) return;
    if (!view || before?.summary.name !== view.summary.name) this.followed.delete(source);
    if (view) this.followed.set(source, view);
    if (!this.paused) this.renderLast();
  }

  /**
   * Shows what new terminals get, and keeps showing it while followed environments change, until
   * resumeFollowing: after a profile switch the status bar answers the question the user just asked.
   */
  showNewTerminals(): void {
    if (this.paused) return;
    this.paused = true;
    if (this.followed.size) this.renderLast();
  }

  /** Follows again (the user turned to a terminal or a debug session: focused or started one, or ran a command in it). */
  resumeFollowing(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.followed.size) this.renderLast();
  }

  /** What is followed now: the source set last (nothing while following is paused). */
  private get current(): FollowedView | undefined {
    if (this.paused) return undefined;
    let last: FollowedView | undefined;
    for (const v of this.followed.values()) last = v;
    return last;
  }

  /** Renders the last state published again (none yet: its listener renders the first). */
  private renderLast(): void {
    const last = this.doctor.last;
    if (last) this.render(last);
  }

  render(host: DoctorState): void {
    if (this.isDisposed) return;
    const followed = this.current;
    const state = followed
      ? { report: followed.state.report, settings: host.settings, env: host.env, live: undefined }
      : host;
    const now = this.now();
    const redactor = followed ? followed.state.redactor : host.redactor;
    const model = statusBarModel(
      {
        report: state.report,
        now,
        settings: state.settings,
        live: state.live,
        remoteName: vscode.env.remoteName,
        hostEnvironmentDiffers:
          !followed && [...state.env.variables.values()].some((v) => v.name.startsWith('AWS_') && !v.inHost),
        workspaceTrusted: vscode.workspace.isTrusted,
        textOf: followed ? (path) => followed.state.textOf(path) : (path) => host.textOf(path),
        terminal: followed?.summary,
      },
      vscode.l10n,
    );
    // The last net: the report is redacted, but the tooltip also quotes terminals' commands, a debug session's variables and the live check.
    const m = {
      ...model,
      text: redactor.redact(model.text),
      tooltip: redactor.redact(model.tooltip),
      accessibilityLabel: redactor.redact(model.accessibilityLabel),
    };
    const before = this.lastModel;
    this.lastModel = m;
    // Unchanged (several listeners render the same state, a turn of the event loop apart): no update
    // to the workbench (show() sends one too), which would also close a tooltip being read.
    if (
      !before ||
      before.text !== m.text ||
      before.tooltip !== m.tooltip ||
      before.accessibilityLabel !== m.accessibilityLabel ||
      before.background !== m.background
    ) {
      this.item.text = m.text;
      this.item.accessibilityInformation = { label: m.accessibilityLabel, role: 'button' };
      const tooltip = new vscode.MarkdownString(m.tooltip, true);
      tooltip.isTrusted = {
        enabledCommands: [
          Commands.switchProfile,
          Commands.runDiagnostics,
          Commands.checkIdentity,
          SHOW_PROBLEMS_COMMAND,
        ],
      };
      this.item.tooltip = tooltip;
      this.item.backgroundColor =
        m.background === 'none'
          ? undefined
          : new vscode.ThemeColor(
              m.background === 'error' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground',
            );
      this.item.show();
    }
    // One timer for the next change of the time left or the colour: no polling.
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (m.nextChangeAt !== undefined) {
      this.timer = setTimeout(
        () => void this.doctor.refreshInBackground().catch(() => undefined),
        Math.min(MAX_TIMER_MS, Math.max(0, m.nextChangeAt - now)),
      );
    }
  }
}
