/**
 * The engine as the extension host's own thread runs it: only where an answer must be made there
 * (the live check, the full diagnosis asked of a state, the fallback when the worker fails, tests
 * without a worker, the Markdown report). A bundle of its own, dist/hostEngine.js, loaded on first use (lazyBundles.ts):
 * activation and the diagnoses in the worker never load it.
 */
import { ParsedFiles } from '../engine/files/awsFiles';
import { diagnose } from '../engine/diagnose';
import { explainError } from '../engine/explain/explainError';
import { withProfileStatuses } from '../engine/output/profileStatus';
import { buildReport } from '../engine/output/report';
import { formatMarkdown } from '../engine/output/markdown';
import { runLiveCheck } from '../live/liveCheck';
import { planLiveCheck } from '../live/plan';

export const hostEngine = {
  diagnose,
  buildReport,
  withProfileStatuses,
  ParsedFiles,
  explainError,
  formatMarkdown,
  runLiveCheck,
  planLiveCheck,
};
export type HostEngine = typeof hostEngine;
