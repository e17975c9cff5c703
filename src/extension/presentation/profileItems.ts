/** The profile quick pick's items, from the report and the clock. */
import { timeLeft } from '../../engine/format';
import type { ProfileKind, ProfileSummary } from '../../engine/profiles';
import type { Report } from '../../engine/report';
import type { Localize } from './localize';
import { formatMessage } from './localize';

export interface ProfilePickItem {
  readonly profile: string;
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly current: boolean;
  /** An SSO profile whose login has expired or never happened: the item offers "Sign in". */
  readonly needsSignIn: boolean;
}

export function kindLabel(kind: ProfileKind, t: Localize = formatMessage): string {
  switch (kind) {
    case 'static': return t('static keys');
    case 'role': return t('role');
    case 'sso': return t('SSO');
    case 'process': return t('process');
    case 'web-identity': return t('web identity');
    case 'settings-only': return t('settings only');
  }
}

function expiryText(p: ProfileSummary, now: number, t: Localize): string | undefined {
  if (p.kind !== 'sso') return undefined;
  if (!p.ssoTokenExpiresAt) return t('not signed in');
  const ms = Date.parse(p.ssoTokenExpiresAt) - now;
  return ms > 0 ? t('login expires in {0}', timeLeft(ms)) : t('login expired');
}

export function profilePickItems(report: Report, now: number, t: Localize = formatMessage): ProfilePickItem[] {
  return report.profiles.map((p) => {
    const current = p.name === report.profile.name;
    const expiry = expiryText(p, now, t);
    const needsSignIn = p.kind === 'sso' && (!p.ssoTokenExpiresAt || !(Date.parse(p.ssoTokenExpiresAt) - now > 0));
    return {
      profile: p.name,
      label: current ? `$(check) ${p.name}` : p.name,
      description: [kindLabel(p.kind, t), p.region ?? t('no region'), expiry, current ? t('current') : undefined].filter(Boolean).join(' · '),
      detail: `${p.path}:${p.line}`,
      current,
      needsSignIn,
    };
  });
}
