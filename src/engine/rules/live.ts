/**
 * The live check's codes (IDENTITY_CONFIRMED, LIVE_*, CLOCK_SKEW): their docs, severities and
 * message templates. No rule reports them: src/live/classify.ts turns the outcome of the STS call
 * into one of them with liveFinding(), from the templates declared here. The sentence fragments
 * below are the few parts of a message passed as data because their variants multiply (the stage
 * an error came from, optional sentences); fragment() renders them, typed on their placeholders.
 */
import type { Finding } from '../findings/findings';
import type { MessageData } from '../core/messages';
import { renderMessage } from '../core/messages';
import type { Reported } from './kit';
import { declareCodes, reported } from './kit';

const LIVE_OUTCOME =
  'An outcome of the live STS call (`--live`): what STS answered is the claim itself, not a prediction about the local tools (test/live runs the live check against moto).';

// Parts shared by several templates of one code (each template stays a whole message).
const CONFIRMS = 'STS GetCallerIdentity confirms the credentials the JavaScript SDK resolves';
const CONFIRMED = ': account {account}, {arn} (user id {userId}), access key {keyId}, endpoint {endpoint} in {region}.';
const SHARED = ' {tools} resolve the same credentials (profile "{sharedProfile}").';
const REJECTED = 'AWS rejected the access key {keyId} {where} ({what})';
const UNEXPLAINED =
  ' Nothing on this machine explains it, so the key itself is not valid where it was sent. Usual causes: the key was deleted, deactivated or rotated (check it in IAM, or `aws iam list-access-keys` from a working identity); it belongs to another account or partition (GovCloud, China) than the endpoint {endpoint}; a session token from the global STS endpoint (a v1 token) used in an opt-in region such as {region} — use regional STS endpoints or set the global endpoint token version to v2 in IAM account settings; or an ASIA key sent with a session token that belongs to another key.';
const EXPIRED = 'The temporary credentials the JavaScript SDK resolves';
const EXPIRED_ANSWER = ' have expired: AWS answered {where} ({what}).';
const KNOWN_EXPIRY = ' The engine reads their expiry as {expiry} ({expiryFrom}).';
const NO_EXPIRY = ' No expiry is recorded on this machine for them.';
const REFRESH_ENV =
  ' Refresh the environment variables (re-run what exported them: aws sts get-session-token, saml2aws, aws-vault, aws configure export-credentials) or unset them. A clock far ahead gives the same error.';
const REFRESH_FILE =
  ' Temporary keys are written into a file no SDK refreshes: re-run the tool that wrote them, or replace them. A clock far ahead gives the same error.';
const REFRESH_OTHER = ' Log in again or re-run what issued them. A clock far ahead gives the same error.';
const MISMATCH =
  'AWS knows the access key {keyId} but the signature does not match {where} ({what}): the secret access key is wrong for it — mistyped or truncated (often around a / or +), quoted, with whitespace or an inline comment in the value, or the secret of another key.';
const SECRET_IN_FILE = ' The secret is on line {line} of {file} (profile "{profile}").';
const SECRET_IN_ENV = ' The secret comes from {variable}.';
const FOUND = ' Found on this machine: {causes}';
const NO_CREDENTIALS = 'The JavaScript SDK\'s credential chain found no usable credentials (profile "{profile}"';
const TRACE = " The chain's own trace names the cause: {trace}";
const NO_TRACE =
  ' No environment keys, no credentials for the profile in the config or credentials file, no credential_process, web identity or container credentials.';
const NOT_STS = '{endpoint} did not answer like STS. ';
const NOT_STS_END =
  " Something else answered in STS's place — a captive portal (hotel or airport Wi-Fi), a proxy, or an endpoint override (--endpoint-url, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, endpoint_url) pointing at another service. Nothing is known about the credentials.";
const RESOLVING = 'The JavaScript SDK could not finish resolving credentials';
const RESOLVING_END =
  "; the chain's own network calls (SSO portal, STS AssumeRole, container endpoint) or a slow credential_process did not answer. STS was not called.";
const UNREACHABLE = 'STS could not be reached at {endpoint}';
const UNREACHABLE_END =
  '. Nothing is known about the credentials. Check the network, a proxy (HTTPS_PROXY), or the endpoint override (--endpoint-url, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, endpoint_url).';
