/**
 * The live check's pure parts under plain Node, without the AWS SDK: the classification of an
 * outcome into findings (classify.ts), what an error says (errorInfo.ts), the plan made before
 * the child starts (plan.ts), the --timeout range (timeout.ts), and the one merge of a live check
 * into a report (engine/liveReport.ts). In-memory fixture homes and an injected clock.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { diagnose } from '../../src/engine/diagnose';
import type { Diagnosis } from '../../src/engine/findings/diagnosis';
import { withLiveCheck } from '../../src/engine/output/liveReport';
import { buildReport, exitCodeOf } from '../../src/engine/output/report';
import type { LiveContext, LiveEnding } from '../../src/live/classify';
import { classifyLiveCheck, notStsReason } from '../../src/live/classify';
import { describeError } from '../../src/live/errorInfo';
import { planLiveCheck } from '../../src/live/plan';
import type { ErrorInfo, LiveOutcome } from '../../src/live/protocol';
import { timeoutProblem } from '../../src/live/timeout';
import { MemoryHost } from '../support/memoryHost';
import { PROJECT_ROOT } from '../support/projectRoot';

const HOME = '/home/me';
const NOW = Date.parse('2026-03-01T12:00:00Z');
const ACCOUNT = '123456789012';
const SECRET = 'Zm9vYmFyYmF6cXV4UXVVeDEyMzQ1Njc4OTAvKytB';
const TOKEN = 'FwoGZXIvYXdzEBcaDStaleTokenOfAnotherProfile0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ==';

function diagnosis(
  files: Record<string, string>,
  env: Record<string, string> = {},
  explicitProfile?: string,
): Diagnosis {
  const host = new MemoryHost(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${HOME}/${k}`, v])));
  return diagnose({
    env: { HOME, PATH: '/usr/bin:/bin', ...env },
    fs: host,
    now: NOW,
    fallbackHomeDir: HOME,
    explicitProfile,
  });
}

function context(d: Diagnosis, extra: Partial<LiveContext> = {}): LiveContext {
  return {
    d,
    profile: d.tools.node.profile,
    region: 'us-east-1',
    regionFrom: 'test',
    timeoutMs: 5000,
    allowImds: false,
    withheld: [],
    maxBodyBytes: 1024,
    endpoint: 'https://sts.us-east-1.amazonaws.com/',
    keyId: '****************ZZZZ',
    ...extra,
  };
}

const answered = (result: LiveOutcome['result'], more: Partial<LiveOutcome> = {}): LiveEnding => ({
  kind: 'answered',
  outcome: { result, debug: [], maxRssBytes: 0, ...more },
});
const failed = (error: ErrorInfo, stage: 'credentials' | 'call' = 'call', more: Partial<LiveOutcome> = {}) =>
  answered({ kind: 'error', stage, error }, more);
const codes = (r: { findings: readonly { code: string }[] }) => r.findings.map((f) => f.code);

const TWO_PROFILES = {
  '.aws/credentials': `[default]\naws_access_key_id = AKIAZZZZZZZZZZZZZZZZ\naws_secret_access_key = ${SECRET}\n\n[other]\naws_access_key_id = AKIAYYYYYYYYYYYYYYYY\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`,
};

describe('live check, pure parts', () => {
  it('classify, errorInfo, plan, timeout and liveReport load and run with the AWS SDK unresolvable', () => {
    const out = path.join(PROJECT_ROOT, 'out', 'src');
    const script = `
      const Module = require('module');
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (/^@aws-sdk\\/|^@smithy\\//.test(request)) throw new Error('the SDK was required: ' + request);
        return resolve.call(this, request, ...rest);
      };
      for (const m of ['live/classify', 'live/errorInfo', 'live/plan', 'live/timeout', 'live/protocol', 'live/types', 'engine/output/liveReport', 'engine/findings/redactFinding']) require(${JSON.stringify(out)} + '/' + m);
      process.stdout.write(String(Object.keys(require.cache).filter((k) => /node_modules/.test(k)).length));
    `;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '0', 'no package at all is loaded');
  });

  describe('classifyLiveCheck', () => {
    const d = diagnosis({
      '.aws/credentials': `[default]\naws_access_key_id = AKIAZZZZZZZZZZZZZZZZ\naws_secret_access_key = ${SECRET}\n`,
    });
    const table: [string, LiveEnding, string[], RegExp][] = [
      [
        'a valid identity',
        answered({
          kind: 'identity',
          account: ACCOUNT,
          arn: `arn:aws:iam::${ACCOUNT}:user/me`,
          userId: 'AIDAEXAMPLEUSERID0001',
        }),
        ['IDENTITY_CONFIRMED'],
        /account 123456789012, arn:aws:iam::123456789012:user\/me/,
      ],
      [
        'an assumed role in GovCloud',
        answered({
          kind: 'identity',
          account: ACCOUNT,
          arn: `arn:aws-us-gov:sts::${ACCOUNT}:assumed-role/r/s`,
          userId: 'AROAEXAMPLEROLEID0001:s',
        }),
        ['IDENTITY_CONFIRMED'],
        /arn:aws-us-gov:sts::/,
      ],
      [
        'an empty GetCallerIdentityResponse',
        answered({ kind: 'identity' }, { response: { status: 200, contentType: 'text/xml' } }),
        ['LIVE_NETWORK_ERROR'],
        /did not answer like STS\. The answer \(HTTP 200, text\/xml\) is not an STS GetCallerIdentity result: no account, no ARN, no user id\./,
      ],
      [
        'an account with letters',
        answered({ kind: 'identity', account: '12345678901a', arn: `arn:aws:iam::${ACCOUNT}:user/me`, userId: 'x' }),
        ['LIVE_NETWORK_ERROR'],
        /the account is not 12 digits/,
      ],
      [
        'an ARN with a newline',
        answered({ kind: 'identity', account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/me\n`, userId: 'x' }),
        ['LIVE_NETWORK_ERROR'],
        /the ARN is not an IAM or STS identity ARN/,
      ],
      [
        'a body cut off',
        answered(
          { kind: 'error', stage: 'call', error: { code: 'BodyTooLargeError', message: 'too large' } },
          { bodyTooLarge: true, response: { status: 200 } },
        ),
        ['LIVE_NETWORK_ERROR'],
        /larger than any STS answer: reading stopped after 1024 bytes/,
      ],
      [
        'a 200 the SDK could not parse',
        failed({ code: 'SyntaxError', message: 'Unexpected token' }, 'call', {
          response: { status: 200, contentType: 'text/html' },
        }),
        ['LIVE_NETWORK_ERROR'],
        /could not be read as STS GetCallerIdentity's: SyntaxError: Unexpected token/,
      ],
      [
        'InvalidClientTokenId',
        failed({
          code: 'InvalidClientTokenId',
          message: 'The security token included in the request is invalid.',
          httpStatus: 403,
        }),
        ['LIVE_INVALID_CLIENT_TOKEN'],
        /taken from line 2 of \/home\/me\/\.aws\/credentials\. Nothing on this machine explains it/,
      ],
      [
        'SignatureDoesNotMatch',
        failed({
          code: 'SignatureDoesNotMatch',
          message: 'The request signature we calculated does not match',
          httpStatus: 403,
        }),
        ['LIVE_SIGNATURE_MISMATCH'],
        /line 3 of \/home\/me\/\.aws\/credentials/,
      ],
      [
        'Signature expired',
        failed(
          {
            code: 'SignatureDoesNotMatch',
            message: 'Signature expired: 20260301T110000Z is now earlier than …',
            httpStatus: 403,
          },
          'call',
          { response: { status: 403, date: 'Sun, 01 Mar 2026 12:20:00 GMT' } },
        ),
        ['CLOCK_SKEW'],
        /20\.0 minutes behind AWS/,
      ],
      [
        'ECONNREFUSED',
        failed({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9', networkCode: 'ECONNREFUSED' }),
        ['LIVE_NETWORK_ERROR'],
        /STS could not be reached at https:\/\/sts\.us-east-1\.amazonaws\.com\/ \(ECONNREFUSED/,
      ],
      [
        'AccessDenied',
        failed(
          { code: 'AccessDenied', message: 'not authorized to perform sts:AssumeRole', httpStatus: 403 },
          'credentials',
        ),
        ['LIVE_ACCESS_DENIED'],
        /AWS denied the request while the JavaScript SDK resolved credentials/,
      ],
      [
        'no credentials',
        failed(
          { code: 'CredentialsProviderError', message: 'Could not load credentials from any providers' },
          'credentials',
        ),
        ['LIVE_NO_CREDENTIALS'],
        /found no usable credentials \(profile "default", instance metadata disabled for the check\)/,
      ],
      [
        'an unknown error',
        failed({ code: 'Weird', message: 'odd' }),
        ['LIVE_UNEXPECTED_ERROR'],
        /failed from STS GetCallerIdentity at https:\/\/sts\.us-east-1\.amazonaws\.com\/ with Weird: "odd"/,
      ],
      [
        'the deadline while STS was called',
        { kind: 'timeout', stage: 'call' },
        ['LIVE_NETWORK_ERROR'],
        /STS could not be reached at .* \(no answer within 5000 ms\)/,
      ],
      [
        'the deadline while credentials resolved',
        { kind: 'timeout', stage: 'credentials' },
        ['LIVE_NETWORK_ERROR'],
        /could not finish resolving credentials \(no answer within 5000 ms\)/,
      ],
      [
        'a cancel',
        { kind: 'cancelled', stage: 'credentials' },
        ['LIVE_UNEXPECTED_ERROR'],
        /^The live check was cancelled while the JavaScript SDK was resolving credentials\.$/,
      ],
      [
        'a child that died',
        { kind: 'crashed', stage: 'credentials', detail: 'exit 1: boom' },
        ['LIVE_UNEXPECTED_ERROR'],
        /process ended without an answer while the JavaScript SDK resolved credentials: exit 1: boom/,
      ],
    ];
    for (const [name, ending, expected, message] of table) {
      it(`${name} → ${expected.join(', ')}`, () => {
        const r = classifyLiveCheck(ending, context(d), NOW);
        assert.deepEqual(codes(r), expected);
        assert.match(r.findings[0].message, message);
        assert.equal(r.ok, expected[0] === 'IDENTITY_CONFIRMED');
      });
    }

    it('measures the skew against the injected clock, from the Date header, and warns past 5 minutes', () => {
      const ok = answered(
        { kind: 'identity', account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/me`, userId: 'AIDAEXAMPLEUSERID0001' },
        { response: { status: 200, date: 'Sun, 01 Mar 2026 11:54:00 GMT' } },
      );
      const r = classifyLiveCheck(ok, context(d), NOW);
      assert.equal(r.clockSkewMs, 6 * 60_000);
      assert.deepEqual(codes(r), ['IDENTITY_CONFIRMED', 'CLOCK_SKEW']);
      assert.equal(classifyLiveCheck(ok, context(d), NOW - 2 * 60_000).findings.length, 1, '4 minutes: no warning');
    });

    it('redacts: a secret in an error message never comes out', () => {
      const r = classifyLiveCheck(failed({ code: 'Weird', message: `leaked ${SECRET}` }), context(d), NOW);
      assert.ok(!JSON.stringify(r).includes(SECRET));
    });
  });

  describe('attribution (#8): only findings about the credentials in use', () => {
    const invalid = failed({
      code: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      httpStatus: 403,
    });

    it('a stale token in profile "other" does not explain an InvalidClientTokenId of "default"', () => {
      const d = diagnosis(TWO_PROFILES);
      assert.ok(
        d.findings.some((f) => f.code === 'PROFILE_STALE_SESSION_TOKEN'),
        'precondition',
      );
      const f = classifyLiveCheck(invalid, context(d), NOW).findings[0];
      assert.equal(f.line, 2);
      assert.doesNotMatch(f.message, /PROFILE_STALE_SESSION_TOKEN/);
      assert.deepEqual(f.fixes, []);
    });

    it('the same stale token does explain it when "other" is the profile in use', () => {
      const d = diagnosis(TWO_PROFILES, {}, 'other');
      const f = classifyLiveCheck(invalid, context(d), NOW).findings[0];
      assert.match(f.message, /The local cause: PROFILE_STALE_SESSION_TOKEN/);
      assert.equal(f.line, 8);
      assert.deepEqual(
        f.fixes.map((x) => x.action.kind),
        ['deleteLine'],
      );
    });

    it('a stale AWS_SESSION_TOKEN explains it when the SDK signs with the environment keys, not when it signs with a profile', () => {
      const env = {
        AWS_ACCESS_KEY_ID: 'AKIAXXXXXXXXXXXXXXXX',
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_SESSION_TOKEN: TOKEN,
      };
      const fromEnv = classifyLiveCheck(invalid, context(diagnosis({}, env)), NOW).findings[0];
      assert.match(fromEnv.message, /The local cause: STALE_SESSION_TOKEN/);
      assert.equal(fromEnv.env, 'AWS_SESSION_TOKEN');
      const d = diagnosis(TWO_PROFILES, env, 'default');
      const fromProfile = classifyLiveCheck(invalid, context(d), NOW).findings[0];
      assert.doesNotMatch(fromProfile.message, /STALE_SESSION_TOKEN/);
    });
  });

  it('notStsReason: the shape rules', () => {
    const id = (account?: string, arn?: string, userId?: string): LiveOutcome => ({
      result: {
        kind: 'identity',
        ...(account ? { account } : {}),
        ...(arn ? { arn } : {}),
        ...(userId ? { userId } : {}),
      },
      debug: [],
      maxRssBytes: 0,
    });
    assert.equal(notStsReason(id(ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`, ACCOUNT), 1), undefined);
    assert.equal(
      notStsReason(id(ACCOUNT, `arn:aws-cn:sts::${ACCOUNT}:federated-user/bob`, `${ACCOUNT}:bob`), 1),
      undefined,
    );
    assert.match(
      notStsReason(id(ACCOUNT, `arn:aws:s3:::${ACCOUNT}`, 'x'), 1)!,
      /the ARN is not an IAM or STS identity ARN/,
    );
    assert.match(notStsReason(id(ACCOUNT, `arn:aws:iam::${ACCOUNT}:user/x`, 'a b'), 1)!, /the user id is malformed/);
  });

  it('describeError: AWS code, Node code, name; the HTTP status; a network cause deep in the chain', () => {
    assert.deepEqual(
      describeError(
        Object.assign(new Error('bad'), {
          name: 'InvalidClientTokenId',
          Code: 'InvalidClientTokenId',
          $metadata: { httpStatusCode: 403 },
        }),
      ),
      { code: 'InvalidClientTokenId', message: 'bad', httpStatus: 403 },
    );
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    assert.deepEqual(describeError(refused), {
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED',
      networkCode: 'ECONNREFUSED',
    });
    const wrapped: Error & { cause?: unknown } = Object.assign(new Error('outer'), { name: 'ProviderError' });
    wrapped.cause = Object.assign(new Error('inner'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    assert.equal(describeError(wrapped).networkCode, 'ERR_TLS_CERT_ALTNAME_INVALID');
    const cyclic: Error & { cause?: unknown } = new Error('cycle');
    cyclic.cause = cyclic;
    assert.equal(describeError(cyclic).networkCode, undefined);
    assert.deepEqual(describeError('text'), { code: 'Error', message: 'text' });
    // A message quoting a whole hostile body is cut.
    assert.equal(describeError(new Error('x'.repeat(5000))).message, `${'x'.repeat(2000)}… (3000 more characters)`);
  });

  describe('planLiveCheck', () => {
    it("the child's environment is the diagnosis' own: HOME the SDK's home, IMDS off, container variables withheld and said", () => {
      const d = diagnosis(
        {},
        {
          AWS_PROFILE: 'dev',
          AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x',
          AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok-en-secret',
          AWS_EC2_METADATA_DISABLED: 'false',
        },
      );
      const plan = planLiveCheck(d, {});
      assert.deepEqual(plan.env, {
        HOME,
        PATH: '/usr/bin:/bin',
        AWS_PROFILE: 'dev',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      });
      assert.deepEqual(plan.withheld, ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN']);
      assert.deepEqual(plan.notices, [
        'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is withheld from the live check: the container credential endpoint is contacted only when instance metadata is allowed (--allow-imds).',
      ]);
      const allowed = planLiveCheck(d, { allowImds: true }, { electron: true });
      assert.equal(allowed.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, '/v2/credentials/x');
      assert.equal(allowed.env.AWS_EC2_METADATA_DISABLED, 'false');
      assert.equal(allowed.env.ELECTRON_RUN_AS_NODE, '1');
      assert.deepEqual(allowed.notices, []);
    });

    it('HOME from USERPROFILE or the fallback when HOME is unset, as the SDK finds it', () => {
      const host = new MemoryHost({});
      const d = diagnose({ env: { USERPROFILE: '/users/win' }, fs: host, now: NOW, fallbackHomeDir: '/fallback' });
      assert.equal(planLiveCheck(d, {}).env.HOME, '/users/win');
      const e = diagnose({ env: {}, fs: host, now: NOW, fallbackHomeDir: '/fallback' });
      assert.equal(planLiveCheck(e, {}).env.HOME, '/fallback');
    });

    it('says which credential_process runs (through the source_profile chain), redacted; not when keys come first', () => {
      const d = diagnosis(
        {
          '.aws/config': `[profile app]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/app\nsource_profile = tool\n\n[profile tool]\ncredential_process = /usr/bin/get-creds --secret ${SECRET}\n`,
        },
        {},
        'app',
      );
      assert.deepEqual(planLiveCheck(d, { profile: 'app' }).notices, [
        'The live check runs the credential_process of profile "tool": /usr/bin/get-creds --secret ****',
      ]);
      const env = diagnosis(
        { '.aws/config': '[default]\ncredential_process = /usr/bin/get-creds\n' },
        { AWS_ACCESS_KEY_ID: 'AKIAXXXXXXXXXXXXXXXX', AWS_SECRET_ACCESS_KEY: SECRET },
      );
      assert.deepEqual(planLiveCheck(env, {}).notices, []);
    });

    it("the region: the SDK's, else the one given, else us-east-1", () => {
      assert.equal(
        planLiveCheck(diagnosis({ '.aws/config': '[default]\nregion = eu-west-3\n' }), { region: 'ap-south-1' }).region,
        'eu-west-3',
      );
      assert.equal(planLiveCheck(diagnosis({}), { region: 'ap-south-1' }).region, 'ap-south-1');
      assert.equal(planLiveCheck(diagnosis({}), {}).region, 'us-east-1');
    });
  });

  it('timeoutProblem: 100 ms to 120 s; Infinity, NaN and huge values are refused', () => {
    for (const ok of [undefined, 100, 5000, 120_000]) assert.equal(timeoutProblem(ok), undefined, String(ok));
    assert.equal(timeoutProblem(3_000_000_000), '--timeout takes 0.1 to 120 seconds (got 3000000)');
    for (const bad of [99, 120_001, Infinity, -1, NaN, 1e12]) assert.ok(timeoutProblem(bad), String(bad));
  });

  describe('withLiveCheck: the one merge', () => {
    const d = diagnosis({
      '.aws/credentials': `[default]\naws_access_key_id = AKIAZZZZZZZZZZZZZZZZ\naws_secret_access_key = ${SECRET}\n`,
    });
    const live = classifyLiveCheck(
      failed({ code: 'InvalidClientTokenId', message: `invalid ${SECRET}`, httpStatus: 403 }),
      context(d),
      NOW,
    );

    it('appends the live findings and recounts the summary, so the exit code and the counts include them', () => {
      const report = buildReport(d);
      assert.equal(report.summary.errors, 0, 'precondition: a clean home');
      const merged = withLiveCheck(report, { ...live, durationMs: 12 }, d.redactor);
      assert.deepEqual(merged.summary, { errors: 1, warnings: report.summary.warnings, infos: report.summary.infos });
      assert.equal(exitCodeOf(merged), 1);
      assert.deepEqual(merged.live, {
        ok: false,
        account: null,
        arn: null,
        clockSkewMs: null,
        durationMs: 12,
        error: { name: 'InvalidClientTokenId', message: 'invalid ****', httpStatus: 403 },
      });
      assert.ok(!JSON.stringify(merged).includes(SECRET));
    });

    it('redacts a live result that was not redacted, and drops a fix that would print a secret', () => {
      const raw = {
        ...live,
        durationMs: 1,
        error: { name: 'X', message: SECRET },
        findings: [
          {
            ...live.findings[0],
            message: SECRET,
            fixes: [
              { title: 'set', action: { kind: 'setEnv' as const, name: 'AWS_SECRET_ACCESS_KEY', value: SECRET } },
            ],
          },
        ],
      };
      const merged = withLiveCheck(buildReport(d), raw, d.redactor);
      assert.ok(!JSON.stringify(merged).includes(SECRET));
      assert.deepEqual(merged.findings.at(-1)!.fixes, []);
    });
  });
});
