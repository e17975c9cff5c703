/**
 * The Profiles view's model, free of vscode: every profile with its state (engine/profileState.ts,
 * recomputed with the view's clock and `tools` setting), grouped by SSO session and account or by
 * kind, large groups cut into ranges, filtered; each row's label, description, icon, context and
 * accessible label, and its tooltip (Markdown) with what each tool resolves and the last live check.
 * Building the tree is linear in the profiles and computes no state (unless a filter asks for
 * it); a row's state, item and tooltip are made when the view shows it, from a basis computed once
 * per profile (engine/profileState.ts), so that the clock and live results only re-render rows.
 */
import { timeLeft } from '../../engine/output/format';
import { codeSpan, escapeText, tildeHome } from '../../engine/output/markdown';
import type { ToolId } from '../../engine/core/model';
import { TOOL_IDS, TOOL_LABELS } from '../../engine/core/model';
import type { StateBasis, StateOf } from '../../engine/output/profileState';
import { stateAt, stateBasis } from '../../engine/output/profileState';
import type { ProfileKind, ProfileLiveCheck, ProfileSummary } from '../../engine/findings/profiles';
import { sanitize } from '../../engine/core/sanitize';
import { firstSentence } from '../../engine/core/text';
import type { L10n } from './localize';
import { UNTRANSLATED } from './localize';
import { kindLabel } from './profileItems';

export type Grouping = 'account' | 'kind';

/** One profile in the tree. Its state, live result and words are read at the time it is shown (ViewContext). */
export interface ProfileRow {
  readonly type: 'profile';
  /** Unique in the tree (a profile is in one place per grouping). */
  readonly id: string;
  readonly profile: ProfileSummary & { readonly status: NonNullable<ProfileSummary['status']> };
  readonly parent: ProfileGroup;
}

export interface ProfileGroup {
  readonly type: 'group';
  readonly kind: 'session' | 'account' | 'kind' | 'other' | 'range';
  readonly id: string;
  readonly label: string;
  /** The group's profiles (all of them, the ranges' included), in the list's order. */
  readonly rows: ProfileRow[];
  /** Sub-groups (accounts of a session, ranges of a large group), else none: the rows are the children. */
  readonly groups: ProfileGroup[];
  readonly parent?: ProfileGroup;
  /** For a session: its login's expiry (ISO), null when never signed in. */
  readonly loginExpiresAt?: string | null;
  /** For a kind group. */
  readonly profileKind?: ProfileKind;
}

export type ProfileNode = ProfileGroup | ProfileRow;

/** What the rows are shown with: the profile in use, the live results, the clock, the settings, the grouping and filter. */
export interface ViewContext {
  readonly current: string;
  readonly live: ReadonlyMap<string, ProfileLiveCheck>;
  readonly checking: ReadonlySet<string>;
  readonly grouping: Grouping;
  /** Case-insensitive text every shown profile contains (name, account, session, role, kind, state). */
  readonly filter: string;
  readonly now: number;
  readonly warningMs: number;
  readonly tools: readonly ToolId[];
}

export interface TreeInput extends ViewContext {
  /** The report's profiles, with their status (profiles without one are left out). */
  readonly profiles: readonly ProfileSummary[];
}

export interface ProfileTree {
  readonly roots: readonly ProfileGroup[];
  /** Profiles shown (the filter's matches), and in all. */
  readonly shown: number;
  readonly total: number;
  /** Expand every group: a small tree, or a filter with few matches. */
  readonly expandAll: boolean;
}

/** The most children a group shows at once: beyond, ranges of this many (as a debugger shows a large array). */
export const MAX_CHILDREN = 100;
/** Profiles placed per step of a build (one slice of the extension host's event loop each). */
export const PROFILES_PER_STEP = 250;
/** At most this many profiles shown, every group is open. */
const EXPAND_ALL_UP_TO = 30;
const KIND_ORDER: readonly ProfileKind[] = [
  'sso',
  'role',
  'static',
  'login',
  'process',
  'web-identity',
  'settings-only',
];

