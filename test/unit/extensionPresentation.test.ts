/** The extension's pure presentation code under plain Node (no VS Code): status bar, quick pick, Problems placement, text fixes, environment. */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FindingCode } from '../../src/engine/findings/findings';
import { sha1Hex } from '../../src/nodeHost/hash';
import { Doctor } from '../../src/extension/doctor';
import { hostEngine } from '../../src/extension/hostEngine';
import { DEFAULT_SETTINGS, readSettings } from '../../src/extension/settings';
import { placeFinding } from '../../src/extension/presentation/diagnosticModel';
import {
  engineEnvironment,
  environmentDocument,
  maskValue,
  mergeEnvironment,
  parseDotEnv,
  unsetGroup,
} from '../../src/extension/presentation/environment';
import { settingsKeyLine } from '../../src/extension/settingsKeyLine';
import {
  affectsActiveProfile,
  sectionAt,
  sectionsOf,
  shownFindings,
} from '../../src/extension/presentation/findingScope';
import { applyLineEdit, documentLines, lineEditFor } from '../../src/extension/presentation/fixPlan';
import { shortLoginSession } from '../../src/extension/presentation/loginSession';
import { profilePickItems } from '../../src/extension/presentation/profileItems';
import { Notifier } from '../../src/extension/presentation/notifier';
import { nextChange, statusBarModel } from '../../src/extension/presentation/statusBarModel';
import { MemoryHost } from '../support/memoryHost';

const HOME = '/home/u';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const KEY = 'AKIAFAKEKEYDOCTORONE';
const SECRET = 'FAKEsecretKEYforTESTSonly'.padEnd(40, '0');
const TOKEN = 'FwoGZXIvYXdzFAKE' + 'x'.repeat(80);
const MIN = 60_000;

const CONFIG =
  '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = eu-west-1\n\n[profile sso-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = eu-central-1\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-central-1\n';
const creds = (expires: number) =>
  `[default]\r\naws_access_key_id = ${KEY}\r\naws_secret_access_key = ${SECRET}\r\n\r\n[dev]\r\naws_access_key_id = AKIAFAKEKEYDOCTORTWO\r\naws_secret_access_key = ${SECRET}\r\nx_security_token_expires = ${new Date(expires).toISOString()}\r\n\r\n[profile staging]\r\naws_access_key_id = AKIAFAKEKEYDOCTORTWO\r\naws_secret_access_key = ${SECRET}\r\n`;

function doctorFor(env: Record<string, string>, expires = NOW + 42 * MIN + 10_000, settings = DEFAULT_SETTINGS) {
  const fs = new MemoryHost({
    [`${HOME}/.aws/config`]: CONFIG,
    [`${HOME}/.aws/credentials`]: creds(expires),
    [`${HOME}/.aws/sso/cache/${sha1Hex('corp')}.json`]: JSON.stringify({
      accessToken: 'fake',
      expiresAt: new Date(NOW - 3600_000).toISOString(),
    }),
  });
  const snapshot = mergeEnvironment({ process: { HOME, ...env }, settings: [], dotenv: [], overrides: new Map() });
  return new Doctor({
    engine: () => hostEngine,
    fs,
    environment: () => snapshot,
    settings: () => settings,
    now: () => NOW,
    homeDir: HOME,
  });
}

