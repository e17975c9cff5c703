/**
 * The report for CI systems: GitHub Actions workflow commands (annotations) here, SARIF 2.1.0 in
 * sarif.ts. Like the other outputs, every string is redacted and its control characters escaped
 * (sanitize.ts) before it is encoded for its format.
 */
import type { Report } from './report';
import type { Finding, Severity } from '../findings/findings';
import { redact } from '../secrets/redact';
import { sanitize } from '../core/sanitize';

export interface CiFormatOptions {
  /**
   * The checked-out repository (GITHUB_WORKSPACE): a finding in a file inside it is reported with
   * the path relative to it, which is how GitHub ties an annotation or an alert to a file.
   */
  readonly workspace?: string;
  /**
   * The workflow file of the GitHub Actions run (from GITHUB_WORKFLOW_REF), relative to the
   * repository: where SARIF anchors findings about the environment, which the workflow set.
   * GitHub code scanning refuses a whole log when one result lacks a file.
   */
  readonly workflowFile?: string;
}

/** `owner/repo/.github/workflows/ci.yml@refs/heads/main` (GITHUB_WORKFLOW_REF) → `.github/workflows/ci.yml`. */
export function workflowFileOf(ref: string | undefined): string | undefined {
  return /^[^/@]+\/[^/@]+\/([^@]+)@/.exec(ref ?? '')?.[1];
}

/** One line of text, safe for any output: redacted, control characters shown escaped. */
export const clean = (s: string | null | undefined): string => sanitize(redact(s ?? ''));

/** `file` relative to `workspace` with forward slashes when it is inside it; otherwise undefined. */
export function workspaceRelative(file: string, workspace: string | undefined): string | undefined {
  if (!workspace) return undefined;
  const root = workspace.replace(/[\\/]+$/, '');
  const head = file.slice(0, root.length);
  // Windows paths compare without case, as the file system does.
  const same = /^[A-Za-z]:[\\/]/.test(root) ? head.toLowerCase() === root.toLowerCase() : head === root;
  if (!same || !/^[\\/]./.test(file.slice(root.length))) return undefined;
  return file.slice(root.length + 1).replace(/\\/g, '/');
}

const GITHUB_COMMANDS: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** A workflow command's message: `%`, CR and LF percent-encoded (the runner decodes them). */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,`, which separate properties. */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One `::error` / `::warning` / `::notice` annotation per finding, on its file and line when it
 * has one (`title` is the finding's code; the message carries its fixes, one per line), then a
 * plain summary line. No value can start a line of its own: line breaks are encoded, so nothing
 * in a file or a variable can issue a workflow command.
 */
export function formatGithub(report: Report, options: CiFormatOptions = {}): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    const props: string[] = [];
    if (f.file) {
      props.push(`file=${escapeGithubProperty(clean(workspaceRelative(f.file, options.workspace) ?? f.file))}`);
      if (f.line !== null) props.push(`line=${f.line}`);
      if (f.line !== null && f.column !== null) props.push(`col=${f.column}`);
    }
    props.push(`title=${escapeGithubProperty(clean(f.code))}`);
    const text = [clean(f.message), ...fixLines(f)].join('\n');
    lines.push(`::${GITHUB_COMMANDS[f.severity]} ${props.join(',')}::${escapeGithubData(text)}`);
  }
  if (report.noSetup) lines.push(`::notice title=AWS Credentials Doctor::${escapeGithubData(clean(report.noSetup))}`);
  const { errors, warnings, infos } = report.summary;
  lines.push(
    `AWS Credentials Doctor: profile "${clean(report.profile.name)}": ${errors} error(s), ${warnings} warning(s), ${infos} info`,
  );
  return lines.join('\n') + '\n';
}

/** "Fix: title" and, under it, the commands to type. */
function fixLines(f: Finding): string[] {
  return f.fixes.flatMap((fix) => [
    `Fix: ${clean(fix.title)}`,
    ...(fix.commands ?? []).map((c) => `  ${clean(c.command)}`),
  ]);
}
