/**
 * Pure presentation code takes an `L10n` so that the VS Code side can pass `vscode.l10n`. The calls
 * are spelled `l10n.t('…')` on purpose: that is what `@vscode/l10n-dev export` extracts into
 * l10n/bundle.l10n.json (test/unit/l10n.test.ts checks the bundle covers every call).
 */
export type Localize = (message: string, ...args: (string | number)[]) => string;

export interface L10n {
  readonly t: Localize;
}

/** The fallback: `{0}`-style placeholders, as vscode.l10n.t formats them. */
export const formatMessage: Localize = (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));

export const UNTRANSLATED: L10n = { t: formatMessage };
