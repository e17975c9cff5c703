/**
 * `npm run bench`: the figures of issue 11, each a ratio of two things measured side by side in one
 * run (interleaved runs, medians), against its target. A report, not a timed test.
 *  1. Whole process, cold (a fresh process each run, no code cache): `node dist/cli.js diagnose
 *     --json` on a home with 2,000 config profiles and 2,000 credentials sections against a node
 *     script running the SDK's loadSharedConfigFiles({ ignoreCache: true }) (≤ 1.5×); on a typical
 *     home (examples/home) against `node -e 0` (≤ 1.3×); and what the code cache adds. The same
 *     comparison also in instructions on the main thread (valgrind, when installed): wall times
 *     on a shared 2-core machine move with the other processes, instruction counts do not.
 *  2. In-process: the full diagnosis against the SDK's parse of the same two files (≤ 1.5×).
 *  3. Growth: 200 / 2,000 / 20,000 profiles, in-process; 20,000 ≤ 10× 2,000.
 *  4. Peak RSS of the whole process on the 2,000-profile home against the SDK loader's (≤ 1.3×).
 *  5. The extension host's longest synchronous block caused by the extension on the 2,000-profile
 *     home, during activation and after a file change, in real code-server (extensionBench.ts; ≤ 20 ms).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { diagnose } from '../../src/engine/diagnose';
import { buildReport } from '../../src/engine/report';
import { nodeFileSystem } from '../../src/nodeHost/fileSystem';
import { writeHome } from './largeHome';
import { largeHomeBlocks, printLargeHomeBlocks } from './extensionBench';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeAsync(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** A fresh process: its wall time, and its peak RSS (KB) as the child itself reports it at exit (a preloaded script). */
function runProcess(args: string[], env: NodeJS.ProcessEnv, rssProbe: string): { ms: number; rssKb: number } {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', rssProbe, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.error) throw r.error;
  const m = /ACD_MAXRSS (\d+)/.exec(r.stderr.toString());
  if (!m) throw new Error(`no RSS reported by ${args.join(' ')}: ${r.stderr.toString().slice(0, 500)}`);
  return { ms, rssKb: Number(m[1]) };
}

/**
 * Instructions executed on the main thread by a fresh process of the CLI on the 2,000-profile home, of
 * the SDK's loader and of `node -e 0` (valgrind's callgrind, one file per thread: the compiler's and
 * the collector's helper threads run beside the main one and are left out), or undefined without valgrind.
 */
