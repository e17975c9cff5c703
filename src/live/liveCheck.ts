/**
 * The live identity check of the profile in use, run from the command line or the extension host:
 * plans it from the diagnosis (plan.ts), forks the child process that runs the AWS SDK (child.ts,
 * bundled as dist/live.js; liveChild.ts) with that plan's environment, exchanges one request and
 * one outcome with it over IPC, and classifies the outcome (classify.ts). This process's own environment is never read
 * for the check and never changed; the SDK's memory and any credential_process live and die with
 * the child.
 *
 * The deadline (default 5 s) starts when the child has loaded the SDK and taken the request; at
 * the deadline, or when the caller cancels, the child's whole process group is killed.
 */
import type { Diagnosis } from '../engine/findings/diagnosis';
import type { CheckContext, LiveProcessOptions } from './liveChild';
import { LiveChild, checkIn } from './liveChild';
import type { LivePlan } from './plan';
import { planLiveCheck } from './plan';
import type { LiveRequest } from './protocol';
import { DEFAULT_TIMEOUT_MS, timeoutProblem } from './timeout';
import type { LiveCheckOptions, LiveCheckResult } from './types';

/** More than any STS answer (GetCallerIdentity's is under 1 KB, an error under 2 KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

export async function runLiveCheck(
  options: LiveCheckOptions,
  d: Diagnosis,
  processOptions: LiveProcessOptions = {},
): Promise<LiveCheckResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const problem = timeoutProblem(timeoutMs);
  if (problem) throw new RangeError(problem);
  const now = options.now ?? Date.now;
  const started = performance.now();
  const plan = planLiveCheck(d, options, { electron: !!process.versions.electron });
  const ctx = checkContext(d, plan, options, timeoutMs);
  const request = checkRequest(1, options.profile, plan, options, timeoutMs);
  const child = LiveChild.fork(plan.env, plan.cwd, processOptions);
  try {
    return await checkIn(child, request, ctx, { now, signal: options.signal, started });
  } finally {
    child.kill();
  }
}

/** What the classification knows of a check before it runs. */
export function checkContext(
  d: Diagnosis,
  plan: LivePlan,
  options: Pick<LiveCheckOptions, 'endpointUrl' | 'allowImds'>,
  timeoutMs: number,
): CheckContext {
  return {
    d,
    profile: plan.profile,
    region: plan.region,
    regionFrom: plan.regionFrom,
    timeoutMs,
    allowImds: !!options.allowImds,
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    withheld: plan.withheld,
    maxBodyBytes: MAX_BODY_BYTES,
  };
}

/** The request for one check: `profile` undefined lets the SDK select it from the environment. */
export function checkRequest(
  id: number,
  profile: string | undefined,
  plan: LivePlan,
  options: Pick<LiveCheckOptions, 'endpointUrl' | 'allowImds'>,
  timeoutMs: number,
): LiveRequest {
  return {
    type: 'check',
    id,
    ...(profile !== undefined ? { profile } : {}),
    region: plan.region,
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    allowImds: !!options.allowImds,
    maxBodyBytes: MAX_BODY_BYTES,
    timeoutMs,
  };
}
