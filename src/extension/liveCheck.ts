/**
 * Check Identity: the live STS check, loaded from dist/live.js at run time (a computed path, so the
 * AWS SDK never enters extension.js), with progress and cancellation.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { LiveCheckOptions, LiveCheckResult } from '../live/liveCheck';
import type { Diagnosis } from '../engine/diagnosis';
import type { Doctor } from './doctor';
import type { Log } from './log';

type LiveModule = { runLiveCheck(options: LiveCheckOptions, diagnosis: Diagnosis): Promise<LiveCheckResult> };

export class LiveChecker {
  private module: LiveModule | undefined;

  constructor(private readonly extensionPath: string, private readonly doctor: Doctor, private readonly log: Log) {}

  private load(): LiveModule {
    // A computed path: esbuild leaves this require alone, so the SDK stays in its own bundle.
    const file = path.join(this.extensionPath, 'dist', ['live', 'js'].join('.'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle loaded on first use
    return (this.module ??= require(file) as LiveModule);
  }

  /** Runs the check; never throws (errors are shown and logged). Resolves with the result, if any. */
  async run(options: { quiet?: boolean } = {}): Promise<LiveCheckResult | undefined> {
    if (!vscode.workspace.isTrusted) {
      if (!options.quiet) void vscode.window.showWarningMessage(vscode.l10n.t('The live check is disabled in Restricted Mode: it could run a credential_process.'));
      return undefined;
    }
    const profile = this.doctor.state.report.profile.name;
    return vscode.window.withProgress(
      { location: options.quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the identity of AWS profile "{0}"…', profile), cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          const result = await this.load().runLiveCheck({ profile, timeoutMs: 10_000, signal: abort.signal }, this.doctor.state.diagnosis);
          this.doctor.setLive({ ok: result.ok, account: result.account ?? null, arn: result.arn ?? null, at: Date.now(), error: result.error ? `${result.error.name}: ${result.error.message}` : null }, result.findings, profile);
          this.log.info(result.ok ? `live check: account ${result.account}, ${result.arn}` : `live check failed: ${result.error?.name} ${result.error?.message}`);
          if (!options.quiet) {
            if (result.ok) void vscode.window.showInformationMessage(vscode.l10n.t('AWS profile "{0}" is account {1} ({2}).', profile, result.account ?? '?', result.arn ?? '?'));
            else void vscode.window.showWarningMessage(vscode.l10n.t('The live check failed: {0}', this.doctor.state.diagnosis.redactor.redact(result.error?.message ?? '')));
          }
          return result;
        } catch (e) {
          if (abort.signal.aborted) return undefined;
          const message = this.doctor.state.diagnosis.redactor.redact(e instanceof Error ? e.message : String(e));
          this.log.error('live check could not run', message);
          if (!options.quiet) void vscode.window.showErrorMessage(vscode.l10n.t('The live check could not run: {0}', message));
          return undefined;
        } finally {
          sub.dispose();
        }
      },
    );
  }
}
