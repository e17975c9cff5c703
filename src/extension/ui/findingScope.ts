/** Which findings the extension shows, with which severity, and which ones concern the active profile. */
import { Finding, Severity } from '../../engine/findings';
import { Report } from '../../engine/report';
import { DoctorSettings } from '../settings';

export interface ShownFinding {
  readonly finding: Finding;
  readonly severity: Severity;
  /** Index in the report's findings. */
  readonly index: number;
}

/** Applies the tools filter and the per-code severity overrides (`off` hides a finding). */
export function shownFindings(findings: readonly Finding[], settings: Pick<DoctorSettings, 'tools' | 'severityOverrides'>): ShownFinding[] {
  const out: ShownFinding[] = [];
  findings.forEach((finding, index) => {
    const override = settings.severityOverrides[finding.code];
    if (override === 'off') return;
    if (finding.tools.length && !finding.tools.some((t) => settings.tools.includes(t))) return;
    out.push({ finding, severity: override ?? finding.severity, index });
  });
  return out;
}

/**
 * Whether a finding concerns the profile the user is on: environment and whole-machine findings
 * always do; a file finding does when it sits inside that profile's section (or its file cannot
 * be parsed as a whole).
 */
export function affectsActiveProfile(f: Finding, report: Report): boolean {
  if (!f.file || f.line === null) return true;
  if (f.code === 'CONFIG_PARSE_ERROR') return true;
  const sections = report.profiles.filter((p) => p.path === f.file).sort((a, b) => a.line - b.line);
  let owner: string | undefined;
  for (const p of sections) if (p.line <= f.line) owner = p.name;
  if (owner === undefined) {
    // Before any known section, or in a section the engine does not list (e.g. "[profile x]" in credentials).
    return false;
  }
  return owner === report.profile.name;
}
