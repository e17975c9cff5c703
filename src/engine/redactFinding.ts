/** The one way a finding is redacted, wherever it comes from (the rules, the live check, a merge). */
import type { Finding, FixAction } from './findings';
import type { Redactor } from './redact';
import { unreachable } from './unreachable';

/**
 * Masks every secret in a finding's texts. A fix whose action carries a secret (removing the
 * quotes around a secret value) would print it in every report, and masking it would write the
 * mask into the file: such a fix is dropped.
 */
export function redactFinding(f: Finding, r: Redactor): Finding {
  return {
    ...f,
    message: r.redact(f.message),
    ...(f.data ? { data: Object.fromEntries(Object.entries(f.data).map(([k, v]) => [k, r.redact(v)])) } : {}),
    related: f.related.map((x) => ({ ...x, message: r.redact(x.message) })),
    fixes: f.fixes.filter((x) => !carriesSecret(x.action, r)).map((x) => ({
      ...x,
      title: r.redact(x.title),
      ...(x.commands ? { commands: x.commands.map((c) => ({ ...c, command: r.redact(c.command) })) } : {}),
    })),
  };
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
    case 'replaceText': return [action.text];
    case 'setEnv': return [action.value];
    case 'runCommand': return [action.command];
    case 'deleteLine':
    case 'unsetEnv':
    case 'chmod':
    case 'switchProfile':
    case 'setRegion':
    case 'removeBom':
      return [];
    default: return unreachable(action, 'fix kind');
  }
}
