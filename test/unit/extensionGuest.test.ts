/**
 * The extension as a guest in the editor, under plain Node: the remembered profile never overrides
 * the shell's silently, the clipboard is read only with consent, settings lines are found the way
 * VS Code reads the file, fixes are computed against the current text, and the status bar and
 * Problems agree on "expiring".
 */
import * as assert from 'node:assert/strict';
import { diagnose } from '../../src/engine/diagnose';
import { FindingCode } from '../../src/engine/findings/findings';
import { sha1Hex } from '../../src/nodeHost/hash';
import { Doctor } from '../../src/extension/doctor';
import { hostEngine } from '../../src/extension/hostEngine';
import { DEFAULT_SETTINGS } from '../../src/extension/settings';
import { mergeEnvironment } from '../../src/extension/presentation/environment';
import { settingsKeyLine } from '../../src/extension/settingsKeyLine';
import type { ExplainPrompts, ExplainSourceChoice } from '../../src/extension/presentation/explainSource';
import { errorTextToExplain, MAX_PREFILL_CHARS } from '../../src/extension/presentation/explainSource';
import { documentLines, profileHeaderLine } from '../../src/extension/presentation/fixPlan';
import { restorePlan, shellProfileOf } from '../../src/extension/presentation/profileMemory';
import { statusBarModel } from '../../src/extension/presentation/statusBarModel';
import { MemoryHost } from '../support/memoryHost';

const HOME = '/home/u';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const MIN = 60_000;
const KEY = 'AKIAFAKEKEYDOCTORONE';
const SECRET = 'FAKEsecretKEYforTESTSonly'.padEnd(40, '0');
const iso = (ms: number) => new Date(NOW + ms).toISOString().replace(/\.000Z$/, 'Z');

