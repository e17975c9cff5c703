/**
 * The live check's outcome → findings: exactly one IDENTITY_CONFIRMED / LIVE_* finding (plus
 * CLOCK_SKEW when the local clock is off), naming the local cause from the diagnosis where there
 * is one. Pure and SDK-free: it reads the plain data the child process sent (protocol.ts), the
 * diagnosis and an injected time; unit-tested under plain Node.
 */
import type { Diagnosis } from '../engine/diagnosis';
import type { Finding, Fix, RelatedLocation, Severity } from '../engine/findings';
import { FindingCode } from '../engine/findings';
import type { ToolId } from '../engine/model';
import { TOOL_IDS } from '../engine/model';
import { maskAccessKeyId } from '../engine/redact';
import { redactFinding } from '../engine/redactFinding';
import { finding, toolList } from '../engine/rules/kit';
import type { ValueOrigin } from '../engine/toolResolution';
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
  const done = (c: Classified): Classified => ({ ...c, findings: c.findings.map((f) => redactFinding(f, ctx.d.redactor)) });
  if (ending.kind !== 'answered') {
    const error: ErrorInfo = ending.kind === 'timeout' ? { code: 'TimeoutError', message: `The live check timed out after ${ctx.timeoutMs} ms` }
      : ending.kind === 'cancelled' ? { code: 'AbortError', message: 'The live check was cancelled' }
      : { code: 'ChildProcessError', message: ending.detail };
    const findings = ending.kind === 'timeout' ? [networkError(ctx, ending.stage, `no answer within ${ctx.timeoutMs} ms`)]
      : ending.kind === 'cancelled' ? [cancelled(ctx, ending.stage)]
      : [finding({ code: FindingCode.LiveUnexpectedError, severity: 'error', message: `The live check's process ended without an answer ${ending.stage === 'credentials' ? 'while the JavaScript SDK resolved credentials' : 'while STS was called'}: ${ending.detail}`, tools: ['node'] })];
    return done({ ok: false, clockSkewMs: null, error: { name: error.code, message: r(error.message) }, findings });
  }

  const { outcome } = ending;
  const skew = skewOf(outcome, now);
  const skewFinding = skew && Math.abs(skew.ms) > SKEW_LIMIT_MS ? [clockSkew(skew, 'warning')] : [];
  const result = outcome.result;
  const notSts = notStsReason(outcome, ctx.maxBodyBytes);
  if (notSts) {
    return done({
      ok: false,
      clockSkewMs: null,
      error: { name: 'NotAnStsResponse', message: r(notSts), ...(outcome.response ? { httpStatus: outcome.response.status } : {}) },
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
    error: { name: r(result.error.code), message: r(result.error.message), ...(result.error.httpStatus !== undefined ? { httpStatus: result.error.httpStatus } : {}) },
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

/**
 * Why this answer is not STS GetCallerIdentity's, or undefined when it is: a body larger than any
 * STS answer, a 2xx the SDK could not read as one (an HTML captive portal), or fields that are
 * missing or shaped wrong (an empty `<GetCallerIdentityResponse/>`).
 */
export function notStsReason(outcome: LiveOutcome, maxBodyBytes: number): string | undefined {
  const { result, response } = outcome;
  const from = response ? `HTTP ${response.status}${response.contentType ? `, ${response.contentType}` : ''}` : 'the response';
  if (outcome.bodyTooLarge) return `The response body (${from}) is larger than any STS answer: reading stopped after ${maxBodyBytes} bytes.`;
  if (result.kind === 'error') {
    if (result.stage === 'call' && response && response.status >= 200 && response.status < 300 && !result.error.networkCode) {
      return `The answer (${from}) could not be read as STS GetCallerIdentity's: ${result.error.code}: ${result.error.message}`;
    }
    return undefined;
  }
  const problems: string[] = [];
  if (!result.account || !ACCOUNT.test(result.account)) problems.push(result.account ? 'the account is not 12 digits' : 'no account');
  const arn = result.arn ? IDENTITY_ARN.exec(result.arn) : null;
  if (!arn) problems.push(result.arn ? 'the ARN is not an IAM or STS identity ARN' : 'no ARN');
  else if (result.account && arn[1] !== result.account) problems.push("the ARN's account is not the account");
  if (!result.userId || !USER_ID.test(result.userId)) problems.push(result.userId ? 'the user id is malformed' : 'no user id');
  return problems.length ? `The answer (${from}) is not an STS GetCallerIdentity result: ${problems.join(', ')}.` : undefined;
}

function skewOf(outcome: LiveOutcome, now: number): { ms: number; serverDate: string } | undefined {
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

const SSO_ERROR = /SSO session|SSO Token|sso login|Sso session|UnauthorizedException|SSOTokenProviderFailure|Token is expired/i;
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

export function classifyError(e: ErrorInfo, stage: Stage, ctx: LiveContext, outcome: Pick<LiveOutcome, 'debug' | 'refusedMetadata'>, skew: { ms: number; serverDate: string } | undefined): Finding[] {
  const { debug, refusedMetadata = [] } = outcome;
  const { code, message } = e;
  const what = `${code}${e.httpStatus ? `, HTTP ${e.httpStatus}` : ''}: "${message}"`;
  const where = stage === 'credentials' ? 'while the JavaScript SDK resolved credentials (a call the chain itself makes, e.g. AssumeRole or the SSO portal)' : `from STS GetCallerIdentity at ${ctx.endpoint ?? 'the STS endpoint'}`;

  if (code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException') return [invalidClientToken(ctx, what, where)];
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException') return [expiredToken(ctx, what, where)];
  if (code === 'SignatureDoesNotMatch' || code === 'InvalidSignatureException' || code === 'RequestTimeTooSkewed' || code === 'RequestExpired') {
    if (/Signature expired|not yet current|RequestTimeTooSkewed|RequestExpired|too large/i.test(`${code} ${message}`)) {
      return [clockSkew(skew ?? { ms: NaN, serverDate: 'unknown' }, 'error', `${code}: ${message}`)];
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
      return `${toolList([t])}: profile "${r.profile}" (${r.source}${key})`;
    });
    return [finding({
      code: FindingCode.LiveAccessDenied,
      severity: 'error',
      message: `AWS denied the request ${where} (${what}). The credentials are valid, but this identity is not allowed: either the policy lacks the permission, or the wrong identity is in use. The tools resolve — ${identities.join('; ')}.`,
      tools: toolsSharingCredentials(ctx.d),
    })];
  }
  if (stage === 'credentials' && SSO_ERROR.test(message) && !/Required parameters/.test(message)) {
    return [finding({
      code: FindingCode.LiveSsoTokenError,
      severity: 'error',
      message: `The JavaScript SDK cannot get SSO credentials for profile "${ctx.profile}": ${message} Log in again.`,
      tools: ['node'],
      fixes: [{ title: `Run aws sso login --profile ${ctx.profile}`, action: { kind: 'runCommand', command: `aws sso login --profile ${ctx.profile}` }, preferred: true }],
    })];
  }
  if (e.networkCode) return [networkError(ctx, stage, `${e.networkCode}: ${message}`)];
  if (stage === 'credentials' && (code === 'CredentialsProviderError' || code === 'ProviderError' || /Could not load credentials/.test(message))) {
    return [noCredentials(ctx, message, debug, refusedMetadata)];
  }
  return [finding({
    code: FindingCode.LiveUnexpectedError,
    severity: 'error',
    message: `The live check failed ${where} with ${what}.`,
    tools: ['node'],
  })];
}

// ------------------------------------------------------------------------------------ findings

function identityConfirmed(ctx: LiveContext, account: string, arn: string, userId: string): Finding {
  const node = ctx.d.tools.node;
  const others = toolsSharingCredentials(ctx.d).filter((t) => t !== 'node');
  return finding({
    code: FindingCode.IdentityConfirmed,
    severity: 'info',
    message: `STS GetCallerIdentity confirms the credentials the JavaScript SDK resolves${describeSource(ctx)}: account ${account}, ${arn} (user id ${userId}), access key ${ctx.keyId ?? 'unknown'}, endpoint ${ctx.endpoint ?? 'unknown'} in ${ctx.region}.${others.length ? ` ${toolList(others)} resolve the same credentials (profile "${node.profile}").` : ''}`,
    tools: ['node'],
  });
}

function notStsResponse(ctx: LiveContext, reason: string): Finding {
  return finding({
    code: FindingCode.LiveNetworkError,
    severity: 'warning',
    message: `${endpointTried(ctx)} did not answer like STS. ${reason} Something else answered in STS's place — a captive portal (hotel or airport Wi-Fi), a proxy, or an endpoint override (--endpoint-url, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, endpoint_url) pointing at another service. Nothing is known about the credentials.`,
    tools: ['node'],
  });
}

function clockSkew(skew: { ms: number; serverDate: string }, severity: Severity, stsMessage?: string): Finding {
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

function cancelled(ctx: LiveContext, stage: Stage): Finding {
  return finding({ code: FindingCode.LiveUnexpectedError, severity: 'warning', message: `The live check was cancelled ${stage === 'credentials' ? 'while the JavaScript SDK was resolving credentials' : `before STS answered (${endpointTried(ctx)})`}.`, tools: ['node'] });
}

function invalidClientToken(ctx: LiveContext, what: string, where: string): Finding {
  const causes = ctx.d.findings.filter((f) => INVALID_TOKEN_CAUSES.includes(f.code) && aboutCredentialsInUse(f, ctx));
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

function expiredToken(ctx: LiveContext, what: string, where: string): Finding {
  const node = ctx.d.tools.node;
  const known = node.expiry ? ` The engine reads their expiry as ${node.expiry.at} (${node.expiry.from}).` : ' No expiry is recorded on this machine for them.';
  const sdk = ctx.expiration ? ` The SDK's credentials carry Expiration ${ctx.expiration}.` : '';
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

function signatureMismatch(ctx: LiveContext, what: string, where: string): Finding {
  const origin = ctx.d.tools.node.credentials.secretAccessKey;
  const causes = ctx.d.findings.filter((f) => SIGNATURE_CAUSES.includes(f.code) && aboutCredentialsInUse(f, ctx));
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

function noCredentials(ctx: LiveContext, message: string, debug: readonly string[], refusedMetadata: readonly string[]): Finding {
  const causes = debug
    .filter((l) => l.startsWith('@smithy/property-provider'))
    .map((l) => l.replace(/^@smithy\/property-provider (->|\(!\)) /, ''))
    .filter((l) => !GENERIC_DEBUG.some((g) => g.test(l)));
  const unique = [...new Set(causes)];
  const stop = /Could not load credentials from any providers/.test(message) ? '' : ` The chain stopped at: ${message}`;
  const withheld = ctx.withheld.filter((n) => n.endsWith('_URI'));
  const notes = [ctx.allowImds ? '' : ', instance metadata disabled for the check', withheld.length ? `, ${withheld.join(' and ')} withheld (the container endpoint is contacted only with --allow-imds)` : ''].join('');
  const sources = credentialSources(ctx);
  const refused = refusedMetadata.length ? ` The chain tried to reach instance metadata (${refusedMetadata.join(', ')})${sources.length ? ` for ${sources.join(', ')}` : ''}; the check contacts it only with --allow-imds.` : '';
  return finding({
    code: FindingCode.LiveNoCredentials,
    severity: 'error',
    message: `The JavaScript SDK's credential chain found no usable credentials (profile "${ctx.profile}"${notes}).${refused}${stop}${unique.length ? ` The chain's own trace names the cause: ${unique.join(' ')}` : ' No environment keys, no credentials for the profile in the config or credentials file, no credential_process, web identity or container credentials.'}`,
    tools: ['node'],
  });
}

function networkError(ctx: LiveContext, stage: Stage, detail: string): Finding {
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

/** `credential_source = …` of the profiles the SDK walks, as `profile "x" (credential_source = Ec2InstanceMetadata)`. */
function credentialSources(ctx: LiveContext): string[] {
  const out: string[] = [];
  for (const name of profilesWalked(ctx.d, ctx.profile)) {
    const source = ctx.d.nodeView.merged.get(name)?.get('credential_source')?.value;
    if (source) out.push(`profile "${name}" (credential_source = ${source})`);
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
  const origins = [node.credentials.accessKeyId, node.credentials.secretAccessKey, node.credentials.sessionToken].filter((o): o is ValueOrigin => !!o);
  if (f.env !== null) return origins.some((o) => o.kind === 'env' && o.name === f.env);
  if (f.file === null || f.line === null) return false;
  if (origins.some((o) => o.kind === 'file' && o.path === f.file && o.setting.line === f.line)) return true;
  const view = ctx.d.nodeView;
  const sections = f.file === view.credentials.path ? view.credentialsProfiles : f.file === view.config.path ? view.configProfiles : undefined;
  if (!sections) return false;
  for (const name of profilesWalked(ctx.d, ctx.profile)) {
    const section = sections.get(name);
    if (section && [...section.values()].some((s) => s.line === f.line)) return true;
  }
  return false;
}

function describeSource(ctx: LiveContext): string {
  const node = ctx.d.tools.node;
  return ` (profile "${ctx.profile}", ${node.source === 'env' ? 'environment variables' : node.source})`;
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

function endpointTried(ctx: LiveContext): string {
  if (ctx.endpoint) return ctx.endpoint;
  const env = ctx.d.input.env;
  return ctx.endpointUrl ?? env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL ?? `https://sts.${ctx.region}.amazonaws.com`;
}
