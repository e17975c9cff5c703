/** Plain data shared across the engine. Nothing here imports vscode. */

/** The three tools whose behaviour the engine predicts. */
export type ToolId = 'node' | 'python' | 'cli';
export const TOOL_IDS: readonly ToolId[] = ['node', 'python', 'cli'];
export const TOOL_LABELS: Readonly<Record<ToolId, string>> = {
  node: 'JavaScript SDK v3',
  python: 'botocore (boto3, AWS CLI v1)',
  cli: 'AWS CLI v2',
};

export type FileKind = 'config' | 'credentials';

/** The values `credential_source` accepts, case-sensitively, in every tool (semantics §1.6). */
export const CREDENTIAL_SOURCES: readonly string[] = ['Environment', 'EcsContainer', 'Ec2InstanceMetadata'];

/** Keys the tools read from profiles (botocore and the CLI's documented settings, the SDKs' credential keys). */
export const KNOWN_KEYS = new Set([
  'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token', 'aws_account_id', 'aws_credential_scope',
  'region', 'output', 'role_arn', 'source_profile', 'credential_source', 'role_session_name', 'external_id', 'mfa_serial',
  'duration_seconds', 'web_identity_token_file', 'credential_process', 'sso_session', 'sso_start_url', 'sso_region',
  'sso_account_id', 'sso_role_name', 'sso_registration_scopes', 'login_session', 'ca_bundle', 'cli_pager', 'cli_auto_prompt',
  'cli_timestamp_format', 'cli_binary_format', 'cli_history', 'cli_follow_urlparam', 'parameter_validation', 'max_attempts',
  'retry_mode', 's3', 'sts_regional_endpoints', 'endpoint_url', 'use_fips_endpoint', 'use_dualstack_endpoint',
  'ignore_configure_endpoint_urls', 'services', 'metadata_service_timeout', 'metadata_service_num_attempts',
  'ec2_metadata_service_endpoint', 'ec2_metadata_service_endpoint_mode', 'ec2_metadata_v1_disabled', 'tcp_keepalive',
  'defaults_mode', 'account_id_endpoint_mode', 'request_min_compression_size_bytes', 'disable_request_compression',
  'sigv4a_signing_region_set', 'request_checksum_calculation', 'response_checksum_validation', 'auth_scheme_preference',
  'x_security_token_expires', 'x_principal_arn', 'aws_expiration', 'aws_session_expiration', 'expiration',
  'aws_credential_expiration', 'api_versions', 'imds_use_ipv6', 'sdk_ua_app_id', 'dynamodb',
]);

/** One `key = value` as one dialect read it, with the position of the key (1-based). */

export interface Setting {
  /** The key as the dialect sees it (botocore lowercases; the JavaScript SDK keeps case). */
  readonly key: string;
  /** The key exactly as written. */
  readonly rawKey: string;
  readonly value: string;
  readonly file: FileKind;
  readonly line: number;
  readonly column: number;
  /** Where the value starts (1-based column on `line`). */
  readonly valueColumn: number;
}

/** A botocore setting can hold a nested block (`s3 =` followed by indented lines). */
export interface PySetting extends Setting {
  readonly nested?: ReadonlyMap<string, string>;
  /** The line the value ends on (continuation lines make values span lines). */
  readonly endLine: number;
}

export type Section<S extends Setting = Setting> = ReadonlyMap<string, S>;

/** The whole-file failure botocore raises (ConfigParseError), which stops every botocore-based tool. */
export interface PyParseError {
  readonly line: number;
  /** configparser's exception class, e.g. DuplicateSectionError. */
  readonly kind: string;
  readonly message: string;
}
