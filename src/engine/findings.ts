/** Findings: what is wrong, where, for which tools, and how to fix it. */
import type { ShellCommand } from './shellCommands';
import type { FileKind, ToolId } from './model';
import { unreachable } from './unreachable';

/**
 * Stable finding codes. The same strings appear in the JSON report, the Problems panel and the
 * docs; they are a public contract: never rename one, only add.
 */
export const FindingCode = {
  // Stale and mismatched session tokens
  StaleSessionToken: 'STALE_SESSION_TOKEN',
  ProfileStaleSessionToken: 'PROFILE_STALE_SESSION_TOKEN',
  SessionTokenWithoutKeys: 'SESSION_TOKEN_WITHOUT_KEYS',
  TemporaryKeyWithoutToken: 'TEMPORARY_KEY_WITHOUT_TOKEN',
  SecurityTokenMismatch: 'SECURITY_TOKEN_MISMATCH',
  // Environment shadowing
  EnvKeysShadowProfile: 'ENV_KEYS_SHADOW_PROFILE',
  DefaultProfileVariable: 'DEFAULT_PROFILE_VARIABLE',
  RegionVariablesDisagree: 'REGION_VARIABLES_DISAGREE',
  ProfileNotFound: 'PROFILE_NOT_FOUND',
  EmptyProfileVariable: 'EMPTY_PROFILE_VARIABLE',
  PartialEnvKeys: 'PARTIAL_ENV_KEYS',
  FileVariableMissingFile: 'FILE_VARIABLE_MISSING_FILE',
  FileVariableNotExpanded: 'FILE_VARIABLE_NOT_EXPANDED',
  // Expiry
  SsoTokenExpired: 'SSO_TOKEN_EXPIRED',
  SsoTokenExpiring: 'SSO_TOKEN_EXPIRING',
  SsoTokenTooCloseToRefresh: 'SSO_TOKEN_TOO_CLOSE_TO_REFRESH',
  SsoExpiredCachedRoleValid: 'SSO_EXPIRED_CACHED_ROLE_VALID',
  SsoTokenMissing: 'SSO_TOKEN_MISSING',
  SsoTokenExpiryUnparseable: 'SSO_TOKEN_EXPIRY_UNPARSEABLE',
  SsoCacheTooDeep: 'SSO_CACHE_TOO_DEEP',
  EnvCredentialsExpired: 'ENV_CREDENTIALS_EXPIRED',
  EnvExpirationUnparseable: 'ENV_EXPIRATION_UNPARSEABLE',
  ProfileCredentialsExpired: 'PROFILE_CREDENTIALS_EXPIRED',
  CredentialsExpiring: 'CREDENTIALS_EXPIRING',
  // File mistakes
  ProfilePrefixInCredentials: 'PROFILE_PREFIX_IN_CREDENTIALS',
  MissingProfilePrefix: 'MISSING_PROFILE_PREFIX',
  DefaultProfileTwice: 'DEFAULT_PROFILE_TWICE',
  DuplicateSection: 'DUPLICATE_SECTION',
  DuplicateKey: 'DUPLICATE_KEY',
  UnknownKey: 'UNKNOWN_KEY',
  InlineComment: 'INLINE_COMMENT',
  ColonDelimiter: 'COLON_DELIMITER',
  ContinuationLine: 'CONTINUATION_LINE',
  QuotedValue: 'QUOTED_VALUE',
  WhitespaceInValue: 'WHITESPACE_IN_VALUE',
  EmptyValue: 'EMPTY_VALUE',
  ByteOrderMark: 'BYTE_ORDER_MARK',
  DefaultSection: 'DEFAULT_SECTION',
  ConfigParseError: 'CONFIG_PARSE_ERROR',
  ProtoSection: 'PROTO_SECTION',
  CredentialsFilePermissions: 'CREDENTIALS_FILE_PERMISSIONS',
  NotARegularFile: 'NOT_A_REGULAR_FILE',
  FileTooLarge: 'FILE_TOO_LARGE',
  FileUnreadable: 'FILE_UNREADABLE',
  // Key shape
  MalformedAccessKeyId: 'MALFORMED_ACCESS_KEY_ID',
  UniqueIdAsAccessKey: 'UNIQUE_ID_AS_ACCESS_KEY',
  MalformedSecretKey: 'MALFORMED_SECRET_KEY',
  ExampleKeys: 'EXAMPLE_KEYS',
  PlaceholderKeys: 'PLACEHOLDER_KEYS',
  // Profiles that cannot resolve
  SourceProfileMissing: 'SOURCE_PROFILE_MISSING',
  SourceProfileCycle: 'SOURCE_PROFILE_CYCLE',
  RoleChainTooDeep: 'ROLE_CHAIN_TOO_DEEP',
  SourceProfileWithoutCredentials: 'SOURCE_PROFILE_WITHOUT_CREDENTIALS',
  RoleSourceConflict: 'ROLE_SOURCE_CONFLICT',
  RoleWithoutSource: 'ROLE_WITHOUT_SOURCE',
  UnsupportedCredentialSource: 'UNSUPPORTED_CREDENTIAL_SOURCE',
  MixedCredentialTypes: 'MIXED_CREDENTIAL_TYPES',
  SsoSessionNotFound: 'SSO_SESSION_NOT_FOUND',
  SsoIncomplete: 'SSO_INCOMPLETE',
  SsoTokenOnlyProfile: 'SSO_TOKEN_ONLY_PROFILE',
  CredentialProcessNotFound: 'CREDENTIAL_PROCESS_NOT_FOUND',
  CredentialProcessShell: 'CREDENTIAL_PROCESS_SHELL',
  CredentialProcessRelativePath: 'CREDENTIAL_PROCESS_RELATIVE_PATH',
  WebIdentityTokenFileMissing: 'WEB_IDENTITY_TOKEN_FILE_MISSING',
  MfaRequiresCallback: 'MFA_REQUIRES_CALLBACK',
  // Region and endpoint
  RegionMissing: 'REGION_MISSING',
  RegionMalformed: 'REGION_MALFORMED',
  RegionUnknown: 'REGION_UNKNOWN',
  LocalEndpointRealKeys: 'LOCAL_ENDPOINT_REAL_KEYS',
  EndpointWithoutRegion: 'ENDPOINT_WITHOUT_REGION',
  // Whole-machine outcomes
  NoCredentials: 'NO_CREDENTIALS',
  CredentialResolutionFails: 'CREDENTIAL_RESOLUTION_FAILS',
  ToolsDisagree: 'TOOLS_DISAGREE',
  // Live identity check (diagnose --live)
  IdentityConfirmed: 'IDENTITY_CONFIRMED',
  LiveInvalidClientToken: 'LIVE_INVALID_CLIENT_TOKEN',
  LiveExpiredToken: 'LIVE_EXPIRED_TOKEN',
  LiveSignatureMismatch: 'LIVE_SIGNATURE_MISMATCH',
  LiveMissingAuthenticationToken: 'LIVE_MISSING_AUTHENTICATION_TOKEN',
  LiveRegionDisabled: 'LIVE_REGION_DISABLED',
  LiveSsoTokenError: 'LIVE_SSO_TOKEN_ERROR',
  LiveNoCredentials: 'LIVE_NO_CREDENTIALS',
  LiveNetworkError: 'LIVE_NETWORK_ERROR',
  LiveAccessDenied: 'LIVE_ACCESS_DENIED',
  LiveUnexpectedError: 'LIVE_UNEXPECTED_ERROR',
  ClockSkew: 'CLOCK_SKEW',
  // Tool versions (what is installed here)
  ToolTooOld: 'TOOL_TOO_OLD',
  BotocoreCrtMissing: 'BOTOCORE_CRT_MISSING',
  StsGlobalEndpoint: 'STS_GLOBAL_ENDPOINT',
  // Credential brokers (aws-vault, awsume, granted, …)
  BrokerNestedSession: 'BROKER_NESTED_SESSION',
  BrokerMarkersContradict: 'BROKER_MARKERS_CONTRADICT',
  // `aws login` profiles
  LoginNotSignedIn: 'LOGIN_NOT_SIGNED_IN',
  LoginCacheInvalid: 'LOGIN_CACHE_INVALID',
  LoginCachePermissions: 'LOGIN_CACHE_PERMISSIONS',
  LoginMixedCredentials: 'LOGIN_MIXED_CREDENTIALS',
} as const;
export type FindingCode = (typeof FindingCode)[keyof typeof FindingCode];

