/**
 * Issue 16, "a quiet, correct, accessible extension", in the extension's pure presentation code
 * under plain Node: the status bar's state in icon and words, the first impression when
 * environment keys win, one notification per switch, the picker, Sign In to SSO, Check Identity's
 * outcomes, the read-only documents of Explain Error and Show Report, the terminal notification and
 * the profile a command line selects, and the wording. In-memory homes, an injected clock.
 */
import * as assert from 'node:assert/strict';
import { diagnose } from '../../src/engine/diagnose';
import { explainError } from '../../src/engine/explain/explainError';
import { FindingCode } from '../../src/engine/findings/findings';
import { formatText } from '../../src/engine/output/format';
import { formatMarkdown } from '../../src/engine/output/markdown';
import { redact } from '../../src/engine/secrets/redact';
import { buildReport } from '../../src/engine/output/report';
import { sha1Hex } from '../../src/nodeHost/hash';
import type { LiveContext } from '../../src/live/classify';
import { classifyLiveCheck } from '../../src/live/classify';
import { environmentDocument, fixTitle, mergeEnvironment } from '../../src/extension/presentation/environment';
import { liveFindingsForProblems, liveNotice } from '../../src/extension/presentation/liveNotice';
import { pickerTitle, profilePickItems, ssoSignInItems } from '../../src/extension/presentation/profileItems';
import { explanationDocument, reportDocument } from '../../src/extension/presentation/readOnlyDocuments';
import { firstSentence, tildePath } from '../../src/extension/presentation/shortText';
import { findingCounts, SHOW_PROBLEMS_COMMAND, statusBarModel } from '../../src/extension/presentation/statusBarModel';
import { switchNotice } from '../../src/extension/presentation/switchNotice';
import { DEFAULT_SETTINGS } from '../../src/extension/settings';
import { parseCommandLine } from '../../src/extension/terminals/shellSyntax';
import { terminalAlert } from '../../src/extension/terminals/terminalAlert';
import { TerminalEnvironment } from '../../src/extension/terminals/terminalEnvironment';
import { MemoryHost } from '../support/memoryHost';

const HOME = '/home/u';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const KEY = 'AKIAFAKEKEYDOCTORONE';
const KEY2 = 'AKIAFAKEKEYDOCTORTWO';
const SECRET = 'FAKEsecretKEYforTESTSonly'.padEnd(40, '0');
const TOKEN = 'FwoGZXIvYXdzFAKE' + 'x'.repeat(80);

// Eight profiles of the kinds a real home has: static keys (config + credentials), two SSO sessions (one expired), a role.
const CONFIG = [
  '[default]',
  'region = eu-west-1',
  '',
  '[profile dev]',
  'region = eu-west-1',
  '',
  '[profile sso-prod]',
  'sso_session = prod',
  'sso_account_id = 111122223333',
  'sso_role_name = Admin',
  'region = eu-west-1',
  '',
  '[profile sso-dev]',
  'sso_session = dev',
  'sso_account_id = 111122223333',
  'sso_role_name = Dev',
  'region = eu-west-1',
  '',
  '[sso-session prod]',
  'sso_start_url = https://prod.awsapps.com/start',
  'sso_region = eu-west-1',
  '',
  '[sso-session dev]',
  'sso_start_url = https://dev.awsapps.com/start',
  'sso_region = eu-west-1',
  '',
  '[profile broken-role]',
  'role_arn = arn:aws:iam::111122223333:role/x',
  'source_profile = nope',
  '',
].join('\n');
const CREDENTIALS = `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n\n[dev]\naws_access_key_id = ${KEY2}\naws_secret_access_key = ${SECRET}\n`;
const ssoToken = (expiresAt: number) =>
  JSON.stringify({ accessToken: 'fake', expiresAt: new Date(expiresAt).toISOString() });

function home(): MemoryHost {
  return new MemoryHost({
    [`${HOME}/.aws/config`]: CONFIG,
    [`${HOME}/.aws/credentials`]: { content: CREDENTIALS, mode: 0o600 },
    [`${HOME}/.aws/sso/cache/${sha1Hex('prod')}.json`]: ssoToken(NOW - 3600_000),
    [`${HOME}/.aws/sso/cache/${sha1Hex('dev')}.json`]: ssoToken(NOW + 5 * 3600_000),
  });
}

