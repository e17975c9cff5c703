/**
 * The extension's state: the last diagnosis of what new terminals see, its report, the environment
 * snapshot and the last live check. Pure (no vscode import): the sources are injected, and
 * listeners are plain functions.
 */
import type { Diagnosis } from '../engine/findings/diagnosis';
import { Redactor } from '../engine/secrets/redact';
import type { DiagnosisInput, DiagnosisSummary } from './diagnosisSummary';
import type { WatchedPath } from './watchedPaths';
import { watchedPathsOf } from './watchedPaths';
import type { ParsedFiles } from '../engine/files/awsFiles';
import type { FileSystemHost } from '../engine/core/host';
import type { Report } from '../engine/output/report';
import { hostPlatform } from '../nodeHost/platform';
import type { DoctorSettings } from './settings';
import type { EnvSnapshot } from './presentation/environment';
import { engineEnvironment } from './presentation/environment';
import type { LiveIdentity } from './presentation/statusBarModel';
import type { LiveCheckOutcome } from '../engine/output/liveReport';
import { withLiveCheck } from '../engine/output/liveReport';
import type { ToolVersions } from '../engine/core/toolVersions';
import type { HostEngine } from './hostEngine';
import type { EncodedSummary } from './summaryCodec';
import type { WorkerAnswer } from './diagnoseWorker';
import type { Explanation } from '../engine/explain/types';
import { decodeSummary } from './summaryCodec';
import type { L10n } from './presentation/localize';
import { localizeReport } from './presentation/localize';

export interface DoctorSources {
  readonly fs: FileSystemHost;
  environment(): EnvSnapshot;
  settings(): DoctorSettings;
  now(): number;
  readonly homeDir: string;
  /** The directory programs started from here run in (the workspace folder): a relative credential_process is found from there. */
  workingDirectory?(): string | undefined;
  /** The installed tools' versions, once read from their files (after the first diagnosis); undefined: the newest behaviour. */
  toolVersions?(): ToolVersions | undefined;
  /** Diagnoses on another thread (diagnosisThread.ts) with the real disk; absent: on this one. `statuses`: every profile's state too. */
  offThread?(input: DiagnosisInput, explain?: string, options?: { statuses?: boolean }): Promise<WorkerAnswer>;
  /**
   * The display language's bundle, when one is loaded (vscode.l10n with a bundle): the findings'
   * messages are rendered through it. Absent: the engine's English.
   */
  readonly l10n?: L10n;
  /** The engine for diagnoses on this thread (the extension loads its bundle on first use: lazyBundles.ts). */
  engine(): HostEngine;
}

export interface DoctorState {
  /** The full diagnosis; after a diagnosis on another thread, made again here on first use (the live check): a block as long as a diagnosis. */
  readonly diagnosis: Diagnosis;
  readonly report: Report;
  readonly env: EnvSnapshot;
  readonly settings: DoctorSettings;
  readonly at: number;
  readonly live?: LiveIdentity;
  /** Masks every secret the diagnosis saw. */
  readonly redactor: Redactor;
  /** A file's text as diagnosed, for the files the findings point into. */
  textOf(path: string): string | undefined;
  /** What to watch for changes. */
  readonly watched: readonly WatchedPath[];
}

/** A diagnosis of another environment (a terminal's): what the status bar and Problems show of it. */
export type DiagnosisView = Pick<DoctorState, 'report' | 'redactor' | 'textOf'>;

export class Doctor {
  private current: DoctorState | undefined;
  private live: { identity: LiveIdentity; outcome: LiveCheckOutcome; profile: string } | undefined;
  private readonly listeners = new Set<(s: DoctorState) => void>();
  private parsedHere: ParsedFiles | undefined;
  /** The files the worker parsed so far (its own ParsedFiles). */
  private workerMisses = 0;
  /** Diagnoses made on this thread: refresh() (a state asked for before the first was published, a worker that failed) or the full diagnosis asked of a state (the live check). */
  diagnosedHere = 0;
  /** Bumped by every refresh: a diagnosis from another thread is published only if no refresh started since. */
  private generation = 0;
  private running: Promise<unknown> | undefined;
  /** The newest refresh when it runs in the background (undefined: the newest ran here, and its state is current). */
  private newest: Promise<DoctorState> | undefined;

