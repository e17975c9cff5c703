/**
 * The diagnosis off the extension host's thread (dist/diagnoseWorker.js, a worker_threads Worker):
 * the extension host is shared by every extension, and a home with thousands of profiles takes
 * tens to hundreds of milliseconds to diagnose. Keeps its own parsed files across requests.
 */
import { parentPort } from 'worker_threads';
import { ParsedFiles } from '../engine/awsFiles';
import { diagnose } from '../engine/diagnose';
import { nodeFileSystem } from '../nodeHost/fileSystem';
import type { DiagnosisInput } from './diagnosisSummary';
import { summarizeDiagnosis } from './diagnosisSummary';
import type { EncodedSummary } from './summaryCodec';
import { encodeSummary } from './summaryCodec';

export interface WorkerRequest { readonly id: number; readonly input: DiagnosisInput }
export type WorkerReply = { readonly id: number; readonly summary: EncodedSummary } | { readonly id: number; readonly error: string };

const parsed = new ParsedFiles();

parentPort?.on('message', (m: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: m.id, summary: encodeSummary(summarizeDiagnosis(diagnose({ ...m.input, fs: nodeFileSystem }, parsed), parsed.misses)) };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