function diagnosisOf(env: Record<string, string>, explicitProfile?: string) {
  return diagnose({
    env: { HOME, PATH: '/bin', ...env },
    fs: home(),
    now: NOW,
    fallbackHomeDir: HOME,
    explicitProfile,
  });
}

const reportOf = (env: Record<string, string>) => buildReport(diagnosisOf(env));
const model = (env: Record<string, string>, more: Partial<Parameters<typeof statusBarModel>[0]> = {}) =>
  statusBarModel({ report: reportOf(env), now: NOW, settings: DEFAULT_SETTINGS, ...more });

describe('issue 16: the status bar says the state in an icon and in words, not by colour alone', () => {
  it('a distinct icon per state: none, warning, error, and the terminal followed', () => {
    const ok = model({ AWS_PROFILE: 'dev' });
    // DEFAULT_PROFILE_VARIABLE: botocore takes AWS_DEFAULT_PROFILE, the AWS CLI v2 AWS_PROFILE.
    const warning = model({ AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'default' });
    const error = model({ AWS_PROFILE: 'sso-prod' });
    assert.deepEqual([ok.background, warning.background, error.background], ['none', 'warning', 'error']);
    assert.deepEqual(
      [ok.text, warning.text, error.text],
      ['$(cloud) dev', '$(warning) dev / default', '$(error) sso-prod'],
    );
    // The top problem is the one the state is about: the warning on the credentials in use, not another profile's error.
    const fs = new MemoryHost({
      [`${HOME}/.aws/config`]: CONFIG,
      [`${HOME}/.aws/credentials`]: {
        content: `${CREDENTIALS}\n[profile x]\naws_access_key_id = ${KEY2}\n`,
        mode: 0o600,
      },
    });
    const report = buildReport(
      diagnose({
        env: { HOME, AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'default' },
        fs,
        now: NOW,
        fallbackHomeDir: HOME,
      }),
    );
    assert.ok(report.findings.some((f) => f.code === FindingCode.ProfilePrefixInCredentials && f.severity === 'error'));
    const m = statusBarModel({ report, now: NOW, settings: DEFAULT_SETTINGS });
    assert.equal(m.background, 'warning');
    assert.match(m.tooltip, /\n\$\(warning\) Top problem: `DEFAULT_PROFILE_VARIABLE`/);
    const following = model({ AWS_PROFILE: 'dev' }, { terminal: { name: 'bash', changes: [], uncertainties: [] } });
    assert.equal(following.text, '$(terminal) dev');
    assert.equal(
      model({ AWS_PROFILE: 'sso-prod' }, { terminal: { name: 'bash', changes: [], uncertainties: [] } }).text,
      '$(error) sso-prod $(terminal)',
    );
  });

  it('the accessibility label names the state and its cause, not only the profile', () => {
    assert.equal(model({ AWS_PROFILE: 'dev' }).accessibilityLabel, 'AWS profile dev, no problems');
    const m = model({ AWS_PROFILE: 'sso-prod' });
    assert.match(
      m.accessibilityLabel,
      /^AWS profile sso-prod, error: The SSO login for sso-session "prod" \(profile "sso-prod"\) expired/,
    );
    assert.match(
      model({ AWS_PROFILE: 'dev' }, { terminal: { name: 'bash', changes: [], uncertainties: [] } }).accessibilityLabel,
      /^AWS profile dev, no problems, in terminal bash$/,
    );
  });

  it('first impression: when environment keys win in the AWS CLI and boto3, the status bar does not claim plain "dev"', () => {
    const m = model({
      AWS_PROFILE: 'dev',
      AWS_ACCESS_KEY_ID: KEY,
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_SESSION_TOKEN: TOKEN,
    });
    // The AWS CLI's credentials first (what a terminal runs), then the JavaScript SDK's.
    assert.equal(m.text, '$(error) env keys / dev');
    assert.match(
      m.accessibilityLabel,
      /^environment keys for AWS CLI and Python\/boto3, AWS profile dev for JavaScript SDK, error: AWS_SESSION_TOKEN is set next to a long-term access key/,
    );
    // The tooltip names the top problem and links to Problems (not "Findings: … (see Problems)" as plain text).
    assert.match(
      m.tooltip,
      /\n\$\(error\) Top problem: `STALE_SESSION_TOKEN` — AWS\\_SESSION\\_TOKEN is set next to a long-term access key/,
    );
    assert.match(
      m.tooltip,
      new RegExp(
        `Findings: 1 error, 2 warnings · \\[Show in Problems\\]\\(command:${SHOW_PROBLEMS_COMMAND.replace(/\./g, '\\.')}\\)`,
      ),
    );
    assert.match(m.tooltip, /\| AWS CLI \| dev \| environment keys \(AWS\\_ACCESS\\_KEY\\_ID\) \|/);
    assert.ok(!m.tooltip.includes(TOKEN) && !m.tooltip.includes(SECRET));
  });

  it('counts say "1 error", never "1 errors"', () => {
    assert.equal(
      findingCounts([{ severity: 'error' }, { severity: 'warning' }, { severity: 'warning' }]),
      '1 error, 2 warnings',
    );
    assert.equal(
      findingCounts([{ severity: 'error' }, { severity: 'error' }, { severity: 'info' }]),
      '2 errors, 1 info',
    );
  });
});

