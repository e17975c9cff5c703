/**
 * Rules about the credential values themselves: stale and mismatched session tokens, temporary
 * keys without their token, and key shape (length, alphabet, pasted user/role ids, the
 * documentation's example keys, placeholders sent to real AWS).
 */
import type { DiagnosisBase } from '../diagnosis';
import type { Finding, Fix } from '../findings';
import { FindingCode } from '../findings';
import type { LexEntry, LexHeader } from '../lexical';
import { entriesWithKey } from '../lexical';
import type { ToolId } from '../model';
import { TOOL_IDS } from '../model';
import { maskAccessKeyId } from '../redact';
import type { AwsFile } from '../awsFiles';
import type { Rule } from './kit';
import { filesInPlay, finding, toolList, toolsUsingProfile } from './kit';
import { localEndpoint } from './endpoints';

const ACCESS_KEY_ID = /^(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}$/;
const UNIQUE_ID_PREFIXES = ['AIDA', 'AROA', 'AGPA', 'AIPA', 'ANPA', 'ANVA', 'APKA', 'ASCA'];
const SECRET = /^[A-Za-z0-9/+]{40}$/;
const EXAMPLE_VALUES = new Set(['AKIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY']);
const PLACEHOLDER = /^(?:fake|fakekey|fakeid|fakesecret|test|testing|local|localhost|dummy|dummykey|foo|bar|xxx+|changeme|placeholder|none|null|key|secret|mykey|mysecret|access|accesskey|secretkey|x|abc|123|1234|root)$/i;

/** One profile's credential lines in one file (keys compared case-insensitively, as botocore does). */
interface ProfileCredentials {
  readonly file: AwsFile;
  readonly header: LexHeader;
  readonly profile: string;
  readonly keyId?: LexEntry;
  readonly secret?: LexEntry;
  readonly sessionToken?: LexEntry;
  readonly securityToken?: LexEntry;
}

const CREDENTIAL_KEY = /^aws_(?:access_key_id|secret_access_key|session_token|security_token)$/i;
const memo = new WeakMap<DiagnosisBase, ProfileCredentials[]>();

