/** A real moto server on a free loopback port, for the differential oracles and the live-check tests. */
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from './projectRoot';

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
export async function startMotoServer(
  python: string,
  workDir: string,
  extraEnv: Record<string, string> = {},
): Promise<MotoServer> {
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

/** Creates an IAM user and an access key through moto's real IAM API (boto3, loopback-guarded). */
export function createIamUser(
  py: string,
  motoUrl: string,
  userName: string,
): { arn: string; id: string; secret: string } {
  const script = [
    'import sys, json',
    `sys.path.insert(0, ${JSON.stringify(path.join(PROJECT_ROOT, 'test', 'support'))})`,
    'import loopback_guard',
    'import boto3',
    "iam = boto3.client('iam', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='AKIAIOSFODNN7EXAMPLE', aws_secret_access_key='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')",
    "u = iam.create_user(UserName=sys.argv[2])['User']",
    "k = iam.create_access_key(UserName=sys.argv[2])['AccessKey']",
    "print(json.dumps({'arn': u['Arn'], 'id': k['AccessKeyId'], 'secret': k['SecretAccessKey']}))",
  ].join('\n');
  const r = spawnSync(py, ['-c', script, motoUrl, userName], {
    encoding: 'utf8',
    timeout: 60000,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: os.tmpdir(),
      PYTHONDONTWRITEBYTECODE: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
  });
  if (r.status !== 0) throw new Error(`creating the IAM user in moto failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}
