/** Unit tests of the engine on in-memory fixture homes, with an injected clock. */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { diagnose } from '../../src/engine/diagnose';
import { buildReport, exitCodeOf } from '../../src/engine/output/report';
import { Redactor, maskAccessKeyId, redact } from '../../src/engine/secrets/redact';
import { nodePaths, botocorePaths } from '../../src/engine/files/paths';
import { sha1Hex, sha256Hex } from '../../src/nodeHost/hash';
import { pyJsonDumps } from '../../src/engine/core/pyJson';
import { FindingCode } from '../../src/engine/findings/findings';
import { MemoryHost } from '../support/memoryHost';

const HOME = '/home/u';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const KEY = 'AKIAJ2QWERTYUIOPASDF';
const SECRET = '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';

function run(files: Record<string, string>, env: Record<string, string> = {}, explicitProfile?: string) {
  const host = new MemoryHost(
    Object.fromEntries(Object.entries(files).map(([k, v]) => [k.startsWith('/') ? k : `${HOME}/${k}`, v])),
  );
  const d = diagnose({ env: { HOME, ...env }, fs: host, now: NOW, fallbackHomeDir: HOME, explicitProfile });
  return { d, report: buildReport(d) };
}

describe('redaction', () => {
  it('masks access key ids to their last four characters, as the AWS CLI does', () => {
    assert.equal(maskAccessKeyId(KEY), '****************ASDF');
    assert.equal(redact(`key ${KEY} used`), 'key ****************ASDF used');
    assert.equal(redact('role AROAEXAMPLEID123456:session'), 'role ****************3456:session');
  });
  it('masks 40-character secrets and long tokens entirely', () => {
    assert.equal(redact(`secret=${SECRET}.`), 'secret=****.');
    assert.equal(redact(`token ${'IQoJb3JpZ2luX2VjE'.padEnd(300, 'Ab+/')} end`), 'token **** end');
  });
  it('keeps SHA-1 file names and ordinary words', () => {
    const path = '/home/u/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json';
    assert.equal(redact(path), path);
    assert.equal(
      redact('The security token included in the request is invalid.'),
      'The security token included in the request is invalid.',
    );
  });
  it('masks known secrets wherever they stand: alone, quoted, after = or :, before punctuation, with spaces inside', () => {
    const r = new Redactor().add('test').add('pass word').add('s3cr3t');
    assert.equal(r.redact('secret "test", key=test, a:s3cr3t. pass word!'), 'secret "****", key=****, a:****. ****!');
    assert.equal(r.redact('testing attest'), 'testing attest');
  });
});

describe('file locations per tool', () => {
  it('the JavaScript SDK expands only ~/; botocore expands $VAR and ~', () => {
    const env = { HOME, AWS_CONFIG_FILE: '~/alt/config', AWS_SHARED_CREDENTIALS_FILE: '$HOME/alt/credentials' };
    assert.equal(nodePaths(env, '/x').config, `${HOME}/alt/config`);
    assert.equal(nodePaths(env, '/x').credentials, '$HOME/alt/credentials');
    assert.equal(botocorePaths(env, '/x').config, `${HOME}/alt/config`);
    assert.equal(botocorePaths(env, '/x').credentials, `${HOME}/alt/credentials`);
    assert.equal(botocorePaths({ HOME, AWS_SHARED_CREDENTIALS_FILE: '${HOME}/c' }, '/x').credentials, `${HOME}/c`);
  });
  it('an empty AWS_CONFIG_FILE means the default for the JavaScript SDK and no file for botocore', () => {
    assert.equal(nodePaths({ HOME, AWS_CONFIG_FILE: '' }, '/x').config, `${HOME}/.aws/config`);
    assert.equal(botocorePaths({ HOME, AWS_CONFIG_FILE: '' }, '/x').config, '');
  });
});

