/**
 * Check Identity: the live STS check in a child process (dist/live.js, where the AWS SDK runs),
 * with progress and cancellation. The extension host's own environment is neither read for the
 * check nor changed: the child gets the diagnosis' environment; cancelling kills it.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { LiveCheckResult } from '../live/types';
import { sanitize } from '../engine/core/sanitize';
import type { Doctor } from './doctor';
import type { HostEngine } from './hostEngine';
import type { Log } from './log';
import { notify } from './notify';
import { Commands } from './commandIds';
import type { LiveNotice } from './presentation/liveNotice';
import { liveFindingsForProblems, liveNotice } from './presentation/liveNotice';
import { SHOW_PROBLEMS_COMMAND } from './presentation/statusBarModel';

/** Longer than the command line's 5 s: the editor shows progress and can be cancelled. */
const TIMEOUT_MS = 10_000;

export class LiveChecker {
  constructor(
    private readonly extensionPath: string,
    private readonly doctor: Doctor,
    private readonly log: Log,
    private readonly engine: () => HostEngine,
  ) {}

  /** Runs the check; never throws (errors are shown and logged). Resolves with the result, if any. */
  async run(options: { quiet?: boolean } = {}): Promise<LiveCheckResult | undefined> {
    if (!vscode.workspace.isTrusted) {
      if (!options.quiet)
        void notify.warn(
          vscode.l10n.t('The live check is disabled in Restricted Mode: it could run a credential_process.'),
        );
      return undefined;
    }
    const state = await this.doctor.latest();
    const profile = state.report.profile.name;
    // The full diagnosis, made again on this thread when the state came from the worker (the one such block).
    const diagnosis = state.diagnosis;
    const { planLiveCheck, runLiveCheck } = this.engine();
    // Said before it runs: a credential_process it will execute, container variables it withholds.
    const notices = planLiveCheck(diagnosis, { profile }).notices;
    for (const n of notices) this.log.info(`live check: ${n}`);
    return vscode.window.withProgress(
      {
        location: options.quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Checking the identity of AWS profile "{0}"…', sanitize(profile)),
        cancellable: true,
      },
      async (progress, token) => {
        if (notices.length) progress.report({ message: notices.join(' ') });
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          const result = await runLiveCheck({ profile, timeoutMs: TIMEOUT_MS, signal: abort.signal }, diagnosis, {
            childPath: path.join(this.extensionPath, 'dist', 'live.js'),
          });
          if (abort.signal.aborted) return undefined;
          const { report } = await this.doctor.latest();
          // Problems gets what is about the setup: not a network outage, not an SSO error the diagnosis already reports.
          const forProblems = { ...result, findings: liveFindingsForProblems(result.findings, report, profile) };
          await this.doctor.setLive(
            {
              ok: result.ok,
              account: result.account ?? null,
              arn: result.arn ?? null,
              at: Date.now(),
              error: result.error ? `${result.error.name}: ${result.error.message}` : null,
            },
            forProblems,
            profile,
          );
          this.log.info(
            result.ok
              ? `live check: account ${result.account}, ${result.arn}`
              : `live check failed: ${result.error?.name} ${result.error?.message}`,
          );
          if (!options.quiet)
            void this.tell(
              liveNotice(
                {
                  ...result,
                  error: result.error && { ...result.error, message: diagnosis.redactor.redact(result.error.message) },
                },
                report,
                profile,
                vscode.l10n,
              ),
              profile,
            );
          return result;
        } catch (e) {
          const message = diagnosis.redactor.redact(e instanceof Error ? e.message : String(e));
          this.log.error('live check could not run', message);
          if (!options.quiet) void notify.error(vscode.l10n.t('The live check could not run: {0}', message));
          return undefined;
        } finally {
          sub.dispose();
        }
      },
    );
  }

  /** Shows the outcome's one notification and runs the button the user picks. */
  private async tell(notice: LiveNotice, profile: string): Promise<void> {
    const labels = notice.actions.map((a) => a.label);
    const picked = await (notice.severity === 'info'
      ? notify.info(notice.message, ...labels)
      : notice.severity === 'warning'
        ? notify.warn(notice.message, ...labels)
        : notify.error(notice.message, ...labels));
    switch (notice.actions.find((a) => a.label === picked)?.action) {
      case 'signIn':
        await vscode.commands.executeCommand(Commands.ssoLogin, profile);
        break;
      case 'retry':
        await this.run();
        break;
      case 'showProblems':
        await vscode.commands.executeCommand(SHOW_PROBLEMS_COMMAND);
        break;
      case 'showLog':
        this.log.show();
        break;
      default:
        break;
    }
  }
}
