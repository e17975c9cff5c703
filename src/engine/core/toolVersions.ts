/**
 * The versions of the tools installed on the machine, and the behaviours that changed between
 * versions. A prediction for a version the user does not have is a wrong answer: the engine gates
 * each changed behaviour on the version it was given. Nothing known (nothing detected, nothing
 * pinned) means the newest behaviour, and the report says so.
 */
import type { ToolId } from './model';

export interface ToolVersions {
  /** The `aws` on PATH: "2.9.19" (v2) or "1.45.11" (v1, whose `aws` commands follow botocore). */
  readonly awsCli: string | null;
  /** botocore in the `python3` on PATH. */
  readonly botocore: string | null;
  /** Whether `awscrt` with EC support imports in that python3 (botocore's `aws login` needs it). */
  readonly awscrt: boolean | null;
  /** The AWS SDK for JavaScript v3 (`@aws-sdk/credential-provider-ini`), when pinned. */
  readonly jsSdk: string | null;
  /** pinned (`--tool-versions`, AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS), detected (read from the installations' files), or assumed (newest). */
  readonly from: 'pinned' | 'detected' | 'assumed';
  /** When detected: the `aws` and `python3` found on PATH (null: none), so that "not installed" and "version unknown" differ. */
  readonly paths?: { readonly aws: string | null; readonly python: string | null };
}

export const NEWEST_TOOLS: ToolVersions = { awsCli: null, botocore: null, awscrt: null, jsSdk: null, from: 'assumed' };

/** The behaviours that changed by version, and the first version of each tool that has the new one. */
export const VERSION_GATES = {
  /** `login_session` profiles (`aws login`): all three from 2025-11-19. */
  login: { node: '3.936.0', python: '1.41.0', cli: '2.32.0' },
  /** botocore's default `sts_regional_endpoints` became `regional` (AWS CLI v2 was always regional). */
  stsRegionalDefault: { python: '1.40.0' },
  /** A legacy (no sso-session) SSO token past its `expiresAt` is refused locally, without a call to the portal. */
  legacySsoLocalExpiry: { python: '1.39.15', cli: '2.25.3' },
  /**
   * An `sso_session` profile reached as a source profile reads its own sso-session (aws-cli#7496:
   * before, the token came from the selected profile's, and without one the call crashed with
   * "'NoneType' object has no attribute 'get_frozen_token'").
   */
  ssoSessionOfSourceProfile: { python: '1.29.75', cli: '2.10.2' },
  /** Endpoints configured in the environment or the files (`AWS_ENDPOINT_URL_<SERVICE>`, `endpoint_url`, `[services]`): AWS CLI 2.9.19 ignores them all. */
  configuredEndpoints: { cli: '2.13.0' },
} as const;

export type VersionedBehaviour = keyof typeof VERSION_GATES;

const VERSION = /^\d+(\.\d+){0,3}$/;

/** Compares dotted numeric versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The version that decides a tool's behaviour: the JavaScript SDK's, botocore's, or AWS CLI v2's (a v1 `aws` says nothing about v2). */
export function versionOf(v: ToolVersions, tool: ToolId): string | null {
  if (tool === 'node') return v.jsSdk;
  if (tool === 'python') return v.botocore;
  return v.awsCli !== null && v.awsCli.startsWith('2.') ? v.awsCli : null;
}

/** Whether the tool has the behaviour: an unknown version has it (newest behaviour). */
export function hasBehaviour(v: ToolVersions | undefined, tool: ToolId, behaviour: VersionedBehaviour): boolean {
  const gate = (VERSION_GATES[behaviour] as Partial<Record<ToolId, string>>)[tool];
  if (!gate || !v) return true;
  const version = versionOf(v, tool);
  return version === null || compareVersions(version, gate) >= 0;
}

/** The label a finding uses: "AWS CLI 2.9.19", "botocore 1.40.2", "the JavaScript SDK 3.900.0". */
export function versionLabel(v: ToolVersions, tool: ToolId): string {
  const version = versionOf(v, tool) ?? '?';
  return tool === 'node'
    ? `the JavaScript SDK ${version}`
    : tool === 'python'
      ? `botocore ${version}`
      : `AWS CLI ${version}`;
}

const KEYS: Readonly<Record<string, 'awsCli' | 'botocore' | 'awscrt' | 'jsSdk'>> = {
  'aws-cli': 'awsCli',
  awscli: 'awsCli',
  aws: 'awsCli',
  botocore: 'botocore',
  awscrt: 'awscrt',
  'js-sdk': 'jsSdk',
  'aws-sdk-js': 'jsSdk',
};

/**
 * Parses `aws-cli=2.9.19,botocore=1.43.11,awscrt=yes,js-sdk=3.936.0` (any subset; `none` for a
 * tool that is not installed). Returns the message of the first mistake instead.
 */
export function parseToolVersions(text: string): ToolVersions | string {
  const out: { -readonly [K in keyof ToolVersions]: ToolVersions[K] } = { ...NEWEST_TOOLS, from: 'pinned' };
  for (const part of text.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    const name = (eq < 0 ? item : item.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : item.slice(eq + 1).trim();
    const key = KEYS[name];
    if (!key) return `unknown tool "${name}" in tool versions (aws-cli, botocore, awscrt, js-sdk)`;
    if (key === 'awscrt') {
      if (/^(yes|true|1)$/i.test(value)) out.awscrt = true;
      else if (/^(no|false|0|none)$/i.test(value)) out.awscrt = false;
      else return `awscrt takes yes or no, not "${value}"`;
    } else if (value.toLowerCase() === 'none') out[key] = null;
    else if (VERSION.test(value)) out[key] = value;
    else return `${name} takes a version such as 2.9.19, not "${value}"`;
  }
  return out;
}
