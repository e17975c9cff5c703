/**
 * The live identity check of many profiles at once (`diagnose --live --all-profiles`, the
 * extension's Check All Profiles): each profile as if chosen explicitly, planned and classified
 * against its own resolution (profileDiagnosis), all checked in ONE child process (the same
 * dist/live.js), a bounded number at a time, their starts spaced to a rate, each with its own
 * deadline.
 *
 *  - Profiles whose check would run a credential_process are skipped unless the caller allows them
 *    (the extension asks the user first; the command line says which on standard error first).
 *  - The rate counts the checks the engine predicts will contact AWS (those that fail locally, an
 *    SSO profile never signed in, a role without a source, run without waiting). A throttled check
 *    (Throttling, TooManyRequestsException, …) halves the rate and is tried again, twice at most.
 *  - So many checks in a row that cannot reach AWS (timeouts, network errors) stop the run: the
 *    rest are reported as not checked, with the reason, rather than each waiting for its deadline.
 *  - A child that dies is started again (three times at most); cancelling kills it and everything
 *    it started. The checks that did not finish are not reported.
 */
import { setMaxListeners } from 'node:events';
import type { Diagnosis } from '../engine/findings/diagnosis';
import { FindingCode } from '../engine/findings/findings';
import { profileLiveCheck, skippedCheck } from '../engine/output/liveReport';
import type { ProfileLiveCheck } from '../engine/findings/profiles';
import { profileDiagnosis } from '../engine/output/profileStatus';
import { checkContext, checkRequest } from './liveCheck';
import type { LiveProcessOptions } from './liveChild';
import { LiveChild, checkIn } from './liveChild';
import { DEFAULT_CONCURRENCY, DEFAULT_RATE_PER_SECOND, concurrencyProblem, rateProblem } from './limits';
import { Pacer } from './pacer';
import type { LivePlan } from './plan';
import { planLiveCheck } from './plan';
import { DEFAULT_TIMEOUT_MS, timeoutProblem } from './timeout';
import type { LiveCheckResult } from './types';

export interface LiveBatchOptions {
  readonly profiles: readonly string[];
  /** Each profile's deadline (default 5 s; 0.1 to 120 s). */
  readonly timeoutMs?: number;
  /** Checks running at once in the child (default 4, 1 to 16). */
  readonly concurrency?: number;
  /** Checks that contact AWS started per second (default 10, 0.1 to 100). */
  readonly ratePerSecond?: number;
  readonly endpointUrl?: string;
  readonly allowImds?: boolean;
  /** Check the profiles whose check runs a credential_process (off: they are reported as not checked). */
  readonly allowCredentialProcess: boolean;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  /** A profile's check is sent to the child (again, when AWS throttled it). */
  readonly onStart?: (profile: string) => void;
  /** Each profile's outcome as it comes (checked, or not checked and why). */
  readonly onResult?: (profile: string, check: ProfileLiveCheck) => void;
}

export interface LiveBatchResult {
  /** Every profile reported: checked, or not checked and why (not those a cancellation left unfinished). */
  readonly checks: ReadonlyMap<string, ProfileLiveCheck>;
  readonly cancelled: boolean;
  /** Why the run stopped before the end, when it did. */
  readonly stopped?: string;
  /** Child processes started (1, or more when one died). */
  readonly processes: number;
}

/** One profile's check, planned against its own resolution. */
export interface PlannedCheck {
  readonly profile: string;
  readonly diagnosis: Diagnosis;
  readonly plan: LivePlan;
  /** The JavaScript SDK resolves credentials for it (so the check will contact AWS): paced by the rate. */
  readonly contactsAws: boolean;
}

/** Every profile's plan: what each check will run (credential_process) and where it calls STS. */
export function planLiveChecks(
  d: Diagnosis,
  profiles: readonly string[],
  options: Pick<LiveBatchOptions, 'endpointUrl' | 'allowImds'>,
): PlannedCheck[] {
  const runtime = { electron: !!process.versions.electron };
  return profiles.map((profile) => {
    const diagnosis = profileDiagnosis(d, profile);
    const source = diagnosis.tools.node.source;
    return {
      profile,
      diagnosis,
      plan: planLiveCheck(
        diagnosis,
        { profile, endpointUrl: options.endpointUrl, allowImds: options.allowImds },
        runtime,
      ),
      contactsAws: source !== 'error' && source !== 'none',
    };
  });
}

