/**
 * The AWS environment of a debug session or a task, with where each variable comes from: inherited
 * (what the debugger or the task's terminal starts with), the extension's own choice (Switch Profile,
 * the quick fixes), the configuration's envFile, or the configuration itself (launch.json `env`,
 * tasks.json `options.env`). From it: the findings that belong on a line of those files, their quick
 * fixes as edits of that line, and whether the session differs from what new terminals get. Pure.
 */
import type { Finding, FixAction, Severity } from '../../engine/findings/findings';
import type { DoctorSettings } from '../settings';
import { shownFindings } from '../presentation/findingScope';
import type { DotEnvEntry } from '../presentation/environment';
import { unsetGroup } from '../presentation/environment';
import type { L10n } from '../presentation/localize';
import { UNTRANSLATED } from '../presentation/localize';
import { sameFinding } from '../presentation/terminalProblems';
import { isAwsVariable } from '../terminals/envEffects';
import type { ConfigBlock } from './configFiles';
import type { EnvValue } from './debugTypes';

export type SessionOrigin =
  /** What the debugger or the task's terminal starts with (the extension host's environment; for a task, what new terminals get). */
  | { readonly kind: 'inherited' }
  /** Added by this extension at launch: Switch Profile, the quick fixes' set and unset. */
  | { readonly kind: 'extension' }
  /** A line of the configuration's envFile. */
  | { readonly kind: 'envFile'; readonly file: string; readonly line: number }
  /** Written in the configuration (launch.json `env`, tasks.json `options.env`); the line when its file is known. */
  | { readonly kind: 'config'; readonly line?: number };

export interface SessionVariable {
  readonly name: string;
  /** The value; null when the variable is removed (unset) for the session. */
  readonly value: string | null;
  readonly origin: SessionOrigin;
}

export interface SessionEnvironment {
  readonly kind: 'launch' | 'task';
  /** The configuration's name or the task's label. */
  readonly label: string;
  /** Where the configuration is written, when it is known. */
  readonly block?: ConfigBlock;
  /** Its AWS_* variables (and the brokers' markers), removed ones included. */
  readonly variables: ReadonlyMap<string, SessionVariable>;
}

export interface SessionLayers {
  readonly kind: 'launch' | 'task';
  readonly label: string;
  readonly block?: ConfigBlock;
  readonly inherited: Readonly<Record<string, string | undefined>>;
  /** The extension's variables added at launch (null: unset). */
  readonly extension?: ReadonlyMap<string, EnvValue>;
  /** The envFile(s), in order (a later file wins). */
  readonly envFiles?: readonly { readonly file: string; readonly entries: readonly DotEnvEntry[] }[];
  /** Written in the configuration: value (null: removed) and line when known. */
  readonly config: readonly { readonly name: string; readonly value: EnvValue; readonly line?: number }[];
}

/** Layers merged as the debuggers do: inherited < the extension's < envFile < the configuration's env. */
export function sessionEnvironment(layers: SessionLayers): SessionEnvironment {
  const vars = new Map<string, SessionVariable>();
  const put = (name: string, value: EnvValue, origin: SessionOrigin) => {
    if (isAwsVariable(name)) vars.set(name, { name, value, origin });
  };
  for (const [name, value] of Object.entries(layers.inherited))
    if (value !== undefined) put(name, value, { kind: 'inherited' });
  for (const [name, value] of layers.extension ?? []) put(name, value === '' ? null : value, { kind: 'extension' });
  for (const f of layers.envFiles ?? [])
    for (const e of f.entries) put(e.name, e.value, { kind: 'envFile', file: f.file, line: e.line });
  for (const e of layers.config) put(e.name, e.value, { kind: 'config', line: e.line });
  return { kind: layers.kind, label: layers.label, block: layers.block, variables: vars };
}

/** The environment handed to the engine: the inherited one's other variables, and the session's AWS_* ones. */
export function sessionEngineEnvironment(
  session: SessionEnvironment,
  inherited: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(inherited)) if (v !== undefined && !isAwsVariable(k)) env[k] = v;
  for (const v of session.variables.values()) if (v.value !== null) env[v.name] = v.value;
  return env;
}

