/**
 * Rules about the credential values themselves: stale and mismatched session tokens, temporary
 * keys without their token, and key shape (length, alphabet, pasted user/role ids, the
 * documentation's example keys, placeholders sent to real AWS).
 */
import type { DiagnosisBase } from '../findings/diagnosis';
import type { Fix } from '../findings/findings';
import type { LexEntry, LexHeader } from '../files/lexical';
import { entriesWithKey } from '../files/lexical';
import type { ToolId } from '../core/model';
import { TOOL_IDS } from '../core/model';
import { maskAccessKeyId } from '../secrets/redact';
import type { AwsFile } from '../files/awsFiles';
import type { Check } from './kit';
import { declareCodes, filesInPlay, orAll, ruleModule, toolList, toolsUsingProfile } from './kit';
import { endpointLabel, localEndpoint } from './endpoints';

// The key-shape templates name the key's place one of two ways: a variable, or a profile's line.
const IN_ENV = 'in {variable}';
const IN_PROFILE = 'in profile "{profile}" ({fileKind} file, line {line})';
const INVALID_TOKEN = '"The security token included in the request is invalid"';
const STALE_TOKEN = `{variable} is set next to a long-term access key ({accessKeyId}, an AKIA key). Long-term keys take no session token, so AWS answers ${INVALID_TOKEN} (InvalidClientTokenId / UnrecognizedClientException). The token is probably left over from an earlier MFA or assume-role session.`;
const PROFILE_STALE_TOKEN = `Profile "{profile}" has {tokenKey} next to a long-term access key ({accessKeyId}, an AKIA key, line {line}). AWS rejects the pair: ${INVALID_TOKEN}. The token belongs to an earlier temporary session.`;
const NO_SESSION_TOKEN = <const L extends string>(legacy: L) =>
  `AWS_ACCESS_KEY_ID is a temporary key ({accessKeyId}, an ASIA key) but AWS_SESSION_TOKEN is not set${legacy}. Temporary keys only work with their session token: AWS answers ${INVALID_TOKEN}. Export all three values from the same session.` as const;
const EXAMPLE = <const K extends string, const W extends string>(what: K, where: W) =>
  `The ${what} ${where} is the AWS documentation's example value, which AWS rejects (${INVALID_TOKEN}); replace it with your own keys.` as const;
const EXAMPLE_LOCAL = <const K extends string, const W extends string>(what: K, where: W) =>
  `The ${what} ${where} is the AWS documentation's example value; fine for the local endpoint {endpoint}, replace it with your own when you talk to AWS.` as const;
const PLACEHOLDER_SENT = <const K extends string, const W extends string>(what: K, where: W) =>
  `The ${what} ${where} is a placeholder ("{sample}…" style values such as fake/test/local/dummy are what DynamoDB Local and other emulators accept), but no local endpoint is configured (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, endpoint_url): requests go to AWS and fail with ${INVALID_TOKEN}. Set the endpoint (for DynamoDB Local: AWS_ENDPOINT_URL_DYNAMODB=http://localhost:8000) or use real keys.` as const;
const UNIQUE_ID = <const W extends string, const E extends string>(where: W, entity: E) =>
  `The access key id ${where} starts with {prefix}: that is an IAM ${entity}'s unique id (as GetCallerIdentity shows it), not an access key. Access keys start with AKIA (long-term) or ASIA (temporary); create or copy an access key instead.` as const;
const KEY_ID_SHAPE = <const W extends string, const H extends string>(where: W, has: H) =>
  `The access key id ${where} is not an AWS access key id: those are 20 characters, AKIA or ASIA followed by 16 of A–Z and 2–7 (this one has {length}${has}). It was probably truncated or mistyped; AWS will answer InvalidClientTokenId.` as const;
