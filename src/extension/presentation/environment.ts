/**
 * The environment the extension diagnoses: what a new integrated terminal (and a tool started from
 * it) sees, with where each variable comes from, so that a finding can sit where the variable was
 * set and a fix can unset it there. Pure: the VS Code side supplies the layers.
 */
import type { Environment } from '../../engine/core/host';
import { maskAccessKeyId, Redactor, SECRET_VARIABLES } from '../../engine/secrets/redact';
import { sanitize } from '../../engine/core/sanitize';
import type { L10n } from './localize';
import { UNTRANSLATED } from './localize';

export type EnvOrigin =
  /** The extension host's own environment (fixed at start). */
  | { readonly kind: 'process' }
  /** `terminal.integrated.env.<platform>` in a settings file. */
  | {
      readonly kind: 'settings';
      readonly setting: string;
      readonly target: 'global' | 'workspace';
      readonly file?: string;
      readonly line?: number;
    }
  /** A workspace `.env` file. */
  | { readonly kind: 'dotenv'; readonly file: string; readonly line: number }
  /** Set by this extension through its environment variable collection. */
  | { readonly kind: 'extension' };

export interface EnvVariable {
  readonly name: string;
  /** The value; the empty string when a layer blanks it. */
  readonly value: string;
  readonly origin: EnvOrigin;
  /** Whether the extension host process has it with this value (otherwise only new terminals do). */
  readonly inHost: boolean;
}

export interface EnvLayers {
  /** The extension host's process.env. */
  readonly process: Environment;
  /** terminal.integrated.env.<platform>, user then workspace (later wins). null values unset. */
  readonly settings: readonly {
    readonly values: Readonly<Record<string, string | null>>;
    readonly setting: string;
    readonly target: 'global' | 'workspace';
    readonly file?: string;
    readonly lineOf?: (name: string) => number | undefined;
  }[];
  /** `.env` files (later wins). */
  readonly dotenv: readonly { readonly file: string; readonly entries: readonly DotEnvEntry[] }[];
  /** The extension's own environment collection: a value, or null for "unset" (replaced by ''). */
  readonly overrides: ReadonlyMap<string, string | null>;
}

export interface EnvSnapshot {
  /** Every variable a new terminal sees. */
  readonly variables: ReadonlyMap<string, EnvVariable>;
  /** Variables this extension unsets for new terminals. */
  readonly unset: ReadonlySet<string>;
}

/** Merges the layers: process < settings < .env < the extension's own overrides. */
export function mergeEnvironment(layers: EnvLayers): EnvSnapshot {
  const vars = new Map<string, EnvVariable>();
  for (const [name, value] of Object.entries(layers.process)) {
    if (value !== undefined) vars.set(name, { name, value, origin: { kind: 'process' }, inHost: true });
  }
  for (const s of layers.settings) {
    for (const [name, value] of Object.entries(s.values)) {
      if (value === null) {
        vars.delete(name);
        continue;
      }
      const line = s.lineOf?.(name);
      vars.set(name, {
        name,
        value: String(value),
        origin: { kind: 'settings', setting: s.setting, target: s.target, file: s.file, line },
        inHost: layers.process[name] === String(value),
      });
    }
  }
  for (const f of layers.dotenv) {
    for (const e of f.entries)
      vars.set(e.name, {
        name: e.name,
        value: e.value,
        origin: { kind: 'dotenv', file: f.file, line: e.line },
        inHost: layers.process[e.name] === e.value,
      });
  }
  const unset = new Set<string>();
  for (const [name, value] of layers.overrides) {
    if (value === null) {
      vars.delete(name);
      unset.add(name);
    } else vars.set(name, { name, value, origin: { kind: 'extension' }, inHost: layers.process[name] === value });
  }
  return { variables: vars, unset };
}

/** The environment handed to the engine. */
export function engineEnvironment(s: EnvSnapshot): Environment {
  const env: Record<string, string> = {};
  for (const v of s.variables.values()) env[v.name] = v.value;
  return env;
}

export interface DotEnvEntry {
  readonly name: string;
  readonly value: string;
  /** 1-based. */
  readonly line: number;
}

