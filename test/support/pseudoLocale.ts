/** A pseudo-translation for the l10n tests: every letter outside the placeholders marked, the whole in fullwidth brackets. */
export const pseudo = (s: string): string =>
  `［${s.replace(/({[^}]+})|([A-Za-z])/g, (all, ph: string | undefined) => ph ?? `${all}\u0301`)}］`;
