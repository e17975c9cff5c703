/** The live check as its callers (the command line, the extension) see it. */
import type { LiveCheckOutcome } from '../engine/output/liveReport';

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

/** The outcome the report merges (engine/liveReport.ts), with what only the live check's callers read. */
export interface LiveCheckResult extends LiveCheckOutcome {
  readonly userId?: string;
  /** The child process's peak resident set size in bytes, when it answered. */
  readonly maxRssBytes?: number;
}
