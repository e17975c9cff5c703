/**
 * The extension's state: the last diagnosis of what new terminals see, its report, the environment
 * snapshot and the last live check. Pure (no vscode import): the sources are injected, and
 * listeners are plain functions.
 */
import type { Diagnosis } from '../engine/diagnosis';
import { diagnose } from '../engine/diagnose';
import { ParsedFiles } from '../engine/awsFiles';
import type { FileSystemHost } from '../engine/host';
import type { Report } from '../engine/report';
import { buildReport } from '../engine/report';
import { hostPlatform } from '../nodeHost/platform';
import type { DoctorSettings } from './settings';
import type { EnvSnapshot } from './presentation/environment';
import { engineEnvironment } from './presentation/environment';
import type { LiveIdentity } from './presentation/statusBarModel';
import type { LiveCheckOutcome } from '../engine/liveReport';
import { withLiveCheck } from '../engine/liveReport';
import type { ToolVersions } from '../engine/toolVersions';

export interface DoctorSources {
  readonly fs: FileSystemHost;
  environment(): EnvSnapshot;
  settings(): DoctorSettings;
  now(): number;
  readonly homeDir: string;
  /** The installed tools' versions, once known (detected off the hot path); undefined: the newest behaviour. */
  toolVersions?(): ToolVersions | undefined;
}

export interface DoctorState {
  readonly diagnosis: Diagnosis;
  readonly report: Report;
  readonly env: EnvSnapshot;
  readonly settings: DoctorSettings;
  readonly at: number;
  readonly live?: LiveIdentity;
}

export class Doctor {
  private current: DoctorState | undefined;
  private live: { identity: LiveIdentity; outcome: LiveCheckOutcome; profile: string } | undefined;
  private readonly listeners = new Set<(s: DoctorState) => void>();
  /** The AWS files parsed so far: a change to one file re-parses only that file. */
  readonly parsed = new ParsedFiles();

  constructor(private readonly sources: DoctorSources) {}

  /** The state; diagnosed on first use. */
  get state(): DoctorState {
    return this.current ?? this.refresh();
  }

  onDidChange(listener: (s: DoctorState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Diagnoses again from the sources and tells the listeners. Synchronous: the AWS files are small. */
  /** Milliseconds the last refresh spent: environment, diagnosis, listeners. */
  lastTimings: { environment: number; diagnose: number; listeners: number } = { environment: 0, diagnose: 0, listeners: 0 };
  /** Milliseconds of each of the last 100 refreshes, oldest first (`npm run bench:extension`). */
  readonly refreshBlocks: number[] = [];

  refresh(): DoctorState {
    const t0 = performance.now();
    const env = this.sources.environment();
    const t1 = performance.now();
    const settings = this.sources.settings();
    const now = this.sources.now();
    // The same threshold as the status bar's colour, so that Problems and the status bar agree on "expiring".
    const expiryWarningMs = settings.expiryWarningMinutes * 60_000;
    const diagnosis = diagnose({ env: engineEnvironment(env), fs: this.sources.fs, now, fallbackHomeDir: this.sources.homeDir, expiryWarningMs, toolVersions: this.sources.toolVersions?.(), platform: hostPlatform() }, this.parsed);
    let report = buildReport(diagnosis);
    // A live check belongs to the profile it ran for; its findings stay until the profile changes.
    if (this.live && this.live.profile !== report.profile.name) this.live = undefined;
    if (this.live) report = withLiveCheck(report, this.live.outcome, diagnosis.redactor);
    this.current = { diagnosis, report, env, settings, at: now, live: this.live?.identity };
    const t2 = performance.now();
    for (const l of [...this.listeners]) l(this.current);
    const t3 = performance.now();
    this.lastTimings = { environment: t1 - t0, diagnose: t2 - t1, listeners: t3 - t2 };
    // Each refresh is one synchronous block of the shared extension host: the benchmark reports the longest.
    if (this.refreshBlocks.push(t3 - t0) > 100) this.refreshBlocks.shift();
    return this.current;
  }

  /** Records a live check's outcome (its findings count in the report's summary), then refreshes. */
  setLive(identity: LiveIdentity, outcome: LiveCheckOutcome, profile: string): DoctorState {
    this.live = { identity, outcome, profile };
    return this.refresh();
  }
}