const LOGIN_CONFIG = [
  '[profile console]',
  'login_session = arn:aws:iam::123456789012:user/alice',
  'region = eu-west-1',
  '',
  '[profile console-old]',
  'login_session = arn:aws:sts::123456789012:assumed-role/Admin/alice',
  'region = eu-west-1',
  '',
  '[profile console-out]',
  'login_session = arn:aws:iam::210987654321:root',
  '',
  '[profile console-weird]',
  `login_session = arn:aws:signin:eu-west-1:123456789012:session/abcdefghijklmnopqrstuvwxyz`,
  '',
  '[profile dev]',
  `aws_access_key_id = ${KEY}`,
  `aws_secret_access_key = ${SECRET}`,
  '',
].join('\n');
const loginToken = (expiresAt: number) =>
  JSON.stringify({
    accessToken: {
      accessKeyId: 'ASIAFAKELOGINDOCTOR1',
      secretAccessKey: SECRET,
      sessionToken: TOKEN,
      accountId: '123456789012',
      expiresAt: new Date(expiresAt).toISOString(),
    },
    refreshToken: 'r',
    clientId: 'c',
    dpopKey: 'k',
    idToken: 'i',
    tokenType: 'aws_sigv4',
  });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function loginDoctor(env: Record<string, string>) {
  const fs = new MemoryHost({
    [`${HOME}/.aws/config`]: LOGIN_CONFIG,
    [`${HOME}/.aws/login/cache/${sha256('arn:aws:iam::123456789012:user/alice')}.json`]: {
      content: loginToken(NOW + 14 * MIN + 30_000),
      mode: 0o600,
    },
    [`${HOME}/.aws/login/cache/${sha256('arn:aws:sts::123456789012:assumed-role/Admin/alice')}.json`]: {
      content: loginToken(NOW - 5 * MIN),
      mode: 0o600,
    },
  });
  const snapshot = mergeEnvironment({ process: { HOME, ...env }, settings: [], dotenv: [], overrides: new Map() });
  return new Doctor({
    engine: () => hostEngine,
    fs,
    environment: () => snapshot,
    settings: () => DEFAULT_SETTINGS,
    now: () => NOW,
    homeDir: HOME,
  });
}

