/**
 * The notification for an AWS error a debugged program printed, as plain data: the session, the
 * error, the local cause from that session's environment (which variable, and where it is written:
 * launch.json, the envFile, the extension's choice, the environment VS Code started with) and the
 * one-click fix, an edit of that line (or the extension's usual fix) followed by a restart of the
 * session. Pure: debugSessions.ts shows it and applies the fix only on the user's click.
 */
import type { ErrorMatch, Explanation } from '../../engine/explain/types';
import type { Finding } from '../../engine/findings/findings';
import type { L10n } from '../presentation/localize';
import { UNTRANSLATED } from '../presentation/localize';
import { commandLine } from '../../engine/core/shellCommands';
import { firstSentence } from '../presentation/shortText';
import type { DisplayPath, SessionEnvironment, SessionFix, SessionVariable } from './sessionEnvironment';
import { sessionFixes } from './sessionEnvironment';

export interface SessionAlert {
  /** The error's code as printed (InvalidClientTokenId, ProfileNotFound, …). */
  readonly errorCode: string;
  /** The catalogue entry's id. */
  readonly errorId: string;
  readonly message: string;
  /** The finding that explains it, from the session's diagnosis. */
  readonly finding?: Finding;
  readonly variable?: string;
  /** The fix; `restart`: the session is started again after it; `button`: the notification's short label (the message says what the fix does). */
  readonly fix?: SessionFix & { readonly restart: boolean; readonly button: string };
}

export interface SessionAlertInput {
  readonly explanation: Explanation;
  readonly session: SessionEnvironment;
  /** The debug session's name, as VS Code shows it. */
  readonly name: string;
  readonly redact: (s: string) => string;
  readonly display: DisplayPath;
  /** The profile the session's tools select. */
  readonly profile: string;
}

/** The finding that best explains the match: one about a variable the configuration writes, then any about a variable. */
function pickFinding(match: ErrorMatch, session: SessionEnvironment): Finding | undefined {
  const fs = match.findings.filter((f) => f.severity !== 'info');
  const written = (f: Finding) => {
    const o = f.env ? session.variables.get(f.env)?.origin.kind : undefined;
    return o === 'config' || o === 'envFile';
  };
  return fs.find(written) ?? fs.find((f) => f.env && session.variables.has(f.env)) ?? fs.find((f) => f.env) ?? fs[0];
}

function describeOrigin(v: SessionVariable, session: SessionEnvironment, display: DisplayPath, l10n: L10n): string {
  const o = v.origin;
  switch (o.kind) {
    case 'config':
      return session.block && o.line
        ? l10n.t('{0} is set in {1} (line {2}).', v.name, display(session.block.file), o.line)
        : l10n.t('{0} is set in the debug configuration.', v.name);
    case 'envFile':
      return l10n.t('{0} comes from the envFile {1} (line {2}).', v.name, display(o.file), o.line);
    case 'extension':
      return v.value === null
        ? l10n.t('{0} was unset by AWS Credentials Doctor for new terminals and debug sessions.', v.name)
        : l10n.t('{0} was set by AWS Credentials Doctor for new terminals and debug sessions.', v.name);
    case 'inherited':
      return l10n.t('{0} comes from the environment VS Code was started with.', v.name);
  }
}

/** The notification for the first error recognised in a session's output, or undefined when there is none. */
export function sessionAlert(input: SessionAlertInput, l10n: L10n = UNTRANSLATED): SessionAlert | undefined {
  const match = input.explanation.matches[0];
  if (!match) return undefined;
  const parts = [l10n.t('Debug session "{0}" failed: {1}.', input.name, match.code)];
  const finding = pickFinding(match, input.session);
  const variable = finding?.env ?? undefined;
  if (finding) {
    const v = variable ? input.session.variables.get(variable) : undefined;
    if (v) parts.push(describeOrigin(v, input.session, input.display, l10n));
    parts.push(input.redact(firstSentence(finding.message)));
  } else {
    parts.push(l10n.t("Nothing in this session's AWS environment or the AWS files explains it."));
  }
  let fix: SessionAlert['fix'];
  const fixes = finding ? sessionFixes(finding, input.session, input.display, l10n) : [];
  const best = fixes.find((f) => f.preferred) ?? fixes[0];
  if (best) {
    // A sign-in takes its time in a terminal: the session is not restarted under it.
    const restart = !(best.kind === 'action' && best.action.kind === 'runCommand');
    // The message names the file: the button keeps to what it does.
    const title = best.kind === 'edit' ? best.short : best.title;
    fix = {
      ...best,
      restart,
      title: restart ? l10n.t('{0} and Restart', title) : title,
      button: restart ? l10n.t('Fix and Restart') : l10n.t('Apply Fix'),
    };
  } else if (/sso/.test(match.id)) {
    const action = {
      kind: 'runCommand' as const,
      command: commandLine('posix', ['aws', 'sso', 'login', '--profile', input.profile])!,
      signIn: { kind: 'sso' as const, profile: input.profile },
    };
    fix = {
      kind: 'action',
      title: l10n.t('Sign in to SSO ({0})', input.profile),
      preferred: true,
      action,
      restart: false,
      button: l10n.t('Sign In'),
    };
  }
  // A notification's buttons are cut when long (as the terminal's): the fix is said in the message, its button is short.
  if (fix) parts.push(l10n.t('Fix: {0}.', fix.title));
  return { errorCode: match.code, errorId: match.id, message: parts.join(' '), finding, variable, fix };
}
