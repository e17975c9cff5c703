/**
 * Changing variables: for new integrated terminals (the environment variable collection), at the
 * origin (a settings key, a `.env` line) and — only when the user chose it with the setting
 * `awsCredentialsDoctor.applyToExtensionHost` — for the extension host's own process, whose
 * environment every other extension in the window shares.
 */
import * as vscode from 'vscode';
import { sanitize } from '../engine/core/sanitize';
import type { Doctor } from './doctor';
import { editFile, tellEditOutcome } from './documentEdits';
import type { Log } from './log';
import { dotEnvEdit } from './dotEnvEdits';
import { EMPTY_IS_NOT_UNSET, unsetGroup } from './presentation/environment';
import { notify } from './notify';

export class EnvChanges {
  /** Variables this extension changed in the extension host, with the value each had before. */
  private readonly hostBefore = new Map<string, string | undefined>();

  constructor(
    private readonly collection: vscode.EnvironmentVariableCollection,
    private readonly doctor: Doctor,
    private readonly log: Log,
    /** Whether the user chose to apply changes to the extension host too (read at use time). */
    private readonly applyToHost: () => boolean,
  ) {}

  private describe(): void {
    const parts: string[] = [];
    this.collection.forEach((name, m) =>
      parts.push(
        m.value === ''
          ? vscode.l10n.t(
              '{0} empty (VS Code cannot unset a variable for terminals; the AWS tools treat an empty one as unset)',
              name,
            )
          : `${name}=${name === 'AWS_PROFILE' || name.endsWith('REGION') ? sanitize(m.value) : '…'}`,
      ),
    );
    this.collection.description = parts.length
      ? new vscode.MarkdownString(vscode.l10n.t('AWS Credentials Doctor: {0}', parts.join(', ')))
      : undefined;
  }

  /** Changes the extension host's environment, remembering the value it had (to withdraw the change). */
  private setInHost(name: string, value: string | undefined): void {
    if (!this.hostBefore.has(name)) this.hostBefore.set(name, process.env[name]);
    writeHostVariable(name, value);
  }

  /** Whether a change now reaches the extension host (the user's setting). */
  get appliesToHost(): boolean {
    return this.applyToHost();
  }

  /**
   * Sets a variable for new terminals (and, with `atOrigin`, where it is set now). The extension
   * host gets it only when the user chose so. The collection changes synchronously, before any await.
   */
  async set(name: string, value: string, options: { atOrigin?: boolean } = {}): Promise<void> {
    const origin = options.atOrigin ? this.doctor.environment().variables.get(name)?.origin : undefined;
    this.collection.replace(name, value);
    const host = this.applyToHost();
    if (host) this.setInHost(name, value);
    this.describe();
    if (origin?.kind === 'settings') await this.updateSetting(origin.setting, origin.target, name, value);
    if (origin?.kind === 'dotenv') await this.replaceDotEnvValue(origin.file, origin.line, name, value);
    this.log.info(
      `${name} set for new terminals${host ? ' and the extension host' : ''}${origin && origin.kind !== 'process' && origin.kind !== 'extension' ? ' and at its origin' : ''}`,
    );
  }

  /**
   * Withdraws the extension's own change of a variable: new terminals get what they would without
   * the extension, and the extension host, if the extension changed it, its value from before.
   */
  withdraw(name: string): void {
    this.collection.delete(name);
    if (this.hostBefore.has(name)) {
      const before = this.hostBefore.get(name);
      this.hostBefore.delete(name);
      writeHostVariable(name, before);
    }
    this.describe();
    this.log.info(`withdrew the change of ${name}`);
  }

  /** Unsets a variable (and the ones that only make sense with it) everywhere the extension can reach. */
  async unset(name: string): Promise<string[]> {
    const env = this.doctor.environment();
    const names = unsetGroup(name).filter((n) => n === name || env.variables.has(n) || process.env[n] !== undefined);
    const host = this.applyToHost();
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
      if (host && process.env[n] !== undefined) this.setInHost(n, undefined);
      if (origin?.kind === 'settings') await this.removeSetting(origin.setting, origin.target, n);
      if (origin?.kind === 'dotenv') await this.removeDotEnvLine(origin.file, origin.line, n);
    }
    this.describe();
    this.log.info(`unset ${names.join(', ')} for new terminals${host ? ', the extension host' : ''} and at the origin`);
    await this.doctor.refreshInBackground();
    // One notification for the one gesture: what new terminals get, what cannot be unset here, what to do in open terminals.
    const emptied = names.filter((n) => !EMPTY_IS_NOT_UNSET.has(n));
    const withdrawn = names.filter((n) => EMPTY_IS_NOT_UNSET.has(n) && !inherited.includes(n));
    const parts: string[] = [];
    if (emptied.length)
      parts.push(
        vscode.l10n.t(
          'New terminals get {0} empty (VS Code cannot remove a variable from a terminal; the AWS tools treat an empty one as unset).',
          emptied.join(', '),
        ),
      );
    if (withdrawn.length) parts.push(vscode.l10n.t('{0} unset for new terminals.', withdrawn.join(', ')));
    if (inherited.length)
      parts.push(
        vscode.l10n.t(
          '{0} comes from the environment VS Code was started with, and new terminals inherit it: an empty value would not unset it for botocore and the AWS CLI. Remove it from your shell profile and restart VS Code.',
          inherited.join(', '),
        ),
      );
    parts.push(vscode.l10n.t('Open terminals keep their values: run "unset {0}" there.', names.join(' ')));
    void (inherited.length ? notify.warn(parts.join(' ')) : notify.info(parts.join(' ')));
    return names;
  }

  private async updateSetting(
    setting: string,
    target: 'global' | 'workspace',
    name: string,
    value: string,
  ): Promise<void> {
    const section = setting.slice(0, setting.lastIndexOf('.'));
    const key = setting.slice(setting.lastIndexOf('.') + 1);
    const config = vscode.workspace.getConfiguration(section);
    const inspected = config.inspect<Record<string, string | null>>(key);
    const current = (target === 'global' ? inspected?.globalValue : inspected?.workspaceValue) ?? {};
    await config.update(
      key,
      { ...current, [name]: value },
      target === 'global' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace,
    );
  }

  /** Rewrites the value on one `.env` line, keeping `export`, the spacing and the quotes. */
  private async replaceDotEnvValue(file: string, line: number, name: string, value: string): Promise<void> {
    const outcome = await editFile(file, (doc) => dotEnvEdit(doc, line, name, value));
    this.log.info(`${file}: ${name} replaced (${outcome})`);
    tellEditOutcome(outcome, file);
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
    await config.update(
      key,
      Object.keys(next).length ? next : undefined,
      target === 'global' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace,
    );
  }

  private async removeDotEnvLine(file: string, line: number, name: string): Promise<void> {
    const outcome = await editFile(file, (doc) => dotEnvEdit(doc, line, name, undefined));
    this.log.info(`${file}: the line setting ${name} removed (${outcome})`);
    tellEditOutcome(outcome, file);
  }
}

/**
 * The one place the extension host's shared process.env is written: only for a change the user
 * chose (awsCredentialsDoctor.applyToExtensionHost, README "Settings"), or to withdraw one.
 */
function writeHostVariable(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
