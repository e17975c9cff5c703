/**
 * The diagnosis off the extension host's thread (dist/diagnoseWorker.js, a worker_threads Worker):
 * the extension host is shared by every extension, and a home with thousands of profiles takes
 * tens to hundreds of milliseconds to diagnose. Keeps its own parsed files across requests.
 */
import { parentPort } from 'worker_threads';
import { ParsedFiles } from '../engine/awsFiles';
import { diagnose } from '../engine/diagnose';
import { explainError } from '../engine/explain/explainError';
import type { Explanation } from '../engine/explain/types';
import { nodeFileSystem } from '../nodeHost/fileSystem';
import type { DiagnosisInput } from './diagnosisSummary';
import { summarizeDiagnosis } from './diagnosisSummary';
import type { EncodedSummary } from './summaryCodec';
import { encodeSummary } from './summaryCodec';

/** A diagnosis, and with `explain`, an AWS error's explanation against it (Explain Error, a terminal's error). */
export interface WorkerRequest { readonly id: number; readonly input: DiagnosisInput; readonly explain?: string }
export interface WorkerAnswer { readonly summary: EncodedSummary; readonly explanation?: Explanation }
export type WorkerReply = { readonly id: number; readonly answer: WorkerAnswer } | { readonly id: number; readonly error: string };

const parsed = new ParsedFiles();

parentPort?.on('message', (m: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const d = diagnose({ ...m.input, fs: nodeFileSystem }, parsed);
    const explanation = m.explain === undefined ? undefined : explainError(m.explain, d);
    reply = { id: m.id, answer: { summary: encodeSummary(summarizeDiagnosis(d, parsed.misses)), ...(explanation ? { explanation } : {}) } };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
