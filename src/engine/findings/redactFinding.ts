/** The one way a finding is redacted, wherever it comes from (the rules, the live check, a merge). */
import type { Finding, FixAction } from './findings';
import { renderMessage } from '../core/messages';
import type { Redactor } from '../secrets/redact';
import { unreachable } from '../core/unreachable';

/**
 * Masks every secret in a finding's texts. A fix whose action carries a secret (removing the
 * quotes around a secret value) would print it in every report, and masking it would write the
 * mask into the file: such a fix is dropped.
 */
export function redactFinding(f: Finding, r: Redactor): Finding {
  const { template, data, ...rest } = f;
  const message = r.redact(f.message);
  return {
    ...rest,
    message,
    ...templateKept(template, data, message, r),
    related: f.related.map((x) => ({ ...x, message: r.redact(x.message) })),
    fixes: f.fixes
      .filter((x) => !carriesSecret(x.action, r))
      .map((x) => ({
        ...x,
        title: r.redact(x.title),
        ...(x.commands ? { commands: x.commands.map((c) => ({ ...c, command: r.redact(c.command) })) } : {}),
      })),
  };
}

/**
 * The template and its data, kept only when they render the redacted message, so that a renderer
 * in another language never shows more than the English: the data redacted value by value, or as it
 * was when the message needed no masking at all (a value the redactor masks alone but not where the
 * message quotes it: a placeholder secret "fake" quoted as "fake…"; the report masks it in the data
 * then, so the translation shows less). Otherwise (a secret masked only in the context of the whole
 * message) the template is dropped and the English message is shown.
 */
function templateKept(
  template: string | undefined,
  data: Finding['data'],
  message: string,
  r: Redactor,
): Pick<Finding, 'template' | 'data'> {
  if (template === undefined || data === undefined) return {};
  const masked: Record<string, string> = {};
  for (const k in data) masked[k] = r.redact(data[k]);
  if (renderMessage(template, masked) === message) return { template, data: masked };
  return renderMessage(template, data) === message ? { template, data } : {};
}

/** Whether any text the fix would write (into a file, the environment, a terminal) holds a secret. */
function carriesSecret(action: FixAction, r: Redactor): boolean {
  return writtenTexts(action).some((t) => typeof t === 'string' && r.redact(t) !== t);
}

/**
 * The free texts a fix carries, kind by kind: exhaustive, so that a new kind cannot pass redaction
 * unexamined. Paths, profile and variable names are shown in the finding's own message as well.
 */
function writtenTexts(action: FixAction): readonly unknown[] {
  switch (action.kind) {
    case 'replaceText':
      return [action.text];
    case 'setEnv':
      return [action.value];
    case 'runCommand':
      return [action.command];
    case 'deleteLine':
    case 'unsetEnv':
    case 'chmod':
    case 'switchProfile':
    case 'setRegion':
    case 'removeBom':
      return [];
    default:
      return unreachable(action, 'fix kind');
  }
}
