/**
 * Profile switching: the quick pick, the switch itself, SSO sign-in in a terminal, and the profile
 * remembered for this workspace. Switching sets AWS_PROFILE for new terminals; the extension host
 * gets it only when the user chose so (`awsCredentialsDoctor.applyToExtensionHost`).
 */
import * as vscode from 'vscode';
import { commandLine, shellKindOf } from '../engine/core/shellCommands';
import { sanitize } from '../engine/core/sanitize';
import { hostPlatform } from '../nodeHost/platform';
import { Disposable } from './disposable';
import type { Doctor } from './doctor';
import type { EnvChanges } from './envChanges';
import type { Log } from './log';
import * as os from 'os';
import type { EnvSnapshot } from './presentation/environment';
import { pickerTitle, profilePickItems } from './presentation/profileItems';
import { switchNotice } from './presentation/switchNotice';
import type { KeptOverShell, RestorePlan } from './presentation/profileMemory';
import { restorePlan } from './presentation/profileMemory';
import { notify } from './notify';
import { createOwnTerminal } from './ownTerminals';

/** The profile chosen in this workspace (workspace state). */
const MEMORY_KEY = 'awsCredentialsDoctor.profile';
/** The user's "Keep" answer when the remembered profile differs from the shell's (workspace state). */
const KEPT_KEY = 'awsCredentialsDoctor.profileKeptOverShell';
/** "Don't Show Again" on the notice that environment keys shadow the chosen profile (global state). */
const ENV_KEYS_SILENCED_KEY = 'awsCredentialsDoctor.envKeysNoticeSilenced';

/** The environment keys new terminals get, which the AWS CLI and boto3 take before any profile. */
function shadowingKeys(env: EnvSnapshot): string[] {
  return ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].filter((n) => env.variables.get(n)?.value);
}

type SignInKind = 'sso' | 'login';

interface Item extends vscode.QuickPickItem {
  readonly profile: string;
  readonly signIn: SignInKind | undefined;
  readonly action: 'switch' | 'signIn';
}

