/**
 * Every profile's state, as if each were chosen explicitly (`--profile NAME`, which is also what a
 * switch to it does for the JavaScript SDK): what each tool resolves for it, whether it works,
 * expires or fails, and which tool disagrees. For `diagnose --all-profiles` and the extension's
 * Profiles view. Linear: each profile is resolved once per tool, with the diagnosis' parsed files
 * and caches (about as long as the diagnosis itself on a home of thousands of profiles).
 */
import type { Diagnosis, DiagnosisBase } from './diagnosis';
import { timeLeft } from './format';
import type { ToolId } from './model';
import { TOOL_IDS, TOOL_LABELS } from './model';
import type { ProfileKind, ProfileStatus, ProfileSummary, ProfileToolState } from './profiles';
import { maskAccessKeyId } from './redact';
import type { Report } from './report';
import { CLI_V2, PYTHON, resolveBotocore } from './resolveBotocore';
import { resolveNode } from './resolveNode';
import { toolList } from './rules/kit';
import type { ToolResolution } from './toolResolution';

/** What each tool resolves for `profile` chosen explicitly, with the diagnosis' files and caches. */
export function resolveProfile(d: DiagnosisBase, profile: string): Record<ToolId, ToolResolution> {
  const input = { ...d.input, explicitProfile: profile };
  return {
    node: resolveNode(input, d.cache, d.nodeView),
    python: resolveBotocore(input, d.cache, d.pyView, PYTHON),
    cli: resolveBotocore(input, d.cache, d.pyView, CLI_V2),
  };
}

/**
 * The diagnosis as if `profile` had been chosen explicitly, for what reads one profile's resolution
 * (the live check's plan and classification): the tools resolved again, the findings and the
 * redactor of the whole diagnosis (they are about every profile). Costs three resolutions, not a diagnosis.
 */
export function profileDiagnosis(d: Diagnosis, profile: string): Diagnosis {
  return { ...d, input: { ...d.input, explicitProfile: profile }, tools: resolveProfile(d, profile), profile: { name: profile, from: '--profile' } };
}

const ROLE_ARN = /^arn:[a-z-]+:iam::(\d{12}):role\/(.+)$/;

/** The report with each profile's status (`diagnose --all-profiles`; the Profiles view). */
export function withProfileStatuses(report: Report, d: DiagnosisBase): Report {
  return { ...report, profiles: profileStatuses(d, report.profiles) };
}

function profileStatuses(d: DiagnosisBase, profiles: readonly ProfileSummary[]): ProfileSummary[] {
  const settings = d.pyView.parseError ? d.nodeView.merged : d.pyView.profiles;
  const warningMs = d.input.expiryWarningMs ?? 15 * 60_000;
  const ssoSessions = d.pyView.parseError ? d.nodeView.ssoSessions : d.pyView.ssoSessions;
  return profiles.map((p) => {
    const s = settings.get(p.name);
    const value = (key: string) => s?.get(key)?.value;
    const roleArn = ROLE_ARN.exec(value('role_arn') ?? '');
    const session = value('sso_session');
    const tools = {} as Record<ToolId, ProfileToolState>;
    const resolved = resolveProfile(d, p.name);
    for (const t of TOOL_IDS) tools[t] = toolState(d, resolved[t]);
    const facts = { ...p, tools, ssoSessionDefined: session === undefined ? value('sso_start_url') !== undefined : ssoSessions.has(session) };
    const state = profileState(facts, d.input.now, warningMs, TOOL_IDS);
    const status: ProfileStatus = {
      state: state.state,
      detail: describeState(state, d.input.now),
      account: value('sso_account_id') ?? roleArn?.[1] ?? value('aws_account_id') ?? null,
      ssoSession: session ?? value('sso_start_url') ?? null,
      ssoSessionDefined: facts.ssoSessionDefined,
      role: value('sso_role_name') ?? roleArn?.[2] ?? null,
      tools,
    };
    return { ...p, status };
  });
}

function toolState(d: DiagnosisBase, r: ToolResolution): ProfileToolState {
  const key = r.credentials.accessKeyId?.value ?? r.cacheKeyId?.value;
  return {
    source: r.source,
    region: r.region,
    expiresAt: r.expiry?.at ?? null,
    expiresFrom: r.expiry ? d.redactor.redact(r.expiry.from) : null,
    failure: r.failure === null ? null : d.redactor.redact(r.failure),
    accessKeyId: key ? maskAccessKeyId(key) : null,
    chain: r.chain,
  };
}

// ------------------------------------------------------------------------------------ the state

export type ProfileState = ProfileStatus['state'];

/** Why a profile counts as expired. */
export type ExpiredReason = 'sso-login-expired' | 'sso-not-signed-in' | 'login-not-signed-in' | 'credentials-expired';

