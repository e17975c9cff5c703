/**
 * The extension in Restricted Mode, inside a real VS Code extension host (code-server with
 * workspace trust enabled and the folder untrusted; see test/vscode/restrictedSuite.test.ts):
 * workspace settings and `.env` files are ignored, the workspace cannot turn on the host-process
 * switch, and the live check refuses (the runner's loopback STS counts the requests: none).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands } from '../../src/extension/commandIds';
import type { DoctorApi } from '../../src/extension/extension';
import { api } from './helpers';

describe('AWS Credentials Doctor in Restricted Mode', () => {
  let a: DoctorApi;
  const workspace = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

  before(async () => {
    a = await api();
  });

  it('runs in an untrusted workspace, and says so in the tooltip', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    assert.match(
      a.statusBar.model?.tooltip ?? '',
      /Restricted mode: workspace settings and \.env files are not read, and no live check runs\./,
    );
  });

  it('ignores terminal.integrated.env.* from the workspace settings (a variable, another config file)', () => {
    // The workspace settings are there and VS Code knows them...
    assert.ok(fs.existsSync(path.join(workspace(), '.vscode', 'settings.json')));
    const inspected = vscode.workspace
      .getConfiguration('terminal.integrated.env')
      .inspect<Record<string, string>>('linux');
    console.log(
      `    terminal.integrated.env.linux in the untrusted workspace, as inspect() reports it: ${JSON.stringify(inspected?.workspaceValue)}`,
    );
    // ...but not one of their variables reaches the diagnosis.
    const env = a.doctor.last!.env;
    assert.deepStrictEqual(
      [...env.variables.values()].filter((v) => v.origin.kind === 'settings' || v.origin.kind === 'dotenv'),
      [],
    );
    assert.strictEqual(env.variables.get('AWS_CONFIG_FILE'), undefined);
    assert.strictEqual(a.doctor.last!.report.profile.name, 'default');
    assert.ok(
      a.doctor.last!.report.files.every((f) => !f.path.endsWith('evil-config')),
      JSON.stringify(a.doctor.last!.report.files.map((f) => f.path)),
    );
  });

  it('ignores the .env file even though the user turned .env files on', () => {
    assert.strictEqual(a.doctor.last!.settings.scanDotEnv, true, 'the user setting counts');
    assert.ok(fs.existsSync(path.join(workspace(), '.env')));
    assert.strictEqual(a.doctor.last!.env.variables.get('AWS_REGION'), undefined);
    assert.ok(!a.doctor.last!.report.findings.some((f) => f.code.startsWith('REGION_') && f.env === 'AWS_REGION'));
  });

  it('ignores the workspace value of the restricted settings: no host-process switch, no repeated live check', async () => {
    assert.strictEqual(a.doctor.last!.settings.applyToExtensionHost, false);
    assert.strictEqual(a.liveCheckSchedule.currentMinutes, 0);
    const before = JSON.stringify(Object.entries(process.env));
    await vscode.commands.executeCommand(Commands.switchProfile, 'dev');
    assert.strictEqual(
      a.environmentVariableCollection.get('AWS_PROFILE')?.value,
      'dev',
      'new terminals get the switch',
    );
    assert.strictEqual(JSON.stringify(Object.entries(process.env)), before, 'the extension host does not');
  });

  it('refuses the live check, asked for or at start-up', async () => {
    let result: unknown;
    try {
      result = await vscode.commands.executeCommand(Commands.checkIdentity);
    } catch (e) {
      result = e instanceof Error ? e.message : String(e);
    }
    assert.strictEqual(result, undefined);
    assert.strictEqual(a.doctor.last!.live, undefined);
    assert.ok(
      process.env.AWS_ENDPOINT_URL_STS?.startsWith('http://127.0.0.1:'),
      'the runner points STS at its loopback counter',
    );
  });
});