const SECRET_SHAPE = <const W extends string, const H extends string>(where: W, has: H) =>
  `The secret access key ${where} is not 40 characters of A–Z, a–z, 0–9, / and + (it has {length}${has}). A truncated secret (often cut at a / or +) gives "SignatureDoesNotMatch".` as const;
const WHITESPACE = ', with whitespace';
const LOWER_CASE = ', with lower-case letters';

const CODES = declareCodes({
  STALE_SESSION_TOKEN: {
    severity: 'error',
    cause:
      '`AWS_SESSION_TOKEN` (or `AWS_SECURITY_TOKEN`) is set next to long-term `AKIA…` keys, usually left over from an MFA or assume-role session: "The security token included in the request is invalid".',
    fix: 'Unset the token variable.',
    untestable:
      "AWS's answer (InvalidClientTokenId) needs the real STS; the tests show the tools send the token with the long-term key.",
    messages: {
      used: `${STALE_TOKEN} Affects {tools}, which sign with these keys.`,
      unused: `${STALE_TOKEN} No tool signs with these keys right now, but any that falls back to the environment will fail.`,
    },
  },
  PROFILE_STALE_SESSION_TOKEN: {
    severity: 'error',
    cause: 'A profile has `aws_session_token` next to a long-term `AKIA…` key.',
    fix: 'Delete the token line.',
    untestable: "AWS's answer needs the real STS; the tests show the tools send the token with the long-term key.",
    messages: {
      used: `${PROFILE_STALE_TOKEN} {tools} use this profile now.`,
      unused: PROFILE_STALE_TOKEN,
    },
  },
  SESSION_TOKEN_WITHOUT_KEYS: {
    severity: 'warning',
    cause: 'A session token is exported without keys: ignored by every tool, and it breaks the next keys exported.',
    fix: 'Unset it.',
    messages: {
      main: '{variable} is set but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not: no tool uses a session token on its own, so it is ignored, and it will break the next long-term keys someone exports. It is left over from an earlier session.',
    },
  },
  TEMPORARY_KEY_WITHOUT_TOKEN: {
    severity: 'error',
    cause: 'A temporary `ASIA…` key without its session token.',
    fix: 'Export the key, secret and token of the same session together.',
    untestable: "AWS's answer needs the real STS; the tests show the tools sign with the temporary key and no token.",
    messages: {
      env: NO_SESSION_TOKEN(''),
      envLegacyToken: NO_SESSION_TOKEN(' (botocore would take AWS_SECURITY_TOKEN; the JavaScript SDK ignores it)'),
      profile: `Profile "{profile}" has a temporary access key ({accessKeyId}, an ASIA key) but no aws_session_token, so AWS rejects it (${INVALID_TOKEN}). Copy the session token from the same session, or use long-term keys.`,
    },
  },
  SECURITY_TOKEN_MISMATCH: {
    severity: 'error',
    cause:
      '`AWS_SECURITY_TOKEN`/`aws_security_token` differs from the session token; botocore prefers the legacy one, the JavaScript SDK ignores it.',
    fix: 'Remove the legacy token.',
    messages: {
      env: 'AWS_SECURITY_TOKEN and AWS_SESSION_TOKEN hold different tokens. botocore (boto3, AWS CLI v1) and AWS CLI v2 prefer the legacy AWS_SECURITY_TOKEN; the JavaScript SDK reads only AWS_SESSION_TOKEN. At least one side sends a token that does not match the keys.',
      profile:
        'Profile "{profile}" has aws_security_token and aws_session_token with different values. botocore and the AWS CLI use aws_security_token; the JavaScript SDK uses aws_session_token. The two sides sign with different tokens, and at least one is stale.',
    },
  },
  MALFORMED_ACCESS_KEY_ID: {
    severity: 'error',
    cause: 'The access key id is not 20 characters of `AKIA`/`ASIA` + A–Z, 2–7.',
    fix: 'Copy the key again.',
    untestable:
      "AWS's answer (InvalidClientTokenId) needs the real STS; the tests show the tools sign with the malformed key.",
    messages: {
      env: KEY_ID_SHAPE(IN_ENV, ''),
      envWhitespace: KEY_ID_SHAPE(IN_ENV, WHITESPACE),
      envLowerCase: KEY_ID_SHAPE(IN_ENV, LOWER_CASE),
      envWhitespaceLowerCase: KEY_ID_SHAPE(IN_ENV, `${WHITESPACE}${LOWER_CASE}`),
      profile: KEY_ID_SHAPE(IN_PROFILE, ''),
      profileWhitespace: KEY_ID_SHAPE(IN_PROFILE, WHITESPACE),
      profileLowerCase: KEY_ID_SHAPE(IN_PROFILE, LOWER_CASE),
      profileWhitespaceLowerCase: KEY_ID_SHAPE(IN_PROFILE, `${WHITESPACE}${LOWER_CASE}`),
    },
  },
  UNIQUE_ID_AS_ACCESS_KEY: {
    severity: 'error',
    cause: 'A user or role unique id (`AIDA…`, `AROA…`) pasted as an access key id.',
    fix: 'Use an access key.',
    untestable: "AWS's answer needs the real STS; the tests show the tools sign with the unique id.",
    messages: {
      envRole: UNIQUE_ID(IN_ENV, 'role'),
      envUser: UNIQUE_ID(IN_ENV, 'user'),
      envEntity: UNIQUE_ID(IN_ENV, 'entity'),
      profileRole: UNIQUE_ID(IN_PROFILE, 'role'),
      profileUser: UNIQUE_ID(IN_PROFILE, 'user'),
      profileEntity: UNIQUE_ID(IN_PROFILE, 'entity'),
    },
  },
  MALFORMED_SECRET_KEY: {
    severity: 'error',
    cause: 'The secret is not 40 characters of A–Z, a–z, 0–9, `/`, `+` (often truncated).',
    fix: 'Copy the secret again.',
    untestable:
      "AWS's answer (SignatureDoesNotMatch) needs the real STS; the tests show the tools sign with the malformed secret.",
    messages: {
      env: SECRET_SHAPE(IN_ENV, ''),
      envWhitespace: SECRET_SHAPE(IN_ENV, WHITESPACE),
      profile: SECRET_SHAPE(IN_PROFILE, ''),
      profileWhitespace: SECRET_SHAPE(IN_PROFILE, WHITESPACE),
    },
  },
  EXAMPLE_KEYS: {
    severity: 'error',
    cause: "The AWS documentation's example keys (`AKIAIOSFODNN7EXAMPLE`).",
    fix: 'Use your own keys.',
    untestable: "AWS's answer needs the real STS; the tests show the tools sign with the example key.",
    messages: {
      envKeyId: EXAMPLE('access key id', IN_ENV),
      envSecret: EXAMPLE('secret access key', IN_ENV),
      profileKeyId: EXAMPLE('access key id', IN_PROFILE),
      profileSecret: EXAMPLE('secret access key', IN_PROFILE),
      envKeyIdLocal: EXAMPLE_LOCAL('access key id', IN_ENV),
      envSecretLocal: EXAMPLE_LOCAL('secret access key', IN_ENV),
      profileKeyIdLocal: EXAMPLE_LOCAL('access key id', IN_PROFILE),
      profileSecretLocal: EXAMPLE_LOCAL('secret access key', IN_PROFILE),
    },
  },
  PLACEHOLDER_KEYS: {
    severity: 'error',
    cause:
      'Placeholder keys (`fake`, `test`, `local`, …) without a local endpoint: requests meant for an emulator go to AWS.',
    fix: 'Set `AWS_ENDPOINT_URL_<SERVICE>` or use real keys.',
    untestable:
      "AWS's answer needs the real STS; the tests show the tools sign with the placeholder and call AWS's endpoint.",
    messages: {
      envKeyId: PLACEHOLDER_SENT('access key id', IN_ENV),
      envSecret: PLACEHOLDER_SENT('secret access key', IN_ENV),
      profileKeyId: PLACEHOLDER_SENT('access key id', IN_PROFILE),
      profileSecret: PLACEHOLDER_SENT('secret access key', IN_PROFILE),
    },
  },
});

