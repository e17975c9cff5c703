/**
 * Debug sessions and tasks in the real extension host (code-server's, with the js-debug it ships
 * and `node` on its PATH): the variables the extension sets for new terminals reach a Node launch
 * configuration's program and a shell task; launch.json's own values win and are said once;
 * launch.json, its envFile and tasks.json get Problems entries on their lines with fixes that edit
 * that line; an AWS error the debugged program prints brings an alert with its local cause, whose
 * fix edits launch.json and restarts the session; the status bar follows a running session whose
 * credentials differ. Outputs are read through a debug adapter tracker of the test's own.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { diagnose } from '../../src/engine/diagnose';
import { nodeFileSystem } from '../../src/nodeHost/fileSystem';
import type { DoctorApi } from '../../src/extension/extension';
import { api, codeOf, ours, waitForDiagnostics } from './helpers';
import { FAKE_KEY_ID, FAKE_SECRET, FAKE_SESSION_TOKEN } from './fixtureHome';

const WORKSPACE = () => vscode.workspace.workspaceFolders![0];
const VSCODE_DIR = () => path.join(WORKSPACE().uri.fsPath, '.vscode');
const LAUNCH = () => path.join(VSCODE_DIR(), 'launch.json');
const TASKS = () => path.join(VSCODE_DIR(), 'tasks.json');
const ENV_FILE = () => path.join(WORKSPACE().uri.fsPath, '.env.debug');

/** The debugged program: prints its AWS variables (secrets as "(set)"); `sts` plays an STS call; `wait` keeps running. */
const PROGRAM = `
const show = (k) => { const v = process.env[k]; return v === undefined ? '(unset)' : v === '' ? '(empty)' : /SECRET|TOKEN|KEY_ID/.test(k) ? '(set)' : v; };
for (const k of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_REGION']) console.log(k + '=' + show(k));
if (process.argv[2] === 'sts') {
  if (process.env.AWS_SESSION_TOKEN && (process.env.AWS_ACCESS_KEY_ID || '').startsWith('AKIA')) {
    console.error('InvalidClientTokenId: The security token included in the request is invalid.');
    process.exitCode = 1;
  } else console.log('identity confirmed');
}
if (process.argv[2] === 'wait') setTimeout(() => undefined, 120000);
`;

const node = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'node',
  request: 'launch',
  name,
  program: '${workspaceFolder}/print.js',
  console: 'internalConsole',
  ...extra,
});

/** launch.json as a person writes it: comments, one variable per line. LINES below are 0-based. */
const LAUNCH_JSON = [
  '{',
  '  // AWS Credentials Doctor test configurations',
  '  "version": "0.2.0",',
  '  "configurations": [',
  `    ${JSON.stringify(node('Print'))},`,
  `    ${JSON.stringify(node('Written profile', { env: { AWS_PROFILE: 'sso-dev' } }))},`,
  `    ${JSON.stringify(node('Env file', { envFile: '${workspaceFolder}/.env.debug' }))},`,
  `    ${JSON.stringify(node('Wait', { args: ['wait'], env: { AWS_PROFILE: 'dev' } }))},`,
  '    {',
  '      "type": "node", "request": "launch", "name": "STS", "program": "${workspaceFolder}/print.js", "args": ["sts"], "console": "internalConsole",',
  '      "env": {',
  `        "AWS_ACCESS_KEY_ID": "${FAKE_KEY_ID}",`,
  `        "AWS_SECRET_ACCESS_KEY": "${FAKE_SECRET}",`,
  `        "AWS_SESSION_TOKEN": "${FAKE_SESSION_TOKEN}", // from last week's MFA session`,
  '        "AWS_REGION": "eu-west-1"',
  '      }',
  '    }',
  '  ]',
  '}',
  '',
].join('\n');
const LINES = { stsToken: 13 };

