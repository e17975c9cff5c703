/**
 * The AWS environment of one integrated terminal, as far as the extension can know it: what the
 * terminal was created with, then every AWS-relevant command seen through shell integration. Where
 * it cannot know (a value the shell computes, a subshell, a script it cannot read, a command line
 * reported with low confidence) it says so instead of guessing. Values stay in memory; everything
 * meant for display goes through the presentation helpers, which mask them.
 */
import type { CommandSelectors, EnvEffect, ParsedCommandLine, TerminalShell } from './envEffects';
import { isAwsVariable } from './envEffects';
import { parseCommandLine } from './shellSyntax';
import { unreachable } from '../../engine/core/unreachable';

/** A command that changed the terminal's AWS environment. */
export interface TerminalChange {
  /** The command line as typed, with the secret values it sets masked (the caller still redacts it before showing it). */
  readonly commandLine: string;
  /** ms since the epoch. */
  readonly at: number;
  /** The variables it set or removed. */
  readonly names: readonly string[];
}

export interface TerminalVariable {
  readonly name: string;
  /** The value, or undefined when the terminal has it but its value is not visible. */
  readonly value: string | undefined;
  /** Why the value is not visible. */
  readonly unknownWhy?: string;
  /** The command that set it, or undefined for a variable the terminal was created with. */
  readonly changedBy?: TerminalChange;
}

/** Reads a file for `source`, or undefined when it cannot (the model then says it does not know). */
export type ReadTextFile = (path: string) => string | undefined;

const MAX_CHANGES = 50;
const SECRET_NAMES = /SECRET|TOKEN|PASSWORD|AUTHORIZATION/;

/** The command line with the values it gives secret variables (exactly as parsed) replaced by ****. */
function maskSecrets(line: string, parsed: ParsedCommandLine): string {
  let out = line;
  const values = [
    ...parsed.effects.flatMap((e) =>
      (e.kind === 'set' || e.kind === 'assign') && e.value && SECRET_NAMES.test(e.name) ? [e.value] : [],
    ),
    ...[...parsed.inline].flatMap(([n, v]) => (v && SECRET_NAMES.test(n) ? [v] : [])),
  ];
  for (const v of values.sort((a, b) => b.length - a.length)) if (v.length >= 4) out = out.split(v).join('****');
  return out;
}
const MAX_SOURCE_BYTES = 64 * 1024;

export class TerminalEnvironment {
  private readonly vars = new Map<string, TerminalVariable>();
  /** Shell (not exported) variables of POSIX/fish shells, for a later `export A`. */
  private readonly locals = new Map<string, string | undefined>();
  /** Variables removed by a command of this terminal (name → the change). */
  private readonly removed = new Map<string, TerminalChange>();
  private readonly history: TerminalChange[] = [];
  /** Reasons the model cannot know the whole environment (most recent last). */
  private readonly doubts: string[] = [];
  /** Variables (or all, '*') the model no longer knows anything about. */
  private readonly unknownNames = new Set<string>();

  constructor(
    /** The shell whose syntax its command lines are in (updated when the terminal runs another shell, e.g. after `exec zsh`). */
    public shell: TerminalShell,
    /** The AWS variables the terminal was created with. */
    initial: Readonly<Record<string, string | undefined>>,
    private readonly readFile: ReadTextFile = () => undefined,
    /** The terminal's HOME (for `source ~/…`). */
    private readonly home?: string,
  ) {
    for (const [name, value] of Object.entries(initial))
      if (value !== undefined && isAwsVariable(name)) this.vars.set(name, { name, value });
  }

  /** The AWS variables the terminal has now. */
  get variables(): ReadonlyMap<string, TerminalVariable> {
    return this.vars;
  }

  /** Commands that changed it, oldest first (at most 50). */
  get changes(): readonly TerminalChange[] {
    return this.history;
  }

  /** Why the model may be wrong; empty when it knows every AWS variable. */
  get uncertainties(): readonly string[] {
    return this.doubts;
  }

  /** Whether the model knows nothing reliable about this variable. */
  isUnknown(name: string): boolean {
    return (
      this.unknownNames.has('*') ||
      this.unknownNames.has(name) ||
      (this.vars.has(name) && this.vars.get(name)!.value === undefined)
    );
  }

  /** Variables a command of this terminal removed, with the command. */
  get removedBy(): ReadonlyMap<string, TerminalChange> {
    return this.removed;
  }

  /**
   * Applies a command line seen through shell integration. `confident` false (a command line read
   * from the screen with low confidence) records a doubt instead of guessing when it looks AWS-related.
   */
  apply(commandLine: string, at: number, options: { confident?: boolean; cwd?: string } = {}): ParsedCommandLine {
    const parsed = parseCommandLine(this.shell, commandLine);
    if (options.confident === false) {
      if (parsed.effects.some((e) => e.kind !== 'filesChanged'))
        this.doubt(`a command line VS Code reported with low confidence (${commandLine.slice(0, 80)})`, '*');
      return parsed;
    }
    const change: { names: string[] } = { names: [] };
    for (const e of parsed.effects) this.applyEffect(e, options.cwd, change, 0);
    if (change.names.length) {
      this.history.push({ commandLine: maskSecrets(commandLine, parsed), at, names: [...new Set(change.names)] });
      if (this.history.length > MAX_CHANGES) this.history.shift();
      const rec = this.history[this.history.length - 1];
      for (const n of rec.names) {
        const v = this.vars.get(n);
        if (v) this.vars.set(n, { ...v, changedBy: rec });
        else this.removed.set(n, rec);
      }
    }
    return parsed;
  }

