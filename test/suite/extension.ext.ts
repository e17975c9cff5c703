/**
 * The extension inside a real VS Code extension host, on the fixture home of fixtureHome.ts
 * (HOME and AWS_* passed by the runner): Problems entries on the right lines with the right codes,
 * quick fixes with byte-exact results, profile switching through the environment collection,
 * re-diagnosis on file changes, and every palette command.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { diagnose } from '../../src/engine/diagnose';
import { sha1Hex, sha256Hex } from '../../src/nodeHost/hash';
import { nodeFileSystem } from '../../src/nodeHost/fileSystem';
import { Commands, InternalCommands } from '../../src/extension/commandIds';
import type { DoctorApi } from '../../src/extension/extension';
import { api, codeOf, ours, waitForDiagnostics, waitForDocument, waitForState } from './helpers';
import { FAKE_SECRET, FAKE_SESSION_TOKEN, LINES, LOGIN_SESSION } from './fixtureHome';
import { RECORDED_VERSIONS } from '../support/recordingTools';

const HOME = process.env.HOME!;
const CONFIG = path.join(HOME, '.aws', 'config');
const CREDENTIALS = path.join(HOME, '.aws', 'credentials');
const ENV_DOC = vscode.Uri.parse('aws-credentials-doctor:/environment');
const DUPLICATE_CODES = ['DUPLICATE_SECTION', 'CONFIG_PARSE_ERROR'];

function find(uri: vscode.Uri, code: string, line?: number): vscode.Diagnostic | undefined {
  return ours(uri).find((d) => codeOf(d) === code && (line === undefined || d.range.start.line === line));
}

async function envDocLine(name: string): Promise<number> {
  const doc = await vscode.workspace.openTextDocument(ENV_DOC);
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.startsWith(`${name}=`)) return i;
  throw new Error(`${name} is not listed in the environment document:\n${doc.getText()}`);
}

async function quickFixes(uri: vscode.Uri, line: number): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    new vscode.Range(line, 0, line, 1),
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions ?? [];
}

describe('AWS Credentials Doctor in the extension host', () => {
  let a: DoctorApi;

  before(async () => {
    assert.ok(HOME && fs.existsSync(CREDENTIALS), `fixture home expected at ${HOME}`);
    assert.notStrictEqual(HOME, os.userInfo().homedir, 'never the real home');
    a = await api();
  });

  it('activates on start-up and shows the profile in the status bar', () => {
    assert.strictEqual(a.doctor.last!.report.profile.name, 'default');
    // The environment keys win in the JavaScript SDK; botocore and the AWS CLI fail on the duplicate [dev] section, with profile "default".
    assert.strictEqual(a.statusBar.text, '$(error) default / env keys');
    assert.match(
      a.statusBar.model?.accessibilityLabel ?? '',
      /^AWS profile default for AWS CLI and Python\/boto3, environment keys for JavaScript SDK, error/,
    );
    assert.ok(a.activationMs > 0 && a.activationMs < 2000, `activation took ${a.activationMs} ms`);
    // Activation diagnosed in the worker only: a listener asking for state.diagnosis would diagnose the whole home here.
    assert.strictEqual(a.doctor.diagnosedHere, 0, 'diagnoses on the extension host during activation');
    const p = a.activationPhases;
    console.log(
      `    activate → status bar shown: ${a.activationMs.toFixed(1)} ms; → first diagnosis published: ${p.diagnosed?.toFixed(1)} ms`,
    );
  });

  it("reads the installed tools' versions from their files and runs none of them (a recording aws and python3 first on PATH)", async () => {
    const record = process.env.ACD_TEST_EXEC_RECORD;
    assert.ok(
      record,
      'the runner puts the recording aws and python3 first on PATH (createFixtureHome with recordingTools)',
    );
    await waitForState(a, () => a.doctor.last!.report.toolVersions.from === 'detected', 'the tool versions read');
    const v = a.doctor.last!.report.toolVersions;
    assert.deepStrictEqual(
      [v.awsCli, v.botocore],
      [RECORDED_VERSIONS.awsCli, RECORDED_VERSIONS.botocore],
      `PATH=${process.env.PATH} paths=${JSON.stringify(v.paths)}`,
    );
    // Every command that diagnoses, explains or shows, too: none of them may start a program.
    await vscode.commands.executeCommand(Commands.runDiagnostics);
    await vscode.commands.executeCommand(
      Commands.explainError,
      'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation',
    );
    await vscode.commands.executeCommand(Commands.showReport);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.ok(!fs.existsSync(record), `executed: ${fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : ''}`);
  });

  it('puts the stale AWS_SESSION_TOKEN on its line of the environment document, as an error with a docs link', async () => {
    const line = await envDocLine('AWS_SESSION_TOKEN');
    const d = find(ENV_DOC, 'STALE_SESSION_TOKEN', line);
    assert.ok(d, JSON.stringify(ours(ENV_DOC).map((x) => [codeOf(x), x.range.start.line])));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(d.source, 'AWS Credentials Doctor');
    assert.ok(
      typeof d.code === 'object' && String(d.code.target).endsWith('README.md#stale_session_token'),
      String(typeof d.code === 'object' && d.code.target),
    );
    const text = (await vscode.workspace.openTextDocument(ENV_DOC)).getText();
    assert.ok(
      !text.includes(FAKE_SESSION_TOKEN) && !text.includes(FAKE_SECRET),
      'the environment document shows masked values only',
    );
    assert.match(text, /^AWS_ACCESS_KEY_ID=\*{16}RONE /m);
  });

  it('puts file findings on their lines: [profile x] in credentials and the duplicate section', () => {
    const uri = vscode.Uri.file(CREDENTIALS);
    const prefix = find(uri, 'PROFILE_PREFIX_IN_CREDENTIALS', LINES.profilePrefix - 1);
    assert.ok(prefix, JSON.stringify(ours(uri).map((x) => [codeOf(x), x.range.start.line])));
    assert.strictEqual(prefix.severity, vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual([prefix.range.start.character, prefix.range.end.character], [0, '[profile staging]'.length]);
    const dup = ours(uri).find(
      (x) => DUPLICATE_CODES.includes(codeOf(x)) && x.range.start.line === LINES.duplicateDev - 1,
    );
    assert.ok(dup, JSON.stringify(ours(uri).map((x) => [codeOf(x), x.range.start.line])));
  });

  it('places every file finding of the engine on exactly its file and line', () => {
    const d = diagnose({ env: process.env, fs: nodeFileSystem, now: Date.now(), fallbackHomeDir: HOME });
    const fileFindings = d.findings.filter((f) => f.file && f.line !== null);
    assert.ok(fileFindings.length >= 2);
    for (const f of fileFindings) {
      const diag = find(vscode.Uri.file(f.file!), f.code, f.line! - 1);
      assert.ok(diag, `${f.code} at ${f.file}:${f.line} is missing from Problems`);
    }
  });

  it('settings origin: a token set in terminal.integrated.env.linux sits on that line and the quick fix removes it there', async () => {
    const config = vscode.workspace.getConfiguration('terminal.integrated.env');
    const unsetBefore = a.environmentVariableCollection.get('AWS_SESSION_TOKEN');
    assert.strictEqual(unsetBefore, undefined);
    await config.update(
      'linux',
      { AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEXAMPLE' + 'y'.repeat(40) },
      vscode.ConfigurationTarget.Workspace,
    );
    const settingsFile = vscode.Uri.file(
      path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json'),
    );
    try {
      await waitForDiagnostics(
        () => !!find(settingsFile, 'STALE_SESSION_TOKEN'),
        'STALE_SESSION_TOKEN in settings.json',
      );
      const d = find(settingsFile, 'STALE_SESSION_TOKEN')!;
      const text = fs.readFileSync(settingsFile.fsPath, 'utf8').split('\n');
      assert.match(text[d.range.start.line], /"AWS_SESSION_TOKEN"/);
      assert.strictEqual(find(ENV_DOC, 'STALE_SESSION_TOKEN'), undefined, 'not also on the environment document');
      await vscode.workspace.openTextDocument(settingsFile);
      const fixes = await quickFixes(settingsFile, d.range.start.line);
      const unset = fixes.find(
        (f) => f.command?.arguments?.[0]?.kind === 'unsetEnv' && f.command.arguments[0].name === 'AWS_SESSION_TOKEN',
      );
      assert.ok(unset?.command, JSON.stringify(fixes.map((f) => f.title)));
      assert.match(unset.title, /^Unset .*AWS_SESSION_TOKEN/);
      assert.strictEqual(unset.isPreferred, true);
      assert.strictEqual(unset.kind?.value, 'quickfix');
      await vscode.commands.executeCommand(unset.command.command, ...(unset.command.arguments ?? []));
      assert.strictEqual(
        vscode.workspace.getConfiguration('terminal.integrated.env').inspect('linux')?.workspaceValue,
        undefined,
        'removed at the origin',
      );
      assert.deepStrictEqual(
        a.environmentVariableCollection.get('AWS_SESSION_TOKEN')?.value,
        '',
        'unset for new terminals',
      );
      assert.strictEqual(
        process.env.AWS_SESSION_TOKEN,
        FAKE_SESSION_TOKEN,
        'the extension host keeps its environment (applyToExtensionHost is off)',
      );
      await waitForDiagnostics(
        () => !find(settingsFile, 'STALE_SESSION_TOKEN') && !find(ENV_DOC, 'STALE_SESSION_TOKEN'),
        'the stale token finding gone',
      );
    } finally {
      await config.update('linux', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('.env origin: a misspelt AWS_REGION sits on its .env line and the fix corrects it there, byte-exact', async () => {
    const file = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.env');
    const uri = vscode.Uri.file(file);
    fs.writeFileSync(file, '# local settings\nexport AWS_REGION=eu-wst-1   # typo\nOTHER=1\n');
    const config = vscode.workspace.getConfiguration('awsCredentialsDoctor');
    const regionFinding = () => ours(uri).find((d) => /^REGION_/.test(codeOf(d)) && d.range.start.line === 1);
    try {
      await config.update('dotEnv.enabled', true, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(() => !!regionFinding(), 'the region finding on line 2 of .env');
      await vscode.workspace.openTextDocument(uri);
      const fixes = await quickFixes(uri, 1);
      const set = fixes.find(
        (f) => f.command?.arguments?.[0]?.kind === 'setEnv' && f.command.arguments[0].value === 'eu-west-1',
      );
      assert.ok(set?.command, JSON.stringify(fixes.map((f) => f.title)));
      await vscode.commands.executeCommand(set.command.command, ...(set.command.arguments ?? []));
      assert.strictEqual(
        fs.readFileSync(file, 'utf8'),
        '# local settings\nexport AWS_REGION=eu-west-1   # typo\nOTHER=1\n',
        'only the value changed',
      );
      assert.strictEqual(a.environmentVariableCollection.get('AWS_REGION')?.value, 'eu-west-1');
      await waitForDiagnostics(() => !regionFinding(), 'the region finding gone');
    } finally {
      await config.update('dotEnv.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      a.environmentVariableCollection.delete('AWS_REGION');
      delete process.env.AWS_REGION;
      fs.rmSync(file, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('renames [profile staging] with one quick fix: byte-exact result, CRLF, comment and file mode kept', async () => {
    const uri = vscode.Uri.file(CREDENTIALS);
    const before = fs.readFileSync(CREDENTIALS);
    const modeBefore = fs.statSync(CREDENTIALS).mode & 0o777;
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const fixes = await quickFixes(uri, LINES.profilePrefix - 1);
    const rename = fixes.find((f) => f.title === 'Rename the section header to [staging]');
    assert.ok(rename?.edit, JSON.stringify(fixes.map((f) => f.title)));
    assert.strictEqual(rename.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    assert.ok(await doc.save());
    const expected = Buffer.from(
      before.toString('utf8').replace('\r\n[profile staging]\r\n', '\r\n[staging]\r\n'),
      'utf8',
    );
    assert.ok(fs.readFileSync(CREDENTIALS).equals(expected), 'only the header changed');
    assert.strictEqual(fs.statSync(CREDENTIALS).mode & 0o777, modeBefore, 'mode kept');
    await waitForDiagnostics(
      () => !find(uri, 'PROFILE_PREFIX_IN_CREDENTIALS'),
      'the prefix finding gone after the save',
    );
    // Undoable: one undo restores the original bytes.
    await vscode.commands.executeCommand('undo');
    assert.ok(await doc.save());
    assert.ok(fs.readFileSync(CREDENTIALS).equals(before), 'undo restores the file byte for byte');
    await waitForDiagnostics(
      () => !!find(uri, 'PROFILE_PREFIX_IN_CREDENTIALS', LINES.profilePrefix - 1),
      'the prefix finding back',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('switching profile changes the environment collection, the status bar and the diagnostics', async () => {
    await vscode.commands.executeCommand(Commands.switchProfile, 'sso-dev');
    assert.strictEqual(a.environmentVariableCollection.get('AWS_PROFILE')?.value, 'sso-dev');
    assert.strictEqual(
      a.environmentVariableCollection.get('AWS_PROFILE')?.type,
      vscode.EnvironmentVariableMutatorType.Replace,
    );
    const desc = a.environmentVariableCollection.description;
    assert.match(
      typeof desc === 'string' ? desc : (desc?.value ?? ''),
      /AWS_PROFILE=sso-dev/,
      'the terminal shows why its environment differs',
    );
    assert.strictEqual(process.env.AWS_PROFILE, undefined, 'the extension host keeps its environment');
    assert.strictEqual(a.statusBar.text, '$(error) sso-dev');
    const configUri = vscode.Uri.file(CONFIG);
    // In the [profile sso-dev] section (its header or its sso_session line).
    const inSection = () =>
      ours(configUri).find(
        (d) =>
          codeOf(d) === 'SSO_TOKEN_EXPIRED' &&
          d.range.start.line >= LINES.ssoDevHeader - 1 &&
          d.range.start.line <= LINES.ssoDevHeader + 3,
      );
    await waitForDiagnostics(() => !!inSection(), 'SSO_TOKEN_EXPIRED in [profile sso-dev]');
    assert.strictEqual(inSection()!.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(a.statusBar.model?.background, 'error');
    await vscode.workspace.openTextDocument(configUri);
    const fixes = await quickFixes(configUri, inSection()!.range.start.line);
    const signIn = fixes.find(
      (f) =>
        f.command?.arguments?.[0]?.kind === 'runCommand' &&
        f.command.arguments[0].command === 'aws sso login --profile sso-dev',
    );
    assert.ok(signIn, JSON.stringify(fixes.map((f) => f.title)));
    assert.strictEqual(signIn.isPreferred, true);

    // `aws sso login` writes a fresh token into the SSO cache: picked up without any command.
    const tokenFile = path.join(HOME, '.aws', 'sso', 'cache', `${sha1Hex('corp')}.json`);
    const expired = fs.readFileSync(tokenFile);
    fs.writeFileSync(
      tokenFile,
      JSON.stringify({
        ...JSON.parse(expired.toString('utf8')),
        accessToken: 'fake-fresh-access-token',
        expiresAt: new Date(Date.now() + 8 * 3600_000 + 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      }),
    );
    try {
      await waitForDiagnostics(() => !inSection(), 'SSO_TOKEN_EXPIRED gone once the new token lands');
      const fresh = a.doctor.last!.report.profiles.find((p) => p.name === 'sso-dev')?.ssoTokenExpiresAt;
      assert.ok(fresh && Date.parse(fresh) > Date.now() + 8 * 3600_000, `the new expiry is read: ${fresh}`);
    } finally {
      fs.writeFileSync(tokenFile, expired);
    }
    await waitForDiagnostics(() => !!inSection(), 'SSO_TOKEN_EXPIRED back with the expired token');

    await vscode.commands.executeCommand(Commands.switchProfile, 'dev');
    assert.strictEqual(a.environmentVariableCollection.get('AWS_PROFILE')?.value, 'dev');
    assert.match(a.statusBar.text, /^\$\(error\) dev · 3h$/);
  });

  it('a profile name with ESC, BEL and a bidi override is shown escaped: in the switch notification and the status bar', async () => {
    const evil = 'evil\x1b]0;pwned\x07\u202e';
    const before = a.environmentVariableCollection.get('AWS_PROFILE')?.value;
    const from = a.notifications.shown.length;
    await vscode.commands.executeCommand(Commands.switchProfile, evil);
    try {
      assert.strictEqual(
        a.environmentVariableCollection.get('AWS_PROFILE')?.value,
        evil,
        'the variable itself is the name as chosen',
      );
      const shown = a.notifications.shown.slice(from);
      // One notification, the most important: the environment keys the fixture exports win in the AWS CLI and boto3.
      assert.deepStrictEqual(
        shown.map((n) => n.message),
        [
          'New terminals use AWS profile "evil\\x1b]0;pwned\\x07\\u202e", but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment win in the AWS CLI and boto3.',
        ],
      );
      assert.ok(
        shown.every((n) => !/[\x00-\x1f\u202e]/.test(n.message)),
        JSON.stringify(shown),
      );
      assert.match(a.statusBar.text, /^\$\((?:cloud|warning|error)\) .*evil\\x1b\]0;pwned\\x07\\u202e/);
      const tooltip = a.statusBar.model?.tooltip ?? '';
      assert.ok(
        tooltip.includes('evil\\\\x1b\\]0;pwned\\\\x07\\\\u202e') && !/[\x1b\x07\u202e]/.test(tooltip),
        tooltip,
      );
    } finally {
      if (before !== undefined) await vscode.commands.executeCommand(Commands.switchProfile, before);
    }
  });

  it('an aws login profile: LOGIN_NOT_SIGNED_IN with an aws login fix, its session in the picker and the tooltip; signing in clears it without a command', async () => {
    await vscode.commands.executeCommand(Commands.switchProfile, 'console');
    const configUri = vscode.Uri.file(CONFIG);
    const notSignedIn = () => find(configUri, 'LOGIN_NOT_SIGNED_IN', LINES.consoleLoginSession - 1);
    await waitForDiagnostics(() => !!notSignedIn(), 'LOGIN_NOT_SIGNED_IN on login_session of [profile console]');
    assert.strictEqual(notSignedIn()!.severity, vscode.DiagnosticSeverity.Error);
    await vscode.workspace.openTextDocument(configUri);
    const fixes = await quickFixes(configUri, LINES.consoleLoginSession - 1);
    const signIn = fixes.find((f) => f.command?.arguments?.[0]?.kind === 'runCommand' && f.command.arguments[0].signIn);
    assert.deepStrictEqual(
      signIn?.command?.arguments?.[0],
      { kind: 'runCommand', command: 'aws login --profile console', signIn: { kind: 'login', profile: 'console' } },
      JSON.stringify(fixes.map((f) => f.title)),
    );
    assert.strictEqual(signIn.title, 'Sign in: aws login --profile console');
    assert.strictEqual(signIn.isPreferred, true);
    const summary = () => a.doctor.last!.report.profiles.find((p) => p.name === 'console');
    assert.deepStrictEqual(
      [summary()?.kind, summary()?.loginSession, summary()?.loginTokenExpiresAt],
      ['login', LOGIN_SESSION, null],
    );
    assert.match(
      a.statusBar.model?.tooltip ?? '',
      /Signs in with aws login as `doctor-test · 111122223333`: not signed in on this machine \(aws login --profile console\)\./,
    );

    // `aws login` writes its token into ~/.aws/login/cache (neither the folder nor the file exist yet): picked up without any command.
    const dir = path.join(HOME, '.aws', 'login');
    const expiresAt = new Date(Date.now() + 14 * 60_000 + 30_000).toISOString().replace(/\.\d+Z$/, 'Z');
    fs.mkdirSync(path.join(dir, 'cache'), { recursive: true, mode: 0o700 });
    const tokenFile = path.join(dir, 'cache', `${sha256Hex(LOGIN_SESSION)}.json`);
    fs.writeFileSync(
      tokenFile,
      JSON.stringify({
        accessToken: {
          accessKeyId: 'ASIAFAKELOGINDOCTOR1',
          secretAccessKey: FAKE_SECRET,
          sessionToken: FAKE_SESSION_TOKEN,
          accountId: '111122223333',
          expiresAt,
        },
        tokenType: 'aws_sigv4',
        clientId: 'arn:aws:signin:::devtools/same-device',
        refreshToken: 'fake-refresh-token',
        idToken: 'fake-id-token',
        dpopKey: '-----BEGIN EC PRIVATE KEY-----\nfake\n-----END EC PRIVATE KEY-----\n',
      }),
      { mode: 0o600 },
    );
    try {
      await waitForDiagnostics(() => !notSignedIn(), 'LOGIN_NOT_SIGNED_IN gone once the token lands');
      assert.strictEqual(summary()?.loginTokenExpiresAt, new Date(expiresAt).toISOString());
      assert.match(
        a.statusBar.model?.tooltip ?? '',
        /Signed in with aws login as `doctor-test · 111122223333`; the key is refreshed automatically \(valid 1[34]m more\)\./,
      );
      assert.ok(
        !ours(configUri).some((d) => codeOf(d).startsWith('LOGIN_')),
        JSON.stringify(ours(configUri).map((d) => codeOf(d))),
      );
    } finally {
      fs.rmSync(tokenFile, { force: true });
    }
    // Without the token file (signed out, cache cleared) the finding is back, again without a command.
    await waitForDiagnostics(() => !!notSignedIn(), 'LOGIN_NOT_SIGNED_IN back once the token file is gone');
    fs.rmSync(dir, { recursive: true, force: true });
    await vscode.commands.executeCommand(Commands.switchProfile, 'dev');
  });

  it('a profile switch leaves process.env byte for byte as it was; with applyToExtensionHost it changes AWS_PROFILE and nothing else', async () => {
    const snapshot = () => JSON.stringify(Object.entries(process.env));
    const config = vscode.workspace.getConfiguration('awsCredentialsDoctor');
    const before = snapshot();
    await vscode.commands.executeCommand(Commands.switchProfile, 'default');
    await vscode.commands.executeCommand(Commands.switchProfile, 'dev');
    assert.strictEqual(
      a.environmentVariableCollection.get('AWS_PROFILE')?.value,
      'dev',
      'new terminals get the switch',
    );
    assert.strictEqual(snapshot(), before, 'the setting is off: the extension host is untouched');
    try {
      await config.update('applyToExtensionHost', true, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand(Commands.switchProfile, 'sso-dev');
      // As documented: AWS_PROFILE (absent at start) is added with the profile; every other variable keeps its value and place.
      assert.strictEqual(
        snapshot(),
        JSON.stringify([...(JSON.parse(before) as [string, string][]), ['AWS_PROFILE', 'sso-dev']]),
      );
      // "Use the shell's profile" withdraws the change everywhere, byte for byte.
      await a.switcher.useShellProfile();
      assert.strictEqual(snapshot(), before);
      assert.strictEqual(a.environmentVariableCollection.get('AWS_PROFILE'), undefined);
      assert.strictEqual(a.switcher.remembered, undefined);
    } finally {
      await config.update('applyToExtensionHost', undefined, vscode.ConfigurationTarget.Global);
    }
    await vscode.commands.executeCommand(Commands.switchProfile, 'dev');
    assert.strictEqual(snapshot(), before);
    assert.strictEqual(a.switcher.remembered, 'dev', 'remembered for this workspace');
  });

  it('at start-up applies only the profile chosen in this workspace (a switch or a fix that set AWS_PROFILE), for new terminals, and withdraws a leftover', async () => {
    const before = JSON.stringify(Object.entries(process.env));
    a.environmentVariableCollection.delete('AWS_PROFILE');
    const plan = a.switcher.restore();
    // The runner starts VS Code without AWS_PROFILE: nothing to tell.
    assert.deepStrictEqual(plan, { apply: 'dev', withdraw: false, tell: undefined });
    assert.strictEqual(a.environmentVariableCollection.get('AWS_PROFILE')?.value, 'dev');
    assert.strictEqual(JSON.stringify(Object.entries(process.env)), before);
    // An AWS_PROFILE of ours without a choice made in this workspace (an older version's global memory) is withdrawn.
    await a.switcher.useShellProfile();
    a.environmentVariableCollection.replace('AWS_PROFILE', 'left-over');
    assert.deepStrictEqual(a.switcher.restore(), { withdraw: true });
    assert.strictEqual(a.environmentVariableCollection.get('AWS_PROFILE'), undefined);
    // A fix that sets AWS_PROFILE is a choice made here, remembered; unsetting it forgets it.
    await vscode.commands.executeCommand(InternalCommands.applyFix, {
      kind: 'setEnv',
      name: 'AWS_PROFILE',
      value: 'staging',
    });
    assert.strictEqual(a.switcher.remembered, 'staging');
    await vscode.commands.executeCommand(InternalCommands.applyFix, { kind: 'unsetEnv', name: 'AWS_PROFILE' });
    assert.strictEqual(a.switcher.remembered, undefined);
    assert.strictEqual(a.environmentVariableCollection.get('AWS_PROFILE'), undefined);
    assert.deepStrictEqual(a.switcher.restore(), { withdraw: false });
    await vscode.commands.executeCommand(Commands.switchProfile, 'dev');
    assert.strictEqual(JSON.stringify(Object.entries(process.env)), before);
  });

  it('places a variable from the user settings on the environment document (its file is not guessed)', async () => {
    const config = vscode.workspace.getConfiguration('terminal.integrated.env');
    const regionFinding = (line: number) =>
      ours(ENV_DOC).find((d) => /^REGION_/.test(codeOf(d)) && d.range.start.line === line);
    try {
      await config.update('linux', { AWS_REGION: 'eu-wst-1' }, vscode.ConfigurationTarget.Global);
      await waitForState(
        a,
        () => a.doctor.last!.env.variables.get('AWS_REGION')?.value === 'eu-wst-1',
        'the user setting read',
      );
      const origin = a.doctor.last!.env.variables.get('AWS_REGION')?.origin;
      assert.deepStrictEqual(origin, {
        kind: 'settings',
        setting: 'terminal.integrated.env.linux',
        target: 'global',
        file: undefined,
        line: undefined,
      });
      const envDoc = await vscode.workspace.openTextDocument(ENV_DOC);
      await waitForDocument(
        envDoc,
        () => envDoc.getText().includes('\nAWS_REGION='),
        'AWS_REGION listed in the environment document',
      );
      const line = await envDocLine('AWS_REGION');
      await waitForDiagnostics(() => !!regionFinding(line), 'the region finding on the environment document');
      assert.match(
        (await vscode.workspace.openTextDocument(ENV_DOC)).lineAt(line).text,
        /terminal\.integrated\.env\.linux \(user settings\)$/,
      );
      assert.ok(
        !vscode.languages
          .getDiagnostics()
          .some(
            ([uri, ds]) =>
              uri.scheme !== 'file' &&
              uri.scheme !== ENV_DOC.scheme &&
              ds.some((d) => d.source === 'AWS Credentials Doctor'),
          ),
        'nothing on a guessed settings file',
      );
    } finally {
      await config.update('linux', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForState(a, () => !a.doctor.last!.env.variables.has('AWS_REGION'), 'the user setting gone');
  });

  it('re-reads liveCheck.intervalMinutes when it changes, without a reload', async () => {
    const config = vscode.workspace.getConfiguration('awsCredentialsDoctor');
    assert.strictEqual(a.liveCheckSchedule.currentMinutes, 0);
    try {
      await config.update('liveCheck.intervalMinutes', 240, vscode.ConfigurationTarget.Global);
      assert.strictEqual(a.liveCheckSchedule.currentMinutes, 240);
    } finally {
      await config.update('liveCheck.intervalMinutes', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.strictEqual(a.liveCheckSchedule.currentMinutes, 0);
  });

  it('re-diagnoses when a watched file changes on disk', async () => {
    const uri = vscode.Uri.file(CREDENTIALS);
    const original = fs.readFileSync(CREDENTIALS);
    const lines = original.toString('utf8').split('\r\n').length;
    // The worker in step with the disk first: then the change below is the only one it can see.
    await a.whenIdle();
    await a.doctor.refreshInBackground();
    const diagnosedHere = a.doctor.diagnosedHere;
    const parsed = a.doctor.parseMisses;
    fs.appendFileSync(CREDENTIALS, '\r\n[profile extra]\r\naws_access_key_id = AKIAFAKEKEYDOCTORTWO\r\n');
    try {
      await waitForDiagnostics(
        () => ours(uri).filter((d) => codeOf(d) === 'PROFILE_PREFIX_IN_CREDENTIALS').length === 2,
        'a second prefix finding',
        5_000,
      );
      assert.ok(find(uri, 'PROFILE_PREFIX_IN_CREDENTIALS', lines), 'on the appended header line');
      await a.whenIdle();
      // Re-diagnosed in the worker, and publishing it diagnosed nothing here; only the changed file was parsed again.
      assert.strictEqual(
        a.doctor.diagnosedHere - diagnosedHere,
        0,
        'diagnoses on the extension host after a file change',
      );
      assert.strictEqual(a.doctor.parseMisses - parsed, 1, 'files parsed again after a change to one');
      // An expiry change moves the status bar text.
      fs.writeFileSync(
        CREDENTIALS,
        original
          .toString('utf8')
          .replace(
            /x_security_token_expires = [^\r]+/,
            `x_security_token_expires = ${new Date(Date.now() + 42 * 60_000 + 30_000).toISOString()}`,
          ),
      );
      await waitForState(
        a,
        () => /^\$\((?:cloud|warning|error)\) dev · 42m$/.test(a.statusBar.text),
        'the status bar to show 42m',
        5_000,
      );
      assert.strictEqual(
        a.statusBar.model?.background === 'none' ||
          a.statusBar.model?.background === 'error' ||
          a.statusBar.model?.background === 'warning',
        true,
      );
    } finally {
      fs.writeFileSync(CREDENTIALS, original);
    }
    await waitForState(
      a,
      () => /^\$\((?:cloud|warning|error)\) dev · 3h$/.test(a.statusBar.text),
      'the status bar back to 3h',
      5_000,
    );
  });

  it('a re-diagnosis that finds the same problems publishes nothing: Problems keeps its entries (and a quick-fix menu open on one keeps working)', async () => {
    await a.whenIdle();
    assert.ok(
      find(vscode.Uri.file(CREDENTIALS), 'PROFILE_PREFIX_IN_CREDENTIALS'),
      'an entry that a publication would build again',
    );
    const watched = new Set([ENV_DOC, vscode.Uri.file(CREDENTIALS), vscode.Uri.file(CONFIG)].map((u) => u.toString()));
    const changed: string[] = [];
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      for (const u of e.uris) if (watched.has(u.toString())) changed.push(u.toString());
    });
    // A fence: a change of this test's own collection; its event comes after any the refreshes caused.
    const fence = vscode.languages.createDiagnosticCollection('fence');
    const fenceUri = vscode.Uri.parse('untitled:fence');
    try {
      // As the status bar's timer, the tool versions detected after start-up and Run Diagnostics do.
      await a.doctor.refreshInBackground();
      await vscode.commands.executeCommand(Commands.runDiagnostics);
      const fenced = new Promise<void>((resolve) => {
        const s = vscode.languages.onDidChangeDiagnostics((e) => {
          if (e.uris.some((u) => u.toString() === fenceUri.toString())) {
            s.dispose();
            resolve();
          }
        });
      });
      fence.set(fenceUri, [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), 'fence')]);
      await fenced;
      assert.deepStrictEqual(changed, [], 'no diagnostics published again');
    } finally {
      sub.dispose();
      fence.dispose();
    }
  });

  it('chmods a world-readable credentials file to 0600 with one quick fix, leaving its bytes alone', async () => {
    const uri = vscode.Uri.file(CREDENTIALS);
    const bytes = fs.readFileSync(CREDENTIALS);
    fs.chmodSync(CREDENTIALS, 0o644);
    try {
      await vscode.commands.executeCommand(Commands.runDiagnostics);
      const d = find(uri, 'CREDENTIALS_FILE_PERMISSIONS', 0);
      assert.ok(d, JSON.stringify(ours(uri).map((x) => [codeOf(x), x.range.start.line])));
      await vscode.workspace.openTextDocument(uri);
      const fixes = await quickFixes(uri, 0);
      const chmod = fixes.find((f) => f.command?.arguments?.[0]?.kind === 'chmod');
      assert.ok(chmod?.command, JSON.stringify(fixes.map((f) => f.title)));
      await vscode.commands.executeCommand(chmod.command.command, ...(chmod.command.arguments ?? []));
      assert.strictEqual(fs.statSync(CREDENTIALS).mode & 0o777, 0o600);
      assert.ok(fs.readFileSync(CREDENTIALS).equals(bytes));
      await waitForDiagnostics(() => !find(uri, 'CREDENTIALS_FILE_PERMISSIONS'), 'the permissions finding gone');
    } finally {
      fs.chmodSync(CREDENTIALS, 0o600);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('removes a byte order mark from the config file with one quick fix: every other byte and the mode kept', async () => {
    const uri = vscode.Uri.file(CONFIG);
    const original = fs.readFileSync(CONFIG);
    const mode = fs.statSync(CONFIG).mode & 0o777;
    fs.writeFileSync(CONFIG, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), original]));
    try {
      await vscode.commands.executeCommand(Commands.runDiagnostics);
      await waitForDiagnostics(() => !!find(uri, 'BYTE_ORDER_MARK', 0), 'the byte order mark found');
      await vscode.workspace.openTextDocument(uri);
      const fixes = await quickFixes(uri, 0);
      const fix = fixes.find((f) => f.command?.arguments?.[0]?.kind === 'removeBom');
      assert.ok(fix?.command, JSON.stringify(fixes.map((f) => f.title)));
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.ok(fs.readFileSync(CONFIG).equals(original), 'the file is the original without its first three bytes');
      assert.strictEqual(fs.statSync(CONFIG).mode & 0o777, mode);
      await waitForDiagnostics(() => !find(uri, 'BYTE_ORDER_MARK'), 'the byte order mark finding gone');
    } finally {
      fs.writeFileSync(CONFIG, original);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('a text fix on a document with unsaved changes is applied to the document, left unsaved, and computed against its current text', async () => {
    const uri = vscode.Uri.file(CREDENTIALS);
    const before = fs.readFileSync(CREDENTIALS);
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitForDocument(doc, () => doc.getText() === before.toString('utf8'), 'the credentials file as on disk');
    await vscode.window.showTextDocument(doc);
    try {
      // The user's own unsaved edit: a line added at the top, which moves [profile staging] down one line.
      const mine = new vscode.WorkspaceEdit();
      mine.insert(uri, new vscode.Position(0, 0), '# my unsaved note\r\n');
      assert.ok(await vscode.workspace.applyEdit(mine));
      assert.ok(doc.isDirty);
      const stale = await vscode.commands.executeCommand(InternalCommands.applyFix, {
        kind: 'replaceText',
        path: CREDENTIALS,
        line: LINES.profilePrefix,
        column: 1,
        endColumn: 18,
        text: '[staging]',
      });
      assert.strictEqual(stale, 'stale', 'line 11 is no longer the header in the current text: nothing changed');
      const fixed = await vscode.commands.executeCommand(InternalCommands.applyFix, {
        kind: 'replaceText',
        path: CREDENTIALS,
        line: LINES.profilePrefix + 1,
        column: 1,
        endColumn: 18,
        text: '[staging]',
      });
      assert.strictEqual(fixed, 'unsaved');
      assert.ok(doc.isDirty, "still unsaved: the fix never saves the user's other edits");
      assert.ok(fs.readFileSync(CREDENTIALS).equals(before), 'the disk is untouched');
      assert.strictEqual(
        doc.getText(),
        '# my unsaved note\r\n' + before.toString('utf8').replace('\r\n[profile staging]\r\n', '\r\n[staging]\r\n'),
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    assert.ok(fs.readFileSync(CREDENTIALS).equals(before));
    // On a document without unsaved changes the same fix is saved, byte-exact, mode kept.
    const mode = fs.statSync(CREDENTIALS).mode & 0o777;
    const clean = await vscode.workspace.openTextDocument(uri);
    try {
      await waitForDocument(clean, () => !clean.isDirty && clean.getText() === before.toString('utf8'), 'reverted');
      const saved = await vscode.commands.executeCommand(InternalCommands.applyFix, {
        kind: 'replaceText',
        path: CREDENTIALS,
        line: LINES.profilePrefix,
        column: 1,
        endColumn: 18,
        text: '[staging]',
      });
      assert.strictEqual(saved, 'saved');
      assert.ok(
        fs
          .readFileSync(CREDENTIALS)
          .equals(
            Buffer.from(before.toString('utf8').replace('\r\n[profile staging]\r\n', '\r\n[staging]\r\n'), 'utf8'),
          ),
      );
      assert.strictEqual(fs.statSync(CREDENTIALS).mode & 0o777, mode);
    } finally {
      fs.writeFileSync(CREDENTIALS, before);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    await waitForDiagnostics(
      () => !!find(uri, 'PROFILE_PREFIX_IN_CREDENTIALS', LINES.profilePrefix - 1),
      'the prefix finding back',
    );
  });

  it('a .env fix on a document with unsaved changes finds its line in the current text and leaves the document unsaved', async () => {
    const file = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.env');
    const uri = vscode.Uri.file(file);
    const original = '# local settings\nexport AWS_REGION=eu-wst-1   # typo\nOTHER=1\n';
    fs.writeFileSync(file, original);
    const config = vscode.workspace.getConfiguration('awsCredentialsDoctor');
    try {
      await config.update('dotEnv.enabled', true, vscode.ConfigurationTarget.Workspace);
      await waitForState(
        a,
        () => a.doctor.last!.env.variables.get('AWS_REGION')?.origin.kind === 'dotenv',
        'the .env file read',
      );
      const doc = await vscode.workspace.openTextDocument(uri);
      await waitForDocument(doc, () => doc.getText() === original, 'the .env file as on disk');
      await vscode.window.showTextDocument(doc);
      const mine = new vscode.WorkspaceEdit();
      mine.insert(uri, new vscode.Position(0, 0), 'MINE=unsaved\n');
      assert.ok(await vscode.workspace.applyEdit(mine));
      const outcome = await vscode.commands.executeCommand(InternalCommands.applyFix, {
        kind: 'setEnv',
        name: 'AWS_REGION',
        value: 'eu-west-1',
      });
      assert.strictEqual(outcome, 'applied');
      assert.strictEqual(fs.readFileSync(file, 'utf8'), original, 'the disk is untouched');
      assert.ok(doc.isDirty);
      assert.strictEqual(
        doc.getText(),
        'MINE=unsaved\n# local settings\nexport AWS_REGION=eu-west-1   # typo\nOTHER=1\n',
        'the value changed on the line that sets it now',
      );
      await vscode.commands.executeCommand('workbench.action.files.revert');
      // The file removed meanwhile: a message, no crash, nothing recreated.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(file);
      await vscode.commands.executeCommand(InternalCommands.applyFix, {
        kind: 'setEnv',
        name: 'AWS_REGION',
        value: 'eu-west-1',
      });
      assert.ok(!fs.existsSync(file), 'not recreated');
    } finally {
      await config.update('dotEnv.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      a.environmentVariableCollection.delete('AWS_REGION');
      fs.rmSync(file, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('file fixes on a removed file answer "missing" and change nothing', async () => {
    const gone = path.join(path.dirname(HOME), 'no-such-dir', 'credentials');
    for (const action of [
      { kind: 'chmod', path: gone, mode: 0o600 },
      { kind: 'removeBom', path: gone },
      { kind: 'deleteLine', path: gone, line: 1 },
      { kind: 'replaceText', path: gone, line: 1, column: 1, endColumn: 2, text: 'x' },
    ]) {
      assert.strictEqual(
        await vscode.commands.executeCommand(InternalCommands.applyFix, action),
        'missing',
        action.kind,
      );
    }
    assert.ok(!fs.existsSync(path.dirname(gone)));
  });

  it('file fixes on a path that is a link to a FIFO or a FIFO itself when applied answer "notAFile" and change nothing (re-checked, not taken from the diagnosis)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-notafile-'));
    try {
      // A FIFO of our own stands for /dev/null or a device: chmod on it harms nothing if the check failed.
      const fifo = path.join(dir, 'fifo');
      assert.strictEqual(spawnSync('mkfifo', ['-m', '644', fifo]).status, 0);
      const link = path.join(dir, 'credentials');
      fs.symlinkSync(fifo, link);
      for (const target of [link, fifo]) {
        for (const action of [
          { kind: 'chmod', path: target, mode: 0o600 },
          { kind: 'removeBom', path: target },
          { kind: 'deleteLine', path: target, line: 1 },
          { kind: 'replaceText', path: target, line: 1, column: 1, endColumn: 2, text: 'x' },
        ]) {
          assert.strictEqual(
            await vscode.commands.executeCommand(InternalCommands.applyFix, action),
            'notAFile',
            `${action.kind} on ${target}`,
          );
        }
      }
      assert.strictEqual(fs.statSync(fifo).mode & 0o777, 0o644);
      assert.ok(fs.lstatSync(link).isSymbolicLink());
      assert.ok(
        a.notifications.shown.some(
          (n) =>
            n.message ===
            `${link} is not a regular file now (a symbolic link to a named pipe (FIFO) (${fifo})): nothing was changed.`,
        ),
        JSON.stringify(a.notifications.shown.slice(-4)),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the byte order mark fix refuses a document with unsaved changes, and follows the file once they are reverted', async () => {
    const uri = vscode.Uri.file(CONFIG);
    const original = fs.readFileSync(CONFIG);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), original]);
    fs.writeFileSync(CONFIG, withBom);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      // TextDocument.encoding is VS Code 1.100's; on older versions the text is what can be waited for.
      const encodingOf = () => (doc as { readonly encoding?: string }).encoding;
      const knowsEncoding = encodingOf() !== undefined;
      await waitForDocument(
        doc,
        () => (!knowsEncoding || encodingOf() === 'utf8bom') && doc.getText() === original.toString('utf8'),
        'the config file with its byte order mark',
      );
      await vscode.window.showTextDocument(doc);
      const mine = new vscode.WorkspaceEdit();
      mine.insert(uri, new vscode.Position(0, 0), '# unsaved\n');
      assert.ok(await vscode.workspace.applyEdit(mine));
      assert.strictEqual(
        await vscode.commands.executeCommand(InternalCommands.applyFix, { kind: 'removeBom', path: CONFIG }),
        'refused',
      );
      assert.ok(fs.readFileSync(CONFIG).equals(withBom), 'the disk is untouched');
      assert.ok(doc.isDirty && doc.getText().startsWith('# unsaved\n'), "the user's edit is kept");
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.ok(!doc.isDirty);
      const changed =
        knowsEncoding &&
        new Promise<void>((resolve) => {
          const sub = vscode.workspace.onDidChangeTextDocument((e) => {
            if (e.document === doc && encodingOf() === 'utf8') {
              sub.dispose();
              resolve();
            }
          });
        });
      assert.strictEqual(
        await vscode.commands.executeCommand(InternalCommands.applyFix, { kind: 'removeBom', path: CONFIG }),
        'saved',
      );
      assert.ok(fs.readFileSync(CONFIG).equals(original));
      // The open editor follows the file: its next save writes no byte order mark back. Before
      // VS Code 1.100 the reload (same text, new encoding) fires no event to wait for: the test
      // reloads the unmodified editor itself.
      if (changed) await changed;
      else await vscode.commands.executeCommand('workbench.action.files.revert');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), '#\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await doc.save());
      assert.ok(
        fs.readFileSync(CONFIG).equals(Buffer.concat([Buffer.from('#\n'), original])),
        'saved without a byte order mark',
      );
    } finally {
      fs.writeFileSync(CONFIG, original);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('Explain Error uses the selection without asking', async () => {
    const error =
      'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.';
    const doc = await vscode.workspace.openTextDocument({ content: `$ aws sts get-caller-identity\n${error}\n$ ` });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, error.length);
    const explained = await vscode.commands.executeCommand<string>(Commands.explainError);
    assert.match(explained, /InvalidClientTokenId/);
    assert.strictEqual(vscode.window.activeTextEditor?.document.languageId, 'markdown');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('watches a credentials file whose directory does not exist yet, and picks it up when it is created', async () => {
    const base = fs.mkdtempSync(path.join(path.dirname(HOME), 'later-'));
    const file = path.join(base, 'not', 'yet', 'credentials');
    const uri = vscode.Uri.file(file);
    const config = vscode.workspace.getConfiguration('terminal.integrated.env');
    try {
      await config.update('linux', { AWS_SHARED_CREDENTIALS_FILE: file }, vscode.ConfigurationTarget.Workspace);
      await waitForState(
        a,
        () => a.doctor.last!.diagnosis.nodeView.credentials.path === file,
        'the diagnosis to use the new path',
      );
      // At once: VS Code starts a watcher asynchronously and says nothing when it is ready; a file
      // created before it runs is found by the extension's look again after the watchers moved.
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '[profile late]\naws_access_key_id = AKIAFAKEKEYDOCTORTWO\n', { mode: 0o600 });
      await waitForDiagnostics(
        () => !!find(uri, 'PROFILE_PREFIX_IN_CREDENTIALS', 0),
        'the finding in the file created later',
        10_000,
      );
      // Deleted and re-created: followed too.
      fs.rmSync(file);
      await waitForDiagnostics(
        () => !find(uri, 'PROFILE_PREFIX_IN_CREDENTIALS'),
        'the finding gone with the file',
        10_000,
      );
      fs.writeFileSync(file, '\n[profile again]\n', { mode: 0o600 });
      await waitForDiagnostics(
        () => !!find(uri, 'PROFILE_PREFIX_IN_CREDENTIALS', 1),
        'the finding back with the re-created file',
        10_000,
      );
    } finally {
      await config.update('linux', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(base, { recursive: true, force: true });
    }
    await waitForState(
      a,
      () => a.doctor.last!.diagnosis.nodeView.credentials.path === CREDENTIALS,
      'back to the fixture credentials',
    );
  });

  it('a severity override of "off" hides a code; the setting is restored afterwards', async () => {
    const uri = vscode.Uri.file(CREDENTIALS);
    const config = vscode.workspace.getConfiguration('awsCredentialsDoctor');
    try {
      await config.update(
        'severityOverrides',
        { PROFILE_PREFIX_IN_CREDENTIALS: 'off' },
        vscode.ConfigurationTarget.Global,
      );
      await waitForDiagnostics(() => !find(uri, 'PROFILE_PREFIX_IN_CREDENTIALS'), 'the overridden code hidden');
      await config.update(
        'severityOverrides',
        { PROFILE_PREFIX_IN_CREDENTIALS: 'info' },
        vscode.ConfigurationTarget.Global,
      );
      await waitForDiagnostics(
        () => find(uri, 'PROFILE_PREFIX_IN_CREDENTIALS')?.severity === vscode.DiagnosticSeverity.Information,
        'the code as information',
      );
    } finally {
      await config.update('severityOverrides', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForDiagnostics(
      () => find(uri, 'PROFILE_PREFIX_IN_CREDENTIALS')?.severity === vscode.DiagnosticSeverity.Error,
      'the code back as an error',
    );
  });

  it('runs the palette commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of Object.values(Commands)) assert.ok(all.includes(id), `${id} registered`);
    const report = await vscode.commands.executeCommand<{ profile: { name: string } }>(Commands.runDiagnostics);
    assert.strictEqual(report.profile.name, 'dev');
    const md = await vscode.commands.executeCommand<string>(Commands.showReport);
    assert.ok(md.includes('dev') && !md.includes(FAKE_SECRET) && !md.includes(FAKE_SESSION_TOKEN));
    // A read-only virtual document, not an untitled editor that asks to be saved; each finding's fixes as CodeLens.
    const shownReport = vscode.window.activeTextEditor!.document;
    assert.deepStrictEqual(
      [
        shownReport.languageId,
        shownReport.uri.scheme,
        shownReport.uri.path,
        shownReport.isUntitled,
        shownReport.isDirty,
        shownReport.getText(),
      ],
      ['markdown', 'aws-credentials-doctor', '/AWS Credentials Doctor report.md', false, false, md],
    );
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      shownReport.uri,
    );
    assert.ok(
      lenses.some(
        (l) =>
          l.command?.command === '_awsCredentialsDoctor.applyFix' &&
          /^\$\(wrench\) Rename the section header to \[staging\]$/.test(l.command.title),
      ),
      JSON.stringify(lenses.map((l) => l.command?.title)),
    );
    const explained = await vscode.commands.executeCommand<string>(
      Commands.explainError,
      'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
    );
    assert.ok(typeof explained === 'string' && explained.length > 0);
    await vscode.commands.executeCommand(Commands.openConfigFile);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, CONFIG);
    await vscode.commands.executeCommand(Commands.openCredentialsFile);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, CREDENTIALS);
    await vscode.commands.executeCommand(Commands.showLog);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Check Identity runs the live check in a child process against a loopback STS: account and ARN in the tooltip, process.env byte for byte unchanged, no SDK in the host, live errors counted', async () => {
    // A HAND-WRITTEN FAKE STS GetCallerIdentity on 127.0.0.1 (awsQuery XML): nothing leaves the machine.
    const requests: string[] = [];
    const snapshot = () => JSON.stringify(Object.entries(process.env).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
    /** process.env as this process had it while STS was being called (the server runs here too). */
    const during: string[] = [];
    const confirmed = {
      status: 200,
      body:
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
        '<Arn>arn:aws:iam::123456789012:user/doctor-test</Arn><UserId>AIDAFAKEUSERDOCTOR23</UserId><Account>123456789012</Account>' +
        '</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
    };
    let answer = confirmed;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        requests.push(body);
        during.push(snapshot());
        res.writeHead(answer.status, { 'content-type': 'text/xml', date: new Date().toUTCString() });
        res.end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const saved = process.env.AWS_ENDPOINT_URL_STS;
    process.env.AWS_ENDPOINT_URL_STS = `http://127.0.0.1:${port}`;
    // The live check runs with the environment of the diagnosis it is given: diagnose again first.
    a.doctor.refresh();
    assert.strictEqual(a.doctor.last!.diagnosis.input.env.AWS_ENDPOINT_URL_STS, process.env.AWS_ENDPOINT_URL_STS);
    try {
      const before = snapshot();
      await vscode.commands.executeCommand(Commands.checkIdentity);
      assert.strictEqual(
        snapshot(),
        before,
        "the extension host's process.env is byte for byte the same after a live check",
      );
      assert.ok(during.length > 0 && during.every((x) => x === before), '… and while it runs');
      assert.ok(
        requests.some((b) => /Action=GetCallerIdentity/.test(b)),
        `STS was called on loopback: ${requests.length} requests; live: ${JSON.stringify(a.doctor.last!.live)}; trusted: ${vscode.workspace.isTrusted}`,
      );
      assert.strictEqual(a.doctor.last!.live?.ok, true, JSON.stringify(a.doctor.last!.live));
      assert.match(
        a.statusBar.model?.tooltip ?? '',
        /account 123456789012, `arn:aws:iam::123456789012:user\/doctor-test`/,
      );
      const loaded = Object.keys(require.cache).filter((k) => /@aws-sdk|@smithy|[\\/]dist[\\/]live\.js$/.test(k));
      assert.deepStrictEqual(loaded, [], 'the AWS SDK runs in the child process, never in the extension host');

      // A rejected key: the live error is counted in the report's summary (what Run Diagnostics shows).
      const errorsBefore = a.doctor.last!.report.summary.errors;
      answer = {
        status: 403,
        body: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>0</RequestId></ErrorResponse>',
      };
      await vscode.commands.executeCommand(Commands.checkIdentity);
      assert.strictEqual(
        snapshot(),
        before,
        "the extension host's process.env is byte for byte the same after a failed live check",
      );
      assert.strictEqual(a.doctor.last!.live?.ok, false);
      await vscode.commands.executeCommand(Commands.runDiagnostics);
      assert.ok(
        a.doctor.last!.report.findings.some((f) => f.code === 'LIVE_INVALID_CLIENT_TOKEN'),
        JSON.stringify(a.doctor.last!.report.findings.map((f) => f.code)),
      );
      assert.strictEqual(
        a.doctor.last!.report.summary.errors,
        errorsBefore + 1,
        'Run Diagnostics counts the live error',
      );
    } finally {
      // Leave a confirmed identity behind, not the error, for whatever runs next.
      answer = confirmed;
      await vscode.commands.executeCommand(Commands.checkIdentity);
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
      else process.env.AWS_ENDPOINT_URL_STS = saved;
      server.close();
      a.doctor.refresh();
    }
  });
});
