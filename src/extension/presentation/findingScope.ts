/** Which findings the extension shows, with which severity, and which ones concern the active profile. */
import type { Finding, Severity } from '../../engine/findings/findings';
import type { Report } from '../../engine/output/report';
import type { DoctorSettings } from '../settings';

export interface ShownFinding {
  readonly finding: Finding;
  readonly severity: Severity;
  /** Index in the report's findings. */
  readonly index: number;
}

/** Applies the tools filter and the per-code severity overrides (`off` hides a finding). */
export function shownFindings(
  findings: readonly Finding[],
  settings: Pick<DoctorSettings, 'tools' | 'severityOverrides'>,
): ShownFinding[] {
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
  return sectionsOf(text, kind)(line);
}

/**
 * sectionAt for every line of one text, from one pass over its lines: a file with thousands of
 * findings is read once, not once per finding.
 */
export function sectionsOf(text: string, kind: 'config' | 'credentials'): (line: number) => string | undefined {
  const lines = text.split(/\r\n|\n|\r/);
  // The nearest section header at or above each line (index: 0-based line).
  const owner: (string | undefined)[] = new Array(lines.length);
  let current: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*\[\s*([^\]]*?)\s*\]/.exec(lines[i]);
    if (m) current = profileOfHeader(m[1], kind);
    owner[i] = current;
  }
  return (line) => (line >= 1 ? owner[Math.min(line, lines.length) - 1] : undefined);
}

function profileOfHeader(name: string, kind: 'config' | 'credentials'): string | undefined {
  if (kind === 'credentials') return name;
  if (name === 'default') return 'default';
  const p = /^profile\s+(.+)$/.exec(name);
  return p ? p[1] : undefined; // sso-session, services and bare names in config are no profiles
}

/**
 * Whether a finding concerns the profile the user is on: environment and whole-machine findings
 * always do; a file finding does when it sits in that profile's section, or when it breaks the
 * whole file for a tool (botocore rejects a file with a duplicate section or a parse error).
 */
export function affectsActiveProfile(
  f: Finding,
  report: Report,
  textOf?: (path: string) => string | undefined,
): boolean {
  return activeProfileScope(report, textOf)(f);
}

/** affectsActiveProfile for many findings of one report: each file's sections worked out once. */
export function activeProfileScope(
  report: Report,
  textOf?: (path: string) => string | undefined,
): (f: Finding) => boolean {
  const sections = new Map<string, ((line: number) => string | undefined) | undefined>();
  const headers = new Map<string, readonly { name: string; line: number }[]>();
  return (f) => {
    if (!f.file || f.line === null) return true;
    if (f.code === 'CONFIG_PARSE_ERROR' || f.code === 'DUPLICATE_SECTION') return true;
    if (f.fileKind) {
      const key = `${f.fileKind}\u0000${f.file}`;
      if (!sections.has(key)) {
        const text = textOf?.(f.file);
        sections.set(key, text === undefined ? undefined : sectionsOf(text, f.fileKind));
      }
      const at = sections.get(key);
      if (at) return at(f.line) === report.profile.name;
    }
    let list = headers.get(f.file);
    if (!list)
      headers.set(f.file, (list = report.profiles.filter((p) => p.path === f.file).sort((a, b) => a.line - b.line)));
    let owner: string | undefined;
    for (const p of list) if (p.line <= f.line) owner = p.name;
    return owner === report.profile.name;
  };
}
