/**
 * The error explainer: recognises AWS authentication errors in any wording (STS, DynamoDB, the
 * JavaScript SDK, botocore, the AWS CLI, the Go and Java SDKs' log lines, raw XML and JSON error
 * bodies) and says what they mean on this machine: the catalogue entry, the usual causes, and the
 * findings of this machine's diagnosis that explain it.
 *
 * The input text may contain secrets: it is redacted before anything is matched or extracted, so
 * nothing that leaves this module can carry one.
 */
import type { Diagnosis } from '../diagnosis';
import type { Finding, FindingCode } from '../findings';
import { TOOL_IDS } from '../model';
import type { ToolId } from '../model';
import { redact } from '../redact';
import { CATALOGUE } from './catalogue';
import type { Entry, Variant } from './catalogue';
import type { ErrorContext, ErrorMatch, Explanation } from './types';

interface Occurrence {
  readonly variant: Variant;
  readonly index: number;
  readonly end: number;
  readonly text: string;
}

interface Candidate {
  readonly entry: Entry;
  readonly occurrences: readonly Occurrence[];
  /** Trigger occurrences only. */
  readonly triggers: readonly Occurrence[];
  readonly first: number;
}

/** How far apart two matches may be and still describe the same error. */
const SAME_ERROR_DISTANCE = 600;
const MAX_INPUT = 1_000_000;

export function explainError(text: string, diagnosis?: Diagnosis): Explanation {
  const clean = (s: string) => (diagnosis ? diagnosis.redactor.redact(s) : redact(s));
  // Redact first: nothing below can then see, cut or quote a secret.
  const input = clean(String(text ?? '').slice(0, MAX_INPUT)).replace(/\r\n?/g, '\n');

  let candidates: Candidate[] = [];
  for (const entry of CATALOGUE) {
    const occurrences: Occurrence[] = [];
    for (const variant of entry.variants) {
      if (variant.requires && !variant.requires.test(input)) continue;
      variant.re.lastIndex = 0;
      for (let m = variant.re.exec(input); m; m = variant.re.exec(input)) {
        occurrences.push({ variant, index: m.index, end: m.index + m[0].length, text: m[0] });
        if (m[0].length === 0) variant.re.lastIndex++;
      }
    }
    const triggers = occurrences.filter((o) => !o.variant.hint);
    if (!triggers.length) continue;
    // Hints count only near a trigger.
    const near = occurrences.filter((o) => !o.variant.hint || triggers.some((t) => Math.abs(t.index - o.index) <= SAME_ERROR_DISTANCE));
    candidates.push({ entry, occurrences: near, triggers, first: Math.min(...triggers.map((t) => t.index)) });
  }

  // A specific entry makes a generic one redundant when every trigger of the generic one is near it.
  candidates = candidates.filter((c) => {
    const by = candidates.filter((o) => o.entry.supersedes?.includes(c.entry.id));
    if (!by.length) return true;
    return c.triggers.some((t) => !by.some((o) => o.triggers.some((x) => Math.abs(x.index - t.index) <= SAME_ERROR_DISTANCE)));
  });
  // Two entries sharing the same span: keep the longer (more specific) one's claim; e.g. the CLI
  // wording "Unable to locate credentials. You can configure…" is one error, not two.
  candidates.sort((a, b) => b.entry.specificity - a.entry.specificity || a.first - b.first);

  const byPosition = [...candidates].sort((a, b) => a.first - b.first);
  const matches = candidates.map((c) => {
    const i = byPosition.indexOf(c);
    const regionStart = i === 0 ? 0 : lineStart(input, Math.max(byPosition[i - 1].first, c.first - SAME_ERROR_DISTANCE));
    const regionEnd = i === byPosition.length - 1 ? input.length : Math.max(lineEnd(input, c.first), lineStart(input, byPosition[i + 1].first));
    const region = byPosition.length === 1 ? input : input.slice(regionStart, regionEnd);
    return buildMatch(c, region, input, diagnosis, clean);
  });
  return { matches, diagnosed: diagnosis !== undefined };
}

function lineStart(s: string, i: number): number {
  const j = s.lastIndexOf('\n', Math.max(0, i - 1));
  return j < 0 ? 0 : j + 1;
}

function lineEnd(s: string, i: number): number {
  const j = s.indexOf('\n', i);
  return j < 0 ? s.length : j;
}

