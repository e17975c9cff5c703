/**
 * Debug sessions and tasks under plain Node: launch.json and tasks.json as written (jsonc, every
 * environment shape), the one-line edits of a variable, the variables added at launch and what
 * wins over them, a session's environment with its origins, its Problems entries and fixes from the
 * real engine's diagnosis, and the alert for an AWS error printed by a debugged program.
 */
import * as assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { diagnose } from '../../src/engine/diagnose';
import { explainError } from '../../src/engine/explain/explainError';
import { buildReport } from '../../src/engine/output/report';
import { DEFAULT_SETTINGS } from '../../src/extension/settings';
import { statusBarModel } from '../../src/extension/presentation/statusBarModel';
import type { ConfigBlock } from '../../src/extension/sessions/configFiles';
import { envEdit, launchBlocks, taskBlocks } from '../../src/extension/sessions/configFiles';
import { debugEnvField, injectEnvironment, readEnvField } from '../../src/extension/sessions/debugTypes';
import { sessionAlert } from '../../src/extension/sessions/sessionAlert';
import type { SessionEnvironment } from '../../src/extension/sessions/sessionEnvironment';
import {
  sessionDiffers,
  sessionEngineEnvironment,
  sessionEnvironment,
  sessionFixes,
  sessionProblems,
} from '../../src/extension/sessions/sessionEnvironment';
import { MemoryHost } from '../support/memoryHost';

const LAUNCH = '/w/.vscode/launch.json';
const TASKS = '/w/.vscode/tasks.json';
const KEY = 'AKIAFAKEKEYDOCTORONE';
const SECRET = 'FAKEsecretKEYforTESTSonly'.padEnd(40, '0');
const TOKEN = 'FwoGZXIvYXdzSTALE' + 'q'.repeat(60) + 'TOKENFAKE';

const launchJson = [
  '{',
  '  // comments and trailing commas, as VS Code allows',
  '  "version": "0.2.0",',
  '  "configurations": [',
  '    {',
  '      "type": "node",',
  '      "request": "launch",',
  '      "name": "API",',
  '      "program": "${workspaceFolder}/api.js",',
  '      "envFile": "${workspaceFolder}/.env.debug",',
  '      "env": {',
  '        "AWS_ACCESS_KEY_ID": "' + KEY + '",',
  '        "AWS_SECRET_ACCESS_KEY": "' + SECRET + '",',
  '        "AWS_SESSION_TOKEN": "' + TOKEN + '", // left over',
  '        "LOG_LEVEL": "debug",',
  '      },',
  '    },',
  '    {',
  '      "type": "cppdbg",',
  '      "request": "launch",',
  '      "name": "Native",',
  '      "environment": [{ "name": "AWS_PROFILE", "value": "nope" }, { "name": "AWS_REGION", "value": "us east 1" }]',
  '    },',
  '    { "type": "lldb-dap", "request": "launch", "name": "LLDB", "env": ["AWS_PROFILE=dev", "FOO"] },',
  '    { "type": "chrome", "request": "launch", "name": "Browser", "env": { "AWS_PROFILE": "dev" } },',
  '  ],',
  '}',
  '',
].join('\n');

