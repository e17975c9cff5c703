/**
 * What Check Identity tells the user, and which of its findings go to Problems. A network outage
 * says nothing about the AWS files: it is a notification (and the status bar's tooltip), never a
 * Problems entry pinned to a line of config. An SSO login the diagnosis already reports as expired
 * or missing gets a *Sign In* button, not a second Problems entry in the SDK's own words.
 */
import type { Finding } from '../../engine/findings/findings';
import { FindingCode } from '../../engine/findings/findings';
import type { LiveCheckOutcome } from '../../engine/output/liveReport';
import type { Report } from '../../engine/output/report';
import { sanitize } from '../../engine/core/sanitize';
import type { L10n } from './localize';
import { localizeFinding, UNTRANSLATED } from './localize';
import { firstSentence } from './shortText';

/** Static findings that already say the profile's SSO login cannot be used. */
const SSO_LOGIN_UNUSABLE: ReadonlySet<string> = new Set([
  FindingCode.SsoTokenExpired,
  FindingCode.SsoTokenMissing,
  FindingCode.SsoTokenTooCloseToRefresh,
  FindingCode.SsoTokenExpiryUnparseable,
]);

/** The static finding about the checked profile's SSO login, if the diagnosis has one. */
function ssoLoginFinding(report: Report, profile: string): Finding | undefined {
  // The finding's sign-in fix names the profile it is about.
  return report.findings.find(
    (f) =>
      SSO_LOGIN_UNUSABLE.has(f.code) &&
      f.fixes.some((x) => x.action.kind === 'runCommand' && x.action.signIn?.profile === profile),
  );
}

/** The live findings that belong in Problems: not the network's, not an SSO error a static finding already reports. */
export function liveFindingsForProblems(findings: readonly Finding[], report: Report, profile: string): Finding[] {
  const ssoKnown = ssoLoginFinding(report, profile) !== undefined;
  return findings.filter(
    (f) => f.code !== FindingCode.LiveNetworkError && !(ssoKnown && f.code === FindingCode.LiveSsoTokenError),
  );
}

export type LiveAction = 'signIn' | 'retry' | 'showProblems' | 'showLog';

export interface LiveNotice {
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly actions: readonly { readonly action: LiveAction; readonly label: string }[];
}

/** The one notification of a Check Identity the user asked for. */
export function liveNotice(
  outcome: Pick<LiveCheckOutcome, 'ok' | 'account' | 'arn' | 'error' | 'findings'>,
  report: Report,
  profile: string,
  l10n: L10n = UNTRANSLATED,
): LiveNotice {
  const name = sanitize(profile);
  if (outcome.ok) {
    return {
      severity: 'info',
      message: l10n.t(
        'AWS profile "{0}" is account {1} ({2}).',
        name,
        sanitize(outcome.account ?? '?'),
        sanitize(outcome.arn ?? '?'),
      ),
      actions: [],
    };
  }
  const codes = new Set(outcome.findings.map((f) => f.code));
  if (codes.has(FindingCode.LiveNetworkError)) {
    const detail = outcome.error ? firstSentence(`${outcome.error.name}: ${outcome.error.message}`, 120) : '';
    return {
      severity: 'warning',
      message: l10n.t(
        'Check Identity could not reach STS{0}: check the network, a proxy or the endpoint. Nothing is known about the credentials.',
        detail ? ` (${sanitize(detail)})` : '',
      ),
      actions: [
        { action: 'retry', label: l10n.t('Retry') },
        { action: 'showLog', label: l10n.t('Show Log') },
      ],
    };
  }
  const sso = ssoLoginFinding(report, profile);
  if (
    codes.has(FindingCode.LiveSsoTokenError) ||
    (sso &&
      outcome.findings.every(
        (f) => f.code === FindingCode.LiveNoCredentials || f.code === FindingCode.LiveSsoTokenError,
      ))
  ) {
    const never = sso?.code === FindingCode.SsoTokenMissing;
    return {
      severity: 'error',
      message: never
        ? l10n.t('AWS profile "{0}" is not signed in to SSO.', name)
        : l10n.t('The SSO login of AWS profile "{0}" has expired: sign in again.', name),
      actions: [{ action: 'signIn', label: l10n.t('Sign In') }],
    };
  }
  const top = outcome.findings.find((f) => f.severity === 'error') ?? outcome.findings[0];
  return {
    severity: 'error',
    message: l10n.t(
      'Check Identity failed for AWS profile "{0}": {1}',
      name,
      sanitize(top ? firstSentence(localizeFinding(top, l10n).message) : (outcome.error?.message ?? '')),
    ),
    actions: top
      ? [{ action: 'showProblems', label: l10n.t('Show Problems') }]
      : [{ action: 'showLog', label: l10n.t('Show Log') }],
  };
}