describe('issue 16: one profile switch, one notification', () => {
  const base = {
    profile: 'sso-prod',
    appliesToHost: false,
    shadowingKeys: [] as string[],
    envKeysNoticeSilenced: false,
  };
  it('the most important first: a sign-in the profile needs, then environment keys that shadow it, then the plain confirmation', () => {
    const all = switchNotice({
      ...base,
      needsSignIn: { kind: 'sso', neverSignedIn: false },
      shadowingKeys: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
    });
    assert.deepEqual(all, {
      severity: 'warning',
      message: 'New terminals use AWS profile "sso-prod"; its SSO login has expired.',
      actions: [{ action: 'signIn', label: 'Sign In' }],
    });
    const keys = switchNotice({
      ...base,
      profile: 'dev',
      shadowingKeys: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
    });
    assert.equal(
      keys.message,
      'New terminals use AWS profile "dev", but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment win in the AWS CLI and boto3.',
    );
    assert.deepEqual(
      keys.actions.map((a) => a.label),
      ['Clear Keys', "Don't Show Again"],
    );
    assert.deepEqual(switchNotice({ ...base, profile: 'dev' }), {
      severity: 'info',
      message: 'New terminals use AWS profile "dev". Open terminals keep theirs.',
      actions: [],
    });
    assert.equal(
      switchNotice({ ...base, needsSignIn: { kind: 'sso', neverSignedIn: true } }).message,
      'New terminals use AWS profile "sso-prod"; it is not signed in to SSO.',
    );
    assert.match(
      switchNotice({ ...base, profile: 'console', needsSignIn: { kind: 'login', neverSignedIn: true } }).message,
      /it signs in with aws login, and this machine has no token for it\.$/,
    );
  });

  it('the environment-keys warning can be silenced; the picker says it before the choice instead', () => {
    const silenced = switchNotice({
      ...base,
      profile: 'dev',
      shadowingKeys: ['AWS_ACCESS_KEY_ID'],
      envKeysNoticeSilenced: true,
    });
    assert.equal(silenced.severity, 'info');
    assert.equal(
      pickerTitle(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']),
      'Switch AWS profile — environment keys win over it in the AWS CLI and boto3',
    );
    assert.equal(pickerTitle([]), 'Switch AWS profile');
  });
});

describe('issue 16: the profile picker and Sign In to SSO', () => {
  it('paths as ~/.aws/… like Problems; static keys point at the credentials line of their keys; the current row marked once, in words; sign-in as a row', () => {
    const items = profilePickItems(reportOf({ AWS_PROFILE: 'dev' }), NOW, undefined, HOME);
    assert.deepEqual(
      items.map((i) => [i.label, i.description, i.detail, i.action]),
      [
        ['default', 'static keys · eu-west-1', '~/.aws/credentials:2', 'switch'],
        ['broken-role', 'role · no region', '~/.aws/config:27', 'switch'],
        ['dev', 'static keys · eu-west-1 · current', '~/.aws/credentials:6', 'switch'],
        ['sso-dev', 'SSO · eu-west-1 · login expires in 5h', '~/.aws/config:13', 'switch'],
        ['sso-prod', 'SSO · eu-west-1 · login expired', '~/.aws/config:7', 'switch'],
        ['Sign in to sso-prod', 'aws sso login --profile sso-prod', '', 'signIn'],
      ],
    );
    assert.equal(items.filter((i) => /current/.test(i.description) || /\$\(check\)/.test(i.label)).length, 1);
    assert.equal(tildePath('/home/u/.aws/config', '/home/u/'), '~/.aws/config');
    assert.equal(tildePath('/home/user2/.aws/config', '/home/u'), '/home/user2/.aws/config');
  });

  it('Sign In to SSO offers the expired profile first, not the current healthy one', () => {
    const items = ssoSignInItems(reportOf({ AWS_PROFILE: 'sso-dev' }), NOW);
    assert.deepEqual(
      items.map((i) => [i.profile, i.description, i.needed]),
      [
        ['sso-prod', 'login expired', true],
        ['sso-dev', 'login expires in 5h · current', false],
      ],
    );
  });
});

describe("issue 16: Check Identity's outcomes", () => {
  const context = (d: ReturnType<typeof diagnosisOf>): LiveContext => ({
    d,
    profile: d.tools.node.profile,
    region: 'eu-west-1',
    regionFrom: 'config',
    timeoutMs: 10_000,
    allowImds: false,
    withheld: [],
    maxBodyBytes: 1 << 20,
    endpoint: 'https://sts.eu-west-1.amazonaws.com/',
  });
  const failed = (
    d: ReturnType<typeof diagnosisOf>,
    error: { code: string; message: string; networkCode?: string },
    stage: 'credentials' | 'call',
  ) => ({
    ...classifyLiveCheck(
      { kind: 'answered', outcome: { result: { kind: 'error', stage, error }, debug: [], maxRssBytes: 0 } },
      context(d),
      NOW,
    ),
    durationMs: 3,
  });

  it('offline: a notification with Retry, and no Problems entry pinned to a line of config', () => {
    const d = diagnosisOf({ AWS_PROFILE: 'dev' });
    const result = failed(
      d,
      { code: 'Error', message: 'getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com', networkCode: 'ENOTFOUND' },
      'call',
    );
    assert.deepEqual(
      result.findings.map((f) => f.code),
      [FindingCode.LiveNetworkError],
    );
    const report = buildReport(d);
    assert.deepEqual(liveFindingsForProblems(result.findings, report, 'dev'), []);
    const n = liveNotice(result, report, 'dev');
    assert.equal(n.severity, 'warning');
    assert.equal(
      n.message,
      'Check Identity could not reach STS (Error: getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com): check the network, a proxy or the endpoint. Nothing is known about the credentials.',
    );
    assert.deepEqual(
      n.actions.map((a) => a.action),
      ['retry', 'showLog'],
    );
  });

  it('an expired SSO login: a Sign In button, and no second Problems entry beside SSO_TOKEN_EXPIRED', () => {
    const d = diagnosisOf({ AWS_PROFILE: 'sso-prod' });
    const report = buildReport(d);
    assert.ok(report.findings.some((f) => f.code === FindingCode.SsoTokenExpired));
    // The JavaScript SDK's own words for an expired sso-session token it cannot refresh.
    const result = failed(
      d,
      {
        code: 'TokenProviderError',
        message: "Value not present for 'clientId' in SSO Token. Cannot refresh SSO Token.",
      },
      'credentials',
    );
    assert.deepEqual(
      result.findings.map((f) => f.code),
      [FindingCode.LiveSsoTokenError],
    );
    assert.deepEqual(liveFindingsForProblems(result.findings, report, 'sso-prod'), []);
    assert.deepEqual(liveNotice(result, report, 'sso-prod'), {
      severity: 'error',
      message: 'The SSO login of AWS profile "sso-prod" has expired: sign in again.',
      actions: [{ action: 'signIn', label: 'Sign In' }],
    });
    // Without the static finding (another profile's login), the live finding stays in Problems.
    assert.deepEqual(
      liveFindingsForProblems(result.findings, buildReport(diagnosisOf({ AWS_PROFILE: 'dev' })), 'sso-prod').map(
        (f) => f.code,
      ),
      [FindingCode.LiveSsoTokenError],
    );
  });

  it('success says the account; another error names its cause and links to Problems', () => {
    const report = reportOf({ AWS_PROFILE: 'dev' });
    assert.deepEqual(
      liveNotice(
        { ok: true, account: '123456789012', arn: 'arn:aws:iam::123456789012:user/me', findings: [] },
        report,
        'dev',
      ),
      {
        severity: 'info',
        message: 'AWS profile "dev" is account 123456789012 (arn:aws:iam::123456789012:user/me).',
        actions: [],
      },
    );
    const d = diagnosisOf({ AWS_PROFILE: 'dev' });
    const denied = failed(
      d,
      { code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' },
      'call',
    );
    const n = liveNotice(denied, report, 'dev');
    assert.equal(n.severity, 'error');
    assert.match(n.message, /^Check Identity failed for AWS profile "dev": AWS rejected the access key/);
    assert.deepEqual(
      n.actions.map((a) => a.action),
      ['showProblems'],
    );
  });
});

describe('issue 16: Explain Error and Show Report are read-only documents, findings first, fixes as actions', () => {
  it("Explain: this machine's findings come before what the error means, and each fix is an action on its line", () => {
    const d = diagnosisOf({ AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN });
    const explanation = explainError(
      'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
      d,
    );
    const doc = explanationDocument({ explanation, redact: (s) => d.redactor.redact(redact(s)), home: HOME });
    const lines = doc.text.split('\n');
    assert.equal(lines[0], '# InvalidClientTokenId');
    const machine = lines.indexOf('## On this machine');
    assert.ok(
      machine > 0 &&
        machine < lines.indexOf('## What it means') &&
        lines.indexOf('## What it means') < lines.indexOf('## Usual causes, most likely first'),
      doc.text,
    );
    assert.ok(machine < 8, 'the findings are on the first screen');
    const fix = doc.actions.find((a) => a.kind === 'fix' && a.code === FindingCode.StaleSessionToken)!;
    assert.ok(fix, JSON.stringify(doc.actions));
    assert.equal(
      lines[fix.line],
      '- Fix: Unset the stale AWS\\_SESSION\\_TOKEN — new terminals get an empty value (VS Code cannot unset)',
    );
    assert.deepEqual(fix.kind === 'fix' && fix.action, { kind: 'unsetEnv', name: 'AWS_SESSION_TOKEN' });
    assert.ok(!doc.text.includes(TOKEN) && !doc.text.includes(SECRET));
  });

  it("Explain from a terminal: the terminal's part first, with its fix run in that terminal", () => {
    const d = diagnosisOf({});
    const explanation = explainError(
      'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
      d,
    );
    const doc = explanationDocument({
      explanation,
      redact: (s) => s,
      terminal: {
        name: 'bash',
        commandLine: 'aws sts get-caller-identity',
        details: ['AWS_SESSION_TOKEN was set in this terminal at 10:42 by `export AWS_SESSION_TOKEN=****`.'],
        fix: { title: 'Run unset AWS_SESSION_TOKEN', text: 'unset AWS_SESSION_TOKEN' },
      },
    });
    const lines = doc.text.split('\n');
    assert.ok(lines.indexOf('## In terminal "bash"') < lines.indexOf('## On this machine'));
    assert.deepEqual(
      doc.actions.filter((a) => a.kind === 'terminal').map((a) => [lines[a.line], a.title]),
      [['- Fix in this terminal: `unset AWS_SESSION_TOKEN`', 'Run unset AWS_SESSION_TOKEN in terminal "bash"']],
    );
  });

  it("Show Report: the findings first, each row's fixes as actions; the variables in use include AWS_SECRET_ACCESS_KEY; no 'env (env)'", () => {
    const d = diagnosisOf({ AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET });
    const report = buildReport(d);
    const md = formatMarkdown(report, NOW);
    assert.ok(md.indexOf('### Findings') < md.indexOf('### Environment'));
    assert.match(
      md,
      /AWS_\\\* variables in use \(values hidden except profile and region\): `AWS_ACCESS_KEY_ID`, `AWS_PROFILE` = `dev`, `AWS_SECRET_ACCESS_KEY`/,
    );
    assert.match(md, /\| AWS CLI v2 \| `dev` \(AWS\\_PROFILE\) \| environment key `\*{16}RONE` \|/);
    assert.ok(!md.includes('env (env)'));
    const doc = reportDocument(md, report.findings);
    const lines = doc.text.split('\n');
    const shadow = doc.actions.filter((a) => a.kind === 'fix' && a.code === FindingCode.EnvKeysShadowProfile);
    assert.equal(shadow.length, 2);
    assert.ok(lines[shadow[0].line].startsWith('| warning | `ENV_KEYS_SHADOW_PROFILE` |'), lines[shadow[0].line]);
  });

  it('wording: "which fails" instead of "(error)"; plural counts in the text report', () => {
    // An SSO profile without its settings: the JavaScript SDK fails before sending anything.
    const fs = new MemoryHost({ [`${HOME}/.aws/config`]: '[profile half-sso]\nsso_account_id = 111122223333\n' });
    const d = diagnose({
      env: { HOME, AWS_PROFILE: 'half-sso', AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET },
      fs,
      now: NOW,
      fallbackHomeDir: HOME,
    });
    assert.equal(d.tools.node.source, 'error');
    const shadow = d.findings.find((f) => f.code === FindingCode.EnvKeysShadowProfile)!;
    assert.match(
      shadow.message,
      /The JavaScript SDK uses the profile \(which fails before sending a request\) and ignores the keys/,
    );
    assert.match(formatText(buildReport(d), NOW), /\nFindings: 1 error, 2 warnings, 0 infos\n/);
  });
});

describe('issue 16: where an unset is described, the empty-string limitation is said', () => {
  it('the quick fix title and the environment document', () => {
    assert.equal(
      fixTitle({ title: 'Unset AWS_SESSION_TOKEN', action: { kind: 'unsetEnv', name: 'AWS_SESSION_TOKEN' } }),
      'Unset AWS_SESSION_TOKEN — new terminals get an empty value (VS Code cannot unset)',
    );
    // AWS_PROFILE is never emptied (botocore reads "" as a profile named ""): its own change is withdrawn instead.
    assert.equal(
      fixTitle({ title: 'Unset AWS_PROFILE', action: { kind: 'unsetEnv', name: 'AWS_PROFILE' } }),
      'Unset AWS_PROFILE',
    );
    assert.equal(fixTitle({ title: 'Rename', action: { kind: 'replaceText' } }), 'Rename');
    const env = mergeEnvironment({
      process: { AWS_PROFILE: 'dev' },
      settings: [],
      dotenv: [],
      overrides: new Map([['AWS_REGION', 'eu-west-1']]),
    });
    // "from AWS Credentials Doctor", not "from set by AWS Credentials Doctor …".
    assert.match(
      environmentDocument(env, {}).text,
      /\nAWS_REGION=eu-west-1 {4}# new terminals only; from AWS Credentials Doctor\n/,
    );
  });
});

describe('issue 16: an error in a terminal is about the profile its command line selects', () => {
  const selectorsOf = (shell: 'posix' | 'fish' | 'pwsh', line: string) => parseCommandLine(shell, line).selectors;
  it('--profile, --region and --endpoint-url, in every shell; a computed value is not guessed', () => {
    assert.deepEqual(selectorsOf('posix', 'aws s3 ls --profile sso-prod'), { profile: 'sso-prod' });
    assert.deepEqual(
      selectorsOf(
        'posix',
        "aws --profile='my dev' --region=eu-central-1 sts get-caller-identity --endpoint-url http://127.0.0.1:4566",
      ),
      { profile: 'my dev', region: 'eu-central-1', endpointUrl: 'http://127.0.0.1:4566' },
    );
    assert.deepEqual(selectorsOf('fish', 'aws s3 ls --profile sso-prod'), { profile: 'sso-prod' });
    assert.deepEqual(selectorsOf('pwsh', 'aws s3 ls --profile sso-prod'), { profile: 'sso-prod' });
    assert.deepEqual(selectorsOf('posix', 'env AWS_REGION=x aws s3 ls --profile p'), { profile: 'p' });
    assert.equal(selectorsOf('posix', 'aws s3 ls --profile $P'), undefined);
    assert.equal(selectorsOf('posix', 'ls --profile x'), undefined);
  });

  it('`aws s3 ls --profile sso-prod` in a terminal with AWS_PROFILE=dev: the expired SSO login of sso-prod, and its sign-in', () => {
    const m = new TerminalEnvironment('posix', { AWS_PROFILE: 'dev' });
    const line = 'aws s3 ls --profile sso-prod';
    const parsed = m.apply(line, NOW);
    const env = m.engineEnvironment({ HOME, PATH: '/bin' }, parsed.inline, parsed.selectors);
    const d = diagnosisOf(env, parsed.selectors?.profile);
    const output = 'Error when retrieving token from sso: Token has expired and refresh failed';
    const a = terminalAlert({
      explanation: explainError(output, d),
      model: m,
      shell: 'posix',
      commandLine: line,
      redact: (s) => d.redactor.redact(s),
      timeOf: () => '10:42',
      profiles: [],
      profile: d.profile.name,
    })!;
    assert.equal(a.finding?.code, FindingCode.SsoTokenExpired);
    assert.deepEqual(a.fix, {
      kind: 'terminal',
      title: 'Run aws sso login --profile sso-prod',
      text: 'aws sso login --profile sso-prod',
    });
    assert.match(
      a.message,
      /^`aws s3 ls --profile sso-prod` failed: TokenRetrievalError\. The SSO login for sso-session "prod" \(profile "sso-prod"\) expired .* Fix: `aws sso login --profile sso-prod`\.$/,
    );
    // Judged against the terminal's AWS_PROFILE=dev (the old behaviour), nothing explains it and no sign-in is offered for sso-prod.
    const asBefore = diagnosisOf(m.engineEnvironment({ HOME, PATH: '/bin' }, parsed.inline));
    const before = terminalAlert({
      explanation: explainError(output, asBefore),
      model: m,
      shell: 'posix',
      commandLine: line,
      redact: (s) => s,
      timeOf: () => '10:42',
      profiles: [],
      profile: asBefore.profile.name,
    })!;
    assert.notEqual(before.finding?.code, FindingCode.SsoTokenExpired);
    assert.notEqual(before.fix?.kind === 'terminal' && before.fix.text, 'aws sso login --profile sso-prod');
  });

  it('--region and --endpoint-url reach the diagnosis as the CLI uses them', () => {
    const m = new TerminalEnvironment('posix', { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' });
    const parsed = m.apply('aws dynamodb list-tables --region eu-central-1 --endpoint-url http://localhost:8000', NOW);
    const env = m.engineEnvironment({ HOME }, parsed.inline, parsed.selectors);
    assert.deepEqual(
      [env.AWS_REGION, env.AWS_DEFAULT_REGION, env.AWS_ENDPOINT_URL],
      ['eu-central-1', 'eu-central-1', 'http://localhost:8000'],
    );
    // The model itself did not change: the options belong to that one command.
    assert.equal(m.variables.get('AWS_REGION')?.value, 'us-east-1');
  });

  it('a first sentence stands alone, cut when it is too long', () => {
    assert.equal(firstSentence('One. Two.'), 'One.');
    assert.equal(firstSentence('x'.repeat(300), 10), `${'x'.repeat(9)}…`);
  });
});