/** Whether the session's AWS variables differ from another environment's (what new terminals get). */
export function sessionDiffers(
  session: SessionEnvironment,
  other: Readonly<Record<string, string | undefined>>,
): boolean {
  const names = new Set([...session.variables.keys(), ...Object.keys(other).filter(isAwsVariable)]);
  // A variable removed for the session (null) is as absent as one it never had.
  for (const n of names) if ((session.variables.get(n)?.value ?? undefined) !== other[n]) return true;
  return false;
}

/** An edit of the file where a variable is written. */
export type ConfigEdit =
  /** Remove (value undefined) or set a variable of a configuration's or task's environment. */
  | {
      readonly kind: 'json';
      readonly file: string;
      readonly block: ConfigBlock;
      readonly name: string;
      readonly value?: string;
      readonly line?: number;
    }
  /** Remove (value undefined) or set the variable on one line of an envFile. */
  | {
      readonly kind: 'dotenv';
      readonly file: string;
      readonly line: number;
      readonly name: string;
      readonly value?: string;
    };

export type SessionFix =
  /** Edits of launch.json, tasks.json or the envFile: the variables where this configuration writes them. `short`: the title without the file. */
  | {
      readonly kind: 'edit';
      readonly title: string;
      readonly short: string;
      readonly preferred: boolean;
      readonly edits: readonly ConfigEdit[];
    }
  /** The extension's usual fix (new terminals, and debug sessions at their next launch; the AWS files; a sign-in). */
  | { readonly kind: 'action'; readonly title: string; readonly preferred: boolean; readonly action: FixAction };

/** Names a file for a title: the caller's short form (a path relative to the workspace folder). */
export type DisplayPath = (file: string) => string;

function where(session: SessionEnvironment, v: SessionVariable, display: DisplayPath): string | undefined {
  if (v.origin.kind === 'envFile') return display(v.origin.file);
  if (v.origin.kind === 'config' && session.block) return display(session.block.file);
  return undefined;
}

function editFor(session: SessionEnvironment, v: SessionVariable, value: string | undefined): ConfigEdit | undefined {
  if (v.origin.kind === 'envFile')
    return { kind: 'dotenv', file: v.origin.file, line: v.origin.line, name: v.name, value };
  if (v.origin.kind === 'config' && session.block)
    return { kind: 'json', file: session.block.file, block: session.block, name: v.name, value, line: v.origin.line };
  return undefined;
}

function andList(names: readonly string[], l10n: L10n): string {
  return names.length <= 1
    ? names.join('')
    : l10n.t('{0} and {1}', names.slice(0, -1).join(', '), names[names.length - 1]);
}

/**
 * A finding's fixes for this session: a change of a variable the configuration writes becomes an
 * edit of its line (launch.json, tasks.json, the envFile); every other fix stays the extension's own
 * (which reaches debug sessions through the variables added at launch).
 */
export function sessionFixes(
  finding: Finding,
  session: SessionEnvironment,
  display: DisplayPath,
  l10n: L10n = UNTRANSLATED,
): SessionFix[] {
  const out: SessionFix[] = [];
  for (const fix of finding.fixes) {
    const a = fix.action;
    const preferred = fix.preferred === true;
    const own = (name: string) => {
      const v = session.variables.get(name);
      return v && editFor(session, v, undefined) ? v : undefined;
    };
    if (a.kind === 'unsetEnv') {
      const primary = own(a.name);
      if (!primary) {
        out.push({ kind: 'action', title: fix.title, preferred, action: a });
        continue;
      }
      // The other variables of the group that this configuration writes in the same file go too.
      const file = where(session, primary, display);
      const group = unsetGroup(a.name)
        .map(own)
        .filter((v): v is SessionVariable => !!v && where(session, v, display) === file);
      const names = andList(
        group.map((v) => v.name),
        l10n,
      );
      out.push({
        kind: 'edit',
        title: l10n.t('Remove {0} from {1}', names, file!),
        short: l10n.t('Remove {0}', names),
        preferred,
        edits: group.map((v) => editFor(session, v, undefined)!),
      });
      continue;
    }
    const set =
      a.kind === 'setEnv'
        ? { name: a.name, value: a.value }
        : a.kind === 'switchProfile'
          ? {
              name:
                session.variables.get('AWS_DEFAULT_PROFILE')?.value && !session.variables.get('AWS_PROFILE')?.value
                  ? 'AWS_DEFAULT_PROFILE'
                  : 'AWS_PROFILE',
              value: a.profile,
            }
          : undefined;
    if (!set) {
      out.push({ kind: 'action', title: fix.title, preferred, action: a });
      continue;
    }
    const v = own(set.name);
    if (v) {
      out.push({
        kind: 'edit',
        title: l10n.t('Set {0}={1} in {2}', set.name, set.value, where(session, v, display)!),
        short: l10n.t('Set {0}={1}', set.name, set.value),
        preferred,
        edits: [editFor(session, v, set.value)!],
      });
    } else if (
      session.block &&
      [...session.variables.values()].some((x) => x.origin.kind === 'config' || x.origin.kind === 'envFile')
    ) {
      // The configuration writes other AWS variables: the missing one goes next to them.
      out.push({
        kind: 'edit',
        title: l10n.t('Set {0}={1} in {2}', set.name, set.value, display(session.block.file)),
        short: l10n.t('Set {0}={1}', set.name, set.value),
        preferred,
        edits: [{ kind: 'json', file: session.block.file, block: session.block, name: set.name, value: set.value }],
      });
    } else out.push({ kind: 'action', title: fix.title, preferred, action: a });
  }
  return out;
}

