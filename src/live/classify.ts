/**
 * The live check's outcome → findings: exactly one IDENTITY_CONFIRMED / LIVE_* finding (plus
 * CLOCK_SKEW when the local clock is off), naming the local cause from the diagnosis where there
 * is one. Pure and SDK-free: it reads the plain data the child process sent (protocol.ts), the
 * diagnosis and an injected time; unit-tested under plain Node.
 */
import type { Diagnosis } from '../engine/findings/diagnosis';
import type { Finding, Fix, RelatedLocation } from '../engine/findings/findings';
import { FindingCode } from '../engine/findings/findings';
import { signInFix } from '../engine/findings/fixCommands';
import type { ToolId } from '../engine/core/model';
import { TOOL_IDS } from '../engine/core/model';
import { maskAccessKeyId } from '../engine/secrets/redact';
import { redactFinding } from '../engine/findings/redactFinding';
import { toolList } from '../engine/rules/kit';
import { LIVE_FRAGMENTS as F, NOT_STS_REASONS, fragment, liveFinding } from '../engine/rules/live';
import type { ValueOrigin } from '../engine/core/toolResolution';
import { profilesWalked } from './plan';
import type { ErrorInfo, LiveOutcome, Stage } from './protocol';
import type { LiveCheckResult } from './types';

/** Skew beyond which CLOCK_SKEW is reported (either direction). */
export const SKEW_LIMIT_MS = 5 * 60 * 1000;

/** What the parent knows when it classifies: the plan, and what the child told it along the way. */
export interface LiveContext {
  readonly d: Diagnosis;
  /** The profile the SDK uses. */
  readonly profile: string;
  readonly region: string;
  readonly regionFrom: string;
  readonly timeoutMs: number;
  readonly allowImds: boolean;
  readonly endpointUrl?: string;
  /** Container variables the child did not get. */
  readonly withheld: readonly string[];
  /** The URL GetCallerIdentity went to, once the child built the request. */
  readonly endpoint?: string;
  /** The masked access key id the chain resolved. */
  readonly keyId?: string;
  /** ISO 8601 expiration of the resolved credentials. */
  readonly expiration?: string;
  /** The most bytes of a body the child reads. */
  readonly maxBodyBytes: number;
}

/** How the check ended, as the parent saw it. */
export type LiveEnding =
  | { readonly kind: 'answered'; readonly outcome: LiveOutcome }
  | { readonly kind: 'timeout'; readonly stage: Stage }
  | { readonly kind: 'cancelled'; readonly stage: Stage }
  /** The child exited or failed to start without answering. */
  | { readonly kind: 'crashed'; readonly stage: Stage; readonly detail: string };

type Classified = Omit<LiveCheckResult, 'durationMs' | 'maxRssBytes'>;

/** `now`: the local clock when the answer arrived (skew is measured against the response's Date header). */
export function classifyLiveCheck(ending: LiveEnding, ctx: LiveContext, now: number): Classified {
  const r = (s: string) => ctx.d.redactor.redact(s);
  const done = (c: Classified): Classified => ({
    ...c,
    findings: c.findings.map((f) => redactFinding(f, ctx.d.redactor)),
  });
  if (ending.kind !== 'answered') {
    const error: ErrorInfo =
      ending.kind === 'timeout'
        ? { code: 'TimeoutError', message: `The live check timed out after ${ctx.timeoutMs} ms` }
        : ending.kind === 'cancelled'
          ? { code: 'AbortError', message: 'The live check was cancelled' }
          : { code: 'ChildProcessError', message: ending.detail };
    const findings =
      ending.kind === 'timeout'
        ? [networkError(ctx, ending.stage, { timeoutMs: ctx.timeoutMs })]
        : ending.kind === 'cancelled'
          ? [cancelled(ctx, ending.stage)]
          : [
              liveFinding(
                'LIVE_UNEXPECTED_ERROR',
                ending.stage === 'credentials' ? 'crashedResolving' : 'crashedCalling',
                { data: { detail: ending.detail }, tools: ['node'] },
              ),
            ];
    return done({ ok: false, clockSkewMs: null, error: { name: error.code, message: r(error.message) }, findings });
  }

  const { outcome } = ending;
  const skew = skewOf(outcome, now);
  const skewFinding = skew && Math.abs(skew.ms) > SKEW_LIMIT_MS ? [clockSkew(skew)] : [];
  const result = outcome.result;
  const notSts = notStsCause(outcome, ctx.maxBodyBytes);
  if (notSts) {
    return done({
      ok: false,
      clockSkewMs: null,
      error: {
        name: 'NotAnStsResponse',
        message: r(renderNotSts(notSts)),
        ...(outcome.response ? { httpStatus: outcome.response.status } : {}),
      },
      findings: [notStsResponse(ctx, notSts)],
    });
  }
  if (result.kind === 'identity') {
    const account = result.account!;
    const arn = result.arn!;
    const userId = result.userId!;
    return done({
      ok: true,
      account: r(account),
      arn: r(arn),
      userId: r(userId),
      clockSkewMs: skew?.ms ?? null,
      findings: [identityConfirmed(ctx, account, arn, userId), ...skewFinding],
    });
  }
  const findings = classifyError(result.error, result.stage, ctx, outcome, skew);
  if (skewFinding.length && !findings.some((f) => f.code === FindingCode.ClockSkew)) findings.push(...skewFinding);
  return done({
    ok: false,
    clockSkewMs: skew?.ms ?? null,
    error: {
      name: r(result.error.code),
      message: r(result.error.message),
      ...(result.error.httpStatus !== undefined ? { httpStatus: result.error.httpStatus } : {}),
    },
    findings,
  });
}

