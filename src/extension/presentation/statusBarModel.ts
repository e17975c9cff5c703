/**
 * The status-bar item derived from the report, the clock and the settings: text, colour, tooltip
 * (Markdown) and the moment it next changes by itself (so the shell schedules one timer, never polls).
 */
import { timeLeft } from '../../engine/output/format';
import type { Report } from '../../engine/output/report';
import type { ToolId } from '../../engine/core/model';
import { TOOL_IDS } from '../../engine/core/model';
import { Commands } from '../commandIds';
import type { DoctorSettings } from '../settings';
import type { ShownFinding } from './findingScope';
import { activeProfileScope, shownFindings } from './findingScope';
import type { L10n } from './localize';
import { UNTRANSLATED } from './localize';
import { shortLoginSession } from './loginSession';
import { firstSentence } from './shortText';
import { sanitize } from '../../engine/core/sanitize';

export type StatusBackground = 'none' | 'warning' | 'error';

export interface LiveIdentity {
  readonly ok: boolean;
  readonly account: string | null;
  readonly arn: string | null;
  readonly at: number;
  readonly error: string | null;
}

export interface StatusBarInput {
  readonly report: Report;
  readonly now: number;
  readonly settings: Pick<DoctorSettings, 'expiryWarningMinutes' | 'tools' | 'severityOverrides'>;
  readonly live?: LiveIdentity;
  /** vscode.env.remoteName (ssh-remote, wsl, dev-container, …) or undefined for a local window. */
  readonly remoteName?: string;
  /** Whether the extension changed variables the extension host cannot see (it keeps its start-up environment). */
  readonly hostEnvironmentDiffers?: boolean;
  readonly workspaceTrusted?: boolean;
  /** The text of an AWS file (to tell which section a finding sits in). */
  readonly textOf?: (path: string) => string | undefined;
  /** The active terminal, when its AWS environment differs from what new terminals get (the report is then that terminal's). */
  readonly terminal?: TerminalSummary;
}

/**
 * The environment the status bar follows (the active terminal or debug session): its name, the
 * commands that changed it (a terminal) or where its variables come from (a debug session), and what
 * the extension cannot know.
 */
export interface TerminalSummary {
  /** Default: a terminal. */
  readonly kind?: 'terminal' | 'debugSession';
  readonly name: string;
  /** Where the variables come from, one line each, already masked (a debug session). */
  readonly sources?: readonly string[];
  /** The commands (redacted) that changed its AWS variables, with their local time "HH:MM", oldest first. */
  readonly changes: readonly { readonly commandLine: string; readonly time: string }[];
  readonly uncertainties: readonly string[];
}

export interface StatusBarModel {
  readonly text: string;
  readonly accessibilityLabel: string;
  readonly background: StatusBackground;
  readonly tooltip: string;
  /** When the text or colour changes next by the clock alone (ms since the epoch), or undefined. */
  readonly nextChangeAt: number | undefined;
}

