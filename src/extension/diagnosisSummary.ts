/**
 * What the extension keeps of a diagnosis made on another thread: plain data that crosses a
 * worker's message port (the full Diagnosis holds classes and parsed files). Pure: no vscode.
 */
import type { Diagnosis } from '../engine/findings/diagnosis';
import type { EngineInput } from '../engine/core/host';
import type { Report } from '../engine/output/report';
import { withProfileStatuses } from '../engine/output/profileStatus';
import { buildReport } from '../engine/output/report';
import type { WatchedPath } from './watchedPaths';
import { watchedPathsOf } from './watchedPaths';

/** A diagnosis request: the engine's input without its host (the worker reads the real disk). */
export type DiagnosisInput = Omit<EngineInput, 'fs'>;

export interface DiagnosisSummary {
  readonly report: Report;
  /** The redactor's values (a new Redactor given them masks the same). */
  readonly secrets: readonly string[];
  readonly watched: readonly WatchedPath[];
  /** The texts, as diagnosed, of the files the findings point into (for their lines in Problems and the status bar). */
  readonly texts: Readonly<Record<string, string>>;
  /** Files parsed so far by the side that diagnosed (the worker keeps its parses across requests). */
  readonly parseMisses: number;
}

/** `statuses`: with every profile's state (the Profiles view is open), which costs about another diagnosis. */
export function summarizeDiagnosis(d: Diagnosis, parseMisses: number, statuses = false): DiagnosisSummary {
  const texts: Record<string, string> = {};
  const keep = (p: string | null) => {
    if (p === null || p in texts) return;
    const t = d.cache.text(p);
    if (t !== undefined) texts[p] = t;
  };
  for (const f of d.findings) {
    keep(f.file);
    for (const r of f.related) keep(r.path);
  }
  const report = buildReport(d);
  return {
    report: statuses ? withProfileStatuses(report, d) : report,
    secrets: d.redactor.values(),
    watched: watchedPathsOf(d),
    texts,
    parseMisses,
  };
}
