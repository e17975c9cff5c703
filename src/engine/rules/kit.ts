/** What every rule uses: the finding builder, tool helpers, and the files and profiles in play. */
import type { AwsFile } from '../awsFiles';
import type { DiagnosisBase } from '../diagnosis';
import type { Finding, FindingCode, Fix, RelatedLocation, Severity } from '../findings';
import type { FileKind, ToolId } from '../model';
import { TOOL_IDS, TOOL_LABELS } from '../model';
import { platformCommand } from '../shellCommands';

export type Rule = (d: DiagnosisBase) => Finding[];

export interface FindingInit {
  code: FindingCode;
  severity: Severity;
  message: string;
  tools: readonly ToolId[];
  file?: string;
  fileKind?: FileKind;
  line?: number;
  column?: number;
  env?: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

/** More findings of one code than anyone reads: the rest are counted and summed up in one more. */
export const MAX_FINDINGS_PER_CODE = 100;

/** Per diagnosis and code: how many findings were built and how many were only counted. */
const budgets = new WeakMap<DiagnosisBase, Map<FindingCode, { built: number; omitted: number }>>();

/**
 * Adds a finding to `out`, building it only while its code is under MAX_FINDINGS_PER_CODE; past
 * that it is only counted (runRules sums the count up). A 50 MB file of one repeated key thus
 * costs a counter per line, not a message per line.
 */
export function emit(d: DiagnosisBase, out: Finding[], code: FindingCode, build: () => Omit<FindingInit, 'code'>): void {
  let byCode = budgets.get(d);
  if (!byCode) budgets.set(d, (byCode = new Map()));
  let b = byCode.get(code);
  if (!b) byCode.set(code, (b = { built: 0, omitted: 0 }));
  if (b.built >= MAX_FINDINGS_PER_CODE) {
    b.omitted++;
    return;
  }
  b.built++;
  out.push(finding({ code, ...build() }));
}

/** How many findings of each code `emit` counted without building them. */
export function omittedFindings(d: DiagnosisBase): ReadonlyMap<FindingCode, number> {
  const out = new Map<FindingCode, number>();
  for (const [code, b] of budgets.get(d) ?? []) if (b.omitted) out.set(code, b.omitted);
  return out;
}

export function finding(init: FindingInit): Finding {
  return {
    code: init.code,
    severity: init.severity,
    message: init.message,
    file: init.file ?? null,
    fileKind: init.fileKind ?? null,
    line: init.line ?? null,
    column: init.column ?? null,
    env: init.env ?? null,
    tools: init.tools,
    related: init.related ?? [],
    fixes: init.fixes ?? [],
  };
}

/** A command for the platform's default shell (`aws login --profile 'my dev'`; PowerShell quoting on Windows). */
export function commandFor(d: DiagnosisBase, words: readonly string[]): string {
  return platformCommand(d.input.platform, words);
}

/** "JavaScript SDK v3, botocore (boto3, AWS CLI v1) and AWS CLI v2". */
export function toolList(tools: readonly ToolId[]): string {
  const names = tools.map((t) => TOOL_LABELS[t]);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Each distinct AWS file some tool reads, with the tools that read it. */
export function filesInPlay(d: DiagnosisBase): { file: AwsFile; tools: ToolId[] }[] {
  const out: { file: AwsFile; tools: ToolId[] }[] = [];
  const add = (file: AwsFile, tools: ToolId[]) => {
    const e = out.find((x) => x.file === file);
    if (e) {
      for (const t of tools) if (!e.tools.includes(t)) e.tools.push(t);
    } else if (file.exists) {
      out.push({ file, tools: [...tools] });
    }
  };
  add(d.nodeView.config, ['node']);
  add(d.nodeView.credentials, ['node']);
  add(d.pyView.config, ['python', 'cli']);
  add(d.pyView.credentials, ['python', 'cli']);
  return out;
}

/**
 * Whether an AWS file is too large to read (FILE_TOO_LARGE): what the tools find in it is unknown,
 * so the outcomes that depend on everything they read (no credentials, no region) are not said.
 */
export function anyFileUnread(d: DiagnosisBase): boolean {
  return [d.nodeView.config, d.nodeView.credentials, d.pyView.config, d.pyView.credentials].some((f) => f.readError === 'EFBIG');
}

/** The tools whose resolution walks through this profile (the selected one or a source profile). */
export function toolsUsingProfile(d: DiagnosisBase, profile: string): ToolId[] {
  let byProfile = usingMemo.get(d);
  if (!byProfile) {
    byProfile = new Map();
    for (const t of TOOL_IDS) {
      const r = d.tools[t];
      for (const p of r.chain.length ? r.chain : [r.profile]) {
        const list = byProfile.get(p) ?? [];
        if (!list.includes(t)) list.push(t);
        byProfile.set(p, list);
      }
    }
    usingMemo.set(d, byProfile);
  }
  return byProfile.get(profile) ?? NO_TOOLS;
}

const usingMemo = new WeakMap<DiagnosisBase, Map<string, ToolId[]>>();
const NO_TOOLS: ToolId[] = [];

/** Error when a tool is using the profile now; warning when it will fail only once used. */
export function severityForProfile(d: DiagnosisBase, profile: string): Severity {
  return toolsUsingProfile(d, profile).length ? 'error' : 'warning';
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest candidate within `max` edits, or undefined. */
export function closest(word: string, candidates: Iterable<string>, max: number): string | undefined {
  if (word.length > 64) return undefined;
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) >= bestD) continue;
    const dist = editDistance(word, c);
    if (dist < bestD) {
      best = c;
      bestD = dist;
    }
  }
  return best;
}
