/** Plain data shared across the engine. Nothing here imports vscode. */
import { KNOWN_KEY_READERS, SSO_SESSION_KEY_READERS } from './knownKeys.generated';

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

/**
 * Keys other programs write into profiles that no AWS tool reads: the expiry times and ARNs of
 * saml2aws, aws-google-auth and similar. Not unknown (never "did you mean"), never suggested.
 */
export const WRITTEN_BY_OTHERS: readonly string[] = [
  'x_security_token_expires',
  'x_principal_arn',
  'aws_expiration',
  'aws_session_expiration',
  'expiration',
  'aws_credential_expiration',
];

/**
 * Every key a profile or an [sso-session] section may hold: the keys the tools read (generated from
 * the tools themselves: knownKeys.generated.ts, with which tool reads each) and WRITTEN_BY_OTHERS.
 */
export const KNOWN_KEYS: ReadonlySet<string> = new Set([
  ...Object.keys(KNOWN_KEY_READERS),
  ...Object.keys(SSO_SESSION_KEY_READERS),
  ...WRITTEN_BY_OTHERS,
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

/** The whole-file failure botocore raises (ConfigParseError), which stops every botocore-based tool. */
export interface PyParseError {
  readonly line: number;
  /** configparser's exception class, e.g. DuplicateSectionError. */
  readonly kind: string;
  readonly message: string;
}
