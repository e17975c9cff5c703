/**
 * Seeded hostile inputs for the fuzz suite (issue 8): each is a home (files and environment) plus
 * an error text to explain, and the secrets planted in them, which no output may show. Families:
 * random and mutated INI, planted secrets, FIFOs / devices / sockets / directories where files
 * should be, huge repeated keys, deep and cyclic source_profile chains, out-of-range dates,
 * control characters, pasted presigned URLs.
 */
import type { MemoryFile } from './memoryHost';
import { randomIni } from './iniCorpus';
import { sha1Hex } from '../../src/nodeHost/hash';

export const FUZZ_HOME = '/home/fuzz';

export interface HostileInput {
  readonly family: Family;
  /** Absolute paths. */
  readonly files: Record<string, string | MemoryFile>;
  readonly env: Record<string, string>;
  readonly explicitProfile?: string;
  /** An error text as a user would paste it into `explain`. */
  readonly paste: string;
  /** Values that must appear in no output (each one is in a place or a shape that marks it as a credential). */
  readonly secrets: readonly string[];
}

export const FAMILIES = [
  'random-ini',
  'planted-secrets',
  'special-files',
  'repeated-keys',
  'deep-chains',
  'dates',
  'control-characters',
  'presigned-urls',
] as const;
export type Family = (typeof FAMILIES)[number];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const CFG = `${FUZZ_HOME}/.aws/config`;
const CRED = `${FUZZ_HOME}/.aws/credentials`;
const SSO_URL = 'https://fuzz.awsapps.com/start';
const ERRORS = [
  'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
  'ExpiredToken: The security token included in the request is expired',
  'SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.',
  'botocore.exceptions.NoCredentialsError: Unable to locate credentials',
  'CredentialsProviderError: Could not load credentials from any providers',
  'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/x is not authorized to perform: sts:AssumeRole',
];
const CONTROL = [
  '\u001b[31m',
  '\u001b]0;pwned\u0007',
  '\u0007',
  '\u0008',
  '\r',
  '\u009b2J',
  '\u202e',
  '\u2066',
  '\u0000',
  '\u007f',
  '\u2028',
];

