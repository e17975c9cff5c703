/** Environment rules: variables that shadow, disagree, name nothing, or point at nothing. */
import type { Finding } from '../findings';
import { FindingCode } from '../findings';
import type { ToolId } from '../model';
import { TOOL_IDS, TOOL_LABELS } from '../model';
import { maskAccessKeyId } from '../redact';
import type { Rule } from './kit';
import { closest, emit, finding, toolList } from './kit';

const envKeysShadowProfile: Rule = (d) => {
  const { env } = d.input;
  if (!env.AWS_PROFILE || !env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY || d.input.explicitProfile) return [];
  const node = d.tools.node;
  const envTools = TOOL_IDS.filter((t) => d.tools[t].source === 'env');
  return [finding({
    code: FindingCode.EnvKeysShadowProfile,
    severity: 'warning',
    message: `AWS_PROFILE=${env.AWS_PROFILE} is set together with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (${maskAccessKeyId(env.AWS_ACCESS_KEY_ID)}). The JavaScript SDK uses the profile (${node.source === 'none' ? 'which gives it no credentials' : node.source === 'error' ? 'which fails before sending a request' : node.source}) and ignores the keys; ${envTools.length ? `${toolList(envTools)} use the environment keys and take only settings such as the region from the profile` : 'the other tools do not use the keys either'}. The same machine talks to AWS as two identities.`,
    tools: ['node', ...envTools],
    env: 'AWS_PROFILE',
    fixes: [
      { title: 'Unset AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (use the profile)', action: { kind: 'unsetEnv', name: 'AWS_ACCESS_KEY_ID' }, preferred: true },
      { title: 'Unset AWS_PROFILE (use the environment keys)', action: { kind: 'unsetEnv', name: 'AWS_PROFILE' } },
    ],
  })];
};

const defaultProfileVariable: Rule = (d) => {
  const { env } = d.input;
  const dp = env.AWS_DEFAULT_PROFILE;
  if (dp === undefined || dp === '' || d.input.explicitProfile !== undefined) return [];
  const p = env.AWS_PROFILE;
  if (p !== undefined && p !== '' && p === dp) return [];
  const byTool = TOOL_IDS.map((t) => `${TOOL_LABELS[t]} uses "${d.tools[t].profile}"`).join(', ');
  return [finding({
    code: FindingCode.DefaultProfileVariable,
    severity: 'warning',
    message: p
      ? `AWS_DEFAULT_PROFILE=${dp} and AWS_PROFILE=${p} disagree: botocore (boto3, AWS CLI v1) prefers AWS_DEFAULT_PROFILE, AWS CLI v2 and the JavaScript SDK use AWS_PROFILE (the JavaScript SDK never reads AWS_DEFAULT_PROFILE). ${byTool}.`
      : `AWS_DEFAULT_PROFILE=${dp} is set without AWS_PROFILE: botocore and the AWS CLI use it, but the JavaScript SDK never reads AWS_DEFAULT_PROFILE and uses "default". ${byTool}.`,
    tools: ['node', 'python', 'cli'],
    env: 'AWS_DEFAULT_PROFILE',
    fixes: [
      { title: `Set AWS_PROFILE=${dp} and unset AWS_DEFAULT_PROFILE`, action: { kind: 'setEnv', name: 'AWS_PROFILE', value: dp }, preferred: true },
      { title: 'Unset AWS_DEFAULT_PROFILE', action: { kind: 'unsetEnv', name: 'AWS_DEFAULT_PROFILE' } },
    ],
  })];
};

const regionVariablesDisagree: Rule = (d) => {
  const { env } = d.input;
  const r = env.AWS_REGION;
  const dr = env.AWS_DEFAULT_REGION;
  if (!r || !dr || r === dr) {
    if (r && !dr && d.tools.python.region !== r) {
      return [finding({
        code: FindingCode.RegionVariablesDisagree,
        severity: 'warning',
        message: `AWS_REGION=${r} is set but AWS_DEFAULT_REGION is not: botocore (boto3, AWS CLI v1) ignores AWS_REGION and uses ${d.tools.python.region ? `${d.tools.python.region} from ${d.tools.python.regionFrom}` : 'no region at all'}, while the JavaScript SDK and AWS CLI v2 use ${r}.`,
        tools: ['python'],
        env: 'AWS_REGION',
        fixes: [{ title: `Also set AWS_DEFAULT_REGION=${r}`, action: { kind: 'setEnv', name: 'AWS_DEFAULT_REGION', value: r }, preferred: true }],
      })];
    }
    return [];
  }
  return [finding({
    code: FindingCode.RegionVariablesDisagree,
    severity: 'warning',
    message: `AWS_REGION=${r} and AWS_DEFAULT_REGION=${dr} disagree: the JavaScript SDK and AWS CLI v2 use ${r} (AWS_REGION), botocore (boto3, AWS CLI v1) uses ${dr} (it ignores AWS_REGION). The same command talks to two regions depending on the tool.`,
    tools: ['node', 'python', 'cli'],
    env: 'AWS_REGION',
    fixes: [{ title: `Set AWS_DEFAULT_REGION=${r}`, action: { kind: 'setEnv', name: 'AWS_DEFAULT_REGION', value: r }, preferred: true }],
  })];
};

const emptyProfileVariable: Rule = (d) =>
  (['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const).flatMap((name) => {
    if (d.input.env[name] !== '' || d.input.explicitProfile !== undefined) return [];
    const tools = TOOL_IDS.filter((t) => d.tools[t].profile === '' && d.tools[t].source === 'error');
    if (!tools.length) return [];
    return [finding({
      code: FindingCode.EmptyProfileVariable,
      severity: 'error',
      message: `${name} is set to an empty string. The JavaScript SDK treats that as unset and uses "default", but ${toolList(tools)} look for a profile named "" and fail: "The config profile () could not be found".`,
      tools,
      env: name,
      fixes: [{ title: `Unset ${name}`, action: { kind: 'unsetEnv', name }, preferred: true }],
    })];
  });

