/**
 * Watches everything the diagnosis depends on and re-diagnoses, debounced: the config and
 * credentials files wherever the variables put them (also when their directory does not exist
 * yet), the SSO, `aws login` (AWS_LOGIN_CACHE_DIRECTORY) and CLI caches, workspace `.env` files and the relevant settings.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { notify } from './notify';
import { EXTENSION_PREFIX } from './commandIds';
import { Disposable } from './disposable';
import type { Doctor, DoctorState } from './doctor';
import type { EnvironmentSource } from './environmentSource';
import type { Log } from './log';

export const DEBOUNCE_MS = 200;
/**
 * When, after watchers moved, to look again for changes they may have missed while starting: a
 * watcher says nothing when it is ready, and on a loaded machine one can take more than a second.
 */
const RECHECKS_AFTER_MOVE_MS: readonly number[] = [1500, 5000, 15_000];

interface Target {
  readonly base: string;
  readonly pattern: string;
}

/** Where to watch for a path: its directory, or the nearest existing ancestor for the next missing folder. */
export function watchTargetFor(file: string, pattern = path.basename(file)): Target {
  let dir = path.dirname(file);
  let name = pattern;
  while (!isDir(dir)) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    name = path.basename(dir);
    dir = parent;
  }
  return { base: dir, pattern: name };
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export class Watchers extends Disposable {
  private watchers = new Map<string, vscode.Disposable>();
  private timer: NodeJS.Timeout | undefined;
  private rechecks: NodeJS.Timeout[] = [];
  private pending: Promise<void> | undefined;
  private resolvePending: (() => void) | undefined;

  constructor(
    private readonly doctor: Doctor,
    private readonly envSource: EnvironmentSource,
    private readonly log: Log,
  ) {
    super();
    this._register(doctor.onDidChange((s) => this.update(s)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        const terminalEnv = e.affectsConfiguration('terminal.integrated.env');
        if (terminalEnv) this.explainEnvironmentChange();
        if (e.affectsConfiguration(EXTENSION_PREFIX) || terminalEnv)
          this.schedule(terminalEnv ? 'terminal environment settings' : 'settings');
      }),
    );
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule('workspace trust')));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule('workspace folders')));
    this._register({
      dispose: () => {
        for (const w of this.watchers.values()) w.dispose();
        this.watchers.clear();
        if (this.timer) clearTimeout(this.timer);
        this.rechecks.forEach(clearTimeout);
      },
    });
  }

  /**
   * The extension host cannot take on variables changed in settings: say so once per change, and
   * offer a reload when the extension host itself has a value the settings now change (other
   * extensions in it keep seeing the old one until the window starts again from a clean shell).
   */
  private explainEnvironmentChange(): void {
    // Compared with the last state published: before the first there is nothing to compare with.
    const last = this.doctor.last;
    if (!last) return;
    const before = last.env;
    const after = this.envSource.snapshot(last.settings);
    const changed = new Set<string>();
    for (const n of new Set([...before.variables.keys(), ...after.variables.keys()])) {
      if (n.startsWith('AWS_') && before.variables.get(n)?.value !== after.variables.get(n)?.value) changed.add(n);
    }
    if (!changed.size) return;
    const hostDiffers = [...changed].some(
      (n) => process.env[n] !== undefined && after.variables.get(n)?.value !== process.env[n],
    );
    const reload = vscode.l10n.t('Reload Window');
    const message = vscode.l10n.t(
      '{0} changed for new terminals. Already-open terminals and the extension host keep their environment.',
      [...changed].join(', '),
    );
    void (hostDiffers ? notify.info(message, reload) : notify.info(message)).then((choice) =>
      choice === reload ? vscode.commands.executeCommand('workbench.action.reloadWindow') : undefined,
    );
  }

  /** Resolves once no re-diagnosis is pending or under way (for the tests). */
  async whenIdle(): Promise<void> {
    await this.pending;
    await this.doctor.whenIdle();
  }

  /** Folds bursts of events into one re-diagnosis after DEBOUNCE_MS. */
  schedule(reason: string): void {
    if (this.isDisposed) return;
    if (!this.pending) this.pending = new Promise((r) => (this.resolvePending = r));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.log.info(`re-diagnosing (${reason})`);
      const r = this.resolvePending;
      this.pending = undefined;
      this.resolvePending = undefined;
      // Off the extension host's thread; whenIdle waits for it through the Doctor.
      void this.doctor.refreshInBackground().catch((e: unknown) => this.log.error('diagnosis failed', e));
      r?.();
    }, DEBOUNCE_MS);
  }

  private targets(state: DoctorState): Target[] {
    const out = state.watched.map((w) => watchTargetFor(w.file, w.pattern));
    if (state.settings.scanDotEnv && vscode.workspace.isTrusted)
      for (const f of this.envSource.dotEnvFiles()) out.push(watchTargetFor(f));
    const settingsFile = this.envSource.workspaceSettingsFile();
    if (settingsFile) out.push(watchTargetFor(settingsFile));
    return out;
  }

  /** Keeps one watcher per target; targets move when variables or settings change, or a folder appears. */
  private update(state: DoctorState): void {
    if (this.isDisposed) return;
    const wanted = new Map(this.targets(state).map((t) => [`${t.base}\u0000${t.pattern}`, t]));
    const first = this.watchers.size === 0;
    let moved = false;
    for (const [key, w] of this.watchers)
      if (!wanted.has(key)) {
        w.dispose();
        this.watchers.delete(key);
      }
    for (const [key, t] of wanted) {
      if (this.watchers.has(key)) continue;
      moved = !first;
      const w = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(t.base), t.pattern),
      );
      const on = (uri: vscode.Uri) => this.schedule(`${uri.fsPath} changed`);
      w.onDidChange(on);
      w.onDidCreate(on);
      w.onDidDelete(on);
      this.watchers.set(key, w);
    }
    // A watcher starts asynchronously and says nothing when it is ready: a change made while one
    // moves (a cache folder just appeared) would be missed until the next refresh. Look again a
    // few times, until the new ones must be running (a recheck that finds nothing new publishes nothing).
    if (moved) {
      this.rechecks.forEach(clearTimeout);
      this.rechecks = RECHECKS_AFTER_MOVE_MS.map((ms) => setTimeout(() => this.schedule('watchers moved'), ms));
    }
  }
}