/** The whole tree at once (the tests; a small home). */
export function buildProfileTree(input: TreeInput, l10n: L10n = UNTRANSLATED): ProfileTree {
  const steps = buildProfileTreeSteps(input, l10n);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The tree, PROFILES_PER_STEP profiles per step (each call of next()), the last step returning
 * it: the view takes a turn of the event loop between steps. Each profile's state basis is made on
 * the way, so that showing rows and counting a group's profiles that need attention stays cheap.
 */
export function* buildProfileTreeSteps(
  input: TreeInput,
  l10n: L10n = UNTRANSLATED,
): Generator<void, ProfileTree, void> {
  const filter = input.filter.trim().toLowerCase();
  const tops = new Map<string, ProfileGroup>();
  const subs = new Map<ProfileGroup, Map<string, ProfileGroup>>();
  // Looked up once per profile: the label (and its l10n call) only when the group is new.
  const group = (
    kind: ProfileGroup['kind'],
    key: string,
    label: () => string,
    parent?: ProfileGroup,
    extra: Partial<ProfileGroup> = {},
  ): ProfileGroup => {
    const map = parent ? (subs.get(parent) ?? subs.set(parent, new Map()).get(parent)!) : tops;
    let g = map.get(key);
    if (!g) {
      g = {
        type: 'group',
        kind,
        id: `${parent ? `${parent.id}/` : `${input.grouping}:`}${kind}:${key}${filter && !parent ? `?${filter}` : ''}`,
        label: label(),
        rows: [],
        groups: [],
        parent,
        ...extra,
      };
      map.set(key, g);
      if (parent) parent.groups.push(g);
    }
    return g;
  };
  let total = 0;
  let shown = 0;
  const rowId = `${input.grouping}:profile:`;
  let placed = 0;
  for (const p of input.profiles) {
    if (++placed % PROFILES_PER_STEP === 0) yield;
    const status = p.status;
    if (!status) continue;
    total++;
    const profile = p as ProfileRow['profile'];
    if (filter) {
      if (!haystack(profile, input, l10n).includes(filter)) continue;
    } else stateOf(profile, input); // its basis made now: a row shown or counted later costs a few comparisons
    shown++;
    let parent: ProfileGroup;
    if (input.grouping === 'kind')
      parent = group('kind', p.kind, () => kindLabel(p.kind, l10n), undefined, { profileKind: p.kind });
    else if (status.ssoSession !== null) {
      const session = group('session', status.ssoSession, () => status.ssoSession!, undefined, {
        loginExpiresAt: p.ssoTokenExpiresAt ?? null,
      });
      parent = group('account', status.account ?? '', () => status.account ?? l10n.t('no account'), session);
    } else if (status.account !== null) parent = group('account', status.account, () => status.account!);
    else parent = group('other', '', () => l10n.t('Other profiles'));
    const row: ProfileRow = { type: 'profile', id: rowId + p.name, profile, parent };
    parent.rows.push(row);
    if (parent.parent) parent.parent.rows.push(row);
  }
  const order = (g: ProfileGroup) => (g.kind === 'session' ? 0 : g.kind === 'account' ? 1 : g.kind === 'kind' ? 2 : 3);
  const roots = [...tops.values()].sort(
    (a, b) =>
      order(a) - order(b) ||
      (a.kind === 'kind'
        ? KIND_ORDER.indexOf(a.profileKind!) - KIND_ORDER.indexOf(b.profileKind!)
        : a.label < b.label
          ? -1
          : a.label > b.label
            ? 1
            : 0),
  );
  for (const r of roots) {
    r.groups.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    for (const g of r.groups.length ? r.groups : [r]) cutIntoRanges(g);
  }
  return { roots, shown, total, expandAll: shown <= EXPAND_ALL_UP_TO };
}

/** A group of more than MAX_CHILDREN rows gets ranges of MAX_CHILDREN as its children. */
function cutIntoRanges(g: ProfileGroup): void {
  if (g.rows.length <= MAX_CHILDREN) return;
  for (let i = 0; i < g.rows.length; i += MAX_CHILDREN) {
    const rows = g.rows.slice(i, i + MAX_CHILDREN);
    const range: ProfileGroup = {
      type: 'group',
      kind: 'range',
      id: `${g.id}/${i}`,
      label: `${rows[0].profile.name} – ${rows[rows.length - 1].profile.name}`,
      rows,
      groups: [],
      parent: g,
    };
    for (const r of rows) (r as { parent: ProfileGroup }).parent = range;
    g.groups.push(range);
  }
}

/** A node's children: sub-groups, else rows. */
export function childrenOf(node: ProfileGroup): readonly ProfileNode[] {
  return node.groups.length ? node.groups : node.rows;
}

/** What the filter looks in. */
function haystack(p: ProfileRow['profile'], ctx: ViewContext, l10n: L10n): string {
  const st = p.status;
  const s = stateOf(p, ctx);
  const live = ctx.live.get(p.name);
  return [
    p.name,
    st.account,
    st.ssoSession,
    st.role,
    p.kind,
    kindLabel(p.kind, l10n),
    s.state,
    stateText(s, 0, l10n),
    live ? liveWord(live) : '',
    live && !live.ok ? liveCode(live) : '',
    ctx.checking.has(p.name) ? 'checking' : '',
  ]
    .join('\n')
    .toLowerCase();
}

/** Each profile's basis, kept while its status (a diagnosis' object) lives, for the `tools` it was made for. */
const bases = new WeakMap<object, { tools: readonly ToolId[]; basis: StateBasis }>();

function stateOf(p: ProfileRow['profile'], ctx: Pick<ViewContext, 'now' | 'warningMs' | 'tools'>): StateOf {
  let b = bases.get(p.status);
  if (!b || b.tools !== ctx.tools)
    bases.set(
      p.status,
      (b = {
        tools: ctx.tools,
        basis: stateBasis(
          { ...p, ssoSessionDefined: p.status.ssoSessionDefined, tools: p.status.tools, findings: p.status.findings },
          ctx.tools,
        ),
      }),
    );
  return stateAt(b.basis, ctx.now, ctx.warningMs);
}

/** A row's state now. */
export function rowState(row: ProfileRow, ctx: Pick<ViewContext, 'now' | 'warningMs' | 'tools'>): StateOf {
  return stateOf(row.profile, ctx);
}

// ------------------------------------------------------------------------------------ rows

/** A tool's short name, for one line. */
const SHORT: Readonly<Record<ToolId, string>> = { node: 'JavaScript SDK', python: 'botocore', cli: 'AWS CLI v2' };

function names(tools: readonly ToolId[], l10n: L10n): string {
  const n = tools.map((t) => SHORT[t]);
  return n.length <= 1 ? n.join('') : l10n.t('{0} and {1}', n.slice(0, -1).join(', '), n[n.length - 1]);
}

/** The state in a few words (the row's description). `now` for the time left. */
export function stateText(s: StateOf, now: number, l10n: L10n = UNTRANSLATED): string {
  const left = s.expiresAt ? timeLeft(Date.parse(s.expiresAt) - now) : '';
  switch (s.state) {
    case 'ok':
      return left ? l10n.t('works, expires in {0}', left) : l10n.t('works');
    case 'expiring':
      return l10n.t('expires in {0}', left);
    case 'expired':
      switch (s.reason) {
        case 'sso-login-expired':
          return l10n.t('SSO login expired');
        case 'sso-not-signed-in':
          return l10n.t('not signed in to SSO');
        case 'login-not-signed-in':
          return l10n.t('not signed in (aws login)');
        default:
          return l10n.t('credentials expired');
      }
    case 'error':
      if (s.finding) return l10n.t('error: {0}', s.finding.code);
      return s.failure
        ? l10n.t('error: {0}', firstSentence(s.failure.text, 80))
        : l10n.t('error: no credentials found');
    case 'disagree':
      if (s.differs === 'region') return l10n.t('the tools disagree on the region');
      if (s.differs === 'credentials') return l10n.t('the tools resolve different credentials');
      return l10n.t('works, but not in {0}', names(s.failing, l10n));
    case 'no-credentials':
      return l10n.t('no credentials (settings only)');
  }
}

function liveWord(l: ProfileLiveCheck): string {
  return l.skipped !== undefined ? 'not checked' : l.ok ? 'confirmed' : 'failed';
}

function liveCode(l: ProfileLiveCheck): string {
  return (l.findings.find((f) => f.code !== 'CLOCK_SKEW') ?? l.findings[0])?.code ?? l.error?.name ?? '';
}

export interface RowItem {
  readonly label: string;
  /** Where the filter matched in the label. */
  readonly highlights: readonly [number, number][];
  readonly description: string;
  /** A product icon id, and the theme colour it takes: the state is also in the description and the accessible label. */
  readonly icon: string;
  readonly color?: string;
  /** Words the menus' `when` clauses test: awsProfile, current / switchable, signIn (sso or login), needsSignIn, checked. */
  readonly contextValue: string;
  readonly accessibilityLabel: string;
}

const STATE_ICONS: Readonly<Record<StateOf['state'], [string, string]>> = {
  ok: ['pass', 'testing.iconPassed'],
  expiring: ['watch', 'list.warningForeground'],
  expired: ['history', 'list.errorForeground'],
  error: ['error', 'list.errorForeground'],
  disagree: ['warning', 'list.warningForeground'],
  'no-credentials': ['circle-slash', 'disabledForeground'],
};

/** Whether a profile in this state needs a sign-in, and which. */
export function signInFor(s: StateOf): 'sso' | 'login' | undefined {
  if (s.state !== 'expired') return undefined;
  if (s.reason === 'login-not-signed-in') return 'login';
  return s.reason === 'sso-login-expired' || s.reason === 'sso-not-signed-in' ? 'sso' : undefined;
}

export function rowItem(row: ProfileRow, ctx: ViewContext, l10n: L10n = UNTRANSLATED): RowItem {
  const p = row.profile;
  const label = sanitize(p.name);
  const f = ctx.filter.trim().toLowerCase();
  const at = f ? label.toLowerCase().indexOf(f) : -1;
  const s = rowState(row, ctx);
  const current = p.name === ctx.current;
  let [icon, color]: [string, string | undefined] = STATE_ICONS[s.state];
  let state = stateText(s, ctx.now, l10n);
  const live = ctx.live.get(p.name);
  if (ctx.checking.has(p.name)) {
    [icon, color] = ['loading~spin', undefined];
    state = l10n.t('checking…');
  } else if (live && live.skipped === undefined) {
    if (live.ok) {
      [icon, color] = ['verified-filled', 'testing.iconPassed'];
      state = l10n.t('confirmed: account {0}', live.account ?? '?');
    } else {
      [icon, color] = ['error', 'testing.iconFailed'];
      state = l10n.t('check failed: {0}', liveCode(live));
    }
  } else if (live) state = l10n.t('not checked · {0}', state);
  // A warning on its lines (a stale token next to long-term keys, an unknown key): said beside a state that is fine otherwise.
  const warning =
    !ctx.checking.has(p.name) && !(live && live.skipped === undefined) && (s.state === 'ok' || s.state === 'expiring')
      ? p.status.findings.find((f) => f.severity === 'warning')
      : undefined;
  if (warning) [icon, color] = ['warning', 'list.warningForeground'];
  const kind = kindLabel(p.kind, l10n);
  const description = [
    state,
    warning ? l10n.t('warning: {0}', warning.code) : undefined,
    ctx.grouping === 'kind' ? undefined : kind,
    p.region ?? undefined,
    current ? l10n.t('current') : undefined,
  ]
    .filter(Boolean)
    .map((x) => sanitize(x!))
    .join(' · ');
  const signIn = p.kind === 'sso' || p.kind === 'login';
  const context = [
    'awsProfile',
    current ? 'current' : 'switchable',
    signIn ? 'signIn' : '',
    signInFor(s) ? 'needsSignIn' : '',
    live ? 'checked' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    label,
    highlights: at >= 0 ? [[at, at + f.length]] : [],
    description,
    icon,
    ...(color ? { color } : {}),
    contextValue: context,
    accessibilityLabel: [
      l10n.t('profile {0}', label),
      state,
      warning ? l10n.t('warning: {0}', warning.code) : '',
      kind,
      current ? l10n.t('current') : '',
    ]
      .filter(Boolean)
      .join(', '),
  };
}

// ------------------------------------------------------------------------------------ tooltips

/** A row's tooltip (Markdown; every value escaped, control characters shown escaped, the home as ~). */
export function rowTooltip(row: ProfileRow, ctx: ViewContext, l10n: L10n = UNTRANSLATED, home?: string): string {
  const now = ctx.now;
  const current = row.profile.name === ctx.current;
  const clean = (s: string) => tildeHome(sanitize(s), home);
  const text = (s: string | null | undefined) => escapeText(clean(s ?? ''));
  const code = (s: string | null | undefined) => codeSpan(clean(s ?? ''));
  const p = row.profile;
  const st = p.status;
  const out: string[] = [];
  out.push(`**${text(p.name)}** — ${text(kindLabel(p.kind, l10n))}${current ? ` · ${text(l10n.t('current'))}` : ''}`);
  out.push('');
  out.push(text(stateSentence(row, rowState(row, ctx), now, l10n)));
  out.push('');
  const facts = [
    st.account ? l10n.t('account {0}', code(st.account)) : '',
    st.role ? l10n.t('role {0}', code(st.role)) : '',
    st.ssoSession ? l10n.t('SSO session {0}', code(st.ssoSession)) : '',
    p.region ? l10n.t('region {0}', code(p.region)) : '',
  ].filter(Boolean);
  if (facts.length) out.push(facts.join(' · '), '');
  out.push(l10n.t('Defined in {0}, line {1}', code(p.path), String(p.line)), '');
  out.push(
    `| ${text(l10n.t('tool'))} | ${text(l10n.t('resolves'))} | ${text(l10n.t('region'))} | ${text(l10n.t('expires'))} |`,
  );
  out.push('|---|---|---|---|');
  for (const t of TOOL_IDS) {
    const r = st.tools[t];
    const resolves =
      r.source === 'error'
        ? `**${text(l10n.t('fails'))}**: ${text(firstSentence(r.failure ?? '', 200))}`
        : r.source === 'none'
          ? text(l10n.t('no credentials'))
          : `${code(r.source)}${r.chain.length > 1 ? ` ${text(l10n.t('via {0}', r.chain.slice(1).join(' → ')))}` : ''}${r.accessKeyId ? ` ${code(r.accessKeyId)}` : ''}`;
    const expires = r.expiresAt ? text(`${timeLeft(Date.parse(r.expiresAt) - now)}`) : '';
    out.push(`| ${text(TOOL_LABELS[t])} | ${resolves} | ${r.region ? code(r.region) : ''} | ${expires} |`);
  }
  if (st.findings.length) {
    out.push('', `**${text(l10n.t('Problems'))}**`, '');
    for (const f of st.findings)
      out.push(
        `- ${code(f.code)} (${text(l10n.t('line {0}', String(f.line)))}): ${text(firstSentence(f.message, 200))}`,
      );
  }
  const live = ctx.live.get(p.name);
  if (ctx.checking.has(p.name)) out.push('', text(l10n.t('Live check running…')));
  else if (live) {
    const ago = Math.max(0, now - Date.parse(live.at));
    const when = ago < 60_000 ? l10n.t('just now') : l10n.t('{0} ago', timeLeft(ago));
    out.push('');
    if (live.skipped !== undefined)
      out.push(`**${text(l10n.t('Live check'))}** (${text(when)}): ${text(live.skipped)}`);
    else if (live.ok)
      out.push(
        `**${text(l10n.t('Live check'))}** (${text(when)}): ${text(l10n.t('confirmed'))}, ${l10n.t('account {0}', code(live.account))}, ${code(live.arn)}`,
      );
    else {
      const f = live.findings.find((x) => x.code !== 'CLOCK_SKEW') ?? live.findings[0];
      out.push(
        `**${text(l10n.t('Live check'))}** (${text(when)}): **${text(l10n.t('failed'))}** ${code(f?.code ?? live.error?.name)} — ${text(f?.message ?? live.error?.message)}`,
      );
    }
  }
  return out.join('\n');
}

/** The state in a sentence, with what to do about it. */
function stateSentence(row: ProfileRow, s: StateOf, now: number, l10n: L10n): string {
  const short = stateText(s, now, l10n);
  switch (signInFor(s)) {
    case 'sso':
      return l10n.t('{0}: sign in (aws sso login --profile {1}).', short, row.profile.name);
    case 'login':
      return l10n.t('{0}: sign in (aws login --profile {1}).', short, row.profile.name);
  }
  if (s.finding) return l10n.t('A request will fail: {0} (see Problems below).', s.finding.code);
  if (s.state === 'error' || (s.state === 'disagree' && !s.differs)) {
    const failing = s.failing.map((t) =>
      row.profile.status.tools[t].source === 'error'
        ? l10n.t('{0} fails: {1}', SHORT[t], row.profile.status.tools[t].failure ?? '')
        : l10n.t('{0} finds no credentials.', SHORT[t]),
    );
    return `${s.state === 'error' ? l10n.t('No tool works with this profile.') : l10n.t('Works in {0}.', names(s.working, l10n))} ${failing.join(' ')}`;
  }
  return `${short.charAt(0).toUpperCase()}${short.slice(1)}.`;
}

// ------------------------------------------------------------------------------------ groups

export interface GroupItem {
  readonly label: string;
  readonly description: string;
  readonly icon: string;
  readonly accessibilityLabel: string;
}

const KIND_ICONS: Readonly<Record<ProfileKind, string>> = {
  sso: 'organization',
  role: 'shield',
  static: 'key',
  login: 'sign-in',
  process: 'terminal',
  'web-identity': 'globe',
  'settings-only': 'settings-gear',
};

export function groupItem(g: ProfileGroup, ctx: ViewContext, l10n: L10n = UNTRANSLATED): GroupItem {
  const now = ctx.now;
  let attention = 0;
  for (const r of g.rows) {
    const live = ctx.live.get(r.profile.name);
    if (live && live.skipped === undefined ? !live.ok : rowState(r, ctx).state !== 'ok') attention++;
  }
  const parts = [g.rows.length === 1 ? l10n.t('1 profile') : l10n.t('{0} profiles', g.rows.length)];
  if (g.kind === 'session') {
    const left = g.loginExpiresAt ? Date.parse(g.loginExpiresAt) - now : NaN;
    parts.push(
      !g.loginExpiresAt
        ? l10n.t('not signed in')
        : left > 0
          ? l10n.t('login expires in {0}', timeLeft(left))
          : l10n.t('login expired'),
    );
  }
  if (attention) parts.push(l10n.t('{0} need attention', attention));
  const icon =
    g.kind === 'session'
      ? 'organization'
      : g.kind === 'account'
        ? 'account'
        : g.kind === 'kind'
          ? KIND_ICONS[g.profileKind!]
          : g.kind === 'other'
            ? 'folder'
            : 'list-flat';
  const label = sanitize(g.label);
  const what =
    g.kind === 'session'
      ? l10n.t('SSO session {0}', label)
      : g.kind === 'account' && g.label !== l10n.t('no account')
        ? l10n.t('account {0}', label)
        : label;
  return { label, description: parts.join(' · '), icon, accessibilityLabel: [what, ...parts].join(', ') };
}
