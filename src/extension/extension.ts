/**
 * The extension's entry point: wires the injected pieces, one Disposable per feature. Activation is
 * synchronous and cheap: the diagnosis runs in a worker after it; the AWS SDK loads only when a live check runs.
 */
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { nodeFileSystem } from '../nodeHost/fileSystem';
import type { ToolVersions } from '../engine/core/toolVersions';
import { readToolVersions } from '../nodeHost/toolVersions';
import { CommandHandlers } from './commands';
import { EXTENSION_PREFIX } from './commandIds';
import { DiagnosticsManager } from './diagnostics';
import { Doctor } from './doctor';
import { EnvChanges } from './envChanges';
import { EnvironmentDocumentProvider } from './environmentDocument';
import { EnvironmentSource } from './environmentSource';
import { LiveChecker } from './liveCheck';
import { LiveCheckSchedule } from './liveCheckSchedule';
import { Log } from './log';
import { ProfileSwitcher } from './profileSwitcher';
import { ProfileChecks } from './profileChecks';
import { ProfilesView } from './profilesView';
import { shellProfileOf } from './presentation/profileMemory';
import { readSettings } from './settings';
import { StatusBar } from './statusBar';
import { TerminalWatcher } from './terminalWatcher';
import { ConfigProblems } from './configProblems';
import { DebugSessions } from './debugSessions';
import { Watchers } from './watchers';
import { DiagnosisThread } from './diagnosisThread';
import { loadHostEngine } from './lazyBundles';
import { notify } from './notify';
import { offerWalkthroughOnce } from './walkthrough';
import type { Notifier } from './presentation/notifier';

/** What activate returns: used by the extension-host tests and the benchmark, not a public API. */
export interface DoctorApi {
  readonly doctor: Doctor;
  readonly statusBar: StatusBar;
  readonly diagnostics: DiagnosticsManager;
  readonly terminals: TerminalWatcher;
  readonly debugSessions: DebugSessions;
  /** Problems on launch.json, tasks.json and their envFiles. */
  readonly configProblems: ConfigProblems;
  readonly environmentVariableCollection: vscode.EnvironmentVariableCollection;
  readonly switcher: ProfileSwitcher;
  readonly liveCheckSchedule: LiveCheckSchedule;
  readonly profiles: ProfilesView;
  readonly profileChecks: ProfileChecks;
  /** Every notification and status-bar message, sanitised (the tests read what was shown). */
  readonly notifications: Notifier;
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
  const secrets = () => {
    const r = doctor?.last?.redactor;
    return r ? (t: string) => r.redact(t) : undefined;
  };
  const log = new Log(secrets);
  notify.redactWith(secrets);
  context.subscriptions.push(log);
  // Read before anything could change it: the profile of the environment VS Code was started with.
  const shellProfile = shellProfileOf(process.env);
  const collection = context.environmentVariableCollection;
  const envSource = new EnvironmentSource(collection);
  const settings = () => readSettings((key) => vscode.workspace.getConfiguration(EXTENSION_PREFIX).get(key));
  let toolVersions: ToolVersions | undefined;
  // The diagnosis runs in a worker: a home with thousands of profiles would block the shared extension host.
  const diagnosisThread = new DiagnosisThread(path.join(context.extensionPath, 'dist', 'diagnoseWorker.js'));
  context.subscriptions.push(diagnosisThread);
  // The engine on this thread (commands, terminals, the live check) is a bundle loaded on first use.
  const engine = () => loadHostEngine(context.extensionPath);
  doctor = new Doctor({
    engine,
    toolVersions: () => toolVersions,
    fs: nodeFileSystem,
    environment: () => envSource.snapshot(settings()),
    settings,
    now: Date.now,
    homeDir: os.homedir(),
    workingDirectory: () => localPath(vscode.workspace.workspaceFolders?.[0]?.uri),
    offThread: (input, explain, options) => diagnosisThread.diagnose(input, explain, options),
    // The findings' templates are in the bundle (scripts/l10n-export.mjs): with one loaded, Problems speak its language.
    ...(vscode.l10n.bundle ? { l10n: vscode.l10n } : {}),
  });
  const env = new EnvChanges(collection, doctor, log, () => settings().applyToExtensionHost);
  const switcher = new ProfileSwitcher(context, doctor, env, log, shellProfile);
  const envDocument = new EnvironmentDocumentProvider(doctor);
  const statusBar = new StatusBar(doctor, Date.now);
  // After a profile switch the status bar shows what new terminals get (until the user turns to a terminal again).
  context.subscriptions.push(switcher.onDidSwitch(() => statusBar.showNewTerminals()));
  const diagnostics = new DiagnosticsManager(doctor, envDocument);
  const watchers = new Watchers(doctor, envSource, log);
  const live = new LiveChecker(context.extensionPath, doctor, log, engine);
  const profileChecks = new ProfileChecks(diagnosisThread, doctor, log);
  const profiles = new ProfilesView(context, doctor, profileChecks, os.homedir());
  context.subscriptions.push(
    switcher,
    envDocument,
    statusBar,
    diagnostics,
    watchers,
    profileChecks,
    profiles,
    new CommandHandlers({
      doctor,
      documents: envDocument,
      env,
      switcher,
      live,
      log,
      extensionPath: context.extensionPath,
      profiles,
      checks: profileChecks,
    }),
  );
  const terminals = new TerminalWatcher({
    doctor,
    statusBar,
    envDocument,
    log,
    extensionPath: context.extensionPath,
    now: Date.now,
    view: (environment, cwd) => doctor!.diagnoseEnvironment(environment, localPath(cwd)),
    explain: (environment, text, cwd, explicitProfile) =>
      doctor!.explain(text, environment, localPath(cwd), explicitProfile),
  });
  context.subscriptions.push(terminals);
  const debugSessions = new DebugSessions({
    doctor,
    envSource,
    statusBar,
    envDocument,
    log,
    extensionPath: context.extensionPath,
    settings,
    now: Date.now,
  });
  const configProblems = new ConfigProblems({ doctor, envSource, log, extensionPath: context.extensionPath });
  context.subscriptions.push(debugSessions, configProblems);
  const phases: Record<string, number> = { wired: performance.now() - started };