const profileNotFound: Rule = (d) => {
  const missing = new Map<string, ToolId[]>();
  for (const t of TOOL_IDS) {
    const r = d.tools[t];
    if (r.profile === '' || r.profileFrom === 'default') continue;
    // A config file botocore cannot parse stops it before any profile is looked for (CONFIG_PARSE_ERROR says so).
    if (t !== 'node' && d.pyView.parseError) continue;
    const exists = t === 'node' ? d.nodeView.merged.has(r.profile) : d.pyView.profiles.has(r.profile);
    if (!exists) missing.set(r.profile, [...(missing.get(r.profile) ?? []), t]);
  }
  return [...missing].map(([name, tools]) => {
    const origin = d.tools[tools[0]].profileFrom;
    // Never the missing name itself (botocore's profile "profile x" in the credentials file is not the JavaScript SDK's).
    const known = [...d.pyView.profiles.keys()].filter((k) => k !== name);
    const suggestion = closest(name, known, 3);
    return finding({
      code: FindingCode.ProfileNotFound,
      severity: 'error',
      message: `Profile "${name}" (from ${origin}) does not exist in ${d.pyView.config.path} or ${d.pyView.credentials.path}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} ${tools.includes('python') || tools.includes('cli') ? 'botocore and the AWS CLI stop with "The config profile (' + name + ') could not be found", even when environment keys are set' : ''}${tools.includes('node') ? `${tools.length > 1 ? '; t' : 'T'}he JavaScript SDK skips its environment keys for it and ends with "Could not load credentials from any providers"` : ''}.`,
      tools,
      env: origin === '--profile' || origin === 'default' ? undefined : origin,
      fixes: (suggestion ? [suggestion, ...known.filter((k) => k !== suggestion)] : known).slice(0, 5).map((p, i) => ({ title: `Switch to profile "${p}"`, action: { kind: 'switchProfile' as const, profile: p }, preferred: i === 0 && p === suggestion })),
    });
  });
};

const partialEnvKeys: Rule = (d) => {
  const { env } = d.input;
  const id = !!env.AWS_ACCESS_KEY_ID;
  const secret = !!env.AWS_SECRET_ACCESS_KEY;
  if (id === secret) return [];
  const present = id ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
  const failing = TOOL_IDS.filter((t) => d.tools[t].failure?.startsWith('Partial credentials found in env'));
  return [finding({
    code: FindingCode.PartialEnvKeys,
    severity: failing.length ? 'error' : 'warning',
    message: id
      ? `AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY. ${failing.length ? `${toolList(failing)} stop with "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY"` : 'botocore and the AWS CLI stop with "Partial credentials found in env" when they reach the environment'}; the JavaScript SDK silently skips the environment and uses the next source.`
      : 'AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID: every tool ignores it. It is probably left over, or the key id was lost.',
    tools: failing.length ? failing : [...TOOL_IDS],
    env: present,
    fixes: [{ title: `Unset ${present}`, action: { kind: 'unsetEnv', name: present }, preferred: true }],
  })];
};

const fileVariables: Rule = (d) => {
  const out: Finding[] = [];
  const { env } = d.input;
  for (const [name, kind] of [['AWS_CONFIG_FILE', 'config'], ['AWS_SHARED_CREDENTIALS_FILE', 'credentials']] as const) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const nodePath = d.nodeView[kind].path;
    const pyPath = d.pyView[kind].path;
    if (nodePath !== pyPath) {
      emit(d, out, FindingCode.FileVariableNotExpanded, () => ({
        severity: 'warning',
        message: `${name}=${raw} is read differently: the JavaScript SDK expands only a leading "~/" and opens ${nodePath}${d.nodeView[kind].exists ? '' : ' (missing)'}, botocore and the AWS CLI expand variables and open ${pyPath}${d.pyView[kind].exists ? '' : ' (missing)'}. Write the absolute path.`,
        tools: ['node', 'python', 'cli'],
        env: name,
        fixes: [{ title: `Set ${name}=${pyPath}`, action: { kind: 'setEnv', name, value: pyPath }, preferred: true }],
      }));
      continue;
    }
    // A file that is there but is not a regular file (or too large) has its own finding, NOT_A_REGULAR_FILE / FILE_TOO_LARGE.
    const unread = ['EISDIR', 'ENOTREG', 'EFBIG'].includes(d.pyView[kind].readError ?? '');
    if (!d.pyView[kind].exists && !unread) {
      emit(d, out, FindingCode.FileVariableMissingFile, () => ({
        severity: 'warning',
        message: `${name} points at ${pyPath}, which does not exist${d.pyView[kind].readError ? ` or cannot be read (${d.pyView[kind].readError})` : ''}: every tool reads no ${kind} file at all, and ~/.aws/${kind} is ignored.`,
        tools: ['node', 'python', 'cli'],
        env: name,
        fixes: [{ title: `Unset ${name} (use ~/.aws/${kind})`, action: { kind: 'unsetEnv', name }, preferred: true }],
      }));
    }
  }
  return out;
};

export const ENVIRONMENT_RULES: readonly Rule[] = [envKeysShadowProfile, defaultProfileVariable, regionVariablesDisagree, emptyProfileVariable, profileNotFound, partialEnvKeys, fileVariables];
