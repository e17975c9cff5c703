/**
 * Debug sessions, as terminals are followed (terminalWatcher.ts):
 * - at launch, a DebugConfigurationProvider for every type adds the variables the extension sets or
 *   unsets for new terminals (Switch Profile, the quick fixes) to the configurations of the types
 *   that take an environment (sessions/debugTypes.ts); what the configuration writes (its env, its
 *   envFile) wins, and the user is told once when they differ;
 * - each session's AWS environment is known with its origins (inherited, added, envFile, written);
 *   while the active session's differs from what new terminals get, the status bar follows it;
 * - a debug adapter tracker reads the Debug Console's output events into a bounded tail per session
 *   (terminals/outputTail.ts: in memory only, escape sequences removed, one cheap check per chunk);
 *   an AWS error it recognises brings a notification with the cause computed from that session's
 *   environment and a one-click fix: the edit of the line of launch.json or the envFile (or the
 *   extension's usual fix), then the session started again.
 */
import * as vscode from 'vscode';
import type { Explanation } from '../engine/explain/types';
import { redact } from '../engine/secrets/redact';
import { EXPLANATION_DOCUMENT } from './commandIds';
import type { ConfigFile } from './configSources';
import { displayPath, envFilePaths, launchFileOf, readEnvFile, readSmallText } from './configSources';
import { blocksOf, workingDirectory } from './configProblems';
import { Disposable } from './disposable';
import type { DiagnosisView, Doctor } from './doctor';
import { turn } from './doctor';
import type { EnvironmentDocumentProvider } from './environmentDocument';
import type { EnvironmentSource } from './environmentSource';
import { loadSessionCore, loadTerminalCore } from './lazyBundles';
import type { Log } from './log';
import { notify } from './notify';
import type { DotEnvEntry } from './presentation/environment';
import { engineEnvironment, maskValue } from './presentation/environment';
import { explanationDocument } from './presentation/readOnlyDocuments';
import type { DoctorSettings } from './settings';
import { applySessionFix } from './sessionEdits';
import { SliceTimes } from './sliceTimes';
import type { ConfigBlock } from './sessions/configFiles';
import type { EnvValue } from './sessions/debugTypes';
import type { SessionAlert } from './sessions/sessionAlert';
import type { SessionEnvironment } from './sessions/sessionEnvironment';
import type { StatusBar } from './statusBar';
import type { OutputTail } from './terminals/outputTail';
import type { SessionCore } from './sessions/sessionCore';

/** An error in the output of a session that goes on running is judged this long after it appeared (the rest of it arrives meanwhile). */
const STILL_RUNNING_MS = 1500;
/** A launch waits this long at most for its session to start. */
const LAUNCH_TTL_MS = 60_000;
/** How long a restart waits for the session to stop. */
const STOP_TIMEOUT_MS = 10_000;

/** A configuration resolved by the provider, until its session starts. */
interface Launch {
  readonly folder?: vscode.WorkspaceFolder;
  readonly name: string;
  readonly type: string;
  /** The configuration before the variables were added: a restart starts it again (by name when launch.json has it). */
  readonly original: vscode.DebugConfiguration;
  readonly injected: ReadonlyMap<string, EnvValue>;
  readonly envFiles: readonly { readonly file: string; readonly entries: readonly DotEnvEntry[] }[];
  /** Where launch.json writes it, when it does. */
  readonly block?: ConfigBlock;
  readonly at: number;
}

/** One session with its child sessions (js-debug runs the program in a child). */
export interface Followed {
  readonly session: vscode.DebugSession;
  readonly launch?: Launch;
  /** Whether its type takes an environment (so that it is a program whose credentials matter). */
  readonly known: boolean;
  readonly env: SessionEnvironment;
  readonly engineEnv: Record<string, string>;
  /** Where its program runs (its configuration's cwd, else its folder). */
  readonly cwd?: string;
  /** Its diagnosis, when its AWS variables differ from what new terminals get. */
  view?: DiagnosisView;
  viewTicket: number;
  /** The output tail of each of its sessions (the root and its children), by session id. */
  readonly tails: Map<string, Tail>;
  /** The errors already notified (one notification per error per session). */
  readonly notified: Set<string>;
  muted: boolean;
  ended: boolean;
}