  constructor(private readonly sources: DoctorSources) {}

  /**
   * Whether the diagnoses also give every profile's state (report.profiles[].status): while the
   * Profiles view is visible. It costs the worker about another diagnosis; nothing otherwise.
   */
  profileStatuses = false;

  /**
   * The last state published, if any (never diagnoses). Listeners get it as their argument and read
   * it here as well: it is set before the first of them runs.
   */
  get last(): DoctorState | undefined {
    return this.current;
  }

  /**
   * The last state published or, before the first, the state of the refresh under way (one is
   * started in the background if none is): what a command acts on, never diagnosed on this thread
   * for it (only `refresh()` does that, and a worker that failed).
   */
  latest(): Promise<DoctorState> {
    if (this.current) return Promise.resolve(this.current);
    const again = () => this.latest();
    return this.running ? this.running.then(again, again) : this.refreshInBackground();
  }

  /** The settings of the last state published or, before the first, read now (no diagnosis). */
  settings(): DoctorSettings {
    return this.current?.settings ?? this.sources.settings();
  }

  /** The environment of the last state published or, before the first, read now (no diagnosis). */
  environment(): EnvSnapshot {
    return this.current?.env ?? this.sources.environment();
  }

  /** The AWS files parsed so far on this thread: a change to one file re-parses only that file. */
  get parsed(): ParsedFiles {
    return (this.parsedHere ??= new (this.sources.engine().ParsedFiles)());
  }

  /** Files parsed so far, on this thread and in the worker (a change to one file re-parses only that file). */
  get parseMisses(): number {
    return (this.parsedHere?.misses ?? 0) + this.workerMisses;
  }

