/**
 * Where each finding appears in the Problems panel, as plain data: the file and line for file
 * findings; for environment findings the place the variable was set (settings, `.env`) or else the
 * line of the read-only environment document; for whole-machine findings the active profile's
 * section header. The VS Code side turns this into vscode.Diagnostic objects.
 */
import type { Finding, FindingCode, Severity } from '../../engine/findings/findings';
import type { Report } from '../../engine/output/report';
import { sanitize } from '../../engine/core/sanitize';
import { findingDocsUrl } from './docs';
import type { EnvSnapshot } from './environment';
import type { ShownFinding } from './findingScope';

export type DiagnosticTarget = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'environment' };

export interface DiagnosticData {
  readonly target: DiagnosticTarget;
  /** 0-based line and character range on one line. */
  readonly line: number;
  readonly startCharacter: number;
  readonly endCharacter: number;
  readonly severity: Severity;
  readonly message: string;
  readonly code: FindingCode;
  readonly docsUrl: string;
  readonly related: readonly {
    readonly path: string;
    readonly line: number;
    readonly column: number;
    readonly message: string;
  }[];
  /** Index into the report's findings (to find the fixes). */
  readonly findingIndex: number;
}

export interface PlacementContext {
  readonly report: Report;
  readonly env: EnvSnapshot;
  /** 0-based line of each variable in the environment document. */
  readonly envDocumentLines: ReadonlyMap<string, number>;
  /** The text of a 1-based line of a file, when known (to end the range at the end of the line). */
  readonly lineText: (path: string, line: number) => string | undefined;
}

function wholeLine(
  ctx: PlacementContext,
  path: string,
  line: number,
  column: number,
): Pick<DiagnosticData, 'line' | 'startCharacter' | 'endCharacter'> {
  const text = ctx.lineText(path, line);
  const start = Math.max(0, column - 1);
  const end = text === undefined ? start + 1 : Math.max(text.replace(/\r$/, '').length, start + 1);
  return { line: line - 1, startCharacter: start, endCharacter: end };
}

/** The profile a whole-machine finding is about: the one its first tool selects. */
function profileOf(f: Finding, report: Report): string {
  return f.tools.length ? report.tools[f.tools[0]].profile : report.profile.name;
}

export function placeFinding(shown: ShownFinding, ctx: PlacementContext): DiagnosticData {
  const f = shown.finding;
  const base = {
    severity: shown.severity,
    message: sanitize(f.message),
    code: f.code,
    docsUrl: findingDocsUrl(f.code),
    related: f.related,
    findingIndex: shown.index,
  };
  if (f.file && f.line !== null) {
    return { ...base, target: { kind: 'file', path: f.file }, ...wholeLine(ctx, f.file, f.line, f.column ?? 1) };
  }
  if (f.env) {
    const v = ctx.env.variables.get(f.env);
    const o = v?.origin;
    if (o?.kind === 'dotenv')
      return { ...base, target: { kind: 'file', path: o.file }, ...wholeLine(ctx, o.file, o.line, 1) };
    if (o?.kind === 'settings' && o.file && o.line)
      return { ...base, target: { kind: 'file', path: o.file }, ...wholeLine(ctx, o.file, o.line, 1) };
    const line = ctx.envDocumentLines.get(f.env) ?? 0;
    return { ...base, target: { kind: 'environment' }, line, startCharacter: 0, endCharacter: 200 };
  }
  const p = ctx.report.profiles.find((x) => x.name === profileOf(f, ctx.report));
  if (p) return { ...base, target: { kind: 'file', path: p.path }, ...wholeLine(ctx, p.path, p.line, 1) };
  return { ...base, target: { kind: 'environment' }, line: 0, startCharacter: 0, endCharacter: 200 };
}