interface Tail {
  tail: OutputTail;
  timer?: NodeJS.Timeout;
}

export interface DebugSessionsServices {
  readonly doctor: Doctor;
  readonly envSource: EnvironmentSource;
  readonly statusBar: StatusBar;
  /** Serves the read-only Explain document. */
  readonly envDocument: EnvironmentDocumentProvider;
  readonly log: Log;
  readonly extensionPath: string;
  /** The settings, read at use time (a session can start before the first diagnosis). */
  settings(): DoctorSettings;
  now(): number;
}

export class DebugSessions extends Disposable {
  private readonly launches: Launch[] = [];
  private readonly followed = new Map<string, Followed>();
  /** Differences already told (configuration, variable, both values), so that each is told once. */
  private readonly told = new Set<string>();
  /** Every alert shown (for the tests): session name, alert, when, and the session it is about. */
  readonly alerts: { session: string; alert: SessionAlert; at: number; followed: Followed }[] = [];
  private readonly alerted = new vscode.EventEmitter<{ session: string; alert: SessionAlert }>();
  readonly onDidAlert = this.alerted.event;
  /** The synchronous pieces of work on the extension host's thread (tests, benchmark). */
  readonly slices = new SliceTimes();

  constructor(private readonly s: DebugSessionsServices) {
    super();
    this._register(this.alerted);
    const d = vscode.debug;
    this._register(
      d.registerDebugConfigurationProvider('*', {
        resolveDebugConfigurationWithSubstitutedVariables: async (folder, config) => {
          // The core bundle on the first launch: a slice of its own.
          if (!this.coreLoaded) {
            this.slices.time('loading dist/sessions.js', () => this.core);
            await turn();
          }
          return this.slices.time('resolving a configuration', () => this.resolve(folder, config));
        },
      }),
    );
    this._register(
      d.registerDebugAdapterTrackerFactory('*', {
        createDebugAdapterTracker: (session) => {
          if (!this.s.settings().watchDebugSessions) return undefined;
          return { onDidSendMessage: (m: unknown) => this.message(session, m) };
        },
      }),
    );
    // A session started or focused: the user turned to it, so the status bar follows again after a profile switch.
    this._register(
      d.onDidStartDebugSession((session) => {
        if (!session.parentSession) {
          this.s.statusBar.resumeFollowing();
          void this.slices.time('a session started', () => this.follow(session));
        }
      }),
    );
    this._register(d.onDidTerminateDebugSession((session) => this.terminated(session)));
    this._register(
      d.onDidChangeActiveDebugSession((session) => {
        if (session) this.s.statusBar.resumeFollowing();
        this.showActive();
      }),
    );
    this._register(
      s.doctor.onDidChange(
        () => void this.refreshAll().catch((e: unknown) => this.s.log.error('diagnosing the debug sessions failed', e)),
      ),
    );
    this._register({
      dispose: () => {
        for (const f of this.followed.values()) this.stopTails(f);
        this.followed.clear();
        this.s.statusBar.setFollowed('debugSession', undefined);
      },
    });
  }

  private coreLoaded = false;

  private get core(): SessionCore {
    const core = loadSessionCore(this.s.extensionPath);
    this.coreLoaded = true;
    return core;
  }

  /** The output tail's class, from the terminals' bundle, once loaded (in a slice of its own: loadTails). */
  private tailClass: typeof OutputTail | undefined;
  /** Output that came before it was loaded (bounded by the time one turn of the event loop takes). */
  private readonly waiting: { session: vscode.DebugSession; output: string }[] = [];
  /** The ends of sessions whose output waits. */
  private readonly endsWaiting: (() => void)[] = [];

  private newTail(): OutputTail {
    return new this.tailClass!();
  }

  /** The running session's environment (for the tests). */
  environmentOf(session: vscode.DebugSession): SessionEnvironment | undefined {
    return this.followed.get(this.rootOf(session).id)?.env;
  }

