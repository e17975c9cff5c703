/**
 * Problems on launch.json, tasks.json and the envFiles they name: each launch configuration's and
 * task's AWS environment (configSources.ts, sessions/configFiles.ts) is diagnosed as the program
 * would get it (sessions/sessionEnvironment.ts), in the worker, and its findings placed on the line
 * that writes their cause, with quick fixes that edit that line. Only in a trusted workspace (the
 * files could point the tools anywhere; VS Code neither debugs nor runs tasks in Restricted Mode).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { sanitize } from '../engine/core/sanitize';
import { DIAGNOSTIC_SOURCE, EXTENSION_PREFIX, InternalCommands } from './commandIds';
import { Disposable } from './disposable';
import type { DiagnosisView, Doctor } from './doctor';
import { turn } from './doctor';
import { loadSessionCore } from './lazyBundles';
import type { Log } from './log';
import { findingDocsUrl } from './presentation/docs';
import { engineEnvironment } from './presentation/environment';
import type { ConfigFile } from './configSources';
import {
  configFiles,
  displayPath,
  envFilePaths,
  readEnvFile,
  readSmallText,
  substituteVariables,
} from './configSources';
import { addConfigEdits } from './sessionEdits';
import { SliceTimes } from './sliceTimes';
import type { ConfigBlock } from './sessions/configFiles';
import type { SessionEnvironment, SessionProblem } from './sessions/sessionEnvironment';
import type { EnvironmentSource } from './environmentSource';
import { watchTargetFor } from './watchers';
import type { SessionCore } from './sessions/sessionCore';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;
const DEBOUNCE_MS = 200;

interface Entry {
  readonly uri: string;
  readonly problem: SessionProblem;
  readonly diagnostic: vscode.Diagnostic;
}

export interface ConfigProblemsServices {
  readonly doctor: Doctor;
  readonly envSource: EnvironmentSource;
  readonly log: Log;
  readonly extensionPath: string;
}

/** A configuration's or task's environment, as the program would get it, and what to diagnose. */
export interface PlannedSession {
  readonly session: SessionEnvironment;
  readonly env: Record<string, string>;
  /** Where its program runs (a relative credential_process is looked for there), when known. */
  readonly cwd?: string;
}

export class ConfigProblems extends Disposable {
  private readonly collection = this._register(
    vscode.languages.createDiagnosticCollection('awsCredentialsDoctor.configurations'),
  );
  private entries: Entry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ticket = 0;
  private running: Promise<void> | undefined;
  private readonly watchers = new Map<string, vscode.Disposable>();
  /** The synchronous slices of the scans on the extension host's thread (tests, benchmark). */
  readonly slices = new SliceTimes();

