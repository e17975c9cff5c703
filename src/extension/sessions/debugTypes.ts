/**
 * Debug types that take an environment for the program they launch, and the field each one reads:
 * the variables the extension sets or unsets for new terminals (Switch Profile, the quick fixes) are
 * added there when a session starts, unless the configuration writes the variable itself (in its
 * environment or its envFile: then the configuration wins). Pure: debugSessions.ts calls it from a
 * DebugConfigurationProvider registered for every type.
 */

/** How a debug type writes its environment. */
export type EnvShape =
  /** `{ "NAME": "value" }` */
  | 'object'
  /** `[{ "name": "NAME", "value": "value" }]` (cpptools) */
  | 'nameValue'
  /** `["NAME=value"]` (lldb-dap) */
  | 'strings';

export interface DebugEnvField {
  readonly field: string;
  readonly shape: EnvShape;
  /** Whether `null` removes an inherited variable (js-debug); otherwise an unset is written as '', as for terminals. */
  readonly nullUnsets: boolean;
  /** The envFile the debugger reads when the configuration names none (the Python extension's `python.envFile`). */
  readonly defaultEnvFile?: string;
}

const JS: DebugEnvField = { field: 'env', shape: 'object', nullUnsets: true };
const PLAIN: DebugEnvField = { field: 'env', shape: 'object', nullUnsets: false };
const PYTHON: DebugEnvField = { ...PLAIN, defaultEnvFile: '${workspaceFolder}/.env' };
const CPP: DebugEnvField = { field: 'environment', shape: 'nameValue', nullUnsets: false };

/**
 * Each debug type's environment field, from its debugger's contributed schema: js-debug (node,
 * pwa-node, node-terminal, extensionHost), the Python Debugger (python, debugpy), Go, Java, C#
 * (coreclr, clr), C/C++ (cppdbg, cppvsdbg: `environment`), CodeLLDB (lldb), LLDB DAP, Native Debug
 * (gdb), PHP Debug, Ruby (rdbg), Dart. Browsers (chrome, msedge) are left alone: their env is the
 * browser's.
 */
const FIELDS: Readonly<Record<string, DebugEnvField>> = {
  node: JS,
  'pwa-node': JS,
  'node-terminal': JS,
  extensionHost: JS,
  'pwa-extensionHost': JS,
  python: PYTHON,
  debugpy: PYTHON,
  go: PLAIN,
  java: PLAIN,
  coreclr: PLAIN,
  clr: PLAIN,
  lldb: PLAIN,
  'lldb-dap': PLAIN,
  gdb: PLAIN,
  php: PLAIN,
  rdbg: PLAIN,
  dart: PLAIN,
  cppdbg: CPP,
  cppvsdbg: CPP,
};

export function debugEnvField(type: string | undefined): DebugEnvField | undefined {
  return type !== undefined && Object.prototype.hasOwnProperty.call(FIELDS, type) ? FIELDS[type] : undefined;
}

/** The debug types the extension gives an environment to (README). */
export const DEBUG_TYPES_WITH_ENV: readonly string[] = Object.keys(FIELDS);

/** A variable's value in a configuration's environment: a string, or null for "removed". */
export type EnvValue = string | null;

/** The variables of an environment field of any shape (the shape it has, whatever the type's usual one). */
export function readEnvField(value: unknown): Map<string, EnvValue> {
  const out = new Map<string, EnvValue>();
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'string') {
        const eq = item.indexOf('=');
        out.set(eq < 0 ? item : item.slice(0, eq), eq < 0 ? null : item.slice(eq + 1));
      } else if (item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') {
        const v = (item as { value?: unknown }).value;
        out.set(
          (item as { name: string }).name,
          typeof v === 'string' ? v : v === null || v === undefined ? null : String(v),
        );
      }
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value))
      out.set(k, typeof v === 'string' ? v : v === null || v === undefined ? null : String(v));
  }
  return out;
}

