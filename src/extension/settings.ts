/**
 * The extension's settings as a typed object, mirroring `contributes.configuration` in package.json
 * (a unit test keeps the two in step). Pure: the VS Code side passes a `get` function.
 *
 * DEFAULT_SETTINGS is the one place of the defaults: readSettings falls back to it, and a manifest
 * test holds package.json's to it. Adding a setting: ARCHITECTURE.md, "How to add a setting".
 */
import { FindingCode } from '../engine/findings/findings';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_RATE_PER_SECOND,
  MAX_CONCURRENCY,
  MAX_RATE_PER_SECOND,
  MIN_RATE_PER_SECOND,
} from '../live/limits';
import { MAX_TIMEOUT_MS, MIN_TIMEOUT_MS } from '../live/timeout';
import type { ToolId } from '../engine/core/model';
import { TOOL_IDS } from '../engine/core/model';

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
  /** Check All Profiles: profiles checked at once in the one child process (1 to 16). */
  readonly checkAllConcurrency: number;
  /** Check All Profiles: checks that contact AWS started per second (0.1 to 100). */
  readonly checkAllRatePerSecond: number;
  /** Check All Profiles: each profile's deadline, in seconds (0.1 to 120). */
  readonly checkAllTimeoutSeconds: number;
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
  checkAllConcurrency: 'checkAllProfiles.concurrency',
  checkAllRatePerSecond: 'checkAllProfiles.requestsPerSecond',
  checkAllTimeoutSeconds: 'checkAllProfiles.timeoutSeconds',
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
  checkAllConcurrency: DEFAULT_CONCURRENCY,
  checkAllRatePerSecond: DEFAULT_RATE_PER_SECOND,
  checkAllTimeoutSeconds: 10,
  debugApplyEnvironment: true,
  watchDebugSessions: true,
};

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);
const CODES = new Set<string>(Object.values(FindingCode));

/** Reads and validates every setting; anything malformed falls back to its default. */
export function readSettings(get: (key: string) => unknown): DoctorSettings {
  type Field<T> = { [K in keyof DoctorSettings]: DoctorSettings[K] extends T ? K : never }[keyof DoctorSettings];
  const num = (field: Field<number>, min: number, max = Infinity, integer = false) => {
    const v = get(SETTING_KEYS[field]);
    return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v))
      ? v
      : DEFAULT_SETTINGS[field];
  };
  const bool = (field: Field<boolean>) => {
    const v = get(SETTING_KEYS[field]);
    return typeof v === 'boolean' ? v : DEFAULT_SETTINGS[field];
  };
  const toolsRaw = get(SETTING_KEYS.tools);
  const tools = Array.isArray(toolsRaw) ? TOOL_IDS.filter((t) => toolsRaw.includes(t)) : DEFAULT_SETTINGS.tools;
  const overridesRaw = get(SETTING_KEYS.severityOverrides);
  const severityOverrides: Partial<Record<FindingCode, SeverityOverride>> = {};
  if (overridesRaw && typeof overridesRaw === 'object') {
    for (const [code, sev] of Object.entries(overridesRaw as Record<string, unknown>)) {
      if (CODES.has(code) && typeof sev === 'string' && SEVERITIES.has(sev))
        severityOverrides[code as FindingCode] = sev as SeverityOverride;
    }
  }
  return {
    expiryWarningMinutes: num('expiryWarningMinutes', 0),
    tools: tools.length ? tools : DEFAULT_SETTINGS.tools,
    liveCheckOnStartup: bool('liveCheckOnStartup'),
    liveCheckIntervalMinutes: num('liveCheckIntervalMinutes', 0),
    severityOverrides,
    scanDotEnv: bool('scanDotEnv'),
    applyToExtensionHost: bool('applyToExtensionHost'),
    watchTerminals: bool('watchTerminals'),
    checkAllConcurrency: num('checkAllConcurrency', 1, MAX_CONCURRENCY, true),
    checkAllRatePerSecond: num('checkAllRatePerSecond', MIN_RATE_PER_SECOND, MAX_RATE_PER_SECOND),
    checkAllTimeoutSeconds: num('checkAllTimeoutSeconds', MIN_TIMEOUT_MS / 1000, MAX_TIMEOUT_MS / 1000),
    debugApplyEnvironment: bool('debugApplyEnvironment'),
    watchDebugSessions: bool('watchDebugSessions'),
  };
}