/** Labels the issue uses for the three tools. */
export const TOOL_SHORT_LABELS: Readonly<Record<ToolId, string>> = {
  node: 'JavaScript SDK',
  python: 'Python/boto3',
  cli: 'AWS CLI',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The earliest expiry among the considered tools, with its source. An `aws login` key is left out:
 * it lasts about 15 minutes and the SDKs refresh it themselves, so its expiry is no deadline.
 */
export function activeExpiry(report: Report, tools: readonly ToolId[]): { at: number; from: string } | undefined {
  let best: { at: number; from: string } | undefined;
  for (const t of tools) {
    const r = report.tools[t];
    if (!r.expiresAt || r.source === 'login') continue;
    const at = Date.parse(r.expiresAt);
    if (Number.isNaN(at)) continue;
    if (!best || at < best.at) best = { at, from: r.expiresFrom ?? '' };
  }
  return best;
}

/** When the text `timeLeft(at - now)` or the threshold colour changes next. */
export function nextChange(at: number, now: number, thresholdMs: number): number | undefined {
  const r = at - now;
  if (!(r > 0)) return undefined;
  const unit = r < HOUR ? MINUTE : r < 48 * HOUR ? HOUR : DAY;
  const candidates = [at - Math.floor(r / unit) * unit + 1, at + 1];
  if (r > thresholdMs) candidates.push(at - thresholdMs + 1);
  const future = candidates.filter((c) => c > now);
  return future.length ? Math.min(...future) : undefined;
}

function originText(from: string, l10n: L10n): string {
  switch (from) {
    case 'AWS_PROFILE':
      return l10n.t('from AWS_PROFILE');
    case 'AWS_DEFAULT_PROFILE':
      return l10n.t('from AWS_DEFAULT_PROFILE');
    case '--profile':
      return l10n.t('chosen explicitly');
    default:
      return l10n.t('nothing selects a profile, so every tool uses "default"');
  }
}

/** Which tool versions the prediction is for. */
function versionsLine(report: Report, l10n: L10n): string {
  const v = report.toolVersions;
  if (!v || v.from === 'assumed')
    return l10n.t('Tool versions unknown: predicting the newest AWS CLI, botocore and JavaScript SDK.');
  const parts = [
    v.awsCli ? `AWS CLI ${v.awsCli}` : l10n.t('no AWS CLI on PATH'),
    v.botocore
      ? `botocore ${v.botocore}${v.awscrt === false ? ` (${l10n.t('without awscrt')})` : ''}`
      : l10n.t('no botocore'),
    ...(v.jsSdk ? [`JavaScript SDK ${v.jsSdk}`] : []),
  ];
  return v.from === 'pinned'
    ? l10n.t('Tool versions (pinned): {0}', parts.join(', '))
    : l10n.t('Tool versions here: {0}', parts.join(', '));
}

/** The `aws login` session of the profile in use, and whether this machine holds its token. */
function loginLine(report: Report, now: number, l10n: L10n): string | undefined {
  const p = report.profiles.find((x) => x.name === report.profile.name);
  if (p?.kind !== 'login' || !p.loginSession) return undefined;
  const session = `\`${shortLoginSession(p.loginSession)}\``;
  if (!p.loginTokenExpiresAt)
    return l10n.t(
      'Signs in with aws login as {0}: not signed in on this machine (aws login --profile {1}).',
      session,
      mdEscape(p.name),
    );
  const ms = Date.parse(p.loginTokenExpiresAt) - now;
  return ms > 0
    ? l10n.t(
        'Signed in with aws login as {0}; the key is refreshed automatically (valid {1} more).',
        session,
        timeLeft(ms),
      )
    : l10n.t('Signed in with aws login as {0}; the key is refreshed on next use.', session);
}

/** Control characters shown escaped (the engine's one sanitiser), then Markdown's own characters. */
function mdEscape(s: string): string {
  return sanitize(s).replace(/[\\`*_[\]|<>]/g, '\\$&');
}

/** The tooltip's first lines when the status bar follows a terminal. */
function terminalSection(term: TerminalSummary, l10n: L10n): string[] {
  const md =
    term.kind === 'debugSession'
      ? [
          `$(debug-alt) **${l10n.t('Debug session "{0}"', mdEscape(term.name))}** — ${l10n.t('its AWS environment differs from what new terminals get.')}`,
        ]
      : [
          `$(terminal) **${l10n.t('Terminal "{0}"', mdEscape(term.name))}** — ${l10n.t('its AWS environment differs from what new terminals get.')}`,
        ];
  if (term.sources?.length) {
    md.push('');
    for (const line of term.sources.slice(0, 8)) md.push(`- ${mdEscape(line)}`);
  }
  const recent = term.changes.slice(-5);
  if (recent.length) {
    md.push('');
    for (const c of recent)
      md.push(
        `- \`${c.commandLine.replace(/`/g, "'").replace(/\s+/g, ' ').slice(0, 80)}\` ${l10n.t('at {0}', c.time)}`,
      );
  }
  for (const u of term.uncertainties.slice(-3)) {
    md.push('');
    md.push(`$(question) ${l10n.t('Not known for sure: {0}', mdEscape(u))}`);
  }
  return md;
}

/** What a considered tool signs with, as the status bar names it: the environment keys (undefined), else its profile. */
function credentialOf(report: Report, tool: ToolId): string | undefined {
  const r = report.tools[tool];
  return r.source === 'env' ? undefined : sanitize(r.profile);
}

/**
 * What the status bar names: the considered tools' credentials, the AWS CLI's first (what a
 * terminal runs most), e.g. `dev`, `env keys`, or `env keys / dev` when environment keys win in the
 * AWS CLI and boto3 while the JavaScript SDK takes the profile.
 */
export function credentialsLabel(report: Report, tools: readonly ToolId[], l10n: L10n = UNTRANSLATED): string {
  return [...new Set(byCliFirst(tools).map((t) => credentialOf(report, t)))]
    .map((c) => c ?? l10n.t('env keys'))
    .join(' / ');
}

/** The considered tools, the AWS CLI first, then boto3, then the JavaScript SDK. */
function byCliFirst(tools: readonly ToolId[]): ToolId[] {
  return (['cli', 'python', 'node'] as const).filter((t) => tools.includes(t));
}

