/**
 * Every profile's state as a table: text for a terminal (`diagnose --all-profiles`), Markdown
 * (`--all-profiles --markdown`, the extension's Copy Results) and GitHub Actions annotations
 * (`--format github`), with each profile's live check when there was one. Outputs of their own:
 * the diagnosis' report (format.ts, markdown.ts, ciFormats.ts) is not changed by them.
 */
import type { ProfileLiveCheck, ProfileSummary } from '../findings/profiles';
import type { Report } from './report';
import { markdownValues, maskAccount, maskArn, plural, row } from './markdown';
import { redact } from '../secrets/redact';
import { sanitize } from '../core/sanitize';
import type { CiFormatOptions } from './ciFormats';
import { clean, escapeGithubData, escapeGithubProperty, workspaceRelative } from './ciFormats';
import type { Segment, StyleName, TextLayout, TextLine } from './styledText';
import { PLAIN_LAYOUT, renderLines, styled } from './styledText';
import { firstSentence } from '../core/text';

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
  return f
    ? { code: f.code, message: f.message }
    : l.error
      ? { code: l.error.name, message: l.error.message }
      : undefined;
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

/** How a state and a live check's outcome look in a coloured terminal. */
const STATE_STYLES: Readonly<Record<string, StyleName | undefined>> = {
  ok: 'ok',
  confirmed: 'ok',
  expiring: 'warning',
  disagree: 'warning',
  error: 'error',
  expired: 'error',
  failed: 'error',
  'no-credentials': 'dim',
  skipped: 'dim',
};

/**
 * The text table: columns padded (the widest value up to 40), the state (and live outcome) in its
 * colour when asked for; the detail wraps to the width under itself, or, when the columns before
 * it leave it less than 30, a detail too long for the line goes under it, four spaces in.
 */
export function formatProfileTable(report: Report, layout: TextLayout = PLAIN_LAYOUT, note = ''): string {
  const v = (s: string | null | undefined) => sanitize(s ?? '');
  const withLive = report.profiles.some((p) => p.live);
  const header = ['PROFILE', 'KIND', 'STATE', ...(withLive ? ['LIVE'] : []), 'ACCOUNT', 'DETAIL'];
  const stateColumns = new Set(withLive ? [2, 3] : [2]);
  const rows = report.profiles.map((p) => {
    const s = p.status;
    const account = p.live?.account ?? s?.account ?? '';
    const detail = p.live ? liveDetail(p.live) : (s?.detail ?? '');
    return [
      v(p.name),
      p.kind,
      s?.state ?? '',
      ...(p.live ? [liveWord(p.live)] : withLive ? [''] : []),
      v(account),
      v(detail),
    ];
  });
  const widths = header.map((h, i) =>
    i === header.length - 1 ? 0 : Math.min(MAX_WIDTH, Math.max(h.length, ...rows.map((r) => r[i].length))),
  );
  // Where the detail starts; it wraps under itself when that leaves it 30 columns, else a detail
  // that does not fit goes on the next lines, under four spaces.
  const room = widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
  const underItself = layout.width - room >= 30;
  const tableLine = (cells: string[], heading = false): TextLine[] => {
    const head: Segment[] = [];
    cells.slice(0, -1).forEach((c, i) => {
      const style = heading ? 'heading' : stateColumns.has(i) ? STATE_STYLES[c] : undefined;
      // The padding outside the colour: a coloured run of spaces shows as a bar in some themes.
      head.push(style ? styled(style, c) : c, ' '.repeat(Math.max(0, widths[i] - c.length) + 2));
    });
    const last = cells[cells.length - 1];
    const detail = heading ? styled('heading', last) : last;
    if (underItself || heading || room + [...last].length <= layout.width)
      return [{ head, body: [detail], hang: room }];
    return [{ head }, { head: ['    '], body: [detail], hang: 4 }];
  };
  const out: TextLine[] = [];
  if (note) out.push({ head: [], body: [note] }, { head: [] });
  out.push(
    ...tableLine(header, true),
    ...rows.flatMap((r) => tableLine(r)),
    { head: [] },
    { head: [], body: [profileCounts(report.profiles)] },
  );
  const failures = report.profiles.filter((p) => p.live && !p.live.ok && p.live.skipped === undefined);
  if (failures.length) {
    out.push({ head: [] }, { head: [styled('heading', 'Live check failures:')] });
    for (const p of failures) {
      const f = liveFinding(p.live!);
      out.push({ head: [`  ${v(p.name)}: `], body: [v(f ? `${f.code} — ${f.message}` : 'failed')], hang: 4 });
    }
  }
  return renderLines(out, layout);
}

/**
 * `--all-profiles --format github`: one annotation per profile that needs attention, on its
 * header line (an error: it fails or has expired, or its live check failed; a warning: the tools
 * disagree or it expires soon), then the counts. Encoded as the findings' annotations are.
 */
export function formatProfileGithub(report: Report, options: CiFormatOptions = {}): string {
  const lines: string[] = [];
  for (const p of report.profiles) {
    const state = p.status?.state;
    const liveFailed = p.live && !p.live.ok && p.live.skipped === undefined;
    const command =
      liveFailed || state === 'error' || state === 'expired'
        ? 'error'
        : state === 'disagree' || state === 'expiring'
          ? 'warning'
          : undefined;
    if (!command) continue;
    const file = escapeGithubProperty(clean(workspaceRelative(p.path, options.workspace) ?? p.path));
    const title = escapeGithubProperty(clean(`profile "${p.name}": ${liveFailed ? 'live check failed' : state}`));
    lines.push(
      `::${command} file=${file},line=${p.line},title=${title}::${escapeGithubData(clean(liveFailed ? liveDetail(p.live!) : p.status?.detail))}`,
    );
  }
  lines.push(`AWS Credentials Doctor: ${clean(profileCounts(report.profiles))}`);
  return lines.join('\n') + '\n';
}

/**
 * The same table in Markdown, fit to paste into a ticket or a chat: through the one redaction
 * function, the home as `~`, account ids keeping their last four digits (as the Markdown report).
 */
export function formatProfileTableMarkdown(report: Report): string {
  const { text, code } = markdownValues(report);
  const withLive = report.profiles.some((p) => p.live);
  const out: string[] = [`## AWS profiles (${text(profileCounts(report.profiles))})`, ''];
  out.push(
    row(['profile', 'kind', 'state', ...(withLive ? ['live check', 'identity or error'] : []), 'account', 'detail']),
  );
  out.push(`|${'---|'.repeat(withLive ? 7 : 5)}`);
  for (const p of report.profiles) {
    const s = p.status;
    const l = p.live;
    const f = l && !l.ok ? liveFinding(l) : undefined;
    const identity = !l
      ? ''
      : l.skipped !== undefined
        ? text(l.skipped)
        : l.ok
          ? code(maskArn(l.arn))
          : f
            ? `${code(f.code)}: ${text(f.message)}`
            : '';
    out.push(
      row([
        code(p.name),
        text(p.kind),
        text(s?.state ?? ''),
        ...(withLive ? [l ? liveWord(l) : '', identity] : []),
        code(maskAccount(l?.account ?? s?.account ?? null)),
        text(s?.detail ?? ''),
      ]),
    );
  }
  out.push('');
  out.push(
    `<sub>Generated ${text(report.generatedAt)} by AWS Credentials Doctor. Secrets, tokens and key ids are masked; account ids keep their last four digits.</sub>`,
  );
  return sanitize(redact(out.join('\n')), true) + '\n';
}