  private rootOf(session: vscode.DebugSession): vscode.DebugSession {
    let s = session;
    while (s.parentSession) s = s.parentSession;
    return s;
  }

  /** The configuration as launch.json writes it, read now (the user may just have changed it). */
  private blockOf(folder: vscode.WorkspaceFolder | undefined, name: string): ConfigBlock | undefined {
    const file: ConfigFile | undefined = launchFileOf(folder);
    const text = file && vscode.workspace.isTrusted ? readSmallText(file.file) : undefined;
    return text === undefined || !text.includes(name.slice(0, 40))
      ? undefined
      : blocksOf(this.core, file!, text).find((b) => b.label === name);
  }

  /** Adds the extension's variables to a launch configuration that takes an environment. */
  private resolve(
    folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): vscode.DebugConfiguration {
    const settings = this.s.settings();
    if (!settings.debugApplyEnvironment && !settings.watchDebugSessions) return config;
    const core = this.core;
    const field = core.debugEnvField(config.type);
    if (
      !field ||
      config.request !== 'launch' ||
      config.__pendingTargetId !== undefined ||
      config.__parentId !== undefined
    )
      return config;
    const block = this.blockOf(folder, config.name);
    const written: unknown = config.envFile;
    const named =
      typeof written === 'string'
        ? [written]
        : Array.isArray(written)
          ? written.filter((x): x is string => typeof x === 'string')
          : field.defaultEnvFile
            ? [field.defaultEnvFile]
            : [];
    const envFiles = vscode.workspace.isTrusted ? envFilePaths(named, folder).flatMap((f) => readEnvFile(f) ?? []) : [];
    const envFileVars = new Map(envFiles.flatMap((f) => f.entries.map((e) => [e.name, e.value] as const)));
    const injection = settings.debugApplyEnvironment
      ? core.injectEnvironment({
          config,
          overrides: this.s.envSource.overrides(),
          envFile: envFileVars,
          written: block ? new Set(block.entries.map((e) => e.name)) : undefined,
        })
      : undefined;
    for (const k of injection?.kept ?? []) this.tellKept(config.name, k, block, envFiles);
    if (injection?.injected.size)
      this.s.log.info(
        `debug configuration ${config.name}: ${[...injection.injected.keys()].join(', ')} added at launch`,
      );
    const resolved = injection?.config ?? config;
    this.launches.push({
      folder,
      name: config.name,
      type: String(resolved.type),
      original: config,
      injected: injection?.injected ?? new Map(),
      envFiles,
      block,
      at: this.s.now(),
    });
    while (this.launches.length > 20 || (this.launches.length && this.s.now() - this.launches[0].at > LAUNCH_TTL_MS))
      this.launches.shift();
    return resolved as vscode.DebugConfiguration;
  }