function mainThreadInstructions(root: string, env: NodeJS.ProcessEnv): [string, number][] | undefined {
  if (spawnSync('valgrind', ['--version']).status !== 0) return undefined;
  const runs: [string, string[]][] = [
    ['node dist/cli.js diagnose --json', [CLI, 'diagnose', '--json']],
    ['node sdk.js (loadSharedConfigFiles)', [path.join(root, 'sdk.js')]],
    ['node -e 0', ['-e', '0']],
  ];
  return runs.map(([label, args], i) => {
    const out = path.join(root, `callgrind-${i}`);
    spawnSync('valgrind', ['--tool=callgrind', '--separate-threads=yes', `--callgrind-out-file=${out}`, process.execPath, ...args], { env: { ...env, AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1' }, stdio: 'ignore' });
    const main = fs.readdirSync(root).filter((f) => f.startsWith(`callgrind-${i}-`)).sort()[0];
    const m = /^summary: (\d+)/m.exec(fs.readFileSync(path.join(root, main), 'utf8'));
    if (!m) throw new Error(`no instruction count from valgrind for ${label}`);
    return [label, Number(m[1])];
  });
}

const verdict = (ratio: number, target: number) => `${ratio.toFixed(2)}x   (target <= ${target}x: ${ratio <= target ? 'met' : 'MISSED'})`;

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-bench-'));
  try {
    await run(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function run(root: string): Promise<void> {
  const home = writeHome(root, 2000);
  // The CLI keeps its V8 code cache and the tool versions under XDG_CACHE_HOME: a temporary one.
  const cacheHome = path.join(root, 'cache');
  const rssProbe = path.join(root, 'rss.js');
  fs.writeFileSync(rssProbe, "process.on('exit', () => require('fs').writeSync(2, `ACD_MAXRSS ${process.resourceUsage().maxRSS}\\n`));\n");
  const sdkScript = path.join(root, 'sdk.js');
  fs.writeFileSync(sdkScript, `require(${JSON.stringify(require.resolve('@smithy/shared-ini-file-loader'))}).loadSharedConfigFiles({ ignoreCache: true });\n`);
  const env = { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_EC2_METADATA_DISABLED: 'true', XDG_CACHE_HOME: cacheHome };
  const sizeOf = (h: string) => `${(fs.statSync(path.join(h, '.aws', 'config')).size / 1024).toFixed(0)} KB config, ${(fs.statSync(path.join(h, '.aws', 'credentials')).size / 1024).toFixed(0)} KB credentials`;

  // 1 and 4: whole processes, interleaved.
  const typical = path.join(ROOT, 'examples', 'home');
  const RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 15);
  const cold = { ...env, AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1' };
  const p: Record<string, { ms: number; rssKb: number }[]> = { cli: [], sdk: [], cached: [], small: [], smallCached: [], node: [] };
  runProcess([CLI, 'diagnose', '--json'], env, rssProbe); // writes the code cache
  runProcess([CLI, 'diagnose', '--json'], { ...env, HOME: typical }, rssProbe);
  for (let i = 0; i < RUNS; i++) {
    p.cli.push(runProcess([CLI, 'diagnose', '--json'], cold, rssProbe));
    p.sdk.push(runProcess([sdkScript], env, rssProbe));
    p.cached.push(runProcess([CLI, 'diagnose', '--json'], env, rssProbe));
    p.small.push(runProcess([CLI, 'diagnose', '--json'], { ...cold, HOME: typical }, rssProbe));
    p.node.push(runProcess(['-e', '0'], { ...env, HOME: typical }, rssProbe));
    p.smallCached.push(runProcess([CLI, 'diagnose', '--json'], { ...env, HOME: typical }, rssProbe));
  }
  const ms = (k: string) => median(p[k].map((x) => x.ms));
  const rss = (k: string) => median(p[k].map((x) => x.rssKb));
  console.log(`1. Whole process, cold: a fresh process each run, no code cache (median of ${RUNS} interleaved runs)`);
  console.log(`   2,000-profile home (${sizeOf(home)})`);
  console.log(`     node dist/cli.js diagnose --json          ${ms('cli').toFixed(1)} ms`);
  console.log(`     node sdk.js (loadSharedConfigFiles)       ${ms('sdk').toFixed(1)} ms`);
  console.log(`     ratio cli/sdk                             ${verdict(ms('cli') / ms('sdk'), 1.5)}`);
  console.log(`     with the code cache                       ${ms('cached').toFixed(1)} ms (${verdict(ms('cached') / ms('sdk'), 1.5)})`);
  console.log(`   typical home (examples/home: ${sizeOf(typical)})`);
  console.log(`     node dist/cli.js diagnose --json          ${ms('small').toFixed(1)} ms`);
  console.log(`     node -e 0                                 ${ms('node').toFixed(1)} ms`);
  console.log(`     ratio cli/node                            ${verdict(ms('small') / ms('node'), 1.3)}`);
  console.log(`     with the code cache                       ${ms('smallCached').toFixed(1)} ms (${verdict(ms('smallCached') / ms('node'), 1.3)})`);

  // 1b: the same comparison in instructions, which other processes on the machine do not disturb.
  const instructions = mainThreadInstructions(root, env);
  if (instructions) {
    console.log('   instructions on the main thread (valgrind, cold, fresh process; not disturbed by a busy machine)');
    for (const [label, m] of instructions) console.log(`     ${label.padEnd(40)} ${(m / 1e6).toFixed(0)} M`);
    const [cli, sdk, node] = instructions.map(([, m]) => m);
    console.log(`     ratio cli/sdk                             ${verdict(cli / sdk, 1.5)}   (above node -e 0: ${((cli - node) / (sdk - node)).toFixed(2)}x)`);
  } else console.log('   (instructions: valgrind not found)');

  // 2: in-process, interleaved.
  const inputOf = (h: string) => ({ env: { ...env, HOME: h }, fs: nodeFileSystem, now: Date.now(), fallbackHomeDir: h });
  const files = (h: string) => ({ filepath: path.join(h, '.aws', 'credentials'), configFilepath: path.join(h, '.aws', 'config') });
  const engine = (h: string) => () => buildReport(diagnose(inputOf(h)));
  const sdk = (h: string) => () => loadSharedConfigFiles({ ...files(h), ignoreCache: true });
  for (let i = 0; i < 10; i++) {
    engine(home)();
    await sdk(home)();
  }
  const e: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < 60; i++) {
    e.push(await timeAsync(engine(home)));
    s.push(await timeAsync(sdk(home)));
  }
  const report = engine(home)();
  console.log(`\n2. In-process, warm (2,000-profile home: ${report.findings.length} findings, ${report.profiles.length} profiles listed; median of ${e.length} interleaved runs)`);
  console.log(`     engine full diagnosis                     ${median(e).toFixed(2)} ms`);
  console.log(`     loadSharedConfigFiles                     ${median(s).toFixed(2)} ms`);
  console.log(`     ratio engine/sdk-parse                    ${verdict(median(e) / median(s), 1.5)}`);

  // 3: growth.
  console.log('\n3. Growth, in-process (median; the SDK parse of the same files beside it)');
  const growth: Record<number, number> = {};
  for (const n of [200, 2000, 20000]) {
    const h = n === 2000 ? home : writeHome(root, n);
    const runs = n === 20000 ? 7 : 30;
    engine(h)();
    const en: number[] = [];
    const sn: number[] = [];
    for (let i = 0; i < runs; i++) {
      en.push(await timeAsync(engine(h)));
      sn.push(await timeAsync(sdk(h)));
    }
    growth[n] = median(en);
    console.log(`     ${String(n).padStart(6)} profiles   engine ${median(en).toFixed(1).padStart(7)} ms   sdk ${median(sn).toFixed(1).padStart(7)} ms`);
  }
  console.log(`     20,000 / 2,000                            ${verdict(growth[20000] / growth[2000], 10)}`);

  console.log('\n4. Peak RSS of the whole process, 2,000-profile home (median of the runs of 1.)');
  console.log(`     node dist/cli.js diagnose --json (cold)   ${(rss('cli') / 1024).toFixed(1)} MB`);
  console.log(`     node sdk.js                               ${(rss('sdk') / 1024).toFixed(1)} MB`);
  console.log(`     node -e 0                                 ${(rss('node') / 1024).toFixed(1)} MB`);
  console.log(`     ratio cli/sdk                             ${verdict(rss('cli') / rss('sdk'), 1.3)}`);

  console.log('');
  if (process.env.BENCH_EXTENSION === '0') console.log('5. Extension host: skipped (BENCH_EXTENSION=0); npm run bench:extension');
  else printLargeHomeBlocks(await largeHomeBlocks());
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
