/**
 * The live check (src/live/liveCheck.ts) through the real AWS SDK for JavaScript v3, over HTTP,
 * against a real moto server with authentication enforced (TEST_SERVER_MODE=true): moto answers
 * with the genuine InvalidClientTokenId / SignatureDoesNotMatch. The IAM user and its access key
 * are created through moto's real IAM API by boto3 in a short python3 subprocess (the first
 * INITIAL_NO_AUTH_ACTION_COUNT=2 calls are let through unauthenticated).
 *
 * Two things moto cannot do are served by `startFakeSts` below, a HAND-WRITTEN FAKE: a Date
 * header that is off (moto always sends the real date) and ExpiredToken (moto never checks the
 * expiry of credentials), answered with the documented STS bodies.
 *
 * Every process.env variable a test changes is saved and restored; homes are fixture dirs; IMDS is
 * disabled; the loopback guard below makes any non-loopback connection throw.
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
import * as os from 'node:os';
import type { LiveCheckOptions, LiveCheckResult } from '../../src/live/liveCheck';
import { runLiveCheck } from '../../src/live/liveCheck';
import { diagnose } from '../../src/engine/diagnose';
import type { Diagnosis } from '../../src/engine/diagnosis';
import { nodeFileSystem } from '../../src/nodeHost/fileSystem';
import { runCli } from '../../src/cli/main';
import type { MotoServer } from '../support/motoServer';
import { freePort, startMotoServer } from '../support/motoServer';


const ROOT = PROJECT_ROOT;
const ACCOUNT = '123456789012';
const MINUTE = 60_000;

// ------------------------------------------------------------------------------------ servers

function pythonExe(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import sys, boto3, moto; print(sys.executable)'], { encoding: 'utf8', timeout: 30000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

type AuthMoto = MotoServer;

/** moto with authentication enforced: the first `freeActions` calls may create users and keys. */
function startAuthMoto(py: string, workDir: string, freeActions: number): Promise<AuthMoto> {
  return startMotoServer(py, workDir, { TEST_SERVER_MODE: 'true', INITIAL_NO_AUTH_ACTION_COUNT: String(freeActions) });
}

/** Creates an IAM user and an access key through moto's real IAM API (boto3, loopback-guarded). */
function createIamUser(py: string, motoUrl: string, userName: string): { arn: string; id: string; secret: string } {
  const script = [
    'import sys, json',
    `sys.path.insert(0, ${JSON.stringify(path.join(ROOT, 'test', 'support'))})`,
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
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir(), PYTHONDONTWRITEBYTECODE: '1', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
  });
  if (r.status !== 0) throw new Error(`creating the IAM user in moto failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

type FakeHandler = (req: http.IncomingMessage, body: string) => { status: number; headers?: Record<string, string>; body: string };

/**
 * A HAND-WRITTEN FAKE of STS, for what moto cannot produce: moto always sends the real Date
 * header, and never answers ExpiredToken (it does not check the expiry of credentials). It
 * answers with the documented awsQuery XML bodies; each test sets `handler`.
 */
async function startFakeSts(): Promise<{ url: string; handler: FakeHandler; requests: number; close(): Promise<void> }> {
  const state = {
    url: '',
    requests: 0,
    handler: (() => ({ status: 500, body: 'no handler' })) as FakeHandler,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      state.requests++;
      const out = state.handler(req, body);
      res.writeHead(out.status, { 'content-type': 'text/xml', ...(out.headers ?? {}) });
      res.end(out.body);
    });
  });
  // The SDK keeps sockets alive; do not let them hold the process.
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return state;
}

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
function callerIdentityXml(arn: string, userId: string): string {
  return `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>${userId}</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
}
function stsErrorXml(code: string, message: string): string {
  return `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ErrorResponse>`;
}

// ------------------------------------------------------------------------------------ fixtures

let tmpRoot = '';
function home(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(tmpRoot, 'home-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dir, rel), text, { mode: 0o600 });
  }
  return dir;
}

function diagnosisFor(homeDir: string, env: Record<string, string>, explicitProfile?: string): Diagnosis {
  return diagnose({
    env: { HOME: homeDir, PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_EC2_METADATA_DISABLED: 'true', ...env },
    fs: nodeFileSystem,
    now: Date.now(),
    fallbackHomeDir: homeDir,
    explicitProfile,
  });
}