/** The field's value with variables added, in the shape it already has (or the type's). */
function writeEnvField(current: unknown, shape: EnvShape, add: ReadonlyMap<string, EnvValue>): unknown {
  if (Array.isArray(current) || (current === undefined && shape !== 'object')) {
    const strings = Array.isArray(current) && current.length ? typeof current[0] === 'string' : shape === 'strings';
    const nameOf = (item: unknown) =>
      typeof item === 'string' ? item.split('=')[0] : (item as { name?: unknown } | null)?.name;
    // An entry of the same name (copied in by the debugger's resolver) is replaced, not repeated.
    const list = Array.isArray(current) ? current.filter((item) => !add.has(nameOf(item) as string)) : [];
    for (const [name, value] of add) list.push(strings ? `${name}=${value ?? ''}` : { name, value: value ?? '' });
    return list;
  }
  const obj: Record<string, unknown> =
    current && typeof current === 'object' ? { ...(current as Record<string, unknown>) } : {};
  for (const [name, value] of add) obj[name] = value;
  return obj;
}

/** A value the configuration writes that differs from the extension's choice: the configuration's wins. */
export interface KeptValue {
  readonly name: string;
  /** What the extension would have given (null: unset). */
  readonly ours: EnvValue;
  /** What the configuration gives (null: removed). */
  readonly theirs: EnvValue;
  readonly from: 'env' | 'envFile';
}

export interface InjectionInput {
  /** The configuration, variables already substituted. */
  readonly config: Readonly<Record<string, unknown>>;
  /** The extension's own changes for new terminals: a value, or null for "unset". */
  readonly overrides: ReadonlyMap<string, EnvValue>;
  /** The variables the configuration's envFile(s) define. */
  readonly envFile: ReadonlyMap<string, string>;
  /**
   * Names the configuration writes in its environment field, when its source is known (launch.json):
   * other names found there were put there by the debugger's own resolver (the Python Debugger copies
   * the whole process environment in) and count as inherited. Undefined: every name there is written.
   */
  readonly written?: ReadonlySet<string>;
}

export interface Injection {
  /** The configuration with the variables added (a copy; the input is not changed). */
  readonly config: Record<string, unknown>;
  /** The variables added, with their values. */
  readonly injected: ReadonlyMap<string, EnvValue>;
  /** The configuration's own values that win over the extension's and differ from them. */
  readonly kept: readonly KeptValue[];
}

/**
 * Adds the extension's variables to a launch configuration of a type that takes an environment.
 * Undefined for anything else (an attach, a browser, an unknown type, nothing to add). A variable the
 * configuration writes (in its environment field or its envFile) is left as written.
 */
export function injectEnvironment(input: InjectionInput): Injection | undefined {
  const { config } = input;
  const field = debugEnvField(typeof config.type === 'string' ? config.type : undefined);
  if (!field || config.request !== 'launch' || !input.overrides.size) return undefined;
  // A child session of js-debug (its own launch of a process the parent already started).
  if (config.__pendingTargetId !== undefined || config.__parentId !== undefined) return undefined;
  const env = readEnvField(config[field.field]);
  const add = new Map<string, EnvValue>();
  const kept: KeptValue[] = [];
  for (const [name, ours] of input.overrides) {
    const inEnv = env.has(name) && (!input.written || input.written.has(name));
    if (inEnv || input.envFile.has(name)) {
      const theirs = inEnv ? env.get(name)! : input.envFile.get(name)!;
      const same = theirs === ours || ((theirs === null || theirs === '') && ours === null);
      if (!same) kept.push({ name, ours, theirs, from: inEnv ? 'env' : 'envFile' });
      continue;
    }
    const value = ours === null ? (field.nullUnsets ? null : '') : ours;
    if (env.get(name) === value) continue;
    add.set(name, value);
  }
  if (!add.size && !kept.length) return undefined;
  const out: Record<string, unknown> = { ...config };
  if (add.size) out[field.field] = writeEnvField(config[field.field], field.shape, add);
  return { config: out, injected: add, kept };
}
