/**
 * The bounds of a check of many profiles (`--live --all-profiles`, Check All Profiles): how many run
 * at once in the one child process, and how many start per second. Pure, for the command line's
 * usage errors and the extension's settings alike.
 */

export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 16;
/** Checks started per second: those the engine predicts will contact AWS (STS, the SSO portal). */
export const DEFAULT_RATE_PER_SECOND = 10;
export const MIN_RATE_PER_SECOND = 0.1;
export const MAX_RATE_PER_SECOND = 100;

/** Why a concurrency cannot be used (`--concurrency`), or undefined when it can. */
export function concurrencyProblem(n: number | undefined): string | undefined {
  if (n === undefined || (Number.isInteger(n) && n >= 1 && n <= MAX_CONCURRENCY)) return undefined;
  return `--concurrency takes a whole number from 1 to ${MAX_CONCURRENCY} (got ${n})`;
}

/** Why a rate cannot be used (`--rate`, checks per second), or undefined when it can. */
export function rateProblem(n: number | undefined): string | undefined {
  if (n === undefined || (Number.isFinite(n) && n >= MIN_RATE_PER_SECOND && n <= MAX_RATE_PER_SECOND)) return undefined;
  return `--rate takes ${MIN_RATE_PER_SECOND} to ${MAX_RATE_PER_SECOND} checks per second (got ${n})`;
}
