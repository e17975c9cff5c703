/** What every rule uses: the finding builder, tool helpers, and the files and profiles in play. */
import type { AwsFile } from '../files/awsFiles';
import type { DiagnosisBase } from '../findings/diagnosis';
import { filesRead } from '../findings/diagnosis';
import type { Finding, FindingCode, Fix, RelatedLocation, Severity } from '../findings/findings';
import type { MessageData } from '../core/messages';
import { renderMessage } from '../core/messages';
import type { FileKind, ToolId } from '../core/model';
import { TOOL_IDS, TOOL_LABELS } from '../core/model';
import { platformCommand } from '../core/shellCommands';
import { hasControl } from '../core/sanitize';

/**
 * What a rule module declares about each code it reports, as ESLint's `meta` does: the default
 * severity, the README's cause and fix (and what no run of the real tools here can show), and its
 * message templates by name. scripts/generate-findings.mjs generates the FindingCode list, the docs
 * table, the manifest's severityOverrides enum, the README's table and the l10n bundle's entries
 * from these declarations; `npm test` fails when one of them is stale.
 */
export interface CodeSpec {
  readonly severity: Severity;
  readonly cause: string;
  readonly fix: string;
  /** What of the finding's claim no run of the real tools here can show, and why (claims.test.ts proves the rest). */
  readonly untestable?: string;
  /** Message templates by name: English with `{placeholders}` (messages.ts). */
  readonly messages: Readonly<Record<string, string>>;
}

export type CodeSpecs = Readonly<Record<string, CodeSpec>>;

/** Declares a module's codes (keys are the codes), keeping each template's text as its type, so that report() checks the data. */
export function declareCodes<const T extends CodeSpecs>(specs: T): T {
  return specs;
}

/** What a rule says about one finding besides its code and message: the data for the template, where, for whom, and its fixes. */
export interface Reported<D> {
  readonly data: D;
  /** The declared severity unless given. */
  readonly severity?: Severity;
  /** Every tool unless given (as given otherwise: orAll(tools) for "these, or every tool if none"). */
  readonly tools?: readonly ToolId[];
  readonly file?: string;
  readonly fileKind?: FileKind;
  readonly line?: number;
  readonly column?: number;
  readonly env?: string;
  readonly related?: RelatedLocation[];
  readonly fixes?: Fix[];
}

/** What a check receives: the diagnosis, the findings reported so far in this run (in order), and report(). */
export interface RuleContext<T extends CodeSpecs> {
  readonly d: DiagnosisBase;
  readonly found: readonly Finding[];
  /**
   * Reports a finding of one of the module's codes with one of its templates. `build` runs only
   * while the code is under MAX_FINDINGS_PER_CODE; past that the finding is only counted (runRules
   * sums the count up), so a 50 MB file of one repeated key costs a counter per line, not a message.
   */
  report<C extends keyof T & string, M extends keyof T[C]['messages'] & string>(
    code: C,
    message: M,
    build: () => Reported<MessageData<T[C]['messages'][M]>>,
  ): void;
}

export type Check<T extends CodeSpecs> = (ctx: RuleContext<T>) => void;

/** A rule module: the codes it declares and the checks that report them, run in order. */
export interface RuleModule<T extends CodeSpecs = CodeSpecs> {
  readonly codes: T;
  readonly checks: readonly Check<T>[];
}

export function ruleModule<T extends CodeSpecs>(codes: T, checks: readonly Check<T>[]): RuleModule<T> {
  return { codes, checks };
}

/** One run of the rules over a diagnosis: the findings in report order and, per code, how many were only counted. */
export class RuleRun {
  readonly found: Finding[] = [];
  private readonly counts = new Map<string, { built: number; omitted: number }>();
  constructor(readonly d: DiagnosisBase) {}

  /** Runs a module's checks; `found` is what they see as the findings so far (all of them unless given). */
  run<T extends CodeSpecs>(module: RuleModule<T>, found: readonly Finding[] = this.found): void {
    const ctx: RuleContext<T> = {
      d: this.d,
      found,
      report: (code, message, build) => {
        let b = this.counts.get(code);
        if (!b) this.counts.set(code, (b = { built: 0, omitted: 0 }));
        if (b.built >= MAX_FINDINGS_PER_CODE) {
          b.omitted++;
          return;
        }
        b.built++;
        const spec = module.codes[code];
        const template: string = spec.messages[message];
        this.found.push(reported(code as string as FindingCode, spec.severity, template, build()));
      },
    };
    for (const check of module.checks) check(ctx);
  }

  /** How many findings of each code were counted without being built. */
  omitted(): ReadonlyMap<string, number> {
    const out = new Map<string, number>();
    for (const [code, b] of this.counts) if (b.omitted) out.set(code, b.omitted);
    return out;
  }
}

/** A finding from a template: its message rendered in English, its template and data kept for the extension's l10n. */
export function reported(
  code: FindingCode,
  severity: Severity,
  template: string,
  r: Reported<Readonly<Record<string, string | number>>>,
): Finding {
  const data: Record<string, string> = {};
  for (const k in r.data) data[k] = String(r.data[k]);
  return {
    code,
    severity: r.severity ?? severity,
    message: renderMessage(template, data),
    template,
    data,
    file: r.file ?? null,
    fileKind: r.fileKind ?? null,
    line: r.line ?? null,
    column: r.column ?? null,
    env: r.env ?? null,
    tools: r.tools ?? TOOL_IDS,
    related: r.related ?? [],
    fixes: r.fixes ?? [],
  };
}

/** More findings of one code than anyone reads: the rest are counted and summed up in one more. */
export const MAX_FINDINGS_PER_CODE = 100;

/** The tools given, or every tool when none is: a finding about a profile no tool uses now concerns any that will. */
export function orAll(tools: readonly ToolId[]): readonly ToolId[] {
  return tools.length ? tools : TOOL_IDS;
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

/** Each distinct AWS file some tool reads and finds, with the tools that read it. */
export function filesInPlay(d: DiagnosisBase): { file: AwsFile; tools: ToolId[] }[] {
  return filesRead(d).filter((x) => x.file.exists);
}

/**
 * Whether an AWS file is too large to read (FILE_TOO_LARGE): what the tools find in it is unknown,
 * so the outcomes that depend on everything they read (no credentials, no region) are not said.
 */
export function anyFileUnread(d: DiagnosisBase): boolean {
  return [d.nodeView.config, d.nodeView.credentials, d.pyView.config, d.pyView.credentials].some(
    (f) => f.readError === 'EFBIG',
  );
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
/**
 * Whether a value may be copied into another variable or a command by a fix: not empty, no blank at
 * either end (a trailing CR from a Windows-edited file), no control character. A fix never spreads
 * a malformed value: it offers the well-formed one meant, or nothing.
 */
export function copyable(value: string): boolean {
  return value !== '' && value === value.trim() && !hasControl(value);
}

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
