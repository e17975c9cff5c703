/**
 * The error catalogue: every AWS authentication error the explainer recognises, its wordings, meaning,
 * usual causes and the finding codes that explain it. It follows the reference's error catalogue
 * (aws-credential-semantics.md §4, with the SSO messages of §1.8, credential_process messages of §1.9
 * and botocore provider errors of §2.4), and the wordings the other tools print for the same errors:
 * Terraform's AWS provider, Pulumi, the CDK CLI, Serverless Framework, SAM CLI, Amplify CLI, GitHub's
 * configure-aws-credentials action, and the Go, Java, .NET, Rust and JavaScript v2 SDKs. Every wording
 * has a fixture taken from that tool's own source or tests (test/fixtures/error-texts, with its origin).
 *
 * The wordings are matched against the normalised text (normalize.ts: no escape sequences, frames,
 * log prefixes or line breaks), case-insensitively. The terminal watcher's cheap check is derived from
 * them (matcher.ts): this file is the one list of what is recognised anywhere.
 */
import { FindingCode } from '../findings/findings';
import type { ErrorTool } from './toolLabels';

export interface Variant {
  /**
   * Global, case-insensitive regexp, run over the normalised, redacted text (one line). Every
   * quantifier is bounded (a match is at most 1,000 characters: the terminal watcher's window relies
   * on it), so that a scan stays linear; its top-level literal runs must hold a word of 4 or more
   * letters (the watcher's cheap check looks for that word: matcher.ts derives it).
   */
  readonly re: RegExp;
  readonly code: string;
  /** Which wording: a service's (sts, dynamodb, …), `service-message`, or the tool that prints it. */
  readonly wording: string;
  /** The tool that prints this wording, when it is not the wording itself (js-sdk, botocore, …). */
  readonly tool?: ErrorTool;
  /** A trigger is enough for the entry to match; a hint only names the code when a trigger matched nearby. */
  readonly hint?: boolean;
  /**
   * A weak trigger: a tool's wrapper around another error ("Credentials could not be loaded, please
   * check your action inputs: …"). It matches only when no other entry's trigger is near it: the
   * wrapped error is the one to explain; the wrapper still names the tool.
   */
  readonly weak?: boolean;
  /** The variant counts only when this also matches within SAME_ERROR_DISTANCE of it. */
  readonly requires?: RegExp;
  readonly status?: number;
}

export interface Entry {
  readonly id: string;
  /** Higher first when several entries match. */
  readonly specificity: number;
  readonly meaning: string;
  readonly causes: readonly string[];
  readonly findings: readonly FindingCode[];
  /** Variants in order of preference: the first that matched names the wording. */
  readonly variants: readonly Variant[];
  /** Entries this one makes redundant when both match the same error. */
  readonly supersedes?: readonly string[];
  readonly detail?: (matched: string, region: string) => string | null;
}

const F = FindingCode;
const SECURITY_TOKEN_INVALID = /The security token included in the request is invalid\.?/gi;
const SECURITY_TOKEN_EXPIRED = /The security token included in the request is expired\.?/gi;
const SIGNATURE_MISMATCH_MESSAGE =
  /The request signature we calculated does not match the signature you provided\.?(?: Check your AWS Secret Access Key and signing method\.(?: Consult the service documentation for details\.)?)?/gi;

const KEY_FINDINGS: readonly FindingCode[] = [
  F.StaleSessionToken,
  F.ProfileStaleSessionToken,
  F.TemporaryKeyWithoutToken,
  F.SessionTokenWithoutKeys,
  F.SecurityTokenMismatch,
  F.ExampleKeys,
  F.PlaceholderKeys,
  F.MalformedAccessKeyId,
  F.MalformedSecretKey,
  F.UniqueIdAsAccessKey,
];
const SSO_FINDINGS: readonly FindingCode[] = [
  F.SsoTokenExpired,
  F.SsoTokenMissing,
  F.SsoExpiredCachedRoleValid,
  F.SsoTokenExpiring,
  F.SsoTokenTooCloseToRefresh,
  F.SsoSessionNotFound,
  F.SsoIncomplete,
  F.SsoTokenOnlyProfile,
  F.LiveSsoTokenError,
  F.CredentialResolutionFails,
];
const PROFILE_SELECTION_FINDINGS: readonly FindingCode[] = [
  F.ProfileNotFound,
  F.EmptyProfileVariable,
  F.DefaultProfileVariable,
  F.ProfilePrefixInCredentials,
  F.MissingProfilePrefix,
  F.FileVariableMissingFile,
  F.FileVariableNotExpanded,
  F.ByteOrderMark,
  F.DefaultSection,
];
const ROLE_FINDINGS: readonly FindingCode[] = [
  F.SourceProfileMissing,
  F.SourceProfileCycle,
  F.SourceProfileWithoutCredentials,
  F.RoleSourceConflict,
  F.RoleWithoutSource,
  F.UnsupportedCredentialSource,
];
const PROCESS_FINDINGS: readonly FindingCode[] = [
  F.CredentialProcessNotFound,
  F.CredentialProcessShell,
  F.CredentialResolutionFails,
];

/** "Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z (20220127T015928Z - 15 min.)" */
const SIGNATURE_EXPIRED =
  /Signature expired: (\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - (\d+) min\.?\)/gi;
const SIGNATURE_NOT_YET_CURRENT =
  /Signature not yet current: (\d{8}T\d{6}Z) is still later than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) \+ (\d+) min\.?\)/gi;

function amzDate(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

function duration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
}

function skewDetail(matched: string): string | null {
  const behind = new RegExp(SIGNATURE_EXPIRED.source).exec(matched);
  if (behind) {
    const signed = amzDate(behind[1]);
    const server = amzDate(behind[3]);
    if (Number.isNaN(signed) || Number.isNaN(server)) return null;
    return `The request was signed at ${behind[1]}; the service's time was ${behind[3]} and it accepts ${behind[4]} minutes of difference: this machine's clock is about ${duration(server - signed)} behind.`;
  }
  const ahead = new RegExp(SIGNATURE_NOT_YET_CURRENT.source).exec(matched);
  if (ahead) {
    const signed = amzDate(ahead[1]);
    const server = amzDate(ahead[3]);
    if (Number.isNaN(signed) || Number.isNaN(server)) return null;
    return `The request was signed at ${ahead[1]}; the service's time was ${ahead[3]} and it accepts ${ahead[4]} minutes of difference: this machine's clock is about ${duration(signed - server)} ahead.`;
  }
  return null;
}

const CLOCK_CAUSES = [
  "This machine's clock is wrong: a laptop or VM resumed from sleep (WSL 2 is the classic case: `wsl --shutdown`, or `sudo hwclock -s` inside WSL), dual boot with a local-time hardware clock, or no time synchronisation (enable NTP / `timedatectl set-ntp true`).",
  'A frozen process (a Lambda or a container paused between invocations) signs with an old time.',
  'The JavaScript SDK v3 corrects skew by itself from the response Date header (unless AWS_DISABLE_CLOCK_SKEW_CORRECTION is set); botocore and the AWS CLI do not, so the CLI or Python can fail where Node works.',
];

