/**
 * The error explainer: recognises AWS authentication errors in any wording (STS, DynamoDB, the AWS
 * SDKs for JavaScript, Python, Go, Java, .NET and Rust, the AWS CLI, Terraform, Pulumi, the CDK CLI,
 * Serverless, SAM, Amplify, GitHub's configure-aws-credentials action; stack traces, log lines, raw
 * XML and JSON error bodies) and says what they mean on this machine: the catalogue entry, the usual
 * causes, which tool printed it and what that tool adds, and the findings of this machine's diagnosis
 * that explain it.
 *
 * The input text may contain secrets: it is redacted before anything is matched or extracted, so
 * nothing that leaves this module can carry one. It is then normalised (normalize.ts): escape
 * sequences, frames and log prefixes removed, so that a wording matches however it was printed.
 * Every step is linear in the input: the wordings' quantifiers are bounded, each keeps at most 200
 * occurrences, and occurrences are compared through sorted positions.
 */
import type { Diagnosis } from '../findings/diagnosis';
import type { Finding, FindingCode } from '../findings/findings';
import { TOOL_IDS } from '../core/model';
import type { ToolId } from '../core/model';
import { redact } from '../secrets/redact';
import type { Entry } from './catalogue';
import { findOccurrences, SAME_ERROR_DISTANCE, toolOfVariant } from './matcher';
import type { Occurrence } from './matcher';
import { flat, normalizeErrorText } from './normalize';
import { TOOLS, toolHints } from './tools';
import type { ErrorTool } from './toolLabels';
import type { ErrorContext, ErrorMatch, Explanation } from './types';

interface Candidate {
  readonly entry: Entry;
  readonly occurrences: readonly Occurrence[];
  /** Trigger occurrences only (weak ones that stand alone included). */
  readonly triggers: readonly Occurrence[];
  /** The triggers' positions, sorted. */
  readonly positions: readonly number[];
  readonly first: number;
}

const MAX_INPUT = 1_000_000;

/** Whether a sorted list holds a position within `distance` of `at`. */
function near(sorted: readonly number[], at: number, distance = SAME_ERROR_DISTANCE): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < at - distance) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] <= at + distance;
}

const sortedPositions = (os: readonly Occurrence[]) => os.map((o) => o.index).sort((a, b) => a - b);

export function explainError(text: string, diagnosis?: Diagnosis): Explanation {
  const clean = (s: string) => (diagnosis ? diagnosis.redactor.redact(s) : redact(s));
  // Redact first: nothing below can then see, cut or quote a secret.
  const input = normalizeErrorText(clean(String(text ?? '').slice(0, MAX_INPUT)));
  const f = flat(input);

  const all = findOccurrences(f);
  // Tools' wrappers ("Credentials could not be loaded, please check your action inputs: …"), by position: they name the tool of what they wrap.
  const wrappers = all.filter((o) => o.variant.weak).sort((a, b) => a.index - b.index);
  const byEntry = new Map<Entry, Occurrence[]>();
  for (const o of all) {
    const list = byEntry.get(o.entry);
    if (list) list.push(o);
    else byEntry.set(o.entry, [o]);
  }
  // The strong triggers of each entry: a weak one stands only where no other entry's is near.
  const strong = new Map<Entry, number[]>();
  for (const [entry, os] of byEntry) {
    const s = sortedPositions(os.filter((o) => !o.variant.hint && !o.variant.weak));
    if (s.length) strong.set(entry, s);
  }
  const standsAlone = (o: Occurrence) => ![...strong].some(([e, s]) => e !== o.entry && near(s, o.index));

  let candidates: Candidate[] = [];
  for (const [entry, os] of byEntry) {
    const triggers = os.filter((o) => !o.variant.hint && (!o.variant.weak || standsAlone(o)));
    if (!triggers.length) continue;
    const positions = sortedPositions(triggers);
    // Hints count only near a trigger.
    const occurrences = os.filter((o) => !o.variant.hint || near(positions, o.index));
    candidates.push({ entry, occurrences, triggers, positions, first: positions[0] });
  }

  // A specific entry makes a generic one redundant when every trigger of the generic one is near it.
  candidates = candidates.filter((c) => {
    const by = candidates.filter((o) => o.entry.supersedes?.includes(c.entry.id));
    return !by.length || c.triggers.some((t) => !by.some((o) => near(o.positions, t.index)));
  });
  // Two entries sharing the same span: keep the longer (more specific) one's claim; e.g. the CLI
  // wording "Unable to locate credentials. You can configure…" is one error, not two.
  candidates.sort((a, b) => b.entry.specificity - a.entry.specificity || a.first - b.first);

  const byPosition = [...candidates].sort((a, b) => a.first - b.first);
  const matches = candidates.map((c) => {
    const i = byPosition.indexOf(c);
    const regionStart =
      i === 0 ? 0 : lineStart(input, Math.max(byPosition[i - 1].first, c.first - SAME_ERROR_DISTANCE));
    const regionEnd =
      i === byPosition.length - 1
        ? input.length
        : Math.max(lineEnd(input, c.first), lineStart(input, byPosition[i + 1].first));
    // The region as one line: a wrapped frame breaks "operation error ec2imds" over two.
    const region = byPosition.length === 1 ? f : f.slice(regionStart, regionEnd);
    return buildMatch(c, region, input, toolsOf(c, f, wrappers), diagnosis, clean);
  });
  return { matches, diagnosed: diagnosis !== undefined };
}

