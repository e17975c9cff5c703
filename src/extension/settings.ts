/**
 * The extension's settings as a typed object, mirroring `contributes.configuration` in package.json
 * (a unit test keeps the two in step). Pure: the VS Code side passes a `get` function.
 *
 * Adding a setting: (1) a field with JSDoc in DoctorSettings, its key in SETTING_KEYS and its default
 * in DEFAULT_SETTINGS; (2) validation in readSettings; (3) the property in package.json with `scope`,
 * `markdownDescription` and a default that costs nothing (booleans default to false); (4) a row in
 * the README's settings table; (5) read it at use time from DoctorState.settings — a change already
 * re-diagnoses (Watchers filters onDidChangeConfiguration with affectsConfiguration).
 */
import { FindingCode } from '../engine/findings';
import type { ToolId } from '../engine/model';
import { TOOL_IDS } from '../engine/model';

export type SeverityOverride = 'off' | 'info' | 'warning' | 'error';

export interface DoctorSettings {
  /** Minutes before expiry at which the status bar turns to the warning colour. */
  readonly expiryWarningMinutes: number;
  /** Which tools' view of the credentials to consider for the status bar and findings. */
  readonly tools: readonly ToolId[];
  /** Run the live STS identity check once after start-up (sends a request to AWS). */
  readonly liveCheckOnStartup: boolean;
  /** Re-run the live check every N minutes; 0 = never. */
  readonly liveCheckIntervalMinutes: number;
  /** Per finding code: `off`, `info`, `warning` or `error` instead of the engine's severity. */
  readonly severityOverrides: Readonly<Partial<Record<FindingCode, SeverityOverride>>>;
  /** Read `.env` files at the root of each workspace folder for AWS_* variables. */
  readonly scanDotEnv: boolean;
  /**
   * Whether the extension's environment changes (Switch Profile, the quick fixes that set or unset a
   * variable) also change the extension host's own `process.env`, which every other extension in
   * this window shares. Off: only new terminals (the environment variable collection) get them.
   */
  readonly applyToExtensionHost: boolean;
  /** Follow integrated terminals through shell integration: their AWS variables and the AWS errors their commands print. */
  readonly watchTerminals: boolean;
  /**
   * Give debug sessions (of the types that take an environment) the variables the extension sets or
   * unsets for new terminals, at launch. A value the launch configuration writes (`env`, `envFile`) wins.
   */
  readonly debugApplyEnvironment: boolean;
  /** Follow debug sessions: the status bar for a session whose credentials differ, and the AWS errors printed in the Debug Console. */
  readonly watchDebugSessions: boolean;
}

/** Setting keys (after the `awsCredentialsDoctor.` prefix) for each field. */
export const SETTING_KEYS: Readonly<Record<keyof DoctorSettings, string>> = {
  expiryWarningMinutes: 'expiryWarningMinutes',
  tools: 'tools',
  liveCheckOnStartup: 'liveCheck.onStartup',
  liveCheckIntervalMinutes: 'liveCheck.intervalMinutes',
  severityOverrides: 'severityOverrides',
  scanDotEnv: 'dotEnv.enabled',
  applyToExtensionHost: 'applyToExtensionHost',
  watchTerminals: 'terminals.watch',
  debugApplyEnvironment: 'debug.applyEnvironment',
  watchDebugSessions: 'debug.watch',
};

export const DEFAULT_SETTINGS: DoctorSettings = {
  expiryWarningMinutes: 15,
  tools: TOOL_IDS,
  liveCheckOnStartup: false,
  liveCheckIntervalMinutes: 0,
  severityOverrides: {},
  scanDotEnv: false,
  applyToExtensionHost: false,
  watchTerminals: true,
  debugApplyEnvironment: true,
  watchDebugSessions: true,
};

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);
const CODES = new Set<string>(Object.values(FindingCode));

/** Reads and validates every setting; anything malformed falls back to its default. */
export function readSettings(get: (key: string) => unknown): DoctorSettings {
  const num = (key: string, def: number, min: number) => {
    const v = get(key);
    return typeof v === 'number' && Number.isFinite(v) && v >= min ? v : def;
  };
  const bool = (key: string, def: boolean) => (typeof get(key) === 'boolean' ? (get(key) as boolean) : def);
  const toolsRaw = get(SETTING_KEYS.tools);
  const tools = Array.isArray(toolsRaw) ? TOOL_IDS.filter((t) => toolsRaw.includes(t)) : DEFAULT_SETTINGS.tools;
  const overridesRaw = get(SETTING_KEYS.severityOverrides);
  const severityOverrides: Partial<Record<FindingCode, SeverityOverride>> = {};
  if (overridesRaw && typeof overridesRaw === 'object') {
    for (const [code, sev] of Object.entries(overridesRaw as Record<string, unknown>)) {
      if (CODES.has(code) && typeof sev === 'string' && SEVERITIES.has(sev)) severityOverrides[code as FindingCode] = sev as SeverityOverride;
    }
  }
  return {
    expiryWarningMinutes: num(SETTING_KEYS.expiryWarningMinutes, DEFAULT_SETTINGS.expiryWarningMinutes, 0),
    tools: tools.length ? tools : DEFAULT_SETTINGS.tools,
    liveCheckOnStartup: bool(SETTING_KEYS.liveCheckOnStartup, false),
    liveCheckIntervalMinutes: num(SETTING_KEYS.liveCheckIntervalMinutes, 0, 0),
    severityOverrides,
    scanDotEnv: bool(SETTING_KEYS.scanDotEnv, false),
    applyToExtensionHost: bool(SETTING_KEYS.applyToExtensionHost, false),
    watchTerminals: bool(SETTING_KEYS.watchTerminals, true),
    debugApplyEnvironment: bool(SETTING_KEYS.debugApplyEnvironment, true),
    watchDebugSessions: bool(SETTING_KEYS.watchDebugSessions, true),
  };
}
