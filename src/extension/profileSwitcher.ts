/**
 * Profile switching: the quick pick, the switch itself, SSO sign-in in a terminal, and the profile
 * remembered for this workspace. Switching sets AWS_PROFILE for new terminals; the extension host
 * gets it only when the user chose so (`awsCredentialsDoctor.applyToExtensionHost`).
 */
import * as vscode from 'vscode';
import { commandLine, shellKindOf } from '../engine/shellCommands';
import { sanitize } from '../engine/sanitize';
import { hostPlatform } from '../nodeHost/platform';
import { Disposable } from './disposable';
import type { Doctor } from './doctor';
import type { EnvChanges } from './envChanges';
import type { Log } from './log';
import { profilePickItems } from './presentation/profileItems';
import type { KeptOverShell, RestorePlan } from './presentation/profileMemory';
import { restorePlan } from './presentation/profileMemory';
import { notify } from './notify';

/** The profile chosen in this workspace (workspace state). */
const MEMORY_KEY = 'awsCredentialsDoctor.profile';
/** The user's "Keep" answer when the remembered profile differs from the shell's (workspace state). */
const KEPT_KEY = 'awsCredentialsDoctor.profileKeptOverShell';

type SignInKind = 'sso' | 'login';

interface Item extends vscode.QuickPickItem {
  readonly profile: string;
  readonly signIn: SignInKind | undefined;
}