/** The same for a screen reader: which tools use what. */
function credentialsSpoken(report: Report, tools: readonly ToolId[], l10n: L10n): string {
  const groups = new Map<string | undefined, ToolId[]>();
  for (const t of byCliFirst(tools)) {
    const c = credentialOf(report, t);
    groups.set(c, [...(groups.get(c) ?? []), t]);
  }
  const say = (profile: string | undefined) =>
    profile === undefined ? l10n.t('environment keys') : l10n.t('AWS profile {0}', profile);
  if (groups.size === 1) return say([...groups.keys()][0]);
  return [...groups]
    .map(([label, ts]) => l10n.t('{0} for {1}', say(label), ts.map((t) => TOOL_SHORT_LABELS[t]).join(l10n.t(' and '))))
    .join(', ');
}

/**
 * The one finding the status bar names: an error about the credentials in use first, then a
 * warning about them (what the status bar's colour says), then any other error, then any other
 * warning; undefined when there is neither.
 */
export function topProblem(
  shown: readonly ShownFinding[],
  affectsActive: (f: ShownFinding['finding']) => boolean,
): ShownFinding | undefined {
  const rank = (s: ShownFinding) => (affectsActive(s.finding) ? 0 : 2) + (s.severity === 'error' ? 0 : 1);
  let best: ShownFinding | undefined;
  for (const s of shown) if (s.severity !== 'info' && (!best || rank(s) < rank(best))) best = s;
  return best;
}

/** The built-in command that shows the Problems panel (linked from the tooltip). */
export const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';

