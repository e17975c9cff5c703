/**
 * One fixture home plus environment, run both through the engine and through the real tools.
 * This is the contract between the scenario generator, the engine test and the oracle harness.
 */
export interface Scenario {
  /** Stable, unique, file-name-safe id, e.g. "gen-042-role-chain-env-shadow". */
  readonly id: string;
  /** Files to create, keyed by a path relative to the fixture HOME ("~" is never used here). */
  readonly files: Readonly<Record<string, ScenarioFile>>;
  /**
   * The environment the tools see, besides HOME (the harness sets HOME to the materialised home,
   * and adds its own safety variables). Values may contain the literal "{HOME}", replaced with the
   * materialised home's absolute path (for AWS_CONFIG_FILE, AWS_WEB_IDENTITY_TOKEN_FILE, ...).
   * "{CONTAINER_URI}" becomes the harness's loopback container-credentials URL (for AWS_CONTAINER_CREDENTIALS_FULL_URI);
   * the oracle harness also fills both placeholders in file texts (e.g. `credential_process = {HOME}/creds.sh`).
   */
  readonly env: Readonly<Record<string, string>>;
  /** The profile chosen explicitly (`--profile`, `Session(profile=)`, client `profile`), if any. */
  readonly explicitProfile?: string;
  /**
   * The directory the tools run in, relative to HOME (a relative `credential_process` is found
   * from there). Absent: an empty directory outside HOME, for the tools and the engine alike.
   */
  readonly cwd?: string;
}

export interface ScenarioFile {
  readonly text: string;
  /** POSIX mode, default 0o600. */
  readonly mode?: number;
}

export type ToolId = 'node' | 'python' | 'cli';

/** What one real tool did on one scenario. */
export interface OracleResult {
  /** The profile the tool selected ("default" when none was named). */
  readonly profile: string;
  /** Same vocabulary as the engine's report: env, static, assume-role, web-identity, sso, process, container, none, error. */
  readonly source: string;
  /** The region the tool would use, or null when none resolves (or the tool fails before it gets one). */
  readonly region: string | null;
  /** For source "error": the tool's own error text (redacted). */
  readonly error: string | null;
  /** Raw evidence (botocore method, JS $source feature codes, CLI table rows...), for failure messages. */
  readonly detail?: unknown;
}