// ------------------------------------------------------------------------------------ the answer's shape

/** An account id: twelve digits. */
const ACCOUNT = /^\d{12}$/;
/** An identity ARN GetCallerIdentity returns: a user, root, a federated user or an assumed role, in any partition. */
const IDENTITY_ARN = /^arn:aws[-a-z]*:(?:iam|sts)::(\d{12}):[\x21-\x7e]+$/;
/** A user id: IAM unique ids, `AROA…:session`, `123456789012:name`. */
const USER_ID = /^[\x21-\x7e]{1,256}$/;

/** Why an answer is not STS GetCallerIdentity's: a reason of NOT_STS_REASONS and its data. */
type NotSts =
  | { readonly reason: 'tooLarge'; readonly data: { readonly response: string; readonly maxBodyBytes: number } }
  | {
      readonly reason: 'unreadable';
      readonly data: { readonly response: string; readonly errorCode: string; readonly error: string };
    }
  | { readonly reason: 'malformed'; readonly data: { readonly response: string; readonly problems: string } };

/**
 * Why this answer is not STS GetCallerIdentity's, or undefined when it is: a body larger than any
 * STS answer, a 2xx the SDK could not read as one (an HTML captive portal), or fields that are
 * missing or shaped wrong (an empty `<GetCallerIdentityResponse/>`).
 */
export function notStsReason(outcome: LiveOutcome, maxBodyBytes: number): string | undefined {
  const cause = notStsCause(outcome, maxBodyBytes);
  return cause && renderNotSts(cause);
}

function renderNotSts(cause: NotSts): string {
  switch (cause.reason) {
    case 'tooLarge':
      return fragment(NOT_STS_REASONS.tooLarge, cause.data);
    case 'unreadable':
      return fragment(NOT_STS_REASONS.unreadable, cause.data);
    case 'malformed':
      return fragment(NOT_STS_REASONS.malformed, cause.data);
  }
}

function notStsCause(outcome: LiveOutcome, maxBodyBytes: number): NotSts | undefined {
  const { result, response } = outcome;
  const from = !response
    ? F.responseUnknown
    : response.contentType
      ? fragment(F.responseTyped, { status: response.status, contentType: response.contentType })
      : fragment(F.response, { status: response.status });
  if (outcome.bodyTooLarge) return { reason: 'tooLarge', data: { response: from, maxBodyBytes } };
  if (result.kind === 'error') {
    if (
      result.stage === 'call' &&
      response &&
      response.status >= 200 &&
      response.status < 300 &&
      !result.error.networkCode
    ) {
      return {
        reason: 'unreadable',
        data: { response: from, errorCode: result.error.code, error: result.error.message },
      };
    }
    return undefined;
  }
  const problems: string[] = [];
  if (!result.account || !ACCOUNT.test(result.account)) problems.push(result.account ? F.badAccount : F.noAccount);
  const arn = result.arn ? IDENTITY_ARN.exec(result.arn) : null;
  if (!arn) problems.push(result.arn ? F.badArn : F.noArn);
  else if (result.account && arn[1] !== result.account) problems.push(F.arnOfOtherAccount);
  if (!result.userId || !USER_ID.test(result.userId)) problems.push(result.userId ? F.badUserId : F.noUserId);
  return problems.length ? { reason: 'malformed', data: { response: from, problems: problems.join(', ') } } : undefined;
}

