/**
 * The report for CI systems: GitHub Actions workflow commands (annotations) and SARIF 2.1.0 (code
 * scanning, editors' SARIF viewers). Like the other outputs, every string is redacted and its
 * control characters escaped (sanitize.ts) before it is encoded for its format.
 */
import type { Report } from './report';
import type { Finding, Severity } from './findings';
import { FINDING_DOCS } from './findingDocs';
import { redact } from './redact';
import { sanitize, terminalJson } from './sanitize';

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
const clean = (s: string | null | undefined): string => sanitize(redact(s ?? ''));

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

// --- GitHub Actions -------------------------------------------------------------------------------

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
  lines.push(`AWS Credentials Doctor: profile "${clean(report.profile.name)}": ${errors} error(s), ${warnings} warning(s), ${infos} info`);
  return lines.join('\n') + '\n';
}

/** "Fix: title" and, under it, the commands to type. */
function fixLines(f: Finding): string[] {
  return f.fixes.flatMap((fix) => [`Fix: ${clean(fix.title)}`, ...(fix.commands ?? []).map((c) => `  ${clean(c.command)}`)]);
}

// --- SARIF 2.1.0 ----------------------------------------------------------------------------------

/** The OASIS schema of SARIF 2.1.0 (errata 01), which test/unit validates every log against. */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export interface SarifOptions extends CiFormatOptions {
  /** This tool's version (package.json) and home page; a finding code's help is `${informationUri}#code`. */
  readonly tool: { readonly version: string; readonly informationUri: string };
}

const SARIF_LEVELS: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * A SARIF log with one run: the codes found as rules (cause, fix, link to their row in the
 * README), one result per finding with its level, message, location (a file and region; an
 * environment variable as a logical location), related locations and, in its property bag, the
 * tools it concerns and the fixes with their commands.
 */
export function formatSarif(report: Report, options: SarifOptions): string {
  const codes = [...new Set(report.findings.map((f) => f.code))];
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const base = options.workspace ? { WORKSPACE: { uri: directoryUri(options.workspace) } } : undefined;
  const artifact = (file: string) => {
    const relative = workspaceRelative(file, options.workspace);
    return relative !== undefined ? { uri: encodePath(relative), uriBaseId: 'WORKSPACE' } : { uri: fileUri(file) };
  };
  const region = (line: number | null, column: number | null) => (line !== null && line > 0 ? { region: { startLine: line, ...(column !== null && column > 0 ? { startColumn: column } : {}) } } : {});
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'AWS Credentials Doctor',
            version: options.tool.version,
            informationUri: options.tool.informationUri,
            rules: codes.map((code) => {
              const doc = FINDING_DOCS[code];
              return {
                id: code,
                name: code.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
                shortDescription: { text: plain(doc.cause), markdown: doc.cause },
                help: { text: plain(doc.fix), markdown: doc.fix },
                helpUri: `${options.tool.informationUri}#${code.toLowerCase()}`,
              };
            }),
          },
        },
        ...(base ? { originalUriBaseIds: base } : {}),
        invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt }],
        results: report.findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: ruleIndex.get(f.code),
          level: SARIF_LEVELS[f.severity],
          message: { text: clean(f.message) },
          locations: [
            f.file
              ? { physicalLocation: { artifactLocation: artifact(f.file), ...region(f.line, f.column) } }
              : {
                  ...(options.workflowFile ? { physicalLocation: { artifactLocation: { uri: encodePath(options.workflowFile) } } } : {}),
                  logicalLocations: [f.env ? { name: clean(f.env), fullyQualifiedName: `env:${clean(f.env)}`, kind: 'variable' } : { name: 'environment', kind: 'resource' }],
                },
          ],
          ...(f.related.length
            ? { relatedLocations: f.related.map((r, i) => ({ id: i, message: { text: clean(r.message) }, physicalLocation: { artifactLocation: artifact(r.path), ...region(r.line, r.column) } })) }
            : {}),
          properties: {
            tools: f.tools,
            fixes: f.fixes.map((fix) => ({ title: clean(fix.title), ...(fix.commands?.length ? { commands: fix.commands.map((c) => ({ shell: c.shell, command: clean(c.command) })) } : {}) })),
          },
        })),
      },
    ],
  };
  return terminalJson(log) + '\n';
}

/** The Markdown of a code's cause or fix as plain text (its backticks dropped). */
function plain(markdown: string): string {
  return markdown.replace(/`/g, '');
}

/** Lone surrogates (which encodeURIComponent refuses) as U+FFFD. */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** A relative path's segments percent-encoded, `/` kept. */
function encodePath(p: string): string {
  return wellFormed(p).split('/').map(encodeURIComponent).join('/');
}

/** `/home/me/.aws/config` → `file:///home/me/.aws/config`; `C:\Users\me` → `file:///C:/Users/me`. */
export function fileUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.exec(slashed)?.[0];
  if (drive) return `file:///${drive}${encodePath(slashed.slice(3))}`;
  // A UNC path (\\server\share) keeps its host.
  if (slashed.startsWith('//')) return `file:${encodePath(slashed)}`;
  return `file://${encodePath(slashed.startsWith('/') ? slashed : `/${slashed}`)}`;
}

function directoryUri(path: string): string {
  const uri = fileUri(path);
  return uri.endsWith('/') ? uri : `${uri}/`;
}
