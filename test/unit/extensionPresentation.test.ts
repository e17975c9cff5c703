/** The extension's pure presentation code under plain Node (no VS Code): status bar, quick pick, Problems placement, text fixes, environment. */
import * as assert from 'node:assert/strict';
import { FindingCode } from '../../src/engine/findings';
import { sha1Hex } from '../../src/engine/sha1';
import { Doctor } from '../../src/extension/doctor';
import { DEFAULT_SETTINGS, readSettings } from '../../src/extension/settings';
import { placeFinding } from '../../src/extension/presentation/diagnosticModel';
import { engineEnvironment, environmentDocument, maskValue, mergeEnvironment, parseDotEnv, unsetGroup } from '../../src/extension/presentation/environment';
import { settingsKeyLine } from '../../src/extension/settingsKeyLine';
import { affectsActiveProfile, sectionAt, shownFindings } from '../../src/extension/presentation/findingScope';
import { applyLineEdit, documentLines, lineEditFor } from '../../src/extension/presentation/fixPlan';
import { profilePickItems } from '../../src/extension/presentation/profileItems';
import { nextChange, statusBarModel } from '../../src/extension/presentation/statusBarModel';
import { MemoryHost } from '../support/memoryHost';

const HOME = '/home/u';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const KEY = 'AKIAFAKEKEYDOCTORONE';
const SECRET = 'FAKEsecretKEYforTESTSonly'.padEnd(40, '0');
const TOKEN = 'FwoGZXIvYXdzFAKE' + 'x'.repeat(80);
const MIN = 60_000;

const CONFIG = '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = eu-west-1\n\n[profile sso-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = eu-central-1\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-central-1\n';
const creds = (expires: number) => `[default]\r\naws_access_key_id = ${KEY}\r\naws_secret_access_key = ${SECRET}\r\n\r\n[dev]\r\naws_access_key_id = AKIAFAKEKEYDOCTORTWO\r\naws_secret_access_key = ${SECRET}\r\nx_security_token_expires = ${new Date(expires).toISOString()}\r\n\r\n[profile staging]\r\naws_access_key_id = AKIAFAKEKEYDOCTORTWO\r\naws_secret_access_key = ${SECRET}\r\n`;

function doctorFor(env: Record<string, string>, expires = NOW + 42 * MIN + 10_000, settings = DEFAULT_SETTINGS) {
  const fs = new MemoryHost({
    [`${HOME}/.aws/config`]: CONFIG,
    [`${HOME}/.aws/credentials`]: creds(expires),
    [`${HOME}/.aws/sso/cache/${sha1Hex('corp')}.json`]: JSON.stringify({ accessToken: 'fake', expiresAt: new Date(NOW - 3600_000).toISOString() }),
  });
  const snapshot = mergeEnvironment({ process: { HOME, ...env }, settings: [], dotenv: [], overrides: new Map() });
  return new Doctor({ fs, environment: () => snapshot, settings: () => settings, now: () => NOW, homeDir: HOME });
}

