/** Which findings the extension shows, with which severity, and which ones concern the active profile. */
import type { Finding, Severity } from '../../engine/findings';
import type { Report } from '../../engine/report';
import type { DoctorSettings } from '../settings';

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

/** The profile a 1-based line of an AWS file belongs to, from the nearest section header above it. */
export function sectionAt(text: string, line: number, kind: 'config' | 'credentials'): string | undefined {
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const m = /^\s*\[\s*([^\]]*?)\s*\]/.exec(lines[i]);
    if (!m) continue;
    const name = m[1];
    if (kind === 'credentials') return name;
    if (name === 'default') return 'default';
    const p = /^profile\s+(.+)$/.exec(name);
    return p ? p[1] : undefined; // sso-session, services and bare names in config are no profiles
  }
  return undefined;
}

/**
 * Whether a finding concerns the profile the user is on: environment and whole-machine findings
 * always do; a file finding does when it sits in that profile's section, or when it breaks the
 * whole file for a tool (botocore rejects a file with a duplicate section or a parse error).
 */
export function affectsActiveProfile(f: Finding, report: Report, textOf?: (path: string) => string | undefined): boolean {
  if (!f.file || f.line === null) return true;
  if (f.code === 'CONFIG_PARSE_ERROR' || f.code === 'DUPLICATE_SECTION') return true;
  const text = textOf?.(f.file);
  if (text !== undefined && f.fileKind) return sectionAt(text, f.line, f.fileKind) === report.profile.name;
  const sections = report.profiles.filter((p) => p.path === f.file).sort((a, b) => a.line - b.line);
  let owner: string | undefined;
  for (const p of sections) if (p.line <= f.line) owner = p.name;
  return owner === report.profile.name;
}