/**
 * The tools that printed the error, outermost first: those whose wording matched, and those whose
 * own texts stand near it (Terraform's `provider["registry.terraform.io/hashicorp/aws"]` around a Go
 * SDK message, GitHub's action around a JavaScript SDK one).
 */
function toolsOf(c: Candidate, f: string, wrappers: readonly Occurrence[]): ErrorTool[] {
  const from = Math.max(0, c.first - SAME_ERROR_DISTANCE);
  let last = 0;
  for (const t of c.triggers) last = Math.max(last, t.end);
  const window = f.slice(from, Math.min(f.length, last + SAME_ERROR_DISTANCE));
  // Each tool at the first place it shows.
  const seen = new Map<ErrorTool, number>();
  const note = (t: ErrorTool | undefined, at: number) => {
    if (t && !(at >= (seen.get(t) ?? Infinity))) seen.set(t, at);
  };
  const end = from + window.length;
  for (const o of c.occurrences) note(toolOfVariant(o.variant), o.index);
  for (const w of wrappers) if (w.index >= from && w.index < end) note(toolOfVariant(w.variant), w.index);
  for (const [id, tool] of Object.entries(TOOLS) as [ErrorTool, (typeof TOOLS)[ErrorTool]][]) {
    const m = tool.markers.exec(window);
    if (m) note(id, from + m.index);
  }
  return [...seen].sort(([a, pa], [b, pb]) => TOOLS[b].rank - TOOLS[a].rank || pa - pb).map(([t]) => t);
}

function lineStart(s: string, i: number): number {
  const j = s.lastIndexOf('\n', Math.max(0, i - 1));
  return j < 0 ? 0 : j + 1;
}

function lineEnd(s: string, i: number): number {
  const j = s.indexOf('\n', i);
  return j < 0 ? s.length : j;
}