  private doubt(why: string, name: string): void {
    if (!this.doubts.includes(why)) this.doubts.push(why);
    if (this.doubts.length > 10) this.doubts.shift();
    this.unknownNames.add(name);
  }

  private set(name: string, value: string | undefined, change: { names: string[] }, unknownWhy?: string): void {
    this.vars.set(name, { name, value, unknownWhy });
    this.removed.delete(name);
    this.locals.delete(name);
    this.unknownNames.delete(name);
    change.names.push(name);
  }

  private applyEffect(e: EnvEffect, cwd: string | undefined, change: { names: string[] }, depth: number): void {
    switch (e.kind) {
      case 'set':
        this.set(e.name, e.value, change);
        return;
      case 'setUnknown':
        this.set(e.name, undefined, change, e.why);
        return;
      case 'unset':
        this.vars.delete(e.name);
        this.locals.delete(e.name);
        this.unknownNames.delete(e.name);
        change.names.push(e.name);
        return;
      case 'assign':
        // An exported variable stays exported with its new value; otherwise it is a shell variable.
        if (this.vars.has(e.name))
          this.set(e.name, e.value, change, e.value === undefined ? 'its value is computed by the shell' : undefined);
        else this.locals.set(e.name, e.value);
        return;
      case 'export':
        if (this.locals.has(e.name)) {
          const v = this.locals.get(e.name);
          this.set(e.name, v, change, v === undefined ? 'its value is computed by the shell' : undefined);
        }
        return;
      case 'source':
        this.source(e.path, cwd, change, depth);
        return;
      case 'unknown':
        for (const n of e.names ?? ['*']) this.doubt(e.why, n);
        return;
      case 'filesChanged':
        return;
      default:
        unreachable(e, 'environment effect');
    }
  }

  /** `source file`: a plain file of assignments and exports is followed; anything else is a doubt. */
  private source(path: string, cwd: string | undefined, change: { names: string[] }, depth: number): void {
    let p = path;
    if (p === '~' || p.startsWith('~/')) p = this.home ? this.home + p.slice(1) : '';
    else if (!p.startsWith('/') && cwd) p = `${cwd.replace(/\/$/, '')}/${p}`;
    const text = p && depth < 3 ? this.readFile(p) : undefined;
    if (text === undefined || text.length > MAX_SOURCE_BYTES) {
      this.doubt(`a sourced script the extension cannot read (${path})`, '*');
      return;
    }
    // Only a file of plain lines (assignments, exports, unsets, comments) is followed.
    const lines = text.split(/\r?\n/).filter((l) => l.trim() && !/^\s*#/.test(l));
    const plain = lines.every(
      (l) =>
        /^\s*(?:export\s+|unset\s+|set\s+-[gxeU]+\s+)?[A-Za-z_][A-Za-z0-9_]*(?:=|\s|$)/.test(l) &&
        !/[`]|\$\(|\bif\b|\bthen\b/.test(l),
    );
    if (!plain) {
      if (/AWS_/.test(text)) this.doubt(`a sourced script with more than plain exports (${path})`, '*');
      return;
    }
    const parsed = parseCommandLine(this.shell, text);
    for (const e of parsed.effects) this.applyEffect(e, cwd, change, depth + 1);
  }

  /** The AWS variables whose values are known: what a diagnosis can use. */
  knownValues(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const v of this.vars.values()) if (v.value !== undefined) out[v.name] = v.value;
    return out;
  }

  /**
   * The environment for a diagnosis: the base's non-AWS variables, this terminal's AWS ones, a
   * command's inline ones, and what its command line selects: `--region` for both region variables
   * (the AWS CLI's option wins over them), `--endpoint-url` as AWS_ENDPOINT_URL. (`--profile` is the
   * diagnosis' explicit profile: see selectors.)
   */
  engineEnvironment(
    base: Readonly<Record<string, string | undefined>>,
    inline?: ReadonlyMap<string, string | undefined>,
    selectors?: CommandSelectors,
  ): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(base)) if (v !== undefined && !isAwsVariable(k)) env[k] = v;
    Object.assign(env, this.knownValues());
    if (inline)
      for (const [k, v] of inline) {
        if (v === undefined) delete env[k];
        else env[k] = v;
      }
    if (selectors?.region) env.AWS_REGION = env.AWS_DEFAULT_REGION = selectors.region;
    if (selectors?.endpointUrl) env.AWS_ENDPOINT_URL = selectors.endpointUrl;
    return env;
  }

  /** Whether this terminal's AWS variables differ from another environment's (what new terminals get). */
  differsFrom(other: Readonly<Record<string, string | undefined>>): boolean {
    if (this.doubts.length) return true;
    const names = new Set([...this.vars.keys(), ...Object.keys(other).filter(isAwsVariable)]);
    for (const n of names) {
      const mine = this.vars.get(n);
      const theirs = other[n];
      if (!mine && theirs === undefined) continue;
      if (!mine || theirs === undefined || mine.value !== theirs) return true;
    }
    return false;
  }
}
