/**
 * Tests of the real-tool oracle harness (runOracles.ts) itself, on hand-written scenarios.
 * The expectations encode what the REAL tools did on this machine (JS SDK v3 from node_modules,
 * botocore 1.43.11, AWS CLI v2 2.9.19); where that differs from the semantics reference the
 * difference is noted next to the scenario.
 *
 * Build and run: npx tsc -p tsconfig.test.json && npx mocha out/test/differential/oracleHarness.test.js
 * Set ORACLE_HARNESS_DUMP=1 to print every result.
 */
import * as assert from 'assert';
import { runOracles, toolAvailability, lastRunTimings } from './runOracles';
import type { OracleResult, Scenario, ToolId } from './scenario';

// Obviously fake, well-formed credentials: AKIA + 16 of [A-Z2-7], 40-char secrets.
const key = (id16: string, secretName: string) => ({ id: `AKIA${id16}`, secret: secretName.padEnd(40, '0') });
const K = {
  env: key('ENVKEYSTWOTHREE2', 'EnvSecretKey'),
  file: key('FILEKEYS77777777', 'FileSecretKey'),
  cfg: key('CONFIGKEYS666666', 'ConfigSecretKey'),
  dev: key('DEVKEYSDEV555555', 'DevSecretKey'),
  base: key('BASEKEYSBASE4444', 'BaseSecretKey'),
  proc: key('PROCESSKEYS33333', 'ProcSecretKey'),
};
for (const k of Object.values(K)) {
  if (!/^AKIA[A-Z2-7]{16}$/.test(k.id) || k.secret.length !== 40) throw new Error(`bad fixture key ${k.id}`);
}
const ALL_SECRETS = Object.values(K).map((k) => k.secret);
const SSO_TOKEN = 'aoaFakeSsoAccessTokenForTheOracleHarness0123456789';
const EXPIRED_SSO_TOKEN = 'aoaFakeExpiredSsoAccessTokenForTheOracleHarness0123';

function creds(profile: string, k: { id: string; secret: string }, extra = ''): string {
  return `[${profile}]\naws_access_key_id = ${k.id}\naws_secret_access_key = ${k.secret}\n${extra}`;
}

