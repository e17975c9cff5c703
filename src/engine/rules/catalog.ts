/**
 * Every declared finding code, in order, with its declaration: what scripts/generate-findings.mjs
 * generates the FindingCode list, the docs table, the manifest's severityOverrides enum and the
 * README's table from, and what l10n-export.mjs puts in the l10n bundle. Only the scripts and the
 * tests import it (the engine imports what is generated from it).
 */
import type { CodeSpec, CodeSpecs } from './kit';
import { RULES, MORE_NOT_LISTED } from './run';
import { OUTCOME_RULES } from './outcomes';
import { LIVE_CODES } from './live';

/** The declarations in the order of the rules (then the outcomes, then the live check's). */
export const CODE_CATALOG: readonly (readonly [string, CodeSpec])[] = [
  ...[...RULES, OUTCOME_RULES].map((m) => m.codes),
  LIVE_CODES,
].flatMap((codes: CodeSpecs) => Object.entries(codes));

/** The templates that belong to no one code. */
export const OTHER_TEMPLATES: readonly string[] = [MORE_NOT_LISTED];
