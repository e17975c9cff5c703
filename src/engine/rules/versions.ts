/** Rules about the versions of the tools installed here: a profile that needs a newer tool. */
import type { DiagnosisBase } from '../findings/diagnosis';
import type { Setting, ToolId } from '../core/model';
import { TOOL_IDS } from '../core/model';
import { VERSION_GATES, hasBehaviour, versionOf } from '../core/toolVersions';
import { SSO_SOURCE_CRASH } from '../resolve/resolveBotocore';
import type { Check } from './kit';
import { commandFor, declareCodes, ruleModule, toolsUsingProfile } from './kit';

const CODES = declareCodes({
  TOOL_TOO_OLD: {
    severity: 'error',
    cause:
      'A profile in use needs a newer tool than the one installed, e.g. AWS CLI 2.9.19 and a `login_session` profile (`aws login` needs AWS CLI 2.32.0, botocore 1.41.0, the JavaScript SDK 3.936.0).',
    fix: 'Upgrade the tool, or pin the versions you really run with `--tool-versions`.',
    // One template per tool: the tool's name starts the sentence ("Botocore 1.40.0 …", as ever).
    messages: {
      loginNode:
        'The JavaScript SDK {version} predates `aws login` profiles ({gate}): it ignores login_session in profile {profile}, so JavaScript SDK v3 does not use the console sign-in. Upgrade it to {gate} or later.',
      loginBotocore:
        'Botocore {version} predates `aws login` profiles ({gate}): it ignores login_session in profile {profile}, so botocore (boto3, AWS CLI v1) does not use the console sign-in. Upgrade it to {gate} or later.',
      loginCli:
        'AWS CLI {version} predates `aws login` profiles ({gate}): it ignores login_session in profile {profile}, so AWS CLI v2 does not use the console sign-in. Upgrade it to {gate} or later.',
      ssoSessionSourceBotocore:
        'Botocore {version} crashes on profile {profile} ("{error}"): its source profile {sourceProfile} signs in through an sso-session, which versions before {gate} look up in the selected profile {profile} instead (aws-cli#7496). Upgrade it to {gate} or later; the JavaScript SDK is not affected.',
      ssoSessionSourceCli:
        'AWS CLI {version} crashes on profile {profile} ("{error}"): its source profile {sourceProfile} signs in through an sso-session, which versions before {gate} look up in the selected profile {profile} instead (aws-cli#7496). Upgrade it to {gate} or later; the JavaScript SDK is not affected.',
    },
  },
  BOTOCORE_CRT_MISSING: {
    severity: 'error',
    cause:
      'A `login_session` profile and a botocore without `awscrt` (EC): boto3 and AWS CLI v1 stop with MissingDependencyException.',
    fix: 'Run `pip install "botocore[crt]"` in that Python.',
    messages: {
      main: 'Profile {profile} signs in with `aws login` (login_session), which botocore (boto3, AWS CLI v1) can use only with awscrt\'s EC support, missing in this Python: it stops with "Missing Dependency: Using the login credential provider requires an additional dependency". Run pip install "botocore[crt]". The AWS CLI v2 bundles it.',
    },
  },
  STS_GLOBAL_ENDPOINT: {
    severity: 'info',
    cause:
      'botocore older than 1.40.0 sends STS calls to the global endpoint unless `sts_regional_endpoints = regional`.',
    fix: 'Set `sts_regional_endpoints = regional` or upgrade botocore.',
    untestable: 'Needs botocore older than 1.40.0: only 1.43 is installed here and PyPI cannot be reached.',
    messages: {
      main: "Botocore {version} sends the STS call of profile {profile} to the global endpoint sts.amazonaws.com (us-east-1), not to {region}'s: sts_regional_endpoints defaults to legacy before botocore 1.40.0. Tokens from the global endpoint do not work in opt-in regions. Set sts_regional_endpoints = regional in the profile or upgrade botocore.",
      noRegion:
        "Botocore {version} sends the STS call of profile {profile} to the global endpoint sts.amazonaws.com (us-east-1), not to the region's: sts_regional_endpoints defaults to legacy before botocore 1.40.0. Tokens from the global endpoint do not work in opt-in regions. Set sts_regional_endpoints = regional in the profile or upgrade botocore.",
    },
  },
});

type Codes = typeof CODES;