const ACCESS_KEY_ID = /^(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}$/;
const UNIQUE_ID_PREFIXES = ['AIDA', 'AROA', 'AGPA', 'AIPA', 'ANPA', 'ANVA', 'APKA', 'ASCA'];
const SECRET = /^[A-Za-z0-9/+]{40}$/;
const EXAMPLE_VALUES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'AKIAI44QH8DHBEXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
]);
const PLACEHOLDER =
  /^(?:fake|fakekey|fakeid|fakesecret|test|testing|local|localhost|dummy|dummykey|foo|bar|xxx+|changeme|placeholder|none|null|key|secret|mykey|mysecret|access|accesskey|secretkey|x|abc|123|1234|root)$/i;

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
    for (const e of entriesWithKey(
      file.lexical,
      'aws_access_key_id',
      'aws_secret_access_key',
      'aws_session_token',
      'aws_security_token',
    )) {
      const header = e.section!;
      const k = e.lowerKey;
      // A key written with capitals: the expression decides, as botocore's ASCII-only match would (a Kelvin sign K lowercases to k).
      if (header.profile === undefined || e.delimiter !== '=' || (k !== e.key && !CREDENTIAL_KEY.test(e.key))) continue;
      if (pc?.header !== header)
        out.push(
          (pc = {
            file,
            header,
            profile: header.profile,
            keyId: undefined,
            secret: undefined,
            sessionToken: undefined,
            securityToken: undefined,
          }),
        );
      if (k === 'aws_access_key_id') pc.keyId ??= e;
      else if (k === 'aws_secret_access_key') pc.secret ??= e;
      else if (k === 'aws_session_token') pc.sessionToken ??= e;
      else pc.securityToken ??= e;
    }
  }
  return out;
}

