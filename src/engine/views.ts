/**
 * Each tool's picture of the profiles: which files it reads, how it merges them, what counts as a
 * profile. The resolvers work only from these views.
 */
import { AwsFile, FileCache } from './awsFiles';
import { jsConfigProfiles } from './jsIni';
import { PyParseError, PySetting, Setting } from './model';
import { ToolPaths, botocorePaths, nodePaths } from './paths';
import { EngineInput } from './host';
import { shlexSplit } from './text';

export type Profile<S extends Setting = Setting> = ReadonlyMap<string, S>;

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
  const paths = nodePaths(input.env, input.fallbackHomeDir);
  const config = cache.file('config', paths.config);
  const credentials = cache.file('credentials', paths.credentials);
  const configProfiles = jsConfigProfiles(config.js);
  const credentialsProfiles = credentials.js.sections;
  const merged = new Map<string, Profile>();
  for (const source of [configProfiles, credentialsProfiles]) {
    for (const [name, section] of source) {
      const existing = merged.get(name);
      merged.set(name, existing ? new Map([...existing, ...section]) : section);
    }
  }
  const ssoSessions = new Map<string, Profile>();
  const sessionFile = paths.ssoSessionConfig === paths.config ? config : cache.file('config', paths.ssoSessionConfig);
  for (const [key, section] of sessionFile.js.sections) {
    if (key.startsWith('sso-session.')) ssoSessions.set(key.substring(key.indexOf('.') + 1), section);
  }
  return { paths, config, credentials, configProfiles, credentialsProfiles, merged, ssoSessions };
}

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
  const paths = botocorePaths(input.env, input.fallbackHomeDir);
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
    const parts = shlexSplit(name);
    if (parts && parts.length === 2) {
      target.set(parts[1], section);
      if (target === configProfiles) configHeaders.set(parts[1], name);
    }
  }
  const credentialsProfiles = credentials.py.sections;
  const profiles = new Map<string, Profile<PySetting>>(configProfiles);
  for (const [name, section] of credentialsProfiles) {
    const existing = profiles.get(name);
    profiles.set(name, existing ? new Map([...existing, ...section]) : section);
  }
  return { paths, config, credentials, parseError, configProfiles, credentialsProfiles, profiles, ssoSessions, configHeaders };
}
