/**
 * Changing variables: for new integrated terminals (the environment variable collection), for the
 * extension host's own process, and, for unset, at the origin (a settings key, a `.env` line).
 */
import * as vscode from 'vscode';
import type { Doctor } from './doctor';
import type { Log } from './log';
import { EMPTY_IS_NOT_UNSET, unsetGroup } from './presentation/environment';

export class EnvChanges {
  constructor(
    private readonly collection: vscode.EnvironmentVariableCollection,
    private readonly doctor: Doctor,
    private readonly log: Log,
  ) {}

  private describe(): void {
    const parts: string[] = [];
    this.collection.forEach((name, m) => parts.push(m.value === '' ? vscode.l10n.t('unsets {0}', name) : `${name}=${name === 'AWS_PROFILE' || name.endsWith('REGION') ? m.value : '…'}`));
    this.collection.description = parts.length ? new vscode.MarkdownString(vscode.l10n.t('AWS Credentials Doctor: {0}', parts.join(', '))) : undefined;
  }

  /** Sets a variable for new terminals and the extension host (and, with `atOrigin`, where it is set now). */
  async set(name: string, value: string, options: { atOrigin?: boolean } = {}): Promise<void> {
    const origin = options.atOrigin ? this.doctor.state.env.variables.get(name)?.origin : undefined;
    this.collection.replace(name, value);
    process.env[name] = value;
    if (origin?.kind === 'settings') await this.updateSetting(origin.setting, origin.target, name, value);
    if (origin?.kind === 'dotenv') await this.replaceDotEnvValue(origin.file, origin.line, name, value);
    this.describe();
    this.log.info(`${name} set for new terminals and the extension host${origin && origin.kind !== 'process' && origin.kind !== 'extension' ? ' and at its origin' : ''}`);
  }

  /** Unsets a variable (and the ones that only make sense with it) everywhere the extension can reach. */
  async unset(name: string): Promise<string[]> {
    const names = unsetGroup(name).filter((n) => n === name || this.doctor.state.env.variables.has(n) || process.env[n] !== undefined);
    const env = this.doctor.state.env;
    const inherited: string[] = [];
    for (const n of names) {
      const origin = env.variables.get(n)?.origin;
      if (EMPTY_IS_NOT_UNSET.has(n)) {
        // An empty value would be a different setting for botocore: withdraw our own change only.
        this.collection.delete(n);
        if (origin?.kind === 'process') inherited.push(n);
      } else {
        // No "unset" exists for terminals: for these variables an empty value is what every AWS tool treats as unset.
        this.collection.replace(n, '');
      }
      delete process.env[n];
      if (origin?.kind === 'settings') await this.removeSetting(origin.setting, origin.target, n);
      if (origin?.kind === 'dotenv') await this.removeDotEnvLine(origin.file, origin.line);
    }
    this.describe();
    this.log.info(`unset ${names.join(', ')} for new terminals, the extension host and at the origin`);
    this.doctor.refresh();
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} unset for new terminals. Already-open terminals keep their old environment: run "unset {0}" there.', names.join(' ')));
    if (inherited.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} comes from the environment VS Code was started with, and new terminals inherit it: an empty value would not unset it for botocore and the AWS CLI. Remove it from your shell profile and restart VS Code.', inherited.join(', ')));
    }
    return names;
  }

  private async updateSetting(setting: string, target: 'global' | 'workspace', name: string, value: string): Promise<void> {
    const section = setting.slice(0, setting.lastIndexOf('.'));
    const key = setting.slice(setting.lastIndexOf('.') + 1);
    const config = vscode.workspace.getConfiguration(section);
    const inspected = config.inspect<Record<string, string | null>>(key);
    const current = (target === 'global' ? inspected?.globalValue : inspected?.workspaceValue) ?? {};
    await config.update(key, { ...current, [name]: value }, target === 'global' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace);
  }

  /** Rewrites the value on one `.env` line, keeping `export`, the spacing and the quotes. */
  private async replaceDotEnvValue(file: string, line: number, name: string, value: string): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    if (line < 1 || line > doc.lineCount) return;
    const text = doc.lineAt(line - 1).text;
    const m = new RegExp(`^(\\s*(?:export\\s+)?${name}\\s*=\\s*)(['"\`]?)([^'"\`#]*?)(\\2)(\\s*(?:#.*)?)$`).exec(text);
    if (!m) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(line - 1, m[1].length + m[2].length, line - 1, m[1].length + m[2].length + m[3].length), value);
    if (await vscode.workspace.applyEdit(edit)) await doc.save();
  }

  private async removeSetting(setting: string, target: 'global' | 'workspace', name: string): Promise<void> {
    const section = setting.slice(0, setting.lastIndexOf('.'));
    const key = setting.slice(setting.lastIndexOf('.') + 1);
    const config = vscode.workspace.getConfiguration(section);
    const inspected = config.inspect<Record<string, string | null>>(key);
    const current = target === 'global' ? inspected?.globalValue : inspected?.workspaceValue;
    if (!current || !(name in current)) return;
    const next = { ...current };
    delete next[name];
    await config.update(key, Object.keys(next).length ? next : undefined, target === 'global' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace);
  }

  private async removeDotEnvLine(file: string, line: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    if (line < 1 || line > doc.lineCount) return;
    const edit = new vscode.WorkspaceEdit();
    const range = line < doc.lineCount ? new vscode.Range(line - 1, 0, line, 0) : doc.lineAt(line - 1).rangeIncludingLineBreak;
    edit.delete(doc.uri, range);
    if (await vscode.workspace.applyEdit(edit)) await doc.save();
  }
}