/** The credential_process commands a run would execute, by profile checked (for the user's consent, or standard error). */
export function credentialProcessesOf(
  planned: readonly PlannedCheck[],
): { profile: string; runs: LivePlan['credentialProcesses'] }[] {
  return planned
    .filter((p) => p.plan.credentialProcesses.length)
    .map((p) => ({ profile: p.profile, runs: p.plan.credentialProcesses }));
}

/** AWS's throttling error codes (STS, the SSO portal, and the SDKs' own names for them). */
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
const RETRIES_WHEN_THROTTLED = 2;
const MAX_PROCESSES = 4;

export async function runLiveChecks(
  d: Diagnosis,
  options: LiveBatchOptions,
  processOptions: LiveProcessOptions = {},
  planned?: readonly PlannedCheck[],
): Promise<LiveBatchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const problem = timeoutProblem(timeoutMs) ?? concurrencyProblem(concurrency) ?? rateProblem(options.ratePerSecond);
  if (problem) throw new RangeError(problem);
  const now = options.now ?? Date.now;
  const signal = options.signal;
  // Every check in flight listens to it (and each worker's pause): more than Node's default ten.
  if (signal) setMaxListeners(2 * concurrency + 2, signal);
  const checks = new Map<string, ProfileLiveCheck>();
  const report = (profile: string, check: ProfileLiveCheck) => {
    checks.set(profile, check);
    options.onResult?.(profile, check);
  };

  const queue: { check: PlannedCheck; attempts: number }[] = [];
  for (const check of planned ?? planLiveChecks(d, options.profiles, options)) {
    const runs = check.plan.credentialProcesses;
    if (runs.length && !options.allowCredentialProcess)
      report(
        check.profile,
        skippedCheck(
          `not checked: it runs the credential_process of ${runs.map((r) => `profile "${r.profile}"`).join(', ')}, which was not allowed`,
          now(),
          d.redactor,
        ),
      );
    else queue.push({ check, attempts: 0 });
  }

  // Every plan has the diagnosis' environment and directory: the profile is chosen in each request.
  const env = queue[0]?.check.plan.env ?? {};
  const cwd = queue[0]?.check.plan.cwd;
  let child: LiveChild | undefined;
  let processes = 0;
  let stopped: string | undefined;
  let inARow = 0;
  const unreachableLimit = Math.max(5, 2 * concurrency);
  let nextId = 1;
  const pacer = new Pacer(options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND, () => performance.now());
  // Every check runs in the one child; one that died is replaced (every check in it ended as "crashed").
  const current = (): LiveChild | undefined => {
    if (child && child.gone === undefined) return child;
    if (processes >= MAX_PROCESSES) {
      stopped ??= `not checked: the live check's process ended ${processes} times (${child?.gone ?? 'unknown'})`;
      return undefined;
    }
    child?.kill();
    processes++;
    return (child = LiveChild.fork(env, cwd, processOptions));
  };

  const worker = async (): Promise<void> => {
    while (!signal?.aborted && stopped === undefined) {
      const item = queue.shift();
      if (!item) return;
      if (item.check.contactsAws) {
        const wait = pacer.reserve();
        if (wait > 0 && !(await sleep(wait, signal))) return;
      }
      const { check } = item;
      // Told when paced (the child may have to be started first: its start-up is the check's).
      options.onStart?.(check.profile);
      const c = current();
      if (!c) {
        queue.unshift(item);
        return;
      }
      const result = await checkIn(
        c,
        checkRequest(nextId++, check.profile, check.plan, options, timeoutMs),
        checkContext(check.diagnosis, check.plan, options, timeoutMs),
        { now, signal },
      );
      if (signal?.aborted) return;
      if (THROTTLED.has(result.error?.name ?? '') && item.attempts < RETRIES_WHEN_THROTTLED) {
        pacer.slowDown();
        queue.unshift({ check, attempts: item.attempts + 1 });
        continue;
      }
      if (unreachable(result)) {
        if (++inARow >= unreachableLimit)
          stopped ??= `not checked: ${inARow} checks in a row could not reach AWS (LIVE_NETWORK_ERROR); the run stopped`;
      } else inARow = 0;
      report(check.profile, profileLiveCheck(result, now(), d.redactor));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  } finally {
    child?.kill();
  }
  if (stopped !== undefined && !signal?.aborted)
    for (const { check } of queue) report(check.profile, skippedCheck(stopped, now(), d.redactor));
  return { checks, cancelled: !!signal?.aborted, ...(stopped !== undefined ? { stopped } : {}), processes };
}

function unreachable(r: LiveCheckResult): boolean {
  return r.findings.some((f) => f.code === FindingCode.LiveNetworkError);
}

/** Waits `ms`; false when `signal` aborted first. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
