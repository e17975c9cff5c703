/**
 * The live identity check: resolves credentials with the real AWS SDK for JavaScript v3 chain and
 * calls STS GetCallerIdentity. Bundled separately (dist/live.js) and loaded only when a live check
 * runs, so the SDK never weighs on start-up.
 *
 * What happens, in order:
 *  1. The diagnosis' environment (HOME and every AWS_* variable, e.g. after `--home`) is applied to
 *     process.env for the duration of the check, so that the real SDK sees what the engine saw;
 *     instance metadata is disabled unless `allowImds`. Everything touched is restored afterwards
 *     (see `withEnvironment` and `holdImdsDisabled` for the one deliberate exception on timeout).
 *  2. `fromNodeProviderChain` (the chain every JS SDK client uses) resolves credentials, with a
 *     logger that records the chain's debug lines: on failure they name the real cause, which the
 *     final "Could not load credentials from any providers" hides.
 *  3. STS GetCallerIdentity with those credentials, one attempt, under the same hard deadline.
 *     Middleware records the endpoint tried and the response's Date header (errors included).
 *  4. The outcome becomes exactly one IDENTITY_CONFIRMED / LIVE_* finding (plus CLOCK_SKEW when
 *     the local clock is off), every string passing through the diagnosis' redactor.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { Diagnosis } from '../engine/diagnosis';
import type { Finding, Fix, RelatedLocation, Severity } from '../engine/findings';
import { FindingCode } from '../engine/findings';
import type { ToolId } from '../engine/model';
import { TOOL_IDS } from '../engine/model';
import { maskAccessKeyId } from '../engine/redact';
import type { ValueOrigin } from '../engine/toolResolution';
import { finding, toolList } from '../engine/rules/kit';

export interface LiveCheckOptions {
  /** The profile to check (explicit); otherwise the SDK's own selection from the environment. */
  readonly profile?: string;
  /** Whole-check timeout, default 5000 ms. */
  readonly timeoutMs?: number;
  /** STS endpoint override (also read from AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL by the SDK). */
  readonly endpointUrl?: string;
  /** Region for STS when none is configured. */
  readonly region?: string;
  /** Allow the chain to query EC2 instance metadata (off by default). */
  readonly allowImds?: boolean;
  /** Aborts the check (the extension's cancellation). */
  readonly signal?: AbortSignal;
  /** The clock, for skew measurement. */
  readonly now?: () => number;
}

export interface LiveCheckResult {
  readonly ok: boolean;
  readonly account?: string;
  readonly arn?: string;
  readonly userId?: string;
  /** Local clock minus the server's Date header, in ms (positive: local clock ahead); null when unknown. */
  readonly clockSkewMs: number | null;
  readonly durationMs: number;
  /** The error the SDK or STS returned, redacted. */
  readonly error?: { readonly name: string; readonly message: string; readonly httpStatus?: number };
  /** LIVE_* / IDENTITY_CONFIRMED / CLOCK_SKEW findings, redacted. */
  readonly findings: readonly Finding[];
}

const DEFAULT_TIMEOUT_MS = 5000;
/** Skew beyond which CLOCK_SKEW is reported (either direction). */
const SKEW_LIMIT_MS = 5 * 60 * 1000;
const IMDS_DISABLED = 'AWS_EC2_METADATA_DISABLED';
/** Where getHomeDir() of the SDK looks, in its order. */
const HOME_VARIABLES = ['HOME', 'USERPROFILE', 'HOMEPATH', 'HOMEDRIVE'];

/**
 * Live checks run one at a time: each applies its diagnosis' environment to the process while it
 * runs, and two interleaved checks would see each other's.
 */
let queue: Promise<unknown> = Promise.resolve();

export async function runLiveCheck(options: LiveCheckOptions, diagnosis: Diagnosis): Promise<LiveCheckResult> {
  const run = queue.then(() => check(options, diagnosis));
  queue = run.catch(() => undefined);
  return run;
}

// ------------------------------------------------------------------------------------ environment

let imdsHolds = 0;
let imdsSaved: string | undefined;

/**
 * Keeps AWS_EC2_METADATA_DISABLED=true in process.env until every holder has released it. A
 * holder is released when its credential chain has *settled*, not when the check returns: after a
 * timeout the chain may still be running (a slow credential_process, an SSO call), and its last
 * link reads the variable only then. Restoring it early would let that late link reach
 * 169.254.169.254. The caller's value comes back when the last chain settles.
 */
