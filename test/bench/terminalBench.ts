/**
 * The terminal figures of `npm run bench:extension` (reported, not asserted):
 *   - the terminal core alone (plain Node): CPU ms per MB of terminal output through the output
 *     tail (escape sequences stripped, the cheap error check)              target ≤ 5 ms/MB
 *   - the real extension host in code-server (bash, shell integration): its CPU ms per MB of a
 *     command's output with terminals.watch on, minus the same with it off (what watching costs,
 *     VS Code's forwarding of the data to the extension host included)   target ≤ 5 ms/MB
 *   - the error's last line shown in the terminal → the notification shown (the browser's clock,
 *     every animation frame; median of ROUNDS)                              target ≤ 300 ms
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { OutputTail } from '../../src/extension/terminals/outputTail';
import { clearNotifications, newTerminal, python, run, startTerminalSession } from '../ui/terminalSession';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const MB = Number(process.env.BENCH_TERMINAL_MB ?? 8);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const COLOURED_LINE = '\x1b[32m2026-01-05T10:42:00Z\x1b[0m INFO  request id 7f0c… upload part 12/40 done, 4.2 MB/s\r\n';
/** A debug log full of the words the catalogue's wordings need (`aws … --debug`), without an error. */
const AWS_WORDS_LINE =
  '2026-01-05 10:42:00,123 - MainThread - botocore.credentials - DEBUG - Looking for credentials via: shared-credentials-file, profile dev, session token refresh\n';

/** CPU ms per MB of the output tail on realistic chunks (4 KB, some CRs): coloured lines, or lines full of AWS words. */
function coreCost(line = COLOURED_LINE): number {
  const chunk = line.repeat(Math.ceil(4096 / line.length)).slice(0, 4096);
  const mb = 64;
  const chunks = Math.ceil((mb * 1024 * 1024) / chunk.length);
  for (let w = 0; w < 200; w++) new OutputTail().push(chunk); // warm up
  const tail = new OutputTail();
  const before = process.cpuUsage();
  for (let i = 0; i < chunks; i++) tail.push(chunk);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / mb;
}

/** The extension host among the server's descendants (its command line names the process type). */
function extensionHostPid(serverPid: number): number | undefined {
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(d), fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      /* gone */
    }
  }
  const descends = (p: number) => {
    for (let x = p, n = 0; x > 1 && n < 20; x = parent.get(x) ?? 0, n++) if (x === serverPid) return true;
    return false;
  };
  return [...cmd].find(([p, c]) => /extensionHost/.test(c) && descends(p))?.[0];
}

/** utime + stime of a process, ms. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks (USER_HZ = 100)
}

async function setWatch(settingsFile: string, on: boolean): Promise<void> {
  const s = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  s['awsCredentialsDoctor.terminals.watch'] = on;
  fs.writeFileSync(settingsFile, JSON.stringify(s, null, 2));
  await new Promise((r) => setTimeout(r, 2500));
}

/** Milliseconds from the marker line appearing in the terminal to a new notification with `toastText`. */
async function errorToNotification(page: Page, round: number): Promise<number> {
  const marker = `[r${round}]`;
  const measured = page.evaluate(
    ([m, limit]) =>
      new Promise<number>((resolve, reject) => {
        const doc = (globalThis as any).document;
        const started = performance.now();
        let seen: number | undefined;
        const tick = () => {
          const rows = doc.querySelector('.terminal-wrapper.active .xterm-rows');
          if (seen === undefined && rows && String(rows.innerText).includes(m)) seen = performance.now();
          const toast = [...doc.querySelectorAll('.notifications-toasts .notification-list-item-message')].some(
            (e: any) => String(e.innerText).includes('failed: InvalidClientTokenId'),
          );
          if (toast && seen !== undefined) return resolve(performance.now() - seen);
          if (toast && seen === undefined) return reject(new Error('the notification came before the line was seen'));
          if (performance.now() - started > (limit as number)) return reject(new Error('no notification'));
          (globalThis as any).requestAnimationFrame(tick);
        };
        tick();
      }),
    [marker, 30_000] as const,
  );
  await run(
    page,
    `sleep 0.5; printf 'aws: [ERROR]: An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid. [r%s]\\n' ${round}; (exit 254)`,
  );
  return measured;
}

export async function terminalFigures(): Promise<void> {
  console.log(
    `terminal core: output tail ${coreCost().toFixed(2)} ms CPU per MB (plain Node, 64 MB of coloured lines in 4 KB chunks)   target ≤ 5 ms/MB`,
  );
  console.log(
    `terminal core: output tail ${coreCost(AWS_WORDS_LINE).toFixed(2)} ms CPU per MB on a debug log full of AWS words (every key word of the catalogue's wordings, no error)`,
  );
  const py = python();
  if (!py) {
    console.log('terminals in the workbench: skipped (python3 with boto3 and moto missing)');
    return;
  }
  const s = await startTerminalSession(py);
  try {
    const page = s.page;
    await newTerminal(page, 'bash');
    const pid = extensionHostPid(s.server.pid);
    if (!pid) throw new Error('the extension host process was not found');
    const settingsFile = path.join(s.server.userDataDir, 'User', 'settings.json');
    const print = `head -c ${MB * 1024 * 1024} /dev/zero | tr '\\0' x | fold -w 99`;
    const cost = async () => {
      const a = cpuMs(pid);
      await run(page, print, 300_000);
      return cpuMs(pid) - a;
    };
    const on: number[] = [];
    const off: number[] = [];
    for (let i = 0; i < 3; i++) {
      await setWatch(settingsFile, true);
      on.push(await cost());
      await setWatch(settingsFile, false);
      off.push(await cost());
    }
    await setWatch(settingsFile, true);
    const perMb = (xs: number[]) => median(xs) / MB;
    console.log(
      `extension host CPU per MB of terminal output (real bash, ${MB} MB per run, median of 3): watching ${perMb(on).toFixed(1)} ms/MB, not watching ${perMb(off).toFixed(1)} ms/MB → the watcher costs ${(perMb(on) - perMb(off)).toFixed(1)} ms/MB   target ≤ 5 ms/MB   [on ${on.join(', ')} ms; off ${off.join(', ')} ms]`,
    );
    const lat: number[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      await clearNotifications(page);
      lat.push(await errorToNotification(page, r));
    }
    console.log(
      `error line shown → notification shown (workbench, median of ${ROUNDS}): ${median(lat).toFixed(0)} ms   [${lat.map((x) => x.toFixed(0)).join(', ')}]   target ≤ 300 ms`,
    );
  } finally {
    await s.close();
  }
}
