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
  /** This scenario's own limit in each oracle (default: runOracles' scenarioTimeoutMs), e.g. short where a hang is the expected outcome. */
  readonly timeoutMs?: number;
  /** What else each tool is asked (claims.ts asks it to prove what a finding says); nothing when absent. */
  readonly probe?: ScenarioProbe;
}

/**
 * Questions for the real tools besides "which credentials": what each one read from the files,
 * which endpoint it would call, whether a client can be made, what a helper program recorded.
 */
export interface ScenarioProbe {
  /** Each tool's reading of the config and credentials files (ProbeResult.config / .credentials). */
  readonly files?: boolean;
  /** Services (botocore names: "sts", "dynamodb") whose endpoint each tool would call. */
  readonly endpoints?: readonly string[];
  /** Files (relative to HOME) read back from each tool's home after it ran, e.g. what a credential_process helper recorded. */
  readonly collect?: readonly string[];
  /**
   * Run botocore and the AWS CLI without the harness's endpoint patch, so that their inner STS /
   * SSO clients go where the tool itself sends them (a non-loopback address is refused by the
   * loopback guard and shows in detail.guardViolations).
   */
  readonly ownEndpoints?: boolean;
}

export interface ScenarioFile {
  readonly text: string;
  /** POSIX mode, default 0o600. */
  readonly mode?: number;
  /** A named pipe, or a symbolic link to itself (opening it fails with ELOOP), instead of a regular file (`text` is ignored). */
  readonly type?: 'fifo' | 'symlink-loop';
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
  /** The answers to the scenario's probe, when it had one. */
  readonly probe?: ProbeResult;
}

/** A value as a probe reports it: the text, or for a secret-named key (SECRET_KEY_NAME) its fingerprint(). */
export type ProbeValue = string | { readonly [subKey: string]: string };
/** Sections as a tool parsed one file: `profile` names for the config file ("sso-session.x", "services.x" for the others), raw names for the credentials file. */
export type ParsedFile = { readonly [section: string]: { readonly [key: string]: ProbeValue } };

export interface ProbeResult {
  /** The config file as the tool reads it, or why it could not. */
  readonly config?: ParsedFile | { readonly error: string };
  readonly credentials?: ParsedFile | { readonly error: string };
  /** fingerprint() of the secret key and the session token of the credentials the tool resolved (null: none). */
  readonly secret?: string | null;
  readonly token?: string | null;
  /** When the resolved credentials expire (ISO 8601), as the tool holds it; null: never or unknown. */
  readonly expiry?: string | null;
  /** How botocore / the AWS CLI split each profile's credential_process (their own compat_shell_split), or the error. */
  readonly processSplit?:
    { readonly [profile: string]: readonly string[] | { readonly error: string } } | { readonly error: string };
  /** Per probed service, the endpoint URL the tool would call (botocore: always a URL; the JavaScript SDK: a configured one, null for its default), or the error. */
  readonly endpoints?: { readonly [service: string]: string | null | { readonly error: string } };
  /** Creating a client of a regional service with the tool's own region (botocore: DynamoDB; the JavaScript SDK: its region provider): null when it can be made, else the tool's error. */
  readonly clientError?: string | null;
  /** The probed files' contents after the tool ran (null: not there). */
  readonly collected?: { readonly [path: string]: string | null };
}

/** Key names whose values a probe reports only as fingerprints (the same pattern in every oracle). */
export const SECRET_KEY_NAME =
  'aws_access_key_id|aws_secret_access_key|aws_session_token|aws_security_token|secret|password';