function buildMatch(c: Candidate, region: string, input: string, diagnosis: Diagnosis | undefined, clean: (s: string) => string): ErrorMatch {
  const { entry } = c;
  // The wording: the first variant (in catalogue order) that matched; the code: the first code
  // the text itself names (a trigger or a hint), else the wording's.
  const variantOrder = (o: Occurrence) => entry.variants.indexOf(o.variant);
  const ordered = [...c.occurrences].sort((a, b) => variantOrder(a) - variantOrder(b) || a.index - b.index);
  const primary = ordered.find((o) => !o.variant.hint) ?? c.triggers[0];
  // A code the text names itself (a single word such as InvalidClientTokenId), trigger or hint.
  const named = ordered.find((o) => /^\w+$/.test(o.text));
  const code = named?.text ?? primary.variant.code;
  let wording = primary.variant.wording;
  if (wording === 'service-message' && named) wording = named.variant.wording;
  const status = named?.variant.status ?? primary.variant.status ?? null;

  const context = extractContext(region, entry, diagnosis);
  const around = excerpt(input, primary);
  const detail = entry.detail?.(primary.text, region) ?? null;
  const explainedBy = entry.findings;
  const findings = diagnosis ? relevantFindings(diagnosis, explainedBy, context.keyUsedBy) : [];
  return {
    id: entry.id,
    code,
    wording,
    form: formOf(input, primary, named),
    matched: clean(around),
    usualHttpStatus: status,
    meaning: clean(entry.meaning),
    causes: entry.causes.map(clean),
    detail: detail === null ? null : clean(detail),
    context: cleanContext(context, clean),
    explainedBy,
    findings,
  };
}

/** The line (or lines) the match sits on, at most 300 characters. */
function excerpt(input: string, o: Occurrence): string {
  const start = lineStart(input, o.index);
  const end = lineEnd(input, o.end);
  let s = input.slice(start, end).trim();
  if (s.length > 300) {
    const rel = o.index - start;
    const from = Math.max(0, Math.min(rel - 60, s.length - 300));
    s = (from > 0 ? '…' : '') + s.slice(from, from + 300) + (from + 300 < s.length ? '…' : '');
  }
  return s;
}

function formOf(input: string, primary: Occurrence, named: Occurrence | undefined): string {
  const at = named ?? primary;
  const before = input.slice(Math.max(0, at.index - 200), at.index);
  const after = input.slice(at.end, at.end + 40);
  const line = input.slice(lineStart(input, at.index), lineEnd(input, at.end));
  if (/An error occurred \($/.test(before) || /An error occurred \(\w+\)[^\n]* operation/.test(line)) return 'botocore-client-error';
  if (/api error $/.test(before) || /operation error [\w ]+: \w+, https response error/.test(line)) return 'go-sdk';
  if (/Error Code: $/.test(before) || /\(Service: [^;)\n]*; Status Code: \d+; Error Code: /.test(line)) return 'java-sdk';
  if (/<Code>$/.test(before) || /<Code>\w+<\/Code>/.test(line)) return 'xml';
  if (/"__type"\s*:\s*"[^"]*#$/.test(before) || /"(?:__type|code|Code|name)"\s*:\s*"[^"]*$/.test(before)) return 'json';
  if (named && /^:\s/.test(after)) return 'js-error';
  return 'text';
}

const HTTP_STATUS = [
  /StatusCode:\s*(\d{3})\b/,
  /Status Code:\s*(\d{3})\b/,
  /httpStatusCode['"]?\s*[:=]\s*(\d{3})\b/,
  /HTTP\/\d(?:\.\d)?\s+(\d{3})\b/,
  /\bstatus(?:[ _]?code)?['"]?\s*[:=]\s*(\d{3})\b/i,
  /\b(?:HTTP|status) (\d{3})\b/,
];
const REQUEST_ID = [
  /<RequestId>([\w-]{6,})<\/RequestId>/,
  /Request ?ID['"]?\s*[:=]\s*['"]?([\w-]{6,})/i,
  /x-amzn-RequestId['"]?\s*[:=]\s*['"]?([\w-]{6,})/i,
  /x-amz-request-id['"]?\s*[:=]\s*['"]?([\w-]{6,})/i,
];
const OPERATION = [
  /when calling the (\w+) operation/,
  /operation error ([\w ]+?): (\w+)/,
  /[?&]Action=(\w+)/,
  /X-Amz-Target['"]?\s*[:=]\s*['"]?[\w.]+\.(\w+)/i,
];
const PROFILE = [
  /The config profile \(([^)\n]*)\) could not be found/,
  /profile=([^\s.]+) was not found/,
  /Could not resolve credentials using profile: \[([^\]\n]*)\]/,
  /The profile "([^"\n]*)" is configured to use SSO/,
  /Profile (\S+) (?:credential_process|requires multi-factor)/,
  /The source_profile "[^"\n]*" referenced in the profile "([^"\n]*)"/,
  /The profile "([^"\n]*)" contains both/,
  /referenced in profile "?([^"\s]+)"?/,
];
/** A masked access key id as redaction leaves it (its last four characters). */
const MASKED_KEY = /\*{16}([A-Z0-9]{4})\b/;