describe('debug sessions: launch.json and tasks.json as written', () => {
  it('reads every configuration with its type, environment shape, entries and their lines', () => {
    const blocks = launchBlocks(launchJson, LAUNCH);
    assert.deepEqual(
      blocks.map((b) => [b.label, b.type, b.request, b.line, b.envField.join('.'), b.shape]),
      [
        ['API', 'node', 'launch', 5, 'env', 'object'],
        ['Native', 'cppdbg', 'launch', 18, 'environment', 'nameValue'],
        ['LLDB', 'lldb-dap', 'launch', 24, 'env', 'strings'],
        ['Browser', 'chrome', 'launch', 25, 'env', 'object'],
      ],
    );
    assert.deepEqual(
      blocks[0].entries.map((e) => [e.name, e.line]),
      [
        ['AWS_ACCESS_KEY_ID', 12],
        ['AWS_SECRET_ACCESS_KEY', 13],
        ['AWS_SESSION_TOKEN', 14],
        ['LOG_LEVEL', 15],
      ],
    );
    assert.deepEqual(blocks[0].envFiles, [{ path: '${workspaceFolder}/.env.debug', line: 10 }]);
    assert.deepEqual(
      blocks[1].entries.map((e) => [e.name, e.value, e.line]),
      [
        ['AWS_PROFILE', 'nope', 22],
        ['AWS_REGION', 'us east 1', 22],
      ],
    );
    assert.deepEqual(
      blocks[2].entries.map((e) => [e.name, e.value]),
      [
        ['AWS_PROFILE', 'dev'],
        ['FOO', null],
      ],
    );
  });

  it('reads a .code-workspace file under its `launch` key, and nothing from text that is not a launch file', () => {
    const ws = JSON.stringify(
      {
        folders: [],
        launch: { configurations: [{ type: 'python', request: 'launch', name: 'Py', env: { AWS_PROFILE: 'x' } }] },
      },
      null,
      2,
    );
    assert.deepEqual(
      launchBlocks(ws, '/w/a.code-workspace', ['launch']).map((b) => [b.label, b.prefix, b.entries[0].line]),
      [['Py', ['launch'], 10]],
    );
    for (const text of ['', 'not json', '[]', '{"configurations": 3}', '\u0000\u0001{{{'])
      assert.deepEqual(launchBlocks(text, LAUNCH), []);
  });

  it("reads tasks.json: the file's own options.env, each task's, and the platform's last", () => {
    const text = [
      '{',
      '  "version": "2.0.0",',
      '  "options": { "env": { "AWS_REGION": "eu-west-1" } },',
      '  "tasks": [',
      '    { "label": "deploy", "type": "shell", "command": "make deploy",',
      '      "options": { "env": { "AWS_PROFILE": "prod" } },',
      '      "linux": { "options": { "env": { "AWS_PROFILE": "prod-linux" } } } },',
      '    { "label": "plain", "type": "shell", "command": "ls" }',
      '  ]',
      '}',
    ].join('\n');
    const blocks = taskBlocks(text, TASKS, 'linux');
    assert.deepEqual(
      blocks.map((b) => [b.label, b.index, b.entries.map((e) => `${e.name}=${e.value}@${e.line}`)]),
      [
        ['', -1, ['AWS_REGION=eu-west-1@3']],
        ['deploy', 0, ['AWS_REGION=eu-west-1@3', 'AWS_PROFILE=prod-linux@7']],
      ],
    );
    assert.deepEqual(
      taskBlocks(text, TASKS, 'osx')[1].entries.map((e) => e.value),
      ['eu-west-1', 'prod'],
    );
  });

  it('reads a 20,000-entry environment with every line right, and edits its last entry', () => {
    // (No timed ratio here: jsonc-parser's own parse grows 10-16x for 4x the entries on this machine,
    // the garbage collector's doing, so a ratio would flake. Lines come from one index per text and
    // a binary search, never a walk from the start per entry.)
    const text = `{"configurations":[{"type":"node","request":"launch","name":"big","env":{\n${Array.from({ length: 20_000 }, (_, i) => `"V${i}": "x"`).join(',\n')}\n}}]}`;
    const [b] = launchBlocks(text, LAUNCH);
    assert.ok(b.entries.every((e, i) => e.line === i + 2));
    const out = applyEdits(text, envEdit(text, b, 'V19999', undefined)!);
    assert.equal(out, text.replace(',\n"V19999": "x"', ''));
  });
});

