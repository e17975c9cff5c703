/**
 * Everything the live check decides before its child process starts, from the diagnosis alone:
 * the region STS is called in, the child's environment, and what to tell the user first (a
 * credential_process that will run, variables withheld, calls an endpoint override cannot reach).
 * Pure: no Node module, no SDK.
 */
import type { Diagnosis } from '../engine/findings/diagnosis';
import { nodeHomeDir } from '../engine/files/paths';

/** The container credential endpoint's variables: like instance metadata, used only when allowed. */
export const CONTAINER_VARIABLES = [
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
];

export interface LivePlanOptions {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly allowImds?: boolean;
}

export interface LivePlan {
  /** The profile the SDK will use. */
  readonly profile: string;
  readonly region: string;
  /** Where the region comes from, in words. */
  readonly regionFrom: string;
  /** The child process's whole environment. */
  readonly env: Readonly<Record<string, string>>;
  /** The directory it runs in: the diagnosis' (a relative credential_process is found from there), else the caller's. */
  readonly cwd?: string;
  /** Variables of the diagnosis' environment the child does not get. */
  readonly withheld: readonly string[];
  /** Said before the check runs (redacted). */
  readonly notices: readonly string[];
  /** The credential_process commands the check will execute: the profile that names each, and the command (redacted). */
  readonly credentialProcesses: readonly { readonly profile: string; readonly command: string }[];
}

export function planLiveCheck(
  d: Diagnosis,
  options: LivePlanOptions,
  runtime: { readonly electron: boolean } = { electron: false },
): LivePlan {
  const node = d.tools.node;
  const profile = options.profile ?? node.profile;
  // The region STS is called in: the one the JavaScript SDK resolves for this profile (the engine
  // predicts it, and the differential suite proves it equal to the SDK's); else the caller's;
  // else us-east-1. The JS SDK has no global-endpoint fallback ("Region is missing" before any
  // request), while botocore and the AWS CLI send STS calls without a region to the global
  // endpoint sts.amazonaws.com, which is us-east-1; us-east-1 is also never an opt-in region,
  // so a valid key always works there.
  const [region, regionFrom] = node.region
    ? [node.region, `the JavaScript SDK's region (${node.regionFrom ?? 'configured'})`]
    : options.region
      ? [options.region, 'the region given to the check']
      : ['us-east-1', 'us-east-1, no region being configured'];

  // Exactly the diagnosis' environment (what the engine saw), never the parent's own AWS_*.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.input.env)) if (v !== undefined) env[k] = v;
  env.HOME = nodeHomeDir(d.input.env, d.input.fallbackHomeDir);
  const withheld: string[] = [];
  if (!options.allowImds) {
    env.AWS_EC2_METADATA_DISABLED = 'true';
    for (const name of CONTAINER_VARIABLES) {
      if (env[name] === undefined) continue;
      delete env[name];
      withheld.push(name);
    }
  }
  // The check's own SDK, not the user's: its Node-version notice would only be noise.
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // In VS Code's Electron the executable is Electron: this makes it run the child as plain Node.
  if (runtime.electron) env.ELECTRON_RUN_AS_NODE = '1';

  const notices: string[] = [];
  const processes = credentialProcesses(d, profile);
  for (const [name, command] of processes) {
    notices.push(`The live check runs the credential_process of profile "${name}": ${command}`);
  }
  const uris = withheld.filter((n) => n.endsWith('_URI'));
  if (uris.length)
    notices.push(
      `${uris.join(' and ')} ${uris.length > 1 ? 'are' : 'is'} withheld from the live check: the container credential endpoint is contacted only when instance metadata is allowed (--allow-imds).`,
    );
  if (options.endpointUrl && usesSso(d, profile)) {
    notices.push(
      `--endpoint-url redirects STS calls only: the SDK still asks the SSO portal (GetRoleCredentials, and CreateToken to refresh the token) at AWS's SSO endpoints for sso_region, or where AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL_SSO_OIDC or AWS_ENDPOINT_URL point.`,
    );
  }
  return {
    profile,
    region,
    regionFrom,
    env,
    ...(d.input.cwd !== undefined ? { cwd: d.input.cwd } : {}),
    withheld,
    notices: notices.map((n) => d.redactor.redact(n)),
    credentialProcesses: processes.map(([name, command]) => ({ profile: name, command: d.redactor.redact(command) })),
  };
}

/** The profiles the SDK walks for this one: itself, then its source_profile chain (linear; a cycle ends it). */
export function profilesWalked(d: Diagnosis, profile: string): string[] {
  const walked = new Set<string>();
  for (
    let name: string | undefined = profile;
    name !== undefined && !walked.has(name);
    name = d.nodeView.merged.get(name)?.get('source_profile')?.value
  )
    walked.add(name);
  return [...walked];
}

/**
 * The credential_process commands the SDK's chain will execute: every one on the profiles it
 * walks, unless the JavaScript SDK signs with environment or static keys (found first).
 */
function credentialProcesses(d: Diagnosis, profile: string): [string, string][] {
  const source = d.tools.node.source;
  if (source === 'env' || source === 'static') return [];
  const out: [string, string][] = [];
  for (const name of profilesWalked(d, profile)) {
    const command = d.nodeView.merged.get(name)?.get('credential_process')?.value;
    if (command) out.push([name, command]);
  }
  return out;
}

function usesSso(d: Diagnosis, profile: string): boolean {
  if (d.tools.node.source === 'sso') return true;
  return profilesWalked(d, profile).some((name) => {
    const p = d.nodeView.merged.get(name);
    return !!p && (p.has('sso_session') || p.has('sso_start_url'));
  });
}
