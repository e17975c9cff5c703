/**
 * Spaces the starts of a check of many profiles: at most `ratePerSecond` (the first at once), the
 * rate halved each time AWS throttles a check (down to the slowest allowed). Pure: the clock is
 * injected (monotonic milliseconds).
 */
import { MIN_RATE_PER_SECOND } from './limits';

export class Pacer {
  private last = -Infinity;
  private next = -Infinity;

  constructor(
    private ratePerSecond: number,
    private readonly now: () => number,
  ) {}

  /** Reserves the next start: the milliseconds to wait before it (0: now). */
  reserve(): number {
    const t = this.now();
    const at = Math.max(t, this.next);
    this.last = at;
    this.next = at + 1000 / this.ratePerSecond;
    return at - t;
  }

  /** AWS throttled a check: half the rate from now on, the next start spaced at the new rate from the last. */
  slowDown(): void {
    this.ratePerSecond = Math.max(MIN_RATE_PER_SECOND, this.ratePerSecond / 2);
    this.next = this.last + 1000 / this.ratePerSecond;
  }

  get rate(): number {
    return this.ratePerSecond;
  }
}