const at = (pc: ProfileCredentials, e: LexEntry) => ({
  file: pc.file.path,
  fileKind: pc.file.kind,
  line: e.line,
  column: e.keyColumn,
});
const deleteLine = (pc: ProfileCredentials, e: LexEntry, title: string): Fix => ({
  title,
  action: { kind: 'deleteLine', path: pc.file.path, line: e.line },
  preferred: true,
});
const envTools = (d: DiagnosisBase): ToolId[] =>
  TOOL_IDS.filter((t) => d.tools[t].source === 'env' || d.tools[t].credentials.accessKeyId?.kind === 'env');

const staleSessionToken: Check<typeof CODES> = ({ d, report }) => {
  const { env } = d.input;
  const id = env.AWS_ACCESS_KEY_ID ?? '';
  const name = env.AWS_SESSION_TOKEN ? 'AWS_SESSION_TOKEN' : env.AWS_SECURITY_TOKEN ? 'AWS_SECURITY_TOKEN' : undefined;
  if (!id.startsWith('AKIA') || !name) return;
  const tools = envTools(d);
  const fixes: Fix[] = [{ title: `Unset the stale ${name}`, action: { kind: 'unsetEnv', name }, preferred: true }];
  const accessKeyId = maskAccessKeyId(id);
  if (tools.length)
    report('STALE_SESSION_TOKEN', 'used', () => ({
      data: { variable: name, accessKeyId, tools: toolList(tools) },
      tools,
      env: name,
      fixes,
    }));
  else
    report('STALE_SESSION_TOKEN', 'unused', () => ({
      data: { variable: name, accessKeyId },
      severity: 'warning',
      env: name,
      fixes,
    }));
};

