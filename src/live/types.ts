/** The live check as its callers (the command line, the extension) see it. */
import type { Finding } from '../engine/findings';

export interface LiveCheckOptions {
  /** The profile to check (explicit); otherwise the SDK's own selection from the environment. */
  readonly profile?: string;
  /** Whole-check timeout, default 5000 ms, 100 ms to 120 s (timeout.ts). */
  readonly timeoutMs?: number;
  /** STS endpoint override for every STS call of the check (also read from AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL by the SDK). */
  readonly endpointUrl?: string;
  /** Region for STS when none is configured. */
  readonly region?: string;
  /** Allow the chain to query EC2 instance metadata and the container credential endpoint (off by default). */
  readonly allowImds?: boolean;
  /** Aborts the check (the extension's cancellation): the child process is killed. */
  readonly signal?: AbortSignal;
  /** The clock, for skew measurement. */
  readonly now?: () => number;
}

export interface LiveCheckResult {
  readonly ok: boolean;
  readonly account?: string;
  readonly arn?: string;
  readonly userId?: string;
  /** Local clock minus the server's Date header, in ms (positive: local clock ahead); null when unknown. */
  readonly clockSkewMs: number | null;
  readonly durationMs: number;
  /** The error the SDK or STS returned (or why the answer was not taken), redacted. */
  readonly error?: { readonly name: string; readonly message: string; readonly httpStatus?: number };
  /** LIVE_* / IDENTITY_CONFIRMED / CLOCK_SKEW findings, redacted. */
  readonly findings: readonly Finding[];
  /** The child process's peak resident set size in bytes, when it answered. */
  readonly maxRssBytes?: number;
}
