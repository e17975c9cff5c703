/** The human-readable report the command line prints. Everything in it is already redacted. */
import type { Report } from './report';
import { locationOf } from './findings';
import { TOOL_IDS, TOOL_LABELS } from './model';
import { redact } from './redact';
import type { ShellKind } from './shellCommands';

/** How each shell's command is shown under its fix: a prompt the reader recognises. */
const PROMPTS: Readonly<Record<ShellKind, string>> = { posix: '$', fish: '>', pwsh: 'PS>', cmd: 'cmd>' };
import { sanitize } from './sanitize';
import { shortList } from './text';

export function formatText(report: Report, now: number): string {
  // Every value on one line, its control characters shown escaped: no value can forge a line or drive the terminal.
  const v = (s: string | null | undefined) => sanitize(s ?? '');
  const lines: string[] = [];
  lines.push(`AWS Credentials Doctor — profile "${v(report.profile.name)}" (${v(describeOrigin(report.profile.from))})`);
  lines.push('');
  for (const f of report.files) lines.push(`  ${f.kind.padEnd(11)} ${v(f.path)}${f.exists ? '' : `  (${v(f.unread ?? 'missing')})`}${f.tools.length < 3 ? `  [read by ${f.tools.map((t) => TOOL_LABELS[t]).join(', ')}]` : ''}`);
  lines.push(`  tools       ${v(describeVersions(report))}`);
  for (const b of report.brokers) lines.push(`  broker      ${v(b.broker)}${b.profile ? ` (profile ${v(b.profile)})` : ''}${b.expiresAt ? `, expires ${v(b.expiresAt)}` : ', expiry unknown'} [${v(b.markers.join(', '))}]`);
  lines.push('');
  for (const t of TOOL_IDS) {
    const r = report.tools[t];
    const where = r.path ? `${r.path}:${r.line}` : r.env ?? '';
    const source = r.source === 'error' ? `fails: ${v(r.failure)}` : r.source === 'none' ? 'no credentials (would try instance metadata)' : `${r.source}${r.chain.length > 1 ? ` via ${shortList(r.chain.map(v), ' → ')}` : ''}${where ? ` from ${v(where)}` : ''}`;
    lines.push(`${TOOL_LABELS[t]}`);
    lines.push(`    profile  ${v(r.profile)} (${v(describeOrigin(r.profileFrom))})`);
    lines.push(`    source   ${source}${r.accessKeyId ? `  key ${v(r.accessKeyId)}` : ''}`);
    lines.push(`    region   ${r.region === null ? '(none)' : v(r.region)}${r.regionFrom ? ` from ${v(r.regionFrom)}` : ''}`);
    if (r.expiresAt) lines.push(`    expires  ${v(r.expiresAt)} (${timeLeft(Date.parse(r.expiresAt) - now)}) from ${v(r.expiresFrom)}`);
  }
  lines.push('');
  if (report.noSetup) lines.push(report.noSetup);
  if (report.findings.length === 0) {
    if (!report.noSetup) lines.push('No problems found.');
  } else {
    lines.push(`Findings: ${report.summary.errors} error(s), ${report.summary.warnings} warning(s), ${report.summary.infos} info`);
    for (const f of report.findings) {
      const loc = locationOf(f);
      lines.push(`  ${f.severity.toUpperCase().padEnd(7)} ${v(f.code)}${loc ? `  ${v(loc)}` : ''}`);
      lines.push(`          ${v(f.message)}`);
      for (const fix of f.fixes) {
        lines.push(`          fix: ${v(fix.title)}`);
        for (const c of fix.commands ?? []) lines.push(`               ${PROMPTS[c.shell]} ${v(c.command)}`);
      }
    }
  }
  // The last nets: whatever reached the report unredacted (a live check result) is masked by
  // shape, and whatever control character is left is shown escaped.
  return sanitize(redact(lines.join('\n') + '\n'), true);
}

/** "AWS CLI 2.9.19, botocore 1.43.11 (awscrt: no) — detected", or that the newest behaviour is assumed. */
export function describeVersions(report: Report): string {
  const v = report.toolVersions;
  if (v.from === 'assumed') return 'versions unknown: predicting the newest AWS CLI, botocore and JavaScript SDK (pin them with --tool-versions)';
  const parts = [
    v.awsCli ? `AWS CLI ${v.awsCli}${v.awsCli.startsWith('1.') ? ' (v1: follows botocore)' : ''}` : v.from !== 'detected' ? 'AWS CLI: newest assumed' : v.paths?.aws ? `${v.paths.aws}: version not in its files (newest assumed)` : 'no aws on PATH',
    v.botocore ? `botocore ${v.botocore}${v.awscrt === null ? '' : ` (awscrt: ${v.awscrt ? 'yes' : 'no'})`}` : v.from !== 'detected' ? 'botocore: newest assumed' : v.paths && !v.paths.python ? 'no python3 on PATH' : 'no botocore in python3',
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