describe('debug sessions: the edit of one variable', () => {
  const api = () => launchBlocks(launchJson, LAUNCH)[0];
  const apply = (text: string, block: ConfigBlock, name: string, value: string | undefined, line?: number) => {
    const edits = envEdit(text, block, name, value, line);
    assert.ok(edits, `an edit for ${name}`);
    return applyEdits(text, edits);
  };

  it("removes the entry's line, its comment and nothing else; removing the last entry takes the comma before it", () => {
    const out = apply(launchJson, api(), 'AWS_SESSION_TOKEN', undefined);
    assert.equal(out, launchJson.replace(`        "AWS_SESSION_TOKEN": "${TOKEN}", // left over\n`, ''));
    const one =
      '{\r\n  "configurations": [\r\n    { "type": "node", "request": "launch", "name": "A", "env": {\r\n      "A": "1",\r\n      "AWS_PROFILE": "x"\r\n    } }\r\n  ]\r\n}\r\n';
    assert.equal(
      apply(one, launchBlocks(one, LAUNCH)[0], 'AWS_PROFILE', undefined),
      one.replace(',\r\n      "AWS_PROFILE": "x"', ''),
    );
  });

  it("sets a value in place, in each shape; adds a missing one to the block's own environment", () => {
    assert.equal(
      apply(launchJson, api(), 'AWS_ACCESS_KEY_ID', 'AKIAOTHERKEYDOCTORXX'),
      launchJson.replace(KEY, 'AKIAOTHERKEYDOCTORXX'),
    );
    const native = launchBlocks(launchJson, LAUNCH)[1];
    assert.equal(
      apply(launchJson, native, 'AWS_PROFILE', 'dev'),
      launchJson.replace('"value": "nope"', '"value": "dev"'),
    );
    assert.equal(
      apply(launchJson, native, 'AWS_REGION', undefined),
      launchJson.replace(', { "name": "AWS_REGION", "value": "us east 1" }', ''),
    );
    const lldb = launchBlocks(launchJson, LAUNCH)[2];
    assert.equal(
      apply(launchJson, lldb, 'AWS_PROFILE', 'staging'),
      launchJson.replace('"AWS_PROFILE=dev"', '"AWS_PROFILE=staging"'),
    );
    const added = apply(launchJson, api(), 'AWS_DEFAULT_REGION', 'eu-west-1');
    assert.deepEqual(
      launchBlocks(added, LAUNCH)[0].entries.map((e) => e.name),
      ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'LOG_LEVEL', 'AWS_DEFAULT_REGION'],
    );
    assert.equal(added.split('\n').length, launchJson.split('\n').length + 1, 'one line added');
  });

  it('finds the configuration again in a changed file by its name; a renamed one is stale', () => {
    const moved = launchJson.replace(
      '"configurations": [',
      '"configurations": [\n    { "type": "node", "request": "launch", "name": "New" },',
    );
    assert.equal(
      apply(moved, api(), 'AWS_SESSION_TOKEN', undefined),
      moved.replace(`        "AWS_SESSION_TOKEN": "${TOKEN}", // left over\n`, ''),
    );
    assert.equal(
      envEdit(launchJson.replace('"name": "API"', '"name": "Renamed"'), api(), 'AWS_SESSION_TOKEN', undefined),
      undefined,
    );
    assert.equal(
      envEdit(
        launchJson.replace(`"AWS_SESSION_TOKEN": "${TOKEN}", // left over`, ''),
        api(),
        'AWS_SESSION_TOKEN',
        undefined,
      ),
      undefined,
    );
  });

  it("edits a task's variable where it is written: the platform's options.env, on its line", () => {
    const text =
      '{ "tasks": [ { "label": "t", "options": { "env": { "AWS_PROFILE": "a" } },\n "linux": { "options": { "env": { "AWS_PROFILE": "b" } } } } ] }';
    const [block] = taskBlocks(text, TASKS, 'linux');
    assert.equal(apply(text, block, 'AWS_PROFILE', 'c', 2), text.replace('"b"', '"c"'));
    assert.equal(apply(text, block, 'AWS_PROFILE', 'c', 1), text.replace('"a"', '"c"'));
  });
});

