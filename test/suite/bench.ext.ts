/**
 * The benchmark's extension-host part: prints the activation figures measured by the extension
 * itself and, when ACD_BENCH_CHANGE names a file, the blocks of the extension host's event loop
 * caused by the re-diagnosis after appending a section to it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { api, waitForState } from './helpers';

describe('activation figures', () => {
  it('prints them', async function () {
    this.timeout(120_000);
    const a = await api();
    // The tools' versions are detected after activation and diagnosed again: part of activating.
    await new Promise((r) => setTimeout(r, Number(process.env.ACD_BENCH_SETTLE_MS ?? 0)));
    const activationBlocks = [...a.doctor.refreshBlocks];
    const figures: Record<string, unknown> = { shown: a.activationMs, ...a.activationPhases, activationBlocks, parsedAtActivation: a.doctor.parseMisses, bundleLoad: bundleLoadMs() };
    const file = process.env.ACD_BENCH_CHANGE;
    if (file) {
      const changes: { blocks: number[]; parsed: number; timings: unknown }[] = [];
      for (let i = 0; i < Number(process.env.ACD_BENCH_CHANGES ?? 5); i++) {
        const before = a.doctor.refreshBlocks.length;
        const misses = a.doctor.parseMisses;
        const state = a.doctor.last!;
        fs.appendFileSync(file, `\n[bench-change-${i}]\nregion = eu-west-1\n`);
        await waitForState(a, () => a.doctor.last! !== state, `re-diagnosis ${i}`, 30_000);
        await a.whenIdle();
        changes.push({ blocks: a.doctor.refreshBlocks.slice(before), parsed: a.doctor.parseMisses - misses, timings: a.doctor.lastTimings });
      }
      figures.changes = changes;
    }
    console.log(`ACD_BENCH ${JSON.stringify(figures)}`);
  });
});

/**
 * The block the extension host spends loading dist/extension.js before activate runs (compiling it
 * and running its top level), measured on a copy with a different text so that no code cache of
 * the loaded one applies.
 */
function bundleLoadMs(): number {
  const bundle = path.join(__dirname, '..', '..', '..', 'dist', 'extension.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-bundle-'));
  try {
    const copy = path.join(dir, 'extension.js');
    fs.writeFileSync(copy, `${fs.readFileSync(bundle, 'utf8')}\n// ${process.hrtime.bigint()}\n`);
    const t0 = performance.now();
    require(copy); // eslint-disable-line @typescript-eslint/no-require-imports -- measured on purpose
    return performance.now() - t0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
