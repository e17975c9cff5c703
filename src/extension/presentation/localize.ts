/** Pure presentation code takes a `Localize` so that the VS Code side can pass `vscode.l10n.t`. */
export type Localize = (message: string, ...args: (string | number)[]) => string;

/** The fallback: `{0}`-style placeholders, as vscode.l10n.t formats them. */
export const formatMessage: Localize = (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
