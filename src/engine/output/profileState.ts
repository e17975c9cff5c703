/**
 * A profile's state from what each tool resolves for it (profileStatus.ts computes that): works,
 * expiring, expired (a login to renew, credentials past their expiry), error, the tools
 * disagreeing, no credentials of its own. Pure and small, with no resolver in it: the extension's
 * Profiles view recomputes the state as time passes, with its own clock and `tools` setting.
 */
import { timeLeft } from './format';
import type { ToolId } from '../core/model';
import { TOOL_LABELS } from '../core/model';
import type { ProfileFinding, ProfileKind, ProfileStatus, ProfileToolState } from '../findings/profiles';
import { toolList } from '../rules/kit';
import { firstSentence } from '../core/text';

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
  /** For `error` although the tools resolve credentials: the error finding on a line of the profile (a request will fail). */
  readonly finding?: ProfileFinding;
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
  /** The findings on its lines (an error one makes it "error": a request will fail). */
  readonly findings?: readonly ProfileFinding[];
}

const works = (t: ProfileToolState) => t.source !== 'error' && t.source !== 'none';

/**
 * What a profile's state rests on, apart from the clock: which tools work and fail, the first
 * failure, what the tools disagree on, the nearest expiry. Made once per profile and `tools`; the
 * state at a time (`stateAt`) is then a few comparisons, its result kept per state.
 */
export interface StateBasis {
  readonly working: readonly ToolId[];
  readonly failing: readonly ToolId[];
  readonly failure?: { readonly tool: ToolId; readonly text: string };
  /** When some tool fails: the state unless the SSO login (`ssoLogin`) has expired by then. */
  readonly whenFailing?: { readonly state: ProfileState; readonly reason?: ExpiredReason };
  /** An SSO profile of a defined session with a failing tool: the login's expiry decides (null: never signed in). */
  readonly ssoLogin?: string | null;
  readonly expiresAt?: string;
  readonly expiresAtMs: number;
  readonly differs?: 'credentials' | 'region';
  /** The first error finding on its lines: "error" where the tools alone would say it works. */
  readonly finding?: ProfileFinding;
  readonly expiredReason: ExpiredReason;
  /** The states made so far, one object each (the view asks for them again and again). */
  readonly made: Map<string, StateOf>;
}

function sameCredentials(a: ProfileToolState, b: ProfileToolState): boolean {
  if (a === b) return true;
  if (a.source !== b.source || a.accessKeyId !== b.accessKeyId || a.chain.length !== b.chain.length) return false;
  for (let i = 0; i < a.chain.length; i++) if (a.chain[i] !== b.chain[i]) return false;
  return true;
}

export function stateBasis(f: StateFacts, tools: readonly ToolId[]): StateBasis {
  const working: ToolId[] = [];
  const failing: ToolId[] = [];
  let failure: StateBasis['failure'];
  for (const t of tools) {
    const r = f.tools[t];
    if (works(r)) working.push(t);
    else {
      failing.push(t);
      if (!failure && r.source === 'error') failure = { tool: t, text: r.failure ?? '' };
    }
  }
  const made = new Map<string, StateOf>();
  const expiredReason: ExpiredReason = f.kind === 'sso' ? 'sso-login-expired' : 'credentials-expired';
  const finding = f.findings?.find((x) => x.severity === 'error');
  if (failing.length) {
    const whenFailing: StateBasis['whenFailing'] =
      f.kind === 'login' && !f.loginTokenExpiresAt
        ? { state: 'expired', reason: 'login-not-signed-in' }
        : !working.length
          ? { state: f.kind === 'settings-only' && !failure ? 'no-credentials' : 'error' }
          : { state: 'disagree' };
    const ssoLogin = f.kind === 'sso' && f.ssoSessionDefined ? (f.ssoTokenExpiresAt ?? null) : undefined;
    return {
      working,
      failing,
      ...(failure ? { failure } : {}),
      whenFailing,
      ...(ssoLogin !== undefined ? { ssoLogin } : {}),
      ...(finding ? { finding } : {}),
      expiresAtMs: NaN,
      expiredReason,
      made,
    };
  }
  let expiresAt: string | undefined;
  let expiresAtMs = NaN;
  for (const t of working) {
    const at = f.tools[t].expiresAt;
    const ms = at ? Date.parse(at) : NaN;
    if (at && !(ms >= expiresAtMs)) [expiresAt, expiresAtMs] = [at, ms];
  }
  const one = f.tools[working[0]];
  let differs: StateBasis['differs'];
  for (const t of working) if (!sameCredentials(f.tools[t], one)) differs = 'credentials';
  if (!differs) for (const t of working) if (f.tools[t].region !== one.region) differs = 'region';
  return {
    working,
    failing,
    ...(expiresAt ? { expiresAt } : {}),
    expiresAtMs,
    ...(differs ? { differs } : {}),
    ...(finding ? { finding } : {}),
    expiredReason,
    made,
  };
}

