/**
 * The environment layers from VS Code: the extension host's process.env, the user's and (in a
 * trusted workspace) the workspace's `terminal.integrated.env.<platform>`, workspace `.env` files
 * (when enabled and trusted) and the extension's own environment variable collection.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DoctorSettings } from './settings';
import type { EnvLayers, EnvSnapshot } from './presentation/environment';
import { mergeEnvironment, parseDotEnv, settingsKeyLine } from './presentation/environment';

export function terminalEnvSettingKey(): string {
  return process.platform === 'darwin' ? 'osx' : process.platform === 'win32' ? 'windows' : 'linux';
}

function readText(file: string): string | undefined {
  try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; }
}

export class EnvironmentSource {
  constructor(
    private readonly collection: vscode.EnvironmentVariableCollection,
    /** The user settings file (for placing findings on a `terminal.integrated.env.*` line). */
    private readonly userSettingsFile: string | undefined,
  ) {}

  /** The extension's overrides: a value, or null for a variable it unsets (replaced by ''). */
  overrides(): Map<string, string | null> {
    const out = new Map<string, string | null>();
    this.collection.forEach((name, mutator) => {
      if (mutator.type === vscode.EnvironmentVariableMutatorType.Replace) out.set(name, mutator.value === '' ? null : mutator.value);
    });
    return out;
  }

  /** The workspace settings file, when there is exactly one place for it. */
  workspaceSettingsFile(): string | undefined {
    const wsFile = vscode.workspace.workspaceFile;
    if (wsFile?.scheme === 'file') return wsFile.fsPath;
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder?.uri.scheme === 'file' ? path.join(folder.uri.fsPath, '.vscode', 'settings.json') : undefined;
  }

  dotEnvFiles(): string[] {
    return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => path.join(f.uri.fsPath, '.env'));
  }

  layers(settings: DoctorSettings): EnvLayers {
    const trusted = vscode.workspace.isTrusted;
    const key = terminalEnvSettingKey();
    const setting = `terminal.integrated.env.${key}`;
    const inspected = vscode.workspace.getConfiguration('terminal.integrated.env').inspect<Record<string, string | null>>(key);
    const layer = (values: Record<string, string | null> | undefined, target: 'global' | 'workspace', file: string | undefined) => {
      if (!values || typeof values !== 'object') return [];
      const text = file ? readText(file) : undefined;
      return [{ values, setting, target, file: text !== undefined ? file : undefined, lineOf: (name: string) => (text !== undefined ? settingsKeyLine(text, setting, name) : undefined) }];
    };
    const settingsLayers = [
      ...layer(inspected?.globalValue, 'global', this.userSettingsFile),
      // Workspace settings could point the tools at other files: only in a trusted workspace.
      ...(trusted ? layer(inspected?.workspaceValue, 'workspace', this.workspaceSettingsFile()) : []),
    ];
    const dotenv = trusted && settings.scanDotEnv
      ? this.dotEnvFiles().flatMap((file) => {
        const text = readText(file);
        return text === undefined ? [] : [{ file, entries: parseDotEnv(text).filter((e) => e.name.startsWith('AWS_')) }];
      })
      : [];
    return { process: process.env, settings: settingsLayers, dotenv, overrides: this.overrides() };
  }

  snapshot(settings: DoctorSettings): EnvSnapshot {
    return mergeEnvironment(this.layers(settings));
  }
}