export class ProfileSwitcher extends Disposable {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly doctor: Doctor,
    private readonly env: EnvChanges,
    private readonly log: Log,
    /** The profile of the environment VS Code was started with (read before anything changed it). */
    private readonly shellProfile: string | undefined,
  ) {
    super();
  }

  /** The profile the user chose in this workspace, if any. */
  get remembered(): string | undefined {
    return this.context.workspaceState.get<string>(MEMORY_KEY);
  }

  /**
   * At start-up: applies again the profile chosen in this workspace (for new terminals; for the
   * extension host only with the user's setting), and says so once when the shell's differs.
   * A profile remembered for every window by earlier versions is no longer applied.
   */
  restore(): RestorePlan {
    if (this.context.globalState.get(MEMORY_KEY) !== undefined) void this.context.globalState.update(MEMORY_KEY, undefined);
    const ours = this.context.environmentVariableCollection.get('AWS_PROFILE')?.value;
    const plan = restorePlan(this.remembered, this.shellProfile, ours, this.context.workspaceState.get<KeptOverShell>(KEPT_KEY));
    if (plan.withdraw) this.env.withdraw('AWS_PROFILE');
    if (plan.apply) void this.env.set('AWS_PROFILE', plan.apply);
    if (plan.apply) this.log.info(`applied the profile chosen in this workspace: ${plan.apply}${this.shellProfile ? ` (the shell's: ${this.shellProfile})` : ''}`);
    if (plan.tell) {
      const { remembered, shell } = plan.tell;
      const useShell = vscode.l10n.t('Use {0}', shell);
      const keep = vscode.l10n.t('Keep {0}', remembered);
      void notify.info(
        vscode.l10n.t('New terminals use AWS profile "{0}", chosen in this workspace; your shell started VS Code with "{1}".', remembered, shell),
        useShell, keep,
      ).then((choice) => {
        if (choice === useShell) return this.useShellProfile();
        if (choice === keep) return this.keepRemembered(shell);
        return undefined;
      });
    }
    return plan;
  }

  /** Remembers a profile set for new terminals as this workspace's choice (a switch, or a fix that sets AWS_PROFILE). */
  async remember(profile: string): Promise<void> {
    await this.context.workspaceState.update(MEMORY_KEY, profile);
  }

  /** Forgets this workspace's choice (after AWS_PROFILE was withdrawn or unset for new terminals). */
  async forget(): Promise<void> {
    await this.context.workspaceState.update(MEMORY_KEY, undefined);
    await this.context.workspaceState.update(KEPT_KEY, undefined);
  }

  /** "Use <shell's>": forgets this workspace's choice; new terminals get the shell's profile again. */
  async useShellProfile(): Promise<void> {
    this.env.withdraw('AWS_PROFILE');
    await this.forget();
    await this.doctor.refreshInBackground();
    this.log.info(`forgot the profile chosen in this workspace; using the shell's (${this.shellProfile ?? 'none'})`);
  }

  /** "Keep <remembered>": not asked again while the remembered and the shell's profile stay these two. */
  async keepRemembered(shell: string): Promise<void> {
    const profile = this.remembered;
    if (profile) await this.context.workspaceState.update(KEPT_KEY, { profile, shell } satisfies KeptOverShell);
  }

  /** The quick pick; resolves when it closes. */
  pick(): Promise<void> {
    const state = this.doctor.state;
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = vscode.l10n.t('Switch AWS profile');
    qp.placeholder = vscode.l10n.t('Profile for new terminals and this window (now: {0})', sanitize(state.report.profile.name));
    qp.matchOnDescription = true;
    const buttons: Record<SignInKind, vscode.QuickInputButton> = {
      sso: { iconPath: new vscode.ThemeIcon('sign-in'), tooltip: vscode.l10n.t('Sign in (aws sso login)') },
      login: { iconPath: new vscode.ThemeIcon('sign-in'), tooltip: vscode.l10n.t('Sign in (aws login)') },
    };
    const items: Item[] = profilePickItems(state.report, Date.now(), vscode.l10n).map((i) => ({
      label: i.label, description: i.description, detail: i.detail, profile: i.profile, signIn: i.needsSignIn, buttons: i.needsSignIn ? [buttons[i.needsSignIn]] : undefined,
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
        if (e.item.signIn) this.signIn(e.item.profile, e.item.signIn);
      }, undefined, listeners);
      qp.onDidHide(() => {
        for (const l of listeners) l.dispose();
        qp.dispose();
        resolve();
      }, undefined, listeners);
      qp.show();
    });
  }

  /** Sets AWS_PROFILE for new terminals (and the extension host, if the user chose so) and remembers it for this workspace. */
  async switchTo(profile: string): Promise<void> {
    const host = this.env.appliesToHost;
    await this.env.set('AWS_PROFILE', profile);
    await this.remember(profile);
    const state = await this.doctor.refreshInBackground();
    this.log.info(`switched to profile ${profile}`);
    void notify.info(host
      ? vscode.l10n.t('New terminals and the other extensions in this window use AWS profile "{0}". Already-open terminals keep their old environment.', profile)
      : vscode.l10n.t('New terminals use AWS profile "{0}". Already-open terminals keep their old environment.', profile));
    const shadowing = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].filter((n) => state.env.variables.get(n)?.value);
    if (shadowing.length) {
      const clear = vscode.l10n.t('Clear them for new terminals');
      void notify.warn(
        vscode.l10n.t('{0} in the environment take precedence over profile "{1}" in the AWS CLI and boto3.', shadowing.join(' and '), profile),
        clear,
      ).then((choice) => (choice === clear ? this.env.unset('AWS_ACCESS_KEY_ID') : undefined));
    }
    const item = profilePickItems(state.report, Date.now()).find((x) => x.profile === profile);
    if (item?.needsSignIn) {
      const kind = item.needsSignIn;
      const signIn = vscode.l10n.t('Sign in');
      void notify.warn(kind === 'sso'
        ? vscode.l10n.t('The SSO login for "{0}" has expired.', profile)
        : vscode.l10n.t('Profile "{0}" signs in with aws login, and there is no token for it on this machine.', profile), signIn)
        .then((c) => (c === signIn ? this.signIn(profile, kind) : undefined));
    }
  }

  /**
   * Runs `aws sso login --profile X` or `aws login --profile X` in a terminal, written for that
   * terminal's shell; the cache watchers pick up the new token without a command.
   */
  signIn(profile: string, kind: SignInKind = 'sso'): vscode.Terminal {
    const terminal = vscode.window.createTerminal({ name: kind === 'sso' ? vscode.l10n.t('AWS SSO login ({0})', sanitize(profile)) : vscode.l10n.t('AWS login ({0})', sanitize(profile)) });
    terminal.show();
    const words = kind === 'sso' ? ['aws', 'sso', 'login', '--profile', profile] : ['aws', 'login', '--profile', profile];
    const shell = shellKindOf(vscode.env.shell, hostPlatform());
    // cmd cannot quote every name: PowerShell's form then, which the user sees before anything runs.
    const line = commandLine(shell, words);
    terminal.sendText(line ?? commandLine('pwsh', words)!, line !== undefined);
    this.log.info(`started ${words.slice(0, -2).join(' ')} for ${profile}`);
    return terminal;
  }
}
