/**
 * The wrong predictions of issue 15, each named after its input: what the engine predicts for each
 * tool and the finding it raises. The same inputs run through the real tools in the differential
 * suite (wrongPredictionScenarios in test/differential/generateScenarios.ts), which proves the
 * predictions; here, the exact findings and the cases the real tools here cannot run (other
 * versions, an unknown working directory).
 */
import * as assert from 'node:assert/strict';
import { diagnose } from '../../src/engine/diagnose';
import type { Diagnosis } from '../../src/engine/findings/diagnosis';
import { FindingCode } from '../../src/engine/findings/findings';
import { sha1Hex } from '../../src/nodeHost/hash';
import type { ToolVersions } from '../../src/engine/core/toolVersions';
import { parseToolVersions } from '../../src/engine/core/toolVersions';
import { diagnoseNotingVersions } from '../../src/engine/versionSensitivity';
import type { MemoryFile } from '../support/memoryHost';
import { MemoryHost } from '../support/memoryHost';
import { fakeKeyId, fakeSecret } from '../differential/generateScenarios';

const HOME = '/home/u';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const CFG = `${HOME}/.aws/config`;

function run(
  files: Record<string, string | MemoryFile>,
  env: Record<string, string>,
  extra: { cwd?: string; versions?: string } = {},
): Diagnosis {
  const host = new MemoryHost(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${HOME}/${k}`, v])));
  const toolVersions = extra.versions === undefined ? undefined : (parseToolVersions(extra.versions) as ToolVersions);
  return diagnose({
    env: { HOME, PATH: '/usr/bin:/bin', ...env },
    fs: host,
    now: NOW,
    fallbackHomeDir: HOME,
    toolVersions,
    cwd: extra.cwd,
  });
}

const sources = (d: Diagnosis) => ({
  node: d.tools.node.source,
  python: d.tools.python.source,
  cli: d.tools.cli.source,
});
const only = (d: Diagnosis, code: FindingCode) => d.findings.filter((f) => f.code === code);

describe('issue 15: the wrong predictions, by input', () => {
  describe('credential_process = helpers/op-cred-helper.sh vault key', () => {
    const files = {
      '.aws/config': '[default]\nregion = eu-west-1\ncredential_process = helpers/op-cred-helper.sh vault key\n',
      'project/helpers/op-cred-helper.sh': { content: '#!/bin/sh\n', mode: 0o755 },
    };

    it('run from elsewhere: botocore and the CLI fail with FileNotFoundError, the JavaScript SDK finds no credentials', () => {
      const d = run(files, {}, { cwd: `${HOME}/elsewhere` });
      assert.deepEqual(sources(d), { node: 'none', python: 'error', cli: 'error' });
      assert.equal(d.tools.python.failure, "[Errno 2] No such file or directory: 'helpers/op-cred-helper.sh'");
      const [f] = only(d, FindingCode.CredentialProcessNotFound);
      assert.equal(f.severity, 'error');
      assert.equal(f.line, 3);
      assert.deepEqual([...f.tools].sort(), ['cli', 'node', 'python']);
      assert.match(
        f.message,
        /helpers\/op-cred-helper\.sh was not found in \/home\/u\/elsewhere, the directory this diagnosis runs in\. A relative path is looked for in the directory the program runs in/,
      );
      assert.deepEqual(only(d, FindingCode.CredentialProcessRelativePath), []);
    });

    it('run from the directory that has helpers/: every tool runs it, and the finding says it depends on the directory', () => {
      const d = run(files, {}, { cwd: `${HOME}/project` });
      assert.deepEqual(sources(d), { node: 'process', python: 'process', cli: 'process' });
      assert.deepEqual(only(d, FindingCode.CredentialProcessNotFound), []);
      const [f] = only(d, FindingCode.CredentialProcessRelativePath);
      assert.equal(f.severity, 'info');
      assert.equal(f.line, 3);
      assert.match(
        f.message,
        /found from \/home\/u\/project, the directory this diagnosis runs in\. Every tool looks for it in the directory the program runs in/,
      );
      const fix = f.fixes.find((x) => x.preferred)!;
      assert.deepEqual(fix.action, {
        kind: 'replaceText',
        path: CFG,
        line: 3,
        column: 22,
        endColumn: 47,
        text: '/home/u/project/helpers/op-cred-helper.sh',
      });
    });

    it('with no working directory known: predicted to run, and said to depend on the directory, with no fix', () => {
      const d = run(files, {});
      assert.deepEqual(sources(d), { node: 'process', python: 'process', cli: 'process' });
      const [f] = only(d, FindingCode.CredentialProcessRelativePath);
      assert.match(f.message, /whether it runs depends on that directory/);
      assert.deepEqual(f.fixes, []);
    });

    it('an absolute path or a program on PATH does not depend on the directory', () => {
      const d = run(
        {
          '.aws/config': '[default]\ncredential_process = /home/u/project/helpers/op-cred-helper.sh vault key\n',
          'project/helpers/op-cred-helper.sh': { content: '#!/bin/sh\n', mode: 0o755 },
        },
        {},
        { cwd: '/' },
      );
      assert.deepEqual(sources(d), { node: 'process', python: 'process', cli: 'process' });
      assert.deepEqual(
        d.findings.filter((f) => f.code.startsWith('CREDENTIAL_PROCESS')),
        [],
      );
    });
    it('a relative PATH entry is looked in from the working directory, and says nothing of the program when that is unknown', () => {
      const vault = {
        '.aws/config': '[default]\ncredential_process = aws-vault export --format=json work\n',
        'tools/aws-vault': { content: '#!/bin/sh\n', mode: 0o755 },
      };
      const env = { PATH: 'tools:/usr/bin' };
      assert.deepEqual(sources(run(vault, env, { cwd: HOME })), { node: 'process', python: 'process', cli: 'process' });
      assert.deepEqual(sources(run(vault, env, { cwd: '/' })), { node: 'none', python: 'error', cli: 'error' });
      const unknown = run(vault, env);
      assert.deepEqual(sources(unknown), { node: 'process', python: 'process', cli: 'process' });
      assert.deepEqual(
        unknown.findings.filter((f) => f.code.startsWith('CREDENTIAL_PROCESS')),
        [],
      );
    });
  });

  it('credential_process = (empty) and credential_process = "/usr/bin/true --json (unclosed): botocore fails before looking for a program', () => {
    const empty = run({ '.aws/config': '[default]\nregion = eu-west-1\ncredential_process =\n' }, {});
    assert.equal(empty.tools.python.failure, 'list index out of range');
    assert.match(
      only(empty, FindingCode.CredentialProcessNotFound)[0].message,
      /cannot run: the command line is empty\. .*botocore and the AWS CLI with "list index out of range"/,
    );
    const unclosed = run(
      { '.aws/config': '[default]\nregion = eu-west-1\ncredential_process = "/usr/bin/true --json\n' },
      {},
    );
    assert.equal(unclosed.tools.cli.failure, 'No closing quotation');
    assert.match(
      only(unclosed, FindingCode.CredentialProcessNotFound)[0].message,
      /has an unclosed quote\. .*"No closing quotation"/,
    );
  });

  it('credential_source = Ec2InstanceMetadata with AWS_EC2_METADATA_DISABLED=true: the JavaScript SDK ends with no credentials, not an assumed role', () => {
    const d = run(
      {
        '.aws/config':
          '[default]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/Runner\ncredential_source = Ec2InstanceMetadata\n',
      },
      { AWS_EC2_METADATA_DISABLED: 'true' },
    );
    assert.deepEqual(sources(d), { node: 'none', python: 'error', cli: 'error' });
    assert.match(
      d.tools.node.steps.join('\n'),
      /credential_source Ec2InstanceMetadata: instance metadata answers only on EC2 .*; the SDK asks it even with AWS_EC2_METADATA_DISABLED set/,
    );
    assert.equal(
      d.tools.python.failure,
      'Error when retrieving credentials from Ec2InstanceMetadata: No credentials found in credential_source referenced in profile default',
    );
  });

  describe('role_arn = with the ARN on the next, unindented line', () => {
    const base = `[base]\naws_access_key_id = ${fakeKeyId('AKIA', 'w')}\naws_secret_access_key = ${fakeSecret('w')}\n`;
    const config =
      '[profile deploy]\nrole_arn =\narn:aws:iam::123456789012:role/Deploy\nsource_profile = base\nregion = eu-west-1\n';

    it('botocore and the CLI fail with ParamValidationError; the finding says role_arn is empty', () => {
      const d = run({ '.aws/config': config, '.aws/credentials': base }, { AWS_PROFILE: 'deploy' });
      assert.deepEqual(sources(d), { node: 'none', python: 'error', cli: 'error' });
      assert.equal(
        d.tools.cli.failure,
        'Parameter validation failed:\nInvalid length for parameter RoleArn, value: 0, valid min length: 20',
      );
      const [f] = only(d, FindingCode.EmptyValue);
      assert.equal(f.severity, 'error');
      assert.equal(f.line, 2);
      assert.deepEqual([...f.tools].sort(), ['cli', 'node', 'python']);
      assert.match(
        f.message,
        /^role_arn is empty: the ARN is on the next line, which is not indented and so is a setting of its own \(arn:aws:iam::123456789012:role\/Deploy\)\. botocore and the AWS CLI assume a role with an empty ARN and fail \("Parameter validation failed: Invalid length for parameter RoleArn, value: 0/,
      );
    });

    it('indented, the line makes the file unparseable for botocore: the finding keeps to the JavaScript SDK', () => {
      const d = run(
        { '.aws/config': config.replace('\narn:', '\n    arn:'), '.aws/credentials': base },
        { AWS_PROFILE: 'deploy' },
      );
      assert.equal(d.tools.python.failure?.startsWith('Unable to parse config file'), true);
      // botocore stops on the parse error: no finding may claim it looked for the profile.
      assert.deepEqual(only(d, FindingCode.ProfileNotFound), []);
      assert.equal(only(d, FindingCode.ConfigParseError).length, 1);
    });
  });

  describe('a role whose source_profile uses sso_session', () => {
    const files = {
      '.aws/config':
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\n[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n\n[profile role]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = sso\nregion = eu-west-1\n',
      [`.aws/sso/cache/${sha1Hex('corp')}.json`]: JSON.stringify({
        accessToken: 'a-token',
        expiresAt: '2099-01-01T00:00:00Z',
      }),
    };

    it('AWS CLI 2.9.19 crashes where botocore 1.43 and the JavaScript SDK assume the role', () => {
      const d = run(files, { AWS_PROFILE: 'role' }, { versions: 'aws-cli=2.9.19,botocore=1.43.11' });
      assert.deepEqual(sources(d), { node: 'assume-role', python: 'assume-role', cli: 'error' });
      assert.equal(d.tools.cli.failure, "'NoneType' object has no attribute 'get_frozen_token'");
      const [f] = only(d, FindingCode.ToolTooOld);
      assert.deepEqual(f.tools, ['cli']);
      assert.equal(f.severity, 'error');
      assert.equal(f.line, 6);
      assert.match(
        f.message,
        /^AWS CLI 2\.9\.19 crashes on profile role .*its source profile sso signs in through an sso-session, which versions before 2\.10\.2 look up in the selected profile role instead \(aws-cli#7496\)\. Upgrade it to 2\.10\.2 or later/,
      );
      assert.deepEqual(only(d, FindingCode.CredentialResolutionFails), []);
    });

    it('AWS CLI 2.10.2 and botocore 1.29.75 have the fix; botocore 1.29.74 crashes too', () => {
      assert.deepEqual(sources(run(files, { AWS_PROFILE: 'role' }, { versions: 'aws-cli=2.10.2,botocore=1.29.75' })), {
        node: 'assume-role',
        python: 'assume-role',
        cli: 'assume-role',
      });
      const old = run(files, { AWS_PROFILE: 'role' }, { versions: 'aws-cli=2.10.2,botocore=1.29.74' });
      assert.equal(old.tools.python.failure, "'NoneType' object has no attribute 'get_frozen_token'");
      assert.deepEqual(
        only(old, FindingCode.ToolTooOld).map((f) => f.tools),
        [['python']],
      );
    });

    it('the SSO profile itself, selected, works in every version', () => {
      assert.deepEqual(sources(run(files, { AWS_PROFILE: 'sso' }, { versions: 'aws-cli=2.9.19,botocore=1.29.0' })), {
        node: 'sso',
        python: 'sso',
        cli: 'sso',
      });
    });

    it('the versions are read only where they decide (no tool is run for the SSO profile selected)', () => {
      const input = (profile: string) => ({
        env: { HOME, AWS_PROFILE: profile },
        fs: new MemoryHost(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${HOME}/${k}`, v]))),
        now: NOW,
        fallbackHomeDir: HOME,
      });
      assert.equal(diagnoseNotingVersions(input('sso')).dependsOnVersions, false);
      assert.equal(diagnoseNotingVersions(input('role')).dependsOnVersions, true);
    });
  });
});
