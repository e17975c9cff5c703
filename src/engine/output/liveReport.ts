/**
 * A report with a live check's outcome in it: the one merge the command line and the extension
 * share, so that `summary` (and the exit code, and Run Diagnostics' counts) include live findings.
 */
import type { Finding } from '../findings/findings';
import type { ProfileLiveCheck } from '../findings/profiles';
import type { Redactor } from '../secrets/redact';
import { redactFinding } from '../findings/redactFinding';
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
  const check = profileLiveCheck(live, 0, redactor);
  const findings = [...report.findings, ...check.findings];
  return {
    ...report,
    live: {
      ok: check.ok,
      account: check.account,
      arn: check.arn,
      clockSkewMs: live.clockSkewMs,
      durationMs: check.durationMs,
      error: check.error,
    },
    findings,
    summary: summarize(findings),
  };
}

/** One profile's live check as the report keeps it (`profiles[].live`), redacted. `at`: when it ended. */
export function profileLiveCheck(live: LiveCheckOutcome, at: number, redactor: Redactor): ProfileLiveCheck {
  const r = (s: string | undefined) => (s === undefined ? null : redactor.redact(s));
  return {
    ok: live.ok,
    account: r(live.account),
    arn: r(live.arn),
    error: live.error
      ? { ...live.error, name: redactor.redact(live.error.name), message: redactor.redact(live.error.message) }
      : null,
    findings: live.findings.map((f) => redactFinding(f, redactor)),
    durationMs: live.durationMs,
    at: new Date(at).toISOString(),
  };
}

/** A profile that was not checked, and why. */
export function skippedCheck(reason: string, at: number, redactor: Redactor): ProfileLiveCheck {
  return {
    ok: false,
    account: null,
    arn: null,
    error: null,
    findings: [],
    durationMs: 0,
    at: new Date(at).toISOString(),
    skipped: redactor.redact(reason),
  };
}

/** The report with each checked profile's live check in `profiles[].live`. */
export function withProfileChecks(report: Report, checks: ReadonlyMap<string, ProfileLiveCheck>): Report {
  return {
    ...report,
    profiles: report.profiles.map((p) => (checks.has(p.name) ? { ...p, live: checks.get(p.name)! } : p)),
  };
}
