/**
 * The status-bar item derived from the report, the clock and the settings: text, colour, tooltip
 * (Markdown) and the moment it next changes by itself (so the shell schedules one timer, never polls).
 */
import { timeLeft } from '../../engine/format';
import type { Report } from '../../engine/report';
import type { ToolId } from '../../engine/model';
import { TOOL_IDS } from '../../engine/model';
import { Commands } from '../commandIds';
import type { DoctorSettings } from '../settings';
import { affectsActiveProfile, shownFindings } from './findingScope';
import type { Localize } from './localize';
import { formatMessage } from './localize';

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

/** The active terminal the status bar follows: its name, the commands that changed it, and what the extension cannot know. */
export interface TerminalSummary {
  readonly name: string;
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
export const TOOL_SHORT_LABELS: Readonly<Record<ToolId, string>> = { node: 'JavaScript SDK', python: 'Python/boto3', cli: 'AWS CLI' };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The earliest expiry among the considered tools, with its source. */
export function activeExpiry(report: Report, tools: readonly ToolId[]): { at: number; from: string } | undefined {
  let best: { at: number; from: string } | undefined;
  for (const t of tools) {
    const r = report.tools[t];
    if (!r.expiresAt) continue;
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

function originText(from: string, t: Localize): string {
  switch (from) {
    case 'AWS_PROFILE': return t('from AWS_PROFILE');
    case 'AWS_DEFAULT_PROFILE': return t('from AWS_DEFAULT_PROFILE');
    case '--profile': return t('chosen explicitly');
    default: return t('nothing selects a profile, so every tool uses "default"');
  }
}

function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]|<>]/g, '\\$&');
}

/** The tooltip's first lines when the status bar follows a terminal. */
function terminalSection(term: TerminalSummary, t: Localize): string[] {
  const md = [`$(terminal) **${t('Terminal "{0}"', mdEscape(term.name))}** — ${t('its AWS environment differs from what new terminals get.')}`];
  const recent = term.changes.slice(-5);
  if (recent.length) {
    md.push('');
    for (const c of recent) md.push(`- \`${c.commandLine.replace(/`/g, "'").replace(/\s+/g, ' ').slice(0, 80)}\` ${t('at {0}', c.time)}`);
  }
  for (const u of term.uncertainties.slice(-3)) {
    md.push('');
    md.push(`$(question) ${t('Not known for sure: {0}', mdEscape(u))}`);
  }
  return md;
}

export function statusBarModel(input: StatusBarInput, t: Localize = formatMessage): StatusBarModel {
  const { report, now, settings } = input;
  const thresholdMs = settings.expiryWarningMinutes * MINUTE;
  const tools = settings.tools.length ? settings.tools : TOOL_IDS;
  const profile = report.profile.name;
  const expiry = activeExpiry(report, tools);
  const left = expiry ? timeLeft(expiry.at - now) : undefined;
  const text = `${input.terminal ? '$(terminal)' : '$(cloud)'} ${profile}${left ? ` · ${left}` : ''}`;

  const shown = shownFindings(report.findings, settings);
  const active = shown.filter((s) => affectsActiveProfile(s.finding, report, input.textOf));
  const expired = expiry !== undefined && !(expiry.at - now > 0);
  const expiring = expiry !== undefined && !expired && expiry.at - now <= thresholdMs;
  // A considered tool that fails before sending a request is an error whatever the findings say.
  const failing = tools.some((x) => report.tools[x].source === 'error');
  const background: StatusBackground = expired || failing || active.some((s) => s.severity === 'error') ? 'error'
    : expiring || active.some((s) => s.severity === 'warning') ? 'warning' : 'none';

  const md: string[] = [];
  if (input.terminal) md.push(...terminalSection(input.terminal, t), '');
  md.push(`**${t('AWS profile')} \`${profile}\`** — ${originText(report.profile.from, t)}`);
  md.push('');
  md.push(`| ${t('Tool')} | ${t('Profile')} | ${t('Credentials')} | ${t('Region')} |`);
  md.push('|---|---|---|---|');
  for (const tool of tools) {
    const r = report.tools[tool];
    const where = r.path ? ` (${r.file}:${r.line})` : r.env ? ` (${r.env})` : '';
    const source = r.source === 'error' ? t('fails') : r.source === 'none' ? t('none found') : `${r.source}${where}`;
    md.push(`| ${TOOL_SHORT_LABELS[tool]} | ${mdEscape(r.profile)} | ${mdEscape(source)} | ${mdEscape(r.region ?? '—')} |`);
  }
  const distinct = new Set(tools.map((x) => `${report.tools[x].profile}\u0000${report.tools[x].source}\u0000${report.tools[x].path ?? report.tools[x].env ?? ''}`));
  if (distinct.size > 1) {
    md.push('');
    md.push(`$(warning) ${t('The tools disagree: they will not use the same credentials.')}`);
  }
  md.push('');
  if (expiry) {
    const iso = new Date(expiry.at).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    md.push(expired
      ? t('Expired at {0} — from {1}', iso, mdEscape(expiry.from))
      : t('Expires at {0} (in {1}) — from {2}', iso, left!, mdEscape(expiry.from)));
  } else md.push(t('No expiry known for these credentials.'));
  if (input.live) {
    md.push('');
    const when = new Date(input.live.at).toISOString().slice(11, 16);
    md.push(input.live.ok
      ? t('Live check ({0} UTC): account {1}, {2}', when, input.live.account ?? '?', `\`${input.live.arn ?? '?'}\``)
      : t('Live check ({0} UTC) failed: {1}', when, mdEscape(input.live.error ?? '')));
  }
  md.push('');
  const errors = shown.filter((s) => s.severity === 'error').length;
  const warnings = shown.filter((s) => s.severity === 'warning').length;
  const infos = shown.length - errors - warnings;
  const counts = [
    errors ? (errors === 1 ? t('1 error') : t('{0} errors', errors)) : undefined,
    warnings ? (warnings === 1 ? t('1 warning') : t('{0} warnings', warnings)) : undefined,
    infos ? (infos === 1 ? t('1 info') : t('{0} infos', infos)) : undefined,
  ].filter(Boolean).join(', ');
  md.push(shown.length ? t('Findings: {0} (see Problems)', counts) : t('No findings.'));
  if (input.remoteName) {
    md.push('');
    md.push(t('Remote window ({0}): the AWS files and variables are those of the remote machine.', input.remoteName));
  }
  if (input.hostEnvironmentDiffers) {
    md.push('');
    md.push(t('The extension host keeps the environment it started with: changed variables apply to new terminals; already-open terminals keep their old values.'));
  }
  if (input.workspaceTrusted === false) {
    md.push('');
    md.push(t('Restricted mode: workspace settings and .env files are not read, and no live check runs.'));
  }
  md.push('');
  md.push([
    `[$(account) ${t('Switch profile')}](command:${Commands.switchProfile})`,
    `[$(refresh) ${t('Run diagnostics')}](command:${Commands.runDiagnostics})`,
    `[$(pass) ${t('Check identity')}](command:${Commands.checkIdentity})`,
  ].join(' · '));

  const accessibilityLabel = t('AWS profile {0}{1}', profile, left ? (expired ? t(', expired') : t(', expires in {0}', left)) : '')
    + (input.terminal ? t(', in terminal {0}', input.terminal.name) : '');
  return {
    text,
    accessibilityLabel,
    background,
    tooltip: md.join('\n'),
    nextChangeAt: expiry ? nextChange(expiry.at, now, thresholdMs) : undefined,
  };
}