class Gen {
  constructor(readonly rand: () => number) {}
  int(n: number): number {
    return Math.floor(this.rand() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  keyId(): string {
    return this.pick(['AKIA', 'ASIA']) + this.chars(B32, 16);
  }
  /** A 40-character secret access key (with an upper-case letter, as real ones have). */
  secretKey(): string {
    return 'Q' + this.chars(B64, 39);
  }
  /** A session token of the length STS issues. */
  sessionToken(): string {
    return 'IQoJb3JpZ2luX2Vj' + this.chars(B64, 200 + this.int(400));
  }
  /** A short credential: recognisable only by the key it stands next to. */
  shortSecret(): string {
    return this.chars(ALNUM, 16 + this.int(16));
  }
  control(): string {
    return this.pick(CONTROL);
  }
  /** An error line, sometimes coloured as a terminal prints it. */
  error(): string {
    const e = this.pick(ERRORS);
    return this.chance(0.3) ? `\u001b[31m${e}\u001b[0m` : e;
  }
}

/** The `i`-th input of a seeded stream: families in turn, contents at random. */
export function hostileInput(rand: () => number, i: number): HostileInput {
  const g = new Gen(rand);
  const family = FAMILIES[i % FAMILIES.length];
  switch (family) {
    case 'random-ini':
      return randomIniHome(g);
    case 'planted-secrets':
      return plantedSecrets(g);
    case 'special-files':
      return specialFiles(g);
    case 'repeated-keys':
      return repeatedKeys(g);
    case 'deep-chains':
      return deepChains(g);
    case 'dates':
      return dates(g);
    case 'control-characters':
      return controlCharacters(g);
    case 'presigned-urls':
      return presignedUrls(g);
  }
}

function mutate(g: Gen, text: string): string {
  const chars = [...text];
  const n = 1 + g.int(8);
  for (let i = 0; i < n; i++) {
    const at = g.int(chars.length + 1);
    const r = g.rand();
    if (r < 0.3) chars.splice(at, 1);
    else if (r < 0.6) chars.splice(at, 0, String.fromCharCode(g.int(0x3000)));
    else if (r < 0.8) chars.splice(at, 0, '[]=:#;\n\r\t "\''[g.int(12)]);
    else chars.splice(at, 0, g.control());
  }
  return chars.join('');
}

function randomEnv(g: Gen): Record<string, string> {
  const env: Record<string, string> = { HOME: FUZZ_HOME };
  const vars = [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_SECURITY_TOKEN',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_CREDENTIAL_EXPIRATION',
    'AWS_CONFIG_FILE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ];
  const values = [
    '',
    'dev',
    'default',
    'AKIAIOSFODNN7EXAMPLE',
    'x'.repeat(5000),
    '$HOME/x',
    '~/x',
    '/dev/null',
    CFG,
    'not-a-date',
    '2020-01-01T00:00:00Z',
    '\u0000',
    'us east 1',
    '1e20',
  ];
  for (const v of vars) if (g.chance(0.3)) env[v] = g.pick(values);
  return env;
}

function randomIniHome(g: Gen): HostileInput {
  let config = randomIni(g.rand);
  let credentials = randomIni(g.rand);
  if (g.chance(0.5)) config = mutate(g, config);
  if (g.chance(0.5)) credentials = mutate(g, credentials);
  return {
    family: 'random-ini',
    files: {
      [CFG]: config,
      [CRED]: { content: credentials, mode: g.chance(0.5) ? 0o644 : 0o600 },
      [`${FUZZ_HOME}/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json`]: g.chance(0.5)
        ? '{"accessToken":"x","expiresAt":"garbage"}'
        : mutate(g, '{"accessToken":"x","expiresAt":"2026-11-22T13:00:00Z"}'),
    },
    env: randomEnv(g),
    explicitProfile: g.chance(0.1) ? 'dev' : undefined,
    paste: g.error(),
    secrets: [],
  };
}

/** Secrets in every place a machine holds them, and the same secrets pasted back in the error text. */
function plantedSecrets(g: Gen): HostileInput {
  const secrets: string[] = [];
  const keep = <T extends string>(s: T): T => (secrets.push(s), s);
  const cred: string[] = [];
  const config: string[] = ['[default]', 'region = eu-west-1'];
  const env: Record<string, string> = { HOME: FUZZ_HOME };
  const profiles = 1 + g.int(4);
  for (let p = 0; p < profiles; p++) {
    const name = p === 0 ? 'default' : `p${p}`;
    const secret = keep(g.secretKey());
    const form = g.int(5);
    cred.push(`[${name}]`, `aws_access_key_id = ${g.keyId()}`);
    if (form === 0) cred.push(`aws_secret_access_key = ${secret}`);
    else if (form === 1) cred.push(`aws_secret_access_key = ${secret} # rotated`);
    else if (form === 2) cred.push(`aws_secret_access_key = "${secret}"`);
    else if (form === 3) cred.push(`aws_secret_access_key: ${secret}`);
    else cred.push(`AWS_SECRET_ACCESS_KEY = ${secret}`);
    if (g.chance(0.5)) cred.push(`aws_session_token = ${keep(g.chance(0.5) ? g.sessionToken() : g.shortSecret())}`);
    if (g.chance(0.2)) {
      const token = g.sessionToken();
      cred.push(`aws_security_token = ${keep(token.slice(0, 120))}`, `  ${keep(token.slice(120))}`);
    }
  }
  if (g.chance(0.5)) {
    config.push(
      '[profile sso]',
      `sso_start_url = ${SSO_URL}`,
      'sso_region = eu-west-1',
      'sso_account_id = 123456789012',
      'sso_role_name = R',
    );
  }
  const files: Record<string, string | MemoryFile> = {
    [CRED]: { content: cred.join(g.pick(['\n', '\r\n'])) + '\n', mode: 0o600 },
    [CFG]: config.join('\n') + '\n',
    [`${FUZZ_HOME}/.aws/sso/cache/${sha1Hex(SSO_URL)}.json`]: JSON.stringify({
      accessToken: keep(g.shortSecret()),
      refreshToken: keep(g.sessionToken()),
      clientSecret: keep(g.shortSecret()),
      expiresAt: '2026-11-22T13:00:00Z',
    }),
  };
  if (g.chance(0.5)) {
    env.AWS_ACCESS_KEY_ID = g.keyId();
    env.AWS_SECRET_ACCESS_KEY = keep(g.secretKey());
    if (g.chance(0.7)) env.AWS_SESSION_TOKEN = keep(g.chance(0.5) ? g.sessionToken() : g.shortSecret());
  }
  if (g.chance(0.3)) env.AWS_PROFILE = g.pick(['default', 'p1', 'sso', 'nope']);
  // The error text carries some of the same secrets, as a user pastes a log line with them.
  const pasted = secrets
    .slice(0, 3)
    .map((s) =>
      g.pick([
        `aws_secret_access_key=${s}`,
        `"SessionToken": "${s}"`,
        `<SecretAccessKey>${s}</SecretAccessKey>`,
        `X-Amz-Security-Token=${encodeURIComponent(s)}`,
        `password=${s}`,
      ]),
    );
  for (const s of secrets.slice(0, 3)) if (encodeURIComponent(s) !== s) secrets.push(encodeURIComponent(s));
  return { family: 'planted-secrets', files, env, paste: `${g.error()} ${pasted.join(' ')}`, secrets };
}

/** What the engine must never open: a FIFO, a device, a socket or a directory where a file should be. */
function specialFiles(g: Gen): HostileInput {
  const type = g.pick(['fifo', 'character-device', 'block-device', 'socket', 'directory'] as const);
  const special: MemoryFile = { content: 'never read', type };
  const where = g.int(5);
  const files: Record<string, string | MemoryFile> = {
    [CFG]:
      '[default]\nregion = eu-west-1\n[profile s]\nsso_start_url = https://fuzz.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = R\n[profile w]\nrole_arn = arn:aws:iam::123456789012:role/W\nweb_identity_token_file = /run/token\n',
    [CRED]:
      '[default]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = 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\n',
  };
  const env: Record<string, string> = { HOME: FUZZ_HOME };
  if (where === 0) files[CFG] = special;
  else if (where === 1) files[CRED] = special;
  else if (where === 2) {
    files[`${FUZZ_HOME}/.aws/sso/cache/${sha1Hex(SSO_URL)}.json`] = special;
    env.AWS_PROFILE = 's';
  } else if (where === 3) {
    files['/run/token'] = special;
    env.AWS_PROFILE = 'w';
  } else {
    files['/pipe'] = special;
    Object.assign(
      env,
      g.pick([
        { AWS_CONFIG_FILE: '/pipe' },
        { AWS_SHARED_CREDENTIALS_FILE: '/pipe' },
        { AWS_WEB_IDENTITY_TOKEN_FILE: '/pipe', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/W' },
      ]),
    );
  }
  return {
    family: 'special-files',
    files,
    env,
    paste: g.error(),
    secrets: ['Qk9x/2pQ+7rLmN4vB8wZ1cY6hJ3sD5fG0aE2uI9o'],
  };
}

function repeatedKeys(g: Gen): HostileInput {
  const secret = g.secretKey();
  const line = g.pick([
    `aws_access_key_id = ${g.keyId()}`,
    `aws_secret_access_key = ${secret}`,
    'region = eu-west-1',
    '[default]',
    'role_arn = arn:aws:iam::123456789012:role/R',
  ]);
  const n = 50 + g.int(1500);
  return {
    family: 'repeated-keys',
    files: { [CRED]: `[default]\n${`${line}\n`.repeat(n)}` },
    env: { HOME: FUZZ_HOME },
    paste: g.error(),
    secrets: line.includes(secret) ? [secret] : [],
  };
}

function deepChains(g: Gen): HostileInput {
  const n = g.chance(0.9) ? 1 + g.int(200) : 1 + g.int(3000);
  const cycle = g.chance(0.3);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const next = cycle ? (i + 1) % n : i + 1;
    parts.push(
      `[profile p${i}]\nrole_arn = arn:aws:iam::123456789012:role/R${i}\nsource_profile = p${g.chance(0.02) ? g.int(n + 1) : next}\n${g.chance(0.02) ? 'mfa_serial = arn:aws:iam::123456789012:mfa/x\n' : ''}`,
    );
  }
  const secret = g.secretKey();
  if (!cycle) parts.push(`[profile p${n}]\naws_access_key_id = ${g.keyId()}\naws_secret_access_key = ${secret}\n`);
  return {
    family: 'deep-chains',
    files: { [CFG]: parts.join('') },
    env: { HOME: FUZZ_HOME, AWS_PROFILE: `p${g.int(n)}` },
    paste: g.error(),
    secrets: cycle ? [] : [secret],
  };
}

const DATES: readonly string[] = [
  '1e20',
  '-1e20',
  '8.64e15',
  '8640000000000001',
  '1.7e12',
  'null',
  'true',
  '[]',
  '{}',
  '"garbage"',
  '""',
  '"99999-01-01T00:00:00Z"',
  '"+275760-09-13T00:00:00.001Z"',
  '"-271821-04-20T00:00:00Z"',
  '"2026-11-22T13:00:00"',
  '"2026-11-22 13:00:00 UTC"',
  `"${'9'.repeat(400)}"`,
  '"1e20"',
  '"Infinity"',
  '"2026-02-30T00:00:00Z"',
];

function dates(g: Gen): HostileInput {
  const session = g.chance(0.5);
  const date = g.pick(DATES);
  const config = session
    ? '[sso-session c]\nsso_start_url = https://fuzz.awsapps.com/start\nsso_region = eu-west-1\n[profile s]\nsso_session = c\nsso_account_id = 123456789012\nsso_role_name = R\n'
    : `[profile s]\nsso_start_url = ${SSO_URL}\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = R\n`;
  // Written as text: a literal such as 1e20 must reach the file as written (Python reads it as a float).
  const refresh = g.chance(0.5)
    ? `,"refreshToken":"r","clientId":"c","clientSecret":"s","registrationExpiresAt":${g.pick(DATES)}`
    : '';
  const token = `{"accessToken":"a-token","expiresAt":${date}${refresh}}`;
  const env: Record<string, string> = { HOME: FUZZ_HOME, AWS_PROFILE: g.chance(0.8) ? 's' : 'default' };
  if (g.chance(0.3))
    Object.assign(env, {
      AWS_ACCESS_KEY_ID: 'ASIAJ2QWERTYUIOPASDF',
      AWS_SECRET_ACCESS_KEY: 'Qk9x/2pQ+7rLmN4vB8wZ1cY6hJ3sD5fG0aE2uI9o',
      AWS_CREDENTIAL_EXPIRATION: g.pick(DATES).replace(/^"|"$/g, ''),
    });
  return {
    family: 'dates',
    files: {
      [CFG]: config,
      [CRED]: `[default]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = Qk9x/2pQ+7rLmN4vB8wZ1cY6hJ3sD5fG0aE2uI9o\nx_security_token_expires = ${g.pick(DATES).replace(/^"|"$/g, '')}\n`,
      [`${FUZZ_HOME}/.aws/sso/cache/${sha1Hex(session ? 'c' : SSO_URL)}.json`]: token,
      [`${FUZZ_HOME}/.aws/cli/cache/${'0'.repeat(40)}.json`]: `{"Credentials":{"Expiration":${g.pick(DATES)}}}`,
    },
    env,
    paste: g.error(),
    secrets: ['Qk9x/2pQ+7rLmN4vB8wZ1cY6hJ3sD5fG0aE2uI9o'],
  };
}

function controlCharacters(g: Gen): HostileInput {
  const c = () => g.control();
  const name = `p${c()}x`;
  const secret = g.secretKey();
  return {
    family: 'control-characters',
    files: {
      [CFG]: `[profile ${name}]\nregion = eu${c()}-west-1\noutput = ${c()}json\n[default]\nregion = ${c()}\n`,
      [CRED]: `[${name}]\naws_access_key_id = AKIA${c()}J2QWERTYUIOPASD\naws_secret_access_key = ${secret}\n[default${c()}]\naws_access_key_id = ${g.keyId()}\n`,
    },
    env: {
      HOME: FUZZ_HOME,
      AWS_PROFILE: g.chance(0.5) ? name : `x${c()}`,
      AWS_REGION: `eu${c()}`,
      ...(g.chance(0.3) ? { AWS_CONFIG_FILE: `/x${c()}/config` } : {}),
    },
    paste: `${g.error()} profile ${name}${c()}`,
    secrets: [secret],
  };
}

function presignedUrls(g: Gen): HostileInput {
  const token = g.sessionToken();
  const short = g.shortSecret();
  const signature = g.chars('0123456789abcdef', 64);
  const password = g.shortSecret();
  const once = encodeURIComponent(token);
  const twice = encodeURIComponent(once);
  const key = g.keyId();
  const url = `https://bucket.s3.eu-west-1.amazonaws.com/object?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${key}%2F20261122%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20261122T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Security-Token=${once}&X-Amz-Signature=${signature}`;
  const parts = [
    g.error(),
    url,
    g.pick([`redirect=${encodeURIComponent(`https://x/?X-Amz-Security-Token=${once}`)}`, `next=${twice}`]),
    `Authorization: AWS4-HMAC-SHA256 Credential=${key}/20261122/eu-west-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
    g.pick([`Authorization: Bearer ${password}`, `password=${password}`, `"password": "${password}"`]),
    g.pick([
      `aws_session_token=${short}`,
      `"SessionToken":"${short}"`,
      `<SessionToken>${short}</SessionToken>`,
      `X-Amz-Security-Token: ${short}`,
    ]),
  ];
  return {
    family: 'presigned-urls',
    files: {},
    env: { HOME: FUZZ_HOME },
    paste: g.chance(0.5) ? parts.join('\n') : parts.join(' '),
    secrets: [token, once, twice, short, signature, password],
  };
}
