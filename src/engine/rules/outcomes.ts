/**
 * Whole-machine outcomes, said only when no specific finding already explains them: a tool finds
 * no credentials, a tool fails, the tools disagree.
 */
import { hasNoAwsSetup } from '../findings/diagnosis';
import type { Finding } from '../findings/findings';
import type { ToolId } from '../core/model';
import { TOOL_IDS, TOOL_LABELS } from '../core/model';
import type { Check } from './kit';
import { anyFileUnread, declareCodes, ruleModule, toolList } from './kit';

const CODES = declareCodes({
  NO_CREDENTIALS: {
    severity: 'error',
    cause: 'A tool finds no credentials and would fall back to EC2 instance metadata.',
    fix: 'Configure credentials or select a profile that has them.',
    messages: {
      one: '{tools} finds no credentials for profile "{profile}" and would fall back to EC2 instance metadata, which exists only on EC2 ("Could not load credentials from any providers" / "Unable to locate credentials"). Why: {steps}.',
      several:
        '{tools} find no credentials for profile "{profile}" and would fall back to EC2 instance metadata, which exists only on EC2 ("Could not load credentials from any providers" / "Unable to locate credentials"). Why: {steps}.',
    },
  },
  CREDENTIAL_RESOLUTION_FAILS: {
    severity: 'error',
    cause: 'A tool fails before sending a request, for a reason no specific rule covers.',
    fix: "See the message: it is the tool's own error.",
    messages: {
      main: '{tool} fails before sending any request (profile "{profile}"): {failure}',
    },
  },
  TOOLS_DISAGREE: {
    severity: 'warning',
    cause: 'The tools resolve different credentials on this machine.',
    fix: 'Align the environment and profile selection.',
    messages: {
      main: 'The tools on this machine resolve different credentials — {resolutions}.',
    },
  },
});

/** Tools for which a specific error already explains a failure. */
function explained(specific: readonly Finding[]): Set<ToolId> {
  const out = new Set<ToolId>();
  for (const f of specific) if (f.severity === 'error') for (const t of f.tools) out.add(t);
  return out;
}

const noCredentials: Check<typeof CODES> = ({ d, report, found }) => {
  // With no AWS setup at all there is nothing wrong to report: the report says what the tools would do.
  if (hasNoAwsSetup(d) || anyFileUnread(d)) return;
  const covered = explained(found);
  const tools = TOOL_IDS.filter((t) => d.tools[t].source === 'none' && !covered.has(t));
  if (!tools.length) return;
  const r = d.tools[tools[0]];
  report('NO_CREDENTIALS', tools.length === 1 ? 'one' : 'several', () => ({
    severity:
      tools.length === TOOL_IDS.length ||
      TOOL_IDS.every((t) => d.tools[t].source === 'none' || d.tools[t].source === 'error')
        ? 'error'
        : 'warning',
    data: { tools: toolList(tools), profile: r.profile, steps: r.steps.join('; ') },
    tools,
  }));
};

const resolutionFails: Check<typeof CODES> = ({ d, report, found }) => {
  const covered = explained(found);
  for (const t of TOOL_IDS.filter((t) => d.tools[t].source === 'error' && !covered.has(t))) {
    report('CREDENTIAL_RESOLUTION_FAILS', 'main', () => ({
      data: { tool: TOOL_LABELS[t], profile: d.tools[t].profile, failure: String(d.tools[t].failure) },
      tools: [t],
    }));
  }
};

const toolsDisagree: Check<typeof CODES> = ({ d, report, found }) => {
  const working = TOOL_IDS.filter((t) => d.tools[t].source !== 'error' && d.tools[t].source !== 'none');
  const identity = (t: ToolId) => {
    const r = d.tools[t];
    return `${r.profile}\u0000${r.source}\u0000${r.credentials.accessKeyId?.value ?? r.chain.join('>')}`;
  };
  if (new Set(working.map(identity)).size <= 1) return;
  if (found.some((f) => f.severity !== 'info' && f.tools.length > 1 && working.every((t) => f.tools.includes(t))))
    return;
  const parts = working.map(
    (t) =>
      `${TOOL_LABELS[t]}: profile "${d.tools[t].profile}", ${d.tools[t].source}${d.tools[t].chain.length > 1 ? ` via ${d.tools[t].chain.join(' → ')}` : ''}`,
  );
  report('TOOLS_DISAGREE', 'main', () => ({ data: { resolutions: parts.join('; ') }, tools: working }));
};

/** Whole-machine outcomes: runRules runs them after every specific rule, each seeing only the specific findings as `found`. */
export const OUTCOME_RULES = ruleModule(CODES, [noCredentials, resolutionFails, toolsDisagree]);