/** How far this machine's clock is ahead of the response's Date header (negative: behind). */
interface Skew {
  readonly ms: number;
  readonly serverDate: string;
}

function skewOf(outcome: LiveOutcome, now: number): Skew | undefined {
  const date = outcome.response?.date;
  const server = date ? Date.parse(date) : NaN;
  return date && !Number.isNaN(server) ? { ms: now - server, serverDate: date } : undefined;
}

// ------------------------------------------------------------------------------------ errors

/** Static findings that explain an InvalidClientTokenId, in the order they are most likely. */
const INVALID_TOKEN_CAUSES: readonly FindingCode[] = [
  FindingCode.StaleSessionToken,
  FindingCode.ProfileStaleSessionToken,
  FindingCode.TemporaryKeyWithoutToken,
  FindingCode.SessionTokenWithoutKeys,
  FindingCode.SecurityTokenMismatch,
  FindingCode.ExampleKeys,
  FindingCode.PlaceholderKeys,
  FindingCode.MalformedAccessKeyId,
  FindingCode.UniqueIdAsAccessKey,
];

/** Static findings that explain a SignatureDoesNotMatch. */
const SIGNATURE_CAUSES: readonly FindingCode[] = [
  FindingCode.MalformedSecretKey,
  FindingCode.QuotedValue,
  FindingCode.WhitespaceInValue,
  FindingCode.InlineComment,
  FindingCode.ContinuationLine,
  FindingCode.ExampleKeys,
  FindingCode.PlaceholderKeys,
];

const SSO_ERROR =
  /SSO session|SSO Token|sso login|Sso session|UnauthorizedException|SSOTokenProviderFailure|Token is expired/i;
/** Generic lines of the chain's debug trace: every link that does not apply says one of these. */
const GENERIC_DEBUG = [
  /AWS_PROFILE is set, skipping fromEnv/,
  /Skipping SSO provider in default chain/,
  /Web identity configuration not specified/,
  /EC2 Instance Metadata Service access disabled/,
  /Could not load credentials from any providers/,
  /did not contain credential_process/,
  /could not be found in shared credentials file/,
  /Unable to find environment variable credentials/,
  /AWS_EC2_METADATA_V1_DISABLED not set/,
];