describe('extension: status bar model', () => {
  it('shows the profile and the time left, with the warning colour inside the threshold', () => {
    const s = doctorFor({ AWS_PROFILE: 'dev' }, NOW + 12 * MIN + 5_000).state;
    const m = statusBarModel({ report: s.report, now: NOW, settings: s.settings });
    assert.equal(m.text, '$(cloud) dev · 12m');
    assert.equal(m.background, 'warning');
    assert.match(m.tooltip, /\*\*AWS profile `dev`\*\* — from AWS_PROFILE/);
    assert.match(m.tooltip, /\| JavaScript SDK \| dev \| static \(credentials:6\) \| eu-west-1 \|/);
    assert.match(m.tooltip, /Expires at 2026-11-22 12:12:05 UTC \(in 12m\) — from x\\_security\\_token\\_expires/);
    assert.match(m.tooltip, /\(command:awsCredentialsDoctor\.switchProfile\)/);
    assert.match(m.tooltip, /\(command:awsCredentialsDoctor\.checkIdentity\)/);
    assert.equal(m.accessibilityLabel, 'AWS profile dev, expires in 12m');
  });

  it('uses hours and days, no colour when far away, and error once expired', () => {
    const threeHours = doctorFor({ AWS_PROFILE: 'dev' }, NOW + 3 * 3600_000 + 5 * MIN).state;
    const m = statusBarModel({ report: threeHours.report, now: NOW, settings: threeHours.settings });
    assert.equal(m.text, '$(cloud) dev · 3h');
    const expired = doctorFor({ AWS_PROFILE: 'dev' }, NOW - MIN).state;
    const e = statusBarModel({ report: expired.report, now: NOW, settings: expired.settings });
    assert.equal(e.text, '$(cloud) dev · expired');
    assert.equal(e.background, 'error');
    assert.equal(e.nextChangeAt, undefined);
  });

  it('turns red for an error finding on the active profile, and says so when the tools disagree', () => {
    const s = doctorFor({ AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN }).state;
    assert.ok(s.report.findings.some((f) => f.code === FindingCode.StaleSessionToken && f.severity === 'error'));
    const m = statusBarModel({ report: s.report, now: NOW, settings: s.settings });
    assert.equal(m.text, '$(cloud) default');
    assert.equal(m.background, 'error');
    assert.ok(!m.tooltip.includes(TOKEN) && !m.tooltip.includes(SECRET));
    const sso = doctorFor({ AWS_PROFILE: 'sso-dev' }).state;
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
  });

  it('is red when a considered tool fails, even without an error finding on the profile', () => {
    const dup = creds(NOW + 3 * 3600_000) + '\r\n[dev]\r\nregion = us-east-1\r\n';
    const fs = new MemoryHost({ [`${HOME}/.aws/config`]: CONFIG, [`${HOME}/.aws/credentials`]: dup });
    const env = mergeEnvironment({ process: { HOME, AWS_PROFILE: 'default' }, settings: [], dotenv: [], overrides: new Map() });
    const s = new Doctor({ fs, environment: () => env, settings: () => DEFAULT_SETTINGS, now: () => NOW, homeDir: HOME }).state;
    assert.equal(s.report.tools.cli.source, 'error');
    assert.equal(statusBarModel({ report: s.report, now: NOW, settings: s.settings }).background, 'error');
    // Considering only the JavaScript SDK (which merges the duplicate sections and works): not red.
    assert.notEqual(statusBarModel({ report: s.report, now: NOW, settings: { ...s.settings, tools: ['node'] } }).background, 'error');
  });

  it('an override of "off" removes a finding from the colour', () => {
    const settings = { ...DEFAULT_SETTINGS, severityOverrides: { [FindingCode.StaleSessionToken]: 'off' as const } };
    const s = doctorFor({ AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN }, undefined, settings).state;
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
    const s = doctorFor({ AWS_PROFILE: 'dev' }).state;
    const items = profilePickItems(s.report, NOW);
    assert.deepEqual(items.map((i) => [i.label, i.description, i.needsSignIn]), [
      ['default', 'static keys · eu-west-1', false],
      ['$(check) dev', 'static keys · eu-west-1 · current', false],
      // botocore's reading of the credentials file: a profile literally named "profile staging".
      ['profile staging', 'static keys · no region', false],
      ['sso-dev', 'SSO · eu-central-1 · login expired', true],
    ]);
  });
});