const SKEW = "This machine's clock is {minutes} minutes";
const SKEW_DATE = " AWS (the STS response's Date header says {serverDate}).";
const REFUSED = ' STS refused the request: "{refusal}".';
const SKEW_END =
  ' Requests are signed with the local time and AWS accepts only a few minutes of difference. The JavaScript SDK corrects skew itself: it takes the offset from the Date header of an AWS response and, when it is 4 minutes or more, retries with the corrected time (unless AWS_DISABLE_CLOCK_SKEW_CORRECTION is set). botocore (boto3, AWS CLI v1) and AWS CLI v2 do not, and fail with "Signature expired" (clock behind) or "Signature not yet current" (clock ahead). Synchronise the clock: `sudo hwclock -s` or `sudo ntpdate pool.ntp.org` (or enable NTP: `sudo timedatectl set-ntp true`); on WSL, after the laptop slept, run `wsl --shutdown` from Windows or `sudo hwclock -s` inside WSL.';

/** Why an answer is not STS GetCallerIdentity's: the NotAnStsResponse error's message, and the middle of LIVE_NETWORK_ERROR's. */
export const NOT_STS_REASONS = {
  tooLarge: 'The response body ({response}) is larger than any STS answer: reading stopped after {maxBodyBytes} bytes.',
  unreadable: "The answer ({response}) could not be read as STS GetCallerIdentity's: {errorCode}: {error}",
  malformed: 'The answer ({response}) is not an STS GetCallerIdentity result: {problems}.',
} as const;

