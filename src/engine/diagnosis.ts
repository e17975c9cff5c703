/** What a diagnosis holds: the input, the parsed files as each tool reads them, what each tool resolves, the findings. */
import type { FileCache } from './awsFiles';
import type { Finding } from './findings';
import type { EngineInput } from './host';
import type { FileKind, ToolId } from './model';
import { TOOL_IDS } from './model';
import type { Redactor } from './redact';
import type { ProfileOrigin, ToolResolution } from './toolResolution';
import type { BotocoreView, NodeView } from './views';

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

/** The files each tool reads, deduplicated by kind and path. */
export function filesOf(d: DiagnosisBase): { kind: FileKind; path: string; exists: boolean; tools: ToolId[] }[] {
  const out: { kind: FileKind; path: string; exists: boolean; tools: ToolId[] }[] = [];
  const add = (kind: FileKind, path: string, exists: boolean, tool: ToolId) => {
    const existing = out.find((f) => f.kind === kind && f.path === path);
    if (existing) {
      if (!existing.tools.includes(tool)) existing.tools.push(tool);
    } else out.push({ kind, path, exists, tools: [tool] });
  };
  for (const tool of TOOL_IDS) {
    const v = tool === 'node' ? d.nodeView : d.pyView;
    add('config', v.config.path, v.config.exists, tool);
    add('credentials', v.credentials.path, v.credentials.exists, tool);
  }
  return out;
}