export const CATALOGUE: readonly Entry[] = [
  // ---------------- service-side (§4.1)
  {
    id: 'invalid-client-token-id',
    specificity: 50,
    meaning:
      'AWS does not recognise the credentials that signed the request: the access key id is unknown, deleted or deactivated, or the session token does not belong to that key (or is missing for a temporary ASIA key). The request was sent and rejected; no permission was evaluated.',
    causes: [
      'A session token left over from an earlier MFA or assume-role session (AWS_SESSION_TOKEN in the environment, aws_session_token in the profile) next to different keys, often long-term AKIA keys that take no token.',
      'A temporary ASIA key used without its session token, or a session token without its keys.',
      'The wrong credentials win: environment keys shadow the profile you meant (botocore and the AWS CLI), or AWS_PROFILE wins over environment keys (JavaScript SDK).',
      'The access key was deleted, rotated or deactivated, or the key id is mistyped or pasted with extra characters.',
      'Example or placeholder keys (the key id ending in EXAMPLE from the AWS documentation, "changeme"), or real keys sent to a local emulator configuration by mistake.',
      'A session token from the global STS endpoint (v1 token) used in an opt-in region such as ap-east-1 or me-south-1: use the regional STS endpoint or v2 tokens.',
      'A GovCloud or China key used against the standard partition, or the reverse.',
      'Expired temporary credentials: STS sometimes answers InvalidClientTokenId instead of ExpiredToken.',
    ],
    findings: [
      ...KEY_FINDINGS,
      F.EnvKeysShadowProfile,
      F.LocalEndpointRealKeys,
      F.MixedCredentialTypes,
      F.DefaultProfileVariable,
      F.WhitespaceInValue,
      F.QuotedValue,
      F.InlineComment,
      F.ContinuationLine,
      F.DuplicateKey,
      F.ToolsDisagree,
      F.EnvCredentialsExpired,
      F.ProfileCredentialsExpired,
      F.RegionUnknown,
      F.LiveInvalidClientToken,
    ],
    variants: [
      {
        re: /\bUnrecognizedClientException\b/gi,
        code: 'UnrecognizedClientException',
        wording: 'dynamodb',
        status: 400,
      },
      { re: /\bInvalidClientTokenId\b/gi, code: 'InvalidClientTokenId', wording: 'sts', status: 403 },
      { re: SECURITY_TOKEN_INVALID, code: 'InvalidClientTokenId', wording: 'service-message', status: 403 },
    ],
  },
  {
    id: 's3-invalid-access-key-id',
    specificity: 52,
    meaning: "S3 does not know the access key id that signed the request (S3's form of InvalidClientTokenId).",
    causes: [
      'The access key was deleted, rotated or deactivated, or the key id is mistyped.',
      'The wrong credentials win: environment keys shadow the profile you meant, or the reverse.',
      'A key of another partition (GovCloud, China), or example or placeholder keys.',
    ],
    findings: [
      ...KEY_FINDINGS,
      F.EnvKeysShadowProfile,
      F.LocalEndpointRealKeys,
      F.MixedCredentialTypes,
      F.ToolsDisagree,
      F.LiveInvalidClientToken,
    ],
    variants: [
      { re: /\bInvalidAccessKeyId\b/gi, code: 'InvalidAccessKeyId', wording: 's3', status: 403 },
      {
        re: /The AWS Access Key Id you provided does not exist in our records\.?/gi,
        code: 'InvalidAccessKeyId',
        wording: 's3',
        status: 403,
      },
    ],
  },
  {
    id: 'web-identity-token-expired',
    specificity: 86,
    supersedes: ['expired-token'],
    meaning:
      'STS refused AssumeRoleWithWebIdentity because the web identity (OIDC) token is too old: past its expiry, or issued too long ago ("Token too old"). It is the web identity token that expired, not the AWS session credentials.',
    causes: [
      'The projected service-account token (EKS IRSA, AWS_WEB_IDENTITY_TOKEN_FILE) is stale: the file is no longer refreshed, or was copied out of the pod.',
      'A token obtained once and used later: a CI job that fetched its OIDC token before a long step, or retries that outlived it.',
      'The clock is wrong, so a valid token looks expired.',
    ],
    findings: [F.WebIdentityTokenFileMissing, F.ClockSkew, F.CredentialResolutionFails],
    variants: [
      {
        re: /Token expired: current date\/time.{0,200}?must be before the expiration date\/time ?\d{0,20}/gi,
        code: 'ExpiredTokenException',
        wording: 'sts',
        status: 400,
      },
      {
        re: /\bToken too old\b/gi,
        code: 'ExpiredTokenException',
        wording: 'service-message',
        status: 400,
        requires:
          /ExpiredTokenException|AssumeRoleWithWebIdentity|assume role with (?:OIDC|web identity)|sts\.amazonaws\.com/i,
      },
      {
        re: /\bExpiredTokenException\b.{0,200}?\bAssumeRoleWithWebIdentity\b|\bAssumeRoleWithWebIdentity\b.{0,200}?\bExpiredTokenException\b/gi,
        code: 'ExpiredTokenException',
        wording: 'sts',
        status: 400,
      },
      {
        re: /The web identity token that was passed is expired or is not valid\.?/gi,
        code: 'ExpiredTokenException',
        wording: 'service-message',
        status: 400,
      },
      { re: /\bExpiredTokenException\b/gi, code: 'ExpiredTokenException', wording: 'sts', hint: true },
    ],
  },
  {
    id: 'expired-token',
    specificity: 60,
    meaning:
      'The temporary credentials that signed the request have expired: the session token is past its expiration. AWS recognised them, but no longer accepts them.',
    causes: [
      'An SSO login, assumed role, `aws sts get-session-token` or saml2aws/okta session that ran out (typically after 1 to 12 hours).',
      'A tool wrote temporary keys into ~/.aws/credentials or the environment and nothing refreshes them (x_security_token_expires / AWS_CREDENTIAL_EXPIRATION in the past).',
      'A shell still exports AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN from an earlier session, shadowing the profile that would refresh.',
      "This machine's clock is far ahead.",
    ],
    findings: [
      F.SsoTokenExpired,
      F.SsoExpiredCachedRoleValid,
      F.EnvCredentialsExpired,
      F.ProfileCredentialsExpired,
      F.CredentialsExpiring,
      F.SsoTokenExpiring,
      F.EnvExpirationUnparseable,
      F.StaleSessionToken,
      F.ProfileStaleSessionToken,
      F.EnvKeysShadowProfile,
      F.ClockSkew,
      F.LiveExpiredToken,
    ],
    variants: [
      { re: /\bExpiredTokenException\b/gi, code: 'ExpiredTokenException', wording: 'dynamodb', status: 400 },
      { re: /\bExpiredToken\b/gi, code: 'ExpiredToken', wording: 'sts', status: 403 },
      { re: SECURITY_TOKEN_EXPIRED, code: 'ExpiredToken', wording: 'service-message', status: 403 },
    ],
  },
  {
    id: 'clock-skew-signature-expired',
    specificity: 90,
    supersedes: ['signature-does-not-match'],
    meaning:
      "The request's signature is too old for the service: it was signed with a time well before the service's own. This machine's clock is behind (or the request was held before sending). The credentials themselves may be fine.",
    causes: CLOCK_CAUSES,
    findings: [F.ClockSkew],
    detail: skewDetail,
    variants: [
      { re: SIGNATURE_EXPIRED, code: 'SignatureDoesNotMatch', wording: 'service-message', status: 403 },
      { re: /Signature expired: \S{1,40}/gi, code: 'SignatureDoesNotMatch', wording: 'service-message', status: 403 },
      {
        re: /\bInvalidSignatureException\b/gi,
        code: 'InvalidSignatureException',
        wording: 'dynamodb',
        hint: true,
        status: 400,
      },
      { re: /\bSignatureDoesNotMatch\b/gi, code: 'SignatureDoesNotMatch', wording: 'sts', hint: true, status: 403 },
    ],
  },
  {
    id: 'clock-skew-signature-not-yet-current',
    specificity: 90,
    supersedes: ['signature-does-not-match'],
    meaning:
      "The request's signature is dated in the future for the service: this machine's clock is ahead. The credentials themselves may be fine.",
    causes: CLOCK_CAUSES,
    findings: [F.ClockSkew],
    detail: skewDetail,
    variants: [
      { re: SIGNATURE_NOT_YET_CURRENT, code: 'SignatureDoesNotMatch', wording: 'service-message', status: 403 },
      {
        re: /Signature not yet current: \S{1,40}/gi,
        code: 'SignatureDoesNotMatch',
        wording: 'service-message',
        status: 403,
      },
      {
        re: /\bInvalidSignatureException\b/gi,
        code: 'InvalidSignatureException',
        wording: 'dynamodb',
        hint: true,
        status: 400,
      },
      { re: /\bSignatureDoesNotMatch\b/gi, code: 'SignatureDoesNotMatch', wording: 'sts', hint: true, status: 403 },
    ],
  },
  {
    id: 'request-time-too-skewed',
    specificity: 88,
    meaning:
      "S3 rejected the request because its time stamp is too far from S3's clock (more than 15 minutes): this machine's clock is wrong.",
    causes: CLOCK_CAUSES,
    findings: [F.ClockSkew],
    variants: [
      { re: /\bRequestTimeTooSkewed\b/gi, code: 'RequestTimeTooSkewed', wording: 's3', status: 403 },
      {
        re: /The difference between the request time and the current time is too large\.?/gi,
        code: 'RequestTimeTooSkewed',
        wording: 's3',
        status: 403,
      },
    ],
  },
  {
    id: 'request-expired',
    specificity: 87,
    meaning:
      'The request reached the service too long after its date stamp (or its date stamp is in the future): the clock of this machine is off, or a pre-signed request was used after it expired.',
    causes: [...CLOCK_CAUSES, 'A pre-signed URL or request used after its expiry.'],
    findings: [F.ClockSkew],
    variants: [{ re: /\bRequestExpired\b/gi, code: 'RequestExpired', wording: 'ec2', status: 400 }],
  },
  {
    id: 'signature-does-not-match',
    specificity: 55,
    meaning:
      'AWS knows the access key id but the signature is wrong: the secret access key used to sign does not belong to that key id (or the request was altered on the way).',
    causes: [
      'The secret access key is mistyped or truncated (a lost `/` or `+` is common), or belongs to another key id.',
      'Extra characters in the value: quotes, trailing spaces, an inline `# comment` or a continuation line that botocore keeps in the value while the JavaScript SDK trims it.',
      'Keys of two sources mixed: the key id from one place (environment, profile) and the secret from another.',
      'A proxy or custom HTTP client rewrites the request (headers, path encoding) after signing.',
      'Clock skew, when the message says "Signature expired" or "Signature not yet current".',
    ],
    findings: [
      F.MalformedSecretKey,
      F.WhitespaceInValue,
      F.QuotedValue,
      F.InlineComment,
      F.ContinuationLine,
      F.DuplicateKey,
      F.ExampleKeys,
      F.PlaceholderKeys,
      F.PartialEnvKeys,
      F.EnvKeysShadowProfile,
      F.MixedCredentialTypes,
      F.ToolsDisagree,
      F.ClockSkew,
      F.LiveSignatureMismatch,
    ],
    variants: [
      { re: /\bInvalidSignatureException\b/gi, code: 'InvalidSignatureException', wording: 'dynamodb', status: 400 },
      { re: /\bSignatureDoesNotMatch\b/gi, code: 'SignatureDoesNotMatch', wording: 'sts', status: 403 },
      { re: SIGNATURE_MISMATCH_MESSAGE, code: 'SignatureDoesNotMatch', wording: 'service-message', status: 403 },
    ],
  },
  {
    id: 'missing-authentication-token',
    specificity: 58,
    meaning:
      'The request reached AWS without any signature or credentials. The SDKs normally stop before sending when they find no credentials, so this usually means the client was configured to send unsigned requests, or the URL is not an AWS API endpoint (API Gateway answers this for unknown paths).',
    causes: [
      'The client sends unsigned requests: `--no-sign-request`, `signature_version = UNSIGNED`, or a custom HTTP client.',
      'A wrong URL or path: API Gateway and some endpoints answer MissingAuthenticationToken for a route that does not exist.',
      'DynamoDB Local (the "valid (registered) AWS access key ID or X.509 certificate" wording): since DynamoDB Local 2.0 the access key id may contain only letters and digits; an empty or odd key id is refused.',
      'No credentials were found and the tool sent the request anyway.',
    ],
    findings: [
      F.NoCredentials,
      F.MalformedAccessKeyId,
      F.EmptyValue,
      F.PartialEnvKeys,
      F.LocalEndpointRealKeys,
      F.LiveMissingAuthenticationToken,
      F.LiveNoCredentials,
    ],
    variants: [
      {
        re: /Request must contain either a valid \(registered\) AWS access key ID or X\.509 certificate\.?/gi,
        code: 'MissingAuthenticationToken',
        wording: 'dynamodb-local',
        status: 400,
      },
      {
        re: /\bMissingAuthenticationTokenException\b/gi,
        code: 'MissingAuthenticationTokenException',
        wording: 'dynamodb',
        status: 400,
      },
      { re: /\bMissingAuthenticationToken\b/gi, code: 'MissingAuthenticationToken', wording: 'sts', status: 403 },
      {
        re: /Request is missing Authentication Token\.?/gi,
        code: 'MissingAuthenticationToken',
        wording: 'service-message',
        status: 403,
      },
    ],
  },
  {
    id: 'access-denied',
    specificity: 45,
    meaning:
      'The credentials are valid and AWS knows who you are, but that identity is not allowed to do this: no policy allows the action, or one denies it.',
    causes: [
      'The wrong identity is in use: environment keys override the AWS_PROFILE you meant (botocore, AWS CLI), AWS_PROFILE overrides the environment keys (JavaScript SDK), or AWS_DEFAULT_PROFILE picks another profile (botocore). Check the principal in the message against the identity you expect.',
      'The IAM policy of that identity lacks the action, or a permission boundary, SCP or resource policy denies it.',
      "For sts:AssumeRole: the role's trust policy does not trust this principal, or requires MFA or an external id.",
    ],
    findings: [
      F.EnvKeysShadowProfile,
      F.DefaultProfileVariable,
      F.ToolsDisagree,
      F.MixedCredentialTypes,
      F.IdentityConfirmed,
      F.LiveAccessDenied,
    ],
    variants: [
      { re: /\bAccessDeniedException\b/gi, code: 'AccessDeniedException', wording: 'dynamodb', status: 400 },
      { re: /\bAccessDenied\b/gi, code: 'AccessDenied', wording: 'sts', status: 403 },
      {
        re: /User: \S{1,300} is not authorized to perform: [\w:*-]{1,200}(?: on resource: \S{1,300})?/gi,
        code: 'AccessDenied',
        wording: 'service-message',
        status: 403,
      },
      { re: /\bnot authorized to perform\b/gi, code: 'AccessDenied', wording: 'service-message', status: 403 },
    ],
  },
  {
    id: 'web-identity-access-denied',
    specificity: 85,
    supersedes: ['access-denied'],
    meaning:
      "STS refused AssumeRoleWithWebIdentity: the role's trust policy does not let this web identity (OIDC) token assume it. The token itself was accepted (its issuer is a known identity provider), but its issuer, audience or subject does not satisfy the trust policy, or the role does not exist.",
    causes: [
      "The trust policy's `sub` condition does not match the token: another branch, tag or environment, a pull request, or (GitHub) the immutable subject form `repo:ORG@ID/REPO@ID:…`.",
      "The `aud` condition does not match the token's audience (`sts.amazonaws.com` is the usual one).",
      "The trust policy's principal names the OIDC provider of another account, or the role ARN has a typo.",
    ],
    findings: [F.WebIdentityTokenFileMissing, F.CredentialResolutionFails],
    variants: [
      {
        re: /\bNot authorized to perform:? sts:AssumeRoleWithWebIdentity\b/gi,
        code: 'AccessDenied',
        wording: 'sts',
        status: 403,
      },
    ],
  },
  {
    id: 'credentials-wrong-account',
    specificity: 62,
    meaning:
      'The credentials found belong to another AWS account than the one the command targets: the CDK CLI knows the account of each stack and refuses to deploy it with credentials of another account.',
    causes: [
      'Another profile is in use than the one you meant: environment keys shadow it, AWS_PROFILE or AWS_DEFAULT_PROFILE picks another one, or `--profile` was forgotten.',
      "The stack's `env.account` (or CDK_DEFAULT_ACCOUNT) names another account than the one of your credentials, and no credential plugin or bootstrap trust covers it.",
    ],
    findings: [
      F.EnvKeysShadowProfile,
      F.DefaultProfileVariable,
      F.ToolsDisagree,
      F.MixedCredentialTypes,
      F.IdentityConfirmed,
    ],
    variants: [
      {
        re: /Need to perform AWS calls for account \d{12},? but the current credentials are for \d{12}/gi,
        code: 'AuthenticationError',
        wording: 'cdk',
      },
    ],
  },
  {
    id: 'region-disabled',
    specificity: 80,
    meaning:
      'STS is not activated in the region the request went to: the account has not enabled that opt-in region, or an administrator deactivated regional STS there.',
    causes: [
      'The region (from AWS_REGION, AWS_DEFAULT_REGION or the profile) is an opt-in region the account has not enabled.',
      'Regional STS was deactivated for the account in IAM (Account settings > Security Token Service endpoints).',
      'A typo or a stale region setting picks a region you do not use.',
    ],
    findings: [F.RegionUnknown, F.RegionMalformed, F.RegionVariablesDisagree, F.LiveRegionDisabled],
    variants: [
      { re: /\bRegionDisabledException\b/gi, code: 'RegionDisabledException', wording: 'sts', status: 403 },
      {
        re: /STS is not activated in (?:the requested region|this region)/gi,
        code: 'RegionDisabledException',
        wording: 'service-message',
        status: 403,
      },
    ],
  },
  {
    id: 'invalid-identity-token',
    specificity: 84,
    meaning:
      'STS refused the web identity (OIDC) token of AssumeRoleWithWebIdentity: it is malformed, not signed by a known identity provider, or its issuer is not registered in IAM.',
    causes: [
      'The token file (AWS_WEB_IDENTITY_TOKEN_FILE / web_identity_token_file) holds something else than a current OIDC token (empty, truncated, a different file).',
      "The OIDC provider (the EKS cluster's issuer, GitHub's `https://token.actions.githubusercontent.com`) is not registered as an identity provider in this account, or its thumbprint changed.",
    ],
    findings: [F.WebIdentityTokenFileMissing, F.CredentialResolutionFails],
    variants: [
      { re: /\bInvalidIdentityToken(?:Exception)?\b/gi, code: 'InvalidIdentityToken', wording: 'sts', status: 400 },
      {
        re: /No OpenIDConnect provider found in your account for \S{1,300}/gi,
        code: 'InvalidIdentityToken',
        wording: 'service-message',
        status: 400,
      },
    ],
  },
  {
    id: 'github-oidc-token-unavailable',
    specificity: 86,
    supersedes: ['no-credentials'],
    meaning:
      'The GitHub Actions job got no OIDC token to exchange for AWS credentials: GitHub issues one only to a job whose `permissions:` set `id-token` to `write`. aws-actions/configure-aws-credentials then does not try OIDC at all and looks for keys that are not there.',
    causes: [
      'The workflow or the job does not set the `id-token` permission to `write` (a `permissions:` block that lists other permissions drops it).',
      'A pull request from a fork, or a Dependabot run: GitHub gives these no OIDC token.',
      'A reusable workflow called without the permission, or a job running in a container without the ACTIONS_ID_TOKEN_REQUEST_* variables.',
    ],
    findings: [],
    variants: [
      { re: /Did you mean to set the `id-token` permission\?/gi, code: 'Error', wording: 'github-actions' },
      { re: /Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable/gi, code: 'Error', wording: 'github-actions' },
      { re: /getIDToken call failed/gi, code: 'Error', wording: 'github-actions' },
    ],
  },
  {
    id: 'idp-rejected-claim',
    specificity: 84,
    meaning:
      "STS refused the web identity or SAML assertion's claims: the role's trust policy does not accept this token's audience, subject or issuer.",
    causes: [
      "The role's trust policy conditions (aud, sub: the service account's namespace and name) do not match the token.",
      'The token was issued for another audience (sts.amazonaws.com expected) or another cluster.',
    ],
    findings: [F.WebIdentityTokenFileMissing, F.CredentialResolutionFails],
    variants: [{ re: /\bIDPRejectedClaim(?:Exception)?\b/gi, code: 'IDPRejectedClaim', wording: 'sts', status: 403 }],
  },
  {
    id: 'sso-portal-unauthorized',
    specificity: 78,
    meaning:
      'The IAM Identity Center (SSO) portal rejected the cached SSO access token when the SDK asked for role credentials (GetRoleCredentials): the token is expired, revoked or from another portal.',
    causes: [
      'The SSO session expired or was revoked (sign-out, session limit): run `aws sso login` again.',
      'The token cache belongs to another start URL or region.',
    ],
    findings: SSO_FINDINGS,
    variants: [
      {
        re: /UnauthorizedException\b[:\s]+Session token not found or invalid/gi,
        code: 'UnauthorizedException',
        wording: 'sso',
      },
      { re: /Session token not found or invalid/gi, code: 'UnauthorizedException', wording: 'sso', status: 401 },
      {
        re: /GetRoleCredentials.{0,200}\bUnauthorizedException\b|\bUnauthorizedException\b.{0,200}GetRoleCredentials/gi,
        code: 'UnauthorizedException',
        wording: 'sso',
      },
    ],
  },

  // ---------------- SDK-side: nothing sent (§4.2, §1.8, §1.9, §2.4)
  {
    id: 'no-credentials',
    specificity: 20,
    meaning:
      'The tool found no credentials in any of the places it looks (the environment, the profile in the AWS files, SSO, a container or instance metadata endpoint), and stopped before sending the request. Every SDK says it in its own words, and the tools built on them (Terraform, CDK, Serverless, SAM, Amplify) in theirs. (The JavaScript SDK also says this when a profile exists but cannot produce credentials: every problem in the chain ends in this one message.)',
    causes: [
      'The selected profile does not exist, or exists in the other file or without the `profile ` prefix the config file needs, or with `[profile x]` in the credentials file.',
      'AWS_PROFILE is set together with environment keys: the JavaScript SDK then ignores the keys, even when the profile has no credentials.',
      'Only one of AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY is set, or a key name is mistyped (aws_secret_key, AWS_ACCESS_KEY).',
      'AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE point to a file that does not exist (the JavaScript SDK does not expand $HOME in them).',
      'A role profile whose source_profile is missing, cyclic or without credentials, or a credential_process that fails.',
      'Running where credentials come from instance metadata or a container endpoint, but the endpoint is disabled or unreachable. When the message ends in an instance metadata (IMDS) failure, that is only the last place looked: outside EC2 it means nothing before it gave credentials.',
      'The tool reads fewer files or variables than the AWS CLI: the JavaScript SDK v2 and the Go SDK v1 read ~/.aws/config only with AWS_SDK_LOAD_CONFIG=1; Terraform, CDK and Serverless take the profile from their own setting first.',
    ],
    findings: [
      F.NoCredentials,
      F.CredentialResolutionFails,
      ...PROFILE_SELECTION_FINDINGS,
      F.EnvKeysShadowProfile,
      F.PartialEnvKeys,
      F.UnknownKey,
      ...ROLE_FINDINGS,
      F.CredentialProcessNotFound,
      F.CredentialProcessShell,
      F.WebIdentityTokenFileMissing,
      F.MfaRequiresCallback,
      F.SsoTokenOnlyProfile,
      F.ConfigParseError,
      F.LiveNoCredentials,
    ],
    variants: [
      // Tools that run an SDK, first: their wording names the tool.
      {
        re: /No valid credential sources found for AWS Provider/gi,
        code: 'NoValidCredentialSourcesError',
        wording: 'terraform',
      },
      {
        re: /no valid credential sources for (?:Terraform AWS Provider|S3 Backend|[\w ]{0,40}?\bAWS\b[\w ]{0,40}?) found/gi,
        code: 'NoValidCredentialSourcesError',
        wording: 'terraform',
      },
      { re: /No valid credential sources found/gi, code: 'NoValidCredentialSourcesError', wording: 'terraform' },
      { re: /Unable to resolve AWS account to use/gi, code: 'AuthenticationError', wording: 'cdk' },
      {
        re: /Need to perform AWS calls for account \d{12},? but no credentials have been configured/gi,
        code: 'AuthenticationError',
        wording: 'cdk',
      },
      { re: /Unable to resolve AWS credentials \(setup with "aws configure"\)/gi, code: 'Error', wording: 'cdk' },
      { re: /AWS provider credentials not found/gi, code: 'AWS_CREDENTIALS_NOT_FOUND', wording: 'serverless' },
      {
        re: /AWS credentials missing or invalid\./gi,
        code: 'AWS_CREDENTIALS_MISSING',
        wording: 'serverless',
        weak: true,
      },
      {
        re: /Unable to resolve credentials for the AWS SDK for Python client/gi,
        code: 'NoCredentialsError',
        wording: 'sam-cli',
      },
      {
        re: /AWS Credentials are required\. Please configure your credentials/gi,
        code: 'NoCredentialsError',
        wording: 'sam-cli',
      },
      { re: /AWS access credentials can not be found/gi, code: 'ConfigurationError', wording: 'amplify-cli' },
      {
        re: /unable to validate AWS credentials\. Details:/gi,
        code: 'CheckFailureError',
        wording: 'pulumi',
        weak: true,
      },
      {
        re: /Credentials could not be loaded, please check your action inputs/gi,
        code: 'Error',
        wording: 'github-actions',
        weak: true,
      },
      // The SDKs and the AWS CLI.
      {
        re: /Unable to locate credentials\. You can configure credentials by running "aws configure"\.?/gi,
        code: 'NoCredentialsError',
        wording: 'aws-cli',
      },
      {
        re: /(?:NoCredentialsError: )?Unable to locate credentials\b/gi,
        code: 'NoCredentialsError',
        wording: 'botocore',
      },
      {
        re: /Missing credentials in config(?:, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1)?/gi,
        code: 'CredentialsError',
        wording: 'js-sdk-v2',
      },
      {
        re: /CredentialsError: Could not load credentials from any providers/gi,
        code: 'CredentialsError',
        wording: 'js-sdk-v2',
      },
      {
        re: /Could not load credentials from [A-Z]\w{1,60}Credentials\b/gi,
        code: 'CredentialsError',
        wording: 'js-sdk-v2',
        weak: true,
      },
      {
        re: /(?:CredentialsProviderError: )?Could not load credentials from any providers/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
      },
      {
        re: /NoCredentialProviders: no valid providers in chain/gi,
        code: 'NoCredentialProviders',
        wording: 'go-sdk-v1',
      },
      { re: /EC2RoleRequestError: no EC2 instance role found/gi, code: 'EC2RoleRequestError', wording: 'go-sdk-v1' },
      { re: /no EC2 IMDS role found/gi, code: 'no EC2 IMDS role found', wording: 'go-sdk-v2' },
      {
        re: /failed to sign request: failed to retrieve credentials/gi,
        code: 'SigningError',
        wording: 'go-sdk-v2',
        weak: true,
      },
      {
        re: /get credentials: failed to refresh cached credentials/gi,
        code: 'no credentials',
        wording: 'go-sdk-v2',
        weak: true,
      },
      {
        re: /Unable to load AWS credentials from any provider in the chain/gi,
        code: 'SdkClientException',
        wording: 'java-sdk-v1',
      },
      {
        re: /Unable to load credentials from any of the providers in the chain/gi,
        code: 'SdkClientException',
        wording: 'java-sdk-v2',
      },
      {
        re: /Failed to resolve AWS credentials\. The credential providers used to search for credentials returned the following errors/gi,
        code: 'AmazonClientException',
        wording: 'dotnet-sdk',
      },
      {
        re: /Unable to find credentials Exception 1 of \d{1,3}:/gi,
        code: 'AmazonServiceException',
        wording: 'dotnet-sdk',
      },
      { re: /no providers in chain provided credentials/gi, code: 'CredentialsNotLoaded', wording: 'rust-sdk' },
      { re: /no credentials found in chain\. Attempted:/gi, code: 'CredentialsNotLoaded', wording: 'rust-sdk' },
      { re: /the credential provider was not enabled/gi, code: 'CredentialsNotLoaded', wording: 'rust-sdk' },
    ],
  },
  {
    id: 'profile-credentials-unresolved',
    specificity: 40,
    meaning:
      'The SDK found no usable credentials in the profile: the profile does not exist in the files it reads, or it has none of the keys that make a profile usable (static keys, role_arn with a source, sso_*, credential_process, web_identity_token_file), or its role chain cannot resolve. The JavaScript SDK then moves on and usually ends in "Could not load credentials from any providers"; the Java SDK lists it among the providers it tried.',
    causes: [
      'The profile does not exist under that name for the SDK (`[name]` in config needs `[profile name]`; `[profile name]` in the credentials file is not `name`).',
      'The profile is in ~/.aws/config but the SDK reads only ~/.aws/credentials: the JavaScript SDK v2 and the Go SDK v1 without AWS_SDK_LOAD_CONFIG=1, the Java SDK 1.x.',
      'A key name is mistyped, so the profile has no credentials.',
      'role_arn with both source_profile and credential_source, or a source_profile that is missing or cyclic.',
    ],
    findings: [
      ...PROFILE_SELECTION_FINDINGS,
      F.UnknownKey,
      ...ROLE_FINDINGS,
      F.NoCredentials,
      F.CredentialResolutionFails,
    ],
    variants: [
      {
        re: /Could not resolve credentials using profile: \[[^\]]{0,200}\] in configuration\/credentials file\(s\)\.?/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
      },
      {
        re: /Credentials not set (?:for profile \S{1,200}|in \S{1,300} using profile \S{1,200})/gi,
        code: 'SharedIniFileCredentialsProviderFailure',
        wording: 'js-sdk-v2',
      },
      {
        re: /Profile file contained no credentials for profile '[^']{0,200}'/gi,
        code: 'SdkClientException',
        wording: 'java-sdk-v2',
      },
      {
        re: /SharedCredsAccessKey: shared credentials \S{1,200} in \S{1,300} did not contain aws_access_key_id/gi,
        code: 'SharedCredsAccessKey',
        wording: 'go-sdk-v1',
      },
      {
        re: /profile `[^`]{0,200}` did not contain credential information/gi,
        code: 'ProfileFileError',
        wording: 'rust-sdk',
      },
      {
        re: /Profile configuration for '[^']{0,200}' is invalid: missing/gi,
        code: 'ProfileConfigurationError',
        wording: 'amplify-cli',
      },
      {
        re: /Failed to get profile credentials/gi,
        code: 'ProfileConfigurationError',
        wording: 'amplify-cli',
        weak: true,
      },
    ],
  },
  {
    id: 'profile-not-found',
    specificity: 70,
    meaning:
      'The tool was asked for a profile (AWS_PROFILE, --profile, its own profile setting) that is in none of the files it reads. botocore (boto3, AWS CLI, SAM) and the Go SDK v2 stop there, before looking for any credentials, even when environment keys are set; the other SDKs report it among the sources they tried.',
    causes: [
      'AWS_PROFILE, AWS_DEFAULT_PROFILE or --profile names a profile that does not exist (a typo, or a profile from another machine).',
      'An empty AWS_PROFILE= (botocore reads it as the profile "", shown as "()").',
      'The profile is written `[name]` in the config file, which needs `[profile name]`, or `[profile name]` in the credentials file, which needs `[name]`.',
      'AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE point to other files than the ones you edit.',
      'The profile is only in ~/.aws/config and the tool reads only ~/.aws/credentials (the JavaScript SDK v2 and the Go SDK v1 without AWS_SDK_LOAD_CONFIG=1).',
    ],
    findings: PROFILE_SELECTION_FINDINGS,
    variants: [
      {
        re: /ProfileNotFound: The config profile \([^)]{0,200}\) could not be found/gi,
        code: 'ProfileNotFound',
        wording: 'botocore',
      },
      { re: /The config profile \([^)]{0,200}\) could not be found/gi, code: 'ProfileNotFound', wording: 'aws-cli' },
      { re: /the provided AWS name profile '[^']{0,200}' is not found/gi, code: 'ProfileNotFound', wording: 'sam-cli' },
      {
        re: /Profile configuration is missing for: \S{1,200}/gi,
        code: 'ProfileConfigurationError',
        wording: 'amplify-cli',
      },
      {
        re: /failed to get shared config profile, \S{1,200}/gi,
        code: 'SharedConfigProfileNotExistError',
        wording: 'go-sdk-v2',
      },
      {
        re: /SharedConfigProfileNotExistsError: failed to get profile, \S{1,200}/gi,
        code: 'SharedConfigProfileNotExistsError',
        wording: 'go-sdk-v1',
      },
      {
        re: /\bProfile \S{1,200} not found(?: in \S{1,300})?/gi,
        code: 'SharedIniFileCredentialsProviderFailure',
        wording: 'js-sdk-v2',
        requires:
          /CredentialsProviderFailure|SharedIniFileCredentials|CredentialsError|SSOTokenProviderFailure|aws-sdk|\.aws\/credentials|\.aws\/config/i,
      },
      { re: /No AWS profile named '[^']{0,200}'/gi, code: 'IllegalArgumentException', wording: 'java-sdk-v1' },
      {
        re: /Unable to find the '[^']{0,200}' profile in CredentialProfileStoreChain/gi,
        code: 'AmazonClientException',
        wording: 'dotnet-sdk',
      },
      { re: /profile `[^`]{0,200}` was not defined/gi, code: 'ProfileFileError', wording: 'rust-sdk' },
    ],
  },
  {
    id: 'sso-session-expired',
    specificity: 76,
    meaning:
      'The SSO (IAM Identity Center) login this profile uses has expired: the token in ~/.aws/sso/cache is past its expiresAt, or the portal rejected it. (The JavaScript SDK v3 says it this way for a legacy SSO profile, without sso_session; botocore, the AWS CLI and the Go and Java SDKs for both kinds.)',
    causes: [
      'The SSO session ran out (usually 8 to 12 hours after `aws sso login`): run `aws sso login --profile <profile>`.',
      'The clock is far ahead.',
    ],
    findings: SSO_FINDINGS,
    variants: [
      {
        re: /(?:UnauthorizedSSOTokenError: )?The SSO session associated with this profile has expired or is otherwise invalid\.?(?: To refresh this SSO session run aws sso login with the corresponding profile\.?)?/gi,
        code: 'UnauthorizedSSOTokenError',
        wording: 'botocore',
      },
      {
        re: /The SSO session associated with this profile has expired\.(?: To refresh this SSO session run aws sso login with the corresponding profile\.?)?/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
      },
      {
        re: /(?:SSOTokenLoadError: )?Error loading SSO Token: The SSO access token has either expired or is otherwise invalid\.?/gi,
        code: 'SSOTokenLoadError',
        wording: 'botocore',
      },
      {
        re: /SSOProviderInvalidToken: the SSO session has expired or is invalid/gi,
        code: 'SSOProviderInvalidToken',
        wording: 'go-sdk-v1',
      },
      { re: /the SSO session has expired or is invalid/gi, code: 'InvalidTokenError', wording: 'go-sdk-v2' },
    ],
  },
  {
    id: 'sso-session-invalid',
    specificity: 75,
    meaning:
      'The JavaScript SDK found no usable SSO token for this legacy SSO profile: the token cache file for its sso_start_url is missing or unreadable (never logged in on this machine, or logged in with another start URL).',
    causes: [
      'No `aws sso login` for this start URL on this machine (or the cache was cleared).',
      'The sso_start_url differs from the one used at login (a trailing slash or #/ counts).',
    ],
    findings: SSO_FINDINGS,
    variants: [
      {
        re: /The SSO session associated with this profile is invalid\.(?: To refresh this SSO session run aws sso login with the corresponding profile\.?)?/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
      },
    ],
  },
  {
    id: 'sso-token-not-found',
    specificity: 76,
    meaning:
      "There is no SSO token in ~/.aws/sso/cache for this profile's sso-session (or start URL): nobody ran `aws sso login` for it on this machine, or the cache was cleared.",
    causes: [
      'Never logged in with this sso-session on this machine: run `aws sso login --profile <profile>` (or `--sso-session <name>`).',
      'The sso-session was renamed: the cache file is named after the session name.',
    ],
    findings: SSO_FINDINGS,
    variants: [
      {
        re: /(?:SSOTokenLoadError: )?Error loading SSO Token: Token for .{1,200}? does not exist/gi,
        code: 'SSOTokenLoadError',
        wording: 'botocore',
      },
      {
        re: /The SSO session token associated with profile=[^\s.]{1,200} was not found or is invalid\.(?: To refresh this SSO session run 'aws sso login' with the corresponding profile\.?)?/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
      },
    ],
  },
  {
    id: 'sso-token-refresh-impossible',
    specificity: 77,
    meaning:
      'The JavaScript SDK wanted to refresh the sso-session token (it is expired or has less than 5 minutes left) but the cached token has no client registration (clientId) to refresh with. This also fires for a token that is still valid but within 5 minutes of expiry.',
    causes: [
      'The SSO token expired or is about to: run `aws sso login --profile <profile>`.',
      'The token was written by an old AWS CLI or another tool that does not store clientId/clientSecret/refreshToken.',
    ],
    findings: SSO_FINDINGS,
    variants: [
      {
        re: /Value not present for 'clientId' in SSO Token\. Cannot refresh\.(?: To refresh this SSO session run 'aws sso login' with the corresponding profile\.?)?/gi,
        code: 'TokenProviderError',
        wording: 'js-sdk',
      },
    ],
  },
  {
    id: 'sso-token-expired-refresh-failed',
    specificity: 77,
    meaning:
      'The sso-session token has expired and could not be refreshed (the refresh token or the client registration expired, or the refresh was refused).',
    causes: [
      'The SSO session ran out and its refresh window too: run `aws sso login --profile <profile>`.',
      'The client registration in the cache (registrationExpiresAt) expired.',
    ],
    findings: SSO_FINDINGS,
    variants: [
      {
        re: /(?:TokenRetrievalError: )?Error when retrieving token from sso: Token has expired and refresh failed/gi,
        code: 'TokenRetrievalError',
        wording: 'botocore',
      },
      {
        re: /Token is expired\. To refresh this SSO session run 'aws sso login' with the corresponding profile\.?/gi,
        code: 'TokenProviderError',
        wording: 'js-sdk',
      },
      {
        re: /SSO Token refresh failed\. Please log in using "aws sso login"/gi,
        code: 'SSOTokenProviderFailure',
        wording: 'js-sdk-v2',
      },
      {
        re: /refresh cached SSO token failed, unable to refresh SSO token/gi,
        code: 'refresh cached SSO token failed',
        wording: 'go-sdk-v2',
      },
      {
        re: /cached SSO token is expired, or not present, and cannot be refreshed/gi,
        code: 'cached SSO token is expired',
        wording: 'go-sdk-v1',
      },
    ],
  },
  {
    id: 'sso-profile-incomplete',
    specificity: 74,
    meaning:
      'An SSO profile lacks settings every SDK needs: sso_start_url, sso_region, sso_account_id and sso_role_name (directly or through its [sso-session]).',
    causes: [
      'A key is missing or misspelled in the profile or its [sso-session] section.',
      'A "token-only" profile (just sso_session, for `aws sso login`) used to get credentials: the JavaScript SDK refuses it.',
    ],
    findings: [F.SsoIncomplete, F.SsoTokenOnlyProfile, F.SsoSessionNotFound, F.CredentialResolutionFails],
    variants: [
      {
        re: /(?:InvalidConfigError: )?The profile "[^"]{0,200}" is configured to use SSO but is missing required configuration: [\w, ]{1,200}/gi,
        code: 'InvalidConfigError',
        wording: 'botocore',
      },
      {
        re: /Profile is configured with invalid SSO credentials\. Required parameters "sso_account_id", "sso_region", "sso_role_name", "sso_start_url"\.(?: Got [\w, ]{0,200})?/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
      },
      {
        re: /Sso session '[^']{0,200}' is missing required property '\w+'\.?/gi,
        code: 'TokenProviderError',
        wording: 'js-sdk',
      },
    ],
  },
  {
    id: 'sso-session-not-found',
    specificity: 79,
    meaning: "The profile's sso_session names an [sso-session NAME] section that does not exist in the config file.",
    causes: [
      'A typo in sso_session or in the section header.',
      'The [sso-session] section is in another config file (AWS_CONFIG_FILE) or was written `[profile NAME]`.',
    ],
    findings: [F.SsoSessionNotFound, F.SsoIncomplete, F.CredentialResolutionFails],
    variants: [
      {
        re: /The specified sso-session does not exist: "[^"]{0,200}"/gi,
        code: 'InvalidConfigError',
        wording: 'botocore',
      },
      {
        re: /Cannot read propert(?:y|ies) of undefined \(reading 'sso_(?:region|start_url)'\)/gi,
        code: 'TypeError',
        wording: 'js-sdk',
      },
    ],
  },
  {
    id: 'sso-session-inconsistent',
    specificity: 74,
    meaning: 'A profile sets sso_start_url or sso_region to a different value than its [sso-session] section.',
    causes: [
      'The profile keeps legacy sso_start_url/sso_region keys next to sso_session: remove them from the profile.',
    ],
    findings: [F.SsoIncomplete, F.CredentialResolutionFails],
    variants: [
      {
        re: /The value for \w+ is inconsistent between profile \([^)]{0,200}\) and sso-session \([^)]{0,200}\)\.?/gi,
        code: 'InvalidConfigError',
        wording: 'botocore',
      },
      {
        re: /Conflicting SSO (?:region|start_url) configurations in profile \S{1,200} and sso-session \S{1,200}/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
      },
    ],
  },
  {
    id: 'region-missing',
    specificity: 65,
    meaning:
      'No region is configured for the client, so the tool does not know which endpoint to call (nothing was sent).',
    causes: [
      'Neither the profile (`region =`) nor the environment sets a region. The JavaScript SDK reads only AWS_REGION, botocore only AWS_DEFAULT_REGION, the AWS CLI v2 both.',
      'The region is written in a section the tool does not read as this profile (`[dev]` instead of `[profile dev]` in the config file).',
      'A custom endpoint (AWS_ENDPOINT_URL) without a region: the SDK still needs one to sign.',
      'The tool reads other variables or files: the Java SDKs and the JavaScript SDK v3 read AWS_REGION only; the JavaScript SDK v2 and the Go SDK v1 read the region of ~/.aws/config only with AWS_SDK_LOAD_CONFIG=1; Terraform, SAM and CDK take their own `region` setting first.',
    ],
    findings: [
      F.RegionMissing,
      F.RegionVariablesDisagree,
      F.EndpointWithoutRegion,
      F.MissingProfilePrefix,
      F.ProfileNotFound,
      F.ProfilePrefixInCredentials,
    ],
    variants: [
      {
        re: /You must specify a region\. You can also configure your region by running "aws configure"\.?/gi,
        code: 'NoRegionError',
        wording: 'aws-cli',
      },
      { re: /(?:NoRegionError: )?You must specify a region\.?/gi, code: 'NoRegionError', wording: 'botocore' },
      { re: /Region is missing/gi, code: 'Error', wording: 'js-sdk' },
      {
        re: /No region information found\. Please provide --region parameter/gi,
        code: 'RegionError',
        wording: 'sam-cli',
      },
      {
        re: /Unable to resolve a region\. Please provide a region via the --region parameter/gi,
        code: 'RegionError',
        wording: 'sam-cli',
      },
      { re: /Missing region in config/gi, code: 'ConfigError', wording: 'js-sdk-v2' },
      { re: /MissingRegion: could not find region configuration/gi, code: 'MissingRegion', wording: 'go-sdk-v1' },
      { re: /an AWS region is required, but was not found/gi, code: 'MissingRegionError', wording: 'go-sdk-v2' },
      {
        re: /Invalid Configuration: Missing Region/gi,
        code: 'Invalid Configuration: Missing Region',
        wording: 'service-message',
      },
      {
        re: /Unable to find a region via the region provider chain/gi,
        code: 'SdkClientException',
        wording: 'java-sdk-v1',
      },
      {
        re: /Unable to load region from any of the providers in the chain/gi,
        code: 'SdkClientException',
        wording: 'java-sdk-v2',
      },
      { re: /No RegionEndpoint or ServiceURL configured/gi, code: 'AmazonClientException', wording: 'dotnet-sdk' },
    ],
  },
  {
    id: 'region-invalid',
    specificity: 66,
    meaning:
      'The configured region is not a valid region name (it has spaces, quotes, a comment or other characters no endpoint can contain).',
    causes: [
      'Quotes, a trailing inline comment (botocore keeps `# …` in the value) or stray spaces around the region in the file or the environment.',
      'A typo (us-east1, useast-1) or a display name ("US East (N. Virginia)") instead of a region code.',
    ],
    findings: [
      F.RegionMalformed,
      F.RegionUnknown,
      F.WhitespaceInValue,
      F.QuotedValue,
      F.InlineComment,
      F.RegionVariablesDisagree,
    ],
    variants: [
      {
        re: /(?:InvalidRegionError: )?Provided region_name '[^']{0,200}' doesn't match a supported format\.?/gi,
        code: 'InvalidRegionError',
        wording: 'botocore',
      },
      {
        re: /Region not accepted: region="[^"]{0,200}" is not a valid hostname component\.?/gi,
        code: 'Error',
        wording: 'js-sdk',
      },
    ],
  },
  {
    id: 'config-parse-error',
    specificity: 72,
    meaning:
      'The tool cannot parse one of the AWS files and stops before doing anything else. botocore (boto3, both AWS CLIs, SAM) stops even when environment keys are set; the Go and Rust SDKs stop on a line they cannot read; the JavaScript SDK silently skips the lines it does not understand.',
    causes: [
      'A section defined twice ([default] twice, or [profile x] twice), or a key repeated in one section.',
      'A line before the first [section] header, an indented line taken as a continuation, or a line without `=`.',
      'A byte order mark or invalid UTF-8 (a file saved by a Windows editor).',
    ],
    findings: [
      F.ConfigParseError,
      F.DuplicateSection,
      F.DefaultProfileTwice,
      F.DuplicateKey,
      F.ContinuationLine,
      F.ByteOrderMark,
      F.DefaultSection,
      F.ColonDelimiter,
    ],
    variants: [
      {
        re: /ConfigParseError: Unable to parse config file: \S{1,300}/gi,
        code: 'ConfigParseError',
        wording: 'botocore',
      },
      { re: /Unable to parse config file: \S{1,300}/gi, code: 'ConfigParseError', wording: 'aws-cli' },
      {
        re: /(?:configparser\.)?MissingSectionHeaderError: File contains no section headers\./gi,
        code: 'MissingSectionHeaderError',
        wording: 'python-configparser',
      },
      {
        re: /(?:configparser\.)?DuplicateSectionError: .{0,300}?section '[^']{0,200}' already exists/gi,
        code: 'DuplicateSectionError',
        wording: 'python-configparser',
      },
      {
        re: /(?:configparser\.)?DuplicateOptionError: .{0,300}?option '[^']{0,200}' in section '[^']{0,200}' already exists/gi,
        code: 'DuplicateOptionError',
        wording: 'python-configparser',
      },
      {
        re: /(?:configparser\.)?ParsingError: Source contains parsing errors: \S{1,300}/gi,
        code: 'ParsingError',
        wording: 'python-configparser',
      },
      { re: /failed to load shared config file, \S{1,300}/gi, code: 'SharedConfigLoadError', wording: 'go-sdk-v2' },
      {
        re: /SharedConfigLoadError: failed to load config file, \S{1,300}/gi,
        code: 'SharedConfigLoadError',
        wording: 'go-sdk-v1',
      },
      { re: /\bINIParseError: \S{1,40}/gi, code: 'INIParseError', wording: 'go-sdk-v1' },
      { re: /could not parse profile file/gi, code: 'EnvConfigFileLoadError', wording: 'rust-sdk' },
    ],
  },
  {
    id: 'partial-credentials',
    specificity: 68,
    meaning:
      'botocore found part of a set of credentials (an access key id without its secret, or a role without its source) and stops: it does not fall back to other sources. The JavaScript SDK skips such a source silently.',
    causes: [
      'AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY (or the reverse), e.g. an unset that removed only one of them.',
      'aws_access_key_id without aws_secret_access_key in the profile, or a misspelled key name.',
      'A role_arn without source_profile or credential_source ("missing: source_profile or credential_source").',
    ],
    findings: [
      F.PartialEnvKeys,
      F.RoleWithoutSource,
      F.EmptyValue,
      F.UnknownKey,
      F.DuplicateKey,
      F.CredentialResolutionFails,
    ],
    variants: [
      {
        re: /(?:PartialCredentialsError: )?Partial credentials found in [\w-]{1,60}, missing: [\w ,]{1,80}/gi,
        code: 'PartialCredentialsError',
        wording: 'botocore',
      },
    ],
  },
  {
    id: 'mfa-required',
    specificity: 74,
    meaning:
      'The profile assumes a role with mfa_serial, so an MFA code is needed. The JavaScript SDK needs an mfaCodeProvider callback in code and fails without one; botocore and the AWS CLI prompt on the terminal (which hangs or fails when there is none).',
    causes: [
      'The program uses the default credential chain without `mfaCodeProvider`: pass one to fromIni(), or get the role credentials outside (aws-vault, `aws configure export-credentials`).',
      'A non-interactive run (CI, an editor extension) of a profile that needs MFA.',
    ],
    findings: [F.MfaRequiresCallback, F.CredentialResolutionFails],
    variants: [
      {
        re: /Profile \S{1,200} requires multi-factor authentication, but no MFA code callback was provided\.?/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
      },
      { re: /Enter MFA code for \S{1,300}?:/gi, code: 'MFA prompt', wording: 'botocore' },
    ],
  },
  {
    id: 'credential-process-failed',
    specificity: 73,
    meaning:
      'The program named by credential_process exited with an error (its stderr follows the message). The JavaScript SDK runs the line through a shell, botocore and the AWS CLI split it themselves and run it without a shell.',
    causes: [
      'The helper itself failed: not logged in (`… login` first), network, a locked keychain.',
      'The program is not found or not executable (PATH differs in editors and CI), or relies on shell syntax ($VAR, ~, pipes) that botocore does not interpret.',
    ],
    findings: PROCESS_FINDINGS,
    variants: [
      {
        re: /(?:CredentialRetrievalError: )?Error when retrieving credentials from custom-process:/gi,
        code: 'CredentialRetrievalError',
        wording: 'botocore',
      },
      {
        re: /Command failed: \S{1,300}/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
        requires:
          /credential_process|credential-process|credential-provider-process|fromProcess|CredentialsProviderError/i,
      },
    ],
  },
  {
    id: 'credential-process-bad-version',
    specificity: 74,
    meaning:
      'The credential_process program printed JSON without `"Version": 1` (the number 1), which every SDK requires.',
    causes: [
      'The helper prints another format (an old version, or `aws configure export-credentials` without `--format process`).',
      'Version is a string ("1") instead of the number 1.',
    ],
    findings: PROCESS_FINDINGS,
    variants: [
      {
        re: /Profile \S{1,200} credential_process did not return Version 1\.?/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
      },
      {
        re: /Unsupported version '[^']{0,200}' for credential process provider, supported versions: 1/gi,
        code: 'CredentialRetrievalError',
        wording: 'botocore',
      },
    ],
  },
  {
    id: 'credential-process-invalid-output',
    specificity: 74,
    meaning:
      'The credential_process program printed something that is not valid credentials JSON (not JSON at all, or without AccessKeyId/SecretAccessKey).',
    causes: [
      'The helper printed a prompt, a warning or a log line on stdout (only the JSON may go to stdout).',
      'A key is missing or misnamed in its output (AccessKeyId, SecretAccessKey, SessionToken, Expiration).',
    ],
    findings: PROCESS_FINDINGS,
    variants: [
      {
        re: /Profile \S{1,200} credential_process returned invalid (?:credentials|JSON)\.?/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
      },
      { re: /Missing required key in response: '\w+'/gi, code: 'CredentialRetrievalError', wording: 'botocore' },
      {
        re: /JSONDecodeError: Expecting value: line \d+ column \d+ \(char \d+\)/gi,
        code: 'JSONDecodeError',
        wording: 'botocore',
        requires: /credential[_-]process|custom-process|ProcessProvider/i,
      },
    ],
  },
  {
    id: 'credential-process-expired',
    specificity: 74,
    meaning: 'The credential_process program returned credentials whose Expiration is already past.',
    causes: ['The helper returns cached credentials without refreshing them.', "This machine's clock is ahead."],
    findings: [...PROCESS_FINDINGS, F.ClockSkew],
    variants: [
      {
        re: /Profile \S{1,200} credential_process returned expired credentials\.?/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
      },
    ],
  },
  {
    id: 'refreshed-credentials-still-expired',
    specificity: 71,
    meaning:
      'botocore refreshed credentials that carry an expiration (AWS_CREDENTIAL_EXPIRATION, a credential_process Expiration) and they are still expired, so it refuses to sign. The JavaScript SDK would send the request anyway and get ExpiredToken.',
    causes: [
      'AWS_CREDENTIAL_EXPIRATION is in the past: the environment holds an old session (re-export fresh credentials or unset them).',
      'A credential_process helper returns stale credentials.',
      "This machine's clock is ahead.",
    ],
    findings: [
      F.EnvCredentialsExpired,
      F.ProfileCredentialsExpired,
      F.CredentialsExpiring,
      ...PROCESS_FINDINGS,
      F.ClockSkew,
    ],
    variants: [
      {
        re: /Credentials were refreshed, but the refreshed credentials are still expired\.?/gi,
        code: 'RuntimeError',
        wording: 'botocore',
      },
    ],
  },
  {
    id: 'credential-expiration-unparseable',
    specificity: 69,
    meaning:
      'botocore cannot read the expiration time of the credentials (AWS_CREDENTIAL_EXPIRATION or a credential_process Expiration is not an ISO 8601 date).',
    causes: [
      'AWS_CREDENTIAL_EXPIRATION holds something else than a date (e.g. a duration or an epoch in the wrong unit).',
    ],
    findings: [F.EnvExpirationUnparseable, F.CredentialResolutionFails],
    variants: [{ re: /ParserError: Unknown string format: \S{1,100}/gi, code: 'ParserError', wording: 'botocore' }],
  },
  {
    id: 'role-source-conflict',
    specificity: 75,
    meaning:
      'A role profile sets both source_profile and credential_source; they exclude each other. botocore refuses the profile; the JavaScript SDK does not treat it as a role profile at all.',
    causes: ['Keep only one of source_profile and credential_source.'],
    findings: [F.RoleSourceConflict, F.CredentialResolutionFails],
    variants: [
      {
        re: /(?:InvalidConfigError: )?The profile "[^"]{0,200}" contains both source_profile and credential_source\.?/gi,
        code: 'InvalidConfigError',
        wording: 'botocore',
      },
    ],
  },
  {
    id: 'source-profile-missing',
    specificity: 75,
    meaning: "A role profile's source_profile names a profile that does not exist.",
    causes: [
      'A typo in source_profile, or the source profile is in a section the tool does not read as a profile (`[name]` in config, `[profile name]` in credentials).',
    ],
    findings: [
      F.SourceProfileMissing,
      F.ProfilePrefixInCredentials,
      F.MissingProfilePrefix,
      F.CredentialResolutionFails,
    ],
    variants: [
      {
        re: /(?:InvalidConfigError: )?The source_profile "[^"]{0,200}" referenced in the profile "[^"]{0,200}" does not exist\.?/gi,
        code: 'InvalidConfigError',
        wording: 'botocore',
      },
    ],
  },
  {
    id: 'source-profile-without-credentials',
    specificity: 75,
    meaning: "A role profile's source_profile exists but has no credentials to call sts:AssumeRole with.",
    causes: [
      'The source profile lost its keys or has a key name misspelled.',
      'The source profile is itself incomplete (a role without a source).',
    ],
    findings: [F.SourceProfileWithoutCredentials, F.UnknownKey, F.CredentialResolutionFails],
    variants: [
      {
        re: /(?:InvalidConfigError: )?The source profile "[^"]{0,200}" must have credentials\.?/gi,
        code: 'InvalidConfigError',
        wording: 'botocore',
      },
    ],
  },
  {
    id: 'source-profile-cycle',
    specificity: 75,
    meaning: 'Role profiles refer to each other through source_profile in a loop.',
    causes: ['A chain A → B → A, or a role profile that names itself as source_profile without having static keys.'],
    findings: [F.SourceProfileCycle, F.CredentialResolutionFails],
    variants: [
      {
        re: /(?:InfiniteLoopConfigError: )?Infinite loop in credential configuration detected\./gi,
        code: 'InfiniteLoopConfigError',
        wording: 'botocore',
      },
      {
        re: /Detected a cycle attempting to resolve credentials for profile \S{1,200}/gi,
        code: 'CredentialsProviderError',
        wording: 'js-sdk',
      },
    ],
  },
  {
    id: 'credential-source-invalid',
    specificity: 75,
    meaning: 'credential_source must be exactly Environment, EcsContainer or Ec2InstanceMetadata (case matters).',
    causes: ['A different case ("environment") or a typo.'],
    findings: [F.UnsupportedCredentialSource, F.CredentialResolutionFails],
    variants: [
      {
        re: /(?:InvalidConfigError: )?The credential source "[^"]{0,200}" referenced in profile "[^"]{0,200}" is not valid\.?/gi,
        code: 'InvalidConfigError',
        wording: 'botocore',
      },
    ],
  },
  {
    id: 'credential-source-empty',
    specificity: 74,
    meaning:
      "The role profile's credential_source found no credentials (no environment keys, no container or instance metadata endpoint).",
    causes: [
      'credential_source = Environment but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set.',
      'EcsContainer or Ec2InstanceMetadata used outside ECS or EC2.',
    ],
    findings: [F.UnsupportedCredentialSource, F.PartialEnvKeys, F.NoCredentials, F.CredentialResolutionFails],
    variants: [
      {
        re: /No credentials found in credential_source referenced in profile \S{1,200}/gi,
        code: 'CredentialRetrievalError',
        wording: 'botocore',
      },
    ],
  },
  {
    id: 'multiple-credential-sources',
    specificity: 10,
    meaning:
      'A warning of the JavaScript SDK: AWS_PROFILE and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are both set. The JavaScript SDK uses the profile and ignores the keys; botocore and the AWS CLI do the opposite and use the keys. The same machine talks to AWS as two identities.',
    causes: [
      'Keys exported in the shell (or by a tool like aws-vault, saml2aws) while AWS_PROFILE is also set: unset one of the two.',
    ],
    findings: [F.EnvKeysShadowProfile, F.ToolsDisagree],
    variants: [
      {
        re: /Multiple credential sources detected:?(?:\s*Both AWS_PROFILE and the pair AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY static credentials are set\.?)?/gi,
        code: 'Warning',
        wording: 'js-sdk',
      },
    ],
  },
];
