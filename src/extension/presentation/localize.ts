/**
 * Pure presentation code takes an `L10n` so that the VS Code side can pass `vscode.l10n`. The calls
 * are spelled `l10n.t('…')` on purpose: that is what `@vscode/l10n-dev export` extracts into
 * l10n/bundle.l10n.json (test/unit/l10n.test.ts checks the bundle covers every call).
 */
import { renderMessage } from '../../engine/core/messages';
import type { Report } from '../../engine/output/report';

export interface Localize {
  (message: string, ...args: (string | number)[]): string;
  /** Named placeholders (`{profile}`), as the findings' templates have them (engine/messages.ts). */
  (message: string, args: Readonly<Record<string, string>>): string;
}

export interface L10n {
  readonly t: Localize;
}

/** The fallback: `{0}`-style or named placeholders, as vscode.l10n.t formats them. */
export const formatMessage: Localize = (message: string, ...args: unknown[]): string =>
  typeof args[0] === 'object' && args[0] !== null
    ? renderMessage(message, args[0] as Record<string, string>)
    : message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));

export const UNTRANSLATED: L10n = { t: formatMessage };

/** What localizeFinding needs of a finding (a report's, or a profile status's). */
interface Templated {
  readonly message: string;
  readonly template?: string;
  readonly data?: Readonly<Record<string, string>>;
}

/**
 * A finding's message in the display language: its template through the l10n bundle (keyed by the
 * English template), with its data. The engine keeps a template only where rendering it with the
 * redacted data gives the redacted message (redactFinding.ts), so a translation never shows more.
 */
export function localizeFinding<F extends Templated>(f: F, l10n: L10n): F {
  if (f.template === undefined || f.data === undefined) return f;
  const message = l10n.t(f.template, f.data);
  return message === f.message ? f : { ...f, message };
}

/** A report with every finding's message (its profiles' states' too) in the display language. */
export function localizeReport(report: Report, l10n: L10n): Report {
  return {
    ...report,
    findings: report.findings.map((f) => localizeFinding(f, l10n)),
    profiles: report.profiles.map((p) =>
      p.status?.findings.length
        ? { ...p, status: { ...p.status, findings: p.status.findings.map((f) => localizeFinding(f, l10n)) } }
        : p,
    ),
  };
}
