/**
 * What the live-check suites share: moto with authentication enforced, the HAND-WRITTEN FAKE STS
 * for what moto cannot produce, fixture homes, and `live()`, which runs the check in its child
 * process (with the loopback guard loaded there too) and checks that this process's environment
 * did not change and that the child tried no connection beyond loopback.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnose } from '../../src/engine/diagnose';
import type { Diagnosis } from '../../src/engine/findings/diagnosis';
import type { LiveProcessOptions } from '../../src/live/liveChild';
import { runLiveCheck } from '../../src/live/liveCheck';
import type { LiveCheckOptions, LiveCheckResult } from '../../src/live/types';
import { nodeFileSystem } from '../../src/nodeHost/fileSystem';
import type { MotoServer } from '../support/motoServer';
import { startMotoServer } from '../support/motoServer';
import { PROJECT_ROOT } from '../support/projectRoot';

export const ACCOUNT = '123456789012';
export const MINUTE = 60_000;
export const LOOPBACK_GUARD = path.join(PROJECT_ROOT, 'test', 'support', 'loopbackGuard.cjs');
/** The child process loads the loopback guard too: it is where the SDK connects. */
export const CHILD: LiveProcessOptions = { execArgv: ['--require', LOOPBACK_GUARD] };

// ------------------------------------------------------------------------------------ servers

export function pythonExe(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import sys, boto3, moto; print(sys.executable)'], {
    encoding: 'utf8',
    timeout: 30000,
  });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The python with boto3 and moto, or the suite is skipped (a failure when `required`: CI, VSCODE_TEST_REQUIRED). */
export function pythonOrSkip(
  ctx: Mocha.Context,
  required = !!process.env.CI || process.env.VSCODE_TEST_REQUIRED === '1',
): string {
  const py = pythonExe();
  if (py) return py;
  if (required) throw new Error('python3 with boto3 and moto is required (scripts/setup-test-peers.sh)');
  return ctx.skip();
}

/** moto with authentication enforced: the first `freeActions` calls may create users and keys. */
export function startAuthMoto(py: string, workDir: string, freeActions: number): Promise<MotoServer> {
  return startMotoServer(py, workDir, { TEST_SERVER_MODE: 'true', INITIAL_NO_AUTH_ACTION_COUNT: String(freeActions) });
}

/** The answer a handler gives: a whole body, or a stream the server writes with back-pressure. */
export type FakeAnswer = {
  status: number;
  headers?: Record<string, string>;
  body: string | ((res: http.ServerResponse) => void);
};
export type FakeHandler = (req: http.IncomingMessage, body: string) => FakeAnswer;

export interface FakeServer {
  readonly url: string;
  handler: FakeHandler;
  requests: number;
  close(): Promise<void>;
}

/**
 * A HAND-WRITTEN FAKE server on 127.0.0.1, for what moto cannot produce: a Date header that is
 * off (moto always sends the real date), ExpiredToken (moto never checks the expiry of
 * credentials), and answers that are not STS's at all (a captive portal's page, an empty
 * GetCallerIdentityResponse, a 200 MB body). Each test sets `handler`.
 */
export async function startFakeServer(): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      state.requests++;
      const out = state.handler(req, body);
      res.writeHead(out.status, { 'content-type': 'text/xml', ...(out.headers ?? {}) });
      if (typeof out.body === 'string') res.end(out.body);
      else out.body(res);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // The SDK keeps sockets alive; do not let them hold the process.
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const state: FakeServer = {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    requests: 0,
    handler: () => ({ status: 500, body: 'no handler' }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return state;
}

export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export function callerIdentityXml(arn: string, userId: string, account = ACCOUNT): string {
  return `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>${userId}</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
}
export function stsErrorXml(code: string, message: string): string {
  return `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ErrorResponse>`;
}

// ------------------------------------------------------------------------------------ fixtures

/** Fixture homes under one temporary root. */
export class Homes {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-live-'));

  home(files: Record<string, string> = {}): string {
    const dir = fs.mkdtempSync(path.join(this.root, 'home-'));
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true, mode: 0o700 });
      fs.writeFileSync(path.join(dir, rel), text, { mode: 0o600 });
    }
    return dir;
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** The diagnosis of a fixture home with exactly these variables (plus HOME, PATH and IMDS off). */
export function diagnosisFor(homeDir: string, env: Record<string, string>, explicitProfile?: string): Diagnosis {
  return diagnose({
    env: { HOME: homeDir, PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_EC2_METADATA_DISABLED: 'true', ...env },
    fs: nodeFileSystem,
    now: Date.now(),
    fallbackHomeDir: homeDir,
    explicitProfile,
  });
}

export function codes(r: { findings: readonly { code: string }[] }): string[] {
  return r.findings.map((f) => f.code);
}

/** The live check's own codes, among the static findings of a whole report. */
export const LIVE_CODE = /^(LIVE_|IDENTITY_CONFIRMED$|CLOCK_SKEW$)/;
export function liveCodes(report: { findings: readonly { code: string }[] }): string[] {
  return codes(report).filter((c) => LIVE_CODE.test(c));
}

/** No secret or token used by the test may appear anywhere in what the check returned. */
export function assertNoSecrets(value: unknown, secrets: readonly string[]): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const s of secrets) assert.ok(!text.includes(s), `a secret leaked: ...${s.slice(-4)}`);
}

/** This process's environment, every variable, sorted: compared byte for byte. */
export function envSnapshot(): string {
  return JSON.stringify(Object.entries(process.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Runs the check in its child process and asserts that this process's environment is exactly
 * what it was, and that the child's loopback guard refused nothing.
 */
export async function live(
  d: Diagnosis,
  options: LiveCheckOptions = {},
  processOptions: LiveProcessOptions = {},
): Promise<LiveCheckResult & { stderr: string }> {
  const before = envSnapshot();
  let stderr = '';
  const r = await runLiveCheck({ timeoutMs: 5000, ...options }, d, {
    ...CHILD,
    ...processOptions,
    onStderr: (s) => (stderr += s),
  });
  assert.equal(envSnapshot(), before, "the live check must not change this process's environment");
  assert.doesNotMatch(stderr, /loopback guard/, 'no connection may leave the loopback interface');
  return { ...r, stderr };
}

/** Resolves once the process has ended (gone, or a zombie waiting for a reaper); fails after 10 s. */
export async function waitUntilGone(pid: number): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 10_000; await new Promise((r) => setTimeout(r, 20))) {
    let state: string;
    try {
      state = /^State:\s+(\S)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '';
    } catch {
      return;
    }
    if (state === 'Z' || state === 'X') return;
  }
  assert.fail(`process ${pid} is still running`);
}