describe('extension: status bar model', () => {
  it('shows the profile and the time left, with the warning colour inside the threshold', () => {
    const s = doctorFor({ AWS_PROFILE: 'dev' }, NOW + 12 * MIN + 5_000).refresh();
    const m = statusBarModel({ report: s.report, now: NOW, settings: s.settings });
    // The state has an icon of its own, not only a colour.
    assert.equal(m.text, '$(warning) dev · 12m');
    assert.equal(m.background, 'warning');
    assert.match(m.tooltip, /\*\*AWS profile `dev`\*\* — from AWS_PROFILE/);
    assert.match(m.tooltip, /\| JavaScript SDK \| dev \| static \(credentials:6\) \| eu-west-1 \|/);
    assert.match(m.tooltip, /Expires at 2026-11-22 12:12:05 UTC \(in 12m\) — from x\\_security\\_token\\_expires/);
    assert.match(m.tooltip, /\(command:awsCredentialsDoctor\.switchProfile\)/);
    assert.match(m.tooltip, /\(command:awsCredentialsDoctor\.checkIdentity\)/);
    // Spoken: the state in words with its cause (CREDENTIALS_EXPIRING, the warning about the credentials in use), then the time left.
    assert.match(
      m.accessibilityLabel,
      /^AWS profile dev, warning: The credentials JavaScript SDK v3, botocore \(boto3, AWS CLI v1\) and AWS CLI v2 use expire in 12 minutes, .*, expires in 12m$/,
    );
  });

  it('uses hours and days, no colour when far away, and error once expired', () => {
    const threeHours = doctorFor({ AWS_PROFILE: 'dev' }, NOW + 3 * 3600_000 + 5 * MIN).refresh();
    const m = statusBarModel({ report: threeHours.report, now: NOW, settings: threeHours.settings });
    assert.equal(m.text, '$(cloud) dev · 3h');
    const expired = doctorFor({ AWS_PROFILE: 'dev' }, NOW - MIN).refresh();
    const e = statusBarModel({ report: expired.report, now: NOW, settings: expired.settings });
    assert.equal(e.text, '$(error) dev · expired');
    assert.equal(e.background, 'error');
    assert.equal(e.nextChangeAt, undefined);
  });

  it('turns red for an error finding on the active profile, and says so when the tools disagree', () => {
    const s = doctorFor({ AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN }).refresh();
    assert.ok(s.report.findings.some((f) => f.code === FindingCode.StaleSessionToken && f.severity === 'error'));
    const m = statusBarModel({ report: s.report, now: NOW, settings: s.settings });
    // Every tool signs with the environment keys: the status bar names them, not the unused profile "default".
    assert.equal(m.text, '$(error) env keys');
    assert.equal(m.background, 'error');
    assert.ok(!m.tooltip.includes(TOKEN) && !m.tooltip.includes(SECRET));
    const sso = doctorFor({ AWS_PROFILE: 'sso-dev' }).refresh();
    const mm = statusBarModel({ report: sso.report, now: NOW, settings: sso.settings, remoteName: 'ssh-remote' });
    assert.equal(mm.background, 'error');
    assert.match(mm.tooltip, /Remote window \(ssh-remote\)/);
  });

  it('attributes file findings to the section they sit in', () => {
    const text = creds(NOW);
    assert.equal(sectionAt(text, 3, 'credentials'), 'default');
    assert.equal(sectionAt(text, 8, 'credentials'), 'dev');
    assert.equal(sectionAt(text, 11, 'credentials'), 'profile staging');
    assert.equal(sectionAt(CONFIG, 8, 'config'), 'sso-dev');
    assert.equal(sectionAt(CONFIG, 14, 'config'), undefined, 'an [sso-session] is no profile');
    // Every line, as sectionsOf gives them from one pass, agrees with the nearest header above it.
    const lines = text.split(/\r\n|\n|\r/);
    const at = sectionsOf(text, 'credentials');
    for (let line = 0; line <= lines.length + 2; line++) {
      let expected: string | undefined;
      for (let i = Math.min(line, lines.length) - 1; i >= 0 && expected === undefined; i--)
        expected = /^\s*\[\s*([^\]]*?)\s*\]/.exec(lines[i])?.[1];
      assert.equal(at(line), expected, `line ${line}`);
    }
  });

  it("the status bar reads each file's text once for all its findings (a file with thousands of findings is not split per finding)", () => {
    const s = doctorFor({ AWS_PROFILE: 'dev' }).refresh();
    const finding = s.report.findings.find((f) => f.file && f.line !== null && f.fileKind)!;
    assert.ok(finding, 'a file finding');
    const report = { ...s.report, findings: Array.from({ length: 500 }, () => finding) };
    const asked: string[] = [];
    const textOf = (p: string) => {
      asked.push(p);
      return s.textOf(p);
    };
    statusBarModel({ report, now: NOW, settings: s.settings, textOf });
    assert.deepEqual(asked, [finding.file]);
  });

  it('is red when a considered tool fails, even without an error finding on the profile', () => {
    const dup = creds(NOW + 3 * 3600_000) + '\r\n[dev]\r\nregion = us-east-1\r\n';
    const fs = new MemoryHost({ [`${HOME}/.aws/config`]: CONFIG, [`${HOME}/.aws/credentials`]: dup });
    const env = mergeEnvironment({
      process: { HOME, AWS_PROFILE: 'default' },
      settings: [],
      dotenv: [],
      overrides: new Map(),
    });
    const s = new Doctor({
      engine: () => hostEngine,
      fs,
      environment: () => env,
      settings: () => DEFAULT_SETTINGS,
      now: () => NOW,
      homeDir: HOME,
    }).refresh();
    assert.equal(s.report.tools.cli.source, 'error');
    assert.equal(statusBarModel({ report: s.report, now: NOW, settings: s.settings }).background, 'error');
    // Considering only the JavaScript SDK (which merges the duplicate sections and works): not red.
    assert.notEqual(
      statusBarModel({ report: s.report, now: NOW, settings: { ...s.settings, tools: ['node'] } }).background,
      'error',
    );
  });

  it('an override of "off" removes a finding from the colour', () => {
    const settings = { ...DEFAULT_SETTINGS, severityOverrides: { [FindingCode.StaleSessionToken]: 'off' as const } };
    const s = doctorFor(
      { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN },
      undefined,
      settings,
    ).refresh();
    const shown = shownFindings(s.report.findings, settings);
    assert.ok(!shown.some((x) => x.finding.code === FindingCode.StaleSessionToken));
  });

  it('schedules the next change exactly when the text or the colour changes', () => {
    // 42m10s left: the text becomes 41m at 42m left (10 s from now).
    assert.equal(nextChange(NOW + 42 * MIN + 10_000, NOW, 15 * MIN), NOW + 10_001);
    // 3h05m left: 2h at 3h left.
    assert.equal(nextChange(NOW + 3 * 3600_000 + 5 * MIN, NOW, 15 * MIN), NOW + 5 * MIN + 1);
    // 15m30s left, threshold 15m: the text (15m → 14m) and the colour change together at 15m.
    assert.equal(nextChange(NOW + 15 * MIN + 30_000, NOW, 15 * MIN), NOW + 30_001);
    // 30s left: "0m" until expiry, then "expired".
    assert.equal(nextChange(NOW + 30_000, NOW, 15 * MIN), NOW + 30_001);
    assert.equal(nextChange(NOW - 1, NOW, 15 * MIN), undefined);
  });
});

