/**
 * The leak test: known secret keys, session tokens and SSO tokens are planted in every place a
 * machine can hold them (credentials and config files, inline comments, continuation lines, a file
 * botocore cannot parse, the SSO token cache, the environment) and fed through every output of the
 * command line: `diagnose` as text, --json and --markdown, `explain` as text and --json (with the
 * secrets inside the error text too), and `diagnose --live` with a fake live check whose messages
 * carry the secrets. No output may contain a secret, a piece of one, or anything shaped like one.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CliIo } from '../../src/cli/main';
import { runCli } from '../../src/cli/main';
import { FindingCode } from '../../src/engine/findings/findings';
import type { LiveCheckResult } from '../../src/live/types';
import { tempHome } from '../support/fixtureHome';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

/** Deterministic base64-alphabet strings (no "EXAMPLE": nothing may pass because it looks fake). */
function b64(seed: number, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let x = seed >>> 0;
  let s = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += alphabet[(x >>> 16) % 64];
  }
  return s.replace(/^[^A-Z]/, 'Q');
}

const KEY_ENV = 'AKIAZ3MQXW7RTYP5KD2F';
const KEY_FILE = 'AKIAW2ER4TY6UI7OP3LK';
const KEY_TEMP = 'ASIAV4N6PQ2RSTUW3XY5';
const KEY_CONFIG = 'AKIAN5BV6CX7ZL2KJ4HG';
const SECRET_ENV = b64(1, 40);
const SECRET_FILE = b64(2, 40);
const SECRET_INLINE = b64(3, 40);
const SECRET_CONFIG = b64(4, 40);
const SECRET_TEMP = b64(5, 40);
const SECRET_BROKEN = b64(6, 40);
const SECRET_ORPHAN = b64(7, 40);
const TOKEN_ENV = 'IQoJb3JpZ2luX2VjE' + b64(8, 700);
const TOKEN_LEGACY = 'FwoGZXIvYXdzE' + b64(9, 350);
const TOKEN_FILE = 'IQoJb3JpZ2luX2VjE' + b64(10, 600);
/** A session token written over two lines (a continuation line): each half alone is short. */
const TOKEN_SPLIT_1 = b64(11, 60);
const TOKEN_SPLIT_2 = b64(12, 60);
const SSO_ACCESS = 'aoa' + b64(13, 90);
const SSO_REFRESH = 'aor' + b64(14, 90);
const SSO_CLIENT_SECRET = b64(15, 90);
const CONTAINER_TOKEN = b64(16, 48);
const WEIRD_SECRET = 'pa ss;word#1';

/** Where each secret is planted: a file of a home ('full', 'unparseable') or the environment ('env'). */
const PLANTED: Record<string, readonly string[]> = {
  KEY_ENV: ['env'],
  SECRET_ENV: ['env'],
  TOKEN_ENV: ['env'],
  CONTAINER_TOKEN: ['env'],
  TOKEN_LEGACY: ['env', 'full'],
  KEY_CONFIG: ['full'],
  SECRET_CONFIG: ['full'],
  SSO_ACCESS: ['full'],
  SSO_REFRESH: ['full'],
  SSO_CLIENT_SECRET: ['full'],
  SECRET_BROKEN: ['unparseable'],
  SECRET_ORPHAN: ['unparseable'],
};

const SECRETS: Record<string, string> = {
  KEY_ENV,
  KEY_FILE,
  KEY_TEMP,
  KEY_CONFIG,
  SECRET_ENV,
  SECRET_FILE,
  SECRET_INLINE,
  SECRET_CONFIG,
  SECRET_TEMP,
  SECRET_BROKEN,
  SECRET_ORPHAN,
  TOKEN_ENV,
  TOKEN_LEGACY,
  TOKEN_FILE,
  TOKEN_SPLIT_1,
  TOKEN_SPLIT_2,
  SSO_ACCESS,
  SSO_REFRESH,
  SSO_CLIENT_SECRET,
  CONTAINER_TOKEN,
  WEIRD_SECRET,
};

const CREDENTIALS = [
  '[default]',
  `aws_access_key_id = ${KEY_FILE}`,
  `aws_secret_access_key = ${SECRET_FILE}`,
  `aws_session_token = ${TOKEN_FILE}`,
  '',
  '[inline]',
  `aws_access_key_id = ${KEY_FILE} # the old key`,
  `aws_secret_access_key = ${SECRET_INLINE} ; rotated 2026-01-01`,
  '',
  '[temp]',
  `aws_access_key_id=${KEY_TEMP}`,
  `aws_secret_access_key=${SECRET_TEMP}`,
  `aws_session_token = ${TOKEN_SPLIT_1}`,
  `    ${TOKEN_SPLIT_2}`,
  '',
  '[weird]',
  `aws_access_key_id = ${KEY_FILE}`,
  `aws_secret_access_key = "${WEIRD_SECRET}"`,
  '',
  '[profile prefixed]',
  `aws_access_key_id = ${KEY_FILE}`,
  `aws_secret_access_key = ${SECRET_FILE}`,
  '',
].join('\n');