export const HARNESS_SCENARIOS: Scenario[] = [
  {
    id: 'h01-env-keys',
    files: {},
    env: { AWS_ACCESS_KEY_ID: K.env.id, AWS_SECRET_ACCESS_KEY: K.env.secret, AWS_DEFAULT_REGION: 'eu-west-2' },
  },
  {
    id: 'h02-static-default-credentials-file',
    files: {
      '.aws/credentials': { text: creds('default', K.file) },
      '.aws/config': { text: '[default]\nregion = us-west-2\n' },
    },
    env: {},
  },
  {
    id: 'h03-static-config-file-only',
    files: { '.aws/config': { text: creds('default', K.cfg, 'region = us-east-2\n') } },
    env: {},
  },
  {
    id: 'h04-aws-profile-plus-env-keys',
    files: {
      '.aws/credentials': { text: creds('dev', K.dev) },
      '.aws/config': { text: '[profile dev]\nregion = eu-west-1\n' },
    },
    env: { AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: K.env.id, AWS_SECRET_ACCESS_KEY: K.env.secret },
  },
  {
    id: 'h05-role-source-profile',
    files: {
      '.aws/credentials': { text: creds('base', K.base) },
      '.aws/config': {
        text: '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/OracleRole\nsource_profile = base\nregion = ap-southeast-2\n',
      },
    },
    env: {},
    explicitProfile: 'role',
  },
  {
    id: 'h06-sso-session-valid-token',
    files: {
      '.aws/config': {
        text:
          '[profile sso]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = eu-central-1\n\n' +
          '[sso-session my-sso]\nsso_start_url = https://my-sso-portal.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n',
      },
      // sha1("my-sso")
      '.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json': {
        text: JSON.stringify({
          startUrl: 'https://my-sso-portal.awsapps.com/start',
          region: 'us-east-1',
          accessToken: SSO_TOKEN,
          expiresAt: '2099-01-01T00:00:00Z',
        }),
      },
    },
    env: { AWS_PROFILE: 'sso' },
  },
  {
    id: 'h07-legacy-sso-expired',
    files: {
      '.aws/config': {
        text:
          '[profile legacy]\nsso_start_url = https://legacy-portal.awsapps.com/start\nsso_region = us-east-1\n' +
          'sso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n',
      },
      // sha1("https://legacy-portal.awsapps.com/start")
      '.aws/sso/cache/89d145c4e0a89947ca94a1096ca1f4022f25487c.json': {
        text: JSON.stringify({
          startUrl: 'https://legacy-portal.awsapps.com/start',
          region: 'us-east-1',
          accessToken: EXPIRED_SSO_TOKEN,
          expiresAt: '2020-01-01T00:00:00Z',
        }),
      },
    },
    env: {},
    explicitProfile: 'legacy',
  },
  {
    id: 'h08-credential-process',
    files: {
      '.aws/config': { text: '[profile proc]\ncredential_process = {HOME}/bin/creds.sh\nregion = sa-east-1\n' },
      'bin/creds.sh': {
        text: `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "${K.proc.id}", "SecretAccessKey": "${K.proc.secret}"}'\n`,
        mode: 0o755,
      },
    },
    env: {},
    explicitProfile: 'proc',
  },
  {
    id: 'h09-aws-default-profile',
    files: { '.aws/credentials': { text: creds('default', K.file) + '\n' + creds('dev', K.dev) } },
    env: { AWS_DEFAULT_PROFILE: 'dev' },
  },
  {
    id: 'h10-web-identity-env',
    files: { 'web-identity-token': { text: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcmFjbGUifQ.c2lnbmF0dXJl' } },
    env: {
      AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/web-identity-token',
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/WebIdentityRole',
      AWS_ROLE_SESSION_NAME: 'oracle-session',
      AWS_REGION: 'us-west-1',
    },
  },
  {
    id: 'h11-container-full-uri',
    files: {},
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '{CONTAINER_URI}' },
  },
  { id: 'h12-nothing', files: {}, env: {} },
  {
    id: 'h13-mfa-role',
    files: {
      '.aws/credentials': { text: creds('base', K.base) },
      '.aws/config': {
        text:
          '[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/MfaRole\nsource_profile = base\n' +
          'mfa_serial = arn:aws:iam::123456789012:mfa/oracle-user\nregion = us-east-1\n',
      },
    },
    env: {},
    explicitProfile: 'mfa',
  },
  // Extra scenarios, used mainly by the in-process vs subprocess CLI comparison.
  {
    id: 'h14-explicit-profile-missing',
    files: { '.aws/credentials': { text: creds('default', K.file) } },
    env: { AWS_ACCESS_KEY_ID: K.env.id, AWS_SECRET_ACCESS_KEY: K.env.secret },
    explicitProfile: 'nope',
  },
  {
    id: 'h15-broken-config-with-env-keys',
    files: { '.aws/config': { text: '[default]\nregion = us-east-1\n[default]\nregion = us-west-2\n' } },
    env: { AWS_ACCESS_KEY_ID: K.env.id, AWS_SECRET_ACCESS_KEY: K.env.secret },
  },
  {
    id: 'h16-region-env-vars-both',
    files: { '.aws/credentials': { text: creds('default', K.file, 'region = eu-north-1\n') } },
    env: { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'sa-east-1' },
  },
  {
    // No region anywhere: botocore / the CLI fall back to the global STS endpoint (us-east-1
    // signing scope); the harness's endpoint redirection must keep that working.
    id: 'h17-role-without-any-region',
    files: {
      '.aws/credentials': { text: creds('base', K.base) },
      '.aws/config': {
        text: '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/NoRegionRole\nsource_profile = base\n',
      },
    },
    env: {},
    explicitProfile: 'role',
  },
];

type Expect = Record<
  ToolId,
  { source: string; profile: string; region: string | null; detail?: RegExp; error?: RegExp }
>;

type One = Expect[ToolId];
const x = (source: string, profile: string, region: string | null, more: Partial<One> = {}): One => ({
  source,
  profile,
  region,
  ...more,
});
const all = (one: One): Expect => ({ node: one, python: one, cli: one });

/** What the real tools did (observed on this machine: JS SDK in node_modules, botocore 1.43.11, CLI v2 2.9.19). */
const EXPECTED: Record<string, Expect> = {
  // JS ignores AWS_DEFAULT_REGION (§1.12); botocore and CLI v2 read it.
  'h01-env-keys': {
    node: x('env', 'default', null, { detail: /"codes":\["g"\]/ }),
    python: x('env', 'default', 'eu-west-2'),
    cli: x('env', 'default', 'eu-west-2'),
  },
  'h02-static-default-credentials-file': {
    node: x('static', 'default', 'us-west-2', { detail: /"codes":\["n"\]/ }),
    python: x('static', 'default', 'us-west-2', { detail: /"method":"shared-credentials-file"/ }),
    cli: x('static', 'default', 'us-west-2', { detail: /"method":"shared-credentials-file"/ }),
  },
  'h03-static-config-file-only': {
    node: x('static', 'default', 'us-east-2'),
    python: x('static', 'default', 'us-east-2', { detail: /"method":"config-file"/ }),
    cli: x('static', 'default', 'us-east-2', { detail: /"method":"config-file"/ }),
  },
  // §1.2: JS prefers the profile (and warns), botocore / CLI prefer the env keys.
  'h04-aws-profile-plus-env-keys': {
    node: x('static', 'dev', 'eu-west-1', { detail: /Multiple credential sources detected/ }),
    python: x('env', 'dev', 'eu-west-1'),
    cli: x('env', 'dev', 'eu-west-1'),
  },
  'h05-role-source-profile': {
    node: x('assume-role', 'role', 'ap-southeast-2', { detail: /"CREDENTIALS_STS_ASSUME_ROLE":"i"/ }),
    python: x('assume-role', 'role', 'ap-southeast-2', { detail: /"hasSessionToken":true/ }),
    cli: x('assume-role', 'role', 'ap-southeast-2'),
  },
  'h06-sso-session-valid-token': {
    node: x('sso', 'sso', 'eu-central-1', { detail: /"CREDENTIALS_PROFILE_SSO":"r"/ }),
    python: x('sso', 'sso', 'eu-central-1', { detail: /"accessKeyIdLast4":"[A-Z2-7]{4}"/ }),
    cli: x('sso', 'sso', 'eu-central-1'),
  },
  // botocore checks expiresAt itself; CLI 2.9.19 sends the token and gets the portal's 401.
  'h07-legacy-sso-expired': {
    node: x('error', 'legacy', 'us-east-1', {
      error: /^The SSO session associated with this profile has expired\. To refresh/,
    }),
    python: x('error', 'legacy', 'us-east-1', {
      error:
        /^UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or is otherwise invalid/,
    }),
    cli: x('error', 'legacy', 'us-east-1', {
      error: /^The SSO session associated with this profile has expired or is otherwise invalid/,
    }),
  },
  'h08-credential-process': all(x('process', 'proc', 'sa-east-1', { detail: /"accessKeyIdLast4":"3333"/ })),
  // AWS_DEFAULT_PROFILE: ignored by JS, used by botocore and the CLI.
  'h09-aws-default-profile': {
    node: x('static', 'default', null, { detail: /"accessKeyIdLast4":"7777"/ }),
    python: x('static', 'dev', null, { detail: /"accessKeyIdLast4":"5555"/ }),
    cli: x('static', 'dev', null, { detail: /\*{16}5555/ }),
  },
  // botocore ignores AWS_REGION.
  'h10-web-identity-env': {
    node: x('web-identity', 'default', 'us-west-1', { detail: /"CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN":"h"/ }),
    python: x('web-identity', 'default', null, { detail: /"method":"assume-role-with-web-identity"/ }),
    cli: x('web-identity', 'default', 'us-west-1'),
  },
  'h11-container-full-uri': {
    node: x('container', 'default', null, { detail: /"CREDENTIALS_HTTP":"z"/ }),
    python: x('container', 'default', null, { detail: /"method":"container-role"/ }),
    cli: x('container', 'default', null),
  },
  'h12-nothing': all(x('none', 'default', null)),
  'h13-mfa-role': {
    node: x('error', 'mfa', 'us-east-1', {
      error: /^Profile mfa requires multi-factor authentication, but no MFA code callback was provided\.$/,
    }),
    python: x('assume-role', 'mfa', 'us-east-1', {
      detail: /Enter MFA code for arn:aws:iam::123456789012:mfa\/oracle-user: /,
    }),
    cli: x('assume-role', 'mfa', 'us-east-1', {
      detail: /Enter MFA code for arn:aws:iam::123456789012:mfa\/oracle-user: /,
    }),
  },
  'h14-explicit-profile-missing': {
    node: x('none', 'nope', null),
    python: x('error', 'nope', null, { error: /^ProfileNotFound: The config profile \(nope\) could not be found$/ }),
    cli: x('error', 'nope', null, { error: /^The config profile \(nope\) could not be found$/ }),
  },
  // A duplicate section: JS merges it (last value wins), botocore / CLI refuse the whole file.
  'h15-broken-config-with-env-keys': {
    node: x('env', 'default', 'us-west-2'),
    python: x('error', 'default', null, {
      error: /^ConfigParseError: Unable to parse config file: \{HOME\}\/\.aws\/config$/,
    }),
    cli: x('error', 'default', null, { error: /^Unable to parse config file: \{HOME\}\/\.aws\/config$/ }),
  },
  'h17-role-without-any-region': all(x('assume-role', 'role', null)),
  'h16-region-env-vars-both': {
    node: x('static', 'default', 'ap-south-1'),
    python: x('static', 'default', 'sa-east-1'),
    cli: x('static', 'default', 'ap-south-1'),
  },
};

/**
 * The parts of a CLI result that must not depend on how the CLI was run. Temporary credentials
 * (moto / fake portal) differ between two runs, so their masked last 4 characters are blanked;
 * the warning Python's getpass prints when it has no terminal (subprocess runs read the MFA code
 * from stdin) is dropped.
 */
function comparableCli(r: OracleResult): unknown {
  const d = { ...(r.detail as Record<string, unknown>) };
  const temporary = /^(assume-role|assume-role-with-web-identity|sso|container-role)$/;
  const rows = JSON.parse(JSON.stringify(d.rows ?? {})) as Record<string, { value: string; type: string }>;
  let stdout = String(d.stdout ?? '');
  for (const name of ['access_key', 'secret_key']) {
    const row = rows[name];
    if (row && temporary.test(row.type)) {
      stdout = stdout.split(row.value).join('****************????');
      row.value = '****************????';
    }
  }
  const stderr = String(d.stderr ?? '')
    .split('\n')
    .filter((l) => !/GetPassWarning|Warning: Password input may be echoed|passwd = fallback_getpass/.test(l))
    .join('\n');
  return {
    profile: r.profile,
    source: r.source,
    region: r.region,
    error: r.error,
    rc: d.rc,
    stdout,
    stderr,
    rows,
    method: d.method,
    mfaPrompts: d.mfaPrompts,
  };
}

function dump(results: Map<string, Partial<Record<ToolId, OracleResult>>>): void {
  for (const [id, r] of results) {
    for (const t of ['node', 'python', 'cli'] as ToolId[]) {
      const x = r[t];
      if (!x) continue;
      const d = x.detail as Record<string, unknown> | undefined;
      console.log(
        `${id.padEnd(36)} ${t.padEnd(6)} ${x.source.padEnd(12)} ${x.profile.padEnd(8)} ${String(x.region).padEnd(14)} ${
          d?.method ?? (d?.codes as string[] | undefined)?.join('') ?? ''
        } ${x.error ?? ''}`,
      );
    }
  }
}

describe('differential oracle harness (real tools)', function () {
  this.timeout(240000);
  const avail = toolAvailability();
  const tools = (['node', 'python', 'cli'] as ToolId[]).filter((t) => avail[t].ok);
  let results: Map<string, Partial<Record<ToolId, OracleResult>>>;

  before(async function () {
    if (tools.length === 0) this.skip();
    const started = Date.now();
    results = await runOracles(HARNESS_SCENARIOS, { tools });
    if (process.env.ORACLE_HARNESS_DUMP) {
      dump(results);
      console.log('timings', JSON.stringify(lastRunTimings), 'total', Date.now() - started);
    }
  });

  it('reports which real tools exist', function () {
    for (const t of ['node', 'python', 'cli'] as ToolId[]) {
      if (!avail[t].ok) console.log(`      (skipping ${t}: ${avail[t].why})`);
    }
    assert.ok(avail.node.ok, `the JS SDK must be installed: ${avail.node.why}`);
  });

  for (const s of HARNESS_SCENARIOS) {
    const exp = EXPECTED[s.id];
    if (!exp) continue;
    it(`${s.id}: real tools' sources, profiles and regions`, function () {
      const r = results.get(s.id)!;
      for (const t of tools) {
        const got = r[t];
        assert.ok(got, `${t} produced no result`);
        const want = exp[t];
        const msg = `${t} on ${s.id}: ${JSON.stringify({ ...got, detail: undefined })}`;
        assert.strictEqual(got.source, want.source, msg);
        assert.strictEqual(got.profile, want.profile, msg);
        assert.strictEqual(got.region, want.region, msg);
        if (want.error) assert.match(got.error ?? '', want.error, msg);
        else if (got.source !== 'error') assert.strictEqual(got.error, null, msg);
        if (want.detail) assert.match(JSON.stringify(got.detail), want.detail, msg);
      }
    });
  }

  it('never puts a secret or session token into a result', function () {
    const text = JSON.stringify([...results.entries()]);
    for (const secret of [...ALL_SECRETS, SSO_TOKEN, EXPIRED_SSO_TOKEN])
      assert.ok(!text.includes(secret), `secret leaked: ${secret.slice(0, 6)}…`);
    // Temporary credentials issued by moto / the fake portal: no 40-char secret-looking runs at all.
    assert.doesNotMatch(text, /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/);
    assert.doesNotMatch(text, /FQoGZXIvYXdz|IQoJb3JpZ2lu|FwoGZXIvYXdz|FAKE[A-Za-z0-9]{20}/);
  });

  it('CLI in-process shortcut prints exactly what /usr/bin/aws prints (17 scenarios)', async function () {
    if (!avail.cli.ok) this.skip();
    const sub = await runOracles(HARNESS_SCENARIOS, { tools: ['cli'], cliMode: 'subprocess' });
    if (process.env.ORACLE_HARNESS_DUMP) console.log('cli subprocess timing', JSON.stringify(lastRunTimings));
    for (const s of HARNESS_SCENARIOS) {
      const a = comparableCli(results.get(s.id)!.cli!);
      const b = comparableCli(sub.get(s.id)!.cli!);
      assert.deepStrictEqual(a, b, `${s.id}: in-process vs subprocess`);
    }
  });

  it('never touched anything but loopback', function () {
    for (const [id, r] of results) {
      for (const [t, x] of Object.entries(r)) {
        const v = (x?.detail as { guardViolations?: string[] } | undefined)?.guardViolations;
        assert.ok(!v || v.length === 0, `${t} on ${id}: ${JSON.stringify(v)}`);
      }
    }
  });
});
