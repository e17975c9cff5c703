/** Rules about the versions of the tools installed here: a profile that needs a newer tool. */
import type { DiagnosisBase } from '../diagnosis';
import { FindingCode } from '../findings';
import type { Finding } from '../findings';
import type { Setting, ToolId } from '../model';
import { TOOL_IDS } from '../model';
import { VERSION_GATES, hasBehaviour, versionLabel } from '../toolVersions';
import { SSO_SOURCE_CRASH } from '../resolveBotocore';
import type { Rule } from './kit';
import { commandFor, finding, toolList, toolsUsingProfile } from './kit';

/** The `login_session` line of a profile as the tool reads it, and the file it is in. */
export function loginSessionOf(d: DiagnosisBase, tool: ToolId, profile: string): { setting: Setting; path: string } | undefined {
  const view = tool === 'node' ? d.nodeView : d.pyView;
  const p = tool === 'node' ? d.nodeView.merged.get(profile) : d.pyView.profiles.get(profile);
  const s = p?.get('login_session');
  if (!s) return undefined;
  return { setting: s, path: s.file === 'config' ? view.config.path : view.credentials.path };
}

/** The profiles a tool walks (the selected one and its source profiles). */
function chainOf(d: DiagnosisBase, tool: ToolId): readonly string[] {
  const r = d.tools[tool];
  return r.chain.length ? r.chain : [r.profile];
}

const tooOldForLogin: Rule = (d) => {
  const v = d.input.toolVersions;
  if (!v) return [];
  const out: Finding[] = [];
  for (const tool of TOOL_IDS) {
    for (const profile of chainOf(d, tool)) {
      // The profile before the version: a diagnosis with no login profile never consults it (versionSensitivity.ts).
      const login = loginSessionOf(d, tool, profile);
      if (!login || hasBehaviour(v, tool, 'login')) continue;
      const s = login.setting;
      out.push(finding({
        code: FindingCode.ToolTooOld,
        severity: 'error',
        message: `${capitalise(versionLabel(v, tool))} predates \`aws login\` profiles (${VERSION_GATES.login[tool]}): it ignores login_session in profile ${profile}, so ${toolList([tool])} does not use the console sign-in. Upgrade it to ${VERSION_GATES.login[tool]} or later.`,
        tools: [tool],
        file: login.path,
        fileKind: s.file,
        line: s.line,
        column: s.column,
      }));
    }
  }
  return out;
};

const crtMissing: Rule = (d) => {
  const v = d.input.toolVersions;
  if (!v) return [];
  const out: Finding[] = [];
  for (const profile of chainOf(d, 'python')) {
    const login = loginSessionOf(d, 'python', profile);
    if (!login || v.awscrt !== false || !hasBehaviour(v, 'python', 'login')) continue;
    out.push(finding({
      code: FindingCode.BotocoreCrtMissing,
      severity: 'error',
      message: `Profile ${profile} signs in with \`aws login\` (login_session), which botocore (boto3, AWS CLI v1) can use only with awscrt's EC support, missing in this Python: it stops with "Missing Dependency: Using the login credential provider requires an additional dependency". Run pip install "botocore[crt]". The AWS CLI v2 bundles it.`,
      tools: ['python'],
      file: login.path,
      fileKind: login.setting.file,
      line: login.setting.line,
      column: login.setting.column,
      fixes: [{ title: 'Install botocore[crt]', action: { kind: 'runCommand', command: commandFor(d, ['python3', '-m', 'pip', 'install', 'botocore[crt]']) }, preferred: true }],
    }));
  }
  return out;
};

const stsGlobalEndpoint: Rule = (d) => {
  const v = d.input.toolVersions;
  const r = d.tools.python;
  if (!v) return [];
  if (r.source !== 'assume-role' && r.source !== 'web-identity') return [];
  if (d.input.env.AWS_STS_REGIONAL_ENDPOINTS !== undefined) return [];
  const p = d.pyView.profiles.get(r.profile);
  if (p?.has('sts_regional_endpoints') || hasBehaviour(v, 'python', 'stsRegionalDefault')) return [];
  const at = p?.get('role_arn') ?? p?.get('web_identity_token_file');
  return [finding({
    code: FindingCode.StsGlobalEndpoint,
    severity: 'info',
    message: `${capitalise(versionLabel(v, 'python'))} sends the STS call of profile ${r.profile} to the global endpoint sts.amazonaws.com (us-east-1), not to ${r.region ?? 'the region'}'s: sts_regional_endpoints defaults to legacy before botocore 1.40.0. Tokens from the global endpoint do not work in opt-in regions. Set sts_regional_endpoints = regional in the profile or upgrade botocore.`,
    tools: toolsUsingProfile(d, r.profile).filter((t) => t === 'python'),
    ...(at ? { file: at.file === 'config' ? d.pyView.config.path : d.pyView.credentials.path, fileKind: at.file, line: at.line, column: at.column } : {}),
  })];
};

/** botocore before 1.29.75 and AWS CLI v2 before 2.10.2 crash on a role whose source profile uses an sso-session (aws-cli#7496). */
const ssoSessionSourceTooOld: Rule = (d) => {
  const v = d.input.toolVersions;
  const out: Finding[] = [];
  for (const tool of ['python', 'cli'] as const) {
    const r = d.tools[tool];
    if (!v || r.failure !== SSO_SOURCE_CRASH) continue;
    // The source profile that has the sso_session: down the source_profile links (at most one step per profile).
    let name = r.profile;
    let session: Setting | undefined;
    for (let steps = 0; steps <= d.pyView.profiles.size && !session; steps++) {
      const next = d.pyView.profiles.get(name)?.get('source_profile')?.value;
      if (next === undefined) break;
      name = next;
      session = d.pyView.profiles.get(name)?.get('sso_session');
    }
    const gate = VERSION_GATES.ssoSessionOfSourceProfile[tool];
    out.push(finding({
      code: FindingCode.ToolTooOld,
      severity: 'error',
      message: `${capitalise(versionLabel(v, tool))} crashes on profile ${r.profile} ("${SSO_SOURCE_CRASH}"): its source profile ${name} signs in through an sso-session, which versions before ${gate} look up in the selected profile ${r.profile} instead (aws-cli#7496). Upgrade it to ${gate} or later; the JavaScript SDK is not affected.`,
      tools: [tool],
      ...(session ? { file: session.file === 'config' ? d.pyView.config.path : d.pyView.credentials.path, fileKind: session.file, line: session.line, column: session.column } : {}),
    }));
  }
  return out;
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const VERSION_RULES: readonly Rule[] = [tooOldForLogin, crtMissing, stsGlobalEndpoint, ssoSessionSourceTooOld];
