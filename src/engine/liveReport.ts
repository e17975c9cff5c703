/**
 * A report with a live check's outcome in it: the one merge the command line and the extension
 * share, so that `summary` (and the exit code, and Run Diagnostics' counts) include live findings.
 */
import type { Finding } from './findings';
import type { Redactor } from './redact';
import { redactFinding } from './redactFinding';
import type { Report } from './report';
import { summarize } from './report';

/** What a live check returns, as far as the report is concerned (src/live's LiveCheckResult). */
export interface LiveCheckOutcome {
  readonly ok: boolean;
  readonly account?: string;
  readonly arn?: string;
  /** Local clock minus the server's Date header, in ms (positive: local clock ahead); null when unknown. */
  readonly clockSkewMs: number | null;
  readonly durationMs: number;
  /** The error the SDK or STS returned (or why the answer was not taken), redacted. */
  readonly error?: { readonly name: string; readonly message: string; readonly httpStatus?: number };
  /** LIVE_* / IDENTITY_CONFIRMED / CLOCK_SKEW findings, redacted. */
  readonly findings: readonly Finding[];
}

/** The live check's findings appended, its identity in `live`, the summary recounted; every text redacted. */
export function withLiveCheck(report: Report, live: LiveCheckOutcome, redactor: Redactor): Report {
  const findings = [...report.findings, ...live.findings.map((f) => redactFinding(f, redactor))];
  const r = (s: string | undefined) => (s === undefined ? null : redactor.redact(s));
  const error = live.error ? { ...live.error, name: redactor.redact(live.error.name), message: redactor.redact(live.error.message) } : null;
  return {
    ...report,
    live: { ok: live.ok, account: r(live.account), arn: r(live.arn), clockSkewMs: live.clockSkewMs, durationMs: live.durationMs, error },
    findings,
    summary: summarize(findings),
  };
}
