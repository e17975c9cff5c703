/**
 * The live identity check: resolves credentials with the real AWS SDK for JavaScript v3 chain and
 * calls STS GetCallerIdentity. Bundled separately (dist/live.js) and loaded only when a live check
 * runs, so the SDK never weighs on start-up.
 *
 * STUB: the interface is fixed; the implementation is being written.
 */
import { Diagnosis } from '../engine/diagnose';
import { Finding } from '../engine/findings';

export interface LiveCheckOptions {
  /** The profile to check (explicit); otherwise the SDK's own selection from the environment. */
  readonly profile?: string;
  /** Whole-check timeout, default 5000 ms. */
  readonly timeoutMs?: number;
  /** STS endpoint override (also read from AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL by the SDK). */
  readonly endpointUrl?: string;
  /** Region for STS when none is configured. */
  readonly region?: string;
  /** Allow the chain to query EC2 instance metadata (off by default). */
  readonly allowImds?: boolean;
  /** Aborts the check (the extension's cancellation). */
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
  /** The error the SDK or STS returned, redacted. */
  readonly error?: { readonly name: string; readonly message: string; readonly httpStatus?: number };
  /** LIVE_* / IDENTITY_CONFIRMED / CLOCK_SKEW findings, redacted. */
  readonly findings: readonly Finding[];
}

export async function runLiveCheck(options: LiveCheckOptions, diagnosis: Diagnosis): Promise<LiveCheckResult> {
  void options;
  void diagnosis;
  throw new Error('The live check is not implemented yet.');
}
