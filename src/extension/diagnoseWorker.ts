/**
 * The diagnosis off the extension host's thread (dist/diagnoseWorker.js, a worker_threads Worker):
 * the extension host is shared by every extension, and a home with thousands of profiles takes
 * tens to hundreds of milliseconds to diagnose. Keeps its own parsed files across requests.
 *
 * It also runs what needs a whole diagnosis of such a home: every profile's state (the Profiles
 * view), the live check of many profiles (planned here, run in the one child process of
 * src/live/liveBatch.ts, each profile's outcome sent back as it comes), and their results table.
 */
import { parentPort } from 'worker_threads';
import { ParsedFiles } from '../engine/files/awsFiles';
import { diagnose } from '../engine/diagnose';
import type { Diagnosis } from '../engine/findings/diagnosis';
import { explainError } from '../engine/explain/explainError';
import type { Explanation } from '../engine/explain/types';
import { withProfileChecks } from '../engine/output/liveReport';
import type { ProfileLiveCheck } from '../engine/findings/profiles';
import { withProfileStatuses } from '../engine/output/profileStatus';
import { formatProfileTableMarkdown } from '../engine/output/profileTable';
import { buildReport } from '../engine/output/report';
import type { LiveBatchOptions, PlannedCheck } from '../live/liveBatch';
import { credentialProcessesOf, planLiveChecks, runLiveChecks } from '../live/liveBatch';
import { nodeFileSystem } from '../nodeHost/fileSystem';
import type { DiagnosisInput } from './diagnosisSummary';
import { summarizeDiagnosis } from './diagnosisSummary';
import type { EncodedSummary } from './summaryCodec';
import { encodeSummary } from './summaryCodec';

/** What a check of many profiles may be told: the limits; whether credential_process profiles run (the user said). */
export type RunChecksOptions = Pick<
  LiveBatchOptions,
  'allowCredentialProcess' | 'concurrency' | 'ratePerSecond' | 'timeoutMs'
>;

export type WorkerRequest =
  /** A diagnosis (with every profile's state when `statuses`), and with `explain`, an AWS error's explanation against it. */
  | {
      readonly kind: 'diagnose';
      readonly id: number;
      readonly input: DiagnosisInput;
      readonly explain?: string;
      readonly statuses?: boolean;
    }
  /** Plans the live check of these profiles against a fresh diagnosis: what it would run. */
  | {
      readonly kind: 'planChecks';
      readonly id: number;
      readonly input: DiagnosisInput;
      readonly profiles: readonly string[];
    }
  /** Runs a plan; its profiles' outcomes come as events. */
  | { readonly kind: 'runChecks'; readonly id: number; readonly plan: number; readonly options: RunChecksOptions }
  /** Cancels the run whose request had the id `run`. */
  | { readonly kind: 'cancel'; readonly id: number; readonly run: number }
  /** Some of the live checks of the results table `table` (sent in chunks: one message of thousands costs the extension host tens of milliseconds to copy). */
  | {
      readonly kind: 'tableChecks';
      readonly id: number;
      readonly table: number;
      readonly checks: readonly (readonly [string, ProfileLiveCheck])[];
    }
  /** The results table `table` (Markdown, redacted) of the live checks sent for it. */
  | { readonly kind: 'table'; readonly id: number; readonly table: number; readonly input: DiagnosisInput };

export interface WorkerAnswer {
  readonly summary: EncodedSummary;
  readonly explanation?: Explanation;
}
export interface CheckPlanAnswer {
  readonly plan: number;
  /** The profiles whose check would run a credential_process, and what each runs (redacted). */
  readonly credentialProcesses: readonly {
    readonly profile: string;
    readonly runs: readonly { readonly profile: string; readonly command: string }[];
  }[];
}
export interface RunChecksAnswer {
  readonly cancelled: boolean;
  readonly stopped?: string;
  readonly processes: number;
}
/** A profile's check was sent to the child, or came to an outcome. */
export type CheckEvent =
  { readonly profile: string; readonly started: true } | { readonly profile: string; readonly check: ProfileLiveCheck };

