/**
 * A profile's state from what each tool resolves for it (profileStatus.ts computes that): works,
 * expiring, expired (a login to renew, credentials past their expiry), error, the tools
 * disagreeing, no credentials of its own. Pure and small, with no resolver in it: the extension's
 * Profiles view recomputes the state as time passes, with its own clock and `tools` setting.
 */
import { timeLeft } from './format';
import type { ToolId } from './model';
import { TOOL_LABELS } from './model';
import type { ProfileKind, ProfileStatus, ProfileToolState } from './profiles';
import { toolList } from './rules/kit';

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
