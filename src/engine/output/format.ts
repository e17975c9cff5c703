/**
 * The human-readable report the command line prints. Everything in it is already redacted; the
 * lines are redacted and sanitised once more as they are rendered (styledText.ts).
 */
import type { Report, ToolReport } from './report';
import type { Finding } from '../findings/findings';
import { locationOf } from '../findings/findings';
import type { ToolId } from '../core/model';
import { TOOL_IDS, TOOL_LABELS } from '../core/model';
import type { ShellKind } from '../core/shellCommands';
import { sanitize } from '../core/sanitize';
import { shortList } from '../core/text';
import type { Segment, StyleName, TextLayout, TextLine } from './styledText';
import { PLAIN_LAYOUT, renderLines, styled, whole } from './styledText';

/** How each shell's command is shown under its fix: a prompt the reader recognises. */
const PROMPTS: Readonly<Record<ShellKind, string>> = { posix: '$', fish: '>', pwsh: 'PS>', cmd: 'cmd>' };
const SEVERITY_STYLES: Readonly<Record<Finding['severity'], StyleName>> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
};
/** The indent of a finding's message and fixes, under its code. */
const FINDING_INDENT = 10;

/** Every value on one line, its control characters shown escaped: no value can forge a line or drive the terminal. */
const v = (s: string | null | undefined): string => sanitize(s ?? '');
const line = (head: Segment[], body?: Segment[], hang?: number): TextLine => ({ head, body, hang });

/**
 * `layout` says whether to colour and where to wrap: the command line passes the terminal's;
 * the default is plain text, never wrapped. The severity, code and location of a finding stay on
 * its first line whatever the width; messages and fix titles wrap under it; commands never do
 * (they are to be copied).
 */
export function formatText(report: Report, now: number, layout: TextLayout = PLAIN_LAYOUT, note = ''): string {
  const lines: TextLine[] = [];
  if (note) lines.push(line([], [note]), line([]));
  lines.push(
    line(
      [styled('heading', 'AWS Credentials Doctor')],
      [` — profile "${v(report.profile.name)}" (${v(describeOrigin(report.profile.from))})`],
      2,
    ),
  );
  lines.push(line([]));
  for (const f of report.files) {
    const readBy =
      f.tools.length < TOOL_IDS.length ? [whole(`[read by ${f.tools.map((t) => TOOL_LABELS[t]).join(', ')}]`)] : [];
    lines.push(
      line(
        [`  ${f.kind.padEnd(11)} ${v(f.path)}`],
        [
          ...(f.exists ? [] : ['  ', styled('warning', `(${v(f.unread ?? 'missing')})`)]),
          ...(readBy.length ? ['  ', ...readBy] : []),
        ],
        14,
      ),
    );
  }
  lines.push(line(['  tools       '], [v(describeVersions(report))], 14));
  for (const b of report.brokers)
    lines.push(
      line(
        ['  broker      '],
        [
          `${v(b.broker)}${b.profile ? ` (profile ${v(b.profile)})` : ''}${b.expiresAt ? `, expires ${v(b.expiresAt)}` : ', expiry unknown'} [${v(b.markers.join(', '))}]`,
        ],
        14,
      ),
    );
  lines.push(line([]));
  for (const group of toolGroups(report, now)) {
    const all = group.tools.length === TOOL_IDS.length;
    const names = group.tools.map((t) => TOOL_LABELS[t]).join(', ');
    lines.push(
      all ? line([styled('heading', 'All three tools')], [` (${names})`], 4) : line([styled('heading', names)]),
    );
    lines.push(...group.lines);
  }
  lines.push(line([]));
  if (report.noSetup) lines.push(line([], [report.noSetup]));
  if (report.findings.length === 0) {
    if (!report.noSetup) lines.push(line([styled('ok', 'No problems found.')]));
  } else {
    const { errors, warnings, infos } = report.summary;
    const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
    lines.push(
      line(
        ['Findings: '],
        [
          styled(errors ? 'error' : 'dim', n(errors, 'error', 'errors')),
          ', ',
          styled(warnings ? 'warning' : 'dim', n(warnings, 'warning', 'warnings')),
          `, ${n(infos, 'info', 'infos')}`,
        ],
      ),
    );
    for (const f of report.findings) lines.push(...findingLines(f));
  }
  return renderLines(lines, layout);
}