const CONFIG = [
  '[default]',
  'region = eu-west-1',
  '',
  '[profile cfg]',
  `aws_access_key_id = ${KEY_CONFIG}`,
  `aws_secret_access_key = ${SECRET_CONFIG}`,
  `aws_security_token = ${TOKEN_LEGACY}`,
  'region = us-east-2',
  '',
  '[profile sso]',
  'sso_session = my-sso',
  'sso_account_id = 123456789012',
  'sso_role_name = Dev',
  'region = eu-west-1',
  '',
  '[sso-session my-sso]',
  'sso_start_url = https://my-sso-portal.awsapps.com/start',
  'sso_region = us-east-1',
  '',
  '[profile proc]',
  `credential_process = /nonexistent/bin/helper --key ${SECRET_FILE}`,
  '',
  '[profile role]',
  'role_arn = arn:aws:iam::123456789012:role/Admin',
  'source_profile = inline',
  '',
].join('\n');

/** A config file botocore cannot parse: a key before any section, a duplicate section, secrets in both. */
const BROKEN_CONFIG = [
  `aws_secret_access_key = ${SECRET_ORPHAN}`,
  '[default]',
  `aws_secret_access_key = ${SECRET_BROKEN}`,
  '[default]',
  'region = eu-west-1',
  '',
].join('\n');

const SSO_CACHE = JSON.stringify({
  startUrl: 'https://my-sso-portal.awsapps.com/start',
  region: 'us-east-1',
  accessToken: SSO_ACCESS,
  expiresAt: '2026-11-21T12:00:00Z',
  clientId: 'client-id-123',
  clientSecret: SSO_CLIENT_SECRET,
  registrationExpiresAt: '2026-12-21T12:00:00Z',
  refreshToken: SSO_REFRESH,
});

const makeHome = (files: Record<string, string>): string => tempHome(files, 'acd-leak-');

const ENV_SECRETS = {
  AWS_ACCESS_KEY_ID: KEY_ENV,
  AWS_SECRET_ACCESS_KEY: SECRET_ENV,
  AWS_SESSION_TOKEN: TOKEN_ENV,
  AWS_SECURITY_TOKEN: TOKEN_LEGACY,
  AWS_CONTAINER_AUTHORIZATION_TOKEN: CONTAINER_TOKEN,
};

/** The error text a user would paste, with every secret inside. */
const ERROR_TEXT = [
  `An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.`,
  `Authorization: AWS4-HMAC-SHA256 Credential=${KEY_ENV}/20261122/eu-west-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'ab12'.repeat(16)}`,
  `X-Amz-Security-Token: ${TOKEN_ENV}`,
  `aws_secret_access_key=${SECRET_ENV} aws_session_token=${TOKEN_SPLIT_1}${TOKEN_SPLIT_2} legacy ${TOKEN_LEGACY}`,
  `{"accessToken":"${SSO_ACCESS}","refreshToken":"${SSO_REFRESH}","clientSecret":"${SSO_CLIENT_SECRET}"}`,
  `InvalidSignatureException: The request signature we calculated does not match the signature you provided. secret "${SECRET_FILE}" inline ${SECRET_INLINE} cfg ${SECRET_CONFIG} temp ${SECRET_TEMP}`,
  `Profile weird credential_process returned invalid JSON. ${KEY_FILE} ${KEY_TEMP} ${KEY_CONFIG} "${WEIRD_SECRET}" ${CONTAINER_TOKEN}`,
  `botocore.exceptions.ConfigParseError: Unable to parse config file: /x/config (${SECRET_ORPHAN} ${SECRET_BROKEN})`,
].join('\n');

/**
 * A live check result whose messages carry every secret. `clean` is what the real live check does
 * (the diagnosis' redactor, its documented contract); the raw variant proves the output's own net.
 */
function fakeLive(
  clean: (s: string) => string = (s) => s,
  secrets: readonly string[] = Object.values(SECRETS),
): LiveCheckResult {
  const all = secrets.join(' ');
  const message = clean(`The security token included in the request is invalid. ${all}`);
  return {
    ok: false,
    clockSkewMs: 1234,
    durationMs: 87,
    error: { name: 'InvalidClientTokenId', message, httpStatus: 403 },
    findings: [
      {
        code: FindingCode.LiveInvalidClientToken,
        severity: 'error',
        message: clean(`STS rejected ${KEY_ENV}: ${all}`),
        file: null,
        fileKind: null,
        line: null,
        column: null,
        env: 'AWS_SESSION_TOKEN',
        tools: ['node'],
        related: [{ path: '/x', line: 1, column: 1, message: clean(`related ${all}`) }],
        fixes: [
          { title: clean(`Unset AWS_SESSION_TOKEN (${all})`), action: { kind: 'unsetEnv', name: 'AWS_SESSION_TOKEN' } },
        ],
      },
    ],
  };
}

