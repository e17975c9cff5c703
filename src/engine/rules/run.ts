/**
 * The diagnostic rules, run in order: specific rules first (each a pure function of the
 * diagnosis), then the whole-machine outcomes, which speak only where no specific finding does.
 * To add a rule, see ARCHITECTURE.md ("How to add a rule").
 */
import type { DiagnosisBase } from '../findings/diagnosis';
import type { Finding } from '../findings/findings';
import { CREDENTIAL_RULES } from './credentials';
import { ENDPOINT_RULES } from './endpoints';
import { ENVIRONMENT_RULES } from './environment';
import { EXPIRY_RULES } from './expiry';
import { FILE_RULES } from './files';
import type { RuleModule } from './kit';
import { MAX_FINDINGS_PER_CODE, RuleRun } from './kit';
import { OUTCOME_RULES } from './outcomes';
import { renderMessage } from '../core/messages';
import { PROFILE_RULES } from './profiles';
import { VERSION_RULES } from './versions';
import { LOGIN_RULES } from './login';
import { BROKER_RULES } from './brokers';
import { UNREAD_FILE_RULES } from './unreadFiles';

// UNREAD_FILE_RULES last: they report every path the rules before them tried to read.
export const RULES: readonly RuleModule[] = [
  CREDENTIAL_RULES,
  ENVIRONMENT_RULES,
  EXPIRY_RULES,
  FILE_RULES,
  PROFILE_RULES,
  ENDPOINT_RULES,
  VERSION_RULES,
  LOGIN_RULES,
  BROKER_RULES,
  UNREAD_FILE_RULES,
];

/** The one message not of a code's own: the finding that sums up those past MAX_FINDINGS_PER_CODE. */
export const MORE_NOT_LISTED = '{count} more {code} findings are not listed.';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function runRules(d: DiagnosisBase): Finding[] {
  const run = new RuleRun(d);
  for (const module of RULES) run.run(module);
  const specific = [...run.found];
  run.run(OUTCOME_RULES, specific);
  return cap(run.found, run.omitted()).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/** At most MAX_FINDINGS_PER_CODE per code, and one more that says how many are not listed (counted ones included). */
function cap(findings: Finding[], omitted: ReadonlyMap<string, number>): Finding[] {
  const counts = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of findings) {
    const n = (counts.get(f.code) ?? 0) + 1;
    counts.set(f.code, n);
    if (n <= MAX_FINDINGS_PER_CODE) out.push(f);
  }
  for (const [code, listed] of counts) {
    const n = listed + (omitted.get(code) ?? 0);
    if (n <= MAX_FINDINGS_PER_CODE) continue;
    const last = out.filter((f) => f.code === code).pop()!;
    const data = { count: String(n - MAX_FINDINGS_PER_CODE), code };
    out.push({
      ...last,
      severity: 'info',
      message: renderMessage(MORE_NOT_LISTED, data),
      template: MORE_NOT_LISTED,
      data,
      file: null,
      fileKind: null,
      line: null,
      column: null,
      env: null,
      related: [],
      fixes: [],
    });
  }
  return out;
}
