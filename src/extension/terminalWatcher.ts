/**
 * Integrated terminals, through VS Code's shell-integration API: a model of each terminal's AWS
 * environment (terminals/terminalEnvironment.ts), the status bar following the active terminal when
 * its credentials differ from what new terminals get, and AWS authentication errors caught in a
 * command's output: a notification with the cause from that terminal's model and a one-click fix
 * run in that terminal (only on the click). Problems lists, under the terminal's name, every error
 * and warning of its environment that new terminals do not have (presentation/terminalProblems.ts).
 *
 * Cost: each command's output keeps a bounded tail (ANSI stripped), checked incrementally by one
 * regular expression; the catalogue runs at most once per command, and the tail is dropped when
 * the command ends.
 */
import * as vscode from 'vscode';
import type { Explanation } from '../engine/explain/types';
import type { Finding, FixAction } from '../engine/findings/findings';
import { redact } from '../engine/secrets/redact';
import { sanitize } from '../engine/core/sanitize';
import { EXPLANATION_DOCUMENT, InternalCommands } from './commandIds';
import { Disposable } from './disposable';
import type { DiagnosisView, Doctor } from './doctor';
import { ENV_DOCUMENT_URI } from './environmentDocument';
import type { EnvironmentDocumentProvider } from './environmentDocument';
import { loadTerminalCore } from './lazyBundles';
import type { Log } from './log';
import { engineEnvironment } from './presentation/environment';
import { sameFinding, terminalProblems } from './presentation/terminalProblems';
import type { TerminalProblem } from './presentation/terminalProblems';
import type { StatusBar } from './statusBar';
import type { CommandSelectors, TerminalShell } from './terminals/envEffects';
import { isAwsVariable } from './terminals/envEffects';
import type { OutputTail } from './terminals/outputTail';
import type { TerminalAlert } from './terminals/terminalAlert';
import type { TerminalCore } from './terminals/terminalCore';
import { readTextFile } from '../nodeHost/fileSystem';
import type { TerminalEnvironment } from './terminals/terminalEnvironment';
import { notify } from './notify';
import { DiagnosticPublisher } from './diagnosticPublisher';
import { explanationDocument } from './presentation/readOnlyDocuments';
import { isOwnTerminal } from './ownTerminals';

/** A command still running this long after an error appeared is judged without its exit code. */
const STILL_RUNNING_MS = 1500;
/** How long to wait, after a command ended, for the rest of its output stream. */
const STREAM_GRACE_MS = 100;

/** One integrated terminal. */
interface Watched {
  readonly terminal: vscode.Terminal;
  /** The last shell VS Code detected in it (bash, zsh, fish, pwsh; not the program running in it). */
  shellName?: string;
  readonly model: TerminalEnvironment;
  /** Its diagnosis, when its AWS variables differ from what new terminals get. */
  view?: DiagnosisView;
  /** Bumped by every new diagnosis of it asked for: only the newest is kept. */
  viewTicket: number;
  /** Findings a notification named, shown in Problems until fixed or closed. */
  alerted: Finding[];
  /** Its entries in Problems, as last published. */
  problems: TerminalProblem[];
  muted: boolean;
}

/** One running command. */
interface Running {
  readonly watched: Watched;
  readonly tail: OutputTail;
  done: Promise<void>;
  judged: boolean;
  timer?: NodeJS.Timeout;
}

export interface TerminalWatcherServices {
  readonly doctor: Doctor;
  readonly statusBar: StatusBar;
  readonly envDocument: EnvironmentDocumentProvider;
  readonly log: Log;
  readonly extensionPath: string;
  /** Diagnoses an environment with the same files, clock, settings and tool versions as the extension's own diagnosis (in the worker), in the terminal's directory when shell integration reports it. */
  view(env: Record<string, string>, cwd: vscode.Uri | undefined): Promise<DiagnosisView>;
  /** The same, explaining an AWS error against it. */
  explain(
    env: Record<string, string>,
    text: string,
    cwd: vscode.Uri | undefined,
    explicitProfile?: string,
  ): Promise<{ explanation: Explanation; view: DiagnosisView }>;
  now(): number;
}