async function run(
  argv: string[],
  env: Record<string, string>,
  stdin?: string,
  raw?: readonly string[],
): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIo = {
    argv,
    env,
    stdout: (s) => (out += s),
    stderr: (s) => (out += s),
    now: () => NOW,
    homedir: '/nonexistent',
    readStdin: async () => stdin,
    loadLive: () => ({
      runLiveCheck: async (_o, d) => (raw ? fakeLive(undefined, raw) : fakeLive((x) => d.redactor.redact(x))),
    }),
  };
  const code = await runCli(io);
  return { code, out };
}

const KEY_SHAPE = /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/;
const SECRET_SHAPE = /(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]{0,39}[A-Z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/;

/** Shaped like a key id, a secret key or a session token: masked even when this machine does not hold it. */
function patternShaped(s: string): boolean {
  return KEY_SHAPE.test(s) || new RegExp(`^${SECRET_SHAPE.source}$`).test(s) || /^[A-Za-z0-9/+=]{100,}$/.test(s);
}

/**
 * The secrets an output must never show: those this machine holds (its files, its environment)
 * and every secret shaped like one. A random string this machine does not hold, pasted into an
 * error text, cannot be recognised by anyone and is not checked.
 */
function secretsFor(home: string, env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(SECRETS).filter(([name, secret]) => {
      const where = PLANTED[name] ?? ['full', 'unparseable'];
      return (
        patternShaped(secret) || where.includes(home) || (where.includes('env') && Object.values(env).includes(secret))
      );
    }),
  );
}

/** Every secret, and every 16-character window of each (a truncated secret is still a leak). */
function assertNoSecret(out: string, what: string, secrets: Record<string, string> = SECRETS): void {
  for (const [name, secret] of Object.entries(secrets)) {
    assert.ok(!out.includes(secret), `${what}: ${name} appears in the output`);
    if (secret.length >= 24) {
      for (let i = 0; i + 16 <= secret.length; i += 4) {
        const piece = secret.slice(i, i + 16);
        assert.ok(!out.includes(piece), `${what}: a piece of ${name} (${i}..${i + 16}) appears in the output`);
      }
    }
  }
  const key = KEY_SHAPE.exec(out);
  assert.equal(key, null, `${what}: an unmasked access key id appears: ${key?.[0]}`);
  const secret = SECRET_SHAPE.exec(out);
  assert.equal(secret, null, `${what}: a 40-character secret-shaped string appears: ${secret?.[0]}`);
}

