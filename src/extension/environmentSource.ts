/**
 * The environment layers from VS Code: the extension host's process.env, the user's and (in a
 * trusted workspace) the workspace's `terminal.integrated.env.<platform>`, workspace `.env` files
 * (when enabled and trusted) and the extension's own environment variable collection.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { DoctorSettings } from './settings';
import type { EnvLayers, EnvSnapshot } from './presentation/environment';
import { mergeEnvironment, parseDotEnv } from './presentation/environment';
import { settingsKeyLine } from './settingsKeyLine';
import { readTextFile } from '../nodeHost/fileSystem';

export function terminalEnvSettingKey(): string {
  return process.platform === 'darwin' ? 'osx' : process.platform === 'win32' ? 'windows' : 'linux';
}

/** A settings file the extension can know, and where the settings sit in it. */
interface SettingsFile {
  readonly file: string;
  /** The path of the settings object inside the file: [] for settings.json, ['settings'] for a .code-workspace file. */
  readonly prefix: readonly string[];
}

export class EnvironmentSource {
  constructor(private readonly collection: vscode.EnvironmentVariableCollection) {}

  /** The extension's overrides: a value, or null for a variable it unsets (replaced by ''). */
  overrides(): Map<string, string | null> {
    const out = new Map<string, string | null>();
    this.collection.forEach((name, mutator) => {
      if (mutator.type === vscode.EnvironmentVariableMutatorType.Replace)
        out.set(name, mutator.value === '' ? null : mutator.value);
    });
    return out;
  }

  /**
   * Where `inspect().workspaceValue` comes from: the `.code-workspace` file of a multi-root
   * workspace, or the single folder's `.vscode/settings.json`. The user settings file is not among
   * the files the extension can know (VS Code Profiles, remotes): values from it sit on the
   * environment document instead.
   */
  private workspaceSettings(): SettingsFile | undefined {
    const wsFile = vscode.workspace.workspaceFile;
    if (wsFile) return wsFile.scheme === 'file' ? { file: wsFile.fsPath, prefix: ['settings'] } : undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder?.uri.scheme === 'file'
      ? { file: path.join(folder.uri.fsPath, '.vscode', 'settings.json'), prefix: [] }
      : undefined;
  }

  /** The workspace settings file, when there is one on disk to watch. */
  workspaceSettingsFile(): string | undefined {
    return this.workspaceSettings()?.file;
  }

  dotEnvFiles(): string[] {
    return (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => path.join(f.uri.fsPath, '.env'));
  }

  layers(settings: DoctorSettings): EnvLayers {
    const trusted = vscode.workspace.isTrusted;
    const key = terminalEnvSettingKey();
    const setting = `terminal.integrated.env.${key}`;
    // inspect() says where each value comes from; terminal.integrated.env.* has no folder scope.
    const inspected = vscode.workspace
      .getConfiguration('terminal.integrated.env')
      .inspect<Record<string, string | null>>(key);
    const layer = (
      values: Record<string, string | null> | undefined,
      target: 'global' | 'workspace',
      where: SettingsFile | undefined,
    ) => {
      if (!values || typeof values !== 'object') return [];
      const text = where ? readTextFile(where.file) : undefined;
      if (!where || text === undefined) return [{ values, setting, target }];
      return [
        {
          values,
          setting,
          target,
          file: where.file,
          lineOf: (name: string) => settingsKeyLine(text, [...where.prefix, setting, name]),
        },
      ];
    };
    const settingsLayers = [
      ...layer(inspected?.globalValue, 'global', undefined),
      // Workspace settings could point the tools at other files: only in a trusted workspace.
      ...(trusted ? layer(inspected?.workspaceValue, 'workspace', this.workspaceSettings()) : []),
    ];
    const dotenv =
      trusted && settings.scanDotEnv
        ? this.dotEnvFiles().flatMap((file) => {
            // A regular file only: a FIFO named .env would block the extension host.
            const text = readTextFile(file);
            return text === undefined
              ? []
              : [{ file, entries: parseDotEnv(text).filter((e) => e.name.startsWith('AWS_')) }];
          })
        : [];
    return { process: process.env, settings: settingsLayers, dotenv, overrides: this.overrides() };
  }

  snapshot(settings: DoctorSettings): EnvSnapshot {
    return mergeEnvironment(this.layers(settings));
  }
}
