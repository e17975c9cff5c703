/**
 * `diagnose --format sarif`: every log validates against the OASIS SARIF 2.1.0 schema
 * (test/fixtures/sarif/, carried with its licence), and says what the findings say: rule, level,
 * file and region or the environment variable, related locations, fixes; no secret, no raw control
 * character.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '../../src/cli/main';
import { fileUri } from '../../src/engine/output/sarif';
import { PROJECT_ROOT } from '../support/projectRoot';
import { tempHome } from '../support/fixtureHome';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const SECRET = 'kT9x/2pQ+7rLmN4vB8wZ1cY6hJ3sD5fG0aE2uI9o';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr' + 'y'.repeat(120);
const INFO = { version: '1.2.3', informationUri: 'https://github.com/aws-credentials-doctor/aws-credentials-doctor' };

const schema = JSON.parse(
  fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

async function sarif(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  const code = await runCli({
    argv: ['diagnose', '--format', 'sarif', ...argv],
    env,
    stdout: (s) => (out += s),
    stderr: () => undefined,
    now: () => NOW,
    homedir: '/nonexistent',
    packageInfo: () => INFO,
  });
  return { code, out, log: JSON.parse(out) as any };
}

describe('SARIF output (--format sarif)', () => {
  const home = tempHome(
    {
      '.aws/credentials': `[default]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = ${SECRET}\n\n[profile dev]\naws_access_key_id = AKIAJ2QWERTYUIOPQWER\n\n[dev]\nregion = x\n[dev]\nregion = y\n`,
      '.aws/config': '[default]\nregion = eu-west-1\n',
    },
    'acd-sarif-',
  );
  after(() => fs.rmSync(home, { recursive: true, force: true }));

  it('the validator itself refuses what the schema refuses', () => {
    assert.equal(
      validate({
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }],
      }),
      false,
    );
    assert.equal(
      validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', informationUri: 'not a uri' } } }] }),
      false,
    );
    assert.equal(validate({ version: '2.2.0', runs: [] }), false);
    assert.ok(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [] }] }));
  });

  it("a home with file findings: valid, one rule per code, results on their file and line; exit code as the text's", async () => {
    const { code, log } = await sarif(['--home', home]);
    assertValid(log);
    assert.equal(code, 1);
    assert.equal(log.version, '2.1.0');
    assert.equal(
      log.$schema,
      'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    );
    const run = log.runs[0];
    assert.deepEqual(
      [run.tool.driver.name, run.tool.driver.version, run.tool.driver.informationUri],
      ['AWS Credentials Doctor', '1.2.3', INFO.informationUri],
    );
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'one rule per code');
    const prefix = run.results.find((r: { ruleId: string }) => r.ruleId === 'PROFILE_PREFIX_IN_CREDENTIALS');
    assert.deepEqual(prefix.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(path.join(home, '.aws', 'credentials')) },
          region: { startLine: 5, startColumn: 1 },
        },
      },
    ]);
    assert.equal(prefix.level, 'error');
    assert.equal(run.tool.driver.rules[prefix.ruleIndex].id, 'PROFILE_PREFIX_IN_CREDENTIALS');
    assert.deepEqual(run.tool.driver.rules[prefix.ruleIndex], {
      id: 'PROFILE_PREFIX_IN_CREDENTIALS',
      name: 'ProfilePrefixInCredentials',
      shortDescription: {
        text: '[profile x] in the credentials file, which takes bare names.',
        markdown: '`[profile x]` in the credentials file, which takes bare names.',
      },
      help: { text: 'Rename the header to [x].', markdown: 'Rename the header to `[x]`.' },
      helpUri: `${INFO.informationUri}#profile_prefix_in_credentials`,
    });
    assert.deepEqual(prefix.properties.fixes, [{ title: 'Rename the section header to [dev]' }]);
    // A duplicate section points at its first occurrence.
    const duplicate = run.results.find((r: { ruleId: string }) => r.ruleId === 'DUPLICATE_SECTION');
    assert.equal(duplicate.relatedLocations[0].physicalLocation.region.startLine, 8);
    assert.match(duplicate.relatedLocations[0].message.text, /first/);
  });

  it('environment findings as logical locations; fixes with their commands; no secret', async () => {
    const { out, log } = await sarif(['--home', home], {
      AWS_ACCESS_KEY_ID: 'AKIAJ2QWERTYUIOPASDF',
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_SESSION_TOKEN: TOKEN,
    });
    assertValid(log);
    assert.ok(!out.includes(SECRET) && !out.includes(TOKEN));
    const stale = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'STALE_SESSION_TOKEN');
    assert.deepEqual(stale.locations, [
      {
        logicalLocations: [
          { name: 'AWS_SESSION_TOKEN', fullyQualifiedName: 'env:AWS_SESSION_TOKEN', kind: 'variable' },
        ],
      },
    ]);
    assert.deepEqual(stale.properties.fixes[0], {
      title: 'Unset the stale AWS_SESSION_TOKEN',
      commands: [{ shell: 'posix', command: 'unset AWS_SESSION_TOKEN' }],
    });
    // botocore and the AWS CLI stop at the duplicate section before reaching the environment's keys.
    assert.deepEqual(stale.properties.tools, ['node']);
    // In a GitHub Actions run, anchored at the workflow file too: code scanning refuses a whole log with one result without a file.
    const inCi = await sarif(['--home', home], {
      AWS_ACCESS_KEY_ID: 'AKIAJ2QWERTYUIOPASDF',
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_SESSION_TOKEN: TOKEN,
      GITHUB_WORKFLOW_REF: 'octo/repo/.github/workflows/deploy prod.yml@refs/heads/main',
    });
    assertValid(inCi.log);
    for (const r of inCi.log.runs[0].results) assert.ok(r.locations[0].physicalLocation.artifactLocation.uri, r.ruleId);
    const anchored = inCi.log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'STALE_SESSION_TOKEN');
    assert.deepEqual(anchored.locations, [
      {
        physicalLocation: { artifactLocation: { uri: '.github/workflows/deploy%20prod.yml' } },
        logicalLocations: [
          { name: 'AWS_SESSION_TOKEN', fullyQualifiedName: 'env:AWS_SESSION_TOKEN', kind: 'variable' },
        ],
      },
    ]);
  });

  it('paths inside GITHUB_WORKSPACE relative to it; odd characters percent-encoded; control characters escaped', async () => {
    const odd = tempHome(
      { '.aws/credentials': '[profile a\u001b[31mb]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\n' },
      'acd-sarif %#é-',
    );
    try {
      const { log, out } = await sarif(['--home', odd], { GITHUB_WORKSPACE: odd });
      assertValid(log);
      const run = log.runs[0];
      assert.deepEqual(run.originalUriBaseIds, { WORKSPACE: { uri: `${fileUri(odd)}/` } });
      assert.match(run.originalUriBaseIds.WORKSPACE.uri, /acd-sarif%20%25%23%C3%A9-/);
      const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'PROFILE_PREFIX_IN_CREDENTIALS');
      assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, {
        uri: '.aws/credentials',
        uriBaseId: 'WORKSPACE',
      });
      assert.ok(!out.includes('\u001b') && !out.includes('\\u001b'), 'no ESC, raw or as a JSON escape');
      assert.match(result.message.text, /a\\x1b\[31mb/);
    } finally {
      fs.rmSync(odd, { recursive: true, force: true });
    }
  });

  it('no AWS setup: a valid log without results, exit 0; Windows paths as file:///C:/ URIs', async () => {
    const empty = tempHome({}, 'acd-sarif-');
    try {
      const { code, log } = await sarif(['--home', empty]);
      assertValid(log);
      assert.equal(code, 0);
      assert.deepEqual(log.runs[0].results, []);
      assert.deepEqual(log.runs[0].tool.driver.rules, []);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    assert.equal(fileUri('C:\\Users\\Jo Doe\\.aws\\config'), 'file:///C:/Users/Jo%20Doe/.aws/config');
    assert.equal(fileUri('/home/me/.aws/config'), 'file:///home/me/.aws/config');
    assert.equal(fileUri('\\\\server\\share\\config'), 'file://server/share/config');
    assert.equal(fileUri('/x/\ud800y'), 'file:///x/%EF%BF%BDy');
  });
});
