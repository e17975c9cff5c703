/**
 * Every profile's state (engine/profileStatus.ts, profileState.ts) and the table of them
 * (profileTable.ts, `diagnose --all-profiles`): each kind of profile on an in-memory home with an
 * injected clock, the exact state and words, the JSON fields, the redaction of the Markdown table.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { diagnose } from '../../src/engine/diagnose';
import { skippedCheck, withProfileChecks } from '../../src/engine/output/liveReport';
import { profileState } from '../../src/engine/output/profileState';
import type { ProfileLiveCheck, ProfileToolState } from '../../src/engine/findings/profiles';
import { profileDiagnosis, withProfileStatuses } from '../../src/engine/output/profileStatus';
import {
  formatProfileGithub,
  formatProfileTable,
  formatProfileTableMarkdown,
} from '../../src/engine/output/profileTable';
import { Redactor } from '../../src/engine/secrets/redact';
import { buildReport } from '../../src/engine/output/report';
import { sha1Hex } from '../../src/nodeHost/hash';
import { MemoryHost } from '../support/memoryHost';

const H = '/home/u';
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const MIN = 60_000;
const iso = (ms: number) => new Date(NOW + ms).toISOString().replace(/\.\d+Z$/, 'Z');
const SECRET = 'FAKEsecretKEYforTESTSonly'.padEnd(40, '0');

export const ALL_KINDS_CONFIG = `[default]
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[sso-session old]
sso_start_url = https://old.awsapps.com/start
sso_region = us-east-1

[sso-session soon]
sso_start_url = https://soon.awsapps.com/start
sso_region = us-east-1

[profile sso-ok]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Dev
region = eu-west-1

[profile sso-expired]
sso_session = old
sso_account_id = 222222222222
sso_role_name = Admin

[profile sso-never]
sso_session = nope
sso_account_id = 333333333333
sso_role_name = Admin

[profile sso-soon]
sso_session = soon
sso_account_id = 111111111111
sso_role_name = ReadOnly

[profile role-missing]
role_arn = arn:aws:iam::444444444444:role/Deploy
source_profile = ghost

[profile role-ok]
role_arn = arn:aws:iam::555555555555:role/Deploy
source_profile = default

[profile temp]
aws_access_key_id = ASIAFAKEKEYDOCTORTMP
aws_secret_access_key = ${SECRET}
aws_session_token = FwoGZXIvYXdzFAKEtoken
aws_expiration = ${iso(-MIN)}

[profile settings]
region = us-east-2
`;

export const ALL_KINDS_CREDENTIALS = `[default]
aws_access_key_id = AKIAFAKEKEYDOCTORONE
aws_secret_access_key = ${SECRET}

[profile prefixed]
aws_access_key_id = AKIAFAKEKEYDOCTORTWO
aws_secret_access_key = ${SECRET}
`;

export function allKindsHost(): MemoryHost {
  const token = (ms: number) => JSON.stringify({ accessToken: 'fake', expiresAt: iso(ms), region: 'us-east-1' });
  return new MemoryHost({
    [`${H}/.aws/config`]: ALL_KINDS_CONFIG,
    [`${H}/.aws/credentials`]: ALL_KINDS_CREDENTIALS,
    [`${H}/.aws/sso/cache/${sha1Hex('corp')}.json`]: token(3 * 60 * MIN),
    [`${H}/.aws/sso/cache/${sha1Hex('old')}.json`]: token(-60 * MIN),
    [`${H}/.aws/sso/cache/${sha1Hex('soon')}.json`]: token(10 * MIN),
  });
}

function allKinds() {
  const d = diagnose({ env: { HOME: H }, fs: allKindsHost(), now: NOW, fallbackHomeDir: H });
  return { d, report: withProfileStatuses(buildReport(d), d) };
}

describe("every profile's state (diagnose --all-profiles)", () => {
  it('each kind of profile gets its state, its words, its account, session and role', () => {
    const { report } = allKinds();
    const rows = report.profiles.map((p) => [
      p.name,
      p.kind,
      p.status!.state,
      p.status!.detail,
      p.status!.account,
      p.status!.ssoSession,
      p.status!.role,
    ]);
    assert.deepEqual(rows, [
      ['default', 'static', 'ok', 'works', null, null, null],
      // botocore and the CLI find it (literally "profile prefixed"), the JavaScript SDK does not; the finding on its header says what was meant.
      [
        'profile prefixed',
        'static',
        'error',
        'PROFILE_PREFIX_IN_CREDENTIALS: [profile prefixed] in the credentials file is not the profile "prefixed": the credentials file takes bare names.',
        null,
        null,
        null,
      ],
      [
        'role-missing',
        'role',
        'error',
        'botocore (boto3, AWS CLI v1): The source_profile "ghost" referenced in the profile "role-missing" does not exist.',
        '444444444444',
        null,
        'Deploy',
      ],
      ['role-ok', 'role', 'ok', 'works', '555555555555', null, 'Deploy'],
      ['settings', 'settings-only', 'no-credentials', 'no credentials of its own (settings only)', null, null, null],
      ['sso-expired', 'sso', 'expired', 'SSO login expired', '222222222222', 'old', 'Admin'],
      [
        'sso-never',
        'sso',
        'error',
        "JavaScript SDK v3: Cannot read properties of undefined (reading 'sso_region')",
        '333333333333',
        'nope',
        'Admin',
      ],
      ['sso-ok', 'sso', 'ok', 'works, expires in 3h', '111111111111', 'corp', 'Dev'],
      ['sso-soon', 'sso', 'expiring', 'expires in 10m', '111111111111', 'soon', 'ReadOnly'],
      ['temp', 'static', 'expired', 'credentials expired', null, null, null],
    ]);
    // What each tool makes of one profile: the three resolutions, masked keys, expiry and where it comes from.
    const ok = report.profiles.find((p) => p.name === 'sso-ok')!.status!;
    assert.deepEqual(ok.tools.node, {
      source: 'sso',
      region: 'eu-west-1',
      expiresAt: new Date(NOW + 3 * 60 * MIN).toISOString(),
      expiresFrom: `SSO token cache ${H}/.aws/sso/cache/${sha1Hex('corp')}.json (expiresAt)`,
      failure: null,
      accessKeyId: null,
      chain: ['sso-ok'],
    });
    assert.equal(report.profiles[0].status!.tools.cli.accessKeyId, '****************RONE');
    assert.equal(report.profiles.find((p) => p.name === 'sso-never')!.status!.ssoSessionDefined, false);
    // The findings on a profile's lines: the header's, the expiry key's.
    assert.deepEqual(
      report.profiles
        .find((p) => p.name === 'profile prefixed')!
        .status!.findings.map((f) => [f.code, f.severity, f.line]),
      [['PROFILE_PREFIX_IN_CREDENTIALS', 'error', 5]],
    );
    assert.deepEqual(
      report.profiles.find((p) => p.name === 'temp')!.status!.findings.map((f) => [f.code, f.line]),
      [['PROFILE_CREDENTIALS_EXPIRED', 49]],
    );
    assert.deepEqual(report.profiles.find((p) => p.name === 'sso-ok')!.status!.findings, []);
  });

  it('the state is about the tools asked: one tool failing is "disagree", none working is "error"; the clock moves "ok" to "expiring" to "expired"', () => {
    const t = (over: Partial<ProfileToolState> = {}): ProfileToolState => ({
      source: 'static',
      region: 'eu-west-1',
      expiresAt: null,
      expiresFrom: null,
      failure: null,
      accessKeyId: '****************RONE',
      chain: ['p'],
      ...over,
    });
    const fails = t({ source: 'error', failure: 'boom', accessKeyId: null });
    const facts = (node: ProfileToolState, python = t(), cli = t()) => ({
      kind: 'static' as const,
      ssoSessionDefined: false,
      tools: { node, python, cli },
    });
    assert.equal(profileState(facts(fails), NOW, 15 * MIN, ['node', 'python', 'cli']).state, 'disagree');
    assert.deepEqual(
      profileState(facts(fails), NOW, 15 * MIN, ['python', 'cli']).state,
      'ok',
      'the JavaScript SDK is not asked',
    );
    assert.deepEqual(profileState(facts(fails), NOW, 15 * MIN, ['node']), {
      state: 'error',
      working: [],
      failing: ['node'],
      failure: { tool: 'node', text: 'boom' },
    });
    assert.equal(
      profileState(facts(t(), t({ region: 'us-east-1' })), NOW, 15 * MIN, ['node', 'python', 'cli']).differs,
      'region',
    );
    assert.equal(
      profileState(facts(t(), t({ accessKeyId: '****************RTWO' })), NOW, 15 * MIN, ['node', 'python', 'cli'])
        .differs,
      'credentials',
    );
    const expiring = t({ expiresAt: new Date(NOW + 20 * MIN).toISOString() });
    const at = (now: number) =>
      profileState(facts(expiring, expiring, expiring), now, 15 * MIN, ['node', 'python', 'cli']).state;
    assert.deepEqual([at(NOW), at(NOW + 5 * MIN + 1), at(NOW + 20 * MIN)], ['ok', 'expiring', 'expired']);
  });

  it('a finding that makes AWS reject the profile\'s requests is an error for its state though the profile is not in use; a mere warning is said beside "works"', () => {
    const credentials = `[default]\naws_access_key_id = AKIAFAKEKEYDOCTORONE\naws_secret_access_key = ${SECRET}\n\n[stale]\naws_access_key_id = AKIAFAKEKEYDOCTORTWO\naws_secret_access_key = ${SECRET}\naws_session_token = FwoGZXIvYXdzFAKEtoken\n`;
    const config =
      '[profile typo]\nregion = eu-wset-1\naws_access_key_id = AKIAFAKEKEYDOCTORTRE\naws_secret_access_key = ' +
      SECRET +
      '\n';
    const d = diagnose({
      env: { HOME: H },
      fs: new MemoryHost({ [`${H}/.aws/credentials`]: credentials, [`${H}/.aws/config`]: config }),
      now: NOW,
      fallbackHomeDir: H,
    });
    const report = withProfileStatuses(buildReport(d), d);
    // The diagnosis (about the default profile in use) says "warning: it will fail once used".
    assert.deepEqual(
      d.findings.filter((f) => f.code === 'PROFILE_STALE_SESSION_TOKEN').map((f) => [f.severity, f.line]),
      [['warning', 8]],
    );
    const status = (name: string) => report.profiles.find((p) => p.name === name)!.status!;
    assert.deepEqual(
      [status('stale').state, status('stale').findings.map((f) => [f.code, f.severity, f.line])],
      ['error', [['PROFILE_STALE_SESSION_TOKEN', 'error', 8]]],
    );
    assert.match(
      status('stale').detail,
      /^PROFILE_STALE_SESSION_TOKEN: Profile "stale" has aws_session_token next to a long-term access key/,
    );
    assert.deepEqual(
      [status('typo').state, status('typo').detail, status('typo').findings.map((f) => [f.code, f.severity])],
      ['ok', 'works; warning: REGION_UNKNOWN', [['REGION_UNKNOWN', 'warning']]],
    );
    assert.equal(status('default').detail, 'works');
    // A finding about a whole file sits on its first line, but is about no profile: botocore's failure to parse says it.
    const bom = diagnose({
      env: { HOME: H },
      fs: new MemoryHost({ [`${H}/.aws/credentials`]: `\uFEFF${credentials}` }),
      now: NOW,
      fallbackHomeDir: H,
    });
    assert.deepEqual(
      bom.findings.filter((f) => f.code === 'BYTE_ORDER_MARK').map((f) => f.line),
      [1],
    );
    const first = withProfileStatuses(buildReport(bom), bom).profiles.find((p) => p.name === 'default')!.status!;
    assert.deepEqual([first.state, first.findings], ['disagree', []]);
  });

  it('profileDiagnosis: the tools resolved for that profile chosen explicitly, the findings of the whole diagnosis', () => {
    const { d } = allKinds();
    const one = profileDiagnosis(d, 'role-ok');
    assert.equal(one.profile.name, 'role-ok');
    assert.equal(one.profile.from, '--profile');
    assert.equal(one.tools.node.source, 'assume-role');
    assert.deepEqual(one.tools.python.chain, ['role-ok', 'default']);
    assert.equal(one.findings, d.findings);
    assert.equal(d.tools.node.profile, 'default', 'the diagnosis itself is untouched');
  });

  it('the text table: one row per profile, columns padded, the counts; a profile name cannot forge a line', () => {
    const { report } = allKinds();
    const text = formatProfileTable(report);
    const lines = text.split('\n');
    assert.equal(lines[0], 'PROFILE           KIND           STATE           ACCOUNT       DETAIL');
    assert.equal(lines[1], 'default           static         ok                            works');
    assert.equal(lines[9], 'sso-soon          sso            expiring        111111111111  expires in 10m');
    assert.equal(lines[12], '10 profiles: 3 ok, 3 error, 1 no-credentials, 2 expired, 1 expiring');
    const evil = { ...report, profiles: [{ ...report.profiles[0], name: 'evil\nFAKE ROW\x1b[2J' }] };
    assert.match(formatProfileTable(evil), /^evil\\nFAKE ROW\\x1b\[2J +static/m);
  });

  it('the text table in a terminal: the states in colour (the padding outside it), the detail wrapped under its column, or under a short indent when the columns leave it little room', () => {
    const { report } = allKinds();
    const coloured = formatProfileTable(report, { colour: true, width: Infinity }).split('\n');
    assert.equal(
      coloured[0],
      '\x1b[1mPROFILE\x1b[0m           \x1b[1mKIND\x1b[0m           \x1b[1mSTATE\x1b[0m           \x1b[1mACCOUNT\x1b[0m       \x1b[1mDETAIL\x1b[0m',
    );
    assert.equal(coloured[1], 'default           static         \x1b[32mok\x1b[0m                            works');
    assert.equal(
      coloured[9],
      'sso-soon          sso            \x1b[1;33mexpiring\x1b[0m        111111111111  expires in 10m',
    );
    // The columns take 63 of 120: the detail wraps at 120 under itself.
    const wide = formatProfileTable(report, { colour: false, width: 120 }).split('\n');
    const at = wide.findIndex((l) => l.startsWith('profile prefixed'));
    assert.deepEqual(wide.slice(at, at + 3), [
      'profile prefixed  static         error                         PROFILE_PREFIX_IN_CREDENTIALS: [profile prefixed] in the',
      `${' '.repeat(63)}credentials file is not the profile "prefixed": the`,
      `${' '.repeat(63)}credentials file takes bare names.`,
    ]);
    // At 80 they leave 17: a detail too long for its line goes under it, four spaces in; a short one stays.
    const narrow = formatProfileTable(report, { colour: false, width: 80 }).split('\n');
    const n = narrow.findIndex((l) => l.startsWith('profile prefixed'));
    assert.deepEqual(narrow.slice(n, n + 3), [
      'profile prefixed  static         error',
      '    PROFILE_PREFIX_IN_CREDENTIALS: [profile prefixed] in the credentials file is',
      '    not the profile "prefixed": the credentials file takes bare names.',
    ]);
    assert.ok(narrow.includes('sso-soon          sso            expiring        111111111111  expires in 10m'));
    assert.ok(
      narrow.every((l) => [...l].length <= 80),
      'nothing wider than 80',
    );
  });

  it('GitHub annotations: one per profile that needs attention, on its header line, the detail and title encoded; then the counts', () => {
    const { report } = allKinds();
    const out = formatProfileGithub(report, { workspace: H }).split('\n');
    assert.deepEqual(
      out.map((l) => /^::(\w+) file=([^,]*),line=(\d+),title=([^:]*)::/.exec(l)?.slice(1)).filter(Boolean),
      [
        ['error', '.aws/credentials', '5', 'profile "profile prefixed"%3A error'],
        ['error', '.aws/config', '37', 'profile "role-missing"%3A error'],
        ['error', '.aws/config', '22', 'profile "sso-expired"%3A expired'],
        ['error', '.aws/config', '27', 'profile "sso-never"%3A error'],
        ['warning', '.aws/config', '32', 'profile "sso-soon"%3A expiring'],
        ['error', '.aws/config', '45', 'profile "temp"%3A expired'],
      ],
    );
    assert.equal(
      out[out.length - 2],
      'AWS Credentials Doctor: 10 profiles: 3 ok, 3 error, 1 no-credentials, 2 expired, 1 expiring',
    );
    const evil = formatProfileGithub({ ...report, profiles: [{ ...report.profiles[1], name: 'x\n::error::forged' }] });
    assert.equal(
      evil.split('\n').filter((l) => l.startsWith('::')).length,
      1,
      'a name cannot start a workflow command',
    );
  });

  it('the Markdown table (Copy Results): redacted, accounts masked, the home as ~, escaped cells; with live checks, the identity or the error and its local cause', () => {
    const { d, report } = allKinds();
    const checks = new Map<string, ProfileLiveCheck>([
      [
        'role-ok',
        {
          ok: true,
          account: '555555555555',
          arn: 'arn:aws:sts::555555555555:assumed-role/Deploy/x',
          error: null,
          findings: [],
          durationMs: 80,
          at: iso(0),
        },
      ],
      [
        'default',
        {
          ok: false,
          account: null,
          arn: null,
          error: { name: 'InvalidClientTokenId', message: 'invalid' },
          findings: [
            {
              code: 'LIVE_INVALID_CLIENT_TOKEN' as never,
              severity: 'error',
              message: `AWS rejected the key | ${SECRET} in ${H}/.aws/credentials. The local cause: EXAMPLE_KEYS`,
              file: null,
              fileKind: null,
              line: null,
              column: null,
              env: null,
              tools: ['node'],
              related: [],
              fixes: [],
            },
          ],
          durationMs: 40,
          at: iso(0),
        },
      ],
      [
        'settings',
        skippedCheck(
          'not checked: it runs the credential_process of profile "settings", which was not allowed',
          NOW,
          new Redactor(),
        ),
      ],
    ]);
    const md = formatProfileTableMarkdown(withProfileChecks(report, checks));
    const lines = md.split('\n');
    assert.equal(
      lines[0],
      '## AWS profiles (10 profiles: 3 ok, 3 error, 1 no-credentials, 2 expired, 1 expiring; live check: 1 failed, 1 confirmed, 1 skipped)',
    );
    assert.equal(lines[2], '| profile | kind | state | live check | identity or error | account | detail |');
    assert.equal(
      lines[4],
      '| `default` | static | ok | failed | `LIVE_INVALID_CLIENT_TOKEN`: AWS rejected the key \\| \\*\\*\\*\\* in \\~/.aws/credentials. The local cause: EXAMPLE\\_KEYS |   | works |',
    );
    assert.ok(
      lines.includes(
        '| `role-ok` | role | ok | confirmed | `arn:aws:sts::********5555:assumed-role/Deploy/x` | `********5555` | works |',
      ),
      md,
    );
    assert.ok(
      lines.some((l) =>
        l.startsWith(
          '| `settings` | settings-only | no-credentials | skipped | not checked: it runs the credential\\_process',
        ),
      ),
      md,
    );
    assert.ok(!md.includes(SECRET) && !md.includes('555555555555'));
    void d;
  });

  it('diagnose --all-profiles --json: profiles[].status, schemaVersion 1; --profile with it is a usage error; --concurrency and --rate need --live --all-profiles', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-all-'));
    try {
      fs.mkdirSync(path.join(home, '.aws'));
      fs.writeFileSync(path.join(home, '.aws', 'config'), ALL_KINDS_CONFIG);
      fs.writeFileSync(path.join(home, '.aws', 'credentials'), ALL_KINDS_CREDENTIALS, { mode: 0o600 });
      const run = async (...argv: string[]) => {
        let out = '';
        let err = '';
        const code = await runCli({
          argv,
          env: {},
          stdout: (s) => (out += s),
          stderr: (s) => (err += s),
          now: () => NOW,
          homedir: home,
        });
        return { code, out, err };
      };
      const json = await run('diagnose', '--all-profiles', '--json', '--home', home);
      const r = JSON.parse(json.out);
      assert.equal(r.schemaVersion, 1);
      assert.deepEqual(Object.keys(r.profiles[0].status), [
        'state',
        'detail',
        'account',
        'ssoSession',
        'ssoSessionDefined',
        'role',
        'tools',
        'findings',
      ]);
      assert.deepEqual(Object.keys(r.profiles[0].status.tools.node), [
        'source',
        'region',
        'expiresAt',
        'expiresFrom',
        'failure',
        'accessKeyId',
        'chain',
      ]);
      assert.equal(r.profiles.find((p: { name: string }) => p.name === 'role-missing').status.state, 'error');
      const plain = await run('diagnose', '--json', '--home', home);
      assert.equal(
        JSON.parse(plain.out).profiles[0].status,
        undefined,
        'without --all-profiles nothing more is computed',
      );
      const text = await run('diagnose', '--all-profiles', '--home', home);
      assert.match(text.out, /^PROFILE +KIND +STATE +ACCOUNT +DETAIL\n/);
      assert.equal(text.code, 1, "the exit code is the diagnosis' own (an error finding)");
      const markdown = await run('diagnose', '--all-profiles', '--format', 'markdown', '--home', home);
      assert.match(markdown.out, /^## AWS profiles \(10 profiles: /);
      const github = await run('diagnose', '--all-profiles', '--format', 'github', '--home', home);
      assert.match(
        github.out,
        /^::error file=.*credentials,line=5,title=profile "profile prefixed"%3A error::PROFILE_PREFIX_IN_CREDENTIALS/,
      );
      const colour = await run('diagnose', '--all-profiles', '--color', '--home', home);
      assert.match(colour.out, /^default +static +\x1b\[32mok\x1b\[0m/m);
      for (const [argv, message] of [
        [['--all-profiles', '--profile', 'x'], '--profile and --all-profiles exclude each other'],
        [['--all-profiles', '--format', 'sarif'], '--all-profiles prints text, json, markdown or github, not sarif'],
        [['--all-profiles', '--concurrency', '2'], '--concurrency applies to the live check only: add --live'],
        [['--live', '--rate', '2'], '--rate applies to a check of every profile only: add --all-profiles'],
        [
          ['--live', '--all-profiles', '--concurrency', '17'],
          '--concurrency takes a whole number from 1 to 16 (got 17)',
        ],
        [
          ['--live', '--all-profiles', '--concurrency', '1.5'],
          '--concurrency takes a whole number from 1 to 16 (got 1.5)',
        ],
        [['--live', '--all-profiles', '--rate', '0'], '--rate takes 0.1 to 100 checks per second (got 0)'],
      ] as const) {
        const u = await run('diagnose', ...argv, '--home', home);
        assert.equal(u.code, 2, argv.join(' '));
        assert.equal(u.err.split('\n')[0], `aws-credentials-doctor: ${message}`);
      }
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