describe('profile selection and sources per tool', () => {
  const files = {
    '.aws/credentials': `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n\n[dev]\naws_access_key_id = AKIAZ7XCVBNM2345QWER\naws_secret_access_key = ${SECRET}\n`,
    '.aws/config': '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = us-east-2\n',
  };
  const cases: [string, Record<string, string>, string | undefined, Record<string, [string, string]>][] = [
    [
      'nothing set',
      {},
      undefined,
      { node: ['default', 'static'], python: ['default', 'static'], cli: ['default', 'static'] },
    ],
    [
      'AWS_PROFILE',
      { AWS_PROFILE: 'dev' },
      undefined,
      { node: ['dev', 'static'], python: ['dev', 'static'], cli: ['dev', 'static'] },
    ],
    [
      'AWS_DEFAULT_PROFILE',
      { AWS_DEFAULT_PROFILE: 'dev' },
      undefined,
      { node: ['default', 'static'], python: ['dev', 'static'], cli: ['dev', 'static'] },
    ],
    [
      'both, different',
      { AWS_PROFILE: 'default', AWS_DEFAULT_PROFILE: 'dev' },
      undefined,
      { node: ['default', 'static'], python: ['dev', 'static'], cli: ['default', 'static'] },
    ],
    [
      'AWS_PROFILE with environment keys',
      { AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIAENVKEY0000000000', AWS_SECRET_ACCESS_KEY: SECRET },
      undefined,
      { node: ['dev', 'static'], python: ['dev', 'env'], cli: ['dev', 'env'] },
    ],
    [
      'explicit profile with environment keys',
      { AWS_ACCESS_KEY_ID: 'AKIAENVKEY0000000000', AWS_SECRET_ACCESS_KEY: SECRET },
      'dev',
      { node: ['dev', 'static'], python: ['dev', 'static'], cli: ['dev', 'static'] },
    ],
    [
      'empty AWS_PROFILE',
      { AWS_PROFILE: '' },
      undefined,
      { node: ['default', 'static'], python: ['', 'error'], cli: ['', 'error'] },
    ],
    [
      'missing profile',
      { AWS_PROFILE: 'nope' },
      undefined,
      { node: ['nope', 'none'], python: ['nope', 'error'], cli: ['nope', 'error'] },
    ],
  ];
  for (const [name, env, explicit, want] of cases) {
    it(name, () => {
      const { report } = run(files, env, explicit);
      for (const t of ['node', 'python', 'cli'] as const)
        assert.deepEqual([report.tools[t].profile, report.tools[t].source], want[t], t);
    });
  }
  it("reports the file and line of the key each tool uses, and botocore's provider", () => {
    const { report } = run(files, { AWS_PROFILE: 'dev' });
    assert.equal(report.tools.node.line, 6);
    assert.equal(report.tools.node.file, 'credentials');
    assert.equal(report.tools.python.method, 'shared-credentials-file');
    assert.equal(report.tools.node.accessKeyId, '****************QWER');
  });
  it('regions: AWS_REGION for JavaScript and CLI v2, AWS_DEFAULT_REGION for botocore', () => {
    const { report } = run(files, { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'sa-east-1' });
    assert.deepEqual(
      [report.tools.node.region, report.tools.python.region, report.tools.cli.region],
      ['ap-south-1', 'sa-east-1', 'ap-south-1'],
    );
    const plain = run(files).report;
    assert.deepEqual([plain.tools.node.region, plain.tools.node.regionFrom], ['eu-west-1', 'config:2']);
  });
});

describe('expiry, with the source it comes from', () => {
  it('from the SSO token cache for an sso-session profile', () => {
    const files = {
      '.aws/config':
        '[sso-session my-sso]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n\n[profile s]\nsso_session = my-sso\nsso_account_id = 123456789012\nsso_role_name = R\n',
      '.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json': JSON.stringify({
        accessToken: 'a',
        expiresAt: '2026-11-22T14:00:00Z',
      }),
    };
    const { report } = run(files, { AWS_PROFILE: 's' });
    assert.equal(report.tools.node.source, 'sso');
    assert.equal(report.tools.node.expiresAt, '2026-11-22T14:00:00.000Z');
    assert.equal(
      report.tools.node.expiresFrom,
      `SSO token cache ${HOME}/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json (expiresAt)`,
    );
  });
  it('from AWS_CREDENTIAL_EXPIRATION (botocore refuses a past one before sending; the JavaScript SDK sends anyway)', () => {
    const env = {
      AWS_ACCESS_KEY_ID: 'ASIAJ2QWERTYUIOPASDF',
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_SESSION_TOKEN: 'tok-1234',
      AWS_CREDENTIAL_EXPIRATION: '2026-11-22T11:00:00Z',
    };
    const { report } = run({}, env);
    assert.deepEqual(
      [report.tools.node.source, report.tools.node.expiresAt, report.tools.node.expiresFrom],
      ['env', '2026-11-22T11:00:00.000Z', 'AWS_CREDENTIAL_EXPIRATION'],
    );
    assert.deepEqual(
      [report.tools.python.source, report.tools.python.failure],
      ['error', 'Credentials were refreshed, but the refreshed credentials are still expired.'],
    );
  });
  it('from x_security_token_expires written by saml2aws', () => {
    const { report } = run({
      '.aws/credentials': `[default]\naws_access_key_id = ASIAJ2QWERTYUIOPASDF\naws_secret_access_key = ${SECRET}\naws_session_token = t0k3n\nx_security_token_expires = 2026-11-22T12:30:00Z\n`,
    });
    assert.equal(report.tools.python.expiresAt, '2026-11-22T12:30:00.000Z');
    assert.equal(report.tools.python.expiresFrom, `x_security_token_expires on line 5 of ${HOME}/.aws/credentials`);
  });
  it('from the AWS CLI cache for a role profile, for the AWS CLI only', () => {
    const roleArn = 'arn:aws:iam::123456789012:role/Dev';
    const key = createHash('sha1')
      .update(JSON.stringify({ RoleArn: roleArn }).replace('":"', '": "'))
      .digest('hex');
    const files = {
      '.aws/config': `[profile r]\nrole_arn = ${roleArn}\nsource_profile = base\n`,
      '.aws/credentials': `[base]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
      [`.aws/cli/cache/${key}.json`]: JSON.stringify({ Credentials: { Expiration: '2026-11-22T12:45:00Z' } }),
    };
    const { report } = run(files, { AWS_PROFILE: 'r' });
    assert.equal(report.tools.cli.source, 'assume-role');
    assert.equal(report.tools.cli.expiresAt, '2026-11-22T12:45:00.000Z');
    assert.equal(report.tools.node.expiresAt, null);
    assert.deepEqual(report.tools.cli.chain, ['r', 'base']);
  });
  it("pyJsonDumps matches Python's json.dumps(sort_keys=True) with either separator", () => {
    assert.equal(
      pyJsonDumps({ RoleArn: 'a', DurationSeconds: 900, ExternalId: 'é' }, false),
      '{"DurationSeconds": 900, "ExternalId": "\\u00e9", "RoleArn": "a"}',
    );
    assert.equal(pyJsonDumps({ roleName: 'R', accountId: '1' }, true), '{"accountId":"1","roleName":"R"}');
  });
  it("names the caches' files with the host's hash (FileSystemHost.hash), the engine having none of its own", () => {
    const host = new MemoryHost({
      [`${HOME}/.aws/config`]:
        '[sso-session my-sso]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n\n[profile s]\nsso_session = my-sso\nsso_account_id = 123456789012\nsso_role_name = R\n',
      [`${HOME}/.aws/sso/cache/sha1(my-sso).json`]: JSON.stringify({
        accessToken: 'a',
        expiresAt: '2026-11-22T14:00:00Z',
      }),
    });
    const asked: string[] = [];
    const hashing = Object.assign(Object.create(host) as MemoryHost, {
      hash: (algorithm: string, text: string) => (asked.push(`${algorithm}(${text})`), `${algorithm}(${text})`),
    });
    const report = buildReport(
      diagnose({ env: { HOME, AWS_PROFILE: 's' }, fs: hashing, now: NOW, fallbackHomeDir: HOME }),
    );
    assert.equal(report.tools.node.expiresFrom, `SSO token cache ${HOME}/.aws/sso/cache/sha1(my-sso).json (expiresAt)`);
    assert.ok(asked.includes('sha1(my-sso)'));
    assert.ok(
      asked.includes('sha1({"accountId":"123456789012","roleName":"R","sessionName":"my-sso"})'),
      asked.join(' '),
    );
    // The Node host's: the names botocore gives (hashlib), here for the session above and an `aws login` session.
    assert.equal(sha1Hex('my-sso'), '0ad374308c5a4e22f723adf10145eafad7c4031c');
    assert.equal(
      sha256Hex('é'),
      createHash('sha256')
        .update(Buffer.from([0xc3, 0xa9]))
        .digest('hex'),
    );
  });
  it('an expired SSO login only the AWS CLI uses, through role credentials it still has cached: no tool fails, no SSO_TOKEN_EXPIRED', () => {
    // AWS_DEFAULT_PROFILE takes botocore elsewhere; the JavaScript SDK signs with the profile's static keys before its SSO settings.
    const files = {
      '.aws/config': `[sso-session my-sso]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n\n[profile s]\nsso_session = my-sso\nsso_account_id = 123456789012\nsso_role_name = R\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n\n[profile other]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
      [`.aws/sso/cache/${sha1Hex('my-sso')}.json`]: JSON.stringify({
        accessToken: 'a',
        expiresAt: '2026-11-22T11:00:00Z',
      }),
      [`.aws/cli/cache/${sha1Hex('{"accountId":"123456789012","roleName":"R","sessionName":"my-sso"}')}.json`]:
        JSON.stringify({
          Credentials: {
            AccessKeyId: 'ASIAJ2QWERTYUIOPASDF',
            SecretAccessKey: SECRET,
            SessionToken: 't',
            Expiration: '2026-11-22T13:00:00Z',
          },
        }),
    };
    const { d } = run(files, { AWS_PROFILE: 's', AWS_DEFAULT_PROFILE: 'other' });
    assert.deepEqual([d.tools.node.chain, d.tools.python.chain, d.tools.cli.chain], [['s'], ['other'], ['s']]);
    assert.deepEqual(
      d.findings.filter((f) => f.code === FindingCode.SsoTokenExpired),
      [],
    );
    assert.deepEqual(
      d.findings.filter((f) => f.code === FindingCode.SsoExpiredCachedRoleValid).map((f) => f.line),
      [6],
    );
  });
});

describe('report contract and first findings', () => {
  it('has schemaVersion 1, the documented top-level keys, and per-tool fields', () => {
    const { report } = run({
      '.aws/credentials': `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
    });
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(Object.keys(report), [
      'schemaVersion',
      'generatedAt',
      'profile',
      'files',
      'tools',
      'profiles',
      'findings',
      'summary',
      'brokers',
      'toolVersions',
    ]);
    assert.deepEqual(report.profile, { name: 'default', from: 'default' });
    for (const k of ['profile', 'source', 'file', 'line', 'region', 'expiresAt', 'failure'])
      assert.ok(k in report.tools.node, k);
    assert.deepEqual(
      report.files.map((f) => [f.kind, f.exists]),
      [
        ['config', false],
        ['credentials', true],
      ],
    );
    assert.equal(exitCodeOf(report), 0);
    assert.ok(!JSON.stringify(report).includes(SECRET));
  });
  it('STALE_SESSION_TOKEN: AWS_SESSION_TOKEN next to an AKIA key, with the unset fix', () => {
    const { report } = run(
      {},
      { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEStaleToken' },
    );
    const f = report.findings.find((x) => x.code === FindingCode.StaleSessionToken)!;
    assert.equal(f.severity, 'error');
    assert.equal(f.env, 'AWS_SESSION_TOKEN');
    assert.deepEqual(f.tools, ['node', 'python', 'cli']);
    assert.deepEqual(f.fixes[0].action, { kind: 'unsetEnv', name: 'AWS_SESSION_TOKEN' });
    assert.ok(!JSON.stringify(report).includes('FwoGZXIvYXdzEStaleToken'));
    assert.equal(exitCodeOf(report), 1);
  });
  it('PROFILE_PREFIX_IN_CREDENTIALS sits on the header line with a rename fix covering exactly the header', () => {
    const { report } = run({ '.aws/credentials': `# keys\n  [profile dev]\naws_access_key_id = ${KEY}\n` });
    const f = report.findings.find((x) => x.code === FindingCode.ProfilePrefixInCredentials)!;
    assert.deepEqual([f.line, f.column], [2, 3]);
    assert.deepEqual(f.fixes[0].action, {
      kind: 'replaceText',
      path: `${HOME}/.aws/credentials`,
      line: 2,
      column: 3,
      endColumn: 16,
      text: '[dev]',
    });
  });
  it('DUPLICATE_SECTION: botocore rejects the file, the JavaScript SDK merges; CONFIG_PARSE_ERROR for a stray line', () => {
    const { report } = run(
      { '.aws/config': '[default]\nregion = eu-west-1\n[default]\n' },
      { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET },
    );
    const f = report.findings.find((x) => x.code === FindingCode.DuplicateSection)!;
    assert.deepEqual([f.severity, f.line, f.tools, f.related[0].line], ['error', 3, ['python', 'cli'], 1]);
    assert.equal(report.tools.node.source, 'env');
    assert.equal(report.tools.python.source, 'error');
    assert.equal(report.findings.filter((x) => x.code === FindingCode.ConfigParseError).length, 0);
    const stray = run({ '.aws/config': '[default]\nregion = eu-west-1\nthis line has no delimiter\n' }).report;
    const p = stray.findings.find((x) => x.code === FindingCode.ConfigParseError)!;
    assert.deepEqual([p.severity, p.line, p.tools], ['error', 3, ['python', 'cli']]);
  });
});