/** A profile's state and what it rests on: which tools work, which fail and why, the nearest expiry. */
export interface StateOf {
  readonly state: ProfileState;
  /** For `expired`. */
  readonly reason?: ExpiredReason;
  /** The tools (of those considered) that resolve credentials. */
  readonly working: readonly ToolId[];
  /** The tools that fail (source "error") or find none ("none"). */
  readonly failing: readonly ToolId[];
  /** The first failing tool's failure, or undefined when it finds no credentials rather than failing. */
  readonly failure?: { readonly tool: ToolId; readonly text: string };
  /** For `disagree` with every tool working: what differs. */
  readonly differs?: 'credentials' | 'region';
  /** The earliest expiry among the working tools (ISO), when one is known. */
  readonly expiresAt?: string;
}

/** What the state is computed from: a profile's kind and logins, and what each tool resolves. */
export interface StateFacts {
  readonly kind: ProfileKind;
  readonly ssoTokenExpiresAt?: string | null;
  readonly loginTokenExpiresAt?: string | null;
  /** Whether its sso_session is defined (or it names an sso_start_url): only then is "not signed in" the answer. */
  readonly ssoSessionDefined: boolean;
  readonly tools: Readonly<Record<ToolId, ProfileToolState>>;
}

const works = (t: ProfileToolState) => t.source !== 'error' && t.source !== 'none';

/**
 * The state of a profile at `now`, considering `tools` (the extension's `tools` setting narrows
 * them). In order: a login that is needed (SSO, `aws login`) and missing or expired; no tool
 * working (error, or no credentials of its own for a settings-only profile); the tools disagreeing
 * (some work, some fail; or they resolve different credentials or regions); the nearest expiry
 * (expired, expiring within `warningMs`); else ok.
 */
export function profileState(f: StateFacts, now: number, warningMs: number, tools: readonly ToolId[]): StateOf {
  const working = tools.filter((t) => works(f.tools[t]));
  const failing = tools.filter((t) => !works(f.tools[t]));
  const failed = failing.find((t) => f.tools[t].source === 'error');
  const failure = failed !== undefined ? { tool: failed, text: f.tools[failed].failure ?? '' } : undefined;
  const base = { working, failing, ...(failure ? { failure } : {}) };
  const until = (iso: string | null | undefined) => (iso ? Date.parse(iso) - now : NaN);
  if (failing.length) {
    if (f.kind === 'sso' && f.ssoSessionDefined && !(until(f.ssoTokenExpiresAt) > 0)) return { ...base, state: 'expired', reason: f.ssoTokenExpiresAt ? 'sso-login-expired' : 'sso-not-signed-in' };
    if (f.kind === 'login' && !f.loginTokenExpiresAt) return { ...base, state: 'expired', reason: 'login-not-signed-in' };
    if (!working.length) return { ...base, state: f.kind === 'settings-only' && !failure ? 'no-credentials' : 'error' };
    return { ...base, state: 'disagree' };
  }
  let expiresAt: string | undefined;
  for (const t of working) {
    const at = f.tools[t].expiresAt;
    if (at && (expiresAt === undefined || Date.parse(at) < Date.parse(expiresAt))) expiresAt = at;
  }
  const withExpiry = { ...base, ...(expiresAt ? { expiresAt } : {}) };
  const left = until(expiresAt);
  if (left <= 0) return { ...withExpiry, state: 'expired', reason: f.kind === 'sso' ? 'sso-login-expired' : 'credentials-expired' };
  const one = f.tools[working[0]];
  if (working.some((t) => f.tools[t].source !== one.source || f.tools[t].accessKeyId !== one.accessKeyId || f.tools[t].chain.join('>') !== one.chain.join('>'))) return { ...withExpiry, state: 'disagree', differs: 'credentials' };
  if (working.some((t) => f.tools[t].region !== one.region)) return { ...withExpiry, state: 'disagree', differs: 'region' };
  return { ...withExpiry, state: left <= warningMs ? 'expiring' : 'ok' };
}

/** The state in one line of English (the command line's table and JSON `detail`; the extension words its own). */
export function describeState(s: StateOf, now: number): string {
  const left = s.expiresAt ? timeLeft(Date.parse(s.expiresAt) - now) : undefined;
  const fails = () => (s.failure ? `${TOOL_LABELS[s.failure.tool]}: ${s.failure.text}` : `${toolList(s.failing)} find${s.failing.length === 1 ? 's' : ''} no credentials in it`);
  switch (s.state) {
    case 'ok': return left ? `works, expires in ${left}` : 'works';
    case 'expiring': return `expires in ${left}`;
    case 'expired':
      switch (s.reason) {
        case 'sso-login-expired': return 'SSO login expired';
        case 'sso-not-signed-in': return 'not signed in to SSO';
        case 'login-not-signed-in': return 'not signed in (aws login)';
        default: return 'credentials expired';
      }
    case 'no-credentials': return 'no credentials of its own (settings only)';
    case 'error': return fails();
    case 'disagree':
      if (s.differs) return `${s.differs === 'region' ? 'the tools resolve different regions' : 'the tools resolve different credentials'}`;
      return `works in ${toolList(s.working)}; ${fails()}`;
  }
}