describe('debug sessions: the variables added at launch', () => {
  const overrides = new Map<string, string | null>([
    ['AWS_PROFILE', 'staging'],
    ['AWS_SESSION_TOKEN', null],
  ]);
  const node = { type: 'pwa-node', request: 'launch', name: 'A', program: 'a.js' };

  it("knows each debug type's field", () => {
    assert.deepEqual(
      [
        'node',
        'pwa-node',
        'python',
        'debugpy',
        'go',
        'java',
        'coreclr',
        'cppdbg',
        'lldb',
        'lldb-dap',
        'chrome',
        'toString',
      ].map((t) => debugEnvField(t)?.field ?? '-'),
      ['env', 'env', 'env', 'env', 'env', 'env', 'env', 'environment', 'env', 'env', '-', '-'],
    );
  });

  it('js-debug: the profile, and null to remove an inherited variable', () => {
    const r = injectEnvironment({ config: node, overrides, envFile: new Map() })!;
    assert.deepEqual(r.config.env, { AWS_PROFILE: 'staging', AWS_SESSION_TOKEN: null });
    assert.deepEqual(r.kept, []);
    assert.equal((node as Record<string, unknown>).env, undefined, 'the input is not changed');
  });

  it('other debuggers: an unset is written as an empty value (as for terminals); cppdbg gets name/value entries', () => {
    assert.deepEqual(
      injectEnvironment({
        config: { type: 'debugpy', request: 'launch', name: 'P', env: { X: '1' } },
        overrides,
        envFile: new Map(),
      })!.config.env,
      { X: '1', AWS_PROFILE: 'staging', AWS_SESSION_TOKEN: '' },
    );
    assert.deepEqual(
      injectEnvironment({
        config: { type: 'cppdbg', request: 'launch', name: 'C', environment: [{ name: 'X', value: '1' }] },
        overrides,
        envFile: new Map(),
      })!.config.environment,
      [
        { name: 'X', value: '1' },
        { name: 'AWS_PROFILE', value: 'staging' },
        { name: 'AWS_SESSION_TOKEN', value: '' },
      ],
    );
    assert.deepEqual(
      injectEnvironment({
        config: { type: 'lldb-dap', request: 'launch', name: 'L', env: ['X=1'] },
        overrides,
        envFile: new Map(),
      })!.config.env,
      ['X=1', 'AWS_PROFILE=staging', 'AWS_SESSION_TOKEN='],
    );
  });

  it('what the configuration writes wins (env, then envFile), and is reported once as kept when it differs', () => {
    const r = injectEnvironment({
      config: { ...node, env: { AWS_PROFILE: 'dev' } },
      overrides,
      envFile: new Map([['AWS_SESSION_TOKEN', TOKEN]]),
    })!;
    assert.deepEqual(r.config.env, { AWS_PROFILE: 'dev' });
    assert.deepEqual(r.kept, [
      { name: 'AWS_PROFILE', ours: 'staging', theirs: 'dev', from: 'env' },
      { name: 'AWS_SESSION_TOKEN', ours: null, theirs: TOKEN, from: 'envFile' },
    ]);
    assert.deepEqual(
      injectEnvironment({
        config: { ...node, env: { AWS_PROFILE: 'staging', AWS_SESSION_TOKEN: null } },
        overrides,
        envFile: new Map(),
      }),
      undefined,
      'the same values: nothing to add or say',
    );
  });

  it('names a resolver copied in (not written in launch.json) count as inherited', () => {
    const r = injectEnvironment({
      config: { type: 'python', request: 'launch', name: 'P', env: { AWS_SESSION_TOKEN: TOKEN, PATH: '/bin' } },
      overrides,
      envFile: new Map(),
      written: new Set(),
    })!;
    assert.deepEqual(r.config.env, { AWS_SESSION_TOKEN: '', PATH: '/bin', AWS_PROFILE: 'staging' });
  });

  it('leaves alone an attach, a browser, an unknown type, a js-debug child session, and nothing to add', () => {
    for (const config of [
      { ...node, request: 'attach' },
      { type: 'chrome', request: 'launch', name: 'B' },
      { type: 'mystery', request: 'launch', name: 'M' },
      { ...node, __pendingTargetId: 'x' },
    ]) {
      assert.equal(injectEnvironment({ config, overrides, envFile: new Map() }), undefined, JSON.stringify(config));
    }
    assert.equal(injectEnvironment({ config: node, overrides: new Map(), envFile: new Map() }), undefined);
  });

  it('reads an environment field of any shape', () => {
    assert.deepEqual(
      [...readEnvField({ A: 'a', B: null, C: 3 })],
      [
        ['A', 'a'],
        ['B', null],
        ['C', '3'],
      ],
    );
    assert.deepEqual(
      [...readEnvField([{ name: 'A', value: 'a' }, 'B=b=c', 'C', 7, null])],
      [
        ['A', 'a'],
        ['B', 'b=c'],
        ['C', null],
      ],
    );
    assert.deepEqual([...readEnvField('nope')], []);
  });
});