export class TerminalWatcher extends Disposable {
  private readonly watched = new Map<vscode.Terminal, Watched>();
  private readonly running = new Map<vscode.TerminalShellExecution, Running>();
  private readonly problems = new DiagnosticPublisher(
    this._register(vscode.languages.createDiagnosticCollection('awsCredentialsDoctor.terminals')),
  );
  /** The published entries by their key (problemKey): a code action finds its terminal and finding here. */
  private readonly published = new Map<string, { readonly w: Watched; readonly finding: Finding }>();
  /** Every alert shown (for the tests and the benchmark): terminal name, message, when. */
  readonly alerts: { terminal: string; alert: TerminalAlert; at: number }[] = [];
  private readonly alerted = new vscode.EventEmitter<{ terminal: string; alert: TerminalAlert }>();
  readonly onDidAlert = this.alerted.event;

  constructor(private readonly s: TerminalWatcherServices) {
    super();
    this._register(this.alerted);
    const w = vscode.window;
    // Terminals already open: after activation (the core bundle loads then, not during activate),
    // once the first diagnosis is published: a terminal is compared with what new terminals get.
    const trackOpen = () => {
      if (this.enabled) for (const t of w.terminals) if (!isOwnTerminal(t)) this.track(t);
      this.showActive();
    };
    if (s.doctor.last) {
      const initial = setImmediate(trackOpen);
      this._register({ dispose: () => clearImmediate(initial) });
    } else {
      const first = this._register(
        s.doctor.onDidChange(() => {
          first.dispose();
          if (!this.isDisposed) trackOpen();
        }),
      );
    }
    this._register(
      w.onDidOpenTerminal((t) => {
        if (this.enabled && !isOwnTerminal(t)) this.track(t);
      }),
    );
    this._register(w.onDidCloseTerminal((t) => this.forget(t)));
    this._register(
      w.onDidChangeActiveTerminal((t) => {
        if (t && !isOwnTerminal(t)) this.s.statusBar.resumeFollowing();
        this.showActive();
      }),
    );
    this._register(w.onDidStartTerminalShellExecution((e) => this.started(e)));
    this._register(w.onDidEndTerminalShellExecution((e) => this.ended(e)));
    this._register(
      s.doctor.onDidChange(
        () => void this.refreshAll().catch((e: unknown) => this.s.log.error('diagnosing the terminals failed', e)),
      ),
    );
    this._register(
      vscode.commands.registerCommand(InternalCommands.fixInTerminal, (name: string, text: string) =>
        this.runInTerminalNamed(name, text),
      ),
    );
    this._register(
      vscode.languages.registerCodeActionsProvider(
        { scheme: ENV_DOCUMENT_URI.scheme },
        {
          provideCodeActions: (_doc, _range, ctx) => this.codeActions(ctx.diagnostics),
        },
        { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
      ),
    );
    this._register({
      dispose: () => {
        for (const r of this.running.values()) if (r.timer) clearTimeout(r.timer);
        this.running.clear();
        this.s.statusBar.setFollowed('terminal', undefined);
      },
    });
  }

  private get core(): TerminalCore {
    return loadTerminalCore(this.s.extensionPath);
  }

  private get enabled(): boolean {
    // Nothing is followed before the first diagnosis is published (the open terminals are taken up then).
    return this.s.doctor.last?.settings.watchTerminals ?? false;
  }

  /** The model of a terminal (for the tests). */
  modelOf(t: vscode.Terminal): TerminalEnvironment | undefined {
    return this.watched.get(t)?.model;
  }

  /**
   * A terminal's name as the extension shows it: the name it was given, else its shell's (VS Code
   * renames a terminal after the program it runs); numbered when an older terminal has the same.
   */
  labelOf(t: vscode.Terminal): string {
    const baseName = (x: vscode.Terminal) => {
      const opts = x.creationOptions as vscode.TerminalOptions;
      return (
        opts.name ||
        this.watched.get(x)?.shellName ||
        opts.shellPath?.replace(/^.*[\\/]/, '') ||
        vscode.env.shell.replace(/^.*[\\/]/, '') ||
        x.name ||
        'terminal'
      );
    };
    const base = baseName(t);
    const same = [...this.watched.values()].filter((w) => baseName(w.terminal) === base);
    const i = same.findIndex((w) => w.terminal === t);
    return i > 0 ? `${base} (${i + 1})` : base;
  }

  /**
   * The shell VS Code detected when the extension first saw the terminal. (state.shell also names
   * the program running, python for the AWS CLI, and lags behind `exec`: it is not followed later.)
   */
  private noteShell(w: Watched): void {
    const detected = detectedShell(w.terminal);
    const kind = this.core.terminalShellOf(detected);
    if (!detected || !kind) return;
    w.shellName = detected;
    w.model.shell = kind;
  }

  private shellOf(t: vscode.Terminal): TerminalShell {
    const opts = t.creationOptions as vscode.TerminalOptions;
    const { terminalShellOf } = this.core;
    return (
      terminalShellOf(detectedShell(t)) ??
      terminalShellOf(opts.shellPath) ??
      terminalShellOf(vscode.env.shell) ??
      'posix'
    );
  }

  /** What a terminal starts with: what new terminals get, or its creator's environment. */
  private track(t: vscode.Terminal): Watched {
    const existing = this.watched.get(t);
    if (existing) return existing;
    const base = engineEnvironment(this.s.doctor.environment());
    const opts = t.creationOptions as vscode.TerminalOptions;
    const initial: Record<string, string | undefined> = opts.strictEnv
      ? {}
      : Object.fromEntries(Object.entries(base).filter(([k]) => isAwsVariable(k)));
    for (const [k, v] of Object.entries(opts.env ?? {})) if (isAwsVariable(k)) initial[k] = v ?? undefined;
    // A sourced script is read only if it is a regular file of at most 64 KB: `source ./fifo` must not block the host.
    const readFile = (p: string) => readTextFile(p, 64 * 1024);
    const model = new this.core.TerminalEnvironment(this.shellOf(t), initial, readFile, base.HOME);
    const w: Watched = { terminal: t, model, alerted: [], problems: [], muted: false, viewTicket: 0 };
    this.noteShell(w);
    this.watched.set(t, w);
    return w;
  }

  private forget(t: vscode.Terminal): void {
    this.watched.delete(t);
    for (const [e, r] of this.running)
      if (r.watched.terminal === t) {
        if (r.timer) clearTimeout(r.timer);
        this.running.delete(e);
      }
    this.publishProblems();
    this.showActive();
  }

  private started(e: vscode.TerminalShellExecutionStartEvent): void {
    if (!this.enabled || isOwnTerminal(e.terminal)) return;
    // A command in the active terminal: the user turned to it (after a profile switch, the status bar follows it again).
    if (e.terminal === vscode.window.activeTerminal) {
      this.s.statusBar.resumeFollowing();
      this.showActive();
    }
    const watched = this.track(e.terminal);
    // `exec zsh`: the variables stay, the syntax of the next command lines changes. (An exec never
    // ends as a command: the shell that would report its end is gone.)
    const replaced = this.core.execShell(e.execution.commandLine.value);
    if (replaced) {
      watched.shellName = replaced.name;
      watched.model.shell = replaced.kind;
    }
    const tail = new this.core.OutputTail();
    const r: Running = { watched, tail, done: Promise.resolve(), judged: false };
    // Read at once: the stream holds only what is written after the first read().
    const stream = e.execution.read();
    r.done = (async () => {
      try {
        for await (const chunk of stream) {
          if (tail.push(chunk) && !r.judged) {
            // An error while the command still runs (a server, a watcher): judge it if it goes on running.
            // Judged with what the command line gives the command (its inline variables, `--profile`), as far as it is known at the start.
            const line = e.execution.commandLine;
            const early =
              line.confidence !== vscode.TerminalShellExecutionCommandLineConfidence.Low && line.value
                ? this.core.parseCommandLine(watched.model.shell, line.value)
                : undefined;
            r.timer = setTimeout(
              () => void this.judge(e.execution, r, early?.inline, early?.selectors),
              STILL_RUNNING_MS,
            );
          }
        }
      } catch (err) {
        this.s.log.warn(`reading a terminal's output failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
    this.running.set(e.execution, r);
  }

  private async ended(e: vscode.TerminalShellExecutionEndEvent): Promise<void> {
    if (!this.enabled || isOwnTerminal(e.terminal)) return;
    const watched = this.track(e.terminal);
    const line = e.execution.commandLine;
    const parsed = watched.model.apply(line.value, this.s.now(), {
      confident: line.confidence !== vscode.TerminalShellExecutionCommandLineConfidence.Low,
      cwd: e.execution.cwd?.scheme === 'file' ? e.execution.cwd.fsPath : undefined,
    });
    const r = this.running.get(e.execution);
    this.running.delete(e.execution);
    if (r) {
      if (r.timer) clearTimeout(r.timer);
      await Promise.race([r.done, new Promise((res) => setTimeout(res, STREAM_GRACE_MS))]);
    }
    if (parsed.effects.length) await this.refresh(watched);
    if (r && !r.judged && r.tail.hit && e.exitCode !== 0 && !parsed.ownCredentials)
      await this.judge(e.execution, r, parsed.inline, parsed.selectors);
  }

  /** Runs the catalogue over the command's tail, once; notifies when it recognises an error. */
  private async judge(
    execution: vscode.TerminalShellExecution,
    r: Running,
    inline: ReadonlyMap<string, string | undefined> | undefined,
    selectors?: CommandSelectors,
  ): Promise<void> {
    if (r.judged) return;
    r.judged = true;
    const w = r.watched;
    if (w.muted || !this.watched.has(w.terminal)) return;
    try {
      const base = engineEnvironment(this.s.doctor.environment());
      const inlineEnv = inline ?? new Map();
      // Explained in the worker, against a diagnosis of this terminal's environment with the command's
      // own variables and what its command line selects: `aws … --profile p` is about p, not the terminal's AWS_PROFILE.
      const { explanation, view: d } = await this.s.explain(
        w.model.engineEnvironment(base, inlineEnv, selectors),
        r.tail.text(),
        execution.cwd ?? w.terminal.shellIntegration?.cwd,
        selectors?.profile,
      );
      if (!this.watched.has(w.terminal)) return;
      const clean = (s: string) => d.redactor.redact(s);
      const alert = this.core.terminalAlert(
        {
          explanation,
          model: w.model,
          shell: w.model.shell,
          commandLine: clean(execution.commandLine.value),
          redact: clean,
          timeOf: (ms) => new Date(ms).toTimeString().slice(0, 5),
          profiles: d.report.profiles.map((p) => p.name),
          profile: d.report.profile.name,
        },
        vscode.l10n,
      );
      if (!alert) return;
      const name = this.labelOf(w.terminal);
      this.alerts.push({ terminal: name, alert, at: this.s.now() });
      if (this.alerts.length > 50) this.alerts.shift();
      if (alert.finding && !w.alerted.some((f) => sameFinding(f, alert.finding!))) w.alerted.push(alert.finding);
      await this.updateView(w);
      this.publishProblems();
      this.showActive();
      this.s.log.info(`terminal ${name}: ${alert.errorCode} (${alert.finding?.code ?? 'no local cause'})`);
      this.alerted.fire({ terminal: name, alert });
      void this.notify(w, alert, explanation, clean, clean(execution.commandLine.value));
    } catch (err) {
      this.s.log.error('judging a terminal error failed', err);
    }
  }

  /**
   * The notification: one short paragraph and short buttons (a long label is cut): the fix it names,
   * Explain (the whole story: what this terminal's model knows, the findings, the error's meaning),
   * and Mute Terminal.
   */
  private async notify(
    w: Watched,
    alert: TerminalAlert,
    explanation: Explanation,
    redactor: (s: string) => string,
    commandLine: string,
  ): Promise<void> {
    const runFix = alert.fix?.kind === 'terminal' ? vscode.l10n.t('Run Fix') : vscode.l10n.t('Apply Fix');
    const explain = vscode.l10n.t('Explain');
    const mute = vscode.l10n.t('Mute Terminal');
    const name = this.labelOf(w.terminal);
    const picked = await notify.error(`${name}: ${alert.message}`, ...(alert.fix ? [runFix] : []), explain, mute);
    if (!picked) return;
    if (picked === mute) {
      w.muted = true;
      return;
    }
    if (picked === explain) {
      const fix = alert.fix?.kind === 'terminal' ? { title: alert.fix.title, text: alert.fix.text } : undefined;
      await this.s.envDocument.show(
        EXPLANATION_DOCUMENT,
        explanationDocument(
          {
            explanation,
            redact: (t) => redactor(redact(t)),
            home: engineEnvironment(this.s.doctor.environment()).HOME,
            terminal: { name, commandLine, details: alert.details, fix },
          },
          vscode.l10n,
        ),
      );
      return;
    }
    if (alert.fix)
      await this.applyFix(w.terminal, alert.fix.kind === 'terminal' ? alert.fix.text : alert.fix.action, alert.finding);
  }

  /** The user's click: the text goes to that terminal (and runs), or the usual fix runs. */
  private async applyFix(t: vscode.Terminal, fix: string | FixAction, finding: Finding | undefined): Promise<void> {
    if (typeof fix === 'string') {
      t.show(false);
      t.sendText(fix, true);
      this.s.log.info(`ran a fix in terminal ${this.labelOf(t)}: ${redact(fix)}`);
      return;
    }
    await vscode.commands.executeCommand(InternalCommands.applyFix, fix, finding?.code);
  }

  private runInTerminalNamed(label: string, text: string): void {
    const t = vscode.window.terminals.find((x) => this.labelOf(x) === label);
    if (t) void this.applyFix(t, text, undefined);
  }

  /**
   * A terminal's diagnosis, when its AWS variables differ from what new terminals get: made in the
   * worker (a home with thousands of profiles would block the extension host on every refresh).
   * Keeps the newest asked for: false when a newer one overtook it or the terminal closed.
   */
  private async updateView(w: Watched): Promise<boolean> {
    const ticket = ++w.viewTicket;
    const base = engineEnvironment(this.s.doctor.environment());
    const view = w.model.differsFrom(base)
      ? await this.s.view(w.model.engineEnvironment(base), w.terminal.shellIntegration?.cwd)
      : undefined;
    if (ticket !== w.viewTicket || !this.watched.has(w.terminal)) return false;
    w.view = view;
    return true;
  }

  /** A finding a notification named leaves Problems once this terminal's diagnosis no longer has it. */
  private forgetFixed(w: Watched): void {
    const now = w.view?.report.findings ?? this.s.doctor.last?.report.findings ?? [];
    w.alerted = w.alerted.filter((f) => now.some((g) => sameFinding(f, g)));
  }

  private async refresh(w: Watched): Promise<void> {
    if (!(await this.updateView(w))) return;
    this.forgetFixed(w);
    this.publishProblems();
    if (w.terminal === vscode.window.activeTerminal) this.showActive();
  }

  private async refreshAll(): Promise<void> {
    if (!this.enabled) {
      for (const w of this.watched.values()) {
        w.viewTicket++;
        w.view = undefined;
        w.alerted = [];
      }
      this.publishProblems();
      this.s.statusBar.setFollowed('terminal', undefined);
      return;
    }
    await Promise.all(
      [...this.watched.values()].map(async (w) => {
        if (await this.updateView(w)) this.forgetFixed(w);
      }),
    );
    if (this.isDisposed) return;
    this.publishProblems();
    this.showActive();
  }

  /** The status bar follows the active terminal when it differs from what new terminals get. */
  private showActive(): void {
    const t = vscode.window.activeTerminal;
    const w = t && this.enabled ? this.watched.get(t) : undefined;
    if (!w?.view) {
      this.s.statusBar.setFollowed('terminal', undefined);
      return;
    }
    const clean = (s: string) => w.view!.redactor.redact(s);
    this.s.statusBar.setFollowed('terminal', {
      state: w.view,
      summary: {
        name: this.labelOf(w.terminal),
        changes: w.model.changes.map((c) => ({
          commandLine: clean(c.commandLine),
          time: new Date(c.at).toTimeString().slice(0, 5),
        })),
        uncertainties: w.model.uncertainties.map(clean),
      },
    });
  }

  /** Problems: each terminal's own errors and warnings on the environment document, under the terminal's name. */
  private publishProblems(): void {
    const lines = this.s.envDocument.document().lineOf;
    const diagnostics: vscode.Diagnostic[] = [];
    this.published.clear();
    // The report's findings, not the state's diagnosis: after a diagnosis in the worker, asking for
    // the diagnosis would make it again on this thread (hundreds of milliseconds on a large home).
    const last = this.s.doctor.last;
    for (const w of this.watched.values()) {
      const name = this.labelOf(w.terminal);
      w.problems =
        this.enabled && last
          ? terminalProblems({
              terminal: w.view?.report.findings,
              base: last.report.findings,
              alerted: w.alerted,
              settings: last.settings,
            })
          : [];
      for (const { finding: f, severity } of w.problems) {
        const line = f.env ? (lines.get(f.env) ?? 0) : 0;
        const d = new vscode.Diagnostic(
          new vscode.Range(line, 0, line, 200),
          vscode.l10n.t('Terminal "{0}": {1}', sanitize(name), sanitize(f.message)),
          severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'AWS Credentials Doctor';
        d.code = f.code;
        diagnostics.push(d);
        this.published.set(problemKey(d), { w, finding: f });
      }
    }
    this.problems.publish([[ENV_DOCUMENT_URI, diagnostics]]);
  }

  /** Quick fixes for the terminal entries: the same fix, run in that terminal. */
  private codeActions(diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of diagnostics) {
      const entry = this.published.get(problemKey(d));
      if (!entry || !this.watched.has(entry.w.terminal)) continue;
      const { w, finding } = entry;
      const fix = this.core.terminalFix(finding, w.model, w.model.shell, vscode.l10n);
      if (fix?.kind !== 'terminal') continue;
      const title = vscode.l10n.t('Run {0} in terminal "{1}"', fix.text, sanitize(this.labelOf(w.terminal)));
      const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      a.diagnostics = [d];
      a.isPreferred = true;
      a.command = { command: InternalCommands.fixInTerminal, title, arguments: [this.labelOf(w.terminal), fix.text] };
      out.push(a);
    }
    return out;
  }
}

/**
 * What identifies a terminal's entry in Problems when VS Code hands it back to a code action (a copy,
 * not the object published): its code, line and whole message (which names the terminal), compared
 * as they are, in whatever language, never parsed.
 */
function problemKey(d: vscode.Diagnostic): string {
  return `${String(d.code)}\u0000${d.range.start.line}\u0000${d.message}`;
}

/**
 * The shell VS Code detected in a terminal (`TerminalState.shell`, VS Code 1.99+); undefined on
 * older versions, where the terminal's creation options and the default shell say which it is.
 */
function detectedShell(t: vscode.Terminal): string | undefined {
  return (t.state as { readonly shell?: string }).shell;
}