  /** Says once per configuration, variable and values that the configuration's value wins over the extension's. */
  private tellKept(
    name: string,
    k: { name: string; ours: EnvValue; theirs: EnvValue; from: 'env' | 'envFile' },
    block: ConfigBlock | undefined,
    envFiles: Launch['envFiles'],
  ): void {
    const key = JSON.stringify([name, k.name, k.ours, k.theirs, k.from]);
    if (this.told.has(key)) return;
    this.told.add(key);
    const envFile =
      k.from === 'envFile' ? [...envFiles].reverse().find((f) => f.entries.some((e) => e.name === k.name)) : undefined;
    const where = envFile
      ? displayPath(envFile.file)
      : block
        ? displayPath(block.file)
        : vscode.l10n.t('the debug configuration');
    const theirs = k.theirs === null ? vscode.l10n.t('unsets {0}', k.name) : `${k.name}=${maskValue(k.name, k.theirs)}`;
    const message =
      k.ours === null
        ? vscode.l10n.t(
            'Debug configuration "{0}": {1} in {2} wins; new terminals have {3} unset.',
            name,
            theirs,
            where,
            k.name,
          )
        : vscode.l10n.t(
            'Debug configuration "{0}": {1} in {2} wins over {3}={4}, which new terminals get.',
            name,
            theirs,
            where,
            k.name,
            maskValue(k.name, k.ours),
          );
    this.s.log.info(message);
    const file = envFile?.file ?? block?.file;
    const line = envFile
      ? envFile.entries.filter((e) => e.name === k.name).pop()?.line
      : block?.entries.find((e) => e.name === k.name)?.line;
    const open = vscode.l10n.t('Open {0}', file ? displayPath(file) : '');
    void (file ? notify.info(message, open) : notify.info(message)).then(async (picked) => {
      if (picked !== open || !file) return;
      const at = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
      await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(at, at) });
    });
  }

  /** A session, the first time it is seen (its start, or its first output, which can come before). */
  private follow(session: vscode.DebugSession): Followed {
    const existing = this.followed.get(session.id);
    if (existing) return existing;
    const i = this.launches.findIndex((l) => l.name === session.name && l.type === session.type);
    const launch = i >= 0 ? this.launches.splice(i, 1)[0] : undefined;
    const core = this.core;
    const cfg = session.configuration;
    const field = core.debugEnvField(cfg.type);
    const values = core.readEnvField(cfg[field?.field ?? 'env']);
    const injected = launch?.injected ?? new Map<string, EnvValue>();
    const lines = new Map(launch?.block?.entries.map((e) => [e.name, e.line]));
    // What the configuration writes: the names launch.json has, or, without it, what is not the extension host's own value.
    const config = [...values]
      .filter(([k, v]) => !injected.has(k) && (launch?.block ? lines.has(k) : v !== process.env[k]))
      .map(([name, value]) => ({ name, value, line: lines.get(name) }));
    const envFiles =
      launch?.envFiles ??
      (vscode.workspace.isTrusted
        ? envFilePaths(typeof cfg.envFile === 'string' ? [cfg.envFile] : [], session.workspaceFolder).flatMap(
            (f) => readEnvFile(f) ?? [],
          )
        : []);
    const env = core.sessionEnvironment({
      kind: 'launch',
      label: session.name,
      block: launch?.block,
      inherited: process.env,
      extension: injected,
      envFiles,
      config,
    });
    const cwd = workingDirectory(typeof cfg.cwd === 'string' ? cfg.cwd : undefined, session.workspaceFolder);
    const f: Followed = {
      session,
      launch,
      known: !!field,
      env,
      engineEnv: core.sessionEngineEnvironment(env, process.env),
      cwd,
      viewTicket: 0,
      tails: new Map(),
      notified: new Set(),
      muted: false,
      ended: false,
    };
    this.followed.set(session.id, f);
    // The output tail's bundle, in a turn of its own, before the output comes if it can (when it is watched).
    if (this.s.settings().watchDebugSessions && !this.tailClass && !this.waiting.length) this.loadTails();
    void this.updateView(f).then(
      (current) => {
        if (current) this.showActive();
      },
      (e: unknown) => this.s.log.error('diagnosing a debug session failed', e),
    );
    return f;
  }

  /** A message a debug adapter sent (every one of every session: only output events are looked at). */
  private message(session: vscode.DebugSession, m: unknown): void {
    const msg = m as { type?: unknown; event?: unknown; body?: { category?: unknown; output?: unknown } } | undefined;
    if (msg?.type !== 'event' || msg.event !== 'output') return;
    const output = msg.body?.output;
    if (typeof output !== 'string' || !output || msg.body?.category === 'telemetry') return;
    if (this.tailClass) {
      this.slices.time('an output event', () => this.output(session, output));
      return;
    }
    // The output tail's bundle is not loaded yet: it loads in a turn of its own, and the output waits.
    this.waiting.push({ session, output });
    if (this.waiting.length === 1) this.loadTails();
  }

  /** Loads the output tail's bundle in a slice of its own, then (a turn later) reads the output that waited. */
  private loadTails(): void {
    setImmediate(() => {
      this.slices.time('loading dist/terminals.js', () => {
        this.tailClass ??= loadTerminalCore(this.s.extensionPath).OutputTail;
      });
      setImmediate(() => {
        for (const w of this.waiting.splice(0))
          this.slices.time('an output event', () => this.output(w.session, w.output));
        // Sessions that ended meanwhile: after their output.
        for (const end of this.endsWaiting.splice(0)) end();
      });
    });
  }

  private output(session: vscode.DebugSession, output: string): void {
    const f = this.follow(this.rootOf(session));
    if (f.muted) return;
    let t = f.tails.get(session.id);
    if (!t) f.tails.set(session.id, (t = { tail: this.newTail() }));
    if (t.tail.push(output) && !t.timer) {
      const tail = t;
      tail.timer = setTimeout(() => void this.judge(f, tail), STILL_RUNNING_MS);
    }
  }

  private terminated(session: vscode.DebugSession): void {
    if (this.waiting.length) {
      this.endsWaiting.push(() => this.terminated(session));
      return;
    }
    const root = this.rootOf(session);
    const f = this.followed.get(root.id);
    if (!f) return;
    // The program ended: an error it printed is judged now (`hit` also looks at output the tail had
    // not checked yet, which it puts off while the output keeps naming AWS errors without one).
    const endOf = (t: Tail | undefined) => {
      if (t && (t.timer || t.tail.hit)) void this.judge(f, t);
    };
    endOf(f.tails.get(session.id));
    if (session !== root) return;
    f.ended = true;
    for (const tail of f.tails.values()) endOf(tail);
    // (judge takes the tail's text at once:) the output is dropped with the session.
    f.tails.clear();
    this.followed.delete(root.id);
    this.showActive();
  }

  private stopTails(f: Followed): void {
    for (const t of f.tails.values()) if (t.timer) clearTimeout(t.timer);
  }

  /** Runs the catalogue over a tail once it may hold an error; a fresh tail takes the output that follows. */
  private async judge(f: Followed, t: Tail): Promise<void> {
    if (t.timer) clearTimeout(t.timer);
    t.timer = undefined;
    const text = t.tail.text();
    t.tail = this.newTail();
    if (f.muted) return;
    try {
      const { explanation, view } = await this.s.doctor.explain(text, f.engineEnv, f.cwd);
      const core = this.core;
      const clean = (s: string) => view.redactor.redact(redact(s));
      const alert = core.sessionAlert(
        {
          explanation,
          session: f.env,
          name: f.session.name,
          redact: clean,
          display: displayPath,
          profile: view.report.profile.name,
        },
        vscode.l10n,
      );
      if (!alert || f.notified.has(alert.errorId) || f.muted) return;
      f.notified.add(alert.errorId);
      this.alerts.push({ session: f.session.name, alert, at: this.s.now(), followed: f });
      if (this.alerts.length > 50) this.alerts.shift();
      this.s.log.info(
        `debug session ${f.session.name}: ${alert.errorCode} (${alert.finding?.code ?? 'no local cause'})`,
      );
      this.alerted.fire({ session: f.session.name, alert });
      void this.notify(f, alert, explanation);
    } catch (e) {
      this.s.log.error('judging a debug session error failed', e);
    }
  }

  private async notify(f: Followed, alert: SessionAlert, explanation: Explanation): Promise<void> {
    const explain = vscode.l10n.t('Explain');
    const mute = vscode.l10n.t('Mute Session');
    const picked = await notify.error(alert.message, ...(alert.fix ? [alert.fix.button] : []), explain, mute);
    if (!picked) return;
    if (picked === mute) {
      f.muted = true;
      this.stopTails(f);
      return;
    }
    if (picked === explain) {
      // The read-only Explain document (never an untitled editor that asks to be saved), with this session's part.
      const state = await this.s.doctor.latest();
      await this.s.envDocument.show(
        EXPLANATION_DOCUMENT,
        explanationDocument(
          {
            explanation,
            redact: (t) => state.redactor.redact(redact(t)),
            home: engineEnvironment(state.env).HOME,
            session: { name: f.session.name, details: this.sources(f) },
          },
          vscode.l10n,
        ),
      );
      return;
    }
    await this.applyAlertFix(f, alert);
  }

  /** The alert's fix, then the session started again (the notification's button; the tests call it too). */
  async applyAlertFix(f: Followed, alert: SessionAlert): Promise<boolean> {
    const fix = alert.fix;
    if (!fix) return false;
    const outcome = await applySessionFix(fix, alert.finding?.code, this.core);
    this.s.log.info(`debug session ${f.session.name}: fix ${fix.kind} ${outcome}`);
    if (!fix.restart || (outcome !== 'saved' && outcome !== 'applied')) return false;
    // The extension's variables for the next launch come from the fix just applied.
    await this.s.doctor.refreshInBackground();
    return this.restart(f);
  }

  /** Stops the session if it still runs, then starts its configuration again (from launch.json when it is written there). */
  private async restart(f: Followed): Promise<boolean> {
    const { session, launch } = f;
    if (!f.ended) {
      const stopped = new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          sub.dispose();
          resolve();
        }, STOP_TIMEOUT_MS);
        const sub = vscode.debug.onDidTerminateDebugSession((s) => {
          if (s.id === session.id) {
            clearTimeout(timer);
            sub.dispose();
            resolve();
          }
        });
      });
      await vscode.debug.stopDebugging(session);
      await stopped;
    }
    const folder = launch?.folder ?? session.workspaceFolder;
    // As launch.json writes it now (VS Code may not have read the file again yet), else as it was resolved.
    const text = launch?.block ? readSmallText(launch.block.file) : undefined;
    const written = text !== undefined && launch?.block ? this.core.blockValue(text, launch.block) : undefined;
    return vscode.debug.startDebugging(
      folder,
      (written as vscode.DebugConfiguration | undefined) ?? launch?.original ?? session.configuration,
    );
  }

  /** A session's diagnosis, when its AWS variables differ from what new terminals get (in the worker). False when overtaken. */
  private async updateView(f: Followed): Promise<boolean> {
    const ticket = ++f.viewTicket;
    const last = this.s.doctor.last;
    if (!last) return false;
    const differs = f.known && this.core.sessionDiffers(f.env, engineEnvironment(last.env));
    const view = differs ? await this.s.doctor.diagnoseEnvironment(f.engineEnv, f.cwd) : undefined;
    if (ticket !== f.viewTicket || !this.followed.has(f.session.id)) return false;
    f.view = view;
    return true;
  }

  private async refreshAll(): Promise<void> {
    await Promise.all([...this.followed.values()].map((f) => this.updateView(f)));
    if (!this.isDisposed) this.showActive();
  }

  /** The status bar follows the active session while its credentials differ from what new terminals get. */
  private showActive(): void {
    const active = vscode.debug.activeDebugSession;
    const f = active && this.s.settings().watchDebugSessions ? this.followed.get(this.rootOf(active).id) : undefined;
    if (!f?.view) {
      this.s.statusBar.setFollowed('debugSession', undefined);
      return;
    }
    this.s.statusBar.setFollowed('debugSession', {
      state: f.view,
      summary: { kind: 'debugSession', name: f.session.name, changes: [], uncertainties: [], sources: this.sources(f) },
    });
  }

  /** Where the session's AWS variables come from, masked, for the tooltip. */
  private sources(f: Followed): string[] {
    const out: string[] = [];
    for (const v of f.env.variables.values()) {
      const value = v.value === null ? vscode.l10n.t('{0} unset', v.name) : `${v.name}=${maskValue(v.name, v.value)}`;
      const o = v.origin;
      if (o.kind === 'config')
        out.push(
          f.env.block && o.line
            ? vscode.l10n.t('{0} — {1}, line {2}', value, displayPath(f.env.block.file), o.line)
            : vscode.l10n.t('{0} — the debug configuration', value),
        );
      else if (o.kind === 'envFile') out.push(vscode.l10n.t('{0} — {1}, line {2}', value, displayPath(o.file), o.line));
      else if (o.kind === 'extension') out.push(vscode.l10n.t('{0} — added by AWS Credentials Doctor', value));
    }
    return out;
  }
}
