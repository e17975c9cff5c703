/**
 * The extension's side of dist/diagnoseWorker.js: one worker, started on the first request,
 * unreferenced (it never keeps the extension host alive), ended on dispose.
 */
import { Worker } from 'worker_threads';
import type { ProfileLiveCheck } from '../engine/findings/profiles';
import type { DiagnosisInput } from './diagnosisSummary';
import type {
  CheckEvent,
  CheckPlanAnswer,
  RunChecksAnswer,
  RunChecksOptions,
  WorkerAnswer,
  WorkerReply,
  WorkerRequest,
} from './diagnoseWorker';

/** Live checks per message of a results table. */
const TABLE_CHUNK = 250;

type Pending = { resolve(a: unknown): void; reject(e: Error): void; events?(e: readonly CheckEvent[]): void };
/** A request without its id (each request's is assigned on sending). */
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export class DiagnosisThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private nextTable = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly script: string) {}

  /** The summary as bytes (the Doctor decodes it in a slice it times: summaryCodec.ts), and the explanation of `explain`; with `statuses`, every profile's state. */
  diagnose(input: DiagnosisInput, explain?: string, options: { statuses?: boolean } = {}): Promise<WorkerAnswer> {
    return this.call({
      kind: 'diagnose',
      input,
      ...(explain === undefined ? {} : { explain }),
      ...(options.statuses ? { statuses: true } : {}),
    }) as Promise<WorkerAnswer>;
  }

  /** Plans the live check of `profiles` against a fresh diagnosis (kept in the worker until run): what it would execute. */
  planChecks(input: DiagnosisInput, profiles: readonly string[]): Promise<CheckPlanAnswer> {
    return this.call({ kind: 'planChecks', input, profiles }) as Promise<CheckPlanAnswer>;
  }

  /** Runs a plan; `onEvents` sees the profiles start and end, a batch at a time; `signal` cancels it (the child and what it started are killed). */
  runChecks(
    plan: number,
    options: RunChecksOptions,
    onEvents: (e: readonly CheckEvent[]) => void,
    signal?: AbortSignal,
  ): Promise<RunChecksAnswer> {
    const id = this.nextId; // the id call() gives the request below
    const run = this.call({ kind: 'runChecks', plan, options }, onEvents) as Promise<RunChecksAnswer>;
    const cancel = () => void this.call({ kind: 'cancel', run: id }).catch(() => undefined);
    if (signal?.aborted) cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
    return run.finally(() => signal?.removeEventListener('abort', cancel));
  }

  /**
   * The Markdown table (redacted) of these profiles' live checks, against a fresh diagnosis. The
   * checks go over in chunks, one a turn: copying 3,500 of them in one message blocked the
   * extension host 20–30 ms.
   */
  async profileTable(input: DiagnosisInput, checks: ReadonlyMap<string, ProfileLiveCheck>): Promise<string> {
    const table = this.nextTable++;
    const all = [...checks];
    for (let i = 0; i < all.length; i += TABLE_CHUNK)
      await this.call({ kind: 'tableChecks', table, checks: all.slice(i, i + TABLE_CHUNK) });
    return this.call({ kind: 'table', table, input }) as Promise<string>;
  }

  private call(request: Request, events?: (e: readonly CheckEvent[]) => void): Promise<unknown> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, events });
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  private start(): Worker {
    const w = new Worker(this.script);
    w.unref();
    w.on('message', (m: WorkerReply) => {
      const p = this.pending.get(m.id);
      if ('events' in m) return p?.events?.(m.events);
      this.pending.delete(m.id);
      if ('error' in m) p?.reject(new Error(m.error));
      else p?.resolve(m.answer);
    });
    // A worker that failed or exited: the requests fail (the Doctor diagnoses on its own thread), the next starts another.
    const fail = (e: Error) => {
      if (this.worker === w) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the diagnosis worker exited (${code})`)));
    return w;
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }
}
