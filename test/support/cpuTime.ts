/**
 * Processor time for the ratio tests: the time this process spends, not the wall clock, so that a
 * loaded machine (another suite, a benchmark beside it) does not make a linear cost look quadratic.
 */

/** Milliseconds of processor time `run` takes, the best of `times` (noise only ever adds time). */
export function bestCpuMs(run: () => void, times = 3): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const t0 = process.cpuUsage();
    run();
    const t = process.cpuUsage(t0);
    best = Math.min(best, (t.user + t.system) / 1000);
  }
  return best;
}