  switcher.restore();
  // Two phases: the status bar shows the selected profile at once (from the environment alone);
  // the full diagnosis (files, expiry, findings, Problems, watchers) follows right after activate.
  statusBar.showPreliminary(envSource.snapshot(settings()));
  const activationMs = performance.now() - started;
  phases.shown = activationMs;
  const ready = new Promise<void>((resolve) =>
    setImmediate(() => {
      doctor!
        .refreshInBackground()
        .then(
          (state) => {
            phases.diagnosed = performance.now() - started;
            log.info(
              `activated: status bar after ${activationMs.toFixed(1)} ms, diagnosis published after ${phases.diagnosed.toFixed(1)} ms; profile ${state.report.profile.name}`,
            );
          },
          (e: unknown) => log.error('diagnosis failed', e),
        )
        .finally(resolve);
    }),
  );

  // The installed tools' versions, read from their installations' files (nothing is executed), after the first diagnosis.
  void ready
    .then(() => {
      toolVersions = readToolVersions(process.env, {
        cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir(),
      });
      return doctor!.refreshInBackground();
    })
    .catch((e: unknown) => log.error('tool version detection failed', e));

  if (settings().liveCheckOnStartup) void ready.then(() => live.run({ quiet: true }));
  void ready.then(() => offerWalkthroughOnce(context));
  const liveCheckSchedule = new LiveCheckSchedule(
    () => void live.run({ quiet: true }),
    () => settings().liveCheckIntervalMinutes,
  );
  context.subscriptions.push(liveCheckSchedule);
  return {
    doctor,
    statusBar,
    diagnostics,
    terminals,
    debugSessions,
    configProblems,
    notifications: notify,
    environmentVariableCollection: collection,
    switcher,
    liveCheckSchedule,
    profiles,
    profileChecks,
    activationMs,
    activationPhases: phases,
    ready,
    whenIdle: () => watchers.whenIdle(),
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}

/** A folder's path on this machine; none for a remote or virtual one (its programs do not run here). */
function localPath(uri: vscode.Uri | undefined): string | undefined {
  return uri?.scheme === 'file' ? uri.fsPath : undefined;
}
