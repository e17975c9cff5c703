/** Profile switching: the quick pick, the switch itself, and SSO sign-in in a terminal. */
import * as vscode from 'vscode';
import { EXTENSION_PREFIX } from './commandIds';
import { Disposable } from './disposable';
import { SETTING_KEYS } from './settings';
import type { Doctor } from './doctor';
import type { EnvChanges } from './envChanges';
import type { Log } from './log';
import { profilePickItems } from './presentation/profileItems';

const MEMORY_KEY = 'awsCredentialsDoctor.profile';

interface Item extends vscode.QuickPickItem {
  readonly profile: string;
}

export class ProfileSwitcher extends Disposable {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly doctor: Doctor,
    private readonly env: EnvChanges,
    private readonly log: Log,
  ) {
    super();
  }

  private memory(): vscode.Memento {
    // Read at use time (not from the state, which would diagnose before the remembered profile applies).
    const scope = vscode.workspace.getConfiguration(EXTENSION_PREFIX).get(SETTING_KEYS.rememberProfile);
    return scope === 'global' ? this.context.globalState : this.context.workspaceState;
  }

  /** At start-up: re-applies the remembered profile (silently). */
  restore(): void {
    const remembered = this.memory().get<string>(MEMORY_KEY);
    if (remembered && process.env.AWS_PROFILE !== remembered) void this.env.set('AWS_PROFILE', remembered);
  }

  /** The quick pick; resolves when it closes. */
  pick(): Promise<void> {
    const state = this.doctor.state;
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = vscode.l10n.t('Switch AWS profile');
    qp.placeholder = vscode.l10n.t('Profile for new terminals and this window (now: {0})', state.report.profile.name);
    qp.matchOnDescription = true;
    const signIn: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('sign-in'), tooltip: vscode.l10n.t('Sign in (aws sso login)') };
    const items: Item[] = profilePickItems(state.report, Date.now(), vscode.l10n).map((i) => ({
      label: i.label, description: i.description, detail: i.detail, profile: i.profile, buttons: i.needsSignIn ? [signIn] : undefined,
    }));
    qp.items = items;
    const current = items.find((i) => i.profile === state.report.profile.name);
    if (current) qp.activeItems = [current];
    return new Promise((resolve) => {
      const listeners: vscode.Disposable[] = [];
      qp.onDidAccept(() => {
        const chosen = qp.selectedItems[0];
        qp.hide();
        if (chosen) void this.switchTo(chosen.profile);
      }, undefined, listeners);
      qp.onDidTriggerItemButton((e) => {
        qp.hide();
        this.signIn(e.item.profile);
      }, undefined, listeners);
      qp.onDidHide(() => {
        for (const l of listeners) l.dispose();
        qp.dispose();
        resolve();
      }, undefined, listeners);
      qp.show();
    });
  }

  /** Sets AWS_PROFILE for new terminals, this extension host and as the remembered choice. */
  async switchTo(profile: string): Promise<void> {
    await this.env.set('AWS_PROFILE', profile);
    await this.memory().update(MEMORY_KEY, profile);
    const state = this.doctor.refresh();
    this.log.info(`switched to profile ${profile}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('New terminals use AWS profile "{0}". Already-open terminals keep their old environment.', profile));
    const shadowing = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].filter((n) => state.env.variables.get(n)?.value);
    if (shadowing.length) {
      const clear = vscode.l10n.t('Clear them for new terminals');
      void vscode.window.showWarningMessage(
        vscode.l10n.t('{0} in the environment take precedence over profile "{1}" in the AWS CLI and boto3.', shadowing.join(' and '), profile),
        clear,
      ).then((choice) => (choice === clear ? this.env.unset('AWS_ACCESS_KEY_ID') : undefined));
    }
    const p = state.report.profiles.find((x) => x.name === profile);
    if (p?.kind === 'sso' && (!p.ssoTokenExpiresAt || !(Date.parse(p.ssoTokenExpiresAt) > Date.now()))) {
      const signIn = vscode.l10n.t('Sign in');
      void vscode.window.showWarningMessage(vscode.l10n.t('The SSO login for "{0}" has expired.', profile), signIn)
        .then((c) => (c === signIn ? this.signIn(profile) : undefined));
    }
  }

  /** Runs `aws sso login --profile X` in a terminal; the SSO cache watcher picks up the new token. */
  signIn(profile: string): vscode.Terminal {
    const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('AWS SSO login ({0})', profile) });
    terminal.show();
    terminal.sendText(`aws sso login --profile ${shellQuote(profile)}`);
    this.log.info(`started aws sso login for ${profile}`);
    return terminal;
  }
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_.@%+=:,/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
