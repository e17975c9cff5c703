/**
 * The benchmark's extension-host part: prints the activation figures measured by the extension
 * itself; when ACD_BENCH_CHANGE names a file, the blocks of the extension host's event loop
 * caused by the re-diagnosis after appending a section to it; with ACD_BENCH_DEBUG=1, those of a
 * debug session (launch.json checked, the session resolved, its output read, its error notified).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DoctorApi } from '../../src/extension/extension';
import { api, waitForState } from './helpers';

describe('activation figures', () => {
  it('prints them', async function () {
    this.timeout(120_000);
    const a = await api();
    // The tools' versions are detected after activation and diagnosed again: part of activating.
    await new Promise((r) => setTimeout(r, Number(process.env.ACD_BENCH_SETTLE_MS ?? 0)));
    const activationBlocks = [...a.doctor.refreshBlocks];
    const figures: Record<string, unknown> = {
      shown: a.activationMs,
      ...a.activationPhases,
      activationBlocks,
      parsedAtActivation: a.doctor.parseMisses,
      bundleLoad: bundleLoadMs(),
    };
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
        changes.push({
          blocks: a.doctor.refreshBlocks.slice(before),
          parsed: a.doctor.parseMisses - misses,
          timings: a.doctor.lastTimings,
        });
      }
      figures.changes = changes;
    }
    if (process.env.ACD_BENCH_DEBUG === '1') figures.debug = await debugSessionBlocks(a);
    console.log(`ACD_BENCH ${JSON.stringify(figures)}`);
  });
});

/**
 * A debug session on this home, timed slice by slice: launch.json (with a stale token) checked for
 * Problems, the configuration resolved (the variables added), 20,000 lines of Debug Console output
 * read into the tail, and the AWS error at their end explained and notified.
 */
async function debugSessionBlocks(
  a: DoctorApi,
): Promise<{ longest: { ms: number; what: string }; outputEvents: number }> {
  const folder = vscode.workspace.workspaceFolders![0];
  const dir = path.join(folder.uri.fsPath, '.vscode');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(folder.uri.fsPath, 'noisy.js'),
    "for (let i = 0; i < 20000; i++) console.log('request ' + i + ' ok');\nconsole.error('InvalidClientTokenId: The security token included in the request is invalid.');\n",
  );
  fs.writeFileSync(
    path.join(dir, 'launch.json'),
    JSON.stringify(
      {
        version: '0.2.0',
        configurations: [
          {
            type: 'node',
            request: 'launch',
            name: 'Noisy',
            program: '${workspaceFolder}/noisy.js',
            console: 'internalConsole',
            env: {
              AWS_ACCESS_KEY_ID: 'AKIAFAKEKEYDOCTORONE',
              AWS_SECRET_ACCESS_KEY: 'FAKEsecretKEYforTESTSonly'.padEnd(40, '0'),
              AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLE' + 'x'.repeat(60),
            },
          },
        ],
      },
      null,
      2,
    ),
  );
  await new Promise<void>((resolve) => {
    const t = setInterval(() => {
      if (a.configProblems.published.length) {
        clearInterval(t);
        resolve();
      }
    }, 100);
  });
  let outputEvents = 0;
  const counter = vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: () => ({
      onDidSendMessage: (m: { event?: string }) => {
        if (m.event === 'output') outputEvents++;
      },
    }),
  });
  const alerted = new Promise<void>((resolve) => {
    const sub = a.debugSessions.onDidAlert(() => {
      sub.dispose();
      resolve();
    });
  });
  await vscode.debug.startDebugging(folder, 'Noisy');
  await alerted;
  counter.dispose();
  const longest = [a.debugSessions.slices.longest, a.configProblems.slices.longest].sort((x, y) => y.ms - x.ms)[0];
  return { longest, outputEvents };
}

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
