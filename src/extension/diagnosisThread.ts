/**
 * The extension's side of dist/diagnoseWorker.js: one worker, started on the first request,
 * unreferenced (it never keeps the extension host alive), ended on dispose.
 */
import { Worker } from 'worker_threads';
import type { DiagnosisInput } from './diagnosisSummary';
import type { WorkerAnswer, WorkerReply, WorkerRequest } from './diagnoseWorker';

export class DiagnosisThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(a: WorkerAnswer): void; reject(e: Error): void }>();

  constructor(private readonly script: string) {}

  /** The summary as bytes (the Doctor decodes it in a slice it times: summaryCodec.ts), and the explanation of `explain`. */
  diagnose(input: DiagnosisInput, explain?: string): Promise<WorkerAnswer> {
    const worker = this.worker ??= this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, input, ...(explain === undefined ? {} : { explain }) } satisfies WorkerRequest);
    });
  }

  private start(): Worker {
    const w = new Worker(this.script);
    w.unref();
    w.on('message', (m: WorkerReply) => {
      const p = this.pending.get(m.id);
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