  onDidChange(listener: (s: DoctorState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Milliseconds the last refresh spent on this thread: environment, diagnosis (with a worker: decoding its result), listeners. */
  lastTimings: { environment: number; diagnose: number; listeners: number } = {
    environment: 0,
    diagnose: 0,
    listeners: 0,
  };
  /** Milliseconds of each of the last 1,000 synchronous slices of the refreshes (a dozen or more each), oldest first (`npm run bench:extension`). */
  readonly refreshBlocks: number[] = [];

  /** A diagnosis' input now (what new terminals get, the clock, the settings), for a request of another thread. */
  input(): DiagnosisInput {
    return this.request().input;
  }

  private request(): { env: EnvSnapshot; settings: DoctorSettings; input: DiagnosisInput } {
    const env = this.sources.environment();
    const settings = this.sources.settings();
    // The same threshold as the status bar's colour, so that Problems and the status bar agree on "expiring".
    const expiryWarningMs = settings.expiryWarningMinutes * 60_000;
    return {
      env,
      settings,
      input: {
        env: engineEnvironment(env),
        now: this.sources.now(),
        fallbackHomeDir: this.sources.homeDir,
        expiryWarningMs,
        toolVersions: this.sources.toolVersions?.(),
        platform: hostPlatform(),
        cwd: this.sources.workingDirectory?.(),
      },
    };
  }

  private diagnoseHere(input: DiagnosisInput): Diagnosis {
    this.diagnosedHere++;
    return this.sources.engine().diagnose({ ...input, fs: this.sources.fs }, this.parsed);
  }

  /**
   * Diagnoses again, here and now, and tells the listeners: a block of the extension host as long as
   * the diagnosis (the commands await refreshInBackground instead; their answer is as current).
   */
  refresh(): DoctorState {
    this.generation++;
    this.newest = undefined;
    const t0 = performance.now();
    const { env, settings, input } = this.request();
    const t1 = performance.now();
    const diagnosis = this.diagnoseHere(input);
    const engine = this.sources.engine();
    const report = engine.buildReport(diagnosis);
    const state = this.stateOf(
      env,
      settings,
      input.now,
      this.profileStatuses ? engine.withProfileStatuses(report, diagnosis) : report,
      diagnosis.redactor,
      () => diagnosis,
      (p) => diagnosis.cache.text(p),
      watchedPathsOf(diagnosis),
    );
    return this.publish(state, t0, t1 - t0, performance.now() - t1);
  }

  /**
   * Diagnoses again off the extension host's thread (activation, file changes, timers): only reading
   * the environment and publishing the result run here, in short slices a turn of the event loop
   * apart (the environment; decoding the result, a chunk of profiles at a time; taking it; each listener). The latest refresh wins: a result that
   * another refresh overtook is dropped, also between two listeners. Without a worker (tests with
   * in-memory files), diagnoses here.
   */
  refreshInBackground(): Promise<DoctorState> {
    const run = this.background();
    this.running = run;
    if (this.sources.offThread) this.newest = run;
    void run
      .finally(() => {
        if (this.running === run) this.running = undefined;
      })
      .catch(() => undefined);
    return run;
  }

  private async background(): Promise<DoctorState> {
    const offThread = this.sources.offThread;
    if (!offThread) return this.refresh();
    const generation = ++this.generation;
    const t0 = performance.now();
    const { env, settings, input } = this.request();
    const environment = performance.now() - t0;
    this.recordBlock(environment);
    let encoded: EncodedSummary;
    try {
      encoded = (await offThread(input, undefined, { statuses: this.profileStatuses })).summary;
    } catch {
      // The worker failed: diagnose here rather than not at all.
      return generation === this.generation ? this.refresh() : this.overtaken();
    }
    if (generation !== this.generation) return this.overtaken();
    // Slices of their own: decoding the result (summaryCodec.ts), taking it (the redactor, the state); then each listener.
    const summary = await this.decode(encoded, () => generation === this.generation);
    if (!summary) return this.overtaken();
    await turn();
    if (generation !== this.generation) return this.overtaken();
    const t1 = performance.now();
    const redactor = new Redactor();
    for (const v of summary.secrets) redactor.add(v);
    let diagnosis: Diagnosis | undefined;
    const state = this.stateOf(
      env,
      settings,
      input.now,
      summary.report,
      redactor,
      () => (diagnosis ??= this.diagnoseHere(input)),
      (p) => summary.texts[p],
      summary.watched,
    );
    let taking = performance.now() - t1;
    this.current = state;
    this.recordBlock(taking);
    taking += summary.decoding;
    let listeners = 0;
    for (const l of [...this.listeners]) {
      // A turn of the event loop before each listener: the extension host serves others in between.
      await turn();
      if (generation !== this.generation) return this.overtaken();
      if (!this.listeners.has(l)) continue;
      const t = performance.now();
      l(state);
      const ms = performance.now() - t;
      listeners += ms;
      this.recordBlock(ms);
    }
    this.lastTimings = { environment, diagnose: taking, listeners };
    return state;
  }

  /**
   * Diagnoses another environment (a terminal's, in its directory when known) with the same files,
   * clock, settings and tool versions: in the worker when there is one, else here. Publishes nothing.
   */
  async diagnoseEnvironment(env: Readonly<Record<string, string>>, cwd?: string): Promise<DiagnosisView> {
    const { input } = this.request();
    return (await this.diagnoseElsewhere({ ...input, env, cwd: cwd ?? input.cwd })).view;
  }

  /**
   * Explains an AWS error against a fresh diagnosis (of `env`, a terminal's, or of what new
   * terminals get; with the profile a command line chose, `--profile`): in the worker when there is
   * one, else here. Publishes nothing.
   */
  async explain(
    text: string,
    env?: Readonly<Record<string, string>>,
    cwd?: string,
    explicitProfile?: string,
  ): Promise<{ explanation: Explanation; view: DiagnosisView }> {
    const { input } = this.request();
    const { view, explanation } = await this.diagnoseElsewhere(
      {
        ...input,
        ...(env ? { env } : {}),
        cwd: cwd ?? input.cwd,
        ...(explicitProfile !== undefined ? { explicitProfile } : {}),
      },
      text,
    );
    return { view, explanation: explanation! };
  }

  private async diagnoseElsewhere(
    input: DiagnosisInput,
    explain?: string,
  ): Promise<{ view: DiagnosisView; explanation?: Explanation }> {
    if (this.sources.offThread) {
      try {
        const answer = await this.sources.offThread(input, explain);
        if (explain !== undefined && !answer.explanation) throw new Error('the worker did not explain the error');
        const summary = (await this.decode(answer.summary, () => true))!;
        const redactor = new Redactor();
        for (const v of summary.secrets) redactor.add(v);
        return {
          view: { report: this.localized(summary.report), redactor, textOf: (p) => summary.texts[p] },
          explanation: answer.explanation,
        };
      } catch {
        // The worker failed: diagnose here rather than not at all.
      }
    }
    const engine = this.sources.engine();
    const diagnosis = this.diagnoseHere(input);
    const view = {
      report: this.localized(engine.buildReport(diagnosis)),
      redactor: diagnosis.redactor,
      textOf: (p: string) => diagnosis.cache.text(p),
    };
    return { view, explanation: explain === undefined ? undefined : engine.explainError(explain, diagnosis) };
  }

  /**
   * Decodes a worker's summary a slice at a time, a turn of the event loop apart; undefined once
   * `wanted` says the result is no longer wanted. `decoding`: the slices' milliseconds in all.
   */
  private async decode(
    encoded: EncodedSummary,
    wanted: () => boolean,
  ): Promise<(DiagnosisSummary & { decoding: number }) | undefined> {
    const steps = decodeSummary(encoded);
    let decoding = 0;
    for (;;) {
      const t = performance.now();
      const step = steps.next();
      const ms = performance.now() - t;
      decoding += ms;
      this.recordBlock(ms);
      if (step.done) {
        this.workerMisses = step.value.parseMisses;
        return { ...step.value, decoding };
      }
      await turn();
      if (!wanted()) return undefined;
    }
  }

  /** What an overtaken refresh resolves with: the state of the refresh that overtook it. */
  private overtaken(): Promise<DoctorState> | DoctorState {
    return this.newest ?? this.current!;
  }

  /** Resolves once no refresh in the background is under way (for the tests and the benchmark). */
  async whenIdle(): Promise<void> {
    for (let r = this.running; r; r = this.running)
      await r.then(
        () => undefined,
        () => undefined,
      );
  }

  /** A report as the extension shows it: in the display language when a bundle is loaded. */
  private localized(report: Report): Report {
    return this.sources.l10n ? localizeReport(report, this.sources.l10n) : report;
  }

  private stateOf(
    env: EnvSnapshot,
    settings: DoctorSettings,
    at: number,
    diagnosed: Report,
    redactor: Redactor,
    diagnosis: () => Diagnosis,
    textOf: (path: string) => string | undefined,
    watched: readonly WatchedPath[],
  ): DoctorState {
    let report = diagnosed;
    // A live check belongs to the profile it ran for; its findings stay until the profile changes.
    if (this.live && this.live.profile !== report.profile.name) this.live = undefined;
    if (this.live) report = withLiveCheck(report, this.live.outcome, redactor);
    const state = {
      report: this.localized(report),
      env,
      settings,
      at,
      live: this.live?.identity,
      redactor,
      textOf,
      watched,
    } as DoctorState;
    // Not enumerable: copying the state ({ ...state }) must not make the full diagnosis here.
    return Object.defineProperty(state, 'diagnosis', { get: diagnosis, enumerable: false });
  }

  private publish(state: DoctorState, t0: number, environment: number, diagnose: number): DoctorState {
    this.current = state;
    const t2 = performance.now();
    for (const l of [...this.listeners]) l(state);
    const t3 = performance.now();
    this.lastTimings = { environment, diagnose, listeners: t3 - t2 };
    // A refresh here is one synchronous block of the shared extension host (in the background, one per slice): the benchmark reports the longest.
    this.recordBlock(t3 - t0);
    return state;
  }

  private recordBlock(ms: number): void {
    if (this.refreshBlocks.push(ms) > 1000) this.refreshBlocks.shift();
  }

  /** Records a live check's outcome (its findings count in the report's summary), then refreshes. */
  setLive(identity: LiveIdentity, outcome: LiveCheckOutcome, profile: string): Promise<DoctorState> {
    this.live = { identity, outcome, profile };
    return this.refreshInBackground();
  }
}

/** Lets the event loop serve others (other extensions' events, I/O) before going on. */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