export function classifyError(
  e: ErrorInfo,
  stage: Stage,
  ctx: LiveContext,
  outcome: Pick<LiveOutcome, 'debug' | 'refusedMetadata'>,
  skew: Skew | undefined,
): Finding[] {
  const { debug, refusedMetadata = [] } = outcome;
  const { code, message } = e;
  const what = e.httpStatus
    ? fragment(F.errorWithStatus, { errorCode: code, httpStatus: e.httpStatus, error: message })
    : fragment(F.error, { errorCode: code, error: message });
  const where =
    stage === 'credentials'
      ? F.whileResolving
      : ctx.endpoint
        ? fragment(F.fromSts, { endpoint: ctx.endpoint })
        : F.fromStsEndpoint;

  if (code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException')
    return [invalidClientToken(ctx, what, where)];
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException') return [expiredToken(ctx, what, where)];
  if (
    code === 'SignatureDoesNotMatch' ||
    code === 'InvalidSignatureException' ||
    code === 'RequestTimeTooSkewed' ||
    code === 'RequestExpired'
  ) {
    if (/Signature expired|not yet current|RequestTimeTooSkewed|RequestExpired|too large/i.test(`${code} ${message}`))
      return [clockRefused(skew, `${code}: ${message}`)];
    return [signatureMismatch(ctx, what, where)];
  }
  if (code === 'MissingAuthenticationToken' || code === 'MissingAuthenticationTokenException') {
    return [
      liveFinding('LIVE_MISSING_AUTHENTICATION_TOKEN', 'main', {
        data: { endpoint: endpointTried(ctx), what },
        tools: ['node'],
      }),
    ];
  }
  if (code === 'RegionDisabledException') {
    return [
      liveFinding('LIVE_REGION_DISABLED', 'main', {
        data: { region: ctx.region, what, regionFrom: ctx.regionFrom },
        tools: ['node'],
        fixes: [
          {
            title: 'Use us-east-1 (set AWS_REGION)',
            action: { kind: 'setEnv', name: 'AWS_REGION', value: 'us-east-1' },
          },
        ],
      }),
    ];
  }
  if (/^AccessDenied/.test(code)) {
    const identities = TOOL_IDS.map((t) => {
      const r = ctx.d.tools[t];
      const who = { tool: toolList([t]), profile: r.profile, source: r.source };
      return r.credentials.accessKeyId
        ? fragment(F.identityWithKey, { ...who, key: maskAccessKeyId(r.credentials.accessKeyId.value) })
        : fragment(F.identity, who);
    });
    return [
      liveFinding('LIVE_ACCESS_DENIED', 'main', {
        data: { where, what, identities: identities.join('; ') },
        tools: toolsSharingCredentials(ctx.d),
      }),
    ];
  }
  if (stage === 'credentials' && SSO_ERROR.test(message) && !/Required parameters/.test(message)) {
    return [
      liveFinding('LIVE_SSO_TOKEN_ERROR', 'main', {
        data: { profile: ctx.profile, error: message },
        tools: ['node'],
        fixes: [signInFix(ctx.d.input.platform, 'sso', ctx.profile)],
      }),
    ];
  }
  if (e.networkCode) return [networkError(ctx, stage, { networkCode: e.networkCode, error: message })];
  if (
    stage === 'credentials' &&
    (code === 'CredentialsProviderError' || code === 'ProviderError' || /Could not load credentials/.test(message))
  ) {
    return [noCredentials(ctx, message, debug, refusedMetadata)];
  }
  return [liveFinding('LIVE_UNEXPECTED_ERROR', 'failed', { data: { where, what }, tools: ['node'] })];
}

// ------------------------------------------------------------------------------------ findings

function identityConfirmed(ctx: LiveContext, account: string, arn: string, userId: string): Finding {
  const node = ctx.d.tools.node;
  const others = toolsSharingCredentials(ctx.d).filter((t) => t !== 'node');
  const data = {
    profile: ctx.profile,
    account,
    arn,
    userId,
    keyId: ctx.keyId ?? F.unknown,
    endpoint: ctx.endpoint ?? F.unknown,
    region: ctx.region,
  };
  const shared = { tools: toolList(others), sharedProfile: node.profile };
  if (node.source === 'env') {
    return others.length
      ? liveFinding('IDENTITY_CONFIRMED', 'confirmedEnvShared', { data: { ...data, ...shared }, tools: ['node'] })
      : liveFinding('IDENTITY_CONFIRMED', 'confirmedEnv', { data, tools: ['node'] });
  }
  const withSource = { ...data, source: node.source };
  return others.length
    ? liveFinding('IDENTITY_CONFIRMED', 'confirmedShared', { data: { ...withSource, ...shared }, tools: ['node'] })
    : liveFinding('IDENTITY_CONFIRMED', 'confirmed', { data: withSource, tools: ['node'] });
}

function notStsResponse(ctx: LiveContext, cause: NotSts): Finding {
  const endpoint = endpointTried(ctx);
  switch (cause.reason) {
    case 'tooLarge':
      return liveFinding('LIVE_NETWORK_ERROR', 'notStsTooLarge', {
        data: { ...cause.data, endpoint },
        tools: ['node'],
      });
    case 'unreadable':
      return liveFinding('LIVE_NETWORK_ERROR', 'notStsUnreadable', {
        data: { ...cause.data, endpoint },
        tools: ['node'],
      });
    case 'malformed':
      return liveFinding('LIVE_NETWORK_ERROR', 'notStsMalformed', {
        data: { ...cause.data, endpoint },
        tools: ['node'],
      });
  }
}

const SYNC_CLOCK: Fix = {
  title: 'Synchronise the clock from the hardware clock (sudo hwclock -s)',
  action: { kind: 'runCommand', command: 'sudo hwclock -s' },
  preferred: true,
};

function skewData(skew: Skew): { minutes: string; serverDate: string } {
  return { minutes: (Math.abs(skew.ms) / 60000).toFixed(1), serverDate: skew.serverDate };
}

/** The clock measured off past SKEW_LIMIT_MS while STS took the request (the JavaScript SDK corrected it). */
function clockSkew(skew: Skew): Finding {
  return liveFinding('CLOCK_SKEW', skew.ms > 0 ? 'ahead' : 'behind', { data: skewData(skew), fixes: [SYNC_CLOCK] });
}

/** STS refused the request for its time (`refusal`: its error), with the skew measured when the response had a Date header. */
function clockRefused(skew: Skew | undefined, refusal: string): Finding {
  if (!skew) return liveFinding('CLOCK_SKEW', 'refused', { data: { refusal }, severity: 'error', fixes: [SYNC_CLOCK] });
  return liveFinding('CLOCK_SKEW', skew.ms > 0 ? 'refusedAhead' : 'refusedBehind', {
    data: { ...skewData(skew), refusal },
    severity: 'error',
    fixes: [SYNC_CLOCK],
  });
}

function cancelled(ctx: LiveContext, stage: Stage): Finding {
  if (stage === 'credentials')
    return liveFinding('LIVE_UNEXPECTED_ERROR', 'cancelledResolving', {
      data: {},
      severity: 'warning',
      tools: ['node'],
    });
  return liveFinding('LIVE_UNEXPECTED_ERROR', 'cancelledCalling', {
    data: { endpoint: endpointTried(ctx) },
    severity: 'warning',
    tools: ['node'],
  });
}

function invalidClientToken(ctx: LiveContext, what: string, where: string): Finding {
  const causes = ctx.d.findings.filter((f) => INVALID_TOKEN_CAUSES.includes(f.code) && aboutCredentialsInUse(f, ctx));
  causes.sort((a, b) => INVALID_TOKEN_CAUSES.indexOf(a.code) - INVALID_TOKEN_CAUSES.indexOf(b.code));
  const origin = ctx.d.tools.node.credentials.accessKeyId;
  const head = { keyId: ctx.keyId ?? '', where, what };
  if (causes.length) {
    const tools = [...new Set(causes.flatMap((f) => f.tools))];
    const r = {
      tools: TOOL_IDS.filter((t) => tools.includes(t) || t === 'node'),
      ...locationOf(causes[0], origin),
      related: causes.flatMap(relatedOf),
      fixes: causes.flatMap((f) => f.fixes),
    };
    const data = { ...head, causes: causes.map(summaryOf).join(' Also: ') };
    if (!origin) return liveFinding('LIVE_INVALID_CLIENT_TOKEN', 'localCause', { ...r, data });
    if (origin.kind === 'env')
      return liveFinding('LIVE_INVALID_CLIENT_TOKEN', 'localCauseFromEnv', {
        ...r,
        data: { ...data, variable: origin.name },
      });
    return liveFinding('LIVE_INVALID_CLIENT_TOKEN', 'localCauseFromFile', {
      ...r,
      data: { ...data, line: origin.setting.line, file: origin.path },
    });
  }
  const r = { tools: toolsSharingCredentials(ctx.d), ...locationOf(undefined, origin) };
  const data = { ...head, endpoint: endpointTried(ctx), region: ctx.region };
  if (!origin) return liveFinding('LIVE_INVALID_CLIENT_TOKEN', 'unexplained', { ...r, data });
  if (origin.kind === 'env')
    return liveFinding('LIVE_INVALID_CLIENT_TOKEN', 'unexplainedFromEnv', {
      ...r,
      data: { ...data, variable: origin.name },
    });
  return liveFinding('LIVE_INVALID_CLIENT_TOKEN', 'unexplainedFromFile', {
    ...r,
    data: { ...data, line: origin.setting.line, file: origin.path },
  });
}

function expiredToken(ctx: LiveContext, what: string, where: string): Finding {
  const node = ctx.d.tools.node;
  const fixes: Fix[] = [];
  if (node.source === 'sso' || node.expiry?.kind === 'sso-token')
    fixes.push(signInFix(ctx.d.input.platform, 'sso', node.profile));
  const r = {
    tools: toolsSharingCredentials(ctx.d),
    ...locationOf(undefined, node.credentials.sessionToken ?? node.credentials.accessKeyId),
    fixes,
  };
  const data = {
    profile: ctx.profile,
    where,
    what,
    sdkExpiration: ctx.expiration ? fragment(F.sdkExpiration, { expiration: ctx.expiration }) : '',
  };
  const withSource = { ...data, source: node.source };
  if (node.expiry) {
    const known = { expiry: node.expiry.at, expiryFrom: node.expiry.from };
    if (node.source === 'env') return liveFinding('LIVE_EXPIRED_TOKEN', 'env', { ...r, data: { ...data, ...known } });
    return liveFinding('LIVE_EXPIRED_TOKEN', node.source === 'static' ? 'file' : 'issued', {
      ...r,
      data: { ...withSource, ...known },
    });
  }
  if (node.source === 'env') return liveFinding('LIVE_EXPIRED_TOKEN', 'envNoExpiry', { ...r, data });
  return liveFinding('LIVE_EXPIRED_TOKEN', node.source === 'static' ? 'fileNoExpiry' : 'issuedNoExpiry', {
    ...r,
    data: withSource,
  });
}

function signatureMismatch(ctx: LiveContext, what: string, where: string): Finding {
  const origin = ctx.d.tools.node.credentials.secretAccessKey;
  const causes = ctx.d.findings.filter((f) => SIGNATURE_CAUSES.includes(f.code) && aboutCredentialsInUse(f, ctx));
  const r = {
    tools: toolsSharingCredentials(ctx.d),
    ...locationOf(undefined, origin),
    related: causes.flatMap(relatedOf),
    fixes: causes.flatMap((f) => f.fixes),
  };
  const data = { keyId: ctx.keyId ?? '', where, what };
  const inFile =
    origin?.kind === 'file' ? { line: origin.setting.line, file: origin.path, profile: origin.profile } : undefined;
  const inEnv = origin?.kind === 'env' ? { variable: origin.name } : undefined;
  if (causes.length) {
    const found = { ...data, causes: causes.map(summaryOf).join(' ') };
    if (inFile)
      return liveFinding('LIVE_SIGNATURE_MISMATCH', 'secretInFileFound', { ...r, data: { ...found, ...inFile } });
    if (inEnv)
      return liveFinding('LIVE_SIGNATURE_MISMATCH', 'secretInEnvFound', { ...r, data: { ...found, ...inEnv } });
    return liveFinding('LIVE_SIGNATURE_MISMATCH', 'found', { ...r, data: found });
  }
  if (inFile) return liveFinding('LIVE_SIGNATURE_MISMATCH', 'secretInFile', { ...r, data: { ...data, ...inFile } });
  if (inEnv) return liveFinding('LIVE_SIGNATURE_MISMATCH', 'secretInEnv', { ...r, data: { ...data, ...inEnv } });
  return liveFinding('LIVE_SIGNATURE_MISMATCH', 'main', { ...r, data });
}

function noCredentials(
  ctx: LiveContext,
  message: string,
  debug: readonly string[],
  refusedMetadata: readonly string[],
): Finding {
  const causes = debug
    .filter((l) => l.startsWith('@smithy/property-provider'))
    .map((l) => l.replace(/^@smithy\/property-provider (->|\(!\)) /, ''))
    .filter((l) => !GENERIC_DEBUG.some((g) => g.test(l)));
  const unique = [...new Set(causes)];
  const withheld = ctx.withheld.filter((n) => n.endsWith('_URI'));
  const sources = credentialSources(ctx);
  const urls = refusedMetadata.join(', ');
  const data = {
    profile: ctx.profile,
    withheld: withheld.length ? fragment(F.withheld, { variables: withheld.join(' and ') }) : '',
    refusedMetadata: !refusedMetadata.length
      ? ''
      : sources.length
        ? fragment(F.refusedMetadataFor, { urls, sources: sources.join(', ') })
        : fragment(F.refusedMetadata, { urls }),
    stoppedAt: /Could not load credentials from any providers/.test(message)
      ? ''
      : fragment(F.stoppedAt, { error: message }),
  };
  if (unique.length)
    return liveFinding('LIVE_NO_CREDENTIALS', ctx.allowImds ? 'imdsAllowedTraced' : 'imdsOffTraced', {
      data: { ...data, trace: unique.join(' ') },
      tools: ['node'],
    });
  return liveFinding('LIVE_NO_CREDENTIALS', ctx.allowImds ? 'imdsAllowed' : 'imdsOff', { data, tools: ['node'] });
}

/** `detail`: the deadline the check waited, or the network error that ended it. */
function networkError(
  ctx: LiveContext,
  stage: Stage,
  detail: { timeoutMs: number } | { networkCode: string; error: string },
): Finding {
  if (stage === 'credentials') {
    return 'timeoutMs' in detail
      ? liveFinding('LIVE_NETWORK_ERROR', 'resolvingTimedOut', { data: detail, tools: ['node'] })
      : liveFinding('LIVE_NETWORK_ERROR', 'resolvingUnreachable', { data: detail, tools: ['node'] });
  }
  const endpoint = endpointTried(ctx);
  return 'timeoutMs' in detail
    ? liveFinding('LIVE_NETWORK_ERROR', 'callTimedOut', { data: { ...detail, endpoint }, tools: ['node'] })
    : liveFinding('LIVE_NETWORK_ERROR', 'callUnreachable', { data: { ...detail, endpoint }, tools: ['node'] });
}

// ------------------------------------------------------------------------------------ helpers

/** `credential_source = …` of the profiles the SDK walks, as `profile "x" (credential_source = Ec2InstanceMetadata)`. */
function credentialSources(ctx: LiveContext): string[] {
  const out: string[] = [];
  for (const name of profilesWalked(ctx.d, ctx.profile)) {
    const source = ctx.d.nodeView.merged.get(name)?.get('credential_source')?.value;
    if (source) out.push(fragment(F.credentialSource, { profile: name, source }));
  }
  return out;
}

/**
 * Whether a static finding is about the credentials the JavaScript SDK signs with: an environment
 * variable it takes its keys from, or a line of a profile it walks (the one in use, then its
 * source_profile chain). A stale token in another profile explains nothing about this one.
 */
export function aboutCredentialsInUse(f: Finding, ctx: LiveContext): boolean {
  const node = ctx.d.tools.node;
  const origins = [
    node.credentials.accessKeyId,
    node.credentials.secretAccessKey,
    node.credentials.sessionToken,
  ].filter((o): o is ValueOrigin => !!o);
  if (f.env !== null) return origins.some((o) => o.kind === 'env' && o.name === f.env);
  if (f.file === null || f.line === null) return false;
  if (origins.some((o) => o.kind === 'file' && o.path === f.file && o.setting.line === f.line)) return true;
  const view = ctx.d.nodeView;
  const sections =
    f.file === view.credentials.path
      ? view.credentialsProfiles
      : f.file === view.config.path
        ? view.configProfiles
        : undefined;
  if (!sections) return false;
  for (const name of profilesWalked(ctx.d, ctx.profile)) {
    const section = sections.get(name);
    if (section && [...section.values()].some((s) => s.line === f.line)) return true;
  }
  return false;
}

/** The tools that sign with the same credentials as the JavaScript SDK (same key, else same profile and source). */
function toolsSharingCredentials(d: Diagnosis): ToolId[] {
  const node = d.tools.node;
  const key = node.credentials.accessKeyId?.value;
  return TOOL_IDS.filter((t) => {
    const r = d.tools[t];
    if (t === 'node') return true;
    if (key) return r.credentials.accessKeyId?.value === key;
    return r.profile === node.profile && r.source === node.source && node.source !== 'none' && node.source !== 'error';
  });
}

function locationOf(
  cause: Finding | undefined,
  origin: ValueOrigin | undefined,
): { file?: string; fileKind?: 'config' | 'credentials'; line?: number; column?: number; env?: string } {
  if (cause && (cause.file || cause.env)) {
    return cause.file
      ? {
          file: cause.file,
          fileKind: cause.fileKind ?? undefined,
          line: cause.line ?? undefined,
          column: cause.column ?? undefined,
        }
      : { env: cause.env ?? undefined };
  }
  if (!origin) return {};
  return origin.kind === 'env'
    ? { env: origin.name }
    : {
        file: origin.path,
        fileKind: origin.setting.file,
        line: origin.setting.line,
        column: origin.setting.valueColumn,
      };
}

/** A static finding named as a cause of a live one: its code and its message (the message as data: another finding's). */
function summaryOf(f: Finding): string {
  return `${f.code} — ${f.message}`;
}

function relatedOf(f: Finding): RelatedLocation[] {
  return f.file && f.line
    ? [{ path: f.file, line: f.line, column: f.column ?? 1, message: `${f.code}: ${f.message}` }]
    : [];
}

function endpointTried(ctx: LiveContext): string {
  if (ctx.endpoint) return ctx.endpoint;
  const env = ctx.d.input.env;
  return (
    ctx.endpointUrl ?? env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL ?? `https://sts.${ctx.region}.amazonaws.com`
  );
}
