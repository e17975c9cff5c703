/**
 * Diagnostic rules. Each rule is a pure function from the diagnosis to findings; `runRules`
 * runs them all. To add one, see ARCHITECTURE.md ("How to add a rule").
 */
import { DiagnosisBase } from './diagnose';
import { Finding, FindingCode, Fix, RelatedLocation, Severity } from './findings';
import { TOOL_IDS, TOOL_LABELS, ToolId } from './model';
import { maskAccessKeyId } from './redact';
import { ToolResolution } from './resolution';

export type Rule = (d: DiagnosisBase) => Finding[];

interface FindingInit {
  code: FindingCode;
  severity: Severity;
  message: string;
  tools: readonly ToolId[];
  file?: string;
  fileKind?: 'config' | 'credentials';
  line?: number;
  column?: number;
  env?: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

export function finding(init: FindingInit): Finding {
  return {
    code: init.code,
    severity: init.severity,
    message: init.message,
    file: init.file ?? null,
    fileKind: init.fileKind ?? null,
    line: init.line ?? null,
    column: init.column ?? null,
    env: init.env ?? null,
    tools: init.tools,
    related: init.related ?? [],
    fixes: init.fixes ?? [],
  };
}

export function toolList(tools: readonly ToolId[]): string {
  const names = tools.map((t) => TOOL_LABELS[t]);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function toolsWhere(d: DiagnosisBase, pred: (r: ToolResolution) => boolean): ToolId[] {
  return TOOL_IDS.filter((t) => pred(d.tools[t]));
}

const configParseError: Rule = (d) => {
  const e = d.pyView.parseError;
  if (!e) return [];
  return [finding({
    code: FindingCode.ConfigParseError,
    severity: 'error',
    message: `botocore cannot parse ${e.file.path} (${e.error.kind} on line ${e.error.line}), so boto3 and both AWS CLIs stop with "Unable to parse config file" before looking for credentials, even when environment keys are set. The JavaScript SDK ignores the line.`,
    tools: ['python', 'cli'],
    file: e.file.path,
    fileKind: e.file.kind,
    line: e.error.line,
    column: 1,
  })];
};

const profileNotFound: Rule = (d) => {
  const out: Finding[] = [];
  const missing = new Map<string, ToolId[]>();
  for (const t of ['python', 'cli'] as const) {
    const r = d.tools[t];
    if (r.source === 'error' && r.failure?.startsWith('The config profile (')) missing.set(r.profile, [...(missing.get(r.profile) ?? []), t]);
  }
  const node = d.tools.node;
  if (node.profileFrom !== 'default' && !d.nodeView.merged.has(node.profile)) missing.set(node.profile, [...(missing.get(node.profile) ?? []), 'node']);
  for (const [name, tools] of missing) {
    const origin = TOOL_IDS.map((t) => d.tools[t]).find((r) => r.profile === name)!.profileFrom;
    const known = [...d.pyView.profiles.keys()].sort();
    out.push(finding({
      code: FindingCode.ProfileNotFound,
      severity: 'error',
      message: `Profile "${name}" (from ${origin}) does not exist in ${d.pyView.config.path} or ${d.pyView.credentials.path}. ${toolList(tools)} cannot use it.${known.length ? ` Known profiles: ${known.join(', ')}.` : ''}`,
      tools,
      env: origin === '--profile' || origin === 'default' ? undefined : origin,
      fixes: known.slice(0, 5).map((p) => ({ title: `Switch to profile "${p}"`, action: { kind: 'switchProfile', profile: p } })),
    }));
  }
  return out;
};

const envKeysShadowProfile: Rule = (d) => {
  const { env } = d.input;
  if (!env.AWS_PROFILE || !env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY || d.input.explicitProfile) return [];
  const node = d.tools.node;
  const envTools = toolsWhere(d, (r) => r.source === 'env');
  return [finding({
    code: FindingCode.EnvKeysShadowProfile,
    severity: 'warning',
    message: `AWS_PROFILE=${env.AWS_PROFILE} is set together with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. The JavaScript SDK uses the profile (${node.source}) and ignores the keys; ${envTools.length ? `${toolList(envTools)} use the environment keys (${maskAccessKeyId(env.AWS_ACCESS_KEY_ID)}) and use the profile only for settings such as region` : 'the other tools do not use the keys either'}. The same machine talks to AWS as two identities.`,
    tools: ['node', ...envTools],
    env: 'AWS_PROFILE',
    fixes: [
      { title: 'Unset AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (use the profile)', action: { kind: 'unsetEnv', name: 'AWS_ACCESS_KEY_ID' }, preferred: true },
      { title: 'Unset AWS_PROFILE (use the environment keys)', action: { kind: 'unsetEnv', name: 'AWS_PROFILE' } },
    ],
  })];
};

const staleSessionToken: Rule = (d) => {
  const { env } = d.input;
  const id = env.AWS_ACCESS_KEY_ID ?? '';
  const token = env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN;
  if (!id.startsWith('AKIA') || !token) return [];
  const tools = toolsWhere(d, (r) => r.source === 'env' || (r.source === 'assume-role' && r.credentials.accessKeyId?.kind === 'env'));
  const name = env.AWS_SESSION_TOKEN ? 'AWS_SESSION_TOKEN' : 'AWS_SECURITY_TOKEN';
  return [finding({
    code: FindingCode.StaleSessionToken,
    severity: tools.length ? 'error' : 'warning',
    message: `${name} is set next to a long-term access key (${maskAccessKeyId(id)}, an AKIA key). Long-term keys take no session token, so AWS answers "The security token included in the request is invalid" (InvalidClientTokenId / UnrecognizedClientException). The token is probably left over from an earlier MFA or assume-role session.${tools.length ? ` Affects ${toolList(tools)}.` : ''}`,
    tools: tools.length ? tools : [...TOOL_IDS],
    env: name,
    fixes: [{ title: `Unset ${name}`, action: { kind: 'unsetEnv', name }, preferred: true }],
  })];
};

const ssoTokenExpired: Rule = (d) => {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const t of TOOL_IDS) {
    const r = d.tools[t];
    if (r.expiry?.kind !== 'sso-token' && !(r.source === 'error' && /SSO|sso/.test(r.failure ?? ''))) continue;
    const tools = toolsWhere(d, (x) => x.profile === r.profile && (x.source === 'error' && /SSO|sso|Token/.test(x.failure ?? '')));
    if (!tools.length || seen.has(r.profile)) continue;
    seen.add(r.profile);
    out.push(finding({
      code: FindingCode.SsoTokenExpired,
      severity: 'error',
      message: `The SSO login for profile "${r.profile}" has expired or is missing: ${toolList(tools)} fail before sending a request (${d.tools[tools[0]].failure}).`,
      tools,
      fixes: [{ title: `Run aws sso login --profile ${r.profile}`, action: { kind: 'runCommand', command: `aws sso login --profile ${r.profile}` }, preferred: true }],
    }));
  }
  return out;
};

const PROFILE_HEADER = /^([ \t]*)\[[ \t]*profile[ \t]+([^\]\s]+)[ \t]*\]/gm;