const profileStaleSessionToken: Check<typeof CODES> = ({ d, report }) => {
  for (const pc of profileCredentials(d)) {
    const token = pc.sessionToken?.value ? pc.sessionToken : pc.securityToken?.value ? pc.securityToken : undefined;
    const keyId = pc.keyId;
    if (!keyId?.value.startsWith('AKIA') || !token) continue;
    const tools = toolsUsingProfile(d, pc.profile);
    const data = {
      profile: pc.profile,
      tokenKey: token.key,
      accessKeyId: maskAccessKeyId(keyId.value),
      line: keyId.line,
    };
    const rest = () => ({
      ...at(pc, token),
      related: [{ path: pc.file.path, line: keyId.line, column: keyId.keyColumn, message: 'the long-term key' }],
      fixes: [deleteLine(pc, token, `Delete the stale ${token.key} line`)],
    });
    if (tools.length)
      report('PROFILE_STALE_SESSION_TOKEN', 'used', () => ({
        data: { ...data, tools: toolList(tools) },
        tools,
        ...rest(),
      }));
    else report('PROFILE_STALE_SESSION_TOKEN', 'unused', () => ({ data, severity: 'warning', ...rest() }));
  }
};

const sessionTokenWithoutKeys: Check<typeof CODES> = ({ d, report }) => {
  const { env } = d.input;
  const name = env.AWS_SESSION_TOKEN ? 'AWS_SESSION_TOKEN' : env.AWS_SECURITY_TOKEN ? 'AWS_SECURITY_TOKEN' : undefined;
  if (!name || env.AWS_ACCESS_KEY_ID || env.AWS_SECRET_ACCESS_KEY) return;
  report('SESSION_TOKEN_WITHOUT_KEYS', 'main', () => ({
    data: { variable: name },
    env: name,
    fixes: [{ title: `Unset ${name}`, action: { kind: 'unsetEnv', name }, preferred: true }],
  }));
};

const temporaryKeyWithoutToken: Check<typeof CODES> = ({ d, report }) => {
  const { env } = d.input;
  if (env.AWS_ACCESS_KEY_ID?.startsWith('ASIA') && env.AWS_SECRET_ACCESS_KEY && !env.AWS_SESSION_TOKEN) {
    const botocoreHasLegacy = !!env.AWS_SECURITY_TOKEN;
    const tools = envTools(d).filter((t) => t === 'node' || !botocoreHasLegacy);
    const accessKeyId = maskAccessKeyId(env.AWS_ACCESS_KEY_ID);
    if (tools.length)
      report('TEMPORARY_KEY_WITHOUT_TOKEN', botocoreHasLegacy ? 'envLegacyToken' : 'env', () => ({
        data: { accessKeyId },
        tools,
        env: 'AWS_ACCESS_KEY_ID',
      }));
  }
  for (const pc of profileCredentials(d)) {
    const keyId = pc.keyId;
    if (!keyId?.value.startsWith('ASIA') || pc.sessionToken?.value || pc.securityToken?.value) continue;
    const tools = toolsUsingProfile(d, pc.profile);
    report('TEMPORARY_KEY_WITHOUT_TOKEN', 'profile', () => ({
      data: { profile: pc.profile, accessKeyId: maskAccessKeyId(keyId.value) },
      severity: tools.length ? 'error' : 'warning',
      tools: orAll(tools),
      ...at(pc, keyId),
    }));
  }
};

