/**
 * The one notification a profile switch shows: the most important thing first. A profile that
 * cannot be used before a sign-in comes before environment keys that shadow it, and that before the
 * plain confirmation. The rest is where the user looks before and after choosing: the picker (a
 * note above the profiles, a sign-in row under each profile that needs one) and the status bar
 * (its text names the environment keys; the tooltip the top problem).
 */
import type { L10n } from './localize';
import { UNTRANSLATED } from './localize';

export interface SwitchNoticeInput {
  readonly profile: string;
  /** Whether the switch also reached the extension host (awsCredentialsDoctor.applyToExtensionHost). */
  readonly appliesToHost: boolean;
  /** The sign-in the new profile needs before it can be used, if any; `neverSignedIn` for an SSO profile without a login. */
  readonly needsSignIn?: { readonly kind: 'sso' | 'login'; readonly neverSignedIn: boolean };
  /** Environment keys new terminals still have (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY): the AWS CLI and boto3 use them, not the profile. */
  readonly shadowingKeys: readonly string[];
  /** The user chose "Don't Show Again" for the environment-keys notice. */
  readonly envKeysNoticeSilenced: boolean;
}

export type SwitchAction = 'signIn' | 'clearKeys' | 'dontShowAgain';

export interface SwitchNotice {
  readonly severity: 'info' | 'warning';
  readonly message: string;
  /** Buttons, in order, with their labels. */
  readonly actions: readonly { readonly action: SwitchAction; readonly label: string }[];
}

export function switchNotice(input: SwitchNoticeInput, l10n: L10n = UNTRANSLATED): SwitchNotice {
  const { profile } = input;
  const who = input.appliesToHost
    ? l10n.t('New terminals and the other extensions in this window use AWS profile "{0}"', profile)
    : l10n.t('New terminals use AWS profile "{0}"', profile);
  if (input.needsSignIn) {
    const why =
      input.needsSignIn.kind === 'login'
        ? l10n.t('it signs in with aws login, and this machine has no token for it')
        : input.needsSignIn.neverSignedIn
          ? l10n.t('it is not signed in to SSO')
          : l10n.t('its SSO login has expired');
    return {
      severity: 'warning',
      message: `${who}; ${why}.`,
      actions: [{ action: 'signIn', label: l10n.t('Sign In') }],
    };
  }
  if (input.shadowingKeys.length && !input.envKeysNoticeSilenced) {
    return {
      severity: 'warning',
      message: l10n.t(
        '{0}, but {1} in the environment win in the AWS CLI and boto3.',
        who,
        input.shadowingKeys.join(l10n.t(' and ')),
      ),
      actions: [
        { action: 'clearKeys', label: l10n.t('Clear Keys') },
        { action: 'dontShowAgain', label: l10n.t("Don't Show Again") },
      ],
    };
  }
  return { severity: 'info', message: l10n.t('{0}. Open terminals keep theirs.', who), actions: [] };
}
