/**
 * The live check on hostile but fair input (issue 8): each test is named after its input. STS is
 * real moto (with authentication enforced, and a second moto without it for the role and web
 * identity calls the SDK's chain makes itself); the answers that are not STS's at all (a captive
 * portal's page, an empty GetCallerIdentityResponse, a 200 MB body) come from the HAND-WRITTEN
 * FAKE server of helpers.ts on 127.0.0.1, because no real STS sends them.
 */
import * as path from 'node:path';
import { PROJECT_ROOT } from '../support/projectRoot';
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(path.join(PROJECT_ROOT, 'test', 'support', 'loopbackGuard.cjs'));

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type * as net from 'node:net';
import { runCli } from '../../src/cli/main';
import { runLiveCheck } from '../../src/live/liveCheck';
import type { MotoServer } from '../support/motoServer';
import { createIamUser, startMotoServer } from '../support/motoServer';
import type { FakeServer } from './helpers';
import {
  ACCOUNT,
  CHILD,
  Homes,
  LIVE_CODE,
  assertNoSecrets,
  callerIdentityXml,
  codes,
  diagnosisFor,
  envSnapshot,
  live,
  pythonExe,
  startAuthMoto,
  startFakeServer,
} from './helpers';

const MB = 1024 * 1024;

describe('live check: hostile input', function () {
  this.timeout(120000);
  let py: string | undefined;
  let moto: MotoServer | undefined;
  /** moto without authentication: AssumeRole / AssumeRoleWithWebIdentity answer with credentials. */
  let openMoto: MotoServer | undefined;
  let fake: FakeServer;
  let user: { arn: string; id: string; secret: string };
  let homes: Homes;
  const home = (files: Record<string, string> = {}) => homes.home(files);

  before(async function () {
    py = pythonExe();
    if (!py) {
      if (process.env.CI) throw new Error('python3 with boto3 and moto is required (scripts/setup-test-peers.sh)');
      this.skip();
    }
    homes = new Homes();
    fs.mkdirSync(path.join(homes.root, 'open'));
    [moto, openMoto, fake] = await Promise.all([
      startAuthMoto(py!, homes.root, 2),
      startMotoServer(py!, path.join(homes.root, 'open')),
      startFakeServer(),
    ]);
    user = createIamUser(py!, moto.url, 'doctor');
  });

  after(async () => {
    await Promise.allSettled([moto?.stop(), openMoto?.stop(), fake?.close()]);
    homes?.remove();
  });

  const envKeys = (endpoint = moto!.url) => ({
    AWS_ACCESS_KEY_ID: user.id,
    AWS_SECRET_ACCESS_KEY: user.secret,
    AWS_ENDPOINT_URL_STS: endpoint,
  });

  async function cli(argv: string[], env: Record<string, string>) {
    const lines: string[] = [];
    let out = '';
    const code = await runCli({
      argv,
      env,
      stdout: (s) => (out += s),
      stderr: (s) => lines.push(s),
      now: () => Date.now(),
      homedir: '/nonexistent',
      loadLive: () => ({ runLiveCheck: (o, d) => runLiveCheck(o, d, CHILD) }),
    });
    return { code, out, err: lines.join(''), lines };
  }

  describe('#7 an endpoint that answers 200 but not like STS', () => {
    it('a captive portal page (200 text/html) → LIVE_NETWORK_ERROR "did not answer like STS", not IDENTITY_CONFIRMED; exit 0 without an identity', async () => {
      fake.handler = () => ({
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!DOCTYPE html><html><head><title>Hotel Wi-Fi</title></head><body><form action="/login"><input name="room"></form></body></html>',
      });
      const r = await live(diagnosisFor(home(), envKeys(fake.url)));
      assert.deepEqual(codes(r), ['LIVE_NETWORK_ERROR'], JSON.stringify(r.findings));
      assert.equal(r.ok, false);
      assert.equal(r.account, undefined);
      assert.equal(r.findings[0].severity, 'warning');
      assert.match(
        r.findings[0].message,
        new RegExp(`^${fake.url}/ did not answer like STS\\. The answer \\(HTTP 200, text/html; charset=utf-8\\)`),
      );
      assert.match(r.findings[0].message, /captive portal/);
      assert.equal(r.error?.name, 'NotAnStsResponse');
      assert.equal(r.error?.httpStatus, 200);
      assertNoSecrets(r, [user.secret]);

      const h = home({
        '.aws/credentials': `[default]\naws_access_key_id = ${user.id}\naws_secret_access_key = ${user.secret}\n`,
        '.aws/config': '[default]\nregion = eu-west-1\n',
      });
      const c = await cli(['diagnose', '--live', '--json', '--home', h, '--endpoint-url', fake.url], {
        PATH: process.env.PATH ?? '/usr/bin',
      });
      const report = JSON.parse(c.out);
      assert.equal(report.live.ok, false);
      assert.equal(report.live.account, null);
      assert.deepEqual(
        report.findings.filter((f: { code: string }) => LIVE_CODE.test(f.code)).map((f: { code: string }) => f.code),
        ['LIVE_NETWORK_ERROR'],
      );
      assert.equal(c.code, 0, 'a warning: nothing is known about the credentials');
    });

    it('an empty <GetCallerIdentityResponse/> (200 text/xml) → not IDENTITY_CONFIRMED: no account, no ARN', async () => {
      fake.handler = () => ({
        status: 200,
        body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"/>`,
      });
      const r = await live(diagnosisFor(home(), envKeys(fake.url)));
      assert.deepEqual(codes(r), ['LIVE_NETWORK_ERROR'], JSON.stringify(r.findings));
      assert.equal(r.ok, false);
      assert.match(
        r.findings[0].message,
        /did not answer like STS\. The answer \(HTTP 200, text\/xml\) is not an STS GetCallerIdentity result: no account, no ARN, no user id\./,
      );
    });

    it('a GetCallerIdentityResponse with an 11-digit account and a non-IAM ARN → not IDENTITY_CONFIRMED, each problem named', async () => {
      fake.handler = () => ({
        status: 200,
        body: callerIdentityXml('arn:aws:s3:::bucket', 'AIDAEXAMPLEUSERID0001', '12345678901'),
      });
      const r = await live(diagnosisFor(home(), envKeys(fake.url)));
      assert.deepEqual(codes(r), ['LIVE_NETWORK_ERROR'], JSON.stringify(r.findings));
      assert.match(
        r.findings[0].message,
        /not an STS GetCallerIdentity result: the account is not 12 digits, the ARN is not an IAM or STS identity ARN\./,
      );
    });

    it('a GetCallerIdentityResponse whose ARN names another account than Account → not IDENTITY_CONFIRMED', async () => {
      fake.handler = () => ({
        status: 200,
        body: callerIdentityXml('arn:aws:iam::999999999999:user/x', 'AIDAEXAMPLEUSERID0001'),
      });
      const r = await live(diagnosisFor(home(), envKeys(fake.url)));
      assert.deepEqual(codes(r), ['LIVE_NETWORK_ERROR'], JSON.stringify(r.findings));
      assert.match(r.findings[0].message, /the ARN's account is not the account\./);
    });

    it('a 200 MB body → cut off at 1 MB: not IDENTITY_CONFIRMED, and the child stays near its ordinary peak memory', async () => {
      // Control first: the same check answered with a small, valid body.
      fake.handler = () => ({
        status: 200,
        body: callerIdentityXml(`arn:aws:iam::${ACCOUNT}:user/control`, 'AIDAEXAMPLEUSERID0001'),
      });
      const small = await live(diagnosisFor(home(), envKeys(fake.url)));
      assert.deepEqual(codes(small), ['IDENTITY_CONFIRMED'], JSON.stringify(small.findings));

      let sent = 0;
      fake.handler = () => ({
        status: 200,
        headers: { 'content-length': String(200 * MB) },
        body: (res) => {
          const chunk = Buffer.alloc(64 * 1024, 'A');
          const pump = () => {
            while (sent < 200 * MB && !res.destroyed) {
              sent += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
            res.end();
          };
          res.on('close', () => res.destroy());
          pump();
        },
      });
      const huge = await live(diagnosisFor(home(), envKeys(fake.url)));
      assert.deepEqual(codes(huge), ['LIVE_NETWORK_ERROR'], JSON.stringify(huge.findings));
      assert.match(
        huge.findings[0].message,
        /did not answer like STS\. The response body \(HTTP 200, text\/xml\) is larger than any STS answer: reading stopped after 1048576 bytes\./,
      );
      assert.ok(small.maxRssBytes && huge.maxRssBytes, 'the child reports its peak memory');
      const mb = (n: number) => (n / MB).toFixed(1);
      console.log(
        `      child peak RSS: small body ${mb(small.maxRssBytes!)} MB, 200 MB body ${mb(huge.maxRssBytes!)} MB; the server wrote ${mb(sent)} MB before the child hung up`,
      );
      assert.ok(
        huge.maxRssBytes! < small.maxRssBytes! + 32 * MB,
        `peak ${mb(huge.maxRssBytes!)} MB against ${mb(small.maxRssBytes!)} MB`,
      );
      assert.ok(sent < 100 * MB, `the child stopped reading: ${mb(sent)} MB sent`);
    });
  });

  it('#8 InvalidClientTokenId for profile "default" while profile "other" has a stale session token → the finding names default\'s key line, not other\'s token', async () => {
    const h = home({
      '.aws/credentials': [
        '[default]',
        'aws_access_key_id = AKIAZZZZZZZZZZZZZZZZ',
        'aws_secret_access_key = Zm9vYmFyYmF6cXV4UXVVeDEyMzQ1Njc4OTAvKytBQkM',
        '',
        '[other]',
        `aws_access_key_id = ${user.id}`,
        `aws_secret_access_key = ${user.secret}`,
        'aws_session_token = FwoGZXIvYXdzEBcaDStaleTokenOfAnotherProfile0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ==',
        '',
      ].join('\n'),
    });
    const d = diagnosisFor(h, { AWS_ENDPOINT_URL_STS: moto!.url });
    assert.ok(
      d.findings.some((f) => f.code === 'PROFILE_STALE_SESSION_TOKEN' && f.line === 8),
      "precondition: the engine flags the other profile's token",
    );
    const r = await live(d);
    assert.deepEqual(codes(r), ['LIVE_INVALID_CLIENT_TOKEN'], JSON.stringify(r.findings));
    const f = r.findings[0];
    assert.equal(f.file, path.join(h, '.aws', 'credentials'));
    assert.equal(f.line, 2, "default's access key line");
    assert.doesNotMatch(f.message, /PROFILE_STALE_SESSION_TOKEN|profile "other"|line 8/);
    assert.match(f.message, /Nothing on this machine explains it/);
    assert.deepEqual(f.fixes, [], "no fix of the other profile's line");
    assert.deepEqual(f.related, []);
  });

  describe('#9 --timeout out of range', () => {
    for (const value of ['3000000', '1e9', 'Infinity', '0.05', '121']) {
      it(`--timeout ${value} → usage error, exit 2, no TimeoutOverflowWarning, nothing contacted`, () => {
        const bin = path.join(PROJECT_ROOT, 'dist', 'cli.js');
        const h = home({
          '.aws/credentials': `[default]\naws_access_key_id = ${user.id}\naws_secret_access_key = ${user.secret}\n`,
        });
        const before = fake.requests;
        const r = spawnSync(
          process.execPath,
          [bin, 'diagnose', '--live', '--timeout', value, '--home', h, '--endpoint-url', fake.url],
          {
            env: { PATH: process.env.PATH ?? '/usr/bin', AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1' },
            encoding: 'utf8',
            timeout: 30000,
          },
        );
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.match(
          r.stderr,
          new RegExp(
            `^aws-credentials-doctor: --timeout takes 0\\.1 to 120 seconds \\(got ${value === '1e9' ? '1000000000' : value}\\)\\n\\nUsage:`,
          ),
        );
        assert.doesNotMatch(r.stderr, /TimeoutOverflowWarning|Warning/);
        assert.equal(r.stdout, '');
        assert.equal(fake.requests, before);
      });
    }

    it('--timeout 0.1 and --timeout 120 are accepted (the bounds)', async () => {
      fake.handler = () => ({
        status: 200,
        body: callerIdentityXml(`arn:aws:iam::${ACCOUNT}:user/bounds`, 'AIDAEXAMPLEUSERID0001'),
      });
      const h = home({
        '.aws/credentials': `[default]\naws_access_key_id = ${user.id}\naws_secret_access_key = ${user.secret}\n`,
      });
      for (const value of ['0.1', '120']) {
        const c = await cli(
          ['diagnose', '--live', '--json', '--timeout', value, '--home', h, '--endpoint-url', fake.url],
          { PATH: process.env.PATH ?? '/usr/bin' },
        );
        assert.notEqual(c.code, 2, c.err);
        assert.equal(JSON.parse(c.out).live.durationMs >= 0, true);
      }
    });
  });

  describe('#12 what --live executes and contacts', () => {
    it("--endpoint-url with a source_profile role → the SDK chain's own AssumeRole goes to the override too (moto), then GetCallerIdentity as the role", async () => {
      const h = home({
        '.aws/config': `[profile deploy]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/deployer\nsource_profile = base\nregion = eu-west-1\n`,
        '.aws/credentials': `[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`,
      });
      const r = await live(diagnosisFor(h, {}, 'deploy'), { profile: 'deploy', endpointUrl: openMoto!.url });
      assert.deepEqual(codes(r), ['IDENTITY_CONFIRMED'], JSON.stringify(r.findings) + r.stderr);
      assert.match(r.arn ?? '', new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/deployer/`));
    });

    it('--endpoint-url with AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN → AssumeRoleWithWebIdentity goes to the override too (moto)', async () => {
      const h = home({ 'token.jwt': 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkb2N0b3IifQ.c2lnbmF0dXJl' });
      const env = {
        AWS_WEB_IDENTITY_TOKEN_FILE: path.join(h, 'token.jwt'),
        AWS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/web-runner`,
        AWS_ROLE_SESSION_NAME: 'doctor',
        AWS_REGION: 'eu-west-1',
      };
      const r = await live(diagnosisFor(h, env), { endpointUrl: openMoto!.url });
      assert.deepEqual(codes(r), ['IDENTITY_CONFIRMED'], JSON.stringify(r.findings) + r.stderr);
      assert.match(r.arn ?? '', new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/web-runner/doctor$`));
    });

    it('AWS_CONTAINER_CREDENTIALS_FULL_URI without --allow-imds → withheld from the child, said before and in the finding; with --allow-imds the container endpoint is used', async () => {
      const requests: string[] = [];
      const container = http.createServer((req, res) => {
        requests.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            AccessKeyId: user.id,
            SecretAccessKey: user.secret,
            Token: '',
            Expiration: new Date(Date.now() + 3600_000).toISOString(),
          }),
        );
      });
      await new Promise<void>((resolve) => container.listen(0, '127.0.0.1', resolve));
      const uri = `http://127.0.0.1:${(container.address() as net.AddressInfo).port}/v2/credentials/abc`;
      try {
        const h = home();
        const env = { AWS_CONTAINER_CREDENTIALS_FULL_URI: uri, AWS_ENDPOINT_URL_STS: moto!.url };
        const c = await cli(['diagnose', '--live', '--json', '--home', h], {
          PATH: process.env.PATH ?? '/usr/bin',
          ...env,
        });
        assert.equal(
          c.lines[0],
          'aws-credentials-doctor: AWS_CONTAINER_CREDENTIALS_FULL_URI is withheld from the live check: the container credential endpoint is contacted only when instance metadata is allowed (--allow-imds).\n',
        );
        const report = JSON.parse(c.out);
        const f = report.findings.find((x: { code: string }) => LIVE_CODE.test(x.code));
        assert.equal(f.code, 'LIVE_NO_CREDENTIALS');
        assert.match(
          f.message,
          /AWS_CONTAINER_CREDENTIALS_FULL_URI withheld \(the container endpoint is contacted only with --allow-imds\)/,
        );
        assert.deepEqual(requests, [], 'the container endpoint was not contacted');

        const allowed = await cli(['diagnose', '--live', '--json', '--allow-imds', '--home', h], {
          PATH: process.env.PATH ?? '/usr/bin',
          ...env,
        });
        assert.equal(allowed.err, '');
        assert.equal(JSON.parse(allowed.out).live.arn, user.arn, allowed.out);
        assert.deepEqual(requests, ['GET /v2/credentials/abc']);
      } finally {
        await new Promise<void>((resolve) => container.close(() => resolve()));
      }
    });

    it('a credential_process profile → "runs the credential_process" on standard error before the process runs', async () => {
      const marker = path.join(homes.root, 'process-ran');
      const script = path.join(homes.root, 'creds.sh');
      fs.writeFileSync(
        script,
        `#!/bin/sh\ntouch ${marker}\nprintf '{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"%s"}' "${user.id}" "${user.secret}"\n`,
        { mode: 0o755 },
      );
      const h = home({
        '.aws/config': `[profile tool]\ncredential_process = ${script} --role dev\nregion = us-east-1\n`,
      });
      const ranBeforeNotice: boolean[] = [];
      let out = '';
      const lines: string[] = [];
      const code = await runCli({
        argv: ['diagnose', '--live', '--json', '--home', h, '--profile', 'tool'],
        env: { PATH: process.env.PATH ?? '/usr/bin', AWS_ENDPOINT_URL_STS: moto!.url },
        stdout: (s) => (out += s),
        stderr: (s) => {
          lines.push(s);
          ranBeforeNotice.push(fs.existsSync(marker));
        },
        now: () => Date.now(),
        homedir: '/nonexistent',
        loadLive: () => ({ runLiveCheck: (o, d) => runLiveCheck(o, d, CHILD) }),
      });
      assert.deepEqual(lines, [
        `aws-credentials-doctor: The live check runs the credential_process of profile "tool": ${script} --role dev\n`,
      ]);
      assert.deepEqual(ranBeforeNotice, [false], 'said before the process ran');
      assert.ok(fs.existsSync(marker), 'then it ran');
      assert.equal(code, 0, out);
      assert.equal(JSON.parse(out).live.arn, user.arn);
      assertNoSecrets(out + lines.join(''), [user.secret]);
    });

    it('an SSO profile with --endpoint-url → says before it runs that the SSO portal calls are not redirected', async () => {
      const h = home({
        '.aws/config':
          '[profile corp]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n\n[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n',
      });
      const c = await cli(
        ['diagnose', '--live', '--json', '--home', h, '--profile', 'corp', '--endpoint-url', moto!.url],
        { PATH: process.env.PATH ?? '/usr/bin' },
      );
      assert.deepEqual(c.lines, [
        "aws-credentials-doctor: --endpoint-url redirects STS calls only: the SDK still asks the SSO portal (GetRoleCredentials, and CreateToken to refresh the token) at AWS's SSO endpoints for sso_region, or where AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL_SSO_OIDC or AWS_ENDPOINT_URL point.\n",
      ]);
      const f = JSON.parse(c.out).findings.find((x: { code: string }) => LIVE_CODE.test(x.code));
      assert.equal(f.code, 'LIVE_SSO_TOKEN_ERROR', 'no token cached: the SDK stops before any call');
    });
  });

  it("the parent's environment is the same before and after, whatever the check did", async () => {
    const before = envSnapshot();
    await live(diagnosisFor(home(), envKeys()));
    assert.equal(envSnapshot(), before);
  });
});
