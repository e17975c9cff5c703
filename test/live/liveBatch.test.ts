/**
 * The live check of many profiles (src/live/liveBatch.ts): every profile of a home checked in ONE
 * child process with the real AWS SDK for JavaScript v3, against a real moto STS with
 * authentication enforced (two IAM users created through moto's IAM API), a bounded number at a
 * time, starts spaced to a rate, each with its own deadline; credential_process profiles only when
 * allowed; cancellation kills the child and what it started. Throttling, which moto never does, is
 * answered by the HAND-WRITTEN FAKE STS of helpers.ts. The loopback guard is loaded here and in
 * the child.
 */
import * as path from 'node:path';
import { PROJECT_ROOT } from '../support/projectRoot';
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(path.join(PROJECT_ROOT, 'test', 'support', 'loopbackGuard.cjs'));

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { runCli } from '../../src/cli/main';
import type { ProfileLiveCheck } from '../../src/engine/findings/profiles';
import type { LiveBatchOptions, LiveBatchResult } from '../../src/live/liveBatch';
import { runLiveChecks } from '../../src/live/liveBatch';
import type { MotoServer } from '../support/motoServer';
import { createIamUser, freePort } from '../support/motoServer';
import type { FakeServer } from './helpers';
import {
  ACCOUNT,
  CHILD,
  Homes,
  assertNoSecrets,
  callerIdentityXml,
  diagnosisFor,
  envSnapshot,
  pythonOrSkip,
  startAuthMoto,
  startFakeServer,
  stsErrorXml,
  waitUntilGone,
} from './helpers';

type User = { arn: string; id: string; secret: string };

/** A credential_process: logs its start (pid, time), waits, prints the user's keys. */
const PROCESS_SCRIPT = `const fs = require('fs');
const [log, ms, id, secret] = process.argv.slice(2);
fs.appendFileSync(log, 'start ' + process.pid + ' ' + Date.now() + '\\n');
setTimeout(() => {
  fs.appendFileSync(log, 'end ' + process.pid + '\\n');
  process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: id, SecretAccessKey: secret }));
}, Number(ms));
`;