describe('extension: profile quick pick', () => {
  it('lists every profile with its kind, region, expiry and a marker on the current one', () => {
    const s = doctorFor({ AWS_PROFILE: 'dev' }).refresh();
    const items = profilePickItems(s.report, NOW);
    assert.deepEqual(
      items.map((i) => [i.label, i.description, i.needsSignIn]),
      [
        ['default', 'static keys · eu-west-1', undefined],
        ['dev', 'static keys · eu-west-1 · current', undefined],
        // botocore's reading of the credentials file: a profile literally named "profile staging".
        ['profile staging', 'static keys · no region', undefined],
        ['sso-dev', 'SSO · eu-central-1 · login expired', 'sso'],
        ['Sign in to sso-dev', 'aws sso login --profile sso-dev', 'sso'],
      ],
    );
  });

  it('shows aws login profiles with their session (shortened) and the key\'s time left; "Sign in" only without a token', () => {
    const items = profilePickItems(loginDoctor({ AWS_PROFILE: 'console' }).refresh().report, NOW);
    assert.deepEqual(
      items
        .filter((i) => i.profile.startsWith('console') && i.action === 'switch')
        .map((i) => [i.label, i.description, i.detail, i.needsSignIn]),
      [
        [
          'console',
          'aws login · eu-west-1 · alice · 123456789012, key valid 14m (refreshed automatically) · current',
          `${HOME}/.aws/config:1`,
          undefined,
        ],
        // Past its 15 minutes the key is refreshed by the SDKs: not a reason to sign in.
        [
          'console-old',
          'aws login · eu-west-1 · Admin/alice · 123456789012, key refreshed on next use',
          `${HOME}/.aws/config:5`,
          undefined,
        ],
        ['console-out', 'aws login · no region · root · 210987654321, not signed in', `${HOME}/.aws/config:9`, 'login'],
        [
          'console-weird',
          'aws login · no region · arn:aws:signin:eu-west-…defghijklmnopqrstuvwxyz, not signed in',
          `${HOME}/.aws/config:12`,
          'login',
        ],
      ],
    );
  });
});

describe('extension: aws login session', () => {
  it('shortens the login_session ARN to the name and the account; anything else is cut in the middle', () => {
    assert.equal(shortLoginSession('arn:aws:iam::123456789012:user/alice'), 'alice · 123456789012');
    assert.equal(
      shortLoginSession('arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com'),
      'Admin/alice@example.com · 123456789012',
    );
    assert.equal(shortLoginSession('arn:aws-us-gov:iam::123456789012:root'), 'root · 123456789012');
    assert.equal(shortLoginSession('x'.repeat(60)), `${'x'.repeat(23)}…${'x'.repeat(23)}`);
  });

  it("the tooltip names the session of the login profile in use; a login key's 15 minutes neither colour nor count down the status bar", () => {
    const signedIn = loginDoctor({ AWS_PROFILE: 'console' }).refresh().report;
    // No CREDENTIALS_EXPIRING for a login key 14 minutes from its refresh.
    assert.deepEqual(
      signedIn.findings.map((f) => f.code),
      [],
    );
    const m = statusBarModel({ report: signedIn, now: NOW, settings: DEFAULT_SETTINGS });
    assert.match(
      m.tooltip,
      /^Signed in with aws login as `alice · 123456789012`; the key is refreshed automatically \(valid 14m more\)\.$/m,
    );
    assert.equal(m.text, '$(cloud) console');
    assert.equal(m.background, 'none');
    assert.equal(m.nextChangeAt, undefined);
    const out = statusBarModel({
      report: loginDoctor({ AWS_PROFILE: 'console-out' }).refresh().report,
      now: NOW,
      settings: DEFAULT_SETTINGS,
    });
    assert.match(
      out.tooltip,
      /^Signs in with aws login as `root · 210987654321`: not signed in on this machine \(aws login --profile console-out\)\.$/m,
    );
    assert.equal(out.background, 'error');
    const old = statusBarModel({
      report: loginDoctor({ AWS_PROFILE: 'console-old' }).refresh().report,
      now: NOW,
      settings: DEFAULT_SETTINGS,
    });
    assert.match(
      old.tooltip,
      /^Signed in with aws login as `Admin\/alice · 123456789012`; the key is refreshed on next use\.$/m,
    );
    const staticProfile = statusBarModel({
      report: loginDoctor({ AWS_PROFILE: 'dev' }).refresh().report,
      now: NOW,
      settings: DEFAULT_SETTINGS,
    });
    assert.doesNotMatch(staticProfile.tooltip, /aws login/);
  });
});