export type Severity = 'error' | 'warning' | 'info';

/** A machine-applicable fix. Text edits change one line only. */
export type FixAction =
  | { readonly kind: 'deleteLine'; readonly path: string; readonly line: number }
  | { readonly kind: 'replaceText'; readonly path: string; readonly line: number; readonly column: number; readonly endColumn: number; readonly text: string }
  | { readonly kind: 'unsetEnv'; readonly name: string }
  | { readonly kind: 'setEnv'; readonly name: string; readonly value: string }
  /**
   * A command for a terminal, written for the platform's default shell. `signIn` says it is
   * `aws sso login` or `aws login` for a profile (the extension runs those in its sign-in terminal).
   */
  | { readonly kind: 'runCommand'; readonly command: string; readonly signIn?: { readonly kind: 'sso' | 'login'; readonly profile: string } }
  | { readonly kind: 'chmod'; readonly path: string; readonly mode: number }
  | { readonly kind: 'switchProfile'; readonly profile: string }
  /** Ask which region, then add `region = …` after the profile's header (line `afterLine`; 0: append a new section). */
  | { readonly kind: 'setRegion'; readonly profile: string; readonly path: string; readonly afterLine: number }
  /** Rewrite the file without its UTF-8 byte order mark, every other byte unchanged. */
  | { readonly kind: 'removeBom'; readonly path: string };

