/**
 * The engine's entry point: from the environment, the files and the clock to a report of what
 * each tool will use and what is wrong. Pure apart from the injected host; nothing runs or is sent.
 */
import { FileCache } from './awsFiles';
import { EngineInput } from './host';
import { FileKind, TOOL_IDS, ToolId } from './model';
import { Finding } from './findings';
import { CLI_V2, PYTHON, botocoreProfileSelection, resolveBotocore } from './resolveBotocore';
import { resolveNode } from './resolveNode';
import { ProfileOrigin, ToolResolution } from './resolution';
import { Redactor } from './redact';
import { runRules } from './rules';
import { BotocoreView, NodeView, botocoreView, nodeView } from './views';

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

export function diagnose(input: EngineInput): Diagnosis {
  const cache = new FileCache(input.fs);
  const nv = nodeView(input, cache);
  const pv = botocoreView(input, cache);
  const tools: Record<ToolId, ToolResolution> = {
    node: resolveNode(input, cache, nv),
    python: resolveBotocore(input, cache, pv, PYTHON),
    cli: resolveBotocore(input, cache, pv, CLI_V2),
  };
  const cliSelection = botocoreProfileSelection(input, CLI_V2);
  const profile = { name: cliSelection.profile || 'default', from: cliSelection.profile ? cliSelection.from : ('default' as const) };
  const redactor = collectSecrets(input, nv, pv);
  const partial = { input, cache, nodeView: nv, pyView: pv, tools, profile, redactor };
  const findings = runRules(partial).map((f) => redactFinding(f, redactor));
  return { ...partial, findings };
}

/** Every secret value the engine can see, so that no output can contain one. */
function collectSecrets(input: EngineInput, nv: NodeView, pv: BotocoreView): Redactor {
  const r = new Redactor();
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN']) r.add(input.env[name]);
  const secretKeys = /secret|token|password/i;
  for (const file of [nv.config, nv.credentials, pv.config, pv.credentials]) {
    for (const section of file.js.sections.values()) for (const s of section.values()) if (secretKeys.test(s.key)) r.add(s.value);
    if (!file.py.error) for (const section of file.py.sections.values()) for (const s of section.values()) if (secretKeys.test(s.key)) r.add(s.value);
    // A file botocore cannot parse still holds secrets: mask every value of a secret-looking key line.
    for (const m of file.text.matchAll(/^[ \t]*[\w.-]*(?:secret|token)[\w.-]*[ \t]*[=:][ \t]*(\S.*?)[ \t]*$/gim)) r.add(m[1]);
  }
  return r;
}

function redactFinding(f: Finding, r: Redactor): Finding {
  return {
    ...f,
    message: r.redact(f.message),
    related: f.related.map((x) => ({ ...x, message: r.redact(x.message) })),
    fixes: f.fixes.map((x) => ({ ...x, title: r.redact(x.title) })),
  };
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