function first(res: readonly RegExp[], s: string): RegExpExecArray | null {
  for (const re of res) {
    const m = re.exec(s);
    if (m) return m;
  }
  return null;
}

function extractContext(region: string, entry: Entry, d: Diagnosis | undefined): ErrorContext {
  const ctx: { -readonly [K in keyof ErrorContext]: ErrorContext[K] } = {};
  const op = first(OPERATION, region);
  if (op) {
    if (op[2] !== undefined && /^operation error/.test(op[0])) {
      ctx.service = op[1];
      ctx.operation = op[2];
    } else ctx.operation = op[1];
  }
  if (!ctx.service) {
    const svc = /\(Service: ([^;)\n]+);/.exec(region);
    if (svc) ctx.service = svc[1].trim();
  }
  const status = first(HTTP_STATUS, region);
  if (status) {
    const n = Number(status[1]);
    if (n >= 100 && n <= 599) ctx.httpStatus = n;
  }
  const rid = first(REQUEST_ID, region);
  if (rid) ctx.requestId = rid[1];
  const prof = first(PROFILE, region);
  if (prof) ctx.profile = prof[1];
  if (entry.id === 'access-denied') {
    const m = /User: (\S+) is not authorized to perform: ([\w:*-]+)/.exec(region);
    if (m) {
      ctx.principal = m[1];
      ctx.action = m[2];
    }
  }
  const key = MASKED_KEY.exec(region);
  if (key) {
    const last4 = key[1];
    ctx.accessKeyId = '*'.repeat(16) + last4;
    if (d) {
      ctx.keyUsedBy = TOOL_IDS.filter((t) => d.tools[t].credentials.accessKeyId?.value.trim().slice(-4) === last4);
      ctx.keyFoundIn = keyLocations(d, last4);
    }
  }
  return ctx;
}

/** Where this machine holds an access key id ending in `last4`. */
function keyLocations(d: Diagnosis, last4: string): string[] {
  const out: string[] = [];
  if (d.input.env.AWS_ACCESS_KEY_ID?.trim().slice(-4) === last4) out.push('$AWS_ACCESS_KEY_ID');
  const seen = new Set<string>();
  const sources = [
    [d.nodeView.credentials.path, d.nodeView.credentialsProfiles],
    [d.nodeView.config.path, d.nodeView.configProfiles],
    [d.pyView.credentials.path, d.pyView.credentialsProfiles],
    [d.pyView.config.path, d.pyView.configProfiles],
  ] as const;
  for (const [path, profiles] of sources) {
    for (const [name, section] of profiles) {
      const s = section.get('aws_access_key_id');
      if (!s || s.value.trim().slice(-4) !== last4 || seen.has(`${path}:${s.line}`)) continue;
      seen.add(`${path}:${s.line}`);
      out.push(`profile ${name} (${path}:${s.line})`);
    }
  }
  return out;
}

function cleanContext(ctx: ErrorContext, clean: (s: string) => string): ErrorContext {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ctx)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' ? clean(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? clean(x) : x)) : v;
  }
  return out as ErrorContext;
}

/** The machine's findings whose code explains the entry, in the entry's order; those about the tool that signed first. */
function relevantFindings(d: Diagnosis, codes: readonly FindingCode[], keyUsedBy: readonly ToolId[] | undefined): Finding[] {
  const rank = (f: Finding) => codes.indexOf(f.code);
  const signer = (f: Finding) => (keyUsedBy?.length && f.tools.some((t) => keyUsedBy.includes(t)) ? 0 : 1);
  const sev = { error: 0, warning: 1, info: 2 } as const;
  return d.findings
    .filter((f) => codes.includes(f.code))
    .sort((a, b) => signer(a) - signer(b) || rank(a) - rank(b) || sev[a.severity] - sev[b.severity]);
}