export class ProfileSwitcher extends Disposable {
  private readonly switched = this._register(new vscode.EventEmitter<string>());
  /** A profile was chosen for new terminals (the status bar shows what new terminals get). */
  readonly onDidSwitch = this.switched.event;

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
    if (this.context.globalState.get(MEMORY_KEY) !== undefined)
      void this.context.globalState.update(MEMORY_KEY, undefined);
    const ours = this.context.environmentVariableCollection.get('AWS_PROFILE')?.value;
    const plan = restorePlan(
      this.remembered,
      this.shellProfile,
      ours,
      this.context.workspaceState.get<KeptOverShell>(KEPT_KEY),
    );
    if (plan.withdraw) this.env.withdraw('AWS_PROFILE');
    if (plan.apply) void this.env.set('AWS_PROFILE', plan.apply);
    if (plan.apply)
      this.log.info(
        `applied the profile chosen in this workspace: ${plan.apply}${this.shellProfile ? ` (the shell's: ${this.shellProfile})` : ''}`,
      );
    if (plan.tell) {
      const { remembered, shell } = plan.tell;
      const useShell = vscode.l10n.t('Use {0}', shell);
      const keep = vscode.l10n.t('Keep {0}', remembered);
      void notify
        .info(
          vscode.l10n.t(
            'New terminals use AWS profile "{0}", chosen in this workspace; your shell started VS Code with "{1}".',
            remembered,
            shell,
          ),
          useShell,
          keep,
        )
        .then((choice) => {
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
    this.switched.fire(this.shellProfile ?? '');
    await this.doctor.refreshInBackground();
    this.log.info(`forgot the profile chosen in this workspace; using the shell's (${this.shellProfile ?? 'none'})`);
  }

  /** "Keep <remembered>": not asked again while the remembered and the shell's profile stay these two. */
  async keepRemembered(shell: string): Promise<void> {
    const profile = this.remembered;
    if (profile) await this.context.workspaceState.update(KEPT_KEY, { profile, shell } satisfies KeptOverShell);
  }

  /** The quick pick; resolves when it closes. */
  async pick(): Promise<void> {
    const state = await this.doctor.latest();
    const qp = vscode.window.createQuickPick<Item>();
    // Said before the choice: environment keys that any profile chosen here will not override in the AWS CLI and boto3.
    qp.title = pickerTitle(shadowingKeys(state.env), vscode.l10n);
    qp.placeholder = vscode.l10n.t('Profile for new terminals (now: {0})', sanitize(state.report.profile.name));
    qp.matchOnDescription = true;
    const buttons: Record<SignInKind, vscode.QuickInputButton> = {
      sso: { iconPath: new vscode.ThemeIcon('sign-in'), tooltip: vscode.l10n.t('Sign in (aws sso login)') },
      login: { iconPath: new vscode.ThemeIcon('sign-in'), tooltip: vscode.l10n.t('Sign in (aws login)') },
    };
    const home = state.env.variables.get('HOME')?.value || os.homedir();
    const rows: Item[] = profilePickItems(state.report, Date.now(), vscode.l10n, home).map((i) => ({
      label: i.label,
      description: i.description,
      detail: i.detail || undefined,
      profile: i.profile,
      signIn: i.needsSignIn,
      action: i.action,
      iconPath: i.action === 'signIn' ? new vscode.ThemeIcon('sign-in') : undefined,
      buttons: i.needsSignIn && i.action === 'switch' ? [buttons[i.needsSignIn]] : undefined,
    }));
    qp.items = rows;
    const current = rows.find((i) => i.profile === state.report.profile.name && i.action === 'switch');
    if (current) qp.activeItems = [current];
    return new Promise((resolve) => {
      const listeners: vscode.Disposable[] = [];
      qp.onDidAccept(
        () => {
          const chosen = qp.selectedItems[0];
          qp.hide();
          if (!chosen) return;
          if (chosen.action === 'signIn' && chosen.signIn) this.signIn(chosen.profile, chosen.signIn);
          else void this.switchTo(chosen.profile);
        },
        undefined,
        listeners,
      );
      qp.onDidTriggerItemButton(
        (e) => {
          qp.hide();
          if (e.item.signIn) this.signIn(e.item.profile, e.item.signIn);
        },
        undefined,
        listeners,
      );
      qp.onDidHide(
        () => {
          for (const l of listeners) l.dispose();
          qp.dispose();
          resolve();
        },
        undefined,
        listeners,
      );
      qp.show();
    });
  }

  /**
   * Sets AWS_PROFILE for new terminals (and the extension host, if the user chose so), remembers it
   * for this workspace, and says so in one notification: the most important thing about the new
   * profile (presentation/switchNotice.ts).
   */
  async switchTo(profile: string): Promise<void> {
    const host = this.env.appliesToHost;
    await this.env.set('AWS_PROFILE', profile);
    await this.remember(profile);
    this.switched.fire(profile);
    const state = await this.doctor.refreshInBackground();
    this.log.info(`switched to profile ${profile}`);
    const item = profilePickItems(state.report, Date.now()).find((x) => x.profile === profile && x.action === 'switch');
    const summary = state.report.profiles.find((p) => p.name === profile);
    const notice = switchNotice(
      {
        profile: sanitize(profile),
        appliesToHost: host,
        needsSignIn: item?.needsSignIn
          ? { kind: item.needsSignIn, neverSignedIn: item.needsSignIn === 'sso' && !summary?.ssoTokenExpiresAt }
          : undefined,
        shadowingKeys: shadowingKeys(state.env),
        envKeysNoticeSilenced: this.context.globalState.get<boolean>(ENV_KEYS_SILENCED_KEY) === true,
      },
      vscode.l10n,
    );
    const labels = notice.actions.map((a) => a.label);
    // Not awaited: the switch is done; the notification stays until the user answers or closes it.
    void (
      notice.severity === 'warning' ? notify.warn(notice.message, ...labels) : notify.info(notice.message, ...labels)
    ).then(async (picked) => {
      switch (notice.actions.find((a) => a.label === picked)?.action) {
        case 'signIn':
          this.signIn(profile, item!.needsSignIn!);
          break;
        case 'clearKeys':
          await this.env.unset('AWS_ACCESS_KEY_ID');
          break;
        case 'dontShowAgain':
          await this.context.globalState.update(ENV_KEYS_SILENCED_KEY, true);
          break;
        default:
          break;
      }
    });
  }

  /**
   * Runs `aws sso login --profile X` or `aws login --profile X` in a terminal, written for that
   * terminal's shell; the cache watchers pick up the new token without a command.
   */
  signIn(profile: string, kind: SignInKind = 'sso'): vscode.Terminal {
    const terminal = createOwnTerminal({
      name:
        kind === 'sso'
          ? vscode.l10n.t('AWS SSO login ({0})', sanitize(profile))
          : vscode.l10n.t('AWS login ({0})', sanitize(profile)),
    });
    terminal.show();
    const words =
      kind === 'sso' ? ['aws', 'sso', 'login', '--profile', profile] : ['aws', 'login', '--profile', profile];
    const shell = shellKindOf(vscode.env.shell, hostPlatform());
    // cmd cannot quote every name: PowerShell's form then, which the user sees before anything runs.
    const line = commandLine(shell, words);
    terminal.sendText(line ?? commandLine('pwsh', words)!, line !== undefined);
    this.log.info(`started ${words.slice(0, -2).join(' ')} for ${profile}`);
    return terminal;
  }
}