export function statusBarModel(input: StatusBarInput, l10n: L10n = UNTRANSLATED): StatusBarModel {
  const { report, now, settings } = input;
  const thresholdMs = settings.expiryWarningMinutes * MINUTE;
  const tools = settings.tools.length ? settings.tools : TOOL_IDS;
  const profile = sanitize(report.profile.name);
  const expiry = activeExpiry(report, tools);
  const left = expiry ? timeLeft(expiry.at - now) : undefined;

  const shown = shownFindings(report.findings, settings);
  const affectsActive = activeProfileScope(report, input.textOf);
  const active = shown.filter((s) => affectsActive(s.finding));
  const expired = expiry !== undefined && !(expiry.at - now > 0);
  const expiring = expiry !== undefined && !expired && expiry.at - now <= thresholdMs;
  // A considered tool that fails before sending a request is an error whatever the findings say.
  const failing = tools.some((x) => report.tools[x].source === 'error');
  const background: StatusBackground =
    expired || failing || active.some((s) => s.severity === 'error')
      ? 'error'
      : expiring || active.some((s) => s.severity === 'warning')
        ? 'warning'
        : 'none';
  // The state is told by the icon as well as the colour (a colour alone says nothing to many).
  const followedIcon = input.terminal?.kind === 'debugSession' ? '$(debug-alt)' : '$(terminal)';
  const icon =
    background === 'error'
      ? '$(error)'
      : background === 'warning'
        ? '$(warning)'
        : input.terminal
          ? followedIcon
          : '$(cloud)';
  const text = `${icon} ${credentialsLabel(report, tools, l10n)}${left ? ` · ${left}` : ''}${input.terminal && background !== 'none' ? ` ${followedIcon}` : ''}`;
  const top = topProblem(shown, affectsActive);

  const md: string[] = [];
  if (input.terminal) md.push(...terminalSection(input.terminal, l10n), '');
  md.push(`**${l10n.t('AWS profile')} \`${profile}\`** — ${originText(report.profile.from, l10n)}`);
  if (top) {
    md.push('');
    md.push(
      `${top.severity === 'error' ? '$(error)' : '$(warning)'} ${l10n.t('Top problem: {0}', `\`${top.finding.code}\` — ${mdEscape(firstSentence(top.finding.message))}`)}`,
    );
  }
  md.push('');
  md.push(`| ${l10n.t('Tool')} | ${l10n.t('Profile')} | ${l10n.t('Credentials')} | ${l10n.t('Region')} |`);
  md.push('|---|---|---|---|');
  for (const tool of tools) {
    const r = report.tools[tool];
    const where = r.path ? ` (${r.file}:${r.line})` : r.env ? ` (${r.env})` : '';
    const source =
      r.source === 'error'
        ? l10n.t('fails')
        : r.source === 'none'
          ? l10n.t('none found')
          : r.source === 'env'
            ? `${l10n.t('environment keys')}${where}`
            : `${r.source}${where}`;
    md.push(
      `| ${TOOL_SHORT_LABELS[tool]} | ${mdEscape(r.profile)} | ${mdEscape(source)} | ${mdEscape(r.region ?? '—')} |`,
    );
  }
  // A file that is there but was not read is never "missing": its reason (FILE_UNREADABLE, NOT_A_REGULAR_FILE, …).
  for (const f of report.files) {
    if (!f.unread) continue;
    md.push('');
    md.push(`$(warning) ${l10n.t('The {0} file {1}: {2}', f.kind, mdEscape(f.path), mdEscape(f.unread))}`);
  }
  const login = loginLine(report, now, l10n);
  if (login) {
    md.push('');
    md.push(login);
  }
  md.push('');
  md.push(versionsLine(report, l10n));
  for (const b of report.brokers ?? []) {
    md.push('');
    md.push(
      b.expiresAt
        ? l10n.t(
            'Exported by {0}{1}, expires {2}',
            b.broker,
            b.profile ? ` (${mdEscape(b.profile)})` : '',
            b.expiresAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
          )
        : l10n.t('Exported by {0}{1}; expiry unknown', b.broker, b.profile ? ` (${mdEscape(b.profile)})` : ''),
    );
  }
  const distinct = new Set(
    tools.map(
      (x) =>
        `${report.tools[x].profile}\u0000${report.tools[x].source}\u0000${report.tools[x].path ?? report.tools[x].env ?? ''}`,
    ),
  );
  if (distinct.size > 1) {
    md.push('');
    md.push(`$(warning) ${l10n.t('The tools disagree: they will not use the same credentials.')}`);
  }
  md.push('');
  if (expiry) {
    const iso = new Date(expiry.at)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC');
    md.push(
      expired
        ? l10n.t('Expired at {0} — from {1}', iso, mdEscape(expiry.from))
        : l10n.t('Expires at {0} (in {1}) — from {2}', iso, left!, mdEscape(expiry.from)),
    );
  } else md.push(l10n.t('No expiry known for these credentials.'));
  if (input.live) {
    md.push('');
    const when = new Date(input.live.at).toISOString().slice(11, 16);
    md.push(
      input.live.ok
        ? l10n.t(
            'Live check ({0} UTC): account {1}, {2}',
            when,
            sanitize(input.live.account ?? '?'),
            `\`${sanitize(input.live.arn ?? '?')}\``,
          )
        : l10n.t('Live check ({0} UTC) failed: {1}', when, mdEscape(input.live.error ?? '')),
    );
  }
  md.push('');
  const counts = findingCounts(shown, l10n);
  md.push(
    shown.length
      ? `${l10n.t('Findings: {0}', counts)} · [${l10n.t('Show in Problems')}](command:${SHOW_PROBLEMS_COMMAND})`
      : l10n.t('No findings.'),
  );
  if (input.remoteName) {
    md.push('');
    md.push(
      l10n.t('Remote window ({0}): the AWS files and variables are those of the remote machine.', input.remoteName),
    );
  }
  if (input.hostEnvironmentDiffers) {
    md.push('');
    md.push(
      l10n.t(
        'The extension host keeps the environment it started with: changed variables apply to new terminals; already-open terminals keep their old values.',
      ),
    );
  }
  if (input.workspaceTrusted === false) {
    md.push('');
    md.push(l10n.t('Restricted mode: workspace settings and .env files are not read, and no live check runs.'));
  }
  md.push('');
  md.push(
    [
      `[$(account) ${l10n.t('Switch profile')}](command:${Commands.switchProfile})`,
      `[$(refresh) ${l10n.t('Run diagnostics')}](command:${Commands.runDiagnostics})`,
      `[$(pass) ${l10n.t('Check identity')}](command:${Commands.checkIdentity})`,
    ].join(' · '),
  );

  // Spoken: whose credentials, the state in words (never the colour alone), the top problem, the time left, the terminal or debug session.
  const state =
    background === 'error' ? l10n.t('error') : background === 'warning' ? l10n.t('warning') : l10n.t('no problems');
  const why = top && top.severity === background ? `: ${sanitize(firstSentence(top.finding.message, 120))}` : '';
  const accessibilityLabel =
    `${credentialsSpoken(report, tools, l10n)}, ${state}${why}` +
    (left ? (expired ? l10n.t(', expired') : l10n.t(', expires in {0}', left)) : '') +
    (!input.terminal
      ? ''
      : input.terminal.kind === 'debugSession'
        ? l10n.t(', in debug session {0}', input.terminal.name)
        : l10n.t(', in terminal {0}', input.terminal.name));
  return {
    text,
    accessibilityLabel,
    background,
    tooltip: md.join('\n'),
    nextChangeAt: expiry ? nextChange(expiry.at, now, thresholdMs) : undefined,
  };
}

/** "1 error, 2 warnings": each count with its own plural form (the translations need the whole phrase). */
export function findingCounts(shown: readonly { readonly severity: string }[], l10n: L10n = UNTRANSLATED): string {
  const errors = shown.filter((s) => s.severity === 'error').length;
  const warnings = shown.filter((s) => s.severity === 'warning').length;
  const infos = shown.length - errors - warnings;
  return [
    errors ? (errors === 1 ? l10n.t('1 error') : l10n.t('{0} errors', errors)) : undefined,
    warnings ? (warnings === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', warnings)) : undefined,
    infos ? (infos === 1 ? l10n.t('1 info') : l10n.t('{0} infos', infos)) : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}