describe('extension: Problems placement', () => {
  it('environment findings go to their settings line, .env line or the environment document', () => {
    const process = { HOME, AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET };
    const settingsText =
      '{\n  "editor.tabSize": 2,\n  "terminal.integrated.env.linux": {\n    "AWS_SESSION_TOKEN": "x"\n  }\n}\n';
    const env = mergeEnvironment({
      process,
      settings: [
        {
          values: { AWS_SESSION_TOKEN: TOKEN },
          setting: 'terminal.integrated.env.linux',
          target: 'workspace',
          file: '/w/.vscode/settings.json',
          lineOf: (n) => settingsKeyLine(settingsText, ['terminal.integrated.env.linux', n]),
        },
      ],
      dotenv: [],
      overrides: new Map(),
    });
    const fs = new MemoryHost({ [`${HOME}/.aws/config`]: CONFIG, [`${HOME}/.aws/credentials`]: creds(NOW + 3600_000) });
    const s = new Doctor({
      engine: () => hostEngine,
      fs,
      environment: () => env,
      settings: () => DEFAULT_SETTINGS,
      now: () => NOW,
      homeDir: HOME,
    }).refresh();
    const shown = shownFindings(s.report.findings, DEFAULT_SETTINGS);
    const stale = shown.find((x) => x.finding.code === FindingCode.StaleSessionToken)!;
    const doc = environmentDocument(s.env, process);
    const lineText = (path: string, line: number) =>
      path === '/w/.vscode/settings.json' ? settingsText.split('\n')[line - 1] : undefined;
    const placed = placeFinding(stale, { report: s.report, env: s.env, envDocumentLines: doc.lineOf, lineText });
    assert.deepEqual(
      [placed.target, placed.line, placed.startCharacter, placed.endCharacter],
      [{ kind: 'file', path: '/w/.vscode/settings.json' }, 3, 0, '    "AWS_SESSION_TOKEN": "x"'.length],
    );
    assert.equal(
      placed.docsUrl,
      'https://github.com/aws-credentials-doctor/aws-credentials-doctor/blob/main/README.md#stale_session_token',
    );
    // Without a known origin line: the environment document.
    const bare = mergeEnvironment({
      process: { ...process, AWS_SESSION_TOKEN: TOKEN },
      settings: [],
      dotenv: [],
      overrides: new Map(),
    });
    const doc2 = environmentDocument(bare, { ...process, AWS_SESSION_TOKEN: TOKEN });
    const p2 = placeFinding(stale, { report: s.report, env: bare, envDocumentLines: doc2.lineOf, lineText });
    assert.equal(p2.target.kind, 'environment');
    assert.match(doc2.text.split('\n')[p2.line], /^AWS_SESSION_TOKEN=\*\*\*\* +# extension host and new terminals/);
    assert.ok(!doc2.text.includes(TOKEN) && !doc2.text.includes(SECRET) && !doc2.text.includes(KEY));
  });

  it('file findings sit on their line, whole-line range; whole-machine findings on the active profile header', () => {
    const s = doctorFor({ AWS_PROFILE: 'sso-dev' }).refresh();
    const lines = (path: string, line: number) => (path.endsWith('config') ? CONFIG : creds(NOW)).split('\n')[line - 1];
    const ctx = { report: s.report, env: s.env, envDocumentLines: new Map<string, number>(), lineText: lines };
    const prefix = shownFindings(s.report.findings, DEFAULT_SETTINGS).find(
      (x) => x.finding.code === FindingCode.ProfilePrefixInCredentials,
    )!;
    const p = placeFinding(prefix, ctx);
    assert.deepEqual(
      [p.target, p.line, p.startCharacter, p.endCharacter],
      [{ kind: 'file', path: `${HOME}/.aws/credentials` }, 9, 0, '[profile staging]'.length],
    );
    assert.equal(
      affectsActiveProfile(prefix.finding, s.report),
      false,
      'a section that is no profile does not colour the status bar',
    );
    const sso = shownFindings(s.report.findings, DEFAULT_SETTINGS).find(
      (x) => x.finding.code === FindingCode.SsoTokenExpired,
    )!;
    const q = placeFinding(sso, ctx);
    assert.equal(q.target.kind, 'file');
    assert.ok(q.line >= 6 && q.line <= 10, `in [profile sso-dev]: ${q.line}`);
  });
});

describe('extension: text fixes', () => {
  const text =
    '# keep me\r\n[default]\r\naws_access_key_id = X\r\n\r\n[profile staging]\r\naws_session_token = stale\r\nlast = 1';
  it('replaceText changes only the range on its line, keeping CRLF', () => {
    const e = lineEditFor(
      { kind: 'replaceText', path: '/c', line: 5, column: 1, endColumn: 18, text: '[staging]' },
      documentLines(text),
    )!;
    assert.equal(applyLineEdit(text, e), text.replace('[profile staging]', '[staging]'));
  });
  it('deleteLine removes the line and its own line break; the last line takes the break before it', () => {
    const e = lineEditFor({ kind: 'deleteLine', path: '/c', line: 6 }, documentLines(text))!;
    assert.equal(applyLineEdit(text, e), text.replace('aws_session_token = stale\r\n', ''));
    const last = lineEditFor({ kind: 'deleteLine', path: '/c', line: 7 }, documentLines(text))!;
    assert.equal(applyLineEdit(text, last), text.replace('\r\nlast = 1', ''));
  });
  it('refuses a fix that no longer fits the document', () => {
    assert.equal(lineEditFor({ kind: 'deleteLine', path: '/c', line: 99 }, documentLines(text)), undefined);
    assert.equal(
      lineEditFor(
        { kind: 'replaceText', path: '/c', line: 1, column: 1, endColumn: 40, text: '' },
        documentLines(text),
      ),
      undefined,
    );
    assert.equal(lineEditFor({ kind: 'unsetEnv', name: 'X' }, documentLines(text)), undefined);
  });
});

describe('extension: environment layers', () => {
  it('merges process < settings < .env < the extension overrides, with origins', () => {
    const dot = parseDotEnv('# c\nexport AWS_REGION="eu-north-1"\nAWS_PROFILE=dot # note\nOTHER=1\n');
    assert.deepEqual(dot, [
      { name: 'AWS_REGION', value: 'eu-north-1', line: 2 },
      { name: 'AWS_PROFILE', value: 'dot', line: 3 },
      { name: 'OTHER', value: '1', line: 4 },
    ]);
    const s = mergeEnvironment({
      process: { AWS_PROFILE: 'proc', AWS_SESSION_TOKEN: TOKEN, AWS_DEFAULT_REGION: 'us-east-1' },
      settings: [
        {
          values: { AWS_DEFAULT_REGION: null, AWS_PROFILE: 'set' },
          setting: 'terminal.integrated.env.linux',
          target: 'global',
        },
      ],
      dotenv: [{ file: '/w/.env', entries: dot.slice(0, 1) }],
      overrides: new Map<string, string | null>([['AWS_SESSION_TOKEN', null]]),
    });
    assert.deepEqual(engineEnvironment(s), { AWS_PROFILE: 'set', AWS_REGION: 'eu-north-1' });
    assert.deepEqual(s.variables.get('AWS_REGION')!.origin, { kind: 'dotenv', file: '/w/.env', line: 2 });
    assert.ok(s.unset.has('AWS_SESSION_TOKEN'));
    // Said where it shows: VS Code cannot remove a variable from new terminals, they get it empty.
    assert.match(
      environmentDocument(s, { AWS_SESSION_TOKEN: TOKEN }).text,
      /\n# AWS_SESSION_TOKEN is unset for new terminals: they get it empty \(VS Code cannot remove a variable from a terminal's environment; every AWS tool treats an empty one as unset\); the extension host started with AWS_SESSION_TOKEN=\*\*\*\*\n/,
    );
  });
  it('masks values and groups the key variables', () => {
    assert.equal(maskValue('AWS_ACCESS_KEY_ID', KEY), '****************RONE');
    assert.equal(maskValue('AWS_SECRET_ACCESS_KEY', SECRET), '****');
    assert.equal(maskValue('AWS_REGION', 'eu-west-1'), 'eu-west-1');
    assert.deepEqual(unsetGroup('AWS_ACCESS_KEY_ID'), [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_SECURITY_TOKEN',
    ]);
    assert.deepEqual(unsetGroup('AWS_SESSION_TOKEN'), ['AWS_SESSION_TOKEN']);
  });
});

describe('extension: settings', () => {
  it('reads valid values and falls back to defaults for anything malformed', () => {
    const values: Record<string, unknown> = {
      expiryWarningMinutes: -3,
      tools: ['cli', 'bogus'],
      severityOverrides: { STALE_SESSION_TOKEN: 'off', NOT_A_CODE: 'error', TOOLS_DISAGREE: 'loud' },
      'dotEnv.enabled': true,
      applyToExtensionHost: 'yes',
    };
    const s = readSettings((k) => values[k]);
    assert.deepEqual(s, {
      ...DEFAULT_SETTINGS,
      tools: ['cli'],
      severityOverrides: { STALE_SESSION_TOKEN: 'off' },
      scanDotEnv: true,
      applyToExtensionHost: false,
    });
  });
});

describe('extension: notifications show user-derived values escaped (presentation/notifier.ts)', () => {
  /** A HAND-WRITTEN FAKE of vscode.window's message functions: records what would be shown, answers with a chosen button. */
  const fakeWindow = (answer: (labels: string[]) => string | undefined) => {
    const calls: { kind: string; message: string; labels: string[] }[] = [];
    const show =
      (kind: string) =>
      (message: string, ...labels: string[]) => {
        calls.push({ kind, message, labels });
        return Promise.resolve(answer(labels));
      };
    return {
      calls,
      window: {
        showInformationMessage: show('info'),
        showWarningMessage: show('warning'),
        showErrorMessage: show('error'),
        setStatusBarMessage: (text: string) => {
          calls.push({ kind: 'status', message: text, labels: [] });
          return { dispose: () => undefined };
        },
      },
    };
  };

  it("escapes ESC, BEL, CR and bidi overrides in the text and the buttons; a clicked button answers with the caller's label", async () => {
    const { calls, window } = fakeWindow((labels) => labels[0]);
    const n = new Notifier(window);
    const profile = 'dev\x1b[2J\r\u202e';
    const picked = await n.warn(`The SSO login for "${profile}" has expired.`, `Use ${profile}`, 'Keep');
    assert.deepEqual(calls, [
      {
        kind: 'warning',
        message: 'The SSO login for "dev\\x1b[2J\\r\\u202e" has expired.',
        labels: ['Use dev\\x1b[2J\\r\\u202e', 'Keep'],
      },
    ]);
    assert.equal(picked, `Use ${profile}`);
    n.status('AWS Credentials Doctor: 1\x07 errors', 4000);
    await n.info('plain');
    await n.error('C:\\Users\\a\\.aws\\config\x00');
    assert.deepEqual(
      calls.slice(1).map((c) => [c.kind, c.message]),
      [
        ['status', 'AWS Credentials Doctor: 1\\x07 errors'],
        ['info', 'plain'],
        ['error', 'C:\\Users\\a\\.aws\\config\\x00'],
      ],
    );
    assert.deepEqual(
      n.shown.map((s) => s.message),
      calls.map((c) => c.message),
    );
  });
  it('no notification call in the extension bypasses it', () => {
    const dir = path.join(__dirname, '..', '..', '..', 'src', 'extension');
    const offenders = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'notify.ts')
      .filter((f) =>
        /vscode\.window\.(?:showInformationMessage|showWarningMessage|showErrorMessage|setStatusBarMessage)\(/.test(
          fs.readFileSync(path.join(dir, f), 'utf8'),
        ),
      );
    assert.deepEqual(offenders, []);
  });
});