export const LIVE_CODES = declareCodes({
  IDENTITY_CONFIRMED: {
    severity: 'info',
    cause: 'The live check reached STS: account and ARN confirmed.',
    fix: '—',
    untestable: LIVE_OUTCOME,
    messages: {
      confirmed: `${CONFIRMS} (profile "{profile}", {source})${CONFIRMED}`,
      confirmedShared: `${CONFIRMS} (profile "{profile}", {source})${CONFIRMED}${SHARED}`,
      confirmedEnv: `${CONFIRMS} (profile "{profile}", environment variables)${CONFIRMED}`,
      confirmedEnvShared: `${CONFIRMS} (profile "{profile}", environment variables)${CONFIRMED}${SHARED}`,
    },
  },
  LIVE_INVALID_CLIENT_TOKEN: {
    severity: 'error',
    cause: 'STS: InvalidClientTokenId / UnrecognizedClientException.',
    fix: 'See the local cause named in the message.',
    untestable: LIVE_OUTCOME,
    messages: {
      localCause: `${REJECTED}. The local cause: {causes}`,
      localCauseFromEnv: `${REJECTED}, taken from {variable}. The local cause: {causes}`,
      localCauseFromFile: `${REJECTED}, taken from line {line} of {file}. The local cause: {causes}`,
      unexplained: `${REJECTED}.${UNEXPLAINED}`,
      unexplainedFromEnv: `${REJECTED}, taken from {variable}.${UNEXPLAINED}`,
      unexplainedFromFile: `${REJECTED}, taken from line {line} of {file}.${UNEXPLAINED}`,
    },
  },
  LIVE_EXPIRED_TOKEN: {
    severity: 'error',
    cause: 'STS: ExpiredToken.',
    fix: 'Refresh the credentials.',
    untestable: LIVE_OUTCOME,
    messages: {
      env: `${EXPIRED} (profile "{profile}", environment variables)${EXPIRED_ANSWER}${KNOWN_EXPIRY}{sdkExpiration}${REFRESH_ENV}`,
      envNoExpiry: `${EXPIRED} (profile "{profile}", environment variables)${EXPIRED_ANSWER}${NO_EXPIRY}{sdkExpiration}${REFRESH_ENV}`,
      file: `${EXPIRED} (profile "{profile}", {source})${EXPIRED_ANSWER}${KNOWN_EXPIRY}{sdkExpiration}${REFRESH_FILE}`,
      fileNoExpiry: `${EXPIRED} (profile "{profile}", {source})${EXPIRED_ANSWER}${NO_EXPIRY}{sdkExpiration}${REFRESH_FILE}`,
      issued: `${EXPIRED} (profile "{profile}", {source})${EXPIRED_ANSWER}${KNOWN_EXPIRY}{sdkExpiration}${REFRESH_OTHER}`,
      issuedNoExpiry: `${EXPIRED} (profile "{profile}", {source})${EXPIRED_ANSWER}${NO_EXPIRY}{sdkExpiration}${REFRESH_OTHER}`,
    },
  },
  LIVE_SIGNATURE_MISMATCH: {
    severity: 'error',
    cause: 'STS: SignatureDoesNotMatch (wrong secret).',
    fix: 'Copy the secret again.',
    untestable: LIVE_OUTCOME,
    messages: {
      main: MISMATCH,
      secretInFile: `${MISMATCH}${SECRET_IN_FILE}`,
      secretInEnv: `${MISMATCH}${SECRET_IN_ENV}`,
      found: `${MISMATCH}${FOUND}`,
      secretInFileFound: `${MISMATCH}${SECRET_IN_FILE}${FOUND}`,
      secretInEnvFound: `${MISMATCH}${SECRET_IN_ENV}${FOUND}`,
    },
  },
  LIVE_MISSING_AUTHENTICATION_TOKEN: {
    severity: 'error',
    cause: 'STS: MissingAuthenticationToken (request not signed).',
    fix: 'Check the client configuration.',
    untestable: LIVE_OUTCOME,
    messages: {
      main: 'The request reached {endpoint} without a signature AWS accepts ({what}). The JavaScript SDK normally fails before sending when it has no credentials, so this usually means the endpoint is not STS (a proxy, or AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS / endpoint_url pointing elsewhere) or the credentials are empty strings.',
    },
  },
  LIVE_REGION_DISABLED: {
    severity: 'error',
    cause: 'STS: RegionDisabledException.',
    fix: 'Enable the region or use another STS endpoint.',
    untestable: LIVE_OUTCOME,
    messages: {
      main: 'STS is not activated in {region} for this account ({what}) — region from {regionFrom}. Enable the region for the account (an opt-in region), activate regional STS in IAM account settings, or use another region.',
    },
  },
  LIVE_SSO_TOKEN_ERROR: {
    severity: 'error',
    cause: 'The SDK could not use the SSO login.',
    fix: 'Run `aws sso login`.',
    untestable: LIVE_OUTCOME,
    messages: {
      main: 'The JavaScript SDK cannot get SSO credentials for profile "{profile}": {error} Log in again.',
    },
  },
  LIVE_NO_CREDENTIALS: {
    severity: 'error',
    cause: 'The SDK found no credentials.',
    fix: 'See the cause in the message.',
    untestable: LIVE_OUTCOME,
    messages: {
      imdsOff: `${NO_CREDENTIALS}, instance metadata disabled for the check{withheld}).{refusedMetadata}{stoppedAt}${NO_TRACE}`,
      imdsOffTraced: `${NO_CREDENTIALS}, instance metadata disabled for the check{withheld}).{refusedMetadata}{stoppedAt}${TRACE}`,
      imdsAllowed: `${NO_CREDENTIALS}{withheld}).{refusedMetadata}{stoppedAt}${NO_TRACE}`,
      imdsAllowedTraced: `${NO_CREDENTIALS}{withheld}).{refusedMetadata}{stoppedAt}${TRACE}`,
    },
  },
  LIVE_NETWORK_ERROR: {
    severity: 'warning',
    cause:
      'STS could not be reached (timeout, refused, DNS, TLS), or something other than STS answered (a captive portal, a proxy page).',
    fix: 'Check the network, proxy and endpoint.',
    untestable: LIVE_OUTCOME,
    messages: {
      resolvingTimedOut: `${RESOLVING} (no answer within {timeoutMs} ms)${RESOLVING_END}`,
      resolvingUnreachable: `${RESOLVING} ({networkCode}: {error})${RESOLVING_END}`,
      callTimedOut: `${UNREACHABLE} (no answer within {timeoutMs} ms)${UNREACHABLE_END}`,
      callUnreachable: `${UNREACHABLE} ({networkCode}: {error})${UNREACHABLE_END}`,
      notStsTooLarge: `${NOT_STS}${NOT_STS_REASONS.tooLarge}${NOT_STS_END}`,
      notStsUnreadable: `${NOT_STS}${NOT_STS_REASONS.unreadable}${NOT_STS_END}`,
      notStsMalformed: `${NOT_STS}${NOT_STS_REASONS.malformed}${NOT_STS_END}`,
    },
  },
  LIVE_ACCESS_DENIED: {
    severity: 'error',
    cause: 'Valid credentials, but not allowed (usually AssumeRole).',
    fix: 'Check the identity and its policies.',
    untestable: LIVE_OUTCOME,
    messages: {
      main: 'AWS denied the request {where} ({what}). The credentials are valid, but this identity is not allowed: either the policy lacks the permission, or the wrong identity is in use. The tools resolve — {identities}.',
    },
  },
  LIVE_UNEXPECTED_ERROR: {
    severity: 'error',
    cause: 'Another error from the SDK or STS.',
    fix: 'See the message.',
    untestable: LIVE_OUTCOME,
    messages: {
      failed: 'The live check failed {where} with {what}.',
      crashedResolving:
        "The live check's process ended without an answer while the JavaScript SDK resolved credentials: {detail}",
      crashedCalling: "The live check's process ended without an answer while STS was called: {detail}",
      cancelledResolving: 'The live check was cancelled while the JavaScript SDK was resolving credentials.',
      cancelledCalling: 'The live check was cancelled before STS answered ({endpoint}).',
    },
  },
  CLOCK_SKEW: {
    severity: 'warning',
    cause:
      "The local clock differs from AWS's by more than 5 minutes (the CLI and Python fail, the JavaScript SDK corrects itself).",
    fix: 'Sync the clock (WSL after sleep: `sudo hwclock -s`).',
    untestable:
      "Needs a clock more than 5 minutes off from STS's; the tests may not change this machine's clock, and the claim is STS's answer.",
    messages: {
      ahead: `${SKEW} ahead of${SKEW_DATE}${SKEW_END}`,
      behind: `${SKEW} behind${SKEW_DATE}${SKEW_END}`,
      refusedAhead: `${SKEW} ahead of${SKEW_DATE}${REFUSED}${SKEW_END}`,
      refusedBehind: `${SKEW} behind${SKEW_DATE}${REFUSED}${SKEW_END}`,
      refused: `This machine's clock is off.${REFUSED}${SKEW_END}`,
    },
  },
});

