/** Findings: what is wrong, where, for which tools, and how to fix it. */
import { FileKind, ToolId } from './model';

/** Stable finding codes. The same strings appear in the JSON report, the Problems panel and the docs. */
export enum FindingCode {
  ConfigParseError = 'CONFIG_PARSE_ERROR',
  ProfileNotFound = 'PROFILE_NOT_FOUND',
  EnvKeysShadowProfile = 'ENV_KEYS_SHADOW_PROFILE',
  StaleSessionToken = 'STALE_SESSION_TOKEN',
  SsoTokenExpired = 'SSO_TOKEN_EXPIRED',
  ProfilePrefixInCredentials = 'PROFILE_PREFIX_IN_CREDENTIALS',
  NoCredentials = 'NO_CREDENTIALS',
  CredentialResolutionFails = 'CREDENTIAL_RESOLUTION_FAILS',
  ToolsDisagree = 'TOOLS_DISAGREE',
}

export type Severity = 'error' | 'warning' | 'info';

/** A machine-applicable fix. Text edits change one line only. */
export type FixAction =
  | { readonly kind: 'deleteLine'; readonly path: string; readonly line: number }
  | { readonly kind: 'replaceText'; readonly path: string; readonly line: number; readonly column: number; readonly endColumn: number; readonly text: string }
  | { readonly kind: 'unsetEnv'; readonly name: string }
  | { readonly kind: 'setEnv'; readonly name: string; readonly value: string }
  | { readonly kind: 'runCommand'; readonly command: string }
  | { readonly kind: 'chmod'; readonly path: string; readonly mode: number }
  | { readonly kind: 'switchProfile'; readonly profile: string };

export interface Fix {
  readonly title: string;
  readonly action: FixAction;
  /** The one obvious fix. */
  readonly preferred?: boolean;
}

export interface RelatedLocation {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  /** The file the finding sits in (absolute path), or null for environment findings. */
  readonly file: string | null;
  readonly fileKind: FileKind | null;
  readonly line: number | null;
  readonly column: number | null;
  /** The environment variable the finding is about, when it is about one. */
  readonly env: string | null;
  readonly tools: readonly ToolId[];
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
}
