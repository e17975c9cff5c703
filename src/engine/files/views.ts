/**
 * Each tool's picture of the profiles: which files it reads, how it merges them, what counts as a
 * profile. The resolvers work only from these views.
 */
import type { AwsFile, FileCache } from './awsFiles';
import { jsConfigProfiles } from './jsIni';
import type { PyParseError, PySetting, Setting } from '../core/model';
import type { ToolPaths } from './paths';
import { botocorePaths, nodePaths } from './paths';
import type { EngineInput } from '../core/host';
import { shlexSplit } from '../core/text';

export type Profile<S extends Setting = Setting> = ReadonlyMap<string, S>;

/**
 * A profile present in both files, merged key by key with the credentials file winning, without
 * copying: iteration order is that of `new Map([...config, ...credentials])`.
 */
class MergedProfile<S extends Setting> implements ReadonlyMap<string, S> {
  constructor(
    readonly base: ReadonlyMap<string, S>,
    readonly top: ReadonlyMap<string, S>,
  ) {}
  get size(): number {
    let n = this.top.size;
    for (const k of this.base.keys()) if (!this.top.has(k)) n++;
    return n;
  }
  get(key: string): S | undefined {
    return this.top.get(key) ?? this.base.get(key);
  }
  has(key: string): boolean {
    return this.top.has(key) || this.base.has(key);
  }
  *entries(): MapIterator<[string, S]> {
    for (const [k, v] of this.base) yield [k, this.top.get(k) ?? v];
    for (const [k, v] of this.top) if (!this.base.has(k)) yield [k, v];
  }
  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): MapIterator<S> {
    for (const [, v] of this.entries()) yield v;
  }
  forEach(fn: (value: S, key: string, map: ReadonlyMap<string, S>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
  [Symbol.iterator](): MapIterator<[string, S]> {
    return this.entries();
  }
}

/**
 * The profiles that have a key, in the map's order, for rules and readers that look at one kind of
 * profile (roles, SSO, credential_process...): built in one pass over the profiles' keys, once per
 * map, so that each of them walks its few profiles instead of every profile of the home.
 */
export function profilesWith(profiles: ReadonlyMap<string, Profile<Setting>>, ...keys: string[]): string[] {
  let index = keyIndexes.get(profiles);
  if (!index) keyIndexes.set(profiles, (index = buildKeyIndex(profiles)));
  if (keys.length === 1) return index.names(index.byKey.get(keys[0]));
  // Several keys: each profile once, in the map's order.
  const order = new Set<number>();
  for (const k of keys) for (const i of index.byKey.get(k) ?? []) order.add(i);
  return index.names(Int32Array.from(order).sort());
}

interface KeyIndex {
  /** Each key's profiles, as their positions in the map. */
  readonly byKey: Map<string, number[]>;
  names(positions: ArrayLike<number> | undefined): string[];
}

const keyIndexes = new WeakMap<ReadonlyMap<string, Profile<Setting>>, KeyIndex>();

function buildKeyIndex(profiles: ReadonlyMap<string, Profile<Setting>>): KeyIndex {
  const byKey = new Map<string, number[]>();
  const names: string[] = [];
  const add = (key: string, i: number) => {
    const list = byKey.get(key);
    if (!list) byKey.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  for (const [name, p] of profiles) {
    const i = names.push(name) - 1;
    // A merged profile's keys are its two sections' keys: walked as plain maps, without its generators.
    if (p instanceof MergedProfile) {
      for (const k of p.base.keys()) add(k, i);
      for (const k of p.top.keys()) add(k, i);
    } else for (const k of p.keys()) add(k, i);
  }
  return { byKey, names: (positions) => (positions ? Array.from(positions, (i) => names[i]) : []) };
}

/** Per-profile merge of two files' profiles, the second winning key by key. */
function mergeProfiles<S extends Setting>(
  first: ReadonlyMap<string, Profile<S>>,
  second: ReadonlyMap<string, Profile<S>>,
): Map<string, Profile<S>> {
  const merged = new Map<string, Profile<S>>(first);
  for (const [name, section] of second) {
    const existing = merged.get(name);
    merged.set(name, existing ? new MergedProfile(existing, section) : section);
  }
  return merged;
}

export interface NodeView {
  readonly paths: ToolPaths;
  readonly config: AwsFile;
  readonly credentials: AwsFile;
  /** Profiles from the config file (getConfigData), `sso-session.*` and `services.*` included. */
  readonly configProfiles: ReadonlyMap<string, Profile>;
  /** Raw credentials-file sections. */
  readonly credentialsProfiles: ReadonlyMap<string, Profile>;
  /** The merge credential resolution uses: the credentials file wins key by key. */
  readonly merged: ReadonlyMap<string, Profile>;
  /** `[sso-session NAME]` sections, read from the config path without `~/` expansion. */
  readonly ssoSessions: ReadonlyMap<string, Profile>;
}

export function nodeView(input: EngineInput, cache: FileCache): NodeView {
  const paths = nodePaths(input.env, input.fallbackHomeDir, input.platform);
  const config = cache.file('config', paths.config);
  const credentials = cache.file('credentials', paths.credentials);
  const configProfiles = jsConfigProfiles(config.js);
  const credentialsProfiles = credentials.js.sections;
  const merged = mergeProfiles(configProfiles, credentialsProfiles);
  const ssoSessions = new Map<string, Profile>();
  const sessionFile = paths.ssoSessionConfig === paths.config ? config : cache.file('config', paths.ssoSessionConfig);
  for (const [key, section] of sessionFile.js.sections) {
    if (key.startsWith('sso-session.')) ssoSessions.set(key.substring(key.indexOf('.') + 1), section);
  }
  return { paths, config, credentials, configProfiles, credentialsProfiles, merged, ssoSessions };
}

const SIMPLE_HEADER = /^(?:profile|sso-session) [\w@+.%:/-]+$/;

export interface BotocoreView {
  readonly paths: ToolPaths;
  readonly config: AwsFile;
  readonly credentials: AwsFile;
  /** ConfigParseError botocore raises before anything else, with the file it names. */
  readonly parseError?: { readonly file: AwsFile; readonly error: PyParseError };
  /** build_profile_map over the config file. */
  readonly configProfiles: ReadonlyMap<string, Profile<PySetting>>;
  /** Raw credentials-file sections (every section is a profile, verbatim). */
  readonly credentialsProfiles: ReadonlyMap<string, Profile<PySetting>>;
  /** session.full_config profiles: config, then credentials `.update()`d over it. */
  readonly profiles: ReadonlyMap<string, Profile<PySetting>>;
  readonly ssoSessions: ReadonlyMap<string, Profile<PySetting>>;
  /** Which section header defined each config profile (for `[default]` versus `[profile default]`). */
  readonly configHeaders: ReadonlyMap<string, string>;
}

export function botocoreView(input: EngineInput, cache: FileCache): BotocoreView {
  const paths = botocorePaths(input.env, input.fallbackHomeDir, input.platform);
  const config = cache.file('config', paths.config);
  const credentials = cache.file('credentials', paths.credentials);
  const parseError = config.py.error
    ? { file: config, error: config.py.error }
    : credentials.py.error
      ? { file: credentials, error: credentials.py.error }
      : undefined;
  const configProfiles = new Map<string, Profile<PySetting>>();
  const configHeaders = new Map<string, string>();
  const ssoSessions = new Map<string, Profile<PySetting>>();
  for (const [name, section] of config.py.sections) {
    let target: Map<string, Profile<PySetting>> | undefined;
    if (name.startsWith('profile')) target = configProfiles;
    else if (name.startsWith('sso-session')) target = ssoSessions;
    else if (name.startsWith('services')) continue;
    else if (name === 'default') {
      configProfiles.set('default', section);
      configHeaders.set('default', name);
      continue;
    } else continue;
    // Most headers are `profile NAME` with plain characters: no need for shlex (nor its list) then.
    let profile: string | undefined;
    if (SIMPLE_HEADER.test(name)) profile = name.slice(name.indexOf(' ') + 1);
    else {
      const parts = shlexSplit(name);
      if (parts && parts.length === 2) profile = parts[1];
    }
    if (profile !== undefined) {
      target.set(profile, section);
      if (target === configProfiles) configHeaders.set(profile, name);
    }
  }
  const credentialsProfiles = credentials.py.sections;
  const profiles = mergeProfiles(configProfiles, credentialsProfiles);
  return {
    paths,
    config,
    credentials,
    parseError,
    configProfiles,
    credentialsProfiles,
    profiles,
    ssoSessions,
    configHeaders,
  };
}