const securityTokenMismatch: Check<typeof CODES> = ({ d, report }) => {
  const { env } = d.input;
  if (env.AWS_SECURITY_TOKEN && env.AWS_SESSION_TOKEN && env.AWS_SECURITY_TOKEN !== env.AWS_SESSION_TOKEN) {
    report('SECURITY_TOKEN_MISMATCH', 'env', () => ({
      data: {},
      tools: ['python', 'cli'],
      env: 'AWS_SECURITY_TOKEN',
      fixes: [
        {
          title: 'Unset the legacy AWS_SECURITY_TOKEN',
          action: { kind: 'unsetEnv', name: 'AWS_SECURITY_TOKEN' },
          preferred: true,
        },
      ],
    }));
  }
  for (const pc of profileCredentials(d)) {
    const { securityToken, sessionToken } = pc;
    if (!securityToken?.value || !sessionToken?.value || securityToken.value === sessionToken.value) continue;
    report('SECURITY_TOKEN_MISMATCH', 'profile', () => ({
      data: { profile: pc.profile },
      severity: toolsUsingProfile(d, pc.profile).length ? 'error' : 'warning',
      tools: ['python', 'cli'],
      ...at(pc, securityToken),
      related: [
        { path: pc.file.path, line: sessionToken.line, column: sessionToken.keyColumn, message: 'aws_session_token' },
      ],
      fixes: [deleteLine(pc, securityToken, 'Delete the legacy aws_security_token line')],
    }));
  }
};

/** A credential value to check: where it is, and which tools use it. */
interface KeyValue {
  readonly value: string;
  /** Which of the pair it is, as the templates' names say it. */
  readonly what: 'KeyId' | 'Secret';
  readonly where: { env: string } | { pc: ProfileCredentials; entry: LexEntry };
  readonly tools: ToolId[];
}

function keyValues(d: DiagnosisBase): KeyValue[] {
  const out: KeyValue[] = [];
  const { env } = d.input;
  const tools = envTools(d);
  if (env.AWS_ACCESS_KEY_ID)
    out.push({ value: env.AWS_ACCESS_KEY_ID, what: 'KeyId', where: { env: 'AWS_ACCESS_KEY_ID' }, tools });
  if (env.AWS_SECRET_ACCESS_KEY)
    out.push({ value: env.AWS_SECRET_ACCESS_KEY, what: 'Secret', where: { env: 'AWS_SECRET_ACCESS_KEY' }, tools });
  for (const pc of profileCredentials(d)) {
    // Nearly every key is well formed: nothing is built for those.
    const keyId = pc.keyId?.value && !wellFormed(pc.keyId.value, ACCESS_KEY_ID) ? pc.keyId : undefined;
    const secret = pc.secret?.value && !wellFormed(pc.secret.value, SECRET) ? pc.secret : undefined;
    if (!keyId && !secret) continue;
    const used = toolsUsingProfile(d, pc.profile);
    if (keyId) out.push({ value: keyId.value, what: 'KeyId', where: { pc, entry: keyId }, tools: used });
    if (secret) out.push({ value: secret.value, what: 'Secret', where: { pc, entry: secret }, tools: used });
  }
  return out;
}

/** A key of the right shape that is not the documentation's example: no finding of keyShape applies. */
const wellFormed = (value: string, shape: RegExp) => shape.test(value) && !EXAMPLE_VALUES.has(value);

/** The key's place in a finding, and the data of the `profile…` templates that name it. */
const inProfile = (w: { pc: ProfileCredentials; entry: LexEntry }) => ({
  profile: w.pc.profile,
  fileKind: w.pc.file.kind,
  line: w.entry.line,
});