/** A fixture home: a long-term key in the credentials file, profiles default and dev. */
function engineFor(env: Record<string, string>) {
  const fs = new MemoryHost({
    '/h/.aws/config': '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = eu-west-1\n',
    '/h/.aws/credentials': `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n\n[dev]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
  });
  return diagnose({ env: { HOME: '/h', ...env }, fs, now: Date.parse('2026-12-06T12:00:00Z'), fallbackHomeDir: '/h' });
}

describe("debug sessions: the session's environment, its Problems entries and fixes", () => {
  const block = launchBlocks(launchJson, LAUNCH)[0];
  const display = (f: string) => f.replace('/w/', '');
  const session = (extra: Partial<Parameters<typeof sessionEnvironment>[0]> = {}): SessionEnvironment =>
    sessionEnvironment({
      kind: 'launch',
      label: 'API',
      block,
      inherited: { HOME: '/h', PATH: '/bin', AWS_REGION: 'eu-west-1' },
      extension: new Map([['AWS_PROFILE', 'dev']]),
      envFiles: [
        {
          file: '/w/.env.debug',
          entries: [
            { name: 'AWS_DEFAULT_REGION', value: 'eu-west-1', line: 2 },
            { name: 'NOT_AWS', value: 'x', line: 3 },
          ],
        },
      ],
      config: block.entries.map((e) => ({ name: e.name, value: e.value, line: e.line })),
      ...extra,
    });

  it('merges inherited < added < envFile < written, AWS variables only, each with its origin', () => {
    const s = session();
    assert.deepEqual(
      [...s.variables.values()].map((v) => [v.name, v.origin.kind, 'line' in v.origin ? v.origin.line : undefined]),
      [
        ['AWS_REGION', 'inherited', undefined],
        ['AWS_PROFILE', 'extension', undefined],
        ['AWS_DEFAULT_REGION', 'envFile', 2],
        ['AWS_ACCESS_KEY_ID', 'config', 12],
        ['AWS_SECRET_ACCESS_KEY', 'config', 13],
        ['AWS_SESSION_TOKEN', 'config', 14],
      ],
    );
    const env = sessionEngineEnvironment(s, { HOME: '/h', PATH: '/bin', AWS_REGION: 'eu-west-1', AWS_PROFILE: 'old' });
    assert.deepEqual(env, {
      HOME: '/h',
      PATH: '/bin',
      AWS_REGION: 'eu-west-1',
      AWS_PROFILE: 'dev',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: KEY,
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_SESSION_TOKEN: TOKEN,
    });
    assert.equal(sessionDiffers(s, env), false);
    assert.equal(sessionDiffers(s, { ...env, AWS_SESSION_TOKEN: undefined }), true);
    const removed = sessionEnvironment({
      kind: 'launch',
      label: 'x',
      inherited: { AWS_SESSION_TOKEN: TOKEN },
      extension: new Map([['AWS_SESSION_TOKEN', null]]),
      config: [],
    });
    assert.equal(sessionDiffers(removed, {}), false, 'a variable removed for the session is as absent');
  });

  it('a stale token written in launch.json: STALE_SESSION_TOKEN on its line, fixed by removing that line', () => {
    const s = session();
    const d = engineFor(sessionEngineEnvironment(s, { HOME: '/h' }));
    const base = engineFor({}).findings;
    const problems = sessionProblems({
      session: s,
      findings: buildReport(d).findings,
      base,
      settings: DEFAULT_SETTINGS,
      display,
    });
    const stale = problems.find((p) => p.finding.code === 'STALE_SESSION_TOKEN')!;
    assert.ok(stale, JSON.stringify(problems.map((p) => p.finding.code)));
    assert.deepEqual([stale.file, stale.line, stale.severity], [LAUNCH, 14, 'error']);
    assert.equal(stale.message, stale.finding.message, 'on its own line, the message as it is');
    assert.deepEqual(
      stale.fixes.map((f) => [f.kind, f.title, f.preferred]),
      [['edit', 'Remove AWS_SESSION_TOKEN from .vscode/launch.json', true]],
    );
    const fix = stale.fixes[0];
    assert.ok(fix.kind === 'edit');
    assert.deepEqual(
      fix.edits.map((e) => [e.kind, e.file, e.name, e.value]),
      [['json', LAUNCH, 'AWS_SESSION_TOKEN', undefined]],
    );
    // Keys written next to the profile the extension adds: they shadow it (a finding new terminals do not have), on the profile's... first written line.
    const shadow = problems.find((p) => p.finding.code === 'ENV_KEYS_SHADOW_PROFILE');
    assert.ok(shadow, JSON.stringify(problems.map((p) => p.finding.code)));
    assert.deepEqual([shadow.file, shadow.line], [LAUNCH, 12]);
    assert.match(shadow.message, /^Debug configuration "API": AWS_PROFILE=dev is set together with/);
    assert.deepEqual(
      shadow.fixes.map((f) => f.title),
      [
        'Remove AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from .vscode/launch.json',
        'Unset AWS_PROFILE (use the environment keys)',
      ],
    );
  });

  it("a profile that does not exist and a malformed region, in cppdbg's environment: on their line, fixed there", () => {
    const native = launchBlocks(launchJson, LAUNCH)[1];
    const s = sessionEnvironment({
      kind: 'launch',
      label: 'Native',
      block: native,
      inherited: { HOME: '/h' },
      config: native.entries.map((e) => ({ name: e.name, value: e.value, line: e.line })),
    });
    const d = engineFor(sessionEngineEnvironment(s, { HOME: '/h' }));
    const problems = sessionProblems({
      session: s,
      findings: buildReport(d).findings,
      base: engineFor({}).findings,
      settings: DEFAULT_SETTINGS,
      display,
    });
    const notFound = problems.find((p) => p.finding.code === 'PROFILE_NOT_FOUND')!;
    assert.deepEqual([notFound.line, notFound.fixes[0].title], [22, 'Set AWS_PROFILE=default in .vscode/launch.json']);
    const region = problems.find((p) => p.finding.code === 'REGION_MALFORMED')!;
    assert.deepEqual([region.line, region.fixes[0].title], [22, 'Set AWS_REGION=us-east-1 in .vscode/launch.json']);
  });

  it("the envFile's line for a variable it sets; the usual fix for one the session inherits", () => {
    const s = sessionEnvironment({
      kind: 'launch',
      label: 'API',
      block,
      inherited: { HOME: '/h', AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET },
      envFiles: [{ file: '/w/.env.debug', entries: [{ name: 'AWS_SESSION_TOKEN', value: TOKEN, line: 4 }] }],
      config: [],
    });
    const d = engineFor(sessionEngineEnvironment(s, { HOME: '/h' }));
    const stale = sessionProblems({
      session: s,
      findings: buildReport(d).findings,
      base: [],
      settings: DEFAULT_SETTINGS,
      display,
    }).find((p) => p.finding.code === 'STALE_SESSION_TOKEN')!;
    assert.deepEqual([stale.file, stale.line], ['/w/.env.debug', 4]);
    assert.deepEqual(
      stale.fixes.map((f) => [f.kind, f.title]),
      [['edit', 'Remove AWS_SESSION_TOKEN from .env.debug']],
    );
    const inherited = sessionEnvironment({
      kind: 'launch',
      label: 'API',
      block,
      inherited: { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN },
      config: [{ name: 'AWS_REGION', value: 'eu-west-1', line: 12 }],
    });
    const f = engineFor(sessionEngineEnvironment(inherited, { HOME: '/h' })).findings.find(
      (x) => x.code === 'STALE_SESSION_TOKEN',
    )!;
    assert.deepEqual(
      sessionFixes(f, inherited, display).map((x) => [x.kind, x.kind === 'action' ? x.action.kind : '']),
      [['action', 'unsetEnv']],
    );
    // Inherited and in what new terminals get too: in Problems already, not again on launch.json.
    assert.deepEqual(
      sessionProblems({ session: inherited, findings: [f], base: [f], settings: DEFAULT_SETTINGS, display }),
      [],
    );
  });

  it('nothing for a configuration without a file, or without an AWS variable written', () => {
    const s = sessionEnvironment({ kind: 'launch', label: 'x', inherited: { AWS_PROFILE: 'nope' }, config: [] });
    const findings = engineFor({ AWS_PROFILE: 'nope' }).findings;
    assert.deepEqual(sessionProblems({ session: s, findings, base: [], settings: DEFAULT_SETTINGS, display }), []);
    assert.deepEqual(
      sessionProblems({ session: { ...s, block }, findings, base: [], settings: DEFAULT_SETTINGS, display }),
      [],
    );
  });
});

describe('debug sessions: the alert for an AWS error in the Debug Console', () => {
  const block = launchBlocks(launchJson, LAUNCH)[0];
  const display = (f: string) => f.replace('/w/', '');
  const printed =
    'InvalidClientTokenId: The security token included in the request is invalid.\n    at throwDefaultError (node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)';

  it('names the session, the error, where the variable is written and the cause; its fix edits that line and restarts', () => {
    const s = sessionEnvironment({
      kind: 'launch',
      label: 'API',
      block,
      inherited: { HOME: '/h' },
      config: block.entries.map((e) => ({ name: e.name, value: e.value, line: e.line })),
    });
    const d = engineFor(sessionEngineEnvironment(s, { HOME: '/h' }));
    const alert = sessionAlert({
      explanation: explainError(printed, d),
      session: s,
      name: 'API',
      redact: (x) => d.redactor.redact(x),
      display,
      profile: 'default',
    })!;
    assert.equal(
      alert.message,
      'Debug session "API" failed: InvalidClientTokenId. AWS_SESSION_TOKEN is set in .vscode/launch.json (line 14). AWS_SESSION_TOKEN is set next to a long-term access key (****************RONE, an AKIA key). Fix: Remove AWS_SESSION_TOKEN and Restart.',
    );
    assert.equal(alert.fix?.title, 'Remove AWS_SESSION_TOKEN and Restart');
    assert.equal(alert.fix?.restart, true);
    assert.ok(!alert.message.includes(TOKEN) && !alert.message.includes(SECRET));
  });

  it('a token the session inherited: the usual unset (which reaches the next launch), then a restart', () => {
    const s = sessionEnvironment({
      kind: 'launch',
      label: 'API',
      inherited: { HOME: '/h', AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN },
      config: [],
    });
    const d = engineFor(sessionEngineEnvironment(s, { HOME: '/h' }));
    const alert = sessionAlert({
      explanation: explainError(printed, d),
      session: s,
      name: 'API',
      redact: (x) => d.redactor.redact(x),
      display,
      profile: 'default',
    })!;
    assert.match(
      alert.message,
      /^Debug session "API" failed: InvalidClientTokenId\. AWS_SESSION_TOKEN comes from the environment VS Code was started with\. /,
    );
    assert.deepEqual(
      [alert.fix?.kind, alert.fix?.kind === 'action' && alert.fix.action.kind, alert.fix?.title],
      ['action', 'unsetEnv', 'Unset the stale AWS_SESSION_TOKEN and Restart'],
    );
  });

  it('no alert for output that names no AWS error', () => {
    const s = sessionEnvironment({ kind: 'launch', label: 'API', inherited: {}, config: [] });
    assert.equal(
      sessionAlert({
        explanation: explainError('all good', engineFor({})),
        session: s,
        name: 'API',
        redact: (x) => x,
        display,
        profile: 'default',
      }),
      undefined,
    );
  });

  it('the status bar in a debug session: its icon, name and where its variables come from', () => {
    const report = buildReport(engineFor({ AWS_PROFILE: 'dev' }));
    const m = statusBarModel({
      report,
      now: Date.parse('2026-12-06T12:00:00Z'),
      settings: DEFAULT_SETTINGS,
      terminal: {
        kind: 'debugSession',
        name: 'API',
        changes: [],
        uncertainties: [],
        sources: ['AWS_PROFILE=dev — .vscode/launch.json, line 7'],
      },
    });
    assert.equal(m.text, '$(debug-alt) dev');
    assert.equal(m.accessibilityLabel, 'AWS profile dev, no problems, in debug session API');
    assert.ok(
      m.tooltip.startsWith(
        '$(debug-alt) **Debug session "API"** — its AWS environment differs from what new terminals get.\n\n- AWS\\_PROFILE=dev — .vscode/launch.json, line 7\n',
      ),
      m.tooltip,
    );
  });

  it('the status bar in a debug session with a problem: the state icon first, the session icon after', () => {
    const report = buildReport(
      engineFor({ AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN }),
    );
    const m = statusBarModel({
      report,
      now: Date.parse('2026-12-06T12:00:00Z'),
      settings: DEFAULT_SETTINGS,
      terminal: { kind: 'debugSession', name: 'API', changes: [], uncertainties: [] },
    });
    assert.equal(m.background, 'error');
    assert.equal(m.text, '$(error) env keys $(debug-alt)');
    assert.match(
      m.accessibilityLabel,
      /, error: AWS_SESSION_TOKEN is set next to a long-term access key .*, in debug session API$/,
    );
  });
});