  constructor(private readonly s: ConfigProblemsServices) {
    super();
    this._register(s.doctor.onDidChange(() => this.schedule()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration('launch') ||
          e.affectsConfiguration('tasks') ||
          e.affectsConfiguration(EXTENSION_PREFIX)
        )
          this.schedule();
      }),
    );
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()));
    this._register(
      vscode.languages.registerCodeActionsProvider(
        { scheme: 'file' },
        {
          provideCodeActions: (doc, _range, ctx) => this.codeActions(doc, ctx.diagnostics),
        },
        { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
      ),
    );
    this._register({
      dispose: () => {
        if (this.timer) clearTimeout(this.timer);
        for (const w of this.watchers.values()) w.dispose();
        this.watchers.clear();
      },
    });
  }

  /** Every published entry (for the tests). */
  get published(): readonly Entry[] {
    return this.entries;
  }

  /** Resolves once no scan is pending or under way (for the tests). */
  async whenIdle(): Promise<void> {
    while (this.timer || this.running) {
      if (this.running) await this.running;
      else await new Promise((r) => setTimeout(r, DEBOUNCE_MS));
    }
  }

  schedule(): void {
    if (this.isDisposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const run = this.scan().catch((e: unknown) => this.s.log.error('checking launch.json and tasks.json failed', e));
      this.running = run;
      void run.finally(() => {
        if (this.running === run) this.running = undefined;
      });
    }, DEBOUNCE_MS);
  }

  private async scan(): Promise<void> {
    const ticket = ++this.ticket;
    const stale = () => ticket !== this.ticket || this.isDisposed;
    const state = this.s.doctor.last;
    if (!state || !vscode.workspace.isTrusted) {
      this.publish([], new Map());
      this.watch([]);
      return;
    }
    // Slices a turn of the event loop apart: reading the files; loading the core bundle; each file's configurations.
    const read = this.slices.time('reading launch.json and tasks.json', () => readConfigFiles());
    const texts = new Map(read.texts);
    const watched = [...read.watched];
    const sessions: PlannedSession[] = [];
    let core: SessionCore | undefined;
    if (read.wanted.length) {
      await turn();
      if (stale()) return;
      core = this.slices.time('loading dist/sessions.js', () => loadSessionCore(this.s.extensionPath));
      const ctx: PlanContext = {
        overrides: state.settings.debugApplyEnvironment ? this.s.envSource.overrides() : new Map(),
        newTerminals: engineEnvironment(state.env),
        texts,
        watched,
      };
      for (const c of read.wanted) {
        await turn();
        if (stale()) return;
        this.slices.time(`the configurations of ${path.basename(c.file)}`, () => {
          for (const block of blocksOf(core!, c, texts.get(c.file)!)) {
            const planned = planSession(core!, c, block, ctx);
            if (planned) sessions.push(planned);
          }
        });
      }
    }
    const views = new Map<string, Promise<DiagnosisView>>();
    const results: { plan: PlannedSession; view: DiagnosisView }[] = [];
    for (const plan of sessions) {
      // One diagnosis per distinct environment, in the worker.
      const key = JSON.stringify([
        plan.cwd,
        Object.entries(plan.env)
          .filter(([k]) => k.startsWith('AWS_'))
          .sort(),
      ]);
      if (!views.has(key)) views.set(key, this.s.doctor.diagnoseEnvironment(plan.env, plan.cwd));
      results.push({ plan, view: await views.get(key)! });
      if (stale()) return;
    }
    this.slices.time('placing the findings', () => {
      // The same finding already sits on this line of a workspace .env file (awsCredentialsDoctor.dotEnv.enabled).
      const shownElsewhere = new Set<string>();
      for (const f of state.report.findings) {
        const o = f.env ? state.env.variables.get(f.env)?.origin : undefined;
        if (o?.kind === 'dotenv') shownElsewhere.add(`${o.file}\u0000${o.line}\u0000${f.code}`);
      }
      const problems: SessionProblem[] = [];
      const seen = new Set<string>();
      for (const { plan, view } of results) {
        for (const p of core!.sessionProblems(
          {
            session: plan.session,
            findings: view.report.findings,
            base: state.report.findings,
            settings: state.settings,
            display: displayPath,
          },
          vscode.l10n,
        )) {
          const key = `${p.file}\u0000${p.line}\u0000${p.finding.code}\u0000${p.message}`;
          if (seen.has(key) || shownElsewhere.has(`${p.file}\u0000${p.line}\u0000${p.finding.code}`)) continue;
          seen.add(key);
          problems.push(p);
        }
      }
      this.publish(problems, texts);
    });
    this.watch(watched);
  }

  private publish(problems: readonly SessionProblem[], texts: ReadonlyMap<string, string>): void {
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    const entries: Entry[] = [];
    for (const p of problems) {
      const uri = vscode.Uri.file(p.file);
      const lineText = texts.get(p.file)?.split('\n')[p.line - 1]?.replace(/\r$/, '') ?? '';
      const indent = /^\s*/.exec(lineText)![0].length;
      const d = new vscode.Diagnostic(
        new vscode.Range(p.line - 1, indent, p.line - 1, Math.max(indent + 1, lineText.length)),
        sanitize(p.message),
        SEVERITY[p.severity],
      );
      d.source = DIAGNOSTIC_SOURCE;
      d.code = { value: p.finding.code, target: vscode.Uri.parse(findingDocsUrl(p.finding.code)) };
      const key = uri.toString();
      if (!byUri.has(key)) byUri.set(key, { uri, diagnostics: [] });
      byUri.get(key)!.diagnostics.push(d);
      entries.push({ uri: key, problem: p, diagnostic: d });
    }
    this.entries = entries;
    const updates: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [...byUri.values()].map(({ uri, diagnostics }) => [
      uri,
      diagnostics,
    ]);
    this.collection.forEach((uri) => {
      if (!byUri.has(uri.toString())) updates.push([uri, undefined]);
    });
    this.collection.set(updates);
  }

  /** One watcher per file read (launch.json, tasks.json, the workspace file, envFiles), also before it exists. */
  private watch(files: readonly string[]): void {
    const wanted = new Map<string, { base: string; pattern: string }>(
      files.map((f) => {
        const t = watchTargetFor(f);
        return [`${t.base}\u0000${t.pattern}`, t];
      }),
    );
    for (const [key, w] of this.watchers)
      if (!wanted.has(key)) {
        w.dispose();
        this.watchers.delete(key);
      }
    for (const [key, t] of wanted) {
      if (this.watchers.has(key)) continue;
      const w = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(t.base), t.pattern),
      );
      const on = () => this.schedule();
      w.onDidChange(on);
      w.onDidCreate(on);
      w.onDidDelete(on);
      this.watchers.set(key, w);
    }
  }

  private codeActions(doc: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const key = doc.uri.toString();
    for (const d of diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      const entry = this.entries.find(
        (e) =>
          e.uri === key &&
          e.problem.finding.code === code &&
          e.diagnostic.range.start.line === d.range.start.line &&
          e.diagnostic.message === d.message,
      );
      if (!entry) continue;
      for (const fix of entry.problem.fixes) {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.diagnostics = [d];
        a.isPreferred = fix.preferred;
        if (fix.kind === 'edit') {
          if (fix.edits.some((e) => e.file !== doc.uri.fsPath)) continue;
          const edit = new vscode.WorkspaceEdit();
          if (!addConfigEdits(edit, doc, fix.edits, loadSessionCore(this.s.extensionPath))) continue;
          a.edit = edit;
        } else {
          a.command = {
            command: InternalCommands.applyFix,
            title: fix.title,
            arguments: [fix.action, entry.problem.finding.code],
          };
        }
        out.push(a);
      }
    }
    return out;
  }
}

