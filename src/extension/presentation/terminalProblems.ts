/**
 * A terminal's entries in Problems: every error and warning of its own diagnosis that what new
 * terminals get does not have (those are in Problems already, once), and the findings a
 * notification named while its diagnosis still has them. Pure: terminalWatcher.ts publishes them
 * under the terminal's name and recomputes them after each command and each change of the files.
 */
import type { Finding, Severity } from '../../engine/findings/findings';
import type { DoctorSettings } from '../settings';
import { shownFindings } from './findingScope';

/** The same finding in two diagnoses: same code, about the same variable or the same line of the same file. */
export function sameFinding(a: Finding, b: Finding): boolean {
  return a.code === b.code && a.env === b.env && a.file === b.file && a.line === b.line;
}

export interface TerminalProblemsInput {
  /** The terminal's diagnosis' findings, or undefined when its AWS variables equal what new terminals get. */
  readonly terminal: readonly Finding[] | undefined;
  /** The findings of what new terminals get (the extension's own diagnosis). */
  readonly base: readonly Finding[];
  /** Findings notifications named for this terminal. */
  readonly alerted: readonly Finding[];
  readonly settings: Pick<DoctorSettings, 'tools' | 'severityOverrides'>;
}

export interface TerminalProblem {
  readonly finding: Finding;
  /** The severity shown (after the user's overrides): error or warning. */
  readonly severity: Exclude<Severity, 'info'>;
}

/** The entries, in the diagnosis' order, each finding once. */
export function terminalProblems(input: TerminalProblemsInput): TerminalProblem[] {
  const now = input.terminal ?? input.base;
  const own = input.terminal ? input.terminal.filter((f) => !input.base.some((g) => sameFinding(f, g))) : [];
  const named = input.alerted.filter((f) => now.some((g) => sameFinding(f, g)) && !own.some((g) => sameFinding(f, g)));
  const out: TerminalProblem[] = [];
  for (const s of shownFindings([...own, ...named], input.settings)) {
    if (s.severity !== 'info') out.push({ finding: s.finding, severity: s.severity });
  }
  return out;
}