function codes(r: { findings: readonly { code: string }[] }): string[] {
  return r.findings.map((f) => f.code);
}

/** The live check's own codes, among the static findings of a whole report. */
const LIVE_CODE = /^(LIVE_|IDENTITY_CONFIRMED$|CLOCK_SKEW$)/;
function liveCodes(report: { findings: readonly { code: string }[] }): string[] {
  return codes(report).filter((c) => LIVE_CODE.test(c));
}

/** No secret or token used by the test may appear anywhere in what the check returned. */
function assertNoSecrets(value: unknown, secrets: readonly string[]): void {
  const text = JSON.stringify(value);
  for (const s of secrets) assert.ok(!text.includes(s), `a secret leaked: ...${s.slice(-4)}`);
}

function envSnapshot(): string {
  return JSON.stringify(Object.entries(process.env).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Runs the check and asserts that process.env is exactly what it was before (`envLags`: except
 * AWS_EC2_METADATA_DISABLED, which a timed-out check keeps set until its chain settles).
 */
async function live(d: Diagnosis, options: LiveCheckOptions = {}, envLags = false): Promise<LiveCheckResult> {
  const before = envSnapshot();
  const r = await runLiveCheck({ timeoutMs: 5000, ...options }, d);
  if (envLags) {
    assert.equal(process.env.AWS_EC2_METADATA_DISABLED, 'true', 'held while the timed-out chain runs');
    const held = process.env.AWS_EC2_METADATA_DISABLED;
    delete process.env.AWS_EC2_METADATA_DISABLED;
    const after = envSnapshot();
    if (held !== undefined) process.env.AWS_EC2_METADATA_DISABLED = held;
    assert.equal(after, before, 'the live check must restore process.env');
  } else assert.equal(envSnapshot(), before, 'the live check must restore process.env');
  return r;
}

// ------------------------------------------------------------------------------------ the suite

describe('live check: real JS SDK against moto with authentication enforced', function () {
  this.timeout(60000);
  let py: string | undefined;
  let moto: AuthMoto | undefined;
  let fake: Awaited<ReturnType<typeof startFakeSts>>;
  let user: { arn: string; id: string; secret: string };
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
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-live-'));
    [moto, fake] = await Promise.all([startAuthMoto(py!, tmpRoot, 2), startFakeSts()]);
    user = createIamUser(py!, moto.url, 'doctor');
    // The process itself: no real AWS setup visible, a fixture HOME, IMDS off, STS on loopback.
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) setProcessEnv(k, undefined);
    setProcessEnv('HOME', home());
    setProcessEnv('AWS_EC2_METADATA_DISABLED', 'true');
    setProcessEnv('AWS_ENDPOINT_URL_STS', moto.url);
  });

  after(async () => {
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await Promise.allSettled([moto?.stop(), fake?.close()]);
    if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  afterEach(() => {
    const violations = (globalThis as { __loopbackGuardViolations?: string[] }).__loopbackGuardViolations ?? [];
    assert.deepEqual(violations, [], 'no connection may leave the loopback interface');
  });

  const envKeys = () => ({ AWS_ACCESS_KEY_ID: user.id, AWS_SECRET_ACCESS_KEY: user.secret, AWS_ENDPOINT_URL_STS: moto!.url });

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
    const token = 'FwoGZXIvYXdzELR//////////wEaDLeftOverFromAnEarlierMfaSessionXyzAbc123+/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789==';
    const d = diagnosisFor(home(), { ...envKeys(), AWS_SESSION_TOKEN: token });
    assert.ok(d.findings.some((f) => f.code === 'STALE_SESSION_TOKEN'), 'precondition: the engine flags the stale token');
    const r = await live(d);
    assert.deepEqual(codes(r), ['LIVE_INVALID_CLIENT_TOKEN'], JSON.stringify(r.findings));
    const f = r.findings[0];
    assert.equal(f.severity, 'error');
    assert.match(f.message, /STALE_SESSION_TOKEN/);
    assert.match(f.message, /InvalidClientTokenId, HTTP 403: "The security token included in the request is invalid\."/);
    assert.equal(f.env, 'AWS_SESSION_TOKEN');
    assert.deepEqual(f.tools, ['node', 'python', 'cli']);
    assert.deepEqual(f.fixes.map((x) => x.action), [{ kind: 'unsetEnv', name: 'AWS_SESSION_TOKEN' }]);
    assert.deepEqual(r.error, { name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', httpStatus: 403 });
    assert.equal(r.ok, false);
    assertNoSecrets(r, [user.secret, token, user.id]);
  });

  it('(3) an unknown key in the credentials file → LIVE_INVALID_CLIENT_TOKEN with the usual causes, at the key line', async () => {
    const secret = 'Zm9vYmFyYmF6cXV4UXVVeDEyMzQ1Njc4OTAvKytBQkM';
    const h = home({ '.aws/credentials': `[default]\naws_access_key_id = AKIAZZZZZZZZZZZZZZZZ\naws_secret_access_key = ${secret}\n` });
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
    assert.match(r.findings[0].message, new RegExp(`STS could not be reached at http://127\\.0\\.0\\.1:${port}/ \\(ECONNREFUSED`));
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
    fake.handler = () => ({ status: 200, headers: { date: new Date(Date.now() - 20 * MINUTE).toUTCString() }, body: callerIdentityXml(`arn:aws:iam::${ACCOUNT}:user/skewed`, uniqueId) });
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
      body: stsErrorXml('SignatureDoesNotMatch', 'Signature expired: 20260127T001427Z is now earlier than 20260127T014428Z (20260127T015928Z - 15 min.)'),
    });
    const r = await live(diagnosisFor(home(), { ...envKeys(), AWS_ENDPOINT_URL_STS: fake.url }));
    assert.deepEqual(codes(r), ['CLOCK_SKEW'], JSON.stringify(r.findings));
    assert.equal(r.findings[0].severity, 'error');
    assert.match(r.findings[0].message, /20\.0 minutes behind AWS/);
    assert.match(r.findings[0].message, /STS refused the request: "SignatureDoesNotMatch: Signature expired/);
    assert.equal(r.error?.name, 'SignatureDoesNotMatch');
  });

  it('(8) ExpiredToken: moto never checks expiry, so the hand-written fake answers the documented 403 ExpiredToken body → LIVE_EXPIRED_TOKEN with the known expiry', async () => {
    fake.handler = () => ({ status: 403, headers: { date: new Date().toUTCString() }, body: stsErrorXml('ExpiredToken', 'The security token included in the request is expired') });
    const token = 'IQoJb3JpZ2luX2VjEXAMPLEExpiredSessionToken0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/0123456789==';
    const secret = 'c2VjcmV0U2VjcmV0U2VjcmV0U2VjcmV0U2VjcmV0Uw';
    const expired = new Date(Date.now() - 2 * 3600_000).toISOString();
    const d = diagnosisFor(home(), { AWS_ACCESS_KEY_ID: 'ASIAZZZZZZZZZZZZZZZZ', AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token, AWS_CREDENTIAL_EXPIRATION: expired, AWS_ENDPOINT_URL_STS: fake.url });
    assert.equal(d.tools.node.expiry?.at, expired, 'precondition: the engine knows the expiry');
    const r = await live(d);
    assert.deepEqual(codes(r), ['LIVE_EXPIRED_TOKEN'], JSON.stringify(r.findings));
    const f = r.findings[0];
    assert.equal(f.severity, 'error');
    assert.match(f.message, /ExpiredToken, HTTP 403: "The security token included in the request is expired"/);
    assert.ok(f.message.includes(`expiry as ${expired} (AWS_CREDENTIAL_EXPIRATION)`), f.message);
    assert.deepEqual(r.error, { name: 'ExpiredToken', message: 'The security token included in the request is expired', httpStatus: 403 });
    assertNoSecrets(r, [token, secret, 'ASIAZZZZZZZZZZZZZZZZ']);
  });

  it('an SSO profile that never logged in → LIVE_SSO_TOKEN_ERROR with aws sso login --profile', async () => {
    const h = home({
      '.aws/config': '[profile corp]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n\n[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n',
    });
    const r = await live(diagnosisFor(h, { AWS_PROFILE: 'corp', AWS_ENDPOINT_URL_STS: moto!.url }));
    assert.deepEqual(codes(r), ['LIVE_SSO_TOKEN_ERROR'], JSON.stringify(r.findings));
    assert.match(r.findings[0].message, /SSO session token associated with profile=corp was not found or is invalid/);
    assert.deepEqual(r.findings[0].fixes.map((x) => x.action), [{ kind: 'runCommand', command: 'aws sso login --profile corp' }]);
  });

  it('endpoint selection: AWS_ENDPOINT_URL (generic) is honoured by the SDK for STS, and endpointUrl overrides AWS_ENDPOINT_URL_STS', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const generic = await live(diagnosisFor(home(), { AWS_ACCESS_KEY_ID: user.id, AWS_SECRET_ACCESS_KEY: user.secret, AWS_ENDPOINT_URL: moto!.url }));
    assert.deepEqual(codes(generic), ['IDENTITY_CONFIRMED'], JSON.stringify(generic.findings));
    const override = await live(diagnosisFor(home(), { ...envKeys(), AWS_ENDPOINT_URL_STS: closed }), { endpointUrl: moto!.url });
    assert.deepEqual(codes(override), ['IDENTITY_CONFIRMED'], JSON.stringify(override.findings));
    assert.ok(override.findings[0].message.includes(`endpoint ${moto!.url}/`));
  });

  it('instance metadata is never queried unless allowImds, even by a chain still running after the timeout', async () => {
    const imdsRequests: string[] = [];
    const imds = http.createServer((req, res) => {
      imdsRequests.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => imds.listen(0, '127.0.0.1', resolve));
    const imdsUrl = `http://127.0.0.1:${(imds.address() as net.AddressInfo).port}`;
    setProcessEnv('AWS_EC2_METADATA_DISABLED', undefined);
    // Also in process.env: a chain still running after the check restored the environment must
    // hit this recorder (a loopback guard violation otherwise), never 169.254.169.254.
    setProcessEnv('AWS_EC2_METADATA_SERVICE_ENDPOINT', imdsUrl);
    try {
      // The diagnosis does not disable IMDS; the check must, and must restore the variable.
      const base = { HOME: '', PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_EC2_METADATA_SERVICE_ENDPOINT: imdsUrl, AWS_ENDPOINT_URL_STS: moto!.url };
      const input = (h: string, extra: Record<string, string> = {}) => diagnose({ env: { ...base, HOME: h, ...extra }, fs: nodeFileSystem, now: Date.now(), fallbackHomeDir: h });
      const none = await live(input(home()));
      assert.deepEqual(codes(none), ['LIVE_NO_CREDENTIALS']);
      assert.deepEqual(imdsRequests, []);

      // A credential_process slower than the timeout: the check returns at the timeout, the chain
      // goes on, fails, and reaches its last link (IMDS) only after the check has returned.
      const slow = path.join(tmpRoot, 'slow-process.sh');
      // fromIni runs it, then fromProcess runs it again: the chain reaches IMDS after ~1 s.
      fs.writeFileSync(slow, '#!/bin/sh\nsleep 0.5\nexit 1\n', { mode: 0o755 });
      const h = home({ '.aws/config': `[default]\ncredential_process = ${slow}\n` });
      const started = Date.now();
      const timedOut = await live(input(h), { timeoutMs: 300 }, true);
      assert.ok(Date.now() - started < 1000);
      assert.deepEqual(codes(timedOut), ['LIVE_NETWORK_ERROR'], JSON.stringify(timedOut.findings));
      assert.match(timedOut.findings[0].message, /no answer within 300 ms/);
      await new Promise((r) => setTimeout(r, 2500));
      assert.deepEqual(imdsRequests, [], 'the late chain must not reach instance metadata');
      assert.equal(process.env.AWS_EC2_METADATA_DISABLED, undefined, 'restored once the late chain settled');

      // Control: with allowImds the same chain does query the (fake, loopback) metadata service.
      const allowed = await live(input(home()), { allowImds: true, timeoutMs: 3000 });
      assert.ok(imdsRequests.length > 0, 'control: allowImds reaches the metadata endpoint');
      assert.equal(allowed.ok, false);
    } finally {
      setProcessEnv('AWS_EC2_METADATA_DISABLED', 'true');
      setProcessEnv('AWS_EC2_METADATA_SERVICE_ENDPOINT', undefined);
      await new Promise<void>((resolve) => imds.close(() => resolve()));
    }
  });

  it('an already cancelled signal returns at once without a call', async () => {
    const before = moto!.url;
    const r = await live(diagnosisFor(home(), envKeys()), { signal: AbortSignal.abort() });
    assert.deepEqual(codes(r), ['LIVE_UNEXPECTED_ERROR']);
    assert.match(r.findings[0].message, /cancelled/);
    assert.equal(r.ok, false);
    assert.equal(before, moto!.url);
  });

  describe('through the command line', () => {
    async function cli(argv: string[], env: Record<string, string>) {
      let out = '';
      let err = '';
      const before = envSnapshot();
      const code = await runCli({ argv, env, stdout: (s) => (out += s), stderr: (s) => (err += s), now: () => Date.now(), homedir: '/nonexistent' });
      assert.equal(envSnapshot(), before, 'the CLI live check must restore process.env');
      return { code, out, err };
    }

    it('diagnose --live --json on a healthy fixture home → exit 0, report.live filled, IDENTITY_CONFIRMED', async () => {
      const h = home({ '.aws/credentials': `[default]\naws_access_key_id = ${user.id}\naws_secret_access_key = ${user.secret}\n`, '.aws/config': '[default]\nregion = eu-west-1\n' });
      const r = await cli(['diagnose', '--live', '--json', '--home', h], { AWS_ENDPOINT_URL_STS: moto!.url, AWS_EC2_METADATA_DISABLED: 'true', PATH: process.env.PATH ?? '/usr/bin' });
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
      const h = home({ '.aws/credentials': `[default]\naws_access_key_id = ${user.id}\naws_secret_access_key = ${wrong}\n`, '.aws/config': '[default]\nregion = eu-west-1\n' });
      const r = await cli(['diagnose', '--live', '--json', '--home', h, '--timeout', '4'], { AWS_ENDPOINT_URL_STS: moto!.url, AWS_EC2_METADATA_DISABLED: 'true' });
      assert.equal(r.code, 1, r.out + r.err);
      const report = JSON.parse(r.out);
      assert.equal(report.live.ok, false);
      assert.deepEqual(report.live.error, { name: 'SignatureDoesNotMatch', message: report.live.error.message, httpStatus: 403 });
      const liveFindings = report.findings.filter((f: { code: string }) => LIVE_CODE.test(f.code));
      assert.deepEqual(liveFindings.map((f: { code: string; line: number }) => [f.code, f.line]), [['LIVE_SIGNATURE_MISMATCH', 3]]);
      assertNoSecrets(r.out + r.err, [wrong, user.secret, user.id]);
    });

    it('the bundle: node dist/cli.js diagnose --live --json --home loads dist/live.js and reports the stale token', function () {
      const bin = path.join(ROOT, 'dist', 'cli.js');
      if (!fs.existsSync(bin) || !fs.existsSync(path.join(ROOT, 'dist', 'live.js'))) throw new Error('dist/cli.js and dist/live.js are missing: run `node esbuild.config.mjs` (npm pretest does)');
      const token = 'FwoGZXIvYXdzLeftoverTokenForTheBundleTest0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/==';
      const h = home({ '.aws/credentials': `[default]\naws_access_key_id = ${user.id}\naws_secret_access_key = ${user.secret}\n` });
      const env = { PATH: process.env.PATH ?? '/usr/bin', AWS_ENDPOINT_URL_STS: moto!.url, AWS_EC2_METADATA_DISABLED: 'true', AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1', AWS_SESSION_TOKEN: token, AWS_ACCESS_KEY_ID: user.id, AWS_SECRET_ACCESS_KEY: user.secret };
      const r = spawnSync(process.execPath, ['--require', path.join(ROOT, 'test', 'support', 'loopbackGuard.cjs'), bin, 'diagnose', '--live', '--json', '--home', h], { env, encoding: 'utf8', timeout: 30000 });
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
