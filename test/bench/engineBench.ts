/**
 * `npm run bench`: the figures of issue 21, each a ratio of two things measured side by side in one
 * run (interleaved runs, medians), against its target, on two homes of 2,000 config profiles and
 * 2,000 credentials sections: a plain one and a realistic one (nested `s3 =` blocks, inline
 * comments, upper-case keys: largeHome.ts). A report, not a timed test.
 *  1. Whole process, cold (a fresh process each run, no code cache): `node dist/cli.js diagnose
 *     --json` against a node script running the SDK's loadSharedConfigFiles({ ignoreCache: true })
 *     on the same home (≤ 1.5×); on a typical home (examples/home) against `node -e 0` (≤ 1.3×); and
 *     what the code cache adds. The same comparisons also in instructions on the main thread
 *     (valgrind, when installed): wall times on a shared 2-core machine move with the other
 *     processes, instruction counts do not.
 *  2. In-process: the full diagnosis against the SDK's parse of the same two files (≤ 1.5×).
 *  3. Growth: our 20,000 / 2,000 ratio against the SDK's own 20,000 / 2,000 ratio (≤ 1.2×).
 *  4. Peak RSS of the whole process against the SDK loader's, alone in a node process (≤ 1.3×).
 *  5. The extension host's longest synchronous block caused by the extension on the 2,000-profile
 *     home, during activation and after a file change, in real code-server (extensionBench.ts; ≤ 20 ms).
 * BENCH_FIGURES=1,3 prints only those figures; BENCH_PROCESS_RUNS sets the runs of figures 1 and 4.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { diagnose } from '../../src/engine/diagnose';
import { buildReport } from '../../src/engine/output/report';
import { nodeFileSystem } from '../../src/nodeHost/fileSystem';
import type { HomeKind } from './largeHome';
import { writeHome } from './largeHome';
import { largeHomeBlocks, printLargeHomeBlocks } from './extensionBench';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const KINDS: readonly HomeKind[] = ['plain', 'realistic'];
const FIGURES = new Set((process.env.BENCH_FIGURES ?? '1,2,3,4,5').split(','));

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
 * Instructions executed on the main thread by a fresh process (valgrind's callgrind, one file per
 * thread: the compiler's and the collector's helper threads run beside the main one and are left
 * out). The environment is the bench's own, not the caller's: NODE_EXTRA_CA_CERTS alone adds
 * ≈ 400 M to every node process.
 */
