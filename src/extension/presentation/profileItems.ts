/** The profile quick pick's items, from the report and the clock. */
import { timeLeft } from '../../engine/output/format';
import type { ProfileKind, ProfileSummary } from '../../engine/findings/profiles';
import type { Report } from '../../engine/output/report';
import type { L10n } from './localize';
import { UNTRANSLATED } from './localize';
import { shortLoginSession } from './loginSession';
import { tildePath } from './shortText';

export interface ProfilePickItem {
  readonly profile: string;
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly current: boolean;
  /**
   * The sign-in the profile needs: `aws sso login` for an SSO profile whose login expired or never
   * happened, `aws login` for a login profile without a usable token; else none.
   */
  readonly needsSignIn: 'sso' | 'login' | undefined;
  /** What accepting the row does: switch to the profile, or (the row under one that needs it) sign it in. */
  readonly action: 'switch' | 'signIn';
}

export function kindLabel(kind: ProfileKind, l10n: L10n = UNTRANSLATED): string {
  switch (kind) {
    case 'static':
      return l10n.t('static keys');
    case 'role':
      return l10n.t('role');
    case 'sso':
      return l10n.t('SSO');
    case 'login':
      return l10n.t('aws login');
    case 'process':
      return l10n.t('process');
    case 'web-identity':
      return l10n.t('web identity');
    case 'settings-only':
      return l10n.t('settings only');
  }
}

function expiryText(p: ProfileSummary, now: number, l10n: L10n): string | undefined {
  if (p.kind === 'login') {
    const session = p.loginSession ? shortLoginSession(p.loginSession) : '';
    if (!p.loginTokenExpiresAt) return l10n.t('{0}, not signed in', session);
    // The access credentials last about 15 minutes and the SDKs refresh them: past expiry is not a failure.
    const ms = Date.parse(p.loginTokenExpiresAt) - now;
    return ms > 0
      ? l10n.t('{0}, key valid {1} (refreshed automatically)', session, timeLeft(ms))
      : l10n.t('{0}, key refreshed on next use', session);
  }
  if (p.kind !== 'sso') return undefined;
  if (!p.ssoTokenExpiresAt) return l10n.t('not signed in');
  const ms = Date.parse(p.ssoTokenExpiresAt) - now;
  return ms > 0 ? l10n.t('login expires in {0}', timeLeft(ms)) : l10n.t('login expired');
}

/**
 * The picker's rows: each profile with its kind, region and login state, and the place it is
 * defined (`~/.aws/…` as Problems shows it; the credentials line for a profile whose keys are
 * there); the current one marked once, in words. Under a profile that needs a sign-in, a row of its
 * own signs it in (reachable with the keyboard, not only as the row's hover button).
 */
export function profilePickItems(
  report: Report,
  now: number,
  l10n: L10n = UNTRANSLATED,
  home?: string,
): ProfilePickItem[] {
  const out: ProfilePickItem[] = [];
  for (const p of report.profiles) {
    const current = p.name === report.profile.name;
    const expiry = expiryText(p, now, l10n);
    const needsSignIn =
      p.kind === 'sso' && (!p.ssoTokenExpiresAt || !(Date.parse(p.ssoTokenExpiresAt) - now > 0))
        ? ('sso' as const)
        : p.kind === 'login' && !p.loginTokenExpiresAt
          ? ('login' as const)
          : undefined;
    const at = p.keysAt ?? p;
    out.push({
      profile: p.name,
      label: p.name,
      description: [
        kindLabel(p.kind, l10n),
        p.region ?? l10n.t('no region'),
        expiry,
        current ? l10n.t('current') : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      detail: `${tildePath(at.path, home)}:${at.line}`,
      current,
      needsSignIn,
      action: 'switch',
    });
    if (needsSignIn) {
      const command = needsSignIn === 'sso' ? `aws sso login --profile ${p.name}` : `aws login --profile ${p.name}`;
      // The icon is the row's iconPath (VS Code ≥ 1.81), not a $(…) in its label: a screen reader would read its name.
      out.push({
        profile: p.name,
        label: l10n.t('Sign in to {0}', p.name),
        description: command,
        detail: '',
        current: false,
        needsSignIn,
        action: 'signIn',
      });
    }
  }
  return out;
}

/**
 * The picker's title: what it does and, when environment keys (`AWS_ACCESS_KEY_ID`, …) would win
 * over any profile chosen in the AWS CLI and boto3, that too, before the choice. (A title, not a
 * separator: VS Code draws a separator's label over the first row's.)
 */
export function pickerTitle(shadowingKeys: readonly string[], l10n: L10n = UNTRANSLATED): string {
  return shadowingKeys.length
    ? l10n.t('Switch AWS profile — environment keys win over it in the AWS CLI and boto3')
    : l10n.t('Switch AWS profile');
}

/**
 * The SSO profiles *Sign In to SSO* offers: those whose login expired or never happened first (the
 * reason to sign in), then the others with the time left; the current profile marked.
 */
export function ssoSignInItems(
  report: Report,
  now: number,
  l10n: L10n = UNTRANSLATED,
): { profile: string; label: string; description: string; needed: boolean }[] {
  const items = profilePickItems(report, now, l10n).filter(
    (i) => i.action === 'switch' && report.profiles.find((p) => p.name === i.profile)?.kind === 'sso',
  );
  const out = items.map((i) => {
    const p = report.profiles.find((x) => x.name === i.profile)!;
    return {
      profile: i.profile,
      label: i.profile,
      description: [expiryText(p, now, l10n), i.current ? l10n.t('current') : undefined].filter(Boolean).join(' · '),
      needed: i.needsSignIn !== undefined,
    };
  });
  // Stable: the profiles' own order within each group.
  return [...out.filter((i) => i.needed), ...out.filter((i) => !i.needed)];
}
