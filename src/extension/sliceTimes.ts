/** The synchronous slices of work a component does on the extension host's thread, timed (for the tests and the benchmark). */
export class SliceTimes {
  /** Milliseconds of each slice, the last 1,000. */
  readonly blocks: number[] = [];
  /** The longest of them, and what it was. */
  longest = { ms: 0, what: '' };

  /** Runs `f` as one slice named `what`. */
  time<T>(what: string, f: () => T): T {
    const t = performance.now();
    try {
      return f();
    } finally {
      const ms = performance.now() - t;
      if (this.blocks.push(ms) > 1000) this.blocks.shift();
      if (ms > this.longest.ms) this.longest = { ms, what };
    }
  }
}
