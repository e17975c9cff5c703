/** The profile quick pick's items, from the report and the clock. */
import { timeLeft } from '../../engine/format';
import type { ProfileKind, ProfileSummary } from '../../engine/profiles';
import type { Report } from '../../engine/report';
import type { L10n } from './localize';
import { UNTRANSLATED } from './localize';

export interface ProfilePickItem {
  readonly profile: string;
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly current: boolean;
  /** An SSO profile whose login has expired or never happened: the item offers "Sign in". */
  readonly needsSignIn: boolean;
}

export function kindLabel(kind: ProfileKind, l10n: L10n = UNTRANSLATED): string {
  switch (kind) {
    case 'static': return l10n.t('static keys');
    case 'role': return l10n.t('role');
    case 'sso': return l10n.t('SSO');
    case 'process': return l10n.t('process');
    case 'web-identity': return l10n.t('web identity');
    case 'settings-only': return l10n.t('settings only');
  }
}

function expiryText(p: ProfileSummary, now: number, l10n: L10n): string | undefined {
  if (p.kind !== 'sso') return undefined;
  if (!p.ssoTokenExpiresAt) return l10n.t('not signed in');
  const ms = Date.parse(p.ssoTokenExpiresAt) - now;
  return ms > 0 ? l10n.t('login expires in {0}', timeLeft(ms)) : l10n.t('login expired');
}

export function profilePickItems(report: Report, now: number, l10n: L10n = UNTRANSLATED): ProfilePickItem[] {
  return report.profiles.map((p) => {
    const current = p.name === report.profile.name;
    const expiry = expiryText(p, now, l10n);
    const needsSignIn = p.kind === 'sso' && (!p.ssoTokenExpiresAt || !(Date.parse(p.ssoTokenExpiresAt) - now > 0));
    return {
      profile: p.name,
      label: current ? `$(check) ${p.name}` : p.name,
      description: [kindLabel(p.kind, l10n), p.region ?? l10n.t('no region'), expiry, current ? l10n.t('current') : undefined].filter(Boolean).join(' · '),
      detail: `${p.path}:${p.line}`,
      current,
      needsSignIn,
    };
  });
}