function buildMatch(
  c: Candidate,
  region: string,
  input: string,
  tools: readonly ErrorTool[],
  diagnosis: Diagnosis | undefined,
  clean: (s: string) => string,
): ErrorMatch {
  const { entry } = c;
  // The wording: the first variant (in catalogue order) that matched; the code: the first code
  // the text itself names (a trigger or a hint), else the wording's.
  const variantOrder = (o: Occurrence) => entry.variants.indexOf(o.variant);
  const ordered = [...c.occurrences].sort((a, b) => variantOrder(a) - variantOrder(b) || a.index - b.index);
  const primary = ordered.find((o) => !o.variant.hint) ?? c.triggers[0];
  // A code the text names itself (a single word such as InvalidClientTokenId), trigger or hint.
  const named = ordered.find((o) => /^\w+$/.test(o.text));
  // The code as the catalogue spells it, when the text spells it otherwise (matching ignores case).
  const code = named
    ? named.text.toLowerCase() === named.variant.code.toLowerCase()
      ? named.variant.code
      : named.text
    : primary.variant.code;
  let wording = primary.variant.wording;
  if (wording === 'service-message' && named) wording = named.variant.wording;
  const status = named?.variant.status ?? primary.variant.status ?? null;

  const context = extractContext(region, entry, diagnosis);
  const around = excerpt(input, primary);
  const detail = entry.detail?.(primary.text, region) ?? null;
  const explainedBy = entry.findings;
  // An error printed on another machine (a CI runner) is not explained by this one's files.
  const remote = tools.some((t) => TOOLS[t].remote);
  const findings = diagnosis && !remote ? relevantFindings(diagnosis, explainedBy, context.keyUsedBy) : [];
  return {
    id: entry.id,
    code,
    wording,
    tools,
    toolHints: toolHints(tools, entry.id),
    remote,
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
  if (
    /An error occurred \($/.test(before) ||
    /An error occurred \(\w{1,100}\) when calling the \w{1,100} operation/.test(line)
  )
    return 'botocore-client-error';
  if (/api error $/.test(before) || /operation error [\w ]{1,60}: \w{1,100}, https response error/.test(line))
    return 'go-sdk';
  if (/Error Code: $/.test(before) || /\(Service: [^;)\n]{0,100}; Status Code: \d+; Error Code: /.test(line))
    return 'java-sdk';
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
  /operation error ([\w ]{1,60}?): (\w+)/,
  /[?&]Action=(\w+)/,
  /X-Amz-Target['"]?\s*[:=]\s*['"]?[\w.]+\.(\w+)/i,
];
const PROFILE = [
  /The config profile \(([^)\n]{0,200})\) could not be found/,
  /profile=([^\s.]{1,200}) was not found/,
  /Could not resolve credentials using profile: \[([^\]\n]{0,200})\]/,
  /The profile "([^"\n]{0,200})" is configured to use SSO/,
  /Profile (\S{1,200}) (?:credential_process|requires multi-factor)/,
  /The source_profile "[^"\n]{0,200}" referenced in the profile "([^"\n]{0,200})"/,
  /The profile "([^"\n]{0,200})" contains both/,
  /referenced in profile "?([^"\s]{1,200})"?/,
  /failed to get shared config profile, ([^\s,]{1,200})/,
  /SharedConfigProfileNotExistsError: failed to get profile, ([^\s,]{1,200})/,
  /No AWS profile named '([^'\n]{0,200})'/,
  /(?:for|named) profile '([^'\n]{0,200})'/,
  /Unable to find the '([^'\n]{0,200})' profile/,
  /profile `([^`\n]{0,200})` (?:was not defined|did not contain)/,
  /the provided AWS name profile '([^'\n]{0,200})'/,
  /Profile configuration (?:is missing for: (\S{1,200})|for '([^'\n]{0,200})')/,
  /Credentials not set (?:for profile|in \S{1,300} using profile) (\S{1,200})/,
  /\bProfile "?([^"\s]{1,200}?)"? not found/,
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
    const svc = /\(Service: ([^;)\n]{1,100})[;,]/.exec(region);
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
  if (prof) ctx.profile = prof[1] ?? prof[2];
  if (ctx.service?.toLowerCase() === 'ec2imds') {
    // The instance metadata endpoint, the last link of the Go SDK's chain: not the AWS call that failed.
    delete ctx.service;
    delete ctx.operation;
    delete ctx.httpStatus;
  }
  if (entry.id === 'access-denied') {
    const m = /User: (\S{1,300}) is not authorized to perform: ([\w:*-]{1,200})/.exec(region);
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
    out[k] =
      typeof v === 'string' ? clean(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? clean(x) : x)) : v;
  }
  return out as ErrorContext;
}

/** The machine's findings whose code explains the entry, in the entry's order; those about the tool that signed first. */
function relevantFindings(
  d: Diagnosis,
  codes: readonly FindingCode[],
  keyUsedBy: readonly ToolId[] | undefined,
): Finding[] {
  const rank = (f: Finding) => codes.indexOf(f.code);
  const signer = (f: Finding) => (keyUsedBy?.length && f.tools.some((t) => keyUsedBy.includes(t)) ? 0 : 1);
  const sev = { error: 0, warning: 1, info: 2 } as const;
  return d.findings
    .filter((f) => codes.includes(f.code))
    .sort((a, b) => signer(a) - signer(b) || rank(a) - rank(b) || sev[a.severity] - sev[b.severity]);
}
