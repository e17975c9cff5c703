/**
 * The live identity check, run from the command line or the extension host: plans it from the
 * diagnosis (plan.ts), forks the child process that runs the AWS SDK (child.ts, bundled as
 * dist/live.js) with that plan's environment, exchanges one request and one outcome with it over
 * IPC, and classifies the outcome (classify.ts). This process's own environment is never read
 * for the check and never changed; the SDK's memory and any credential_process live and die with
 * the child.
 *
 * The deadline (default 5 s) starts when the child has loaded the SDK and taken the request; at
 * the deadline, or when the caller cancels, the child's whole process group is killed.
 */
import type { ChildProcess } from 'node:child_process';
import type * as ChildProcesses from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnosis } from '../engine/diagnosis';
import type { LiveContext, LiveEnding } from './classify';
import { classifyLiveCheck } from './classify';
import { planLiveCheck } from './plan';
import type { ChildMessage, LiveRequest, Stage } from './protocol';
import { DEFAULT_TIMEOUT_MS, timeoutProblem } from './timeout';
import type { LiveCheckOptions, LiveCheckResult } from './types';

/** More than any STS answer (GetCallerIdentity's is under 1 KB, an error under 2 KB). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** How long the child may take to start and load the SDK, apart from the check's own deadline. */
const START_TIMEOUT_MS = 20_000;
/** What is kept of the child's standard error, for the message when it dies without an answer. */
const STDERR_KEPT = 2000;

export interface LiveProcessOptions {
  /** The child's script: dist/live.js (default: next to this bundle, else the compiled child.js). */
  readonly childPath?: string;
  /** Node options for the child (tests add the loopback guard); never the parent's own. */
  readonly execArgv?: readonly string[];
  /** Sees the child's standard error as it comes (tests: the loopback guard's refusals). */
  readonly onStderr?: (text: string) => void;
}

/** dist/live.js when this code is bundled (dist/cli-main.js, dist/extension.js), else child.js beside this file. */
export function defaultChildPath(): string {
  const bundled = path.join(__dirname, 'live.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'child.js');
}

export async function runLiveCheck(options: LiveCheckOptions, d: Diagnosis, processOptions: LiveProcessOptions = {}): Promise<LiveCheckResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const problem = timeoutProblem(timeoutMs);
  if (problem) throw new RangeError(problem);
  const now = options.now ?? Date.now;
  const started = performance.now();
  const plan = planLiveCheck(d, options, { electron: !!process.versions.electron });
  const known: { stage: Stage; endpoint?: string; keyId?: string; expiration?: string } = { stage: 'credentials' };
  const ctx = (): LiveContext => ({
    d,
    profile: plan.profile,
    region: plan.region,
    regionFrom: plan.regionFrom,
    timeoutMs,
    allowImds: !!options.allowImds,
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    withheld: plan.withheld,
    maxBodyBytes: MAX_BODY_BYTES,
    ...(known.endpoint ? { endpoint: known.endpoint } : {}),
    ...(known.keyId ? { keyId: known.keyId } : {}),
    ...(known.expiration ? { expiration: known.expiration } : {}),
  });
  const finish = (ending: LiveEnding, maxRssBytes?: number): LiveCheckResult => ({
    ...classifyLiveCheck(ending, ctx(), now()),
    durationMs: Math.round(performance.now() - started),
    ...(maxRssBytes !== undefined ? { maxRssBytes } : {}),
  });
  if (options.signal?.aborted) return finish({ kind: 'cancelled', stage: 'credentials' });

  const request: LiveRequest = {
    type: 'check',
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    region: plan.region,
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    allowImds: !!options.allowImds,
    maxBodyBytes: MAX_BODY_BYTES,
    timeoutMs,
  };
  return new Promise<LiveCheckResult>((resolve) => {
    let child: ChildProcess;
    let settled = false;
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const settle = (ending: LiveEnding, maxRssBytes?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      killGroup(child);
      resolve(finish(ending, maxRssBytes));
    };
    const onAbort = () => settle({ kind: 'cancelled', stage: known.stage });
    try {
      // Loaded here: a diagnosis without --live starts no process (and loading child_process costs a cold start ~5 ms).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      child = (require('node:child_process') as typeof ChildProcesses).fork(processOptions.childPath ?? defaultChildPath(), [], {
        env: plan.env,
        cwd: plan.cwd,
        execArgv: [...(processOptions.execArgv ?? [])],
        // Its own process group: killing the group also ends a credential_process it started.
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'json',
      });
    } catch (e) {
      resolve(finish({ kind: 'crashed', stage: 'credentials', detail: e instanceof Error ? e.message : String(e) }));
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => settle({ kind: 'crashed', stage: 'credentials', detail: `it did not start within ${START_TIMEOUT_MS / 1000} s` }), START_TIMEOUT_MS);
    child.stderr?.setEncoding('utf8').on('data', (s: string) => {
      stderr = (stderr + s).slice(-STDERR_KEPT);
      processOptions.onStderr?.(s);
    });
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'started') {
        clearTimeout(timer);
        timer = setTimeout(() => settle({ kind: 'timeout', stage: known.stage }), timeoutMs);
      } else if (m.type === 'credentials') {
        known.stage = 'call';
        known.keyId = m.keyId;
        if (m.expiration) known.expiration = m.expiration;
      } else if (m.type === 'endpoint') known.endpoint = m.url;
      else if (m.type === 'done') settle({ kind: 'answered', outcome: m.outcome }, m.outcome.maxRssBytes);
    });
    child.on('error', (e) => settle({ kind: 'crashed', stage: known.stage, detail: e.message }));
    // 'close', not 'exit': it comes after the last message and the last of standard error.
    child.on('close', (code, signal) => {
      settle({ kind: 'crashed', stage: known.stage, detail: `exit ${signal ?? code}${stderr.trim() ? `: ${stderr.trim()}` : ''}` });
    });
    child.send(request);
  });
}

/** Ends the child and everything it started (its process group; on Windows the child alone). */
function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