/**
 * The file a fix writes or changes the mode of, if any: such a fix is offered only for a regular file
 * (diagnose.ts drops it otherwise), and the extension checks again when it applies it.
 */
export function fileTouchedBy(action: FixAction): string | undefined {
  switch (action.kind) {
    case 'deleteLine':
    case 'replaceText':
    case 'chmod':
    case 'removeBom':
      return action.path;
    case 'setRegion':
      return action.afterLine > 0 ? action.path : undefined;
    case 'unsetEnv':
    case 'setEnv':
    case 'runCommand':
    case 'switchProfile':
      return undefined;
    default:
      return unreachable(action, 'fix kind');
  }
}

export interface Fix {
  readonly title: string;
  readonly action: FixAction;
  /** The one obvious fix. */
  readonly preferred?: boolean;
  /**
   * What to type in a terminal to apply it by hand, in the platform's shells (POSIX; on Windows
   * PowerShell, then cmd): set or unset a variable, chmod. Absent for edits, switches and `runCommand`
   * (whose command is already written for the platform's default shell).
   */
  readonly commands?: readonly ShellCommand[];
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
  /** The English message (the template rendered with the data). */
  readonly message: string;
  /**
   * The message's template and data (messages.ts), for a renderer in another language; absent for
   * the few messages written whole (the live check's summaries of several findings).
   */
  readonly template?: string;
  readonly data?: Readonly<Record<string, string>>;
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

/** Where a finding is, as the text outputs print it: `path:line:column`, a path alone, `$VARIABLE`, or ''. */
export function locationOf(f: Pick<Finding, 'file' | 'line' | 'column' | 'env'>): string {
  if (f.file) return f.line !== null ? `${f.file}:${f.line}:${f.column ?? 1}` : f.file;
  return f.env ? `$${f.env}` : '';
}