describe('extension: the profile remembered for this workspace', () => {
  it('takes the shell profile from AWS_PROFILE, else AWS_DEFAULT_PROFILE; empty values select nothing', () => {
    assert.equal(shellProfileOf({ AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' }), 'a');
    assert.equal(shellProfileOf({ AWS_DEFAULT_PROFILE: 'b' }), 'b');
    assert.equal(shellProfileOf({ AWS_PROFILE: '', AWS_DEFAULT_PROFILE: '' }), undefined);
    assert.equal(shellProfileOf({}), undefined);
  });

  const cases: [string, Parameters<typeof restorePlan>, ReturnType<typeof restorePlan>][] = [
    [
      'nothing chosen here, nothing set: nothing happens',
      [undefined, 'work', undefined, undefined],
      { withdraw: false },
    ],
    [
      'nothing chosen here, but an AWS_PROFILE of ours is left (a choice of an older version for every window): withdrawn',
      [undefined, 'work', 'play', undefined],
      { withdraw: true },
    ],
    [
      'chosen here, the shell selects none: applied silently',
      ['play', undefined, 'play', undefined],
      { apply: 'play', withdraw: false, tell: undefined },
    ],
    [
      'chosen here, the shell selects the same: applied silently',
      ['play', 'play', 'play', undefined],
      { apply: 'play', withdraw: false, tell: undefined },
    ],
    [
      'chosen here, the shell selects another: applied, and the user is told',
      ['play', 'work', 'play', undefined],
      { apply: 'play', withdraw: false, tell: { remembered: 'play', shell: 'work' } },
    ],
    [
      'the user answered "Keep" for these two: not told again',
      ['play', 'work', 'play', { profile: 'play', shell: 'work' }],
      { apply: 'play', withdraw: false, tell: undefined },
    ],
    [
      '"Keep" was for another shell profile: told again',
      ['play', 'ops', 'play', { profile: 'play', shell: 'work' }],
      { apply: 'play', withdraw: false, tell: { remembered: 'play', shell: 'ops' } },
    ],
  ];
  for (const [name, args, expected] of cases) {
    it(name, () => assert.deepEqual(restorePlan(...args), expected));
  }
});

/** Prompts that record what was asked, answering from a script. */
function scriptedPrompts(answers: {
  selection?: string;
  choice?: ExplainSourceChoice;
  clipboard?: string;
  input?: (prefill: string) => string | undefined;
}) {
  const calls: string[] = [];
  const prompts: ExplainPrompts = {
    selection: () => {
      calls.push('selection');
      return answers.selection ?? '';
    },
    chooseSource: async () => {
      calls.push('chooseSource');
      return answers.choice;
    },
    readClipboard: async () => {
      calls.push('readClipboard');
      return answers.clipboard ?? '';
    },
    input: async (value) => {
      calls.push(`input(${value.length > 40 ? `${value.length} chars` : JSON.stringify(value)})`);
      return answers.input ? answers.input(value) : value;
    },
  };
  return { prompts, calls };
}

describe('extension: Explain Error asks before reading the clipboard', () => {
  const ERR =
    'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired';

  it('uses the text it was given, asking nothing', async () => {
    const { prompts, calls } = scriptedPrompts({ clipboard: 'secret stuff' });
    assert.equal(await errorTextToExplain(ERR, prompts), ERR);
    assert.deepEqual(calls, []);
  });

  it('uses the selection when there is one, never the clipboard', async () => {
    const { prompts, calls } = scriptedPrompts({ selection: ERR, clipboard: 'secret stuff' });
    assert.equal(await errorTextToExplain(undefined, prompts), ERR);
    assert.deepEqual(calls, ['selection']);
  });

  it('"Paste the error": an empty input box; the clipboard is not read', async () => {
    const { prompts, calls } = scriptedPrompts({ choice: 'paste', clipboard: 'secret stuff', input: () => ERR });
    assert.equal(await errorTextToExplain(undefined, prompts), ERR);
    assert.deepEqual(calls, ['selection', 'chooseSource', 'input("")']);
  });

  it('"From clipboard": the clipboard is read then, and prefills the input box the user confirms', async () => {
    const { prompts, calls } = scriptedPrompts({ choice: 'clipboard', clipboard: ERR });
    assert.equal(await errorTextToExplain(undefined, prompts), ERR);
    assert.deepEqual(calls, ['selection', 'chooseSource', 'readClipboard', `input(${ERR.length} chars)`]);
  });

  it('dismissing the choice or the input box explains nothing and reads nothing more', async () => {
    const dismissed = scriptedPrompts({ clipboard: 'secret stuff' });
    assert.equal(await errorTextToExplain(undefined, dismissed.prompts), undefined);
    assert.deepEqual(dismissed.calls, ['selection', 'chooseSource']);
    const cancelled = scriptedPrompts({ choice: 'clipboard', clipboard: ERR, input: () => undefined });
    assert.equal(await errorTextToExplain(undefined, cancelled.prompts), undefined);
    const blank = scriptedPrompts({ selection: '   \n', choice: 'paste', input: () => '  ' });
    assert.equal(await errorTextToExplain('', blank.prompts), undefined);
  });

  it('cuts a huge clipboard to the input box size', async () => {
    const { prompts } = scriptedPrompts({ choice: 'clipboard', clipboard: ERR + 'x'.repeat(5_000_000) });
    const text = await errorTextToExplain(undefined, prompts);
    assert.equal(text!.length, MAX_PREFILL_CHARS);
    assert.ok(text!.startsWith(ERR));
  });
});

describe('extension: the line of a settings key, read as VS Code reads settings files', () => {
  const SETTING = 'terminal.integrated.env.linux';

  it('finds the key in .vscode/settings.json, with comments, trailing commas and a look-alike elsewhere', () => {
    const text = [
      '// a comment mentioning "terminal.integrated.env.linux": { "AWS_PROFILE": "x" }',
      '{',
      '  "other": { "AWS_SESSION_TOKEN": "not this one" },',
      '  /* block',
      '     comment */ "terminal.integrated.env.linux": {',
      '    "AWS_REGION": "eu-west-1",',
      '    "AWS_SESSION_TOKEN": "IQoJ...",',
      '  },',
      '}',
    ].join('\n');
    assert.equal(settingsKeyLine(text, [SETTING, 'AWS_SESSION_TOKEN']), 7);
    assert.equal(settingsKeyLine(text, [SETTING, 'AWS_REGION']), 6);
    assert.equal(settingsKeyLine(text, [SETTING, 'AWS_PROFILE']), undefined, 'only in a comment');
    assert.equal(settingsKeyLine(text, [SETTING]), 5);
  });

  it('finds the key under "settings" in a .code-workspace file, CRLF or not', () => {
    const text =
      '{\r\n  "folders": [{ "path": "a" }],\r\n  "settings": {\r\n    "terminal.integrated.env.linux": { "AWS_PROFILE": "dev" }\r\n  }\r\n}\r\n';
    assert.equal(settingsKeyLine(text, ['settings', SETTING, 'AWS_PROFILE']), 4);
    assert.equal(settingsKeyLine(text, [SETTING, 'AWS_PROFILE']), undefined, 'not at the top level');
  });

  it('answers undefined for text that is no JSON object at all', () => {
    for (const text of ['', 'not json', '[1, 2]', '{"terminal.integrated.env.linux": "a string"}', '\u0000\u0001{']) {
      assert.equal(settingsKeyLine(text, [SETTING, 'AWS_PROFILE']), undefined, JSON.stringify(text));
    }
  });
});

describe('extension: the region fix finds its header in the current text', () => {
  const text = '[default]\r\nregion = eu-west-1\r\n\r\n[profile dev]\r\noutput = json\r\n';
  it('takes the diagnosed line when it still is the header', () => {
    assert.equal(profileHeaderLine(documentLines(text), 'dev', 4), 3);
  });
  it('follows the header when lines were added above it since', () => {
    assert.equal(profileHeaderLine(documentLines('# new comment\n# another\n' + text), 'dev', 4), 5);
  });
  it('answers undefined when the section is gone; [default] is found without a prefix', () => {
    assert.equal(profileHeaderLine(documentLines('[profile other]\n'), 'dev', 1), undefined);
    assert.equal(profileHeaderLine(documentLines(text), 'default', 99), 0);
  });
});

describe('extension: the status bar and Problems agree on "expiring" (expiryWarningMinutes)', () => {
  const CONFIG =
    '[profile dev]\nregion = eu-west-1\n\n[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = eu-west-1\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n';
  const files = (left: number) =>
    new MemoryHost({
      [`${HOME}/.aws/config`]: CONFIG,
      [`${HOME}/.aws/credentials`]: `[dev]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
      [`${HOME}/.aws/sso/cache/${sha1Hex('corp')}.json`]: JSON.stringify({
        accessToken: 'fake',
        expiresAt: iso(left),
        clientId: 'c',
        clientSecret: 's',
        refreshToken: 'r',
      }),
    });
  const envExpiring = (left: number) => ({
    HOME,
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'ASIAFAKEKEYDOCTORONE',
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_SESSION_TOKEN: 'IQoJFAKE' + 'x'.repeat(60),
    AWS_CREDENTIAL_EXPIRATION: iso(left),
  });

  it('the engine uses expiryWarningMs instead of its 15 minutes when given, for credentials and SSO logins', () => {
    const codes = (env: Record<string, string>, left: number, expiryWarningMs?: number) =>
      diagnose({ env, fs: files(left), now: NOW, fallbackHomeDir: HOME, expiryWarningMs }).findings.map((f) => f.code);
    // 42 minutes left: not expiring by the default, expiring within an hour.
    assert.ok(!codes(envExpiring(42 * MIN), 42 * MIN).includes(FindingCode.CredentialsExpiring));
    assert.ok(codes(envExpiring(42 * MIN), 42 * MIN, 60 * MIN).includes(FindingCode.CredentialsExpiring));
    assert.ok(!codes({ HOME, AWS_PROFILE: 'sso' }, 42 * MIN).includes(FindingCode.SsoTokenExpiring));
    assert.ok(codes({ HOME, AWS_PROFILE: 'sso' }, 42 * MIN, 60 * MIN).includes(FindingCode.SsoTokenExpiring));
    // 10 minutes left: expiring by the default, not within a 5-minute window; 0 turns the warning off.
    assert.ok(codes(envExpiring(10 * MIN), 10 * MIN).includes(FindingCode.CredentialsExpiring));
    assert.ok(!codes(envExpiring(10 * MIN), 10 * MIN, 5 * MIN).includes(FindingCode.CredentialsExpiring));
    assert.ok(!codes(envExpiring(10 * MIN), 10 * MIN, 0).includes(FindingCode.CredentialsExpiring));
    // Exactly at the threshold counts as expiring, as in the status bar.
    assert.ok(codes(envExpiring(30 * MIN), 30 * MIN, 30 * MIN).includes(FindingCode.CredentialsExpiring));
  });

  it('the extension passes the setting to the engine: the warning colour and the finding come and go together', () => {
    for (const [minutes, left, expiring] of [
      [15, 42, false],
      [60, 42, true],
      [15, 10, true],
      [5, 10, false],
      [30, 30, true],
    ] as const) {
      const settings = { ...DEFAULT_SETTINGS, expiryWarningMinutes: minutes };
      const env = mergeEnvironment({
        process: envExpiring(left * MIN),
        settings: [],
        dotenv: [],
        overrides: new Map(),
      });
      const s = new Doctor({
        engine: () => hostEngine,
        fs: files(left * MIN),
        environment: () => env,
        settings: () => settings,
        now: () => NOW,
        homeDir: HOME,
      }).refresh();
      const inProblems = s.report.findings.some((f) => f.code === FindingCode.CredentialsExpiring);
      const colour = statusBarModel({ report: s.report, now: NOW, settings: s.settings }).background;
      assert.equal(inProblems, expiring, `${minutes} min threshold, ${left} min left: CREDENTIALS_EXPIRING`);
      assert.equal(colour, expiring ? 'warning' : 'none', `${minutes} min threshold, ${left} min left: status bar`);
    }
  });
});
