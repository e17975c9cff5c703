/**
 * Check All Profiles (and one profile, or a group, from the Profiles view): the live identity check
 * of many profiles, planned and run in the diagnosis worker (the whole home is diagnosed there,
 * never on the extension host's thread), in ONE child process with the limits of the settings
 * (src/live/liveBatch.ts). A credential_process runs only after the user says so, in a modal that
 * names the profiles; in Restricted Mode nothing runs. Progress and cancellation in a notification;
 * each profile's outcome kept for the window (the view shows it; Copy Results copies the table).
 */
import * as vscode from 'vscode';
import type { ProfileLiveCheck } from '../engine/findings/profiles';
import { Disposable } from './disposable';
import type { Doctor } from './doctor';
import type { DiagnosisThread } from './diagnosisThread';
import type { CheckPlanAnswer, RunChecksAnswer } from './diagnoseWorker';
import type { Log } from './log';
import { notify } from './notify';

/** How many profiles (and their programs) the consent lists by name before "and N more". */
const NAMED = 12;

export class ProfileChecks extends Disposable {
  /** Each profile's last live check in this window. */
  readonly results = new Map<string, ProfileLiveCheck>();
  /** The profiles being checked now. */
  readonly checking = new Set<string>();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private running: AbortController | undefined;

  constructor(
    private readonly thread: DiagnosisThread,
    private readonly doctor: Doctor,
    private readonly log: Log,
  ) {
    super();
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Cancels the running check (as its notification's Cancel does). */
  cancel(): void {
    this.running?.abort();
  }

  /**
   * Checks `profiles` live. `what` names them in the progress ("3,501 profiles", a group). With
   * `skipCredentialProcess`, the profiles that would run a credential_process are skipped without
   * asking (a keybinding's argument; the other way round always asks). Resolves with how the run
   * ended; undefined when nothing ran (Restricted Mode, another run, the user said no).
   */
  async check(
    profiles: readonly string[],
    what: string,
    options: { skipCredentialProcess?: boolean } = {},
  ): Promise<RunChecksAnswer | undefined> {
    if (!vscode.workspace.isTrusted) {
      void notify.warn(
        vscode.l10n.t('The live check is disabled in Restricted Mode: it could run a credential_process.'),
      );
      return undefined;
    }
    if (this.running) {
      void notify.info(vscode.l10n.t('A check of profiles is already running.'));
      return undefined;
    }
    if (!profiles.length) return undefined;
    const abort = (this.running = new AbortController());
    try {
      const plan = await this.thread.planChecks(this.doctor.input(), profiles);
      const allow = options.skipCredentialProcess ? false : await this.consent(plan);
      if (allow === undefined) return undefined;
      return await this.run(plan.plan, profiles.length, what, allow, abort);
    } catch (e) {
      const message = this.doctor.last?.redactor.redact(e instanceof Error ? e.message : String(e)) ?? '';
      this.log.error('the check of profiles could not run', message);
      void notify.error(vscode.l10n.t('The check of profiles could not run: {0}', message));
      return undefined;
    } finally {
      this.running = undefined;
      if (this.checking.size) {
        this.checking.clear();
        this.changed.fire();
      }
    }
  }

  /** Whether the credential_process profiles are checked too (true), skipped (false), or nothing runs (undefined). */
  private async consent(plan: CheckPlanAnswer): Promise<boolean | undefined> {
    const processes = plan.credentialProcesses;
    if (!processes.length) return false;
    const lines = processes
      .slice(0, NAMED)
      .map(
        (p) =>
          `${p.profile}: ${p.runs.map((r) => (r.profile === p.profile ? r.command : `${r.command} (${vscode.l10n.t('profile {0}', r.profile)})`)).join('; ')}`,
      );
    if (processes.length > NAMED) lines.push(vscode.l10n.t('… and {0} more', processes.length - NAMED));
    const runThem = vscode.l10n.t('Run Them Too');
    const skipThem = vscode.l10n.t('Skip Them');
    const choice = await notify.confirm(
      processes.length === 1
        ? vscode.l10n.t(
            'Checking profile "{0}" runs its credential_process: a program on this machine.',
            processes[0].profile,
          )
        : vscode.l10n.t(
            'Checking these profiles runs the credential_process of {0} of them: programs on this machine.',
            processes.length,
          ),
      lines.join('\n'),
      runThem,
      skipThem,
    );
    return choice === undefined ? undefined : choice === runThem;
  }

  private run(
    plan: number,
    total: number,
    what: string,
    allowCredentialProcess: boolean,
    abort: AbortController,
  ): Thenable<RunChecksAnswer> {
    const s = this.doctor.settings();
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking {0}', what), cancellable: true },
      async (progress, token) => {
        const sub = token.onCancellationRequested(() => abort.abort());
        let done = 0;
        let failed = 0;
        let skipped = 0;
        let reported = 0;
        let last = 0;
        const tell = (force = false) => {
          const now = performance.now();
          // The notification is updated a few times a second, not once per profile.
          if (!force && now - last < 200) return;
          last = now;
          progress.report({
            message: vscode.l10n.t('{0} of {1} · {2} failed', done, total, failed),
            increment: ((done - reported) / total) * 100,
          });
          reported = done;
        };
        try {
          const answer = await this.thread.runChecks(
            plan,
            {
              allowCredentialProcess,
              concurrency: s.checkAllConcurrency,
              ratePerSecond: s.checkAllRatePerSecond,
              timeoutMs: Math.round(s.checkAllTimeoutSeconds * 1000),
            },
            (events) => {
              for (const e of events) {
                if ('started' in e) {
                  this.checking.add(e.profile);
                  continue;
                }
                this.checking.delete(e.profile);
                this.results.set(e.profile, e.check);
                done++;
                if (e.check.skipped !== undefined) skipped++;
                else if (!e.check.ok) {
                  failed++;
                  // The code only: the message (with its local cause) is in the view and in Copy Results.
                  const f = e.check.findings.find((x) => x.code !== 'CLOCK_SKEW');
                  this.log.info(`profile ${e.profile}: live check failed: ${f?.code ?? e.check.error?.name ?? ''}`);
                }
              }
              tell();
              this.changed.fire();
            },
            abort.signal,
          );
          tell(true);
          this.conclude(answer, done, failed, skipped);
          return answer;
        } finally {
          sub.dispose();
        }
      },
    );
  }

  private conclude(answer: RunChecksAnswer, done: number, failed: number, skipped: number): void {
    this.log.info(
      `check of profiles: ${done} reported, ${failed} failed, ${skipped} not checked${answer.cancelled ? ', cancelled' : ''}${answer.stopped ? `; ${answer.stopped}` : ''}`,
    );
    if (answer.cancelled) {
      notify.status(vscode.l10n.t('Check of profiles cancelled after {0}.', done), 5000);
      return;
    }
    const copy = vscode.l10n.t('Copy Results');
    const text =
      done === 1
        ? vscode.l10n.t(
            'Checked 1 profile: {0} confirmed, {1} failed, {2} not checked.',
            done - failed - skipped,
            failed,
            skipped,
          )
        : vscode.l10n.t(
            'Checked {0} profiles: {1} confirmed, {2} failed, {3} not checked.',
            done,
            done - failed - skipped,
            failed,
            skipped,
          );
    const shown = answer.stopped
      ? notify.warn(`${text} ${answer.stopped}`, copy)
      : failed
        ? notify.warn(text, copy)
        : notify.info(text, copy);
    void shown.then((c) => (c === copy ? this.copyResults() : undefined));
  }

  /** Copies the results as a Markdown table, redacted (made in the worker), to the clipboard. */
  async copyResults(): Promise<string | undefined> {
    if (!this.results.size) {
      void notify.info(vscode.l10n.t('No profile has been checked in this window yet: run Check All Profiles first.'));
      return undefined;
    }
    const table = await this.thread.profileTable(this.doctor.input(), this.results);
    await vscode.env.clipboard.writeText(table);
    notify.status(
      vscode.l10n.t('Copied the results of {0} profiles (Markdown, secrets masked).', this.results.size),
      4000,
    );
    return table;
  }
}
