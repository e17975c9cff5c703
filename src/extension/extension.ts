/**
 * The extension's entry point: wires the injected pieces, one Disposable per feature. Activation is
 * synchronous and cheap: one diagnosis of small files; the AWS SDK loads only when a live check runs.
 */
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { nodeFileSystem } from '../nodeHost/fileSystem';
import { CommandHandlers } from './commands';
import { EXTENSION_PREFIX } from './commandIds';
import { DiagnosticsManager } from './diagnostics';
import { Doctor } from './doctor';
import { EnvChanges } from './envChanges';
import { EnvironmentDocumentProvider } from './environmentDocument';
import { EnvironmentSource } from './environmentSource';
import { LiveChecker } from './liveCheck';
import { Log } from './log';
import { ProfileSwitcher } from './profileSwitcher';
import { readSettings } from './settings';
import { StatusBar } from './statusBar';
import { TerminalWatcher } from './terminalWatcher';
import { diagnose } from '../engine/diagnose';
import { buildReport } from '../engine/report';
import { Watchers } from './watchers';

/** What activate returns: used by the extension-host tests and the benchmark, not a public API. */
export interface DoctorApi {
  readonly doctor: Doctor;
  readonly statusBar: StatusBar;
  readonly diagnostics: DiagnosticsManager;
  readonly terminals: TerminalWatcher;
  readonly environmentVariableCollection: vscode.EnvironmentVariableCollection;
  /** Milliseconds from entering activate until the status bar was shown. */
  readonly activationMs: number;
  /** Where that time went (ms since entering activate, cumulative): wired, shown, diagnosed. */
  readonly activationPhases: Readonly<Record<string, number>>;
  /** Resolves once the first full diagnosis is published. */
  readonly ready: Promise<void>;
  whenIdle(): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): DoctorApi {
  const started = performance.now();
  let doctor: Doctor | undefined; // eslint-disable-line prefer-const -- assigned below, read by the log's closure
  const log = new Log(() => (doctor ? (t) => doctor!.state.diagnosis.redactor.redact(t) : undefined));
  context.subscriptions.push(log);
  const collection = context.environmentVariableCollection;
  // <user data>/User/globalStorage/<id> → <user data>/User/settings.json (desktop and code-server alike).
  const userSettingsFile = context.globalStorageUri.scheme === 'file' || context.globalStorageUri.scheme === 'vscode-userdata'
    ? path.join(context.globalStorageUri.fsPath, '..', '..', 'settings.json') : undefined;
  const envSource = new EnvironmentSource(collection, userSettingsFile);
  const settings = () => readSettings((key) => vscode.workspace.getConfiguration(EXTENSION_PREFIX).get(key));
  doctor = new Doctor({
    fs: nodeFileSystem,
    environment: () => envSource.snapshot(settings()),
    settings,
    now: Date.now,
    homeDir: os.homedir(),
  });
  const env = new EnvChanges(collection, doctor, log);
  const switcher = new ProfileSwitcher(context, doctor, env, log);
  const envDocument = new EnvironmentDocumentProvider(doctor);
  const statusBar = new StatusBar(doctor, Date.now);
  const diagnostics = new DiagnosticsManager(doctor, envDocument);
  const watchers = new Watchers(doctor, envSource, log);
  const live = new LiveChecker(context.extensionPath, doctor, log);
  context.subscriptions.push(switcher, envDocument, statusBar, diagnostics, watchers, new CommandHandlers({ doctor, env, switcher, live, log, extensionPath: context.extensionPath }));
  const terminals = new TerminalWatcher({
    doctor, statusBar, envDocument, log, extensionPath: context.extensionPath, now: Date.now,
    diagnose: (environment) => {
      const diagnosis = diagnose({ env: environment, fs: nodeFileSystem, now: Date.now(), fallbackHomeDir: os.homedir() });
      return { diagnosis, report: buildReport(diagnosis) };
    },
  });
  context.subscriptions.push(terminals);
  const phases: Record<string, number> = { wired: performance.now() - started };

  switcher.restore();
  // Two phases: the status bar shows the selected profile at once (from the environment alone);
  // the full diagnosis (files, expiry, findings, Problems, watchers) follows right after activate.
  statusBar.showPreliminary(envSource.snapshot(settings()));
  const activationMs = performance.now() - started;
  phases.shown = activationMs;
  const ready = new Promise<void>((resolve) => setImmediate(() => {
    try {
      doctor!.refresh();
      phases.diagnosed = performance.now() - started;
      log.info(`activated: status bar after ${activationMs.toFixed(1)} ms, diagnosis published after ${phases.diagnosed.toFixed(1)} ms; profile ${doctor!.state.report.profile.name}`);
    } catch (e) {
      log.error('diagnosis failed', e);
    }
    resolve();
  }));

  const s = settings();
  if (s.liveCheckOnStartup) void ready.then(() => live.run({ quiet: true }));
  if (s.liveCheckIntervalMinutes > 0) {
    const interval = setInterval(() => void live.run({ quiet: true }), s.liveCheckIntervalMinutes * 60_000);
    context.subscriptions.push({ dispose: () => clearInterval(interval) });
  }
  return { doctor, statusBar, diagnostics, terminals, environmentVariableCollection: collection, activationMs, activationPhases: phases, ready, whenIdle: () => watchers.whenIdle() };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
