/**
 * Whole-machine outcomes, said only when no specific finding already explains them: a tool finds
 * no credentials, a tool fails, the tools disagree.
 */
import type { DiagnosisBase } from '../diagnosis';
import { hasNoAwsSetup } from '../diagnosis';
import type { Finding } from '../findings';
import { FindingCode } from '../findings';
import type { ToolId } from '../model';
import { TOOL_IDS, TOOL_LABELS } from '../model';
import { anyFileUnread, finding, toolList } from './kit';

export type OutcomeRule = (d: DiagnosisBase, specific: readonly Finding[]) => Finding[];

/** Tools for which a specific error already explains a failure. */
function explained(specific: readonly Finding[]): Set<ToolId> {
  const out = new Set<ToolId>();
  for (const f of specific) if (f.severity === 'error') for (const t of f.tools) out.add(t);
  return out;
}

const noCredentials: OutcomeRule = (d, specific) => {
  // With no AWS setup at all there is nothing wrong to report: the report says what the tools would do.
  if (hasNoAwsSetup(d) || anyFileUnread(d)) return [];
  const covered = explained(specific);
  const tools = TOOL_IDS.filter((t) => d.tools[t].source === 'none' && !covered.has(t));
  if (!tools.length) return [];
  const r = d.tools[tools[0]];
  return [finding({
    code: FindingCode.NoCredentials,
    severity: tools.length === TOOL_IDS.length || TOOL_IDS.every((t) => d.tools[t].source === 'none' || d.tools[t].source === 'error') ? 'error' : 'warning',
    message: `${toolList(tools)} find${tools.length === 1 ? 's' : ''} no credentials for profile "${r.profile}" and would fall back to EC2 instance metadata, which exists only on EC2 ("Could not load credentials from any providers" / "Unable to locate credentials"). Why: ${r.steps.join('; ')}.`,
    tools,
  })];
};

const resolutionFails: OutcomeRule = (d, specific) => {
  const covered = explained(specific);
  return TOOL_IDS.filter((t) => d.tools[t].source === 'error' && !covered.has(t)).map((t) =>
    finding({
      code: FindingCode.CredentialResolutionFails,
      severity: 'error',
      message: `${TOOL_LABELS[t]} fails before sending any request (profile "${d.tools[t].profile}"): ${d.tools[t].failure}`,
      tools: [t],
    }),
  );
};

const toolsDisagree: OutcomeRule = (d, specific) => {
  const working = TOOL_IDS.filter((t) => d.tools[t].source !== 'error' && d.tools[t].source !== 'none');
  const identity = (t: ToolId) => {
    const r = d.tools[t];
    return `${r.profile}\u0000${r.source}\u0000${r.credentials.accessKeyId?.value ?? r.chain.join('>')}`;
  };
  if (new Set(working.map(identity)).size <= 1) return [];
  if (specific.some((f) => f.severity !== 'info' && f.tools.length > 1 && working.every((t) => f.tools.includes(t)))) return [];
  const parts = working.map((t) => `${TOOL_LABELS[t]}: profile "${d.tools[t].profile}", ${d.tools[t].source}${d.tools[t].chain.length > 1 ? ` via ${d.tools[t].chain.join(' → ')}` : ''}`);
  return [finding({
    code: FindingCode.ToolsDisagree,
    severity: 'warning',
    message: `The tools on this machine resolve different credentials — ${parts.join('; ')}.`,
    tools: working,
  })];
};

export const OUTCOME_RULES: readonly OutcomeRule[] = [noCredentials, resolutionFails, toolsDisagree];