/** `.env` lines as dotenv reads them: `[export ]NAME=value`, optional quotes, `#` comments. */
export function parseDotEnv(text: string): DotEnvEntry[] {
  const out: DotEnvEntry[] = [];
  const lines = text.split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/.exec(lines[i]);
    if (!m) continue;
    let value = m[2];
    const q = /^(['"`])(.*)\1$/.exec(value);
    if (q) value = q[2];
    else {
      const hash = value.search(/\s#/);
      if (hash >= 0) value = value.slice(0, hash).trimEnd();
    }
    out.push({ name: m[1], value, line: i + 1 });
  }
  return out;
}

const SECRET_NAMES = /SECRET|TOKEN|PASSWORD|AUTHORIZATION/;

/** A variable's value as the extension may show it: access key ids keep four characters, secrets none. */
export function maskValue(name: string, value: string): string {
  if (value === '') return '(empty)';
  if (SECRET_NAMES.test(name)) return '****';
  if (name === 'AWS_ACCESS_KEY_ID') return maskAccessKeyId(value);
  return value;
}

export interface EnvironmentDocument {
  readonly text: string;
  /** 0-based line of each listed variable. */
  readonly lineOf: ReadonlyMap<string, number>;
}

function describeOrigin(o: EnvOrigin): string {
  switch (o.kind) {
    case 'process':
      return 'extension host environment';
    case 'settings':
      return `${o.setting} (${o.target === 'global' ? 'user' : 'workspace'} settings)`;
    case 'dotenv':
      return `${o.file}:${o.line}`;
    case 'extension':
      return 'AWS Credentials Doctor';
  }
}

/** A Redactor of the secret variables' values, for what is shown before a diagnosis has collected every secret. */
export function secretsOf(s: EnvSnapshot): Redactor {
  const secrets = new Redactor();
  for (const name of SECRET_VARIABLES) secrets.add(s.variables.get(name)?.value);
  return secrets;
}

/**
 * The read-only document `aws-credentials-doctor:/environment`: the AWS_* variables the extension
 * host and new terminals see, masked, one per line, so environment findings have a place to sit.
 */
export function environmentDocument(
  s: EnvSnapshot,
  hostEnv: Environment,
  redact: (text: string) => string = (t) => t,
): EnvironmentDocument {
  const lines = [
    '# AWS_* variables seen by AWS Credentials Doctor (values masked).',
    '# New integrated terminals see these. The extension host keeps the environment it started with;',
    '# variables changed later apply to new terminals (and to this extension), not to open terminals.',
    '',
  ];
  const lineOf = new Map<string, number>();
  const names = new Set<string>();
  for (const n of s.variables.keys()) if (n.startsWith('AWS_')) names.add(n);
  for (const n of s.unset) names.add(n);
  for (const n of Object.keys(hostEnv)) if (n.startsWith('AWS_') && hostEnv[n] !== undefined) names.add(n);
  const sorted = [...names].sort();
  if (!sorted.length) lines.push('# (no AWS_* variables)');
  for (const name of sorted) {
    const v = s.variables.get(name);
    const host = hostEnv[name];
    lineOf.set(name, lines.length);
    if (!v) {
      lines.push(
        `# ${name} is unset for new terminals: they get it empty (VS Code cannot remove a variable from a terminal's environment; every AWS tool treats an empty one as unset)${host !== undefined ? `; the extension host started with ${name}=${maskValue(name, host)}` : ''}`,
      );
      continue;
    }
    const where = v.inHost ? 'extension host and new terminals' : 'new terminals only';
    lines.push(`${name}=${maskValue(name, v.value)}    # ${where}; from ${describeOrigin(v.origin)}`);
  }
  // One line per variable: a secret pasted into any of them (AWS_REGION, AWS_PROFILE, a path) masked,
  // control characters in a name, value or path shown escaped.
  return { text: lines.map((l) => sanitize(redact(l))).join('\n') + '\n', lineOf };
}

/**
 * Variables unset together: a secret key or session token without its access key id (or the
 * reverse) only produces another error, so unsetting the key id clears the whole set.
 */
/**
 * Variables for which an empty value is not the same as unset: botocore and the AWS CLIs read
 * AWS_PROFILE="" as a profile named "", AWS_CONFIG_FILE="" as "no config file", and fail on an empty
 * AWS_CREDENTIAL_EXPIRATION. Terminals cannot be told to unset a variable (the environment variable
 * collection can only replace it), so for these the extension only withdraws its own change and
 * removes the variable where it is set (settings, .env), and otherwise says where to unset it.
 */
export const EMPTY_IS_NOT_UNSET: ReadonlySet<string> = new Set([
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CREDENTIAL_EXPIRATION',
]);

/**
 * A fix's title as the extension offers it. An unset for new terminals can only give them the
 * variable empty (VS Code's environment variable collection replaces, appends or prepends; it cannot
 * remove a variable, in 1.93 as in 1.100): the title says so, where the user chooses the fix.
 */
export function fixTitle(
  fix: { readonly title: string; readonly action: { readonly kind: string; readonly name?: string } },
  l10n: L10n = UNTRANSLATED,
): string {
  if (fix.action.kind !== 'unsetEnv' || !fix.action.name || EMPTY_IS_NOT_UNSET.has(fix.action.name)) return fix.title;
  return l10n.t('{0} — new terminals get an empty value (VS Code cannot unset)', fix.title);
}

export function unsetGroup(name: string): string[] {
  if (name === 'AWS_ACCESS_KEY_ID')
    return ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'];
  return [name];
}