const LOGIN_TOO_OLD = { node: 'loginNode', python: 'loginBotocore', cli: 'loginCli' } as const;
const SSO_SESSION_SOURCE_TOO_OLD = { python: 'ssoSessionSourceBotocore', cli: 'ssoSessionSourceCli' } as const;

/** The `login_session` line of a profile as the tool reads it, and the file it is in. */
export function loginSessionOf(
  d: DiagnosisBase,
  tool: ToolId,
  profile: string,
): { setting: Setting; path: string } | undefined {
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

const tooOldForLogin: Check<Codes> = ({ d, report }) => {
  const v = d.input.toolVersions;
  if (!v) return;
  for (const tool of TOOL_IDS) {
    for (const profile of chainOf(d, tool)) {
      // The profile before the version: a diagnosis with no login profile never consults it (versionSensitivity.ts).
      const login = loginSessionOf(d, tool, profile);
      if (!login || hasBehaviour(v, tool, 'login')) continue;
      const s = login.setting;
      report('TOOL_TOO_OLD', LOGIN_TOO_OLD[tool], () => ({
        data: { version: versionOf(v, tool) ?? '?', gate: VERSION_GATES.login[tool], profile },
        tools: [tool],
        file: login.path,
        fileKind: s.file,
        line: s.line,
        column: s.column,
      }));
    }
  }
};

const crtMissing: Check<Codes> = ({ d, report }) => {
  const v = d.input.toolVersions;
  if (!v) return;
  for (const profile of chainOf(d, 'python')) {
    const login = loginSessionOf(d, 'python', profile);
    if (!login || v.awscrt !== false || !hasBehaviour(v, 'python', 'login')) continue;
    report('BOTOCORE_CRT_MISSING', 'main', () => ({
      data: { profile },
      tools: ['python'],
      file: login.path,
      fileKind: login.setting.file,
      line: login.setting.line,
      column: login.setting.column,
      fixes: [
        {
          title: 'Install botocore[crt]',
          action: { kind: 'runCommand', command: commandFor(d, ['python3', '-m', 'pip', 'install', 'botocore[crt]']) },
          preferred: true,
        },
      ],
    }));
  }
};

const stsGlobalEndpoint: Check<Codes> = ({ d, report }) => {
  const v = d.input.toolVersions;
  const r = d.tools.python;
  if (!v) return;
  if (r.source !== 'assume-role' && r.source !== 'web-identity') return;
  if (d.input.env.AWS_STS_REGIONAL_ENDPOINTS !== undefined) return;
  const p = d.pyView.profiles.get(r.profile);
  if (p?.has('sts_regional_endpoints') || hasBehaviour(v, 'python', 'stsRegionalDefault')) return;
  const at = p?.get('role_arn') ?? p?.get('web_identity_token_file');
  const where = {
    tools: toolsUsingProfile(d, r.profile).filter((t) => t === 'python'),
    ...(at
      ? {
          file: at.file === 'config' ? d.pyView.config.path : d.pyView.credentials.path,
          fileKind: at.file,
          line: at.line,
          column: at.column,
        }
      : {}),
  };
  const data = { version: versionOf(v, 'python') ?? '?', profile: r.profile };
  const region = r.region;
  if (region !== null) report('STS_GLOBAL_ENDPOINT', 'main', () => ({ data: { ...data, region }, ...where }));
  else report('STS_GLOBAL_ENDPOINT', 'noRegion', () => ({ data, ...where }));
};

/** botocore before 1.29.75 and AWS CLI v2 before 2.10.2 crash on a role whose source profile uses an sso-session (aws-cli#7496). */
const ssoSessionSourceTooOld: Check<Codes> = ({ d, report }) => {
  const v = d.input.toolVersions;
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
    report('TOOL_TOO_OLD', SSO_SESSION_SOURCE_TOO_OLD[tool], () => ({
      data: {
        version: versionOf(v, tool) ?? '?',
        profile: r.profile,
        error: SSO_SOURCE_CRASH,
        sourceProfile: name,
        gate: VERSION_GATES.ssoSessionOfSourceProfile[tool],
      },
      tools: [tool],
      ...(session
        ? {
            file: session.file === 'config' ? d.pyView.config.path : d.pyView.credentials.path,
            fileKind: session.file,
            line: session.line,
            column: session.column,
          }
        : {}),
    }));
  }
};

export const VERSION_RULES = ruleModule(CODES, [tooOldForLogin, crtMissing, stsGlobalEndpoint, ssoSessionSourceTooOld]);
