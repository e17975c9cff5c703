/** The one way a finding is redacted, wherever it comes from (the rules, the live check, a merge). */
import type { Finding, FixAction } from './findings';
import type { Redactor } from './redact';

/**
 * Masks every secret in a finding's texts. A fix whose action carries a secret (removing the
 * quotes around a secret value) would print it in every report, and masking it would write the
 * mask into the file: such a fix is dropped.
 */
export function redactFinding(f: Finding, r: Redactor): Finding {
  return {
    ...f,
    message: r.redact(f.message),
    related: f.related.map((x) => ({ ...x, message: r.redact(x.message) })),
    fixes: f.fixes.filter((x) => !carriesSecret(x.action, r)).map((x) => ({ ...x, title: r.redact(x.title) })),
  };
}

function carriesSecret(action: FixAction, r: Redactor): boolean {
  const texts = action.kind === 'replaceText' ? [action.text] : action.kind === 'setEnv' ? [action.value] : action.kind === 'runCommand' ? [action.command] : [];
  return texts.some((t) => typeof t === 'string' && r.redact(t) !== t);
}
