/**
 * The report as a SARIF 2.1.0 log, for code scanning and editors' SARIF viewers: a bundle of its own
 * (dist/sarif.js, with the finding codes' documentation), loaded only for `--format sarif`.
 */
import type { Report } from './report';
import type { Severity } from '../findings/findings';
import { FINDING_DOCS } from '../findings/findingDocs';
import { terminalJson } from '../core/sanitize';
import type { CiFormatOptions } from './ciFormats';
import { clean, workspaceRelative } from './ciFormats';

/** The OASIS schema of SARIF 2.1.0 (errata 01), which test/unit validates every log against. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

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
  const region = (line: number | null, column: number | null) =>
    line !== null && line > 0
      ? { region: { startLine: line, ...(column !== null && column > 0 ? { startColumn: column } : {}) } }
      : {};
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
                  ...(options.workflowFile
                    ? { physicalLocation: { artifactLocation: { uri: encodePath(options.workflowFile) } } }
                    : {}),
                  logicalLocations: [
                    f.env
                      ? { name: clean(f.env), fullyQualifiedName: `env:${clean(f.env)}`, kind: 'variable' }
                      : { name: 'environment', kind: 'resource' },
                  ],
                },
          ],
          ...(f.related.length
            ? {
                relatedLocations: f.related.map((r, i) => ({
                  id: i,
                  message: { text: clean(r.message) },
                  physicalLocation: { artifactLocation: artifact(r.path), ...region(r.line, r.column) },
                })),
              }
            : {}),
          properties: {
            tools: f.tools,
            fixes: f.fixes.map((fix) => ({
              title: clean(fix.title),
              ...(fix.commands?.length
                ? { commands: fix.commands.map((c) => ({ shell: c.shell, command: clean(c.command) })) }
                : {}),
            })),
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
const wellFormed = (s: string) =>
  s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

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