type LiveCodes = typeof LIVE_CODES;

/** A finding of one of the live check's codes from one of its templates, as RuleContext.report builds one (typed on the template's placeholders). */
export function liveFinding<C extends keyof LiveCodes, M extends keyof LiveCodes[C]['messages'] & string>(
  code: C,
  message: M,
  r: Reported<MessageData<LiveCodes[C]['messages'][M] & string>>,
): Finding {
  const spec = LIVE_CODES[code];
  const template: string = (spec.messages as Readonly<Record<string, string>>)[message];
  return reported(code, spec.severity, template, r);
}

/**
 * A fragment of a live message passed as data (the stage, an optional sentence, an item of a
 * list): where the variants multiply past a few templates per code. English, like the templates.
 */
export const LIVE_FRAGMENTS = {
  /** {where}: the stage an error came from. */
  whileResolving:
    'while the JavaScript SDK resolved credentials (a call the chain itself makes, e.g. AssumeRole or the SSO portal)',
  fromSts: 'from STS GetCallerIdentity at {endpoint}',
  fromStsEndpoint: 'from STS GetCallerIdentity at the STS endpoint',
  /** {what}: the error as the SDK reported it. */
  error: '{errorCode}: "{error}"',
  errorWithStatus: '{errorCode}, HTTP {httpStatus}: "{error}"',
  /** {sdkExpiration}. */
  sdkExpiration: " The SDK's credentials carry Expiration {expiration}.",
  /** {withheld}. */
  withheld: ', {variables} withheld (the container endpoint is contacted only with --allow-imds)',
  /** {refusedMetadata}. */
  refusedMetadata:
    ' The chain tried to reach instance metadata ({urls}); the check contacts it only with --allow-imds.',
  refusedMetadataFor:
    ' The chain tried to reach instance metadata ({urls}) for {sources}; the check contacts it only with --allow-imds.',
  credentialSource: 'profile "{profile}" (credential_source = {source})',
  /** {stoppedAt}. */
  stoppedAt: ' The chain stopped at: {error}',
  /** {identities}: one per tool. */
  identity: '{tool}: profile "{profile}" ({source})',
  identityWithKey: '{tool}: profile "{profile}" ({source}, key {key})',
  /** {response} of NOT_STS_REASONS. */
  response: 'HTTP {status}',
  responseTyped: 'HTTP {status}, {contentType}',
  responseUnknown: 'the response',
  /** {problems} of NOT_STS_REASONS.malformed, joined with ", ". */
  noAccount: 'no account',
  badAccount: 'the account is not 12 digits',
  noArn: 'no ARN',
  badArn: 'the ARN is not an IAM or STS identity ARN',
  arnOfOtherAccount: "the ARN's account is not the account",
  noUserId: 'no user id',
  badUserId: 'the user id is malformed',
  /** {keyId}, {endpoint} of IDENTITY_CONFIRMED when the child did not say. */
  unknown: 'unknown',
} as const;

/** Renders a template or fragment with its data, typed on its placeholders. */
export function fragment<S extends string>(template: S, data: MessageData<S>): string {
  return renderMessage(template, data);
}