function holdImdsDisabled(): () => void {
  if (imdsHolds++ === 0) imdsSaved = process.env[IMDS_DISABLED];
  process.env[IMDS_DISABLED] = 'true';
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--imdsHolds === 0) setEnv(IMDS_DISABLED, imdsSaved);
  };
}

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/**
 * Makes process.env show the diagnosis' HOME and AWS_* variables (the SDK reads process.env
 * itself), and returns the function that puts back exactly what was there.
 */
function withEnvironment(env: Diagnosis['input']['env'], skip: ReadonlySet<string>): () => void {
  const names = new Set<string>(HOME_VARIABLES);
  for (const k of Object.keys(env)) if (k.startsWith('AWS_')) names.add(k);
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) names.add(k);
  // This process's own SDK, not the user's: its Node-version notice would only be noise here.
  const extra: Record<string, string> = env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } : {};
  names.add('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED');
  const saved = new Map<string, string | undefined>();
  for (const name of names) {
    if (skip.has(name)) continue;
    saved.set(name, process.env[name]);
    setEnv(name, extra[name] ?? env[name]);
  }
  return () => {
    for (const [name, value] of saved) setEnv(name, value);
  };
}

// ------------------------------------------------------------------------------------ the check

type Stage = 'credentials' | 'call';

class CheckAborted extends Error {
  constructor(readonly reason: 'timeout' | 'cancelled') {
    super(reason === 'timeout' ? 'The live check timed out' : 'The live check was cancelled');
    this.name = reason === 'timeout' ? 'TimeoutError' : 'AbortError';
  }
}

interface Context {
  readonly options: LiveCheckOptions;
  readonly d: Diagnosis;
  readonly region: string;
  readonly regionFrom: string;
  readonly timeoutMs: number;
  readonly debug: string[];
  /** The URL the STS request went to, once built. */
  endpoint?: string;
  /** The masked access key id the chain resolved. */
  keyId?: string;
  expiration?: Date;
}

