/**
 * One fixture per finding code (the home, the environment, the versions pinned) and what the
 * engine must say about it: test/unit/rules.test.ts asserts the exact finding in memory with an
 * injected clock; test/differential/claims.test.ts runs the same homes through the real tools and
 * proves what each finding's message claims. Times are relative to `now`.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../src/engine/findings/findings';
import { FindingCode } from '../../src/engine/findings/findings';
import { sha1Hex } from '../../src/nodeHost/hash';
import { diagnose } from '../../src/engine/diagnose';
import type { Diagnosis } from '../../src/engine/findings/diagnosis';
import type { ToolVersions } from '../../src/engine/core/toolVersions';
import { parseToolVersions } from '../../src/engine/core/toolVersions';
import type { MemoryFile } from './memoryHost';
import { MemoryHost } from './memoryHost';
import { fakeKeyId, fakeSecret } from '../differential/generateScenarios';

/** The fixtures' home directory (absolute paths elsewhere in a fixture are outside it). */
export const FIXTURE_HOME = '/home/u';
const HOME = FIXTURE_HOME;
const K1 = fakeKeyId('AKIA', 'k1');
const K2 = fakeKeyId('AKIA', 'k2');
const T1 = fakeKeyId('ASIA', 't1');
const S1 = fakeSecret('s1');
const S2 = fakeSecret('s2');
const TOKEN = 'IQoJb3JpZ2luX2VjEFakeSessionTokenForTests0123456789';
const CFG = `${HOME}/.aws/config`;
const CRED = `${HOME}/.aws/credentials`;
const HOUR = 3600_000;

/** Diagnoses a fixture in memory (paths relative to FIXTURE_HOME), at `now`. */
export function diagnoseFixture(
  c: {
    files?: Record<string, string | MemoryFile>;
    env?: Record<string, string>;
    explicit?: string;
    versions?: string;
    cwd?: string;
  },
  now: number,
): Diagnosis {
  const files = Object.fromEntries(
    Object.entries(c.files ?? {}).map(([k, v]) => [k.startsWith('/') ? k : `${FIXTURE_HOME}/${k}`, v]),
  );
  const host = new MemoryHost(files);
  return diagnose({
    env: { HOME: FIXTURE_HOME, PATH: '/usr/bin:/bin', ...(c.env ?? {}) },
    fs: host,
    now,
    fallbackHomeDir: FIXTURE_HOME,
    explicitProfile: c.explicit,
    toolVersions: c.versions === undefined ? undefined : (parseToolVersions(c.versions) as ToolVersions),
    cwd: c.cwd,
  });
}

export interface FindingFixture {
  name: string;
  files?: Record<string, string | MemoryFile>;
  env?: Record<string, string>;
  explicit?: string;
  /** Pinned tool versions (`--tool-versions`). */
  versions?: string;
  /** The directory the diagnosis runs in (EngineInput.cwd), absolute. */
  cwd?: string;
  expect: {
    code: FindingCode;
    severity: Finding['severity'];
    tools: string[];
    file?: string;
    line?: number;
    column?: number;
    env?: string;
  };
  /** The kind of the preferred fix, when there must be one. */
  fix?: string;
}

const staticCreds = (name: string, key = K1, secret = S1, extra = '') =>
  `[${name}]\naws_access_key_id = ${key}\naws_secret_access_key = ${secret}\n${extra}`;
const sso = (name: string, extra = '') =>
  `[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n\n[profile ${name}]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n${extra}`;
// Each expiry its own token: the fake SSO portal rejects the expired ones by their token.
const token = (expiresAt: string, extra: Record<string, string> = {}) =>
  JSON.stringify({ accessToken: `a-token-${expiresAt}`, expiresAt, ...extra });
const LOGIN_PROFILE = '[profile dev]\nregion = eu-west-1\nlogin_session = arn:aws:iam::123456789012:user/alice\n';
const LOGIN_CACHE = `.aws/login/cache/${createHash('sha256').update('arn:aws:iam::123456789012:user/alice').digest('hex')}.json`;
const CORP_TOKEN = `.aws/sso/cache/${sha1Hex('corp')}.json`;
/** A credential_process helper that prints credentials, as the real tools expect (Version 1 JSON). */
const HELPER: MemoryFile = {
  content: `#!/bin/sh\nprintf '{"Version":1,"AccessKeyId":"${K2}","SecretAccessKey":"${S2}"}'\n`,
  mode: 0o755,
};

