/** The live check's time bound: a default, and the range a caller may ask for. */

export const DEFAULT_TIMEOUT_MS = 5000;
/** Below this not even a loopback STS answers; above it a hung check is indistinguishable from a broken one. */
export const MIN_TIMEOUT_MS = 100;
export const MAX_TIMEOUT_MS = 120_000;

/**
 * Why a timeout cannot be used (for `--timeout`, which is in seconds), or undefined when it can.
 * Node's timers take at most 2^31-1 ms and turn anything larger, Infinity or NaN into 1 ms.
 */
export function timeoutProblem(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  if (Number.isFinite(ms) && ms >= MIN_TIMEOUT_MS && ms <= MAX_TIMEOUT_MS) return undefined;
  return `--timeout takes ${MIN_TIMEOUT_MS / 1000} to ${MAX_TIMEOUT_MS / 1000} seconds (got ${ms / 1000})`;
}
