/**
 * The documents Explain Error and Show Report open: read-only Markdown (a virtual document, never an
 * untitled editor that asks to be saved), with the actions a reader can take as CodeLens above
 * their lines (a fix, the same fix run in the terminal the error came from). Pure: the VS Code side
 * (readOnlyDocuments.ts) serves the text and turns each action into a command.
 */
import type { ErrorMatch, Explanation } from '../../engine/explain/types';
import type { Finding, FindingCode, FixAction } from '../../engine/findings/findings';
import { locationOf } from '../../engine/findings/findings';
import { codeSpan, escapeText } from '../../engine/output/markdown';
import { TOOL_LABELS } from '../../engine/core/model';
import { sanitize } from '../../engine/core/sanitize';
import { fixTitle } from './environment';
import type { L10n } from './localize';
import { UNTRANSLATED } from './localize';

export type DocumentAction =
  /** A finding's fix, applied as the quick fix would. */
  | {
      readonly kind: 'fix';
      readonly line: number;
      readonly title: string;
      readonly action: FixAction;
      readonly code: FindingCode;
    }
  /** A command typed into the named terminal (the terminal's own shell syntax). */
  | {
      readonly kind: 'terminal';
      readonly line: number;
      readonly title: string;
      readonly terminal: string;
      readonly text: string;
    };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface ReadOnlyDocument {
  /** Markdown. */
  readonly text: string;
  /** 0-based lines that carry an action (a CodeLens above the line). */
  readonly actions: readonly DocumentAction[];
}

/** The terminal an explained error came from: its name, the command, what its model knows, and the fix for that shell. */
export interface TerminalContext {
  readonly name: string;
  readonly commandLine: string;
  readonly details: readonly string[];
  readonly fix?: { readonly title: string; readonly text: string };
}

export interface ExplanationInput {
  readonly explanation: Explanation;
  /** Masks every secret the diagnosis saw (and credential-shaped text). */
  readonly redact: (s: string) => string;
  /** The home directory, shown as `~`. */
  readonly home?: string;
  readonly terminal?: TerminalContext;
  /** The debug session an explained error came from: its name and where its AWS variables come from. */
  readonly session?: { readonly name: string; readonly details: readonly string[] };
}

class Builder {
  readonly lines: string[] = [];
  readonly actions: DocumentAction[] = [];
  push(...lines: string[]): void {
    this.lines.push(...lines);
  }
  /** A line with an action above it. */
  act(line: string, action: DistributiveOmit<DocumentAction, 'line'>): void {
    this.actions.push({ ...action, line: this.lines.length } as DocumentAction);
    this.lines.push(line);
  }
  done(): ReadOnlyDocument {
    return { text: this.lines.join('\n') + '\n', actions: this.actions };
  }
}

/** One finding: severity, code and place, the whole message, and each fix as an action. */
function findingBlock(
  b: Builder,
  f: Finding,
  text: (s: string) => string,
  code: (s: string) => string,
  l10n: L10n,
): void {
  const where = locationOf(f);
  b.push(`**${f.severity.toUpperCase()}** ${code(f.code)}${where ? ` · ${code(where)}` : ''}`, '');
  b.push(text(f.message), '');
  for (const fix of f.fixes)
    b.act(`- ${l10n.t('Fix: {0}', text(fixTitle(fix, l10n)))}`, {
      kind: 'fix',
      title: fixTitle(fix, l10n),
      action: fix.action,
      code: f.code,
    });
  if (f.fixes.length) b.push('');
}

function contextLine(m: ErrorMatch, text: (s: string) => string, l10n: L10n): string | undefined {
  const c = m.context;
  const facts: string[] = [];
  if (c.service || c.operation)
    facts.push(l10n.t('operation {0}', text([c.service, c.operation].filter(Boolean).join(' '))));
  if (c.httpStatus !== undefined) facts.push(`HTTP ${c.httpStatus}`);
  else if (m.usualHttpStatus !== null) facts.push(l10n.t('usually HTTP {0}', m.usualHttpStatus));
  if (c.requestId) facts.push(l10n.t('request id {0}', text(c.requestId)));
  if (c.profile !== undefined) facts.push(l10n.t('profile "{0}"', text(c.profile)));
  if (c.principal) facts.push(l10n.t('identity {0}', text(c.principal)) + (c.action ? ` (${text(c.action)})` : ''));
  if (c.accessKeyId) {
    const used =
      c.keyUsedBy === undefined
        ? ''
        : c.keyUsedBy.length
          ? l10n.t('; {0} sign with this key', c.keyUsedBy.map((t) => TOOL_LABELS[t]).join(', '))
          : l10n.t('; no tool on this machine signs with this key');
    facts.push(
      l10n.t('key {0}', text(c.accessKeyId)) +
        used +
        (c.keyFoundIn?.length ? l10n.t(' (found in {0})', text(c.keyFoundIn.join(', '))) : ''),
    );
  }
  return facts.length ? facts.join(' · ') : undefined;
}