async function check(options: LiveCheckOptions, d: Diagnosis): Promise<LiveCheckResult> {
  const started = performance.now();
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = started + timeoutMs;

  // The region STS is called in: the one the JavaScript SDK resolves for this profile (the engine
  // predicts it, and the differential suite proves it equal to the SDK's); else the caller's;
  // else us-east-1. The JS SDK has no global-endpoint fallback ("Region is missing" before any
  // request), while botocore and the AWS CLI send STS calls without a region to the global
  // endpoint sts.amazonaws.com, which is us-east-1; us-east-1 is also never an opt-in region,
  // so a valid key always works there.
  const node = d.tools.node;
  const [region, regionFrom] = node.region ? [node.region, `the JavaScript SDK's region (${node.regionFrom ?? 'configured'})`]
    : options.region ? [options.region, 'the region given to the check']
    : ['us-east-1', 'us-east-1, no region being configured'];
  const ctx: Context = { options, d, region, regionFrom, timeoutMs, debug: [] };

  const controller = new AbortController();
  let abortReason: CheckAborted | undefined;
  const abort = (reason: 'timeout' | 'cancelled') => {
    if (abortReason) return;
    abortReason = new CheckAborted(reason);
    controller.abort(abortReason);
  };
  const timer = setTimeout(() => abort('timeout'), timeoutMs);
  const onCancel = () => abort('cancelled');
  options.signal?.addEventListener('abort', onCancel, { once: true });
  if (options.signal?.aborted) abort('cancelled');
  const aborted = new Promise<never>((_, reject) => {
    if (abortReason) reject(abortReason);
    else controller.signal.addEventListener('abort', () => reject(abortReason), { once: true });
  });
  aborted.catch(() => undefined);

  // The chain is the real one; instance metadata stays unreachable unless allowed (held until the
  // chain settles, see holdImdsDisabled). With IMDS allowed the diagnosis' own value applies,
  // unless an earlier, timed-out check still holds it disabled.
  const holdImds = !options.allowImds || imdsHolds > 0;
  const restoreEnv = withEnvironment(d.input.env, holdImds ? new Set([IMDS_DISABLED]) : new Set());
  const releaseImds = holdImds ? holdImdsDisabled() : () => undefined;

  let skew: { ms: number; serverDate: string } | undefined;
  let stage: Stage = 'credentials';
  let client: STSClient | undefined;
  try {
    const logger = {
      trace: () => undefined,
      debug: (...a: unknown[]) => void ctx.debug.push(a.map(String).join(' ')),
      info: () => undefined,
      warn: (...a: unknown[]) => void ctx.debug.push(a.map(String).join(' ')),
      error: (...a: unknown[]) => void ctx.debug.push(a.map(String).join(' ')),
    };
    const provider = fromNodeProviderChain({ ...(options.profile !== undefined ? { profile: options.profile } : {}), ignoreCache: true, logger });
    let chain: Promise<Awaited<ReturnType<typeof provider>>>;
    try {
      chain = provider();
    } catch (e) {
      chain = Promise.reject(e);
    }
    chain.then(releaseImds, releaseImds);
    if (abortReason) throw abortReason;
    const credentials = await Promise.race([chain, aborted]);
    ctx.keyId = maskAccessKeyId(credentials.accessKeyId);
    ctx.expiration = credentials.expiration;

    stage = 'call';
    const remaining = Math.max(1, Math.round(deadline - performance.now()));
    client = new STSClient({
      region,
      credentials,
      maxAttempts: 1,
      ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
      requestHandler: { connectionTimeout: remaining, requestTimeout: remaining, throwOnRequestTimeout: true },
    });
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = (args as { request?: { protocol?: string; hostname?: string; port?: number; path?: string } }).request;
        if (request?.hostname) ctx.endpoint = `${request.protocol ?? 'https:'}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path ?? '/'}`;
        return next(args);
      },
      { step: 'build', priority: 'low', name: 'acdRecordEndpoint' },
    );
    // Innermost in the deserialize step: sees the raw response, for errors as well (STS answers
    // errors with a Date header too), before the deserializer turns it into a result or an error.
    client.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        const headers = (out.response as { headers?: Record<string, string> } | undefined)?.headers ?? {};
        const date = headers.date ?? headers.Date;
        const server = date ? Date.parse(date) : NaN;
        if (!Number.isNaN(server)) skew = { ms: now() - server, serverDate: date };
        return out;
      },
      { step: 'deserialize', priority: 'low', name: 'acdMeasureClockSkew' },
    );
    const identity = await Promise.race([client.send(new GetCallerIdentityCommand({}), { abortSignal: controller.signal }), aborted]);

    const r = (s: string) => d.redactor.redact(s);
    const account = identity.Account ?? '';
    const arn = identity.Arn ?? '';
    const userId = identity.UserId ?? '';
    const findings: Finding[] = [identityConfirmed(ctx, account, arn, userId)];
    if (skew && Math.abs(skew.ms) > SKEW_LIMIT_MS) findings.push(clockSkew(ctx, skew, 'warning'));
    return {
      ok: true,
      account: r(account),
      arn: r(arn),
      userId: r(userId),
      clockSkewMs: skew?.ms ?? null,
      durationMs: Math.round(performance.now() - started),
      findings: findings.map((f) => redactFinding(f, d)),
    };
  } catch (thrown) {
    const e = abortReason && (thrown === abortReason || isAbortError(thrown)) ? abortReason : thrown;
    const findings = classify(e, stage, ctx, skew);
    const code = errorCode(e);
    if (skew && Math.abs(skew.ms) > SKEW_LIMIT_MS && !findings.some((f) => f.code === FindingCode.ClockSkew)) findings.push(clockSkew(ctx, skew, 'warning'));
    const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
    return {
      ok: false,
      clockSkewMs: skew?.ms ?? null,
      durationMs: Math.round(performance.now() - started),
      error: {
        name: d.redactor.redact(code),
        message: d.redactor.redact(errorMessage(e)),
        ...(status !== undefined ? { httpStatus: status } : {}),
      },
      findings: findings.map((f) => redactFinding(f, d)),
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
    client?.destroy();
    restoreEnv();
  }
}

// ------------------------------------------------------------------------------------ findings