describe('extension: Problems placement', () => {
  it('environment findings go to their settings line, .env line or the environment document', () => {
    const process = { HOME, AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET };
    const settingsText = '{\n  "editor.tabSize": 2,\n  "terminal.integrated.env.linux": {\n    "AWS_SESSION_TOKEN": "x"\n  }\n}\n';
    const env = mergeEnvironment({
      process,
      settings: [{ values: { AWS_SESSION_TOKEN: TOKEN }, setting: 'terminal.integrated.env.linux', target: 'workspace', file: '/w/.vscode/settings.json', lineOf: (n) => settingsKeyLine(settingsText, ['terminal.integrated.env.linux', n]) }],
      dotenv: [],
      overrides: new Map(),
    });
    const fs = new MemoryHost({ [`${HOME}/.aws/config`]: CONFIG, [`${HOME}/.aws/credentials`]: creds(NOW + 3600_000) });
    const s = new Doctor({ fs, environment: () => env, settings: () => DEFAULT_SETTINGS, now: () => NOW, homeDir: HOME }).state;
    const shown = shownFindings(s.report.findings, DEFAULT_SETTINGS);
    const stale = shown.find((x) => x.finding.code === FindingCode.StaleSessionToken)!;
    const doc = environmentDocument(s.env, process);
    const lineText = (path: string, line: number) => (path === '/w/.vscode/settings.json' ? settingsText.split('\n')[line - 1] : undefined);
    const placed = placeFinding(stale, { report: s.report, env: s.env, envDocumentLines: doc.lineOf, lineText });
    assert.deepEqual([placed.target, placed.line, placed.startCharacter, placed.endCharacter], [{ kind: 'file', path: '/w/.vscode/settings.json' }, 3, 0, '    "AWS_SESSION_TOKEN": "x"'.length]);
    assert.equal(placed.docsUrl, 'https://github.com/aws-credentials-doctor/aws-credentials-doctor/blob/main/README.md#stale_session_token');
    // Without a known origin line: the environment document.
    const bare = mergeEnvironment({ process: { ...process, AWS_SESSION_TOKEN: TOKEN }, settings: [], dotenv: [], overrides: new Map() });
    const doc2 = environmentDocument(bare, { ...process, AWS_SESSION_TOKEN: TOKEN });
    const p2 = placeFinding(stale, { report: s.report, env: bare, envDocumentLines: doc2.lineOf, lineText });
    assert.equal(p2.target.kind, 'environment');
    assert.match(doc2.text.split('\n')[p2.line], /^AWS_SESSION_TOKEN=\*\*\*\* +# extension host and new terminals/);
    assert.ok(!doc2.text.includes(TOKEN) && !doc2.text.includes(SECRET) && !doc2.text.includes(KEY));
  });

  it('file findings sit on their line, whole-line range; whole-machine findings on the active profile header', () => {
    const s = doctorFor({ AWS_PROFILE: 'sso-dev' }).state;
    const lines = (path: string, line: number) => (path.endsWith('config') ? CONFIG : creds(NOW)).split('\n')[line - 1];
    const ctx = { report: s.report, env: s.env, envDocumentLines: new Map<string, number>(), lineText: lines };
    const prefix = shownFindings(s.report.findings, DEFAULT_SETTINGS).find((x) => x.finding.code === FindingCode.ProfilePrefixInCredentials)!;
    const p = placeFinding(prefix, ctx);
    assert.deepEqual([p.target, p.line, p.startCharacter, p.endCharacter], [{ kind: 'file', path: `${HOME}/.aws/credentials` }, 9, 0, '[profile staging]'.length]);
    assert.equal(affectsActiveProfile(prefix.finding, s.report), false, 'a section that is no profile does not colour the status bar');
    const sso = shownFindings(s.report.findings, DEFAULT_SETTINGS).find((x) => x.finding.code === FindingCode.SsoTokenExpired)!;
    const q = placeFinding(sso, ctx);
    assert.equal(q.target.kind, 'file');
    assert.ok(q.line >= 6 && q.line <= 10, `in [profile sso-dev]: ${q.line}`);
  });
});

describe('extension: text fixes', () => {
  const text = '# keep me\r\n[default]\r\naws_access_key_id = X\r\n\r\n[profile staging]\r\naws_session_token = stale\r\nlast = 1';
  it('replaceText changes only the range on its line, keeping CRLF', () => {
    const e = lineEditFor({ kind: 'replaceText', path: '/c', line: 5, column: 1, endColumn: 18, text: '[staging]' }, documentLines(text))!;
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
    assert.equal(lineEditFor({ kind: 'replaceText', path: '/c', line: 1, column: 1, endColumn: 40, text: '' }, documentLines(text)), undefined);
    assert.equal(lineEditFor({ kind: 'unsetEnv', name: 'X' }, documentLines(text)), undefined);
  });
});

describe('extension: environment layers', () => {
  it('merges process < settings < .env < the extension overrides, with origins', () => {
    const dot = parseDotEnv('# c\nexport AWS_REGION="eu-north-1"\nAWS_PROFILE=dot # note\nOTHER=1\n');
    assert.deepEqual(dot, [{ name: 'AWS_REGION', value: 'eu-north-1', line: 2 }, { name: 'AWS_PROFILE', value: 'dot', line: 3 }, { name: 'OTHER', value: '1', line: 4 }]);
    const s = mergeEnvironment({
      process: { AWS_PROFILE: 'proc', AWS_SESSION_TOKEN: TOKEN, AWS_DEFAULT_REGION: 'us-east-1' },
      settings: [{ values: { AWS_DEFAULT_REGION: null, AWS_PROFILE: 'set' }, setting: 'terminal.integrated.env.linux', target: 'global' }],
      dotenv: [{ file: '/w/.env', entries: dot.slice(0, 1) }],
      overrides: new Map<string, string | null>([['AWS_SESSION_TOKEN', null]]),
    });
    assert.deepEqual(engineEnvironment(s), { AWS_PROFILE: 'set', AWS_REGION: 'eu-north-1' });
    assert.deepEqual(s.variables.get('AWS_REGION')!.origin, { kind: 'dotenv', file: '/w/.env', line: 2 });
    assert.ok(s.unset.has('AWS_SESSION_TOKEN'));
    assert.match(environmentDocument(s, { AWS_SESSION_TOKEN: TOKEN }).text, /# AWS_SESSION_TOKEN is unset for new terminals \(the extension host started with AWS_SESSION_TOKEN=\*\*\*\*\)/);
  });
  it('masks values and groups the key variables', () => {
    assert.equal(maskValue('AWS_ACCESS_KEY_ID', KEY), '****************RONE');
    assert.equal(maskValue('AWS_SECRET_ACCESS_KEY', SECRET), '****');
    assert.equal(maskValue('AWS_REGION', 'eu-west-1'), 'eu-west-1');
    assert.deepEqual(unsetGroup('AWS_ACCESS_KEY_ID'), ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']);
    assert.deepEqual(unsetGroup('AWS_SESSION_TOKEN'), ['AWS_SESSION_TOKEN']);
  });
});

describe('extension: settings', () => {
  it('reads valid values and falls back to defaults for anything malformed', () => {
    const values: Record<string, unknown> = { expiryWarningMinutes: -3, tools: ['cli', 'bogus'], severityOverrides: { STALE_SESSION_TOKEN: 'off', NOT_A_CODE: 'error', TOOLS_DISAGREE: 'loud' }, 'dotEnv.enabled': true, applyToExtensionHost: 'yes' };
    const s = readSettings((k) => values[k]);
    assert.deepEqual(s, { ...DEFAULT_SETTINGS, tools: ['cli'], severityOverrides: { STALE_SESSION_TOKEN: 'off' }, scanDotEnv: true, applyToExtensionHost: false });
  });
});