const keyShape: Check<typeof CODES> = ({ d, report }) => {
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
    const v =
      k.value.charCodeAt(0) === 34 || k.value.charCodeAt(0) === 39 ? k.value.replace(/^["']|["']$/g, '') : k.value;
    // The common case first: a well-formed key that is not the documentation's example.
    if (wellFormed(v, k.what === 'KeyId' ? ACCESS_KEY_ID : SECRET)) continue;
    const { what, where: w } = k;
    const used = k.tools.length > 0;
    const severity = used ? 'error' : 'warning';
    const tools = orAll(k.tools);
    const place = 'env' in w ? { env: w.env } : at(w.pc, w.entry);
    if (EXAMPLE_VALUES.has(v)) {
      if (!once(k)) continue;
      const exampleSeverity = used && !local ? 'error' : 'warning';
      if (local) {
        const endpoint = endpointLabel(local);
        if ('env' in w)
          report('EXAMPLE_KEYS', `env${what}Local`, () => ({
            data: { variable: w.env, endpoint },
            severity: exampleSeverity,
            tools,
            ...place,
          }));
        else
          report('EXAMPLE_KEYS', `profile${what}Local`, () => ({
            data: { ...inProfile(w), endpoint },
            severity: exampleSeverity,
            tools,
            ...place,
          }));
      } else if ('env' in w)
        report('EXAMPLE_KEYS', `env${what}`, () => ({
          data: { variable: w.env },
          severity: exampleSeverity,
          tools,
          ...place,
        }));
      else
        report('EXAMPLE_KEYS', `profile${what}`, () => ({
          data: inProfile(w),
          severity: exampleSeverity,
          tools,
          ...place,
        }));
      continue;
    }
    if (PLACEHOLDER.test(v)) {
      if (local || !once(k)) continue;
      const sample = v.length <= 12 ? v : v.slice(0, 12);
      const fixes: Fix[] = [
        {
          title: 'Send DynamoDB requests to DynamoDB Local (AWS_ENDPOINT_URL_DYNAMODB=http://localhost:8000)',
          action: { kind: 'setEnv', name: 'AWS_ENDPOINT_URL_DYNAMODB', value: 'http://localhost:8000' },
        },
      ];
      if ('env' in w)
        report('PLACEHOLDER_KEYS', `env${what}`, () => ({
          data: { variable: w.env, sample },
          severity,
          tools,
          ...place,
          fixes,
        }));
      else
        report('PLACEHOLDER_KEYS', `profile${what}`, () => ({
          data: { ...inProfile(w), sample },
          severity,
          tools,
          ...place,
          fixes,
        }));
      continue;
    }
    const length = v.length;
    const whitespace = /\s/.test(v) ? 'Whitespace' : '';
    if (what === 'KeyId') {
      const prefix = UNIQUE_ID_PREFIXES.find((p) => v.startsWith(p));
      if (prefix) {
        const entity = prefix === 'AROA' ? 'Role' : prefix === 'AIDA' ? 'User' : 'Entity';
        if ('env' in w)
          report('UNIQUE_ID_AS_ACCESS_KEY', `env${entity}`, () => ({
            data: { variable: w.env, prefix },
            severity,
            tools,
            ...place,
          }));
        else
          report('UNIQUE_ID_AS_ACCESS_KEY', `profile${entity}`, () => ({
            data: { ...inProfile(w), prefix },
            severity,
            tools,
            ...place,
          }));
      } else if (!ACCESS_KEY_ID.test(v)) {
        const variant = `${whitespace}${/[a-z]/.test(v) ? 'LowerCase' : ''}` as const;
        if ('env' in w)
          report('MALFORMED_ACCESS_KEY_ID', `env${variant}`, () => ({
            data: { variable: w.env, length },
            severity,
            tools,
            ...place,
          }));
        else
          report('MALFORMED_ACCESS_KEY_ID', `profile${variant}`, () => ({
            data: { ...inProfile(w), length },
            severity,
            tools,
            ...place,
          }));
      }
    } else if (!SECRET.test(v)) {
      if ('env' in w)
        report('MALFORMED_SECRET_KEY', `env${whitespace}`, () => ({
          data: { variable: w.env, length },
          severity,
          tools,
          ...place,
        }));
      else
        report('MALFORMED_SECRET_KEY', `profile${whitespace}`, () => ({
          data: { ...inProfile(w), length },
          severity,
          tools,
          ...place,
        }));
    }
  }
};

export const CREDENTIAL_RULES = ruleModule(CODES, [
  staleSessionToken,
  profileStaleSessionToken,
  sessionTokenWithoutKeys,
  temporaryKeyWithoutToken,
  securityTokenMismatch,
  keyShape,
]);