function findingLines(f: Finding): TextLine[] {
  const loc = locationOf(f);
  const indent = ' '.repeat(FINDING_INDENT);
  const lines = [
    line([
      '  ',
      styled(SEVERITY_STYLES[f.severity], f.severity.toUpperCase()),
      ' '.repeat(8 - f.severity.length),
      styled('code', v(f.code)),
      ...(loc ? [`  ${v(loc)}`] : []),
    ]),
  ];
  lines.push(line([indent], [v(f.message)], FINDING_INDENT));
  for (const fix of f.fixes) {
    lines.push(line([`${indent}fix: `], [v(fix.title)], FINDING_INDENT + 5));
    for (const c of fix.commands ?? [])
      lines.push(line([`${indent}     `, styled('command', `${PROMPTS[c.shell]} ${v(c.command)}`)]));
  }
  return lines;
}

/**
 * What each tool resolves, one block per distinct answer: when the three tools resolve the same
 * profile, source, region and expiry (the usual case) the block is printed once, not three times.
 */
function toolGroups(report: Report, now: number): { tools: ToolId[]; lines: TextLine[] }[] {
  const groups = new Map<string, { tools: ToolId[]; lines: TextLine[] }>();
  for (const t of TOOL_IDS) {
    const lines = toolLines(report.tools[t], now);
    const key = JSON.stringify(lines);
    const group = groups.get(key);
    if (group) group.tools.push(t);
    else groups.set(key, { tools: [t], lines });
  }
  return [...groups.values()];
}

function toolLines(r: ToolReport, now: number): TextLine[] {
  const where = r.path ? `${r.path}:${r.line}` : (r.env ?? '');
  const source: Segment[] =
    r.source === 'error'
      ? [styled('error', 'fails:'), ` ${v(r.failure)}`]
      : r.source === 'none'
        ? ['no credentials (would try instance metadata)']
        : [
            `${r.source}${r.chain.length > 1 ? ` via ${shortList(r.chain.map(v), ' → ')}` : ''}${where ? ` from ${v(where)}` : ''}`,
          ];
  const lines = [
    line(['    profile  '], [`${v(r.profile)} (${v(describeOrigin(r.profileFrom))})`], 13),
    line(['    source   '], [...source, ...(r.accessKeyId ? ['  ', whole(`key ${v(r.accessKeyId)}`)] : [])], 13),
    line(
      ['    region   '],
      [r.region === null ? '(none)' : v(r.region), ...(r.regionFrom ? [` from ${v(r.regionFrom)}`] : [])],
      13,
    ),
  ];
  if (r.expiresAt) {
    const left = Date.parse(r.expiresAt) - now;
    lines.push(
      line(
        ['    expires  '],
        [
          `${v(r.expiresAt)} (`,
          left > 0 ? timeLeft(left) : styled('error', timeLeft(left)),
          `) from ${v(r.expiresFrom)}`,
        ],
        13,
      ),
    );
  }
  return lines;
}

/** "AWS CLI 2.9.19, botocore 1.43.11 (awscrt: no) — detected", or that the newest behaviour is assumed. */
export function describeVersions(report: Report): string {
  const v = report.toolVersions;
  if (v.from === 'assumed')
    return 'versions unknown: predicting the newest AWS CLI, botocore and JavaScript SDK (pin them with --tool-versions)';
  const parts = [
    v.awsCli
      ? `AWS CLI ${v.awsCli}${v.awsCli.startsWith('1.') ? ' (v1: follows botocore)' : ''}`
      : v.from !== 'detected'
        ? 'AWS CLI: newest assumed'
        : v.paths?.aws
          ? `${v.paths.aws}: version not in its files (newest assumed)`
          : 'no aws on PATH',
    v.botocore
      ? `botocore ${v.botocore}${v.awscrt === null ? '' : ` (awscrt: ${v.awscrt ? 'yes' : 'no'})`}`
      : v.from !== 'detected'
        ? 'botocore: newest assumed'
        : v.paths && !v.paths.python
          ? 'no python3 on PATH'
          : 'no botocore in python3',
    ...(v.jsSdk ? [`JavaScript SDK ${v.jsSdk}`] : []),
  ];
  return `${parts.join(', ')} — ${v.from}`;
}

function describeOrigin(from: string): string {
  return from === 'default' ? 'nothing selects a profile: default' : `from ${from}`;
}

/** "42m", "3h", "2d", "expired". */
export function timeLeft(ms: number): string {
  if (!(ms > 0)) return 'expired';
  const minutes = Math.floor(ms / 60000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}