/** Output events of every session, by root session name, and the roots that ended. */
class Outputs {
  readonly text = new Map<string, string>();
  private readonly ended = new Map<string, number>();
  private readonly waiters: (() => void)[] = [];
  readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const root = (s: vscode.DebugSession) => {
      while (s.parentSession) s = s.parentSession;
      return s;
    };
    this.disposables.push(
      vscode.debug.registerDebugAdapterTrackerFactory('*', {
        createDebugAdapterTracker: (s) => ({
          onDidSendMessage: (m: { type?: string; event?: string; body?: { output?: string; category?: string } }) => {
            if (m.type !== 'event' || m.event !== 'output' || m.body?.category === 'telemetry') return;
            const name = root(s).name;
            this.text.set(name, (this.text.get(name) ?? '') + (m.body?.output ?? ''));
            this.wake();
          },
        }),
      }),
    );
    this.disposables.push(
      vscode.debug.onDidTerminateDebugSession((s) => {
        if (s.parentSession) return;
        this.ended.set(s.name, (this.ended.get(s.name) ?? 0) + 1);
        this.wake();
      }),
    );
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when the predicate holds, checked on every output and every end of a session. */
  async until(predicate: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; outputs: ${JSON.stringify([...this.text])}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  endedCount(name: string): number {
    return this.ended.get(name) ?? 0;
  }

  /** Starts a configuration of launch.json and returns its output once its session ended. */
  async run(name: string): Promise<string> {
    this.text.delete(name);
    const before = this.endedCount(name);
    assert.ok(await vscode.debug.startDebugging(WORKSPACE(), name), `${name} started`);
    await this.until(() => this.endedCount(name) > before, `the end of ${name}`);
    return this.text.get(name) ?? '';
  }
}

/** The quick fixes offered where a diagnostic is, as the lightbulb asks for them (its document open). */
async function quickFixes(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(uri);
  return (
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? []
  );
}

describe('debug sessions and tasks in the extension host', () => {
  let a: DoctorApi;
  let out: Outputs;

  before(async () => {
    a = await api();
    fs.mkdirSync(VSCODE_DIR(), { recursive: true });
    fs.writeFileSync(path.join(WORKSPACE().uri.fsPath, 'print.js'), PROGRAM);
    fs.writeFileSync(ENV_FILE(), '# for the Env file configuration\nAWS_PROFILE=nope\n');
    fs.writeFileSync(LAUNCH(), LAUNCH_JSON);
    // What new terminals get: no profile chosen, the inherited stale session token unset (as its quick fix does).
    a.environmentVariableCollection.clear();
    a.environmentVariableCollection.replace('AWS_SESSION_TOKEN', '');
    await a.doctor.refreshInBackground();
    out = new Outputs();
  });

  after(async () => {
    // The figure (a report, not a timed test: npm run bench:extension measures it on a 2,000-profile home).
    const worst = [a.debugSessions.slices.longest, a.configProblems.slices.longest].sort((x, y) => y.ms - x.ms)[0];
    console.log(
      `    debug sessions and launch.json: ${a.debugSessions.slices.blocks.length + a.configProblems.slices.blocks.length} slices on the extension host, the longest ${worst.ms.toFixed(1)} ms (${worst.what})`,
    );
    for (const d of out.disposables) d.dispose();
    a.environmentVariableCollection.clear();
    await vscode.workspace
      .getConfiguration('awsCredentialsDoctor')
      .update('debug.applyEnvironment', undefined, vscode.ConfigurationTarget.Workspace);
    await a.switcher.forget();
    for (const f of [LAUNCH(), TASKS(), ENV_FILE()]) fs.rmSync(f, { force: true });
    await a.doctor.refreshInBackground();
  });

  it("after Switch Profile, a program started from a Node launch configuration gets the chosen profile; the extension host's own environment is unchanged", async () => {
    await vscode.commands.executeCommand('awsCredentialsDoctor.switchProfile', 'dev');
    const printed = await out.run('Print');
    assert.match(printed, /^AWS_PROFILE=dev\nAWS_SESSION_TOKEN=\(unset\)\nAWS_REGION=\(unset\)$/m, printed);
    assert.strictEqual(process.env.AWS_PROFILE, undefined);
    assert.strictEqual(process.env.AWS_SESSION_TOKEN, FAKE_SESSION_TOKEN, 'the extension host keeps its environment');
  });

  it('a value launch.json writes wins over the chosen profile, and the user is told once', async () => {
    const told = () =>
      a.notifications.shown.filter((n) =>
        n.message.startsWith(
          'Debug configuration "Written profile": AWS_PROFILE=sso-dev in .vscode/launch.json wins over AWS_PROFILE=dev',
        ),
      );
    assert.match(await out.run('Written profile'), /^AWS_PROFILE=sso-dev$/m);
    assert.match(await out.run('Written profile'), /^AWS_PROFILE=sso-dev$/m);
    assert.deepStrictEqual(
      told().map((n) => n.message),
      [
        'Debug configuration "Written profile": AWS_PROFILE=sso-dev in .vscode/launch.json wins over AWS_PROFILE=dev, which new terminals get.',
      ],
    );
  });

  it('awsCredentialsDoctor.debug.applyEnvironment off: the program gets only what VS Code started with', async () => {
    await vscode.workspace
      .getConfiguration('awsCredentialsDoctor')
      .update('debug.applyEnvironment', false, vscode.ConfigurationTarget.Workspace);
    try {
      assert.match(await out.run('Print'), /^AWS_PROFILE=\(unset\)\nAWS_SESSION_TOKEN=\(set\)$/m);
    } finally {
      await vscode.workspace
        .getConfiguration('awsCredentialsDoctor')
        .update('debug.applyEnvironment', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it("the envFile's profile wins too; Problems puts its PROFILE_NOT_FOUND on that line of the envFile, and the fix rewrites the value", async () => {
    assert.match(await out.run('Env file'), /^AWS_PROFILE=nope$/m);
    const uri = vscode.Uri.file(ENV_FILE());
    await waitForDiagnostics(
      () => ours(uri).some((d) => codeOf(d) === 'PROFILE_NOT_FOUND'),
      'PROFILE_NOT_FOUND in .env.debug',
    );
    const d = ours(uri).find((x) => codeOf(x) === 'PROFILE_NOT_FOUND')!;
    assert.strictEqual(d.range.start.line, 1);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    const fixes = await quickFixes(uri, d);
    const fix = fixes.find((f) => f.title === 'Set AWS_PROFILE=dev in .env.debug');
    assert.ok(fix?.edit, JSON.stringify(fixes.map((f) => f.title)));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await (await vscode.workspace.openTextDocument(uri)).save();
    assert.strictEqual(fs.readFileSync(ENV_FILE(), 'utf8'), '# for the Env file configuration\nAWS_PROFILE=dev\n');
    // The profile exists now; the keys VS Code started with still shadow it (ENV_KEYS_SHADOW_PROFILE stays).
    await waitForDiagnostics(
      () => !ours(uri).some((x) => codeOf(x) === 'PROFILE_NOT_FOUND'),
      'PROFILE_NOT_FOUND leaves once fixed',
    );
    assert.deepStrictEqual(
      ours(uri).map((x) => [codeOf(x), x.range.start.line]),
      [['ENV_KEYS_SHADOW_PROFILE', 1]],
    );
  });

  it('Problems shows the stale token written in launch.json on its line; the quick fix removes that line and nothing else', async () => {
    const uri = vscode.Uri.file(LAUNCH());
    const stale = () => ours(uri).find((x) => codeOf(x) === 'STALE_SESSION_TOKEN');
    await waitForDiagnostics(() => !!stale(), 'STALE_SESSION_TOKEN in launch.json');
    assert.strictEqual(stale()!.range.start.line, LINES.stsToken);
    // The severity the engine gives this session's environment (the chosen profile "dev" added, the rest written).
    const expected = diagnose({
      env: {
        HOME: process.env.HOME!,
        AWS_PROFILE: 'dev',
        AWS_ACCESS_KEY_ID: FAKE_KEY_ID,
        AWS_SECRET_ACCESS_KEY: FAKE_SECRET,
        AWS_SESSION_TOKEN: FAKE_SESSION_TOKEN,
        AWS_REGION: 'eu-west-1',
      },
      fs: nodeFileSystem,
      now: Date.now(),
      fallbackHomeDir: process.env.HOME!,
    }).findings.find((f) => f.code === 'STALE_SESSION_TOKEN')!;
    assert.strictEqual(
      stale()!.severity,
      expected.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
    );
    assert.match(
      stale()!.message,
      /^AWS_SESSION_TOKEN is set next to a long-term access key \(\*{16}RONE, an AKIA key\)/,
    );
    assert.ok(typeof stale()!.code === 'object');
    const fixes = await quickFixes(uri, stale()!);
    assert.deepStrictEqual(
      fixes.map((f) => [f.title, f.isPreferred]),
      [['Remove AWS_SESSION_TOKEN from .vscode/launch.json', true]],
    );
    // Applied by the test to a copy, so that the next test still has the token: the edit's exact result.
    const edit = fixes[0].edit!;
    const [[, [change]]] = edit.entries();
    const doc = await vscode.workspace.openTextDocument(uri);
    const after =
      doc.getText().slice(0, doc.offsetAt(change.range.start)) +
      change.newText +
      doc.getText().slice(doc.offsetAt(change.range.end));
    assert.strictEqual(
      after,
      LAUNCH_JSON.replace(
        `        "AWS_SESSION_TOKEN": "${FAKE_SESSION_TOKEN}", // from last week's MFA session\n`,
        '',
      ),
    );
  });

  it("an AWS error printed by the debugged program: the alert names launch.json's line as the cause; its fix removes it and restarts the session, which then succeeds", async () => {
    const alerted = new Promise<void>((resolve) => {
      const sub = a.debugSessions.onDidAlert(() => {
        sub.dispose();
        resolve();
      });
    });
    const printed = await out.run('STS');
    assert.match(printed, /InvalidClientTokenId: The security token included in the request is invalid\./);
    await alerted;
    const record = a.debugSessions.alerts[a.debugSessions.alerts.length - 1];
    assert.strictEqual(
      record.alert.message,
      'Debug session "STS" failed: InvalidClientTokenId. AWS_SESSION_TOKEN is set in .vscode/launch.json (line 14). AWS_SESSION_TOKEN is set next to a long-term access key (****************RONE, an AKIA key). Fix: Remove AWS_SESSION_TOKEN and Restart.',
    );
    assert.strictEqual(record.alert.fix?.title, 'Remove AWS_SESSION_TOKEN and Restart');
    const shown = a.notifications.shown.filter((n) => n.kind === 'error' && n.message === record.alert.message);
    assert.strictEqual(shown.length, 1, 'one notification');
    const before = out.endedCount('STS');
    out.text.delete('STS');
    assert.ok(await a.debugSessions.applyAlertFix(record.followed, record.alert));
    await out.until(() => out.endedCount('STS') > before, 'the restarted session');
    assert.match(out.text.get('STS') ?? '', /^identity confirmed$/m);
    assert.strictEqual(
      fs.readFileSync(LAUNCH(), 'utf8'),
      LAUNCH_JSON.replace(
        `        "AWS_SESSION_TOKEN": "${FAKE_SESSION_TOKEN}", // from last week's MFA session\n`,
        '',
      ),
    );
    await waitForDiagnostics(
      () => !ours(vscode.Uri.file(LAUNCH())).some((d) => codeOf(d) === 'STALE_SESSION_TOKEN'),
      'the launch.json entry leaves',
    );
  });

  it("the status bar follows a session started with credentials that differ; a profile switch shows new terminals' until the user turns to a session; it comes back when the session ends", async () => {
    const text = () => a.statusBar.text;
    const followed = async (re: RegExp) => {
      const deadline = Date.now() + 10_000;
      while (!re.test(text()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return text();
    };
    // What new terminals get (the state icon is the fixture home's state, which the rest of the suite checks) and the session's.
    const newTerminals = /^\$\((cloud|warning|error)\) default$/;
    const session = /^(\$\(debug-alt\) dev( · \d+h)?|\$\((warning|error)\) dev( · \d+h)? \$\(debug-alt\))$/;
    const says = () => JSON.stringify([a.statusBar.model?.accessibilityLabel, a.statusBar.model?.tooltip]);
    // New terminals get "default"; the Wait configuration writes AWS_PROFILE=dev in launch.json.
    await vscode.commands.executeCommand('awsCredentialsDoctor.switchProfile', 'default');
    assert.match(await followed(newTerminals), newTerminals, says());
    const started = new Promise<vscode.DebugSession>((resolve) => {
      const sub = vscode.debug.onDidStartDebugSession((s) => {
        if (s.name === 'Wait') {
          sub.dispose();
          resolve(s);
        }
      });
    });
    assert.ok(await vscode.debug.startDebugging(WORKSPACE(), 'Wait'));
    const running = await started;
    await out.until(() => /AWS_PROFILE=dev/.test(out.text.get('Wait') ?? ''), 'the Wait program running');
    // The running session's AWS environment, each variable with where it comes from.
    const env = a.debugSessions.environmentOf(running)!;
    assert.deepStrictEqual(
      [...env.variables.values()].map((v) => [
        v.name,
        v.value === null ? null : /KEY|TOKEN/.test(v.name) ? '(set)' : v.value,
        v.origin.kind,
        'line' in v.origin ? v.origin.line : undefined,
      ]),
      [
        ['AWS_ACCESS_KEY_ID', '(set)', 'inherited', undefined],
        ['AWS_SECRET_ACCESS_KEY', '(set)', 'inherited', undefined],
        ['AWS_SESSION_TOKEN', null, 'extension', undefined],
        ['AWS_EC2_METADATA_DISABLED', 'true', 'inherited', undefined],
        ['AWS_PROFILE', 'dev', 'config', 8],
      ],
    );
    // Started after the switch: the user turned to it, so the status bar follows it.
    assert.match(await followed(session), session, says());
    assert.match(a.statusBar.model!.accessibilityLabel, /, in debug session Wait$/);
    assert.match(a.statusBar.model!.tooltip, /AWS\\_PROFILE=dev — \.vscode\/launch\.json, line 8/);
    // A switch while it runs: the status bar answers the question just asked (what new terminals get), and stays so.
    await vscode.commands.executeCommand('awsCredentialsDoctor.switchProfile', 'default');
    assert.match(await followed(newTerminals), newTerminals, says());
    await a.doctor.refreshInBackground();
    assert.match(text(), newTerminals, says());
    // Focused again (the user turned to it): followed again; once it ends, what new terminals get.
    a.statusBar.resumeFollowing();
    assert.match(await followed(session), session, says());
    await vscode.debug.stopDebugging(running);
    assert.match(await followed(newTerminals), newTerminals, says());
  });

  it('a shell task and a process task get the chosen profile; tasks.json options.env gets the same findings on its line', async () => {
    await vscode.commands.executeCommand('awsCredentialsDoctor.switchProfile', 'dev');
    const outFile = (kind: string) => path.join(WORKSPACE().uri.fsPath, `task-out-${kind}.txt`);
    const script = (kind: string) => `printf '%s|%s' "$AWS_PROFILE" "\${AWS_SESSION_TOKEN-unset}" > ${outFile(kind)}`;
    fs.writeFileSync(
      TASKS(),
      JSON.stringify(
        {
          version: '2.0.0',
          tasks: [
            { label: 'print profile', type: 'shell', command: script('shell') },
            { label: 'print profile (process)', type: 'process', command: '/bin/sh', args: ['-c', script('process')] },
            { label: 'deploy', type: 'shell', command: 'true', options: { env: { AWS_PROFILE: 'nope' } } },
          ],
        },
        null,
        2,
      ),
    );
    // VS Code reads the new tasks.json on its file event: asked again until it has.
    let tasks: vscode.Task[] = [];
    const names = ['print profile', 'print profile (process)'];
    for (let i = 0; i < 100 && tasks.length < 2; i++) {
      tasks = (await vscode.tasks.fetchTasks()).filter((t) => names.includes(t.name));
      if (tasks.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepStrictEqual(tasks.map((t) => t.name).sort(), names, 'the tasks of tasks.json');
    for (const task of tasks) {
      const ended = new Promise<void>((resolve) => {
        const sub = vscode.tasks.onDidEndTaskProcess((e) => {
          if (e.execution.task.name === task.name) {
            sub.dispose();
            resolve();
          }
        });
      });
      await vscode.tasks.executeTask(task);
      await ended;
    }
    // The environment variable collection reaches both tasks' terminals: the profile, and the token unset (empty).
    assert.deepStrictEqual(
      ['shell', 'process'].map((k) => fs.readFileSync(outFile(k), 'utf8')),
      ['dev|', 'dev|'],
    );
    for (const k of ['shell', 'process']) fs.rmSync(outFile(k), { force: true });
    const uri = vscode.Uri.file(TASKS());
    await waitForDiagnostics(
      () => ours(uri).some((d) => codeOf(d) === 'PROFILE_NOT_FOUND'),
      'PROFILE_NOT_FOUND in tasks.json',
    );
    const d = ours(uri).find((x) => codeOf(x) === 'PROFILE_NOT_FOUND')!;
    assert.match(fs.readFileSync(TASKS(), 'utf8').split('\n')[d.range.start.line], /"AWS_PROFILE": "nope"/);
    const fixes = await quickFixes(uri, d);
    assert.ok(
      fixes.some((f) => f.title === 'Set AWS_PROFILE=dev in .vscode/tasks.json' && f.edit),
      JSON.stringify(fixes.map((f) => [f.title, !!f.edit])),
    );
  });
});
