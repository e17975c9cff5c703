/**
 * Every profile's state as a table: text for a terminal (`diagnose --all-profiles`) and Markdown
 * (`--all-profiles --markdown`, the extension's Copy Results), with each profile's live check when
 * there was one. A separate output function: the text report (format.ts) is not changed by it.
 */
import type { ProfileLiveCheck, ProfileSummary } from './profiles';
import type { Report } from './report';
import { markdownValues, maskAccount, maskArn, plural, row } from './markdown';
import { redact } from './redact';
import { sanitize } from './sanitize';
import { firstSentence } from './text';

/** The widest a padded column gets: a longer value makes its row longer, not every row. */
const MAX_WIDTH = 40;

/** What a profile's live check came to, in a word, and the finding it ended with. */
function liveWord(l: ProfileLiveCheck): string {
  if (l.skipped !== undefined) return 'skipped';
  return l.ok ? 'confirmed' : 'failed';
}

/** The code and message of a live check's main finding (not CLOCK_SKEW, which comes along). */
function liveFinding(l: ProfileLiveCheck): { code: string; message: string } | undefined {
  const f = l.findings.find((x) => x.code !== 'CLOCK_SKEW') ?? l.findings[0];
  return f ? { code: f.code, message: f.message } : l.error ? { code: l.error.name, message: l.error.message } : undefined;
}

function liveDetail(l: ProfileLiveCheck): string {
  if (l.skipped !== undefined) return l.skipped;
  if (l.ok) return l.arn ?? '';
  const f = liveFinding(l);
  return f ? `${f.code}: ${firstSentence(f.message)}` : 'failed';
}

/** "3,501 profiles: 2,500 ok, 500 expired …" and, after live checks, what they came to. */
export function profileCounts(profiles: readonly ProfileSummary[]): string {
  const states = new Map<string, number>();
  const live = new Map<string, number>();
  for (const p of profiles) {
    if (p.status) states.set(p.status.state, (states.get(p.status.state) ?? 0) + 1);
    if (p.live) live.set(liveWord(p.live), (live.get(liveWord(p.live)) ?? 0) + 1);
  }
  const list = (m: Map<string, number>) => [...m].map(([k, n]) => `${n} ${k}`).join(', ');
  return `${plural(profiles.length, 'profile')}${states.size ? `: ${list(states)}` : ''}${live.size ? `; live check: ${list(live)}` : ''}`;
}

export function formatProfileTable(report: Report): string {
  const v = (s: string | null | undefined) => sanitize(s ?? '');
  const withLive = report.profiles.some((p) => p.live);
  const header = ['PROFILE', 'KIND', 'STATE', ...(withLive ? ['LIVE'] : []), 'ACCOUNT', 'DETAIL'];
  const rows = report.profiles.map((p) => {
    const s = p.status;
    const account = p.live?.account ?? s?.account ?? '';
    const detail = p.live ? liveDetail(p.live) : s?.detail ?? '';
    return [v(p.name), p.kind, s?.state ?? '', ...(p.live ? [liveWord(p.live)] : withLive ? [''] : []), v(account), v(detail)];
  });
  const widths = header.map((h, i) => (i === header.length - 1 ? 0 : Math.min(MAX_WIDTH, Math.max(h.length, ...rows.map((r) => r[i].length)))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(header), ...rows.map(line), '', profileCounts(report.profiles)];
  const failures = report.profiles.filter((p) => p.live && !p.live.ok && p.live.skipped === undefined);
  if (failures.length) {
    out.push('', 'Live check failures:');
    for (const p of failures) {
      const f = liveFinding(p.live!);
      out.push(`  ${v(p.name)}: ${v(f ? `${f.code} — ${f.message}` : 'failed')}`);
    }
  }
  return sanitize(redact(out.join('\n') + '\n'), true);
}

/**
 * The same table in Markdown, fit to paste into a ticket or a chat: through the one redaction
 * function, the home as `~`, account ids keeping their last four digits (as the Markdown report).
 */
export function formatProfileTableMarkdown(report: Report): string {
  const { text, code } = markdownValues(report);
  const withLive = report.profiles.some((p) => p.live);
  const out: string[] = [`## AWS profiles (${text(profileCounts(report.profiles))})`, ''];
  out.push(row(['profile', 'kind', 'state', ...(withLive ? ['live check', 'identity or error'] : []), 'account', 'detail']));
  out.push(`|${'---|'.repeat(withLive ? 7 : 5)}`);
  for (const p of report.profiles) {
    const s = p.status;
    const l = p.live;
    const f = l && !l.ok ? liveFinding(l) : undefined;
    const identity = !l ? '' : l.skipped !== undefined ? text(l.skipped) : l.ok ? code(maskArn(l.arn)) : f ? `${code(f.code)}: ${text(f.message)}` : '';
    out.push(row([
      code(p.name),
      text(p.kind),
      text(s?.state ?? ''),
      ...(withLive ? [l ? liveWord(l) : '', identity] : []),
      code(maskAccount(l?.account ?? s?.account ?? null)),
      text(s?.detail ?? ''),
    ]));
  }
  out.push('');
  out.push(`<sub>Generated ${text(report.generatedAt)} by AWS Credentials Doctor. Secrets, tokens and key ids are masked; account ids keep their last four digits.</sub>`);
  return sanitize(redact(out.join('\n')), true) + '\n';
}