/** A finding of a session's diagnosis, placed on a line of the file where the configuration writes its cause. */
export interface SessionProblem {
  readonly finding: Finding;
  readonly severity: Severity;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** The finding's message, prefixed with the configuration's name when it sits on the configuration rather than on the variable. */
  readonly message: string;
  readonly fixes: readonly SessionFix[];
}

export interface SessionProblemsInput {
  readonly session: SessionEnvironment;
  /** The session's diagnosis' findings. */
  readonly findings: readonly Finding[];
  /** What new terminals get: findings already in Problems elsewhere. */
  readonly base: readonly Finding[];
  readonly settings: Pick<DoctorSettings, 'tools' | 'severityOverrides'>;
  readonly display: DisplayPath;
}

/**
 * The session's entries in Problems: a finding about a variable the configuration or its envFile
 * writes sits on that line; one the configuration causes otherwise (not among what new terminals
 * get: a profile it selects, keys it adds next to an inherited profile) sits on the line of the
 * variable that selects the profile, or of its first AWS variable (in the configuration, else in its envFile). Findings about inherited or added
 * variables that new terminals share are in Problems already.
 */
export function sessionProblems(input: SessionProblemsInput, l10n: L10n = UNTRANSLATED): SessionProblem[] {
  const { session } = input;
  const block = session.block;
  if (!block) return [];
  const lineOf = (v: SessionVariable | undefined) =>
    v?.origin.kind === 'envFile'
      ? { file: v.origin.file, line: v.origin.line }
      : v?.origin.kind === 'config' && v.origin.line
        ? { file: block.file, line: v.origin.line }
        : undefined;
  const written = [...session.variables.values()].filter((v) => lineOf(v));
  if (!written.length) return [];
  const anchor =
    lineOf(session.variables.get('AWS_PROFILE')) ??
    lineOf(session.variables.get('AWS_DEFAULT_PROFILE')) ??
    lineOf(written.find((v) => v.origin.kind === 'config') ?? written[0])!;
  const name =
    block.kind === 'launch'
      ? l10n.t('Debug configuration "{0}"', block.label)
      : block.label
        ? l10n.t('Task "{0}"', block.label)
        : l10n.t('Every task');
  const out: SessionProblem[] = [];
  for (const s of shownFindings(input.findings, input.settings)) {
    const f = s.finding;
    const at = f.env ? lineOf(session.variables.get(f.env)) : undefined;
    if (at) {
      out.push({
        finding: f,
        severity: s.severity,
        ...at,
        message: f.message,
        fixes: sessionFixes(f, session, input.display, l10n),
      });
    } else if (s.severity !== 'info' && !input.base.some((g) => sameFinding(f, g))) {
      out.push({
        finding: f,
        severity: s.severity,
        ...anchor,
        message: l10n.t('{0}: {1}', name, f.message),
        fixes: sessionFixes(f, session, input.display, l10n),
      });
    }
  }
  return out;
}
