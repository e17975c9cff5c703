/** A real moto server on a free loopback port, for the differential oracles and the live-check tests. */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function httpAnswers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(true);
    });
    req.setTimeout(1000, () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

export interface MotoServer {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts moto_server (from the given python's bin directory, else `python -m moto.server`) on
 * 127.0.0.1 with a home of its own under workDir and the extra environment given (for instance
 * TEST_SERVER_MODE=true and INITIAL_NO_AUTH_ACTION_COUNT to enforce authentication), and waits
 * until it answers. GET /moto-api/ is not a service action: it uses up no unauthenticated call.
 */
export async function startMotoServer(python: string, workDir: string, extraEnv: Record<string, string> = {}): Promise<MotoServer> {
  const motoBin = path.join(path.dirname(python), 'moto_server');
  const port = await freePort();
  const motoHome = path.join(workDir, 'moto-home');
  fs.mkdirSync(motoHome, { recursive: true });
  const logPath = path.join(workDir, 'moto.log');
  const log = fs.openSync(logPath, 'w');
  const [cmd, args] = fs.existsSync(motoBin)
    ? [motoBin, ['-H', '127.0.0.1', '-p', String(port)]]
    : [python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)]];
  const child = spawn(cmd, args, {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: motoHome, LANG: 'C.UTF-8', ...extraEnv },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  while (!(await httpAnswers(`${url}/moto-api/`))) {
    if (exited) throw new Error(`moto_server exited early: ${fs.readFileSync(logPath, 'utf8').slice(-2000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('moto_server did not answer within 30 s');
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const t = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