const profilePrefixInCredentials: Rule = (d) => {
  const out: Finding[] = [];
  const file = d.nodeView.credentials;
  if (!file.exists || !file.text.includes('profile')) return out;
  for (const m of file.text.matchAll(PROFILE_HEADER)) {
    const name = m[2];
    const { line, column } = file.lines.position(m.index! + m[1].length);
    out.push(finding({
      code: FindingCode.ProfilePrefixInCredentials,
      severity: 'error',
      message: `[profile ${name}] in the credentials file is not the profile "${name}": the credentials file takes bare names. The JavaScript SDK sees a section "profile.${name}", botocore and the AWS CLI a profile literally named "profile ${name}", so none of them finds these keys under "${name}".`,
      tools: [...TOOL_IDS],
      file: file.path,
      fileKind: 'credentials',
      line,
      column,
      fixes: [{ title: `Rename the section header to [${name}]`, action: { kind: 'replaceText', path: file.path, line, column, endColumn: column + m[0].length - m[1].length, text: `[${name}]` }, preferred: true }],
    }));
  }
  return out;
};

const noCredentials: Rule = (d) => {
  const tools = toolsWhere(d, (r) => r.source === 'none');
  if (!tools.length) return [];
  return [finding({
    code: FindingCode.NoCredentials,
    severity: tools.length === TOOL_IDS.length ? 'error' : 'warning',
    message: `${toolList(tools)} find${tools.length === 1 ? 's' : ''} no credentials for profile "${d.tools[tools[0]].profile}" and would fall back to instance metadata, which exists only on EC2. ${d.tools[tools[0]].steps.join('; ')}.`,
    tools,
  })];
};

const resolutionFails: Rule = (d) => {
  const out: Finding[] = [];
  for (const t of TOOL_IDS) {
    const r = d.tools[t];
    if (r.source !== 'error') continue;
    out.push(finding({
      code: FindingCode.CredentialResolutionFails,
      severity: 'error',
      message: `${TOOL_LABELS[t]} fails before sending any request (profile "${r.profile}"): ${r.failure}`,
      tools: [t],
    }));
  }
  return out;
};

const toolsDisagree: Rule = (d) => {
  const working = TOOL_IDS.filter((t) => d.tools[t].source !== 'error' && d.tools[t].source !== 'none');
  const key = (t: ToolId) => `${d.tools[t].profile}\u0000${d.tools[t].source}`;
  const distinct = new Set(working.map(key));
  if (distinct.size <= 1) return [];
  const parts = working.map((t) => `${TOOL_LABELS[t]}: profile "${d.tools[t].profile}", ${d.tools[t].source}`);
  return [finding({
    code: FindingCode.ToolsDisagree,
    severity: 'warning',
    message: `The tools on this machine resolve different credentials — ${parts.join('; ')}.`,
    tools: working,
  })];
};

export const RULES: readonly Rule[] = [
  configParseError,
  profileNotFound,
  envKeysShadowProfile,
  staleSessionToken,
  ssoTokenExpired,
  profilePrefixInCredentials,
  noCredentials,
  resolutionFails,
  toolsDisagree,
];

export function runRules(d: DiagnosisBase): Finding[] {
  return RULES.flatMap((rule) => rule(d));
}