function identityConfirmed(ctx: Context, account: string, arn: string, userId: string): Finding {
  const node = ctx.d.tools.node;
  const same = toolsSharingCredentials(ctx.d);
  const others = same.filter((t) => t !== 'node');
  return finding({
    code: FindingCode.IdentityConfirmed,
    severity: 'info',
    message: `STS GetCallerIdentity confirms the credentials the JavaScript SDK resolves${describeSource(ctx)}: account ${account}, ${arn} (user id ${userId}), access key ${ctx.keyId ?? 'unknown'}, endpoint ${ctx.endpoint ?? 'unknown'} in ${ctx.region}.${others.length ? ` ${toolList(others)} resolve the same credentials (profile "${node.profile}").` : ''}`,
    tools: ['node'],
  });
}

function clockSkew(_ctx: Context, skew: { ms: number; serverDate: string }, severity: Severity, stsMessage?: string): Finding {
  const minutes = Math.abs(skew.ms) / 60000;
  const direction = skew.ms > 0 ? 'ahead of' : 'behind';
  const measured = Number.isFinite(skew.ms) ? `This machine's clock is ${minutes.toFixed(1)} minutes ${direction} AWS (the STS response's Date header says ${skew.serverDate}).` : "This machine's clock is off.";
  const sts = stsMessage ? ` STS refused the request: "${stsMessage}".` : '';
  return finding({
    code: FindingCode.ClockSkew,
    severity,
    message: `${measured}${sts} Requests are signed with the local time and AWS accepts only a few minutes of difference. The JavaScript SDK corrects skew itself: it takes the offset from the Date header of an AWS response and, when it is 4 minutes or more, retries with the corrected time (unless AWS_DISABLE_CLOCK_SKEW_CORRECTION is set). botocore (boto3, AWS CLI v1) and AWS CLI v2 do not, and fail with "Signature expired" (clock behind) or "Signature not yet current" (clock ahead). Synchronise the clock: \`sudo hwclock -s\` or \`sudo ntpdate pool.ntp.org\` (or enable NTP: \`sudo timedatectl set-ntp true\`); on WSL, after the laptop slept, run \`wsl --shutdown\` from Windows or \`sudo hwclock -s\` inside WSL.`,
    tools: [...TOOL_IDS],
    fixes: [{ title: 'Synchronise the clock from the hardware clock (sudo hwclock -s)', action: { kind: 'runCommand', command: 'sudo hwclock -s' }, preferred: true }],
  });
}

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

const SSO_ERROR = /SSO session|SSO Token|sso login|Sso session|UnauthorizedException|SSOTokenProviderFailure|Token is expired/i;
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EPROTO',
  'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER',
]);
/** Generic lines of the chain's debug trace: every link that does not apply says one of these. */
const GENERIC_DEBUG = [
  /AWS_PROFILE is set, skipping fromEnv/,
  /Skipping SSO provider in default chain/,
  /Web identity configuration not specified/,
  /EC2 Instance Metadata Service access disabled/,
  /Could not load credentials from any providers/,
  /did not contain credential_process/,
  /could not be found in shared credentials file/,
];