/** Every profile's credential lines (computed once per diagnosis: several rules read them). */
function profileCredentials(d: DiagnosisBase): ProfileCredentials[] {
  let out = memo.get(d);
  if (out) return out;
  out = [];
  memo.set(d, out);
  for (const { file } of filesInPlay(d)) {
    let pc: { -readonly [K in keyof ProfileCredentials]: ProfileCredentials[K] } | undefined;
    // In file order: the entries of one section come one after another.
    for (const e of entriesWithKey(file.lexical, 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token')) {
      const header = e.section!;
      const k = e.lowerKey;
      // A key written with capitals: the expression decides, as botocore's ASCII-only match would (a Kelvin sign K lowercases to k).
      if (header.profile === undefined || e.delimiter !== '=' || (k !== e.key && !CREDENTIAL_KEY.test(e.key))) continue;
      if (pc?.header !== header) out.push((pc = { file, header, profile: header.profile, keyId: undefined, secret: undefined, sessionToken: undefined, securityToken: undefined }));
      if (k === 'aws_access_key_id') pc.keyId ??= e;
      else if (k === 'aws_secret_access_key') pc.secret ??= e;
      else if (k === 'aws_session_token') pc.sessionToken ??= e;
      else pc.securityToken ??= e;
    }
  }
  return out;
}

const at = (pc: ProfileCredentials, e: LexEntry) => ({ file: pc.file.path, fileKind: pc.file.kind, line: e.line, column: e.keyColumn });
const deleteLine = (pc: ProfileCredentials, e: LexEntry, title: string): Fix => ({ title, action: { kind: 'deleteLine', path: pc.file.path, line: e.line }, preferred: true });
const envTools = (d: DiagnosisBase): ToolId[] => TOOL_IDS.filter((t) => d.tools[t].source === 'env' || d.tools[t].credentials.accessKeyId?.kind === 'env');

const staleSessionToken: Rule = (d) => {
  const { env } = d.input;
  const id = env.AWS_ACCESS_KEY_ID ?? '';
  const name = env.AWS_SESSION_TOKEN ? 'AWS_SESSION_TOKEN' : env.AWS_SECURITY_TOKEN ? 'AWS_SECURITY_TOKEN' : undefined;
  if (!id.startsWith('AKIA') || !name) return [];
  const tools = envTools(d);
  return [finding({
    code: FindingCode.StaleSessionToken,
    severity: tools.length ? 'error' : 'warning',
    message: `${name} is set next to a long-term access key (${maskAccessKeyId(id)}, an AKIA key). Long-term keys take no session token, so AWS answers "The security token included in the request is invalid" (InvalidClientTokenId / UnrecognizedClientException). The token is probably left over from an earlier MFA or assume-role session.${tools.length ? ` Affects ${toolList(tools)}, which sign with these keys.` : ' No tool signs with these keys right now, but any that falls back to the environment will fail.'}`,
    tools: tools.length ? tools : [...TOOL_IDS],
    env: name,
    fixes: [{ title: `Unset the stale ${name}`, action: { kind: 'unsetEnv', name }, preferred: true }],
  })];
};

const profileStaleSessionToken: Rule = (d) =>
  profileCredentials(d).flatMap((pc) => {
    const token = pc.sessionToken?.value ? pc.sessionToken : pc.securityToken?.value ? pc.securityToken : undefined;
    if (!pc.keyId?.value.startsWith('AKIA') || !token) return [];
    const tools = toolsUsingProfile(d, pc.profile);
    return [finding({
      code: FindingCode.ProfileStaleSessionToken,
      severity: tools.length ? 'error' : 'warning',
      message: `Profile "${pc.profile}" has ${token.key} next to a long-term access key (${maskAccessKeyId(pc.keyId.value)}, an AKIA key, line ${pc.keyId.line}). AWS rejects the pair: "The security token included in the request is invalid". The token belongs to an earlier temporary session.${tools.length ? ` ${toolList(tools)} use this profile now.` : ''}`,
      tools: tools.length ? tools : [...TOOL_IDS],
      ...at(pc, token),
      related: [{ path: pc.file.path, line: pc.keyId.line, column: pc.keyId.keyColumn, message: 'the long-term key' }],
      fixes: [deleteLine(pc, token, `Delete the stale ${token.key} line`)],
    })];
  });

const sessionTokenWithoutKeys: Rule = (d) => {
  const { env } = d.input;
  const name = env.AWS_SESSION_TOKEN ? 'AWS_SESSION_TOKEN' : env.AWS_SECURITY_TOKEN ? 'AWS_SECURITY_TOKEN' : undefined;
  if (!name || env.AWS_ACCESS_KEY_ID || env.AWS_SECRET_ACCESS_KEY) return [];
  return [finding({
    code: FindingCode.SessionTokenWithoutKeys,
    severity: 'warning',
    message: `${name} is set but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not: no tool uses a session token on its own, so it is ignored, and it will break the next long-term keys someone exports. It is left over from an earlier session.`,
    tools: [...TOOL_IDS],
    env: name,
    fixes: [{ title: `Unset ${name}`, action: { kind: 'unsetEnv', name }, preferred: true }],
  })];
};

const temporaryKeyWithoutToken: Rule = (d) => {
  const out: Finding[] = [];
  const { env } = d.input;
  if (env.AWS_ACCESS_KEY_ID?.startsWith('ASIA') && env.AWS_SECRET_ACCESS_KEY && !env.AWS_SESSION_TOKEN) {
    const botocoreHasLegacy = !!env.AWS_SECURITY_TOKEN;
    const tools = envTools(d).filter((t) => t === 'node' || !botocoreHasLegacy);
    if (tools.length) {
      out.push(finding({
        code: FindingCode.TemporaryKeyWithoutToken,
        severity: 'error',
        message: `AWS_ACCESS_KEY_ID is a temporary key (${maskAccessKeyId(env.AWS_ACCESS_KEY_ID)}, an ASIA key) but AWS_SESSION_TOKEN is not set${botocoreHasLegacy ? ' (botocore would take AWS_SECURITY_TOKEN; the JavaScript SDK ignores it)' : ''}. Temporary keys only work with their session token: AWS answers "The security token included in the request is invalid". Export all three values from the same session.`,
        tools,
        env: 'AWS_ACCESS_KEY_ID',
      }));
    }
  }
  for (const pc of profileCredentials(d)) {
    if (!pc.keyId?.value.startsWith('ASIA') || pc.sessionToken?.value || pc.securityToken?.value) continue;
    const tools = toolsUsingProfile(d, pc.profile);
    out.push(finding({
      code: FindingCode.TemporaryKeyWithoutToken,
      severity: tools.length ? 'error' : 'warning',
      message: `Profile "${pc.profile}" has a temporary access key (${maskAccessKeyId(pc.keyId.value)}, an ASIA key) but no aws_session_token, so AWS rejects it ("The security token included in the request is invalid"). Copy the session token from the same session, or use long-term keys.`,
      tools: tools.length ? tools : [...TOOL_IDS],
      ...at(pc, pc.keyId),
    }));
  }
  return out;
};

const securityTokenMismatch: Rule = (d) => {
  const out: Finding[] = [];
  const { env } = d.input;
  if (env.AWS_SECURITY_TOKEN && env.AWS_SESSION_TOKEN && env.AWS_SECURITY_TOKEN !== env.AWS_SESSION_TOKEN) {
    out.push(finding({
      code: FindingCode.SecurityTokenMismatch,
      severity: 'error',
      message: 'AWS_SECURITY_TOKEN and AWS_SESSION_TOKEN hold different tokens. botocore (boto3, AWS CLI v1) and AWS CLI v2 prefer the legacy AWS_SECURITY_TOKEN; the JavaScript SDK reads only AWS_SESSION_TOKEN. At least one side sends a token that does not match the keys.',
      tools: ['python', 'cli'],
      env: 'AWS_SECURITY_TOKEN',
      fixes: [{ title: 'Unset the legacy AWS_SECURITY_TOKEN', action: { kind: 'unsetEnv', name: 'AWS_SECURITY_TOKEN' }, preferred: true }],
    }));
  }
  for (const pc of profileCredentials(d)) {
    if (!pc.securityToken?.value || !pc.sessionToken?.value || pc.securityToken.value === pc.sessionToken.value) continue;
    out.push(finding({
      code: FindingCode.SecurityTokenMismatch,
      severity: toolsUsingProfile(d, pc.profile).length ? 'error' : 'warning',
      message: `Profile "${pc.profile}" has aws_security_token and aws_session_token with different values. botocore and the AWS CLI use aws_security_token; the JavaScript SDK uses aws_session_token. The two sides sign with different tokens, and at least one is stale.`,
      tools: ['python', 'cli'],
      ...at(pc, pc.securityToken),
      related: [{ path: pc.file.path, line: pc.sessionToken.line, column: pc.sessionToken.keyColumn, message: 'aws_session_token' }],
      fixes: [deleteLine(pc, pc.securityToken, 'Delete the legacy aws_security_token line')],
    }));
  }
  return out;
};

/** A credential value to check: where it is, and which tools use it. */
interface KeyValue {
  readonly value: string;
  readonly what: 'access key id' | 'secret access key';
  readonly where: { env: string } | { pc: ProfileCredentials; entry: LexEntry };
  readonly tools: ToolId[];
}

function keyValues(d: DiagnosisBase): KeyValue[] {
  const out: KeyValue[] = [];
  const { env } = d.input;
  const tools = envTools(d);
  if (env.AWS_ACCESS_KEY_ID) out.push({ value: env.AWS_ACCESS_KEY_ID, what: 'access key id', where: { env: 'AWS_ACCESS_KEY_ID' }, tools });
  if (env.AWS_SECRET_ACCESS_KEY) out.push({ value: env.AWS_SECRET_ACCESS_KEY, what: 'secret access key', where: { env: 'AWS_SECRET_ACCESS_KEY' }, tools });
  for (const pc of profileCredentials(d)) {
    // Nearly every key is well formed: nothing is built for those.
    const keyId = pc.keyId?.value && !wellFormed(pc.keyId.value, ACCESS_KEY_ID) ? pc.keyId : undefined;
    const secret = pc.secret?.value && !wellFormed(pc.secret.value, SECRET) ? pc.secret : undefined;
    if (!keyId && !secret) continue;
    const used = toolsUsingProfile(d, pc.profile);
    if (keyId) out.push({ value: keyId.value, what: 'access key id', where: { pc, entry: keyId }, tools: used });
    if (secret) out.push({ value: secret.value, what: 'secret access key', where: { pc, entry: secret }, tools: used });
  }
  return out;
}

/** A key of the right shape that is not the documentation's example: no finding of keyShape applies. */
const wellFormed = (value: string, shape: RegExp) => shape.test(value) && !EXAMPLE_VALUES.has(value);

function placeOf(k: KeyValue) {
  return 'env' in k.where ? { env: k.where.env } : at(k.where.pc, k.where.entry);
}

function describe(k: KeyValue): string {
  return 'env' in k.where ? k.where.env : `profile "${k.where.pc.profile}" (${k.where.pc.file.kind} file, line ${k.where.entry.line})`;
}

const keyShape: Rule = (d) => {
  const out: Finding[] = [];
  const local = localEndpoint(d);
  // The example and placeholder values come in pairs (key id and secret): said once per place.
  const saidFor = new Set<unknown>();
  const once = (k: KeyValue) => {
    const where = 'env' in k.where ? 'env' : k.where.pc;
    if (saidFor.has(where)) return false;
    saidFor.add(where);
    return true;
  };
  for (const k of keyValues(d)) {
    const v = k.value.charCodeAt(0) === 34 || k.value.charCodeAt(0) === 39 ? k.value.replace(/^["']|["']$/g, '') : k.value;
    // The common case first: a well-formed key that is not the documentation's example.
    if (wellFormed(v, k.what === 'access key id' ? ACCESS_KEY_ID : SECRET)) continue;
    const used = k.tools.length > 0;
    if (EXAMPLE_VALUES.has(v)) {
      if (once(k)) out.push(finding({
        code: FindingCode.ExampleKeys,
        severity: used && !local ? 'error' : 'warning',
        message: `The ${k.what} in ${describe(k)} is the AWS documentation's example value${local ? `; fine for the local endpoint ${local}, ` : ', which AWS rejects ("The security token included in the request is invalid"); '}replace it with your own ${local ? 'when you talk to AWS' : 'keys'}.`,
        tools: used ? k.tools : [...TOOL_IDS],
        ...placeOf(k),
      }));
      continue;
    }
    if (PLACEHOLDER.test(v)) {
      if (!local && once(k)) {
        out.push(finding({
          code: FindingCode.PlaceholderKeys,
          severity: used ? 'error' : 'warning',
          message: `The ${k.what} in ${describe(k)} is a placeholder ("${v.length <= 12 ? v : v.slice(0, 12)}…" style values such as fake/test/local/dummy are what DynamoDB Local and other emulators accept), but no local endpoint is configured (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, endpoint_url): requests go to AWS and fail with "The security token included in the request is invalid". Set the endpoint (for DynamoDB Local: AWS_ENDPOINT_URL_DYNAMODB=http://localhost:8000) or use real keys.`,
          tools: used ? k.tools : [...TOOL_IDS],
          ...placeOf(k),
          fixes: [{ title: 'Send DynamoDB requests to DynamoDB Local (AWS_ENDPOINT_URL_DYNAMODB=http://localhost:8000)', action: { kind: 'setEnv', name: 'AWS_ENDPOINT_URL_DYNAMODB', value: 'http://localhost:8000' } }],
        }));
      }
      continue;
    }
    if (k.what === 'access key id') {
      const prefix = UNIQUE_ID_PREFIXES.find((p) => v.startsWith(p));
      if (prefix) {
        out.push(finding({
          code: FindingCode.UniqueIdAsAccessKey,
          severity: used ? 'error' : 'warning',
          message: `The access key id in ${describe(k)} starts with ${prefix}: that is an IAM ${prefix === 'AROA' ? 'role' : prefix === 'AIDA' ? 'user' : 'entity'}'s unique id (as GetCallerIdentity shows it), not an access key. Access keys start with AKIA (long-term) or ASIA (temporary); create or copy an access key instead.`,
          tools: used ? k.tools : [...TOOL_IDS],
          ...placeOf(k),
        }));
      } else if (!ACCESS_KEY_ID.test(v)) {
        out.push(finding({
          code: FindingCode.MalformedAccessKeyId,
          severity: used ? 'error' : 'warning',
          message: `The access key id in ${describe(k)} is not an AWS access key id: those are 20 characters, AKIA or ASIA followed by 16 of A–Z and 2–7 (this one has ${v.length}${/\s/.test(v) ? ', with whitespace' : ''}${/[a-z]/.test(v) ? ', with lower-case letters' : ''}). It was probably truncated or mistyped; AWS will answer InvalidClientTokenId.`,
          tools: used ? k.tools : [...TOOL_IDS],
          ...placeOf(k),
        }));
      }
    } else if (!SECRET.test(v)) {
      out.push(finding({
        code: FindingCode.MalformedSecretKey,
        severity: used ? 'error' : 'warning',
        message: `The secret access key in ${describe(k)} is not 40 characters of A–Z, a–z, 0–9, / and + (it has ${v.length}${/\s/.test(v) ? ', with whitespace' : ''}). A truncated secret (often cut at a / or +) gives "SignatureDoesNotMatch".`,
        tools: used ? k.tools : [...TOOL_IDS],
        ...placeOf(k),
      }));
    }
  }
  return out;
};

export const CREDENTIAL_RULES: readonly Rule[] = [staleSessionToken, profileStaleSessionToken, sessionTokenWithoutKeys, temporaryKeyWithoutToken, securityTokenMismatch, keyShape];
