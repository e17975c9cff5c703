/** What a diagnosis holds: the input, the parsed files as each tool reads them, what each tool resolves, the findings. */
import type { AwsFile, FileCache } from '../files/awsFiles';
import type { Finding } from './findings';
import type { EngineInput } from '../core/host';
import type { FileKind, ToolId } from '../core/model';
import { TOOL_IDS } from '../core/model';
import type { Redactor } from '../secrets/redact';
import type { ProfileOrigin, ToolResolution } from '../core/toolResolution';
import type { BotocoreView, NodeView } from '../files/views';
import { unreadReason } from '../resolve/toolReads';

export interface Diagnosis {
  readonly input: EngineInput;
  readonly cache: FileCache;
  readonly nodeView: NodeView;
  readonly pyView: BotocoreView;
  readonly tools: Readonly<Record<ToolId, ToolResolution>>;
  /** The profile the user is "on": explicit, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else default. */
  readonly profile: { readonly name: string; readonly from: ProfileOrigin };
  readonly findings: readonly Finding[];
  readonly redactor: Redactor;
}

export type DiagnosisBase = Omit<Diagnosis, 'findings'>;

/** An AWS file as the report lists it. `unread`: why a path that is there was not read (never "missing" for it). */
export interface ReportedFile {
  kind: FileKind;
  path: string;
  exists: boolean;
  tools: ToolId[];
  unread?: string;
}

/** Each AWS file some tool reads (there or not), deduplicated by kind and path, with the tools that read it. */
export function filesRead(d: DiagnosisBase): { file: AwsFile; tools: ToolId[] }[] {
  const out: { file: AwsFile; tools: ToolId[] }[] = [];
  for (const tool of TOOL_IDS) {
    const v = tool === 'node' ? d.nodeView : d.pyView;
    for (const file of [v.config, v.credentials]) {
      const existing = out.find((x) => x.file.kind === file.kind && x.file.path === file.path);
      if (!existing) out.push({ file, tools: [tool] });
      else if (!existing.tools.includes(tool)) existing.tools.push(tool);
    }
  }
  return out;
}

/** The files each tool reads as the report lists them: why a path that is there was not read. */
export function filesOf(d: DiagnosisBase): ReportedFile[] {
  return filesRead(d).map(({ file: { kind, path, exists }, tools }) => {
    const failure = exists ? undefined : d.cache.failure(path);
    return failure && failure.code !== 'ENOENT'
      ? { kind, path, exists, tools, unread: unreadReason(failure) }
      : { kind, path, exists, tools };
  });
}

/** What every output says when the machine has no AWS setup at all (an EC2 instance or a container that uses its role). */
export const NO_SETUP_MESSAGE =
  'No AWS setup: no files, no variables: the tools would fall through to the container or instance role.';

/**
 * AWS_* variables that change neither which credentials, profile or region a tool uses nor whether
 * it may ask instance metadata (a CA bundle, the CLI's pager and output format, retries): a machine
 * with only these has no AWS setup either.
 */
const NOT_A_SETUP = new Set([
  'AWS_CA_BUNDLE',
  'AWS_PAGER',
  'AWS_DEFAULT_OUTPUT',
  'AWS_MAX_ATTEMPTS',
  'AWS_RETRY_MODE',
  'AWS_CLI_AUTO_PROMPT',
  'AWS_CLI_FILE_ENCODING',
  'AWS_DATA_PATH',
  'AWS_NODEJS_CONNECTION_REUSE_ENABLED',
]);

/**
 * True when no tool finds an AWS file and no AWS_* variable that matters is set: nothing is
 * misconfigured, the tools would ask the container or instance metadata endpoint, which this
 * diagnosis cannot see.
 */
export function hasNoAwsSetup(d: DiagnosisBase): boolean {
  if (
    Object.entries(d.input.env).some(
      ([k, v]) =>
        k.startsWith('AWS_') && v !== undefined && !NOT_A_SETUP.has(k) && !k.startsWith('AWS_CREDENTIALS_DOCTOR_'),
    )
  )
    return false;
  return [d.nodeView.config, d.nodeView.credentials, d.pyView.config, d.pyView.credentials].every(
    (f) => !f.exists && (f.readError === undefined || f.readError === 'ENOENT'),
  );
}