function classify(e: unknown, stage: Stage, ctx: Context, skew: { ms: number; serverDate: string } | undefined): Finding[] {
  const code = errorCode(e);
  const message = errorMessage(e);
  const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  const what = `${code}${status ? `, HTTP ${status}` : ''}: "${message}"`;
  const where = stage === 'credentials' ? 'while the JavaScript SDK resolved credentials (a call the chain itself makes, e.g. AssumeRole or the SSO portal)' : `from STS GetCallerIdentity at ${ctx.endpoint ?? 'the STS endpoint'}`;

  if (e instanceof CheckAborted) {
    if (e.reason === 'cancelled') {
      return [finding({ code: FindingCode.LiveUnexpectedError, severity: 'warning', message: `The live check was cancelled ${stage === 'credentials' ? 'while the JavaScript SDK was resolving credentials' : `before STS answered (${endpointTried(ctx)})`}.`, tools: ['node'] })];
    }
    return [networkError(ctx, stage, `no answer within ${ctx.timeoutMs} ms`)];
  }
  if (code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException') return [invalidClientToken(ctx, what, where)];
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException') return [expiredToken(ctx, what, where)];
  if (code === 'SignatureDoesNotMatch' || code === 'InvalidSignatureException' || code === 'RequestTimeTooSkewed' || code === 'RequestExpired') {
    if (/Signature expired|not yet current|RequestTimeTooSkewed|RequestExpired|too large/i.test(`${code} ${message}`)) {
      return [clockSkew(ctx, skew ?? { ms: NaN, serverDate: 'unknown' }, 'error', `${code}: ${message}`)];
    }
    return [signatureMismatch(ctx, what, where)];
  }
  if (code === 'MissingAuthenticationToken' || code === 'MissingAuthenticationTokenException') {
    return [finding({
      code: FindingCode.LiveMissingAuthenticationToken,
      severity: 'error',
      message: `The request reached ${endpointTried(ctx)} without a signature AWS accepts (${what}). The JavaScript SDK normally fails before sending when it has no credentials, so this usually means the endpoint is not STS (a proxy, or AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS / endpoint_url pointing elsewhere) or the credentials are empty strings.`,
      tools: ['node'],
    })];
  }
  if (code === 'RegionDisabledException') {
    return [finding({
      code: FindingCode.LiveRegionDisabled,
      severity: 'error',
      message: `STS is not activated in ${ctx.region} for this account (${what}) — region from ${ctx.regionFrom}. Enable the region for the account (an opt-in region), activate regional STS in IAM account settings, or use another region.`,
      tools: ['node'],
      fixes: [{ title: 'Use us-east-1 (set AWS_REGION)', action: { kind: 'setEnv', name: 'AWS_REGION', value: 'us-east-1' } }],
    })];
  }
  if (/^AccessDenied/.test(code)) {
    const identities = TOOL_IDS.map((t) => {
      const r = ctx.d.tools[t];
      const key = r.credentials.accessKeyId ? `, key ${maskAccessKeyId(r.credentials.accessKeyId.value)}` : '';
      return `${toolLabel(t)}: profile "${r.profile}" (${r.source}${key})`;
    });
    return [finding({
      code: FindingCode.LiveAccessDenied,
      severity: 'error',
      message: `AWS denied the request ${where} (${what}). The credentials are valid, but this identity is not allowed: either the policy lacks the permission, or the wrong identity is in use. The tools resolve — ${identities.join('; ')}.`,
      tools: toolsSharingCredentials(ctx.d),
    })];
  }
  if (stage === 'credentials' && SSO_ERROR.test(message) && !/Required parameters/.test(message)) {
    const profile = ctx.options.profile ?? ctx.d.tools.node.profile;
    return [finding({
      code: FindingCode.LiveSsoTokenError,
      severity: 'error',
      message: `The JavaScript SDK cannot get SSO credentials for profile "${profile}": ${message} Log in again.`,
      tools: ['node'],
      fixes: [{ title: `Run aws sso login --profile ${profile}`, action: { kind: 'runCommand', command: `aws sso login --profile ${profile}` }, preferred: true }],
    })];
  }
  const netCode = networkCode(e);
  if (netCode) return [networkError(ctx, stage, `${netCode}: ${message}`)];
  if (stage === 'credentials' && (code === 'CredentialsProviderError' || code === 'ProviderError' || /Could not load credentials/.test(message))) {
    return [noCredentials(ctx, message)];
  }
  return [finding({
    code: FindingCode.LiveUnexpectedError,
    severity: 'error',
    message: `The live check failed ${where} with ${what}.`,
    tools: ['node'],
  })];
}

function invalidClientToken(ctx: Context, what: string, where: string): Finding {
  const causes = ctx.d.findings.filter((f) => INVALID_TOKEN_CAUSES.includes(f.code));
  causes.sort((a, b) => INVALID_TOKEN_CAUSES.indexOf(a.code) - INVALID_TOKEN_CAUSES.indexOf(b.code));
  const origin = ctx.d.tools.node.credentials.accessKeyId;
  const head = `AWS rejected the access key ${ctx.keyId ?? ''} ${where} (${what})${originText(origin)}.`;
  if (causes.length) {
    const tools = [...new Set(causes.flatMap((f) => f.tools))];
    return finding({
      code: FindingCode.LiveInvalidClientToken,
      severity: 'error',
      message: `${head} The local cause: ${causes.map((f) => `${f.code} — ${f.message}`).join(' Also: ')}`,
      tools: TOOL_IDS.filter((t) => tools.includes(t) || t === 'node'),
      ...locationOf(causes[0], origin),
      related: causes.flatMap(relatedOf),
      fixes: causes.flatMap((f) => f.fixes),
    });
  }
  return finding({
    code: FindingCode.LiveInvalidClientToken,
    severity: 'error',
    message: `${head} Nothing on this machine explains it, so the key itself is not valid where it was sent. Usual causes: the key was deleted, deactivated or rotated (check it in IAM, or \`aws iam list-access-keys\` from a working identity); it belongs to another account or partition (GovCloud, China) than the endpoint ${endpointTried(ctx)}; a session token from the global STS endpoint (a v1 token) used in an opt-in region such as ${ctx.region} — use regional STS endpoints or set the global endpoint token version to v2 in IAM account settings; or an ASIA key sent with a session token that belongs to another key.`,
    tools: toolsSharingCredentials(ctx.d),
    ...locationOf(undefined, origin),
  });
}

function expiredToken(ctx: Context, what: string, where: string): Finding {
  const node = ctx.d.tools.node;
  const known = node.expiry ? ` The engine reads their expiry as ${node.expiry.at} (${node.expiry.from}).` : ' No expiry is recorded on this machine for them.';
  const sdk = ctx.expiration ? ` The SDK's credentials carry Expiration ${ctx.expiration.toISOString()}.` : '';
  const fixes: Fix[] = [];
  if (node.source === 'sso' || node.expiry?.kind === 'sso-token') fixes.push({ title: `Run aws sso login --profile ${node.profile}`, action: { kind: 'runCommand', command: `aws sso login --profile ${node.profile}` }, preferred: true });
  const refresh = node.source === 'env' ? 'Refresh the environment variables (re-run what exported them: aws sts get-session-token, saml2aws, aws-vault, aws configure export-credentials) or unset them.'
    : node.source === 'static' ? 'Temporary keys are written into a file no SDK refreshes: re-run the tool that wrote them, or replace them.'
    : 'Log in again or re-run what issued them.';
  return finding({
    code: FindingCode.LiveExpiredToken,
    severity: 'error',
    message: `The temporary credentials the JavaScript SDK resolves${describeSource(ctx)} have expired: AWS answered ${where} (${what}).${known}${sdk} ${refresh} A clock far ahead gives the same error.`,
    tools: toolsSharingCredentials(ctx.d),
    ...locationOf(undefined, node.credentials.sessionToken ?? node.credentials.accessKeyId),
    fixes,
  });
}

function signatureMismatch(ctx: Context, what: string, where: string): Finding {
  const origin = ctx.d.tools.node.credentials.secretAccessKey;
  const causes = ctx.d.findings.filter((f) => SIGNATURE_CAUSES.includes(f.code) && (!origin || origin.kind !== 'file' || (f.file === origin.path && f.line === origin.setting.line) || f.code === FindingCode.ExampleKeys || f.code === FindingCode.PlaceholderKeys || f.code === FindingCode.MalformedSecretKey));
  const where2 = origin?.kind === 'file' ? ` The secret is on line ${origin.setting.line} of ${origin.path} (profile "${origin.profile}").` : origin?.kind === 'env' ? ` The secret comes from ${origin.name}.` : '';
  return finding({
    code: FindingCode.LiveSignatureMismatch,
    severity: 'error',
    message: `AWS knows the access key ${ctx.keyId ?? ''} but the signature does not match ${where} (${what}): the secret access key is wrong for it — mistyped or truncated (often around a / or +), quoted, with whitespace or an inline comment in the value, or the secret of another key.${where2}${causes.length ? ` Found on this machine: ${causes.map((f) => `${f.code} — ${f.message}`).join(' ')}` : ''}`,
    tools: toolsSharingCredentials(ctx.d),
    ...locationOf(undefined, origin),
    related: causes.flatMap(relatedOf),
    fixes: causes.flatMap((f) => f.fixes),
  });
}

function noCredentials(ctx: Context, message: string): Finding {
  const causes = ctx.debug
    .filter((l) => l.startsWith('@smithy/property-provider'))
    .map((l) => l.replace(/^@smithy\/property-provider (->|\(!\)) /, ''))
    .filter((l) => !GENERIC_DEBUG.some((g) => g.test(l)));
  const unique = [...new Set(causes)];
  const stop = /Could not load credentials from any providers/.test(message) ? '' : ` The chain stopped at: ${message}`;
  const profile = ctx.options.profile ?? ctx.d.tools.node.profile;
  return finding({
    code: FindingCode.LiveNoCredentials,
    severity: 'error',
    message: `The JavaScript SDK's credential chain found no usable credentials (profile "${profile}"${ctx.options.allowImds ? '' : ', instance metadata disabled for the check'}).${stop}${unique.length ? ` The chain's own trace names the cause: ${unique.join(' ')}` : ' No environment keys, no credentials for the profile in the config or credentials file, no credential_process, web identity or container credentials.'}`,
    tools: ['node'],
  });
}

function networkError(ctx: Context, stage: Stage, detail: string): Finding {
  return finding({
    code: FindingCode.LiveNetworkError,
    severity: 'warning',
    message: stage === 'credentials'
      ? `The JavaScript SDK could not finish resolving credentials (${detail}); the chain's own network calls (SSO portal, STS AssumeRole, container endpoint) or a slow credential_process did not answer. STS was not called.`
      : `STS could not be reached at ${endpointTried(ctx)} (${detail}). Nothing is known about the credentials. Check the network, a proxy (HTTPS_PROXY), or the endpoint override (--endpoint-url, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, endpoint_url).`,
    tools: ['node'],
  });
}

// ------------------------------------------------------------------------------------ helpers

function toolLabel(t: ToolId): string {
  return toolList([t]);
}

function describeSource(ctx: Context): string {
  const node = ctx.d.tools.node;
  const profile = ctx.options.profile ?? node.profile;
  return ` (profile "${profile}", ${node.source === 'env' ? 'environment variables' : node.source})`;
}

function originText(origin: ValueOrigin | undefined): string {
  if (!origin) return '';
  return origin.kind === 'env' ? `, taken from ${origin.name}` : `, taken from line ${origin.setting.line} of ${origin.path}`;
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

function locationOf(cause: Finding | undefined, origin: ValueOrigin | undefined): { file?: string; fileKind?: 'config' | 'credentials'; line?: number; column?: number; env?: string } {
  if (cause && (cause.file || cause.env)) {
    return cause.file ? { file: cause.file, fileKind: cause.fileKind ?? undefined, line: cause.line ?? undefined, column: cause.column ?? undefined } : { env: cause.env ?? undefined };
  }
  if (!origin) return {};
  return origin.kind === 'env' ? { env: origin.name } : { file: origin.path, fileKind: origin.setting.file, line: origin.setting.line, column: origin.setting.valueColumn };
}

function relatedOf(f: Finding): RelatedLocation[] {
  return f.file && f.line ? [{ path: f.file, line: f.line, column: f.column ?? 1, message: `${f.code}: ${f.message}` }] : [];
}

function endpointTried(ctx: Context): string {
  if (ctx.endpoint) return ctx.endpoint;
  const env = ctx.d.input.env;
  return ctx.options.endpointUrl ?? env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL ?? `https://sts.${ctx.region}.amazonaws.com`;
}

function errorCode(e: unknown): string {
  if (e && typeof e === 'object') {
    const o = e as { Code?: unknown; name?: unknown; code?: unknown };
    if (typeof o.Code === 'string' && o.Code) return o.Code;
    // Node's network errors are plain Errors with the useful part in `code` (ECONNREFUSED, …).
    if ((o.name === 'Error' || o.name === undefined) && typeof o.code === 'string' && o.code) return o.code;
    if (typeof o.name === 'string' && o.name) return o.name;
  }
  return 'Error';
}

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') return (e as { message: string }).message;
  return String(e);
}

function isAbortError(e: unknown): boolean {
  return !!e && typeof e === 'object' && ((e as { name?: unknown }).name === 'AbortError' || (e as { code?: unknown }).code === 'ABORT_ERR');
}

function networkCode(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (let x: unknown = e; x && typeof x === 'object' && !seen.has(x); x = (x as { cause?: unknown }).cause) {
    seen.add(x);
    const o = x as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof o.code === 'string' && (NETWORK_CODES.has(o.code) || o.code.startsWith('ERR_TLS') || o.code.startsWith('ERR_SSL'))) return o.code;
    if (o.name === 'TimeoutError' || o.name === 'RequestTimeout') return String(o.name);
  }
  return undefined;
}

function redactFinding(f: Finding, d: Diagnosis): Finding {
  const r = (s: string) => d.redactor.redact(s);
  return {
    ...f,
    message: r(f.message),
    related: f.related.map((x) => ({ ...x, message: r(x.message) })),
    fixes: f.fixes.map((x) => ({ ...x, title: r(x.title) })),
  };
}
