/** The machine-readable report: a stable contract (schemaVersion 1) for other tools and the tests. */
import type { Diagnosis } from '../findings/diagnosis';
import { NO_SETUP_MESSAGE, filesOf, hasNoAwsSetup } from '../findings/diagnosis';
import type { Finding } from '../findings/findings';
import type { FileKind, ToolId } from '../core/model';
import { TOOL_IDS } from '../core/model';
import { maskAccessKeyId } from '../secrets/redact';
import type { ProfileOrigin, SourceKind } from '../core/toolResolution';
import type { ProfileSummary } from '../findings/profiles';
import { listProfiles } from '../findings/profiles';
import type { ToolVersions } from '../core/toolVersions';
import { NEWEST_TOOLS } from '../core/toolVersions';
import type { BrokerSession } from '../resolve/brokers';
import { detectBrokers } from '../resolve/brokers';

export interface ToolReport {
  readonly profile: string;
  readonly profileFrom: ProfileOrigin;
  readonly source: SourceKind;
  /** botocore's provider METHOD (`shared-credentials-file`, `config-file`, …), null for the JavaScript SDK. */
  readonly method: string | null;
  readonly file: FileKind | null;
  readonly path: string | null;
  readonly line: number | null;
  readonly env: string | null;
  readonly region: string | null;
  readonly regionFrom: string | null;
  readonly expiresAt: string | null;
  readonly expiresFrom: string | null;
  readonly failure: string | null;
  /** Masked: the last four characters only. */
  readonly accessKeyId: string | null;
  readonly chain: readonly string[];
  readonly steps: readonly string[];
}

export interface Report {
  readonly schemaVersion: 1;
  readonly generatedAt: string;
  readonly profile: { readonly name: string; readonly from: ProfileOrigin };
  /** `unread`: present when the path is there but was not read (not a regular file, too large, unreadable), with why. */
  readonly files: readonly {
    readonly kind: FileKind;
    readonly path: string;
    readonly exists: boolean;
    readonly tools: readonly ToolId[];
    readonly unread?: string;
  }[];
  readonly tools: Readonly<Record<ToolId, ToolReport>>;
  readonly profiles: readonly ProfileSummary[];
  readonly findings: readonly Finding[];
  readonly summary: { readonly errors: number; readonly warnings: number; readonly infos: number };
  /** The credential brokers whose markers are in the environment (aws-vault, awsume, …), outermost first. */
  readonly brokers: readonly BrokerSession[];
  /** The tool versions the prediction is for (`from: "assumed"`: none known, the newest behaviour). */
  readonly toolVersions: ToolVersions;
  /** Present when the machine has no AWS setup at all (no file, no AWS_* variable): says so, and what the tools would do. */
  readonly noSetup?: string;
  /** Present after a live check (`diagnose --live`). */
  readonly live?: {
    readonly ok: boolean;
    readonly account: string | null;
    readonly arn: string | null;
    readonly clockSkewMs: number | null;
    readonly durationMs: number;
    readonly error: { readonly name: string; readonly message: string; readonly httpStatus?: number } | null;
  };
}

export function buildReport(d: Diagnosis): Report {
  const tools = {} as Record<ToolId, ToolReport>;
  for (const t of TOOL_IDS) {
    const r = d.tools[t];
    const origin = r.origin;
    const fileOrigin = origin && 'file' in origin ? origin : undefined;
    tools[t] = {
      profile: r.profile,
      profileFrom: r.profileFrom,
      source: r.source,
      method: r.method ?? null,
      file: fileOrigin?.file ?? null,
      path: fileOrigin?.path ?? null,
      line: fileOrigin?.line ?? null,
      env: origin && 'env' in origin ? origin.env : null,
      region: r.region,
      regionFrom: r.regionFrom,
      expiresAt: r.expiry?.at ?? null,
      expiresFrom: r.expiry?.from ?? null,
      failure: r.failure,
      accessKeyId: r.credentials.accessKeyId
        ? maskAccessKeyId(r.credentials.accessKeyId.value)
        : r.cacheKeyId
          ? maskAccessKeyId(r.cacheKeyId.value)
          : null,
      chain: r.chain,
      steps: r.steps,
    };
  }
  // Every string redacted, not only the messages: a secret pasted into a region (`aws configure`
  // asked for the secret and then the region), a profile name or a path is masked there too.
  return d.redactor.redactDeep<Report>(
    {
      schemaVersion: 1,
      generatedAt: new Date(d.input.now).toISOString(),
      profile: d.profile,
      files: filesOf(d),
      tools,
      profiles: listProfiles(d),
      findings: d.findings,
      summary: summarize(d.findings),
      brokers: detectBrokers(d.input.env),
      toolVersions: d.input.toolVersions ?? NEWEST_TOOLS,
      ...(hasNoAwsSetup(d) ? { noSetup: NO_SETUP_MESSAGE } : {}),
    },
    reportVocabulary,
  );
}

/** Fields whose values are the report's own words (codes, kinds, origins, tools, variable names), never a user's text. */
const VOCABULARY_KEYS = new Set([
  'code',
  'severity',
  'kind',
  'from',
  'profileFrom',
  'source',
  'method',
  'fileKind',
  'shell',
  'tools',
  'env',
  'markers',
  'broker',
]);

/** Whether a report's field holds one of its own words: kept as is, whatever secret happens to equal it. */
export function reportVocabulary(key: string, value: string): boolean {
  return VOCABULARY_KEYS.has(key) || (key === 'file' && (value === 'config' || value === 'credentials'));
}

/** The counts by severity that `summary` and the exit code are made of. */
export function summarize(findings: readonly Finding[]): Report['summary'] {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}

/** Exit code of `diagnose`: 1 when any finding is an error. */
export function exitCodeOf(report: Report): number {
  return report.summary.errors > 0 ? 1 : 0;
}