describe('live check of many profiles: one child, real JS SDK, moto with authentication enforced', function () {
  this.timeout(120_000);
  let py: string | undefined;
  let moto: MotoServer | undefined;
  let fake: FakeServer | undefined;
  let alice: User;
  let bob: User;
  let homes: Homes;

  before(async function () {
    py = pythonOrSkip(this);
    homes = new Homes();
    [moto, fake] = await Promise.all([startAuthMoto(py!, homes.root, 4), startFakeServer()]);
    alice = createIamUser(py!, moto.url, 'alice');
    bob = createIamUser(py!, moto.url, 'bob');
  });

  after(async () => {
    await Promise.allSettled([moto?.stop(), fake?.close()]);
    homes?.remove();
  });

  afterEach(() => {
    const violations = (globalThis as { __loopbackGuardViolations?: string[] }).__loopbackGuardViolations ?? [];
    assert.deepEqual(violations, [], 'no connection may leave the loopback interface');
  });

  const keys = (name: string, u: { id: string; secret: string }, extra = '') =>
    `[${name}]\naws_access_key_id = ${u.id}\naws_secret_access_key = ${u.secret}\n${extra}`;
  const STALE =
    'FwoGZXIvYXdzELR//////////wEaDLeftOverFromAnEarlierMfaSessionXyzAbc123+/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789==';

  /** A home with credential_process profiles `proc-0…` (each waiting `ms`, logging to `log`) after the given credentials. */
  function processHome(credentials: string, processes: number, ms: number, config = ''): { home: string; log: string } {
    const h = homes.home({ 'proc.js': PROCESS_SCRIPT });
    const log = path.join(h, 'proc.log');
    const lines = [config];
    for (let i = 0; i < processes; i++)
      lines.push(
        `[profile proc-${i}]`,
        `credential_process = ${process.execPath} ${path.join(h, 'proc.js')} ${log} ${ms} ${alice.id} ${alice.secret}`,
        '',
      );
    fs.mkdirSync(path.join(h, '.aws'), { recursive: true });
    fs.writeFileSync(path.join(h, '.aws', 'config'), lines.join('\n'), { mode: 0o600 });
    fs.writeFileSync(path.join(h, '.aws', 'credentials'), credentials, { mode: 0o600 });
    return { home: h, log };
  }

  /** Runs the batch on a home and asserts the parent's environment did not change and the child tried no connection beyond loopback. */
  async function batch(
    home: string,
    options: Omit<LiveBatchOptions, 'profiles'> & { profiles?: string[] },
    env: Record<string, string> = { AWS_ENDPOINT_URL_STS: moto!.url },
  ): Promise<LiveBatchResult & { stderr: string; starts: [string, number][] }> {
    const d = diagnosisFor(home, env);
    const profiles = options.profiles ?? [...d.pyView.profiles.keys()].sort();
    const before = envSnapshot();
    let stderr = '';
    const starts: [string, number][] = [];
    const r = await runLiveChecks(
      d,
      { ...options, profiles, onStart: (p) => starts.push([p, performance.now()]) },
      { ...CHILD, onStderr: (s) => (stderr += s) },
    );
    assert.equal(envSnapshot(), before, "the check must not change this process's environment");
    assert.doesNotMatch(stderr, /loopback guard/, 'no connection may leave the loopback interface');
    return { ...r, stderr, starts };
  }

  const code = (c: ProfileLiveCheck | undefined) =>
    c?.skipped !== undefined ? 'skipped' : c?.findings.find((f) => f.code !== 'CLOCK_SKEW')?.code;

  it('checks every profile in one child: two identities confirmed, a wrong key and a stale token each with its local cause, an SSO profile never signed in, a settings-only profile; the credential_process profile skipped unless allowed', async () => {
    const { home, log } = processHome(
      [
        keys('alice', alice),
        keys('bob', bob),
        keys('broken', { id: 'AKIAIOSFODNN7BROKEN1', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYBROKENKEY' }),
        keys('stale', alice, `aws_session_token = ${STALE}\n`),
      ].join('\n'),
      1,
      0,
      '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n[profile sso-never]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Dev\n[profile settings]\nregion = eu-west-1\n',
    );
    const seen: string[] = [];
    const r = await batch(home, { concurrency: 3, allowCredentialProcess: false, onResult: (p) => seen.push(p) });
    assert.equal(r.processes, 1, 'one child process for every profile');
    assert.equal(r.cancelled, false);
    const got = Object.fromEntries([...r.checks].map(([p, c]) => [p, code(c)]));
    assert.deepEqual(got, {
      alice: 'IDENTITY_CONFIRMED',
      bob: 'IDENTITY_CONFIRMED',
      broken: 'LIVE_INVALID_CLIENT_TOKEN',
      stale: 'LIVE_INVALID_CLIENT_TOKEN',
      'proc-0': 'skipped',
      settings: 'LIVE_NO_CREDENTIALS',
      'sso-never': 'LIVE_SSO_TOKEN_ERROR',
    });
    assert.deepEqual(seen.sort(), Object.keys(got).sort(), 'each profile reported once, as it came');
    assert.equal(r.checks.get('alice')!.arn, alice.arn);
    assert.equal(r.checks.get('bob')!.arn, bob.arn);
    assert.equal(r.checks.get('bob')!.account, ACCOUNT);
    // The local cause is the stale token of THAT profile, at its line.
    const stale = r.checks.get('stale')!.findings[0];
    assert.match(stale.message, /The local cause: PROFILE_STALE_SESSION_TOKEN/);
    assert.equal(stale.line, 16, 'the token line of [stale]');
    assert.match(
      r.checks.get('broken')!.findings[0].message,
      /The local cause: MALFORMED_ACCESS_KEY_ID — The access key id in profile "broken"/,
    );
    assert.match(
      r.checks.get('proc-0')!.skipped!,
      /^not checked: it runs the credential_process of profile "proc-0", which was not allowed$/,
    );
    assert.equal(fs.existsSync(log), false, 'the credential_process did not run');
    assert.deepEqual(r.starts.map(([p]) => p).sort(), ['alice', 'bob', 'broken', 'settings', 'sso-never', 'stale']);
    assertNoSecrets([...r.checks.values()], [alice.secret, bob.secret, alice.id, bob.id, STALE]);

    const allowed = await batch(home, { profiles: ['proc-0'], allowCredentialProcess: true });
    assert.equal(code(allowed.checks.get('proc-0')), 'IDENTITY_CONFIRMED');
    assert.equal(allowed.checks.get('proc-0')!.arn, alice.arn);
    assert.equal(fs.readFileSync(log, 'utf8').match(/^start /gm)?.length, 1, 'the credential_process ran once');
  });

  it('at most `concurrency` checks at once, their starts at most `rate` per second; the profiles that fail before any request are not paced', async () => {
    const { home } = processHome(
      '',
      6,
      300,
      '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n' +
        [0, 1, 2]
          .map((i) => `[profile sso-${i}]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Dev\n`)
          .join(''),
    );
    const r = await batch(home, { concurrency: 2, ratePerSecond: 5, allowCredentialProcess: true });
    const paced = r.starts.filter(([p]) => p.startsWith('proc-')).map(([, t]) => t);
    for (let i = 1; i < paced.length; i++)
      assert.ok(
        paced[i] - paced[i - 1] >= 198,
        `starts ${i - 1} and ${i} were ${(paced[i] - paced[i - 1]).toFixed(1)} ms apart (rate 5/s)`,
      );
    assert.equal(paced.length, 6);
    const ssoStarts = r.starts.filter(([p]) => p.startsWith('sso-')).length;
    assert.equal(ssoStarts, 3);
    for (const [p, c] of r.checks)
      assert.equal(code(c), p.startsWith('proc-') ? 'IDENTITY_CONFIRMED' : 'LIVE_SSO_TOKEN_ERROR', p);
  });

  it('never more than `concurrency` credential_process programs at once', async () => {
    const { home, log } = processHome('', 6, 400);
    const r = await batch(home, { concurrency: 2, ratePerSecond: 100, allowCredentialProcess: true });
    assert.equal([...r.checks.values()].filter((c) => c.ok).length, 6);
    // The programs' own log: at most two were running at any moment, and two did run together.
    let running = 0;
    let most = 0;
    for (const line of fs.readFileSync(log, 'utf8').trim().split('\n')) {
      running += line.startsWith('start ') ? 1 : -1;
      most = Math.max(most, running);
    }
    assert.equal(most, 2);
  });

  it('a profile past its deadline → LIVE_NETWORK_ERROR for it alone; the others in the same child complete', async () => {
    const { home } = processHome(keys('alice', alice), 1, 30_000);
    const r = await batch(home, { timeoutMs: 1000, concurrency: 2, allowCredentialProcess: true });
    assert.equal(code(r.checks.get('proc-0')), 'LIVE_NETWORK_ERROR');
    assert.match(r.checks.get('proc-0')!.findings[0].message, /no answer within 1000 ms/);
    assert.equal(code(r.checks.get('alice')), 'IDENTITY_CONFIRMED');
    assert.equal(r.processes, 1);
  });

  it('cancelling kills the child and the credential_process programs it started; unfinished profiles are not reported', async () => {
    const { home, log } = processHome(keys('alice', alice), 4, 30_000);
    const abort = new AbortController();
    const d = diagnosisFor(home, { AWS_ENDPOINT_URL_STS: moto!.url });
    const reported: string[] = [];
    const t0 = performance.now();
    const running = runLiveChecks(
      d,
      {
        profiles: ['proc-0', 'proc-1', 'alice'],
        concurrency: 2,
        allowCredentialProcess: true,
        signal: abort.signal,
        onResult: (p) => reported.push(p),
      },
      CHILD,
    );
    // Once both programs are running, cancel.
    for (
      const started = Date.now();
      !(fs.existsSync(log) && (fs.readFileSync(log, 'utf8').match(/^start /gm)?.length ?? 0) >= 2);
      await new Promise((res) => setTimeout(res, 20))
    ) {
      if (Date.now() - started > 20_000) assert.fail('the credential_process programs did not start');
    }
    abort.abort();
    const r = await running;
    assert.ok(performance.now() - t0 < 20_000);
    assert.equal(r.cancelled, true);
    assert.deepEqual(reported, []);
    assert.equal(r.checks.size, 0);
    const pids = [...fs.readFileSync(log, 'utf8').matchAll(/^start (\d+)/gm)].map((m) => Number(m[1]));
    for (const pid of pids) await waitUntilGone(pid);
    assert.doesNotMatch(fs.readFileSync(log, 'utf8'), /^end /m, 'no program ran to its end');
  });

  it('STS unreachable: after so many network failures in a row the run stops, the rest reported as not checked with the reason', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const credentials = Array.from({ length: 12 }, (_, i) => keys(`k${String(i).padStart(2, '0')}`, alice)).join('\n');
    const h = homes.home({ '.aws/credentials': credentials });
    const r = await batch(
      h,
      { concurrency: 1, ratePerSecond: 100, allowCredentialProcess: false },
      { AWS_ENDPOINT_URL_STS: closed },
    );
    const codes = [...r.checks.values()].map(code);
    assert.deepEqual(codes.slice(0, 5), Array(5).fill('LIVE_NETWORK_ERROR'));
    assert.deepEqual(codes.slice(5), Array(7).fill('skipped'));
    assert.equal(r.stopped, 'not checked: 5 checks in a row could not reach AWS (LIVE_NETWORK_ERROR); the run stopped');
    assert.equal(r.checks.get('k11')!.skipped, r.stopped);
  });

  it('throttled (the FAKE STS answers Throttling twice) → the rate is halved and the check tried again: confirmed', async () => {
    let calls = 0;
    fake!.handler = () =>
      ++calls <= 2
        ? { status: 400, body: stsErrorXml('Throttling', 'Rate exceeded') }
        : { status: 200, body: callerIdentityXml(`arn:aws:iam::${ACCOUNT}:user/alice`, 'AIDAEXAMPLEUSERID0001') };
    const h = homes.home({ '.aws/credentials': keys('alice', alice) });
    const r = await batch(h, { allowCredentialProcess: false, ratePerSecond: 8 }, { AWS_ENDPOINT_URL_STS: fake!.url });
    assert.equal(calls, 3);
    assert.equal(code(r.checks.get('alice')), 'IDENTITY_CONFIRMED');
    assert.equal(r.starts.length, 3, 'started three times');
    // Halved twice: 8/s → 4/s → 2/s, the last start 500 ms after the one before.
    assert.ok(r.starts[2][1] - r.starts[1][1] >= 498, `${r.starts[2][1] - r.starts[1][1]} ms`);
  });

  it('the command line: diagnose --live --all-profiles says what runs first, then prints the table; --json has profiles[].live; exit 1 when a check failed', async () => {
    const { home } = processHome(
      [
        keys('alice', alice),
        keys('broken', { id: 'AKIAIOSFODNN7BROKEN1', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYBROKENKEY' }),
      ].join('\n'),
      1,
      0,
    );
    const run = async (...argv: string[]) => {
      let out = '';
      const err: string[] = [];
      const c = await runCli({
        argv: ['diagnose', '--live', '--all-profiles', '--home', home, ...argv],
        env: {
          PATH: process.env.PATH ?? '/usr/bin',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ENDPOINT_URL_STS: moto!.url,
        },
        stdout: (s) => (out += s),
        stderr: (s) => err.push(s),
        now: () => Date.now(),
        homedir: '/nonexistent',
        loadLive: () => ({
          runLiveCheck: () => assert.fail('not the single check'),
          runLiveChecks: (d, o, p) => runLiveChecks(d, o, CHILD, p),
        }),
      });
      return { code: c, out, err };
    };
    const text = await run('--concurrency', '2', '--rate', '50', '--timeout', '10');
    assert.equal(text.code, 1);
    assert.match(
      text.err[0],
      new RegExp(
        `^aws-credentials-doctor: The live check runs the credential_process of profile "proc-0": ${process.execPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `,
      ),
    );
    assert.equal(
      text.err[1],
      'aws-credentials-doctor: checking 3 profiles against STS, 2 at a time, at most 50 per second, 10 s each\n',
    );
    const rows = text.out.split('\n');
    assert.match(rows[0], /^PROFILE +KIND +STATE +LIVE +ACCOUNT +DETAIL$/);
    assert.match(
      text.out,
      new RegExp(`^alice +static +ok +confirmed +${ACCOUNT} +arn:aws:iam::${ACCOUNT}:user/alice$`, 'm'),
    );
    // Its key id is not base32: the engine says AWS will reject it (MALFORMED_ACCESS_KEY_ID), and it does. The detail wraps at 80 under its column.
    assert.match(
      text.out,
      /^broken +static +error +failed +LIVE_INVALID_CLIENT_TOKEN: AWS\n {50}rejected the access key\n {50}\*{16}KEN1 from STS$/m,
    );
    assert.match(text.out, /^3 profiles: 2 ok, 1 error; live check: 2 confirmed, 1 failed$/m);
    assert.match(text.out, /^Live check failures:\n {2}broken: LIVE_INVALID_CLIENT_TOKEN — AWS rejected/m);
    assertNoSecrets(text.out + text.err.join(''), [alice.secret, alice.id]);

    const json = await run('--json');
    const report = JSON.parse(json.out) as {
      schemaVersion: number;
      profiles: { name: string; status: { state: string }; live: ProfileLiveCheck }[];
    };
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(
      report.profiles.map((p) => [p.name, p.status.state, p.live.ok]),
      [
        ['alice', 'ok', true],
        ['broken', 'error', false],
        ['proc-0', 'ok', true],
      ],
    );
    assert.equal(report.profiles[0].live.arn, alice.arn);
  });
});