/** The state at `now` (`warningMs` before the expiry it becomes "expiring"). */
export function stateAt(b: StateBasis, now: number, warningMs: number): StateOf {
  let state: ProfileState;
  let reason: ExpiredReason | undefined;
  let byFinding = false;
  if (b.whenFailing) {
    if (b.ssoLogin !== undefined && !(b.ssoLogin && Date.parse(b.ssoLogin) > now))
      [state, reason] = ['expired', b.ssoLogin ? 'sso-login-expired' : 'sso-not-signed-in'];
    else [state, reason] = [b.whenFailing.state, b.whenFailing.reason];
  } else {
    const left = b.expiresAtMs - now;
    if (left <= 0) [state, reason] = ['expired', b.expiredReason];
    else if (b.finding) [state, byFinding] = ['error', true];
    else if (b.differs) state = 'disagree';
    else state = left <= warningMs ? 'expiring' : 'ok';
  }
  // Some tools work, but an error on the profile's lines says a request will fail.
  if (state === 'disagree' && b.finding) [state, byFinding] = ['error', true];
  const key = reason ?? (byFinding ? 'finding' : state);
  let s = b.made.get(key);
  if (!s) {
    s = {
      state,
      working: b.working,
      failing: b.failing,
      ...(reason ? { reason } : {}),
      ...(b.failure ? { failure: b.failure } : {}),
      ...(b.expiresAt ? { expiresAt: b.expiresAt } : {}),
      ...(state === 'disagree' && b.differs ? { differs: b.differs } : {}),
      ...(byFinding ? { finding: b.finding } : {}),
    };
    b.made.set(key, s);
  }
  return s;
}

/**
 * The state of a profile at `now`, considering `tools` (the extension's `tools` setting narrows
 * them). In order: a login that is needed (SSO, `aws login`) and missing or expired; no tool
 * working (error, or no credentials of its own for a settings-only profile); the nearest expiry
 * (expired); an error finding on the profile's lines (error: a request will fail); the tools
 * disagreeing (some work, some fail; different credentials or regions); expiring within
 * `warningMs`; else ok.
 */
export function profileState(f: StateFacts, now: number, warningMs: number, tools: readonly ToolId[]): StateOf {
  return stateAt(stateBasis(f, tools), now, warningMs);
}

/** The state in one line of English (the command line's table and JSON `detail`; the extension words its own). */
export function describeState(s: StateOf, now: number): string {
  const left = s.expiresAt ? timeLeft(Date.parse(s.expiresAt) - now) : undefined;
  const fails = () =>
    s.finding
      ? `${s.finding.code}: ${firstSentence(s.finding.message)}`
      : s.failure
        ? `${TOOL_LABELS[s.failure.tool]}: ${s.failure.text}`
        : `${toolList(s.failing)} find${s.failing.length === 1 ? 's' : ''} no credentials in it`;
  switch (s.state) {
    case 'ok':
      return left ? `works, expires in ${left}` : 'works';
    case 'expiring':
      return `expires in ${left}`;
    case 'expired':
      switch (s.reason) {
        case 'sso-login-expired':
          return 'SSO login expired';
        case 'sso-not-signed-in':
          return 'not signed in to SSO';
        case 'login-not-signed-in':
          return 'not signed in (aws login)';
        default:
          return 'credentials expired';
      }
    case 'no-credentials':
      return 'no credentials of its own (settings only)';
    case 'error':
      return fails();
    case 'disagree':
      if (s.differs)
        return `${s.differs === 'region' ? 'the tools resolve different regions' : 'the tools resolve different credentials'}`;
      return `works in ${toolList(s.working)}; ${fails()}`;
  }
}