/** The fixtures, with every time `now` + an offset. */
export function findingFixtures(now: number): FindingFixture[] {
  const iso = (ms: number) => new Date(now + ms).toISOString().replace(/\.000Z$/, 'Z');
  const loginToken = (expiresAt = iso(HOUR)) =>
    JSON.stringify({
      accessToken: { accessKeyId: T1, secretAccessKey: S1, sessionToken: TOKEN, accountId: '123456789012', expiresAt },
      refreshToken: 'r',
      clientId: 'c',
      dpopKey: 'k',
      idToken: 'i',
      tokenType: 'aws_sigv4',
    });
  return [
    // Stale and mismatched session tokens
    {
      name: 'stale AWS_SESSION_TOKEN next to AKIA environment keys',
      env: {
        AWS_ACCESS_KEY_ID: K1,
        AWS_SECRET_ACCESS_KEY: S1,
        AWS_SESSION_TOKEN: TOKEN,
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'eu-west-1',
      },
      expect: {
        code: FindingCode.StaleSessionToken,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_SESSION_TOKEN',
      },
      fix: 'unsetEnv',
    },
    {
      name: 'aws_session_token next to an AKIA key in a profile',
      files: {
        '.aws/credentials': staticCreds('default', K1, S1, `aws_session_token = ${TOKEN}\n`),
        '.aws/config': '[default]\nregion = eu-west-1\n',
      },
      expect: {
        code: FindingCode.ProfileStaleSessionToken,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 4,
        column: 1,
      },
      fix: 'deleteLine',
    },
    {
      name: 'lone AWS_SESSION_TOKEN',
      env: { AWS_SESSION_TOKEN: TOKEN },
      expect: {
        code: FindingCode.SessionTokenWithoutKeys,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_SESSION_TOKEN',
      },
      fix: 'unsetEnv',
    },
    {
      name: 'ASIA environment key without its token',
      env: { AWS_ACCESS_KEY_ID: T1, AWS_SECRET_ACCESS_KEY: S1 },
      expect: {
        code: FindingCode.TemporaryKeyWithoutToken,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_ACCESS_KEY_ID',
      },
    },
    {
      name: 'ASIA profile key without aws_session_token',
      files: { '.aws/credentials': staticCreds('default', T1) },
      expect: {
        code: FindingCode.TemporaryKeyWithoutToken,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 2,
      },
    },
    {
      name: 'AWS_SECURITY_TOKEN disagreeing with AWS_SESSION_TOKEN',
      env: {
        AWS_ACCESS_KEY_ID: T1,
        AWS_SECRET_ACCESS_KEY: S1,
        AWS_SESSION_TOKEN: TOKEN,
        AWS_SECURITY_TOKEN: TOKEN + 'old',
      },
      expect: {
        code: FindingCode.SecurityTokenMismatch,
        severity: 'error',
        tools: ['python', 'cli'],
        env: 'AWS_SECURITY_TOKEN',
      },
      fix: 'unsetEnv',
    },
    {
      name: 'aws_security_token disagreeing with aws_session_token in a profile',
      files: {
        '.aws/credentials': staticCreds(
          'default',
          T1,
          S1,
          `aws_session_token = ${TOKEN}\naws_security_token = ${TOKEN}x\n`,
        ),
      },
      expect: {
        code: FindingCode.SecurityTokenMismatch,
        severity: 'error',
        tools: ['python', 'cli'],
        file: CRED,
        line: 5,
      },
      fix: 'deleteLine',
    },
    // Environment shadowing
    {
      name: 'AWS_PROFILE with environment keys',
      files: { '.aws/credentials': staticCreds('dev') },
      env: { AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: K2, AWS_SECRET_ACCESS_KEY: S2 },
      expect: {
        code: FindingCode.EnvKeysShadowProfile,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_PROFILE',
      },
      fix: 'unsetEnv',
    },
    {
      name: 'AWS_DEFAULT_PROFILE against AWS_PROFILE',
      files: { '.aws/credentials': staticCreds('a') + '\n' + staticCreds('b', K2, S2) },
      env: { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' },
      expect: {
        code: FindingCode.DefaultProfileVariable,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_DEFAULT_PROFILE',
      },
      fix: 'setEnv',
    },
    {
      name: 'AWS_REGION against AWS_DEFAULT_REGION',
      env: { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-1' },
      files: { '.aws/credentials': staticCreds('default') },
      expect: {
        code: FindingCode.RegionVariablesDisagree,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_REGION',
      },
      fix: 'setEnv',
    },
    {
      name: 'AWS_PROFILE naming a missing profile',
      files: { '.aws/credentials': staticCreds('develop') },
      env: { AWS_PROFILE: 'devlop' },
      expect: {
        code: FindingCode.ProfileNotFound,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_PROFILE',
      },
      fix: 'switchProfile',
    },
    {
      name: 'empty AWS_PROFILE',
      files: { '.aws/credentials': staticCreds('default') },
      env: { AWS_PROFILE: '' },
      expect: {
        code: FindingCode.EmptyProfileVariable,
        severity: 'error',
        tools: ['python', 'cli'],
        env: 'AWS_PROFILE',
      },
      fix: 'unsetEnv',
    },
    {
      name: 'AWS_ACCESS_KEY_ID without its secret',
      env: { AWS_ACCESS_KEY_ID: K1 },
      expect: {
        code: FindingCode.PartialEnvKeys,
        severity: 'error',
        tools: ['python', 'cli'],
        env: 'AWS_ACCESS_KEY_ID',
      },
    },
    {
      name: 'AWS_CONFIG_FILE pointing at a missing file',
      env: { AWS_CONFIG_FILE: '/nowhere/config' },
      files: { '.aws/credentials': staticCreds('default') },
      expect: {
        code: FindingCode.FileVariableMissingFile,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_CONFIG_FILE',
      },
    },
    {
      name: 'AWS_SHARED_CREDENTIALS_FILE with $HOME',
      env: { AWS_SHARED_CREDENTIALS_FILE: '$HOME/alt/credentials' },
      files: { 'alt/credentials': staticCreds('default') },
      expect: {
        code: FindingCode.FileVariableNotExpanded,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_SHARED_CREDENTIALS_FILE',
      },
      fix: 'setEnv',
    },
    // Expiry
    {
      name: 'expired SSO login',
      files: { '.aws/config': sso('s'), [CORP_TOKEN]: token(iso(-HOUR)) },
      env: { AWS_PROFILE: 's' },
      expect: {
        code: FindingCode.SsoTokenExpired,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 6,
      },
      fix: 'runCommand',
    },
    {
      name: 'SSO login expiring soon',
      files: {
        '.aws/config': sso('s'),
        [CORP_TOKEN]: token(iso(10 * 60_000), { clientId: 'c', clientSecret: 'cs', refreshToken: 'r' }),
      },
      env: { AWS_PROFILE: 's' },
      expect: {
        code: FindingCode.SsoTokenExpiring,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 6,
      },
    },
    {
      name: 'SSO token too close to expiry for the JavaScript SDK to refresh',
      files: { '.aws/config': sso('s'), [CORP_TOKEN]: token(iso(270_000)) },
      env: { AWS_PROFILE: 's' },
      expect: { code: FindingCode.SsoTokenTooCloseToRefresh, severity: 'error', tools: ['node'], file: CFG, line: 6 },
    },
    {
      name: 'SSO login expired while the CLI cache still has role credentials',
      files: {
        '.aws/config': sso('s'),
        [CORP_TOKEN]: token(iso(-HOUR)),
        [`.aws/cli/cache/${sha1Hex('{"accountId":"123456789012","roleName":"Dev","sessionName":"corp"}')}.json`]:
          JSON.stringify({
            Credentials: { AccessKeyId: T1, SecretAccessKey: S2, SessionToken: TOKEN, Expiration: iso(2 * HOUR) },
          }),
      },
      env: { AWS_PROFILE: 's' },
      expect: {
        code: FindingCode.SsoExpiredCachedRoleValid,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 6,
      },
    },
    {
      name: 'SSO login cache nested 1,000 levels deep',
      files: {
        '.aws/config': sso('s'),
        [CORP_TOKEN]: `{"accessToken":"a-token","expiresAt":"2099-01-01T00:00:00Z","x":${'['.repeat(1000)}${']'.repeat(1000)}}`,
      },
      env: { AWS_PROFILE: 's' },
      expect: { code: FindingCode.SsoCacheTooDeep, severity: 'error', tools: ['python', 'cli'], file: CFG, line: 6 },
      fix: 'runCommand',
    },
    {
      name: 'SSO login cache with expiresAt: 1e20',
      files: { '.aws/config': sso('s'), [CORP_TOKEN]: '{"accessToken":"a-token","expiresAt":1e20}' },
      env: { AWS_PROFILE: 's' },
      expect: {
        code: FindingCode.SsoTokenExpiryUnparseable,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 6,
      },
      fix: 'runCommand',
    },
    {
      name: 'never signed in to SSO',
      files: { '.aws/config': sso('s') },
      env: { AWS_PROFILE: 's' },
      expect: {
        code: FindingCode.SsoTokenMissing,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 6,
      },
      fix: 'runCommand',
    },
    {
      name: 'AWS_CREDENTIAL_EXPIRATION in the past',
      env: {
        AWS_ACCESS_KEY_ID: T1,
        AWS_SECRET_ACCESS_KEY: S1,
        AWS_SESSION_TOKEN: TOKEN,
        AWS_CREDENTIAL_EXPIRATION: iso(-HOUR),
      },
      expect: {
        code: FindingCode.EnvCredentialsExpired,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_CREDENTIAL_EXPIRATION',
      },
    },
    {
      name: 'AWS_CREDENTIAL_EXPIRATION unparseable',
      env: {
        AWS_ACCESS_KEY_ID: T1,
        AWS_SECRET_ACCESS_KEY: S1,
        AWS_SESSION_TOKEN: TOKEN,
        AWS_CREDENTIAL_EXPIRATION: 'tomorrow',
      },
      expect: {
        code: FindingCode.EnvExpirationUnparseable,
        severity: 'error',
        tools: ['python', 'cli'],
        env: 'AWS_CREDENTIAL_EXPIRATION',
      },
    },
    {
      name: 'x_security_token_expires in the past',
      files: {
        '.aws/credentials': staticCreds(
          'default',
          T1,
          S1,
          `aws_session_token = ${TOKEN}\nx_security_token_expires = ${iso(-2 * HOUR)}\n`,
        ),
      },
      expect: {
        code: FindingCode.ProfileCredentialsExpired,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 5,
      },
    },
    {
      name: 'environment credentials expiring within the threshold',
      env: {
        AWS_ACCESS_KEY_ID: T1,
        AWS_SECRET_ACCESS_KEY: S1,
        AWS_SESSION_TOKEN: TOKEN,
        AWS_CREDENTIAL_EXPIRATION: iso(5 * 60_000),
      },
      expect: {
        code: FindingCode.CredentialsExpiring,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_CREDENTIAL_EXPIRATION',
      },
    },
    // File mistakes
    {
      name: '[profile x] in the credentials file',
      files: { '.aws/credentials': `[profile dev]\naws_access_key_id = ${K1}\n` },
      expect: {
        code: FindingCode.ProfilePrefixInCredentials,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 1,
        column: 1,
      },
      fix: 'replaceText',
    },
    {
      name: '[x] without profile in the config file',
      files: { '.aws/config': '[default]\nregion = eu-west-1\n\n[dev]\nregion = us-east-1\n' },
      expect: {
        code: FindingCode.MissingProfilePrefix,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 4,
      },
      fix: 'replaceText',
    },
    {
      name: '[default] and [profile default]',
      files: { '.aws/config': '[profile default]\nregion = eu-west-1\n\n[default]\nregion = us-east-1\n' },
      expect: {
        code: FindingCode.DefaultProfileTwice,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 4,
      },
    },
    {
      name: 'duplicate section',
      files: { '.aws/config': '[profile a]\nregion = eu-west-1\n[profile a]\noutput = json\n' },
      expect: { code: FindingCode.DuplicateSection, severity: 'error', tools: ['python', 'cli'], file: CFG, line: 3 },
    },
    {
      name: 'duplicate key',
      files: { '.aws/config': '[default]\nregion = eu-west-1\nRegion = us-east-1\n' },
      expect: { code: FindingCode.DuplicateKey, severity: 'error', tools: ['python', 'cli'], file: CFG, line: 3 },
      fix: 'deleteLine',
    },
    {
      name: 'upper-case key',
      files: { '.aws/credentials': `[default]\nAWS_ACCESS_KEY_ID = ${K1}\naws_secret_access_key = ${S1}\n` },
      expect: { code: FindingCode.UnknownKey, severity: 'error', tools: ['node'], file: CRED, line: 2, column: 1 },
      fix: 'replaceText',
    },
    {
      name: 'misspelt key in an s3 block',
      files: {
        '.aws/config': '[default]\nregion = eu-west-1\ns3 =\n  max_concurent_requests = 20\n',
        '.aws/credentials': staticCreds('default'),
      },
      expect: {
        code: FindingCode.UnknownKey,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 4,
        column: 3,
      },
      fix: 'replaceText',
    },
    {
      name: 'misspelt key',
      files: { '.aws/credentials': `[default]\naws_access_key_id = ${K1}\naws_secret_key = ${S1}\n` },
      expect: {
        code: FindingCode.UnknownKey,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 3,
      },
      fix: 'replaceText',
    },
    {
      name: 'inline comment',
      files: { '.aws/config': '[default]\nregion = us-west-2 # Oregon\n', '.aws/credentials': staticCreds('default') },
      expect: {
        code: FindingCode.InlineComment,
        severity: 'error',
        tools: ['python', 'cli'],
        file: CFG,
        line: 2,
        column: 19,
      },
      fix: 'replaceText',
    },
    {
      name: 'key: value',
      files: { '.aws/config': '[default]\nregion: eu-west-1\n', '.aws/credentials': staticCreds('default') },
      expect: { code: FindingCode.ColonDelimiter, severity: 'error', tools: ['node'], file: CFG, line: 2 },
      fix: 'replaceText',
    },
    {
      name: 'continuation line',
      files: {
        '.aws/credentials': `[default]\naws_access_key_id = ${K1}\naws_secret_access_key = ${S1.slice(0, 20)}\n  ${S1.slice(20)}\n`,
      },
      expect: {
        code: FindingCode.ContinuationLine,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 4,
      },
    },
    {
      name: 'quoted value',
      files: { '.aws/config': '[default]\nregion = "eu-west-1"\n', '.aws/credentials': staticCreds('default') },
      expect: {
        code: FindingCode.QuotedValue,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 2,
        column: 10,
      },
      fix: 'replaceText',
    },
    {
      name: 'whitespace inside a value',
      files: {
        '.aws/config':
          '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/ Dev\nsource_profile = base\nregion = eu-west-1\n',
        '.aws/credentials': staticCreds('base'),
      },
      env: { AWS_PROFILE: 'r' },
      expect: {
        code: FindingCode.WhitespaceInValue,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 2,
        column: 12,
      },
      fix: 'replaceText',
    },
    {
      name: 'empty value',
      files: { '.aws/credentials': `${staticCreds('default')}aws_session_token =\n` },
      expect: {
        code: FindingCode.EmptyValue,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 4,
      },
      fix: 'deleteLine',
    },
    {
      name: 'UTF-8 byte order mark',
      files: { '.aws/config': '\ufeff[default]\nregion = eu-west-1\n', '.aws/credentials': staticCreds('default') },
      expect: { code: FindingCode.ByteOrderMark, severity: 'error', tools: ['python', 'cli'], file: CFG, line: 1 },
      fix: 'removeBom',
    },
    {
      name: '[DEFAULT]',
      files: { '.aws/credentials': `[DEFAULT]\nregion = eu-west-1\n\n${staticCreds('default')}` },
      expect: {
        code: FindingCode.DefaultSection,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 1,
      },
      fix: 'replaceText',
    },
    {
      name: 'AWS_SHARED_CREDENTIALS_FILE naming a FIFO',
      files: { '/tmp/pipe': { content: '', type: 'fifo' }, '.aws/config': '[default]\nregion = eu-west-1\n' },
      env: { AWS_SHARED_CREDENTIALS_FILE: '/tmp/pipe' },
      expect: {
        code: FindingCode.NotARegularFile,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: '/tmp/pipe',
        env: 'AWS_SHARED_CREDENTIALS_FILE',
      },
      fix: 'unsetEnv',
    },
    {
      name: 'a credentials file that is a loop of symbolic links',
      files: { '.aws/credentials': { content: '', errno: 'ELOOP' }, '.aws/config': '[default]\nregion = eu-west-1\n' },
      expect: {
        code: FindingCode.FileUnreadable,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: '/home/u/.aws/credentials',
      },
    },
    {
      name: 'a 33 MB config file',
      files: { '.aws/config': '[default]\nregion = eu-west-1\n' + ' '.repeat(33 * 1024 * 1024) },
      expect: { code: FindingCode.FileTooLarge, severity: 'error', tools: ['node', 'python', 'cli'], file: CFG },
    },
    {
      name: 'a [__proto__] section in the credentials file',
      files: {
        '.aws/credentials': staticCreds('default') + '[__proto__]\nx = 1\n',
        '.aws/config': '[default]\nregion = eu-west-1\n',
      },
      expect: { code: FindingCode.ProtoSection, severity: 'error', tools: ['node'], file: CRED, line: 4, column: 1 },
    },
    {
      name: 'a line botocore cannot parse',
      files: {
        '.aws/config': '[default]\nregion = eu-west-1\nthis is not a setting\n',
        '.aws/credentials': staticCreds('default'),
      },
      expect: { code: FindingCode.ConfigParseError, severity: 'error', tools: ['python', 'cli'], file: CFG, line: 3 },
    },
    {
      name: 'credentials file readable by others',
      files: { '.aws/credentials': { content: staticCreds('default'), mode: 0o644 } },
      expect: {
        code: FindingCode.CredentialsFilePermissions,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 1,
      },
      fix: 'chmod',
    },
    // Key shape
    {
      name: 'access key id of the wrong length',
      files: { '.aws/credentials': staticCreds('default', K1.slice(0, 18)) },
      expect: {
        code: FindingCode.MalformedAccessKeyId,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 2,
      },
    },
    {
      name: 'role id pasted as access key id',
      files: { '.aws/credentials': staticCreds('default', 'AROA' + K1.slice(4)) },
      expect: {
        code: FindingCode.UniqueIdAsAccessKey,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 2,
      },
    },
    {
      name: 'truncated secret',
      files: { '.aws/credentials': staticCreds('default', K1, S1.slice(0, 38)) },
      expect: {
        code: FindingCode.MalformedSecretKey,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 3,
      },
    },
    {
      name: "the documentation's example keys",
      files: { '.aws/credentials': staticCreds('default', 'AKIAIOSFODNN7EXAMPLE') },
      expect: {
        code: FindingCode.ExampleKeys,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 2,
      },
    },
    {
      name: 'placeholder keys without a local endpoint (the DynamoDB Local pattern)',
      env: { AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'eu-west-1' },
      expect: {
        code: FindingCode.PlaceholderKeys,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_ACCESS_KEY_ID',
      },
      fix: 'setEnv',
    },
    // Profiles that cannot resolve
    {
      name: 'source_profile missing',
      files: {
        '.aws/config':
          '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = bse\n\n[profile base]\nregion = eu-west-1\n',
      },
      env: { AWS_PROFILE: 'r' },
      expect: {
        code: FindingCode.SourceProfileMissing,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 3,
      },
    },
    {
      name: 'source_profile cycle',
      files: {
        '.aws/config':
          '[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/B\nsource_profile = a\n',
      },
      env: { AWS_PROFILE: 'a' },
      expect: {
        code: FindingCode.SourceProfileCycle,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 3,
      },
    },
    {
      name: 'source profile without credentials',
      files: {
        '.aws/config':
          '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = empty\n\n[profile empty]\nregion = eu-west-1\n',
      },
      env: { AWS_PROFILE: 'r' },
      expect: {
        code: FindingCode.SourceProfileWithoutCredentials,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 3,
      },
    },
    {
      name: 'both source_profile and credential_source',
      files: {
        '.aws/config':
          '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = base\ncredential_source = Environment\n',
        '.aws/credentials': staticCreds('base'),
      },
      env: { AWS_PROFILE: 'r' },
      expect: {
        code: FindingCode.RoleSourceConflict,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 4,
      },
      fix: 'deleteLine',
    },
    {
      name: 'role_arn next to static keys with no source',
      files: {
        '.aws/config': '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\n',
        '.aws/credentials': staticCreds('r'),
      },
      env: { AWS_PROFILE: 'r' },
      expect: {
        code: FindingCode.RoleWithoutSource,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 2,
      },
    },
    {
      name: 'credential_source in the wrong case',
      files: {
        '.aws/config': '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\ncredential_source = environment\n',
      },
      env: { AWS_PROFILE: 'r' },
      expect: {
        code: FindingCode.UnsupportedCredentialSource,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 3,
      },
      fix: 'replaceText',
    },
    {
      name: 'static keys mixed with SSO',
      files: { '.aws/config': sso('m'), '.aws/credentials': staticCreds('m'), [CORP_TOKEN]: token(iso(8 * HOUR)) },
      expect: {
        code: FindingCode.MixedCredentialTypes,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        file: CRED,
        line: 2,
      },
    },
    {
      name: 'sso_session naming a missing section',
      files: {
        '.aws/config':
          '[profile s]\nsso_session = crop\nsso_account_id = 123456789012\nsso_role_name = Dev\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n',
      },
      env: { AWS_PROFILE: 's' },
      expect: {
        code: FindingCode.SsoSessionNotFound,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 2,
      },
      fix: 'replaceText',
    },
    {
      name: 'incomplete SSO settings',
      files: {
        '.aws/config':
          '[profile s]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\n',
      },
      env: { AWS_PROFILE: 's' },
      expect: {
        code: FindingCode.SsoIncomplete,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 2,
      },
    },
    {
      name: 'token-only SSO profile',
      files: {
        '.aws/config':
          '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n\n[profile login]\nsso_session = corp\n',
        [CORP_TOKEN]: token(iso(8 * HOUR)),
      },
      env: { AWS_PROFILE: 'login' },
      expect: { code: FindingCode.SsoTokenOnlyProfile, severity: 'error', tools: ['node'], file: CFG, line: 6 },
    },
    {
      name: 'credential_process program missing',
      files: { '.aws/config': '[profile p]\ncredential_process = /opt/nowhere/get-creds --json\n' },
      env: { AWS_PROFILE: 'p' },
      expect: {
        code: FindingCode.CredentialProcessNotFound,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 2,
      },
    },
    {
      name: 'credential_process relying on a shell',
      files: { '.aws/config': '[profile p]\ncredential_process = $HOME/bin/creds.sh\n', 'bin/creds.sh': HELPER },
      env: { AWS_PROFILE: 'p' },
      expect: {
        code: FindingCode.CredentialProcessShell,
        severity: 'error',
        tools: ['python', 'cli'],
        file: CFG,
        line: 2,
      },
    },
    {
      name: 'credential_process by a relative path, found from the working directory',
      files: {
        '.aws/config': '[profile p]\ncredential_process = helpers/op-cred-helper.sh vault key\n',
        'proj/helpers/op-cred-helper.sh': HELPER,
      },
      cwd: `${HOME}/proj`,
      env: { AWS_PROFILE: 'p' },
      expect: {
        code: FindingCode.CredentialProcessRelativePath,
        severity: 'info',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 2,
      },
      fix: 'replaceText',
    },
    {
      name: 'a 140-role source_profile chain',
      files: {
        '.aws/config':
          Array.from(
            { length: 140 },
            (_, i) => `[profile p${i}]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = p${i + 1}\n`,
          ).join('') + staticCreds('profile p140'),
      },
      env: { AWS_PROFILE: 'p0' },
      expect: {
        code: FindingCode.RoleChainTooDeep,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 3,
      },
    },
    {
      name: 'web_identity_token_file missing',
      files: {
        '.aws/config':
          '[profile w]\nrole_arn = arn:aws:iam::123456789012:role/W\nweb_identity_token_file = /var/run/secrets/token\n',
      },
      env: { AWS_PROFILE: 'w' },
      expect: {
        code: FindingCode.WebIdentityTokenFileMissing,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 3,
      },
    },
    {
      name: 'mfa_serial (a Node program needs an MFA callback)',
      files: {
        '.aws/config':
          '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\nregion = eu-west-1\n',
        '.aws/credentials': staticCreds('base'),
      },
      env: { AWS_PROFILE: 'r' },
      expect: { code: FindingCode.MfaRequiresCallback, severity: 'warning', tools: ['node'], file: CFG, line: 4 },
    },
    // Region and endpoint
    {
      name: 'no region',
      files: { '.aws/credentials': staticCreds('default') },
      expect: {
        code: FindingCode.RegionMissing,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_REGION',
      },
      fix: 'setRegion',
    },
    {
      name: 'malformed region',
      files: { '.aws/config': '[default]\nregion = us east 1\n', '.aws/credentials': staticCreds('default') },
      expect: {
        code: FindingCode.RegionMalformed,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 2,
        column: 10,
      },
      fix: 'replaceText',
    },
    {
      name: 'unknown region',
      files: { '.aws/credentials': staticCreds('default') },
      env: { AWS_REGION: 'us-east-12', AWS_DEFAULT_REGION: 'us-east-12' },
      expect: { code: FindingCode.RegionUnknown, severity: 'warning', tools: ['node', 'cli'], env: 'AWS_REGION' },
      fix: 'setEnv',
    },
    {
      name: 'local emulator endpoint with real keys',
      files: { '.aws/credentials': staticCreds('default') },
      env: {
        AWS_ENDPOINT_URL_DYNAMODB: 'http://localhost:8000',
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'eu-west-1',
      },
      expect: {
        code: FindingCode.LocalEndpointRealKeys,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_ENDPOINT_URL_DYNAMODB',
      },
    },
    {
      name: 'real keys sent to an emulator named in a [services] section',
      files: {
        '.aws/credentials': staticCreds('default'),
        '.aws/config':
          '[default]\nregion = eu-west-1\nservices = local\n\n[services local]\ndynamodb =\n  endpoint_url = http://localhost:8000\n',
      },
      expect: { code: FindingCode.LocalEndpointRealKeys, severity: 'warning', tools: ['node', 'python', 'cli'] },
    },
    {
      name: 'STS endpoint override without a region',
      files: {
        '.aws/config': '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = base\n',
        '.aws/credentials': staticCreds('base'),
      },
      env: { AWS_PROFILE: 'r', AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4566' },
      expect: {
        code: FindingCode.EndpointWithoutRegion,
        severity: 'error',
        tools: ['python', 'cli'],
        env: 'AWS_ENDPOINT_URL_STS',
      },
    },
    // Tool versions
    {
      name: 'AWS CLI 2.9.19 and a login_session profile',
      versions: 'aws-cli=2.9.19',
      files: { '.aws/config': LOGIN_PROFILE },
      env: { AWS_PROFILE: 'dev' },
      expect: { code: FindingCode.ToolTooOld, severity: 'error', tools: ['cli'], file: CFG, line: 3, column: 1 },
    },
    {
      name: 'botocore without awscrt and a login_session profile',
      versions: 'botocore=1.43.11,awscrt=no',
      files: { '.aws/config': LOGIN_PROFILE },
      env: { AWS_PROFILE: 'dev' },
      expect: {
        code: FindingCode.BotocoreCrtMissing,
        severity: 'error',
        tools: ['python'],
        file: CFG,
        line: 3,
        column: 1,
      },
      fix: 'runCommand',
    },
    {
      name: 'botocore 1.39 assuming a role through the global STS endpoint',
      versions: 'botocore=1.39.9',
      files: {
        '.aws/config':
          '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = base\nregion = eu-west-1\n',
        '.aws/credentials': staticCreds('base'),
      },
      env: { AWS_PROFILE: 'r' },
      expect: { code: FindingCode.StsGlobalEndpoint, severity: 'info', tools: ['python'], file: CFG, line: 2 },
    },
    // aws login profiles
    {
      name: 'login_session and no token in the cache',
      files: { '.aws/config': LOGIN_PROFILE },
      env: { AWS_PROFILE: 'dev' },
      expect: {
        code: FindingCode.LoginNotSignedIn,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 3,
        column: 1,
      },
      fix: 'runCommand',
    },
    {
      name: 'login token cache that is not JSON',
      files: { '.aws/config': LOGIN_PROFILE, [LOGIN_CACHE]: '{"accessToken": ' },
      env: { AWS_PROFILE: 'dev' },
      expect: {
        code: FindingCode.LoginCacheInvalid,
        severity: 'error',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 3,
      },
      fix: 'runCommand',
    },
    {
      name: 'login token cache readable by others',
      files: { '.aws/config': LOGIN_PROFILE, [LOGIN_CACHE]: { content: loginToken(), mode: 0o644 } },
      env: { AWS_PROFILE: 'dev' },
      expect: {
        code: FindingCode.LoginCachePermissions,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 3,
      },
      fix: 'chmod',
    },
    {
      name: 'login_session next to credential_process',
      files: {
        '.aws/config': `${LOGIN_PROFILE}credential_process = ${HOME}/bin/creds.sh\n`,
        'bin/creds.sh': HELPER,
        [LOGIN_CACHE]: { content: loginToken(), mode: 0o600 },
      },
      env: { AWS_PROFILE: 'dev' },
      expect: {
        code: FindingCode.LoginMixedCredentials,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        file: CFG,
        line: 3,
      },
    },
    // Credential brokers
    {
      name: 'an awsume session inside an aws-vault session',
      env: {
        AWS_VAULT: 'prod',
        AWS_SESSION_EXPIRATION: iso(HOUR),
        AWSUME_PROFILE: 'dev',
        AWSUME_EXPIRATION: iso(HOUR),
        AWS_ACCESS_KEY_ID: T1,
        AWS_SECRET_ACCESS_KEY: S1,
        AWS_SESSION_TOKEN: TOKEN,
      },
      expect: {
        code: FindingCode.BrokerNestedSession,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_VAULT',
      },
    },
    {
      name: 'aws-vault markers without its keys',
      env: { AWS_VAULT: 'prod', AWS_SESSION_EXPIRATION: iso(HOUR) },
      expect: {
        code: FindingCode.BrokerMarkersContradict,
        severity: 'warning',
        tools: ['node', 'python', 'cli'],
        env: 'AWS_VAULT',
      },
      fix: 'unsetEnv',
    },
    // Whole-machine outcomes
    {
      name: 'no credentials anywhere',
      env: { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' },
      expect: { code: FindingCode.NoCredentials, severity: 'error', tools: ['node', 'python', 'cli'] },
    },
    {
      name: 'a tool fails with no more specific finding',
      files: { '.aws/config': '[profile w]\nweb_identity_token_file = /tmp/t\n' },
      env: { AWS_PROFILE: 'w', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' },
      expect: { code: FindingCode.CredentialResolutionFails, severity: 'error', tools: ['python'] },
    },
    {
      name: 'the tools resolve different credentials (IRSA variables next to [default] keys)',
      files: {
        '.aws/credentials': staticCreds('default'),
        '.aws/config': '[default]\nregion = eu-west-1\n',
        'irsa/token': 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln',
      },
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: `${HOME}/irsa/token`, AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/Irsa' },
      expect: { code: FindingCode.ToolsDisagree, severity: 'warning', tools: ['node', 'python', 'cli'] },
    },
  ];
}
