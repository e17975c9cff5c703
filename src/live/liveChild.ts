/**
 * The parent's side of the live check's child process (dist/live.js): forked with the plan's
 * environment as its whole environment, in a process group of its own, its messages routed to the
 * check they are about; and one check in it, from request to classified outcome (deadline,
 * cancellation, a child that dies). A check of one profile (liveCheck.ts) and of many
 * (liveBatch.ts) run the same way.
 */
import type { ChildProcess } from 'node:child_process';
import type * as ChildProcesses from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LiveContext, LiveEnding } from './classify';
import { classifyLiveCheck } from './classify';
import type { ChildMessage, LiveRequest, Stage } from './protocol';
import type { LiveCheckResult } from './types';

/** How long the child may take to start and load the SDK (or, busy with other checks, to take a request), apart from the check's own deadline. */
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

/** dist/live.js when this code is bundled (dist/cli-main.js, dist/extension.js, dist/diagnoseWorker.js), else child.js beside this file. */
export function defaultChildPath(): string {
  const bundled = path.join(__dirname, 'live.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'child.js');
}

export class LiveChild {
  private readonly routes = new Map<number, (m: ChildMessage) => void>();
  private readonly exits = new Set<(detail: string) => void>();
  private stderr = '';
  /** Why the child is gone (its exit, or a failure to run), once it is. */
  gone: string | undefined;

  private constructor(
    private readonly child: ChildProcess | undefined,
    onStderr: ((s: string) => void) | undefined,
  ) {
    child?.stderr?.setEncoding('utf8').on('data', (s: string) => {
      this.stderr = (this.stderr + s).slice(-STDERR_KEPT);
      onStderr?.(s);
    });
    child?.on('message', (m: ChildMessage) => this.routes.get(m.id)?.(m));
    child?.on('error', (e) => this.end(e.message));
    // 'close', not 'exit': it comes after the last message and the last of standard error.
    child?.on('close', (code, signal) =>
      this.end(`exit ${signal ?? code}${this.stderr.trim() ? `: ${this.stderr.trim()}` : ''}`),
    );
  }

  /** Forks the child with `env` as its whole environment, in `cwd` (one that cannot start is gone at once, saying why). */
  static fork(
    env: Readonly<Record<string, string>>,
    cwd: string | undefined,
    options: LiveProcessOptions = {},
  ): LiveChild {
    let child: ChildProcess;
    try {
      // Loaded here: a diagnosis without --live starts no process (and loading child_process costs a cold start ~5 ms).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      child = (require('node:child_process') as typeof ChildProcesses).fork(
        options.childPath ?? defaultChildPath(),
        [],
        {
          env,
          cwd,
          execArgv: [...(options.execArgv ?? [])],
          // Its own process group: killing the group also ends a credential_process it started.
          detached: process.platform !== 'win32',
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
          serialization: 'json',
        },
      );
    } catch (e) {
      const failed = new LiveChild(undefined, undefined);
      failed.end(e instanceof Error ? e.message : String(e));
      return failed;
    }
    return new LiveChild(child, options.onStderr);
  }

  private end(detail: string): void {
    if (this.gone !== undefined) return;
    this.gone = detail;
    for (const e of [...this.exits]) e(detail);
  }

  /** Sends a check; `onMessage` gets its messages until the returned function is called. */
  send(request: LiveRequest, onMessage: (m: ChildMessage) => void): () => void {
    this.routes.set(request.id, onMessage);
    try {
      this.child?.send(request);
    } catch (e) {
      this.end(e instanceof Error ? e.message : String(e));
    }
    return () => this.routes.delete(request.id);
  }

  /** Calls `listener` once the child is gone (at once if it already is); the returned function stops listening. */
  onGone(listener: (detail: string) => void): () => void {
    if (this.gone !== undefined) {
      listener(this.gone);
      return () => undefined;
    }
    this.exits.add(listener);
    return () => this.exits.delete(listener);
  }

  /** Ends the child and everything it started (its process group; on Windows the child alone). */
  kill(): void {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    try {
      if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
}

/** What a check is known by before it runs: its context for classification, less what the child tells along the way. */
export type CheckContext = Omit<LiveContext, 'endpoint' | 'keyId' | 'expiration'>;

/**
 * Runs one check in `child` and classifies its outcome. The deadline (`ctx.timeoutMs`) starts when
 * the child has taken the request; at the deadline, on `signal`, or when the child dies, the check
 * ends without its answer (the caller decides what happens to the child).
 */
export function checkIn(
  child: LiveChild,
  request: LiveRequest,
  ctx: CheckContext,
  o: { now: () => number; signal?: AbortSignal; started?: number },
): Promise<LiveCheckResult> {
  const started = o.started ?? performance.now();
  const known: { stage: Stage; endpoint?: string; keyId?: string; expiration?: string } = { stage: 'credentials' };
  const finish = (ending: LiveEnding, maxRssBytes?: number): LiveCheckResult => ({
    ...classifyLiveCheck(
      ending,
      {
        ...ctx,
        ...(known.endpoint ? { endpoint: known.endpoint } : {}),
        ...(known.keyId ? { keyId: known.keyId } : {}),
        ...(known.expiration ? { expiration: known.expiration } : {}),
      },
      o.now(),
    ),
    durationMs: Math.round(performance.now() - started),
    ...(maxRssBytes !== undefined ? { maxRssBytes } : {}),
  });
  if (o.signal?.aborted) return Promise.resolve(finish({ kind: 'cancelled', stage: 'credentials' }));
  return new Promise<LiveCheckResult>((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let unroute = () => undefined as unknown;
    let unwatch = () => undefined as unknown;
    const settle = (ending: LiveEnding, maxRssBytes?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      unroute();
      unwatch();
      resolve(finish(ending, maxRssBytes));
    };
    const onAbort = () => settle({ kind: 'cancelled', stage: known.stage });
    o.signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(
      () =>
        settle({
          kind: 'crashed',
          stage: 'credentials',
          detail: `it did not start within ${START_TIMEOUT_MS / 1000} s`,
        }),
      START_TIMEOUT_MS,
    );
    unroute = child.send(request, (m) => {
      if (m.type === 'started') {
        clearTimeout(timer);
        timer = setTimeout(() => settle({ kind: 'timeout', stage: known.stage }), ctx.timeoutMs);
      } else if (m.type === 'credentials') {
        known.stage = 'call';
        known.keyId = m.keyId;
        if (m.expiration) known.expiration = m.expiration;
      } else if (m.type === 'endpoint') known.endpoint = m.url;
      else if (m.type === 'done') settle({ kind: 'answered', outcome: m.outcome }, m.outcome.maxRssBytes);
    });
    unwatch = child.onGone((detail) => settle({ kind: 'crashed', stage: known.stage, detail }));
  });
}