function mainThreadInstructions(root: string, label: string, args: string[], env: NodeJS.ProcessEnv): number {
  const out = path.join(root, `callgrind-${label}`);
  spawnSync(
    'valgrind',
    ['--tool=callgrind', '--separate-threads=yes', `--callgrind-out-file=${out}`, process.execPath, ...args],
    { env: { ...env, AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1' }, stdio: 'ignore' },
  );
  const main = fs
    .readdirSync(root)
    .filter((f) => f.startsWith(`callgrind-${label}-`))
    .sort()[0];
  const m = main && /^summary: (\d+)/m.exec(fs.readFileSync(path.join(root, main), 'utf8'));
  if (!m) throw new Error(`no instruction count from valgrind for ${label}`);
  return Number(m[1]);
}

const verdict = (ratio: number, target: number) =>
  `${ratio.toFixed(2)}x   (target <= ${target}x: ${ratio <= target ? 'met' : 'MISSED'})`;
const row = (label: string, value: string) => console.log(`     ${label.padEnd(42)} ${value}`);

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-bench-'));
  try {
    await run(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function run(root: string): Promise<void> {
  const homes = Object.fromEntries(KINDS.map((k) => [k, writeHome(root, 2000, k)])) as Record<HomeKind, string>;
  // The CLI keeps its V8 code cache and the tool versions under XDG_CACHE_HOME: a temporary one.
  const cacheHome = path.join(root, 'cache');
  const rssProbe = path.join(root, 'rss.js');
  fs.writeFileSync(
    rssProbe,
    "process.on('exit', () => require('fs').writeSync(2, `ACD_MAXRSS ${process.resourceUsage().maxRSS}\\n`));\n",
  );
  const sdkScript = path.join(root, 'sdk.js');
  fs.writeFileSync(
    sdkScript,
    `require(${JSON.stringify(require.resolve('@smithy/shared-ini-file-loader'))}).loadSharedConfigFiles({ ignoreCache: true });\n`,
  );
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_EC2_METADATA_DISABLED: 'true',
    XDG_CACHE_HOME: cacheHome,
  };
  const at = (home: string) => ({ ...env, HOME: home });
  const cold = (home: string) => ({ ...at(home), AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1' });
  const sizeOf = (h: string) =>
    `${(fs.statSync(path.join(h, '.aws', 'config')).size / 1024).toFixed(0)} KB config, ${(fs.statSync(path.join(h, '.aws', 'credentials')).size / 1024).toFixed(0)} KB credentials`;
  const typical = path.join(ROOT, 'examples', 'home');

  // 1 and 4: whole processes, interleaved.
  const p: Record<string, { ms: number; rssKb: number }[]> = {};
  const sample = (key: string, args: string[], e: NodeJS.ProcessEnv) =>
    (p[key] ??= []).push(runProcess(args, e, rssProbe));
  const ms = (k: string) => median(p[k].map((x) => x.ms));
  const rss = (k: string) => median(p[k].map((x) => x.rssKb));
  const cli = [CLI, 'diagnose', '--json'];
  if (FIGURES.has('1') || FIGURES.has('4')) {
    const RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 15);
    for (const h of [...Object.values(homes), typical]) runProcess(cli, at(h), rssProbe); // writes the code cache
    for (let i = 0; i < RUNS; i++) {
      for (const k of KINDS) {
        sample(`cli-${k}`, cli, cold(homes[k]));
        sample(`sdk-${k}`, [sdkScript], at(homes[k]));
        sample(`cached-${k}`, cli, at(homes[k]));
      }
      sample('small', cli, cold(typical));
      sample('node', ['-e', '0'], at(typical));
      sample('smallCached', cli, at(typical));
    }
    console.log(`1. Whole process, cold: a fresh process each run, no code cache (median of ${RUNS} interleaved runs)`);
    for (const k of KINDS) {
      console.log(`   2,000-profile home, ${k} (${sizeOf(homes[k])})`);
      row('node dist/cli.js diagnose --json', `${ms(`cli-${k}`).toFixed(1)} ms`);
      row('node sdk.js (loadSharedConfigFiles)', `${ms(`sdk-${k}`).toFixed(1)} ms`);
      row('ratio cli/sdk', verdict(ms(`cli-${k}`) / ms(`sdk-${k}`), 1.5));
      row(
        'with the code cache',
        `${ms(`cached-${k}`).toFixed(1)} ms (${verdict(ms(`cached-${k}`) / ms(`sdk-${k}`), 1.5)})`,
      );
    }
    console.log(`   typical home (examples/home: ${sizeOf(typical)})`);
    row('node dist/cli.js diagnose --json', `${ms('small').toFixed(1)} ms`);
    row('node -e 0', `${ms('node').toFixed(1)} ms`);
    row('ratio cli/node', verdict(ms('small') / ms('node'), 1.3));
    row('with the code cache', `${ms('smallCached').toFixed(1)} ms (${verdict(ms('smallCached') / ms('node'), 1.3)})`);
  }

  // 1b: the same comparisons in instructions, which other processes on the machine do not disturb.
  if (FIGURES.has('1') && process.env.BENCH_VALGRIND !== '0') {
    if (spawnSync('valgrind', ['--version']).status !== 0) console.log('   (instructions: valgrind not found)');
    else {
      console.log(
        '   instructions on the main thread (valgrind, cold, fresh process; not disturbed by a busy machine)',
      );
      const node = mainThreadInstructions(root, 'node', ['-e', '0'], at(typical));
      for (const k of KINDS) {
        const c = mainThreadInstructions(root, `cli-${k}`, cli, at(homes[k]));
        const s = mainThreadInstructions(root, `sdk-${k}`, [sdkScript], at(homes[k]));
        row(
          `${k}: cli / sdk`,
          `${(c / 1e6).toFixed(0)} M / ${(s / 1e6).toFixed(0)} M = ${verdict(c / s, 1.5)}   (above node -e 0: ${((c - node) / (s - node)).toFixed(2)}x)`,
        );
      }
      const small = mainThreadInstructions(root, 'small', cli, at(typical));
      row(
        'typical: cli / node -e 0',
        `${(small / 1e6).toFixed(0)} M / ${(node / 1e6).toFixed(0)} M = ${verdict(small / node, 1.3)}`,
      );
    }
  }

  // 2: in-process, interleaved.
  const inputOf = (h: string) => ({ env: at(h), fs: nodeFileSystem, now: Date.now(), fallbackHomeDir: h });
  const files = (h: string) => ({
    filepath: path.join(h, '.aws', 'credentials'),
    configFilepath: path.join(h, '.aws', 'config'),
  });
  const engine = (h: string) => () => buildReport(diagnose(inputOf(h)));
  const sdk = (h: string) => () => loadSharedConfigFiles({ ...files(h), ignoreCache: true });
  if (FIGURES.has('2')) {
    for (let i = 0; i < 10; i++) {
      for (const k of KINDS) {
        engine(homes[k])();
        await sdk(homes[k])();
      }
    }
    const e: Record<string, number[]> = { plain: [], realistic: [] };
    const s: Record<string, number[]> = { plain: [], realistic: [] };
    for (let i = 0; i < 60; i++) {
      for (const k of KINDS) {
        e[k].push(await timeAsync(engine(homes[k])));
        s[k].push(await timeAsync(sdk(homes[k])));
      }
    }
    console.log(`\n2. In-process, warm (median of ${e.plain.length} interleaved runs)`);
    for (const k of KINDS) {
      const report = engine(homes[k])();
      console.log(
        `   2,000-profile home, ${k}: ${report.findings.length} findings, ${report.profiles.length} profiles listed`,
      );
      row('engine full diagnosis', `${median(e[k]).toFixed(2)} ms`);
      row('loadSharedConfigFiles', `${median(s[k]).toFixed(2)} ms`);
      row('ratio engine/sdk-parse', verdict(median(e[k]) / median(s[k]), 1.5));
    }
  }

  // 3: growth, against the SDK's own growth on the same files in the same run.
  if (FIGURES.has('3')) {
    console.log(
      "\n3. Growth, in-process: 20,000 / 2,000 profiles, ours against the SDK parse's own (medians, interleaved)",
    );
    for (const k of KINDS) {
      const big = writeHome(root, 20000, k);
      const t: Record<string, number[]> = { e2: [], s2: [], e20: [], s20: [] };
      engine(big)();
      for (let i = 0; i < 9; i++) {
        t.e2.push(await timeAsync(engine(homes[k])));
        t.s2.push(await timeAsync(sdk(homes[k])));
        t.e20.push(await timeAsync(engine(big)));
        t.s20.push(await timeAsync(sdk(big)));
      }
      const [e2, s2, e20, s20] = [t.e2, t.s2, t.e20, t.s20].map(median);
      console.log(
        `   ${k}: engine ${e2.toFixed(1)} → ${e20.toFixed(1)} ms (${(e20 / e2).toFixed(1)}x), sdk ${s2.toFixed(1)} → ${s20.toFixed(1)} ms (${(s20 / s2).toFixed(1)}x)`,
      );
      row("our growth / the SDK's", verdict(e20 / e2 / (s20 / s2), 1.2));
      fs.rmSync(big, { recursive: true, force: true });
    }
  }

  if (FIGURES.has('4')) {
    console.log('\n4. Peak RSS of the whole process (median of the runs of 1.)');
    row('node -e 0', `${(rss('node') / 1024).toFixed(1)} MB`);
    for (const k of KINDS) {
      console.log(`   2,000-profile home, ${k}`);
      row('node dist/cli.js diagnose --json (cold)', `${(rss(`cli-${k}`) / 1024).toFixed(1)} MB`);
      row('node sdk.js', `${(rss(`sdk-${k}`) / 1024).toFixed(1)} MB`);
      row('ratio cli/sdk', verdict(rss(`cli-${k}`) / rss(`sdk-${k}`), 1.3));
    }
  }

  if (!FIGURES.has('5')) return;
  console.log('');
  if (process.env.BENCH_EXTENSION === '0')
    console.log('5. Extension host: skipped (BENCH_EXTENSION=0); npm run bench:extension');
  else printLargeHomeBlocks(await largeHomeBlocks());
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