export type WorkerReply =
  | { readonly id: number; readonly answer: unknown }
  | { readonly id: number; readonly events: readonly CheckEvent[] }
  | { readonly id: number; readonly error: string };

/**
 * A run's events are sent in batches, at most EVENTS_PER_BATCH every BATCH_MS: profiles that fail
 * before any request end by the hundred a second, and a message each would cost the extension host
 * a turn each (the port delivers its queue in one go).
 */
const EVENTS_PER_BATCH = 100;
const BATCH_MS = 100;

const parsed = new ParsedFiles();
/** Plans waiting for the user's answer (the newest few). */
const plans = new Map<number, { d: Diagnosis; planned: PlannedCheck[] }>();
const runs = new Map<number, AbortController>();
/** The live checks of the results tables being sent (the newest few). */
const tables = new Map<number, Map<string, ProfileLiveCheck>>();

const diagnoseHere = (input: DiagnosisInput) => diagnose({ ...input, fs: nodeFileSystem }, parsed);

async function answer(m: WorkerRequest): Promise<unknown> {
  switch (m.kind) {
    case 'diagnose': {
      const d = diagnoseHere(m.input);
      const explanation = m.explain === undefined ? undefined : explainError(m.explain, d);
      return {
        summary: encodeSummary(summarizeDiagnosis(d, parsed.misses, m.statuses)),
        ...(explanation ? { explanation } : {}),
      } satisfies WorkerAnswer;
    }
    case 'planChecks': {
      const d = diagnoseHere(m.input);
      const planned = planLiveChecks(d, m.profiles, {});
      plans.set(m.id, { d, planned });
      for (const old of plans.keys()) if (plans.size > 3) plans.delete(old);
      return { plan: m.id, credentialProcesses: credentialProcessesOf(planned) } satisfies CheckPlanAnswer;
    }
    case 'runChecks': {
      const plan = plans.get(m.plan);
      if (!plan) throw new Error('the plan of this check is gone');
      plans.delete(m.plan);
      const abort = new AbortController();
      runs.set(m.id, abort);
      let batch: CheckEvent[] = [];
      let timer: NodeJS.Timeout | undefined;
      const flush = () => {
        clearTimeout(timer);
        timer = undefined;
        if (batch.length) parentPort!.postMessage({ id: m.id, events: batch } satisfies WorkerReply);
        batch = [];
      };
      const event = (e: CheckEvent) => {
        if (batch.push(e) >= EVENTS_PER_BATCH) flush();
        else timer ??= setTimeout(flush, BATCH_MS);
      };
      try {
        const r = await runLiveChecks(
          plan.d,
          {
            ...m.options,
            profiles: plan.planned.map((p) => p.profile),
            signal: abort.signal,
            onStart: (profile) => event({ profile, started: true }),
            onResult: (profile, check) => event({ profile, check }),
          },
          {},
          plan.planned,
        );
        return {
          cancelled: r.cancelled,
          ...(r.stopped !== undefined ? { stopped: r.stopped } : {}),
          processes: r.processes,
        } satisfies RunChecksAnswer;
      } finally {
        flush();
        runs.delete(m.id);
      }
    }
    case 'cancel':
      runs.get(m.run)?.abort();
      return undefined;
    case 'tableChecks': {
      const checks = tables.get(m.table) ?? tables.set(m.table, new Map()).get(m.table)!;
      for (const [profile, check] of m.checks) checks.set(profile, check);
      for (const old of tables.keys()) if (tables.size > 3) tables.delete(old);
      return undefined;
    }
    case 'table': {
      const d = diagnoseHere(m.input);
      const checks = tables.get(m.table) ?? new Map<string, ProfileLiveCheck>();
      tables.delete(m.table);
      const report = withProfileChecks(withProfileStatuses(buildReport(d), d), checks);
      return formatProfileTableMarkdown({ ...report, profiles: report.profiles.filter((p) => checks.has(p.name)) });
    }
  }
}

parentPort?.on('message', (m: WorkerRequest) => {
  // Each request answered on its own (a running check must not hold the diagnoses up).
  void answer(m).then(
    (a) => parentPort!.postMessage({ id: m.id, answer: a } satisfies WorkerReply),
    (e: unknown) =>
      parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply),
  );
});
