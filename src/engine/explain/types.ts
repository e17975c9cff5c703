/** What the error explainer returns: the errors it recognised, what they mean, and this machine's findings that explain them. */
import type { Finding, FindingCode } from '../findings/findings';
import type { ToolId } from '../core/model';
import type { ErrorTool } from './toolLabels';

export interface ErrorContext {
  /** The API operation, e.g. GetCallerIdentity (botocore "when calling the X operation", Go "operation error STS: X"). */
  readonly operation?: string;
  /** The service, when the text names it (Go "operation error STS", Java "Service: AmazonDynamoDBv2"). */
  readonly service?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  /** The access key id that signed the request, masked to its last four characters. */
  readonly accessKeyId?: string;
  /** Which of this machine's tools sign with that key (same last four characters). */
  readonly keyUsedBy?: readonly ToolId[];
  /** Where this machine has that key: `$AWS_ACCESS_KEY_ID`, `profile dev (/home/me/.aws/credentials:2)`. */
  readonly keyFoundIn?: readonly string[];
  /** The profile the message names, when it names one. */
  readonly profile?: string;
  /** The IAM action and principal of an AccessDenied message. */
  readonly action?: string;
  readonly principal?: string;
}

export interface ErrorMatch {
  /** Stable id of the catalogue entry, e.g. "invalid-client-token-id". */
  readonly id: string;
  /** The error code as the service or SDK names it (InvalidClientTokenId, ExpiredToken, …). */
  readonly code: string;
  /**
   * Which wording matched: a service's (sts, dynamodb, dynamodb-local, s3, ec2, sso), service-message,
   * js-sdk (v3), python-configparser, or the tool that prints it (an ErrorTool: terraform, go-sdk-v2, …).
   */
  readonly wording: string;
  /** The tools that printed it, as far as the text tells, outermost first (Terraform before the Go SDK it runs). */
  readonly tools: readonly ErrorTool[];
  /** What those tools add to the causes: the setting each reads, the command that fixes it there. */
  readonly toolHints: readonly string[];
  /** Printed on another machine (a CI runner): this machine's findings are not attached. */
  readonly remote: boolean;
  /** The envelope the error came in: botocore-client-error, go-sdk, java-sdk, xml, json, js-error, text. */
  readonly form: string;
  /** The matched text (redacted, at most 300 characters). */
  readonly matched: string;
  /** The HTTP status this error usually comes with, when it comes from a service. */
  readonly usualHttpStatus: number | null;
  readonly meaning: string;
  /** Common causes, most likely first. */
  readonly causes: readonly string[];
  /** Something specific read from the message itself (e.g. how far the clock is off). */
  readonly detail: string | null;
  readonly context: ErrorContext;
  /** The finding codes that can explain this error (whether or not this machine has them). */
  readonly explainedBy: readonly FindingCode[];
  /** This machine's findings that explain it. */
  readonly findings: readonly Finding[];
}

export interface Explanation {
  readonly matches: readonly ErrorMatch[];
  /** Whether the matches were compared with this machine's diagnosis (findings attached). */
  readonly diagnosed?: boolean;
}