/**
 * The files where configurations and tasks are written, their texts, and those worth planning: a
 * file without `AWS_` (or, for launch configurations, without an envFile or a Python one, which
 * reads `.env`) costs one read.
 */
function readConfigFiles(): { wanted: ConfigFile[]; texts: Map<string, string>; watched: string[] } {
  const texts = new Map<string, string>();
  const watched: string[] = [];
  const wanted = configFiles().filter((c) => {
    watched.push(c.file);
    const text = texts.get(c.file) ?? readSmallText(c.file);
    if (text === undefined) return false;
    texts.set(c.file, text);
    return (
      text.includes('AWS_') || (c.kind === 'launch' && (text.includes('envFile') || /"(?:python|debugpy)"/.test(text)))
    );
  });
  return { wanted, texts, watched };
}

/** The configurations or tasks of one file. */
export function blocksOf(core: SessionCore, c: ConfigFile, text: string): ConfigBlock[] {
  if (c.kind === 'launch') return core.launchBlocks(text, c.file, c.prefix);
  const platform = process.platform === 'darwin' ? 'osx' : process.platform === 'win32' ? 'windows' : 'linux';
  return core.taskBlocks(text, c.file, platform, c.prefix);
}

export interface PlanContext {
  /** The extension's variables for new terminals (null: unset), added at launch; empty when the setting is off. */
  readonly overrides: ReadonlyMap<string, string | null>;
  /** What new terminals get (a task's terminal starts with it). */
  readonly newTerminals: Readonly<Record<string, string | undefined>>;
  /** Texts read so far, by file (envFiles are added). */
  readonly texts: Map<string, string>;
  /** Files to watch (envFiles are added). */
  readonly watched: string[];
}

/**
 * The environment a configuration's or a task's program gets: for a launch configuration of a type
 * that takes one, the extension host's, the extension's variables it does not write, its envFile and
 * its own; for a task, what new terminals get and its own. Undefined when it writes no AWS variable.
 */
export function planSession(
  core: SessionCore,
  c: ConfigFile,
  block: ConfigBlock,
  ctx: PlanContext,
): PlannedSession | undefined {
  const field = block.kind === 'launch' ? core.debugEnvField(block.type) : undefined;
  if (block.kind === 'launch' && (!field || block.request !== 'launch')) return undefined;
  const config = block.entries.flatMap((e): { name: string; value: string | null; line: number }[] => {
    if (!e.name.startsWith('AWS_')) return [];
    if (e.value === null) return [{ name: e.name, value: null, line: e.line }];
    const value = substituteVariables(e.value, c.folder);
    return value === undefined ? [] : [{ name: e.name, value, line: e.line }];
  });
  const envFiles =
    block.kind !== 'launch'
      ? []
      : envFilePaths(
          block.envFiles.length
            ? block.envFiles.map((f) => f.path)
            : field?.defaultEnvFile
              ? [field.defaultEnvFile]
              : [],
          c.folder,
        ).flatMap((file) => {
          ctx.watched.push(file);
          const read = readEnvFile(file);
          if (!read) return [];
          const aws = read.entries.filter((e) => e.name.startsWith('AWS_'));
          if (aws.length) ctx.texts.set(file, read.text);
          return [{ file, entries: aws }];
        });
  if (!config.length && !envFiles.some((f) => f.entries.length)) return undefined;
  const written = new Set([...config.map((e) => e.name), ...envFiles.flatMap((f) => f.entries.map((e) => e.name))]);
  const inherited = block.kind === 'launch' ? process.env : ctx.newTerminals;
  const extension = new Map([...ctx.overrides].filter(([k]) => block.kind === 'launch' && !written.has(k)));
  const session = core.sessionEnvironment({
    kind: block.kind,
    label: block.label,
    block,
    inherited,
    extension,
    envFiles,
    config,
  });
  return {
    session,
    env: core.sessionEngineEnvironment(session, inherited),
    cwd: workingDirectory(block.cwd, c.folder),
  };
}

/** A configuration's working directory on this machine: its `cwd` (relative to its folder), else its folder. */
export function workingDirectory(
  cwd: string | undefined,
  folder: vscode.WorkspaceFolder | undefined,
): string | undefined {
  const base = folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
  const written = cwd !== undefined ? substituteVariables(cwd, folder) : undefined;
  if (written === undefined) return base;
  return path.isAbsolute(written) || !base ? written : path.join(base, written);
}
