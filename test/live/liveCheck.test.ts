/**
 * The live check (src/live/liveCheck.ts, its child process src/live/child.ts) through the real AWS
 * SDK for JavaScript v3, over HTTP, against a real moto server with authentication enforced
 * (TEST_SERVER_MODE=true): moto answers with the genuine InvalidClientTokenId /
 * SignatureDoesNotMatch. The IAM user and its access key are created through moto's real IAM API
 * by boto3 in a short python3 subprocess (the first INITIAL_NO_AUTH_ACTION_COUNT=2 calls are let
 * through unauthenticated).
 *
 * Two things moto cannot do are served by the HAND-WRITTEN FAKE of helpers.ts: a Date header that
 * is off (moto always sends the real date) and ExpiredToken (moto never checks the expiry of
 * credentials), answered with the documented STS bodies.
 *
 * This process's own environment is poisoned for the whole suite (other keys, a closed STS
 * endpoint, another HOME): the child gets the diagnosis' environment only, so no test passes if
 * anything leaks through. Homes are fixture dirs; IMDS is disabled; the loopback guard is loaded
 * here and in every child.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../support/projectRoot';
// Before anything that could open a connection (the SDK, the CLI): non-loopback connections throw.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(path.join(PROJECT_ROOT, 'test', 'support', 'loopbackGuard.cjs'));

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import { diagnose } from '../../src/engine/diagnose';
import { nodeFileSystem } from '../../src/nodeHost/fileSystem';
import { runCli } from '../../src/cli/main';
import type { MotoServer } from '../support/motoServer';
import { createIamUser, freePort } from '../support/motoServer';
import type { FakeServer } from './helpers';
import { runLiveCheck } from '../../src/live/liveCheck';
import {
  ACCOUNT,
  CHILD,
  Homes,
  LIVE_CODE,
  LOOPBACK_GUARD,
  MINUTE,
  assertNoSecrets,
  callerIdentityXml,
  codes,
  diagnosisFor,
  envSnapshot,
  live,
  liveCodes,
  pythonExe,
  startAuthMoto,
  startFakeServer,
  stsErrorXml,
  waitUntilGone,
} from './helpers';

const ROOT = PROJECT_ROOT;

// ------------------------------------------------------------------------------------ the suite

describe('live check: real JS SDK against moto with authentication enforced', function () {
  this.timeout(60000);
  let py: string | undefined;
  let moto: MotoServer | undefined;
  let fake: FakeServer;
  let user: { arn: string; id: string; secret: string };
  let homes: Homes;
  const home = (files: Record<string, string> = {}) => homes.home(files);
  const savedEnv = new Map<string, string | undefined>();

  /** Sets process.env for the suite, remembering what was there; `after` puts it back. */
  function setProcessEnv(name: string, value: string | undefined): void {
    if (!savedEnv.has(name)) savedEnv.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }

  before(async function () {
    py = pythonExe();
    if (!py) {
      if (process.env.CI) throw new Error('python3 with boto3 and moto is required (scripts/setup-test-peers.sh)');
      this.skip();
    }
    homes = new Homes();
    [moto, fake] = await Promise.all([startAuthMoto(py!, homes.root, 2), startFakeServer()]);
    user = createIamUser(py!, moto.url, 'doctor');
    // This process's own environment: every AWS_* of it would be wrong for every test. The child
    // must see the diagnosis' environment only.
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) setProcessEnv(k, undefined);
    setProcessEnv(
      'HOME',
      home({
        '.aws/credentials':
          '[default]\naws_access_key_id = AKIAPOISONPOISONPOIS\naws_secret_access_key = cG9pc29ucG9pc29ucG9pc29ucG9pc29ucG9pc29u\n',
      }),
    );
    setProcessEnv('AWS_ACCESS_KEY_ID', 'AKIAPARENTPARENTPARE');
    setProcessEnv('AWS_SECRET_ACCESS_KEY', 'cGFyZW50cGFyZW50cGFyZW50cGFyZW50cGFyZW50');
    setProcessEnv('AWS_PROFILE', 'parent-only');
    setProcessEnv('AWS_ENDPOINT_URL_STS', `http://127.0.0.1:${await freePort()}`);
    setProcessEnv('AWS_EC2_METADATA_DISABLED', 'false');
  });

  after(async () => {
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await Promise.allSettled([moto?.stop(), fake?.close()]);
    homes?.remove();
  });

  afterEach(() => {
    const violations = (globalThis as { __loopbackGuardViolations?: string[] }).__loopbackGuardViolations ?? [];
    assert.deepEqual(violations, [], 'no connection may leave the loopback interface');
  });

  const envKeys = () => ({
    AWS_ACCESS_KEY_ID: user.id,
    AWS_SECRET_ACCESS_KEY: user.secret,
    AWS_ENDPOINT_URL_STS: moto!.url,
  });

  it('(1) the real key → IDENTITY_CONFIRMED with the account and the user ARN', async () => {
    const d = diagnosisFor(home(), envKeys());
    const r = await live(d);
    assert.deepEqual(codes(r), ['IDENTITY_CONFIRMED'], JSON.stringify(r.findings));
    assert.equal(r.ok, true);
    assert.equal(r.account, ACCOUNT);
    assert.equal(r.arn, `arn:aws:iam::${ACCOUNT}:user/doctor`);
    assert.equal(r.arn, user.arn);
    assert.equal(r.error, undefined);
    assert.equal(r.findings[0].severity, 'info');
    assert.deepEqual(r.findings[0].tools, ['node']);
    assert.match(r.findings[0].message, new RegExp(`account ${ACCOUNT}, arn:aws:iam::${ACCOUNT}:user/doctor`));
    assert.match(r.findings[0].message, new RegExp(`access key \\*{16}${user.id.slice(-4)}`));
    // moto sends the real date: the skew is the Date header's one-second resolution, no more.
    assert.ok(r.clockSkewMs !== null && Math.abs(r.clockSkewMs) < 5000, String(r.clockSkewMs));
    assertNoSecrets(r, [user.secret, user.id]);
  });

  it('(2) the real key plus a leftover AWS_SESSION_TOKEN → LIVE_INVALID_CLIENT_TOKEN naming STALE_SESSION_TOKEN', async () => {
    const token =
      'FwoGZXIvYXdzELR//////////wEaDLeftOverFromAnEarlierMfaSessionXyzAbc123+/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789==';
    const d = diagnosisFor(home(), { ...envKeys(), AWS_SESSION_TOKEN: token });
    assert.ok(
      d.findings.some((f) => f.code === 'STALE_SESSION_TOKEN'),
      'precondition: the engine flags the stale token',
    );
    const r = await live(d);
    assert.deepEqual(codes(r), ['LIVE_INVALID_CLIENT_TOKEN'], JSON.stringify(r.findings));
    const f = r.findings[0];
    assert.equal(f.severity, 'error');
    assert.match(f.message, /STALE_SESSION_TOKEN/);
    assert.match(
      f.message,
      /InvalidClientTokenId, HTTP 403: "The security token included in the request is invalid\."/,
    );
    assert.equal(f.env, 'AWS_SESSION_TOKEN');
    assert.deepEqual(f.tools, ['node', 'python', 'cli']);
    assert.deepEqual(
      f.fixes.map((x) => x.action),
      [{ kind: 'unsetEnv', name: 'AWS_SESSION_TOKEN' }],
    );
    assert.deepEqual(r.error, {
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      httpStatus: 403,
    });
    assert.equal(r.ok, false);
    assertNoSecrets(r, [user.secret, token, user.id]);
  });

  it('(3) an unknown key in the credentials file → LIVE_INVALID_CLIENT_TOKEN with the usual causes, at the key line', async () => {
    const secret = 'Zm9vYmFyYmF6cXV4UXVVeDEyMzQ1Njc4OTAvKytBQkM';
    const h = home({
      '.aws/credentials': `[default]\naws_access_key_id = AKIAZZZZZZZZZZZZZZZZ\naws_secret_access_key = ${secret}\n`,
    });
    const d = diagnosisFor(h, { AWS_ENDPOINT_URL_STS: moto!.url });
    const r = await live(d);
    assert.deepEqual(codes(r), ['LIVE_INVALID_CLIENT_TOKEN'], JSON.stringify(r.findings));
    const f = r.findings[0];
    assert.doesNotMatch(f.message, /STALE_SESSION_TOKEN/);
    assert.match(f.message, /deleted, deactivated or rotated/);
    assert.match(f.message, /partition/);
    assert.match(f.message, /opt-in region/);
    assert.equal(f.file, path.join(h, '.aws', 'credentials'));
    assert.equal(f.line, 2);
    assert.deepEqual(f.tools, ['node', 'python', 'cli']);
    assert.equal(r.error?.name, 'InvalidClientTokenId');
    assertNoSecrets(r, [secret, 'AKIAZZZZZZZZZZZZZZZZ']);
  });

  it('(4) the real key id with a wrong secret → LIVE_SIGNATURE_MISMATCH pointing at the secret line', async () => {
    const wrong = user.secret.slice(0, 39) + (user.secret.endsWith('A') ? 'B' : 'A');
    const h = home({
      '.aws/config': '[profile work]\nregion = eu-central-1\n',
      '.aws/credentials': `[work]\naws_access_key_id = ${user.id}\naws_secret_access_key = ${wrong}\n`,
    });
    const d = diagnosisFor(h, { AWS_ENDPOINT_URL_STS: moto!.url }, 'work');
    const r = await live(d, { profile: 'work' });
    assert.deepEqual(codes(r), ['LIVE_SIGNATURE_MISMATCH'], JSON.stringify(r.findings));
    const f = r.findings[0];
    assert.equal(f.severity, 'error');
    assert.equal(f.file, path.join(h, '.aws', 'credentials'));
    assert.equal(f.line, 3);
    assert.match(f.message, /line 3 of .*credentials \(profile "work"\)/);
    assert.match(f.message, /SignatureDoesNotMatch, HTTP 403/);
    assert.match(f.message, /in eu-central-1|at http:\/\/127\.0\.0\.1/);
    assert.equal(r.error?.httpStatus, 403);
    assertNoSecrets(r, [wrong, user.secret, user.id]);
  });

  it('(5) nothing configured → LIVE_NO_CREDENTIALS; a missing profile is named from the chain trace', async () => {
    const empty = await live(diagnosisFor(home(), { AWS_ENDPOINT_URL_STS: moto!.url }));
    assert.deepEqual(codes(empty), ['LIVE_NO_CREDENTIALS'], JSON.stringify(empty.findings));
    assert.equal(empty.error?.name, 'CredentialsProviderError');
    assert.match(empty.error!.message, /Could not load credentials from any providers/);
    assert.match(empty.findings[0].message, /Could not resolve credentials using profile: \[default\]/);

    const h = home({ '.aws/config': '[profile other]\nregion = eu-west-1\n' });
    const named = await live(diagnosisFor(h, { AWS_PROFILE: 'ghost', AWS_ENDPOINT_URL_STS: moto!.url }));
    assert.deepEqual(codes(named), ['LIVE_NO_CREDENTIALS']);
    assert.match(named.findings[0].message, /Could not resolve credentials using profile: \[ghost\]/);
    assert.match(named.findings[0].message, /instance metadata disabled/);
  });

  it('(6) an endpoint on a closed loopback port → LIVE_NETWORK_ERROR naming the endpoint, within the timeout', async () => {
    const port = await freePort();
    const closed = `http://127.0.0.1:${port}`;
    const started = Date.now();
    const r = await live(diagnosisFor(home(), { ...envKeys(), AWS_ENDPOINT_URL_STS: closed }), { timeoutMs: 3000 });
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    assert.deepEqual(codes(r), ['LIVE_NETWORK_ERROR'], JSON.stringify(r.findings));
    assert.equal(r.findings[0].severity, 'warning');
    assert.match(
      r.findings[0].message,
      new RegExp(`STS could not be reached at http://127\\.0\\.0\\.1:${port}/ \\(ECONNREFUSED`),
    );
    assert.equal(r.clockSkewMs, null);
    assert.equal(r.error?.name, 'ECONNREFUSED');
    assertNoSecrets(r, [user.secret]);
  });

  it('(6b) an endpoint that accepts but never answers → LIVE_NETWORK_ERROR at the timeout, not later', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    try {
      const started = Date.now();
      const r = await live(diagnosisFor(home(), { ...envKeys(), AWS_ENDPOINT_URL_STS: url }), { timeoutMs: 600 });
      const took = Date.now() - started;
      assert.ok(took >= 550 && took < 1500, `took ${took} ms`);
      assert.deepEqual(codes(r), ['LIVE_NETWORK_ERROR'], JSON.stringify(r.findings));
      assert.match(r.findings[0].message, new RegExp(`at ${url}/ \\(`));
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('(7) clock skew: a Date header 20 minutes behind (hand-written fake STS) → CLOCK_SKEW warning with skew ≈ 20 min', async () => {
    const uniqueId = 'AIDAJQABLZS4A3QDU576Q';
    fake.handler = () => ({
      status: 200,
      headers: { date: new Date(Date.now() - 20 * MINUTE).toUTCString() },
      body: callerIdentityXml(`arn:aws:iam::${ACCOUNT}:user/skewed`, uniqueId),
    });
    const r = await live(diagnosisFor(home(), { ...envKeys(), AWS_ENDPOINT_URL_STS: fake.url }));
    assert.deepEqual(codes(r), ['IDENTITY_CONFIRMED', 'CLOCK_SKEW'], JSON.stringify(r.findings));
    assert.equal(r.ok, true);
    assert.ok(r.clockSkewMs !== null && Math.abs(r.clockSkewMs - 20 * MINUTE) < 5000, String(r.clockSkewMs));
    const f = r.findings[1];
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /20\.0 minutes ahead of AWS/);
    assert.match(f.message, /JavaScript SDK corrects skew itself/);
    assert.match(f.message, /4 minutes/);
    assert.match(f.message, /AWS_DISABLE_CLOCK_SKEW_CORRECTION/);
    assert.match(f.message, /Signature expired/);
    assert.match(f.message, /Signature not yet current/);
    assert.match(f.message, /sudo hwclock -s/);
    assert.match(f.message, /ntpdate/);
    assert.match(f.message, /wsl --shutdown/);
    // The user id is an IAM unique id, shaped like a key id: it is masked like one.
    assert.equal(r.userId, `****************${uniqueId.slice(-4)}`);
    assertNoSecrets(r, [uniqueId, user.secret]);
  });

  it('(7b) clock skew measured against real moto with the injected clock 20 minutes behind → CLOCK_SKEW with negative skew', async () => {
    const r = await live(diagnosisFor(home(), envKeys()), { now: () => Date.now() - 20 * MINUTE });
    assert.deepEqual(codes(r), ['IDENTITY_CONFIRMED', 'CLOCK_SKEW']);
    assert.ok(r.clockSkewMs !== null && Math.abs(r.clockSkewMs + 20 * MINUTE) < 5000, String(r.clockSkewMs));
    assert.match(r.findings[1].message, /minutes behind AWS/);
  });

  it('(7c) "Signature expired" from STS (hand-written fake; moto does not check the signing time) → CLOCK_SKEW error, not LIVE_SIGNATURE_MISMATCH', async () => {
    fake.handler = () => ({
      status: 403,
      headers: { date: new Date(Date.now() + 20 * MINUTE).toUTCString() },
      body: stsErrorXml(
        'SignatureDoesNotMatch',
        'Signature expired: 20260127T001427Z is now earlier than 20260127T014428Z (20260127T015928Z - 15 min.)',
      ),
    });
    const r = await live(diagnosisFor(home(), { ...envKeys(), AWS_ENDPOINT_URL_STS: fake.url }));
    assert.deepEqual(codes(r), ['CLOCK_SKEW'], JSON.stringify(r.findings));
    assert.equal(r.findings[0].severity, 'error');
    assert.match(r.findings[0].message, /20\.0 minutes behind AWS/);
    assert.match(r.findings[0].message, /STS refused the request: "SignatureDoesNotMatch: Signature expired/);
    assert.equal(r.error?.name, 'SignatureDoesNotMatch');
  });

  it('(8) ExpiredToken: moto never checks expiry, so the hand-written fake answers the documented 403 ExpiredToken body → LIVE_EXPIRED_TOKEN with the known expiry', async () => {
    fake.handler = () => ({
      status: 403,
      headers: { date: new Date().toUTCString() },
      body: stsErrorXml('ExpiredToken', 'The security token included in the request is expired'),
    });
    const token =
      'IQoJb3JpZ2luX2VjEXAMPLEExpiredSessionToken0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/0123456789==';
    const secret = 'c2VjcmV0U2VjcmV0U2VjcmV0U2VjcmV0U2VjcmV0Uw';
    const expired = new Date(Date.now() - 2 * 3600_000).toISOString();
    const d = diagnosisFor(home(), {
      AWS_ACCESS_KEY_ID: 'ASIAZZZZZZZZZZZZZZZZ',
      AWS_SECRET_ACCESS_KEY: secret,
      AWS_SESSION_TOKEN: token,
      AWS_CREDENTIAL_EXPIRATION: expired,
      AWS_ENDPOINT_URL_STS: fake.url,
    });
    assert.equal(d.tools.node.expiry?.at, expired, 'precondition: the engine knows the expiry');
    const r = await live(d);
    assert.deepEqual(codes(r), ['LIVE_EXPIRED_TOKEN'], JSON.stringify(r.findings));
    const f = r.findings[0];
    assert.equal(f.severity, 'error');
    assert.match(f.message, /ExpiredToken, HTTP 403: "The security token included in the request is expired"/);
    assert.ok(f.message.includes(`expiry as ${expired} (AWS_CREDENTIAL_EXPIRATION)`), f.message);
    assert.deepEqual(r.error, {
      name: 'ExpiredToken',
      message: 'The security token included in the request is expired',
      httpStatus: 403,
    });
    assertNoSecrets(r, [token, secret, 'ASIAZZZZZZZZZZZZZZZZ']);
  });

  it('an SSO profile that never logged in → LIVE_SSO_TOKEN_ERROR with aws sso login --profile', async () => {
    const h = home({
      '.aws/config':
        '[profile corp]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n\n[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n',
    });
    const r = await live(diagnosisFor(h, { AWS_PROFILE: 'corp', AWS_ENDPOINT_URL_STS: moto!.url }));
    assert.deepEqual(codes(r), ['LIVE_SSO_TOKEN_ERROR'], JSON.stringify(r.findings));
    assert.match(r.findings[0].message, /SSO session token associated with profile=corp was not found or is invalid/);
    assert.deepEqual(
      r.findings[0].fixes.map((x) => x.action),
      [{ kind: 'runCommand', command: 'aws sso login --profile corp', signIn: { kind: 'sso', profile: 'corp' } }],
    );
  });

  it('endpoint selection: AWS_ENDPOINT_URL (generic) is honoured by the SDK for STS, and endpointUrl overrides AWS_ENDPOINT_URL_STS', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const generic = await live(
      diagnosisFor(home(), {
        AWS_ACCESS_KEY_ID: user.id,
        AWS_SECRET_ACCESS_KEY: user.secret,
        AWS_ENDPOINT_URL: moto!.url,
      }),
    );
    assert.deepEqual(codes(generic), ['IDENTITY_CONFIRMED'], JSON.stringify(generic.findings));
    const override = await live(diagnosisFor(home(), { ...envKeys(), AWS_ENDPOINT_URL_STS: closed }), {
      endpointUrl: moto!.url,
    });
    assert.deepEqual(codes(override), ['IDENTITY_CONFIRMED'], JSON.stringify(override.findings));
    assert.ok(override.findings[0].message.includes(`endpoint ${moto!.url}/`));
  });

  it('instance metadata is never queried unless allowImds: not by the last link, not by credential_source = Ec2InstanceMetadata, not by a chain killed at the timeout', async () => {
    const imdsRequests: string[] = [];
    const imds = http.createServer((req, res) => {
      imdsRequests.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => imds.listen(0, '127.0.0.1', resolve));
    const imdsUrl = `http://127.0.0.1:${(imds.address() as net.AddressInfo).port}`;
    try {
      // The diagnosis does not disable IMDS (and this process says "false"); the check must.
      const base = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        AWS_EC2_METADATA_SERVICE_ENDPOINT: imdsUrl,
        AWS_ENDPOINT_URL_STS: moto!.url,
      };
      const input = (h: string) =>
        diagnose({ env: { ...base, HOME: h }, fs: nodeFileSystem, now: Date.now(), fallbackHomeDir: h });
      const none = await live(input(home()));
      assert.deepEqual(codes(none), ['LIVE_NO_CREDENTIALS']);
      assert.match(none.findings[0].message, /instance metadata disabled for the check/);
      assert.deepEqual(imdsRequests, []);

      // The SDK's credential_source = Ec2InstanceMetadata ignores AWS_EC2_METADATA_DISABLED: the
      // child refuses the connection itself.
      const viaSource = home({
        '.aws/config': `[default]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/from-imds\ncredential_source = Ec2InstanceMetadata\nregion = us-east-1\n`,
      });
      const refused = await live(input(viaSource));
      assert.equal(refused.ok, false);
      assert.deepEqual(codes(refused), ['LIVE_NO_CREDENTIALS'], JSON.stringify(refused.findings));
      assert.match(
        refused.findings[0].message,
        /The chain tried to reach instance metadata \(127\.0\.0\.1\) for profile "default" \(credential_source = Ec2InstanceMetadata\); the check contacts it only with --allow-imds\./,
      );
      assert.deepEqual(imdsRequests, [], 'credential_source = Ec2InstanceMetadata must not reach instance metadata');

      // A credential_process slower than the timeout: at the timeout the child's whole process
      // group is killed, the process with it; no chain is left to reach instance metadata later.
      const pidFile = path.join(homes.root, 'slow-process.pid');
      const slow = path.join(homes.root, 'slow-process.sh');
      fs.writeFileSync(slow, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 30\n`, { mode: 0o755 });
      const h = home({ '.aws/config': `[default]\ncredential_process = ${slow}\n` });
      const timedOut = await live(input(h), { timeoutMs: 1000 });
      assert.deepEqual(codes(timedOut), ['LIVE_NETWORK_ERROR'], JSON.stringify(timedOut.findings));
      assert.match(timedOut.findings[0].message, /no answer within 1000 ms/);
      assert.match(timedOut.findings[0].message, /could not finish resolving credentials/);
      await waitUntilGone(Number(fs.readFileSync(pidFile, 'utf8')));
      assert.deepEqual(imdsRequests, [], 'the killed chain must not reach instance metadata');

      // Control: with allowImds both paths do query the (fake, loopback) metadata service.
      const allowed = await live(input(home()), { allowImds: true, timeoutMs: 3000 });
      assert.ok(imdsRequests.length > 0, 'control: allowImds reaches the metadata endpoint');
      assert.equal(allowed.ok, false);
      imdsRequests.length = 0;
      await live(input(viaSource), { allowImds: true, timeoutMs: 3000 });
      assert.ok(imdsRequests.length > 0, 'control: allowImds lets credential_source = Ec2InstanceMetadata reach it');
    } finally {
      await new Promise<void>((resolve) => imds.close(() => resolve()));
    }
  });

  it('an already cancelled signal returns at once without a call', async () => {
    const requests = fake.requests;
    const r = await live(diagnosisFor(home(), { ...envKeys(), AWS_ENDPOINT_URL_STS: fake.url }), {
      signal: AbortSignal.abort(),
    });
    assert.deepEqual(codes(r), ['LIVE_UNEXPECTED_ERROR']);
    assert.match(r.findings[0].message, /cancelled/);
    assert.equal(r.ok, false);
    assert.equal(fake.requests, requests, 'no request was sent');
  });

  it('cancelling a running check kills its child process and the credential_process it started', async () => {
    const pidFile = path.join(homes.root, 'cancelled-process.pid');
    const slow = path.join(homes.root, 'cancelled-process.sh');
    fs.writeFileSync(slow, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 30\n`, { mode: 0o755 });
    const h = home({ '.aws/config': `[default]\ncredential_process = ${slow}\n` });
    const abort = new AbortController();
    const running = live(diagnosisFor(h, { AWS_ENDPOINT_URL_STS: moto!.url }), {
      signal: abort.signal,
      timeoutMs: 60_000,
    });
    while (!fs.existsSync(pidFile) || !fs.readFileSync(pidFile, 'utf8').trim())
      await new Promise((r) => setTimeout(r, 20));
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    const t0 = performance.now();
    abort.abort();
    const r = await running;
    const answered = performance.now() - t0;
    await waitUntilGone(pid);
    const gone = performance.now() - t0;
    console.log(`      cancel → result ${answered.toFixed(1)} ms, → credential_process gone ${gone.toFixed(1)} ms`);
    assert.deepEqual(codes(r), ['LIVE_UNEXPECTED_ERROR']);
    assert.equal(r.findings[0].severity, 'warning');
    assert.match(r.findings[0].message, /cancelled while the JavaScript SDK was resolving credentials/);
    assert.deepEqual(r.error, { name: 'AbortError', message: 'The live check was cancelled' });
  });

  describe('through the command line', () => {
    async function cli(argv: string[], env: Record<string, string>) {
      let out = '';
      let err = '';
      const before = envSnapshot();
      const code = await runCli({
        argv,
        env,
        stdout: (s) => (out += s),
        stderr: (s) => (err += s),
        now: () => Date.now(),
        homedir: '/nonexistent',
        loadLive: () => ({ runLiveCheck: (o, d) => runLiveCheck(o, d, CHILD) }),
      });
      assert.equal(envSnapshot(), before, "the CLI's live check must not change this process's environment");
      return { code, out, err };
    }

    it('diagnose --live --json on a healthy fixture home → exit 0, report.live filled, IDENTITY_CONFIRMED', async () => {
      const h = home({
        '.aws/credentials': `[default]\naws_access_key_id = ${user.id}\naws_secret_access_key = ${user.secret}\n`,
        '.aws/config': '[default]\nregion = eu-west-1\n',
      });
      const r = await cli(['diagnose', '--live', '--json', '--home', h], {
        AWS_ENDPOINT_URL_STS: moto!.url,
        AWS_EC2_METADATA_DISABLED: 'true',
        PATH: process.env.PATH ?? '/usr/bin',
      });
      assert.equal(r.code, 0, r.out + r.err);
      const report = JSON.parse(r.out);
      assert.equal(report.live.ok, true);
      assert.equal(report.live.account, ACCOUNT);
      assert.equal(report.live.arn, `arn:aws:iam::${ACCOUNT}:user/doctor`);
      assert.equal(report.live.error, null);
      assert.deepEqual(liveCodes(report), ['IDENTITY_CONFIRMED']);
      assert.equal(report.summary.errors, 0);
      assertNoSecrets(r.out + r.err, [user.secret, user.id]);
    });

    it('diagnose --live --json with a wrong secret → exit 1 and LIVE_SIGNATURE_MISMATCH at the secret line', async () => {
      const wrong = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk';
      const h = home({
        '.aws/credentials': `[default]\naws_access_key_id = ${user.id}\naws_secret_access_key = ${wrong}\n`,
        '.aws/config': '[default]\nregion = eu-west-1\n',
      });
      const r = await cli(['diagnose', '--live', '--json', '--home', h, '--timeout', '4'], {
        AWS_ENDPOINT_URL_STS: moto!.url,
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      assert.equal(r.code, 1, r.out + r.err);
      const report = JSON.parse(r.out);
      assert.equal(report.live.ok, false);
      assert.deepEqual(report.live.error, {
        name: 'SignatureDoesNotMatch',
        message: report.live.error.message,
        httpStatus: 403,
      });
      const liveFindings = report.findings.filter((f: { code: string }) => LIVE_CODE.test(f.code));
      assert.deepEqual(
        liveFindings.map((f: { code: string; line: number }) => [f.code, f.line]),
        [['LIVE_SIGNATURE_MISMATCH', 3]],
      );
      assertNoSecrets(r.out + r.err, [wrong, user.secret, user.id]);
    });

    it('the bundle: node dist/cli.js diagnose --live --json --home forks dist/live.js and reports the stale token', function () {
      const bin = path.join(ROOT, 'dist', 'cli.js');
      if (!fs.existsSync(bin) || !fs.existsSync(path.join(ROOT, 'dist', 'live.js')))
        throw new Error('dist/cli.js and dist/live.js are missing: run `node esbuild.config.mjs` (npm pretest does)');
      const token =
        'FwoGZXIvYXdzLeftoverTokenForTheBundleTest0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/==';
      const h = home({
        '.aws/credentials': `[default]\naws_access_key_id = ${user.id}\naws_secret_access_key = ${user.secret}\n`,
      });
      // NODE_OPTIONS is part of the environment the child is given: the guard loads in both processes.
      const env = {
        PATH: process.env.PATH ?? '/usr/bin',
        NODE_OPTIONS: `--require ${LOOPBACK_GUARD}`,
        AWS_ENDPOINT_URL_STS: moto!.url,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1',
        AWS_SESSION_TOKEN: token,
        AWS_ACCESS_KEY_ID: user.id,
        AWS_SECRET_ACCESS_KEY: user.secret,
      };
      const r = spawnSync(process.execPath, [bin, 'diagnose', '--live', '--json', '--home', h], {
        env,
        encoding: 'utf8',
        timeout: 30000,
      });
      assert.equal(r.status, 1, r.stderr);
      const report = JSON.parse(r.stdout);
      const live = report.findings.find((f: { code: string }) => f.code.startsWith('LIVE_'));
      assert.equal(live.code, 'LIVE_INVALID_CLIENT_TOKEN');
      assert.match(live.message, /STALE_SESSION_TOKEN/);
      assert.equal(report.live.error.name, 'InvalidClientTokenId');
      assert.doesNotMatch(r.stderr, /loopback guard/);
      assertNoSecrets(r.stdout + r.stderr, [token, user.secret, user.id]);
    });
  });
});