/**
 * Explain Error's document: what this machine has that explains the error first (its findings with
 * their fixes as actions; for a terminal's error, that terminal's part and the fix run there), then
 * what the error means and its other usual causes.
 */
export function explanationDocument(input: ExplanationInput, l10n: L10n = UNTRANSLATED): ReadOnlyDocument {
  const home = input.home && input.home.length > 1 ? input.home.replace(/[\\/]+$/, '') : undefined;
  const clean = (s: string) => {
    const c = sanitize(input.redact(s));
    return home ? c.split(home).join('~') : c;
  };
  const text = (s: string) => escapeText(clean(s));
  const code = (s: string) => codeSpan(clean(s));
  const b = new Builder();
  const { matches } = input.explanation;
  if (!matches.length) {
    b.push(
      `# ${l10n.t('AWS error explained')}`,
      '',
      l10n.t('No known AWS authentication error recognised in this text.'),
    );
    return b.done();
  }
  matches.forEach((m, i) => {
    if (i > 0) b.push('', '---', '');
    b.push(`# ${m.code}`, '', `> ${text(m.matched)}`, '');
    const t = i === 0 ? input.terminal : undefined;
    if (t) {
      b.push(`## ${l10n.t('In terminal "{0}"', text(t.name))}`, '');
      b.push(l10n.t('{0} failed.', code(t.commandLine)), '');
      for (const d of t.details) b.push(`- ${text(d)}`);
      if (t.details.length) b.push('');
      if (t.fix)
        b.act(`- ${l10n.t('Fix in this terminal: {0}', code(t.fix.text))}`, {
          kind: 'terminal',
          title: l10n.t('Run {0} in terminal "{1}"', clean(t.fix.text), clean(t.name)),
          terminal: t.name,
          text: t.fix.text,
        });
      if (t.fix) b.push('');
    }
    const session = i === 0 ? input.session : undefined;
    if (session) {
      b.push(`## ${l10n.t('In debug session "{0}"', text(session.name))}`, '');
      for (const d of session.details) b.push(`- ${text(d)}`);
      if (session.details.length) b.push('');
    }
    b.push(`## ${l10n.t('On this machine')}`, '');
    if (m.findings.length) for (const f of m.findings) findingBlock(b, f, text, code, l10n);
    else if (input.explanation.diagnosed === false) b.push(l10n.t('Not compared with this machine.'), '');
    else
      b.push(
        l10n.t(
          'Nothing in the AWS files or the environment explains it (checked: {0}).',
          m.explainedBy
            .slice(0, 6)
            .map((c) => code(c))
            .join(', ') + (m.explainedBy.length > 6 ? ', …' : ''),
        ),
        '',
      );
    b.push(`## ${l10n.t('What it means')}`, '', text(m.meaning));
    if (m.detail) b.push('', text(m.detail));
    const context = contextLine(m, text, l10n);
    if (context) b.push('', context);
    b.push('', `## ${l10n.t('Usual causes, most likely first')}`, '');
    m.causes.forEach((c, n) => b.push(`${n + 1}. ${text(c)}`));
  });
  return b.done();
}

/**
 * Show Report's document: the redacted Markdown report (as `diagnose --markdown` prints it), each
 * finding's row with its fixes as actions.
 */
export function reportDocument(
  markdown: string,
  findings: readonly Finding[],
  l10n: L10n = UNTRANSLATED,
): ReadOnlyDocument {
  const lines = markdown.replace(/\n$/, '').split('\n');
  const actions: DocumentAction[] = [];
  // The findings table's rows follow its header and separator, one per finding, in the report's order.
  const header = lines.findIndex((l) => l.startsWith('| severity | code |'));
  if (header >= 0) {
    findings.forEach((f, i) => {
      const line = header + 2 + i;
      if (!lines[line]?.startsWith(`| ${f.severity} |`)) return;
      for (const fix of f.fixes)
        actions.push({ kind: 'fix', line, title: fixTitle(fix, l10n), action: fix.action, code: f.code });
    });
  }
  return { text: lines.join('\n') + '\n', actions };
}