describe('no output leaks a secret', () => {
  const homes = {
    full: makeHome({
      '.aws/credentials': CREDENTIALS,
      '.aws/config': CONFIG,
      '.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json': SSO_CACHE,
    }),
    unparseable: makeHome({ '.aws/credentials': CREDENTIALS, '.aws/config': BROKEN_CONFIG }),
  };
  after(() => Object.values(homes).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  const envs: Record<string, Record<string, string>> = {
    'no variables': {},
    'secret variables': { ...ENV_SECRETS },
    'secret variables and AWS_PROFILE': { ...ENV_SECRETS, AWS_PROFILE: 'temp', AWS_REGION: 'eu-west-1' },
    'the SSO profile': { AWS_PROFILE: 'sso' },
    'the inline-comment profile': { AWS_PROFILE: 'inline', AWS_DEFAULT_PROFILE: 'cfg' },
    'the quoted-secret profile': { AWS_PROFILE: 'weird' },
    'the credential_process profile': { AWS_PROFILE: 'proc', ...ENV_SECRETS },
    'the role profile': { AWS_PROFILE: 'role' },
    'a missing profile': { AWS_PROFILE: 'prefixed', AWS_DEFAULT_REGION: 'us-west-2' },
  };
  const commands: [string, string[]][] = [
    ['diagnose (text)', ['diagnose']],
    ['diagnose --json', ['diagnose', '--json']],
    ['diagnose --markdown', ['diagnose', '--markdown']],
    ['explain (text)', ['explain', ERROR_TEXT]],
    ['explain --json', ['explain', '--json', ERROR_TEXT]],
    ['diagnose --live (text)', ['diagnose', '--live']],
    ['diagnose --live --json', ['diagnose', '--live', '--json']],
    ['diagnose --live --markdown', ['diagnose', '--live', '--markdown']],
  ];

  for (const [homeName, home] of Object.entries(homes)) {
    for (const [envName, env] of Object.entries(envs)) {
      it(`${homeName} home, ${envName}: every output`, async () => {
        const full = { ...env, HOME: home };
        const secrets = secretsFor(homeName, env);
        const ran: string[] = [];
        for (const [what, argv] of commands) {
          const r = await run(argv, full);
          assert.notEqual(r.code, 2, `${what}: ${r.out}`);
          assert.ok(r.out.length > 0, what);
          assertNoSecret(r.out, `${homeName}/${envName}/${what}`, secrets);
          ran.push(what);
        }
        const stdin = await run(['explain'], full, ERROR_TEXT);
        assertNoSecret(stdin.out, `${homeName}/${envName}/explain (stdin)`, secrets);
        assert.match(stdin.out, /InvalidClientTokenId/);
        assert.equal(ran.length, commands.length);
      });
    }
  }

  // A live check that broke its contract and returned raw secrets: the text and Markdown outputs
  // still mask everything shaped like a secret with their last redact() pass.
  const shaped = Object.values(SECRETS).filter(patternShaped);
  for (const [what, argv] of [
    ['text', ['diagnose', '--live']],
    ['markdown', ['diagnose', '--live', '--markdown']],
  ] as const) {
    it(`diagnose --live (${what}) masks secret-shaped values even from a live check that did not redact`, async () => {
      const r = await run([...argv], { ...ENV_SECRETS, HOME: homes.full }, undefined, shaped);
      assertNoSecret(
        r.out,
        `raw live ${what}`,
        Object.fromEntries(Object.entries(SECRETS).filter(([, v]) => shaped.includes(v))),
      );
    });
  }
  // withLive passes the live result through the diagnosis' redaction, so JSON is masked too.
  it('diagnose --live --json masks secret-shaped values even from a live check that did not redact', async () => {
    const r = await run(['diagnose', '--live', '--json'], { ...ENV_SECRETS, HOME: homes.full }, undefined, shaped);
    assertNoSecret(
      r.out,
      'raw live json',
      Object.fromEntries(Object.entries(SECRETS).filter(([, v]) => shaped.includes(v))),
    );
  });

  it('the outputs still say something useful (not everything masked away)', async () => {
    const env = { ...ENV_SECRETS, AWS_PROFILE: 'temp', HOME: homes.full };
    const json = JSON.parse((await run(['diagnose', '--json'], env)).out);
    assert.equal(json.schemaVersion, 1);
    assert.equal(json.tools.python.accessKeyId, '****************KD2F');
    const md = (await run(['diagnose', '--live', '--markdown'], env)).out;
    assert.match(md, /^## AWS Credentials Doctor report/);
    assert.match(md, /\| JavaScript SDK v3 \| `temp`/);
    assert.match(md, /Failed: `InvalidClientTokenId` \(HTTP 403\)/);
    assert.match(md, /`AWS_SESSION_TOKEN`/);
    assert.match(md, /`~\/\.aws\/credentials`/);
    assert.ok(!md.includes(homes.full), 'the home directory is replaced by ~');
    const explained = JSON.parse((await run(['explain', '--json', ERROR_TEXT], env)).out);
    assert.deepEqual(explained.matches.map((m: { id: string }) => m.id).slice(0, 1), [
      'credential-process-invalid-output',
    ]);
    assert.ok(
      explained.matches.some(
        (m: { id: string; context: { accessKeyId?: string; keyUsedBy?: string[] } }) =>
          m.id === 'invalid-client-token-id' && m.context.accessKeyId === '****************KD2F',
      ),
    );
  });
});

describe('markdown escaping', () => {
  it('a profile name with | and Markdown characters cannot break the tables', async () => {
    const home = makeHome({
      '.aws/credentials': `[a|b*c_d]\naws_access_key_id = ${KEY_FILE}\naws_secret_access_key = ${SECRET_FILE}\n`,
      '.aws/config': '[profile a|b*c_d]\nregion = eu-west-1\n',
    });
    try {
      const md = (await run(['diagnose', '--markdown'], { HOME: home, AWS_PROFILE: 'a|b*c_d' })).out;
      const toolRows = md.split('\n').filter((l) => /^\| (JavaScript SDK v3|botocore|AWS CLI v2)/.test(l));
      assert.equal(toolRows.length, 3);
      // 6 columns: 7 unescaped pipes per row.
      for (const r of toolRows) assert.equal(r.replace(/\\\|/g, '').split('|').length - 1, 7, r);
      assert.match(md, /`a\\\|b\*c_d`/);
      assertNoSecret(md, 'markdown escaping');
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
