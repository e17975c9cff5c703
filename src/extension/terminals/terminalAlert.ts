/**
 * What the notification for an AWS error in a terminal says and offers, as plain data: the command,
 * the error, the local cause computed from that terminal's environment model and the files, and the
 * preferred fix written in the terminal's shell syntax. Pure: the VS Code side shows it and runs the
 * fix in that terminal only when the user clicks it.
 */
import type { ErrorMatch, Explanation } from '../../engine/explain/types';
import type { Finding, FixAction } from '../../engine/findings/findings';
import { commandLine, setCommand, unsetCommand } from '../../engine/core/shellCommands';
import { unreachable } from '../../engine/core/unreachable';
import { unsetGroup } from '../presentation/environment';
import type { L10n } from '../presentation/localize';
import { firstSentence } from '../presentation/shortText';
import { UNTRANSLATED } from '../presentation/localize';
import type { TerminalShell } from './envEffects';
import type { TerminalChange, TerminalEnvironment } from './terminalEnvironment';

export type TerminalFix =
  /** Text for the terminal (sent only on the user's click); the title shows exactly what will run. */
  | { readonly kind: 'terminal'; readonly title: string; readonly text: string }
  /** A fix outside the terminal (a file edit, chmod, …): the extension's usual fix. */
  | { readonly kind: 'action'; readonly title: string; readonly action: FixAction };

export interface TerminalAlert {
  /** The error's code as printed (InvalidClientTokenId, ProfileNotFound, …). */
  readonly errorCode: string;
  /** The catalogue entry's id. */
  readonly errorId: string;
  /** One short paragraph: the command, the error, the cause in one sentence and the fix. */
  readonly message: string;
  /** What else the terminal's model knows (which command set the variable at fault, what it cannot know): shown by Explain. */
  readonly details: readonly string[];
  /** The finding that explains it, from this terminal's diagnosis. */
  readonly finding?: Finding;
  /** The variable at fault, when the cause is one of the terminal's variables. */
  readonly variable?: string;
  readonly fix?: TerminalFix;
}

export interface AlertInput {
  readonly explanation: Explanation;
  readonly model: TerminalEnvironment;
  readonly shell: TerminalShell;
  /** The command line, already redacted. */
  readonly commandLine: string;
  /** Redacts a command line for display. */
  readonly redact: (s: string) => string;
  /** Local "HH:MM" of a moment. */
  readonly timeOf: (ms: number) => string;
  /** The profiles the files define (to offer a switch when the cause names none). */
  readonly profiles: readonly string[];
  /** The profile the terminal's tools select. */
  readonly profile: string;
}

function shortCommand(line: string): string {
  const one = line.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

/** The finding that best explains the match in this terminal: one about a variable this terminal set first. */
function pickFinding(match: ErrorMatch, model: TerminalEnvironment): Finding | undefined {
  const fs = match.findings.filter((f) => f.severity !== 'info');
  const byTerminal = fs.find((f) => f.env && model.variables.get(f.env)?.changedBy);
  return byTerminal ?? fs.find((f) => f.env) ?? fs[0];
}

/** The finding's preferred fix in this shell's syntax. */
export function terminalFix(
  finding: Finding,
  model: TerminalEnvironment,
  shell: TerminalShell,
  l10n: L10n = UNTRANSLATED,
): TerminalFix | undefined {
  const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
  if (!fix) return undefined;
  const a = fix.action;
  switch (a.kind) {
    case 'unsetEnv': {
      const names = unsetGroup(a.name).filter((n) => n === a.name || model.variables.has(n));
      const text = unsetCommand(shell, names);
      return { kind: 'terminal', title: l10n.t('Run {0}', text), text };
    }
    case 'setEnv': {
      // Always written: only cmd cannot carry a value, and no terminal is followed in cmd.
      const text = setCommand(shell, a.name, a.value)!;
      return { kind: 'terminal', title: l10n.t('Run {0}', text), text };
    }
    case 'switchProfile': {
      // The variable that selects the profile in this terminal; AWS_PROFILE when none does.
      const name =
        model.variables.has('AWS_PROFILE') || !model.variables.has('AWS_DEFAULT_PROFILE')
          ? 'AWS_PROFILE'
          : 'AWS_DEFAULT_PROFILE';
      const text = setCommand(shell, name, a.profile)!;
      return { kind: 'terminal', title: l10n.t('Run {0}', text), text };
    }
    case 'runCommand':
      return { kind: 'terminal', title: l10n.t('Run {0}', a.command), text: a.command };
    case 'deleteLine':
    case 'replaceText':
    case 'chmod':
    case 'setRegion':
    case 'removeBom':
      return { kind: 'action', title: fix.title, action: a };
    default:
      return unreachable(a, 'fix kind');
  }
}

function describeChange(
  name: string,
  change: TerminalChange | undefined,
  removed: boolean,
  input: AlertInput,
  l10n: L10n,
): string {
  if (!change) return l10n.t('{0} came with the terminal (it was set when the terminal started).', name);
  const cmd = shortCommand(input.redact(change.commandLine));
  return removed
    ? l10n.t('{0} was removed in this terminal at {1} by `{2}`.', name, input.timeOf(change.at), cmd)
    : l10n.t('{0} was set in this terminal at {1} by `{2}`.', name, input.timeOf(change.at), cmd);
}

/** The notification for the first error recognised in a command's output, or undefined when there is none. */
export function terminalAlert(input: AlertInput, l10n: L10n = UNTRANSLATED): TerminalAlert | undefined {
  const match = input.explanation.matches[0];
  if (!match) return undefined;
  const cmd = shortCommand(input.commandLine);
  const finding = pickFinding(match, input.model);
  const details: string[] = [];
  let variable: string | undefined;
  let cause: string;
  if (finding) {
    variable = finding.env ?? undefined;
    if (variable)
      details.push(
        describeChange(
          variable,
          input.model.variables.get(variable)?.changedBy ?? input.model.removedBy.get(variable),
          !input.model.variables.has(variable),
          input,
          l10n,
        ),
      );
    cause = input.redact(firstSentence(finding.message));
  } else {
    cause = l10n.t("Nothing in this terminal's AWS environment or the AWS files explains it.");
    // What the tool that printed it reads instead (Terraform's `profile` argument, …).
    if (match.toolHints.length) cause += ` ${input.redact(firstSentence(match.toolHints[0]))}`;
  }
  const unknown = input.model.uncertainties;
  if (unknown.length)
    details.push(l10n.t('Not everything in this terminal is known: {0}.', unknown[unknown.length - 1]));
  let fix = finding ? terminalFix(finding, input.model, input.shell, l10n) : undefined;
  // Signing in to the profile the terminal selects only when it is one of the files' profiles: a
  // malformed AWS_PROFILE ("dev\r", a typo) is never copied into a command.
  if (!fix && /^sso-|sso/.test(match.id) && input.profiles.includes(input.profile)) {
    // Quoted for the shell: a profile name is any text.
    const text = commandLine(input.shell, ['aws', 'sso', 'login', '--profile', input.profile])!;
    fix = { kind: 'terminal', title: l10n.t('Run {0}', text), text };
  }
  // Short (a notification cuts long texts and long buttons): the fix is named here, its button says only "Run Fix".
  const fixText = fix
    ? fix.kind === 'terminal'
      ? l10n.t('Fix: `{0}`.', fix.text)
      : l10n.t('Fix: {0}.', fix.title)
    : '';
  const message = [l10n.t('`{0}` failed: {1}.', cmd, match.code), cause, fixText].filter(Boolean).join(' ');
  return { errorCode: match.code, errorId: match.id, message, details, finding, variable, fix };
}
