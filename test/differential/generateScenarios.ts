/**
 * Scenario generator for the differential suite: fixture homes built from combinations of every
 * dimension the engine models (profile kind, profile selection, environment keys, region, INI
 * quirks, file-path variables, expiry), plus the AWS SDK for Rust's own scenario homes.
 * Deterministic: the same `now` gives the same scenarios.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { Scenario, ScenarioFile } from './scenario';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/** A well-formed, fake access key id (20 characters of the documented alphabet). */
export function fakeKeyId(prefix: 'AKIA' | 'ASIA', seed: string): string {
  const d = digest(`id:${seed}`);
  let s = prefix;
  for (let i = 0; i < 16; i++) s += B32[d[i] % 32];
  return s;
}

/** A well-formed, fake 40-character secret access key. */
export function fakeSecret(seed: string): string {
  const d = Buffer.concat([digest(`secret:${seed}`), digest(`secret2:${seed}`)]);
  let s = '';
  for (let i = 0; i < 40; i++) s += B64[d[i] % 64];
  return s;
}

export function fakeSessionToken(seed: string): string {
  const d = Buffer.concat([
    digest(`tok:${seed}`),
    digest(`tok2:${seed}`),
    digest(`tok3:${seed}`),
    digest(`tok4:${seed}`),
  ]);
  return 'IQoJb3JpZ2luX2VjE' + d.toString('base64').replace(/=+$/, '');
}

export function sha1(s: string): string {
  return createHash('sha1').update(s).digest('hex');
}

/** Files under construction for one home. */
class Home {
  config: string[] = [];
  credentials: string[] = [];
  files: Record<string, ScenarioFile> = {};

  staticCreds(name: string, opts: { token?: boolean; prefix?: 'AKIA' | 'ASIA' } = {}): this {
    this.credentials.push(
      `[${name}]`,
      `aws_access_key_id = ${fakeKeyId(opts.prefix ?? 'AKIA', name)}`,
      `aws_secret_access_key = ${fakeSecret(name)}`,
    );
    if (opts.token) this.credentials.push(`aws_session_token = ${fakeSessionToken(name)}`);
    this.credentials.push('');
    return this;
  }

  configProfile(name: string, lines: string[]): this {
    this.config.push(name === 'default' ? '[default]' : `[profile ${name}]`, ...lines, '');
    return this;
  }

  /**
   * A cached SSO login. The access token of an expired login starts with "expired-", which the
   * fake SSO portal rejects with 401 as the real portal rejects expired tokens.
   */
  ssoToken(id: string, expiresAt: string, now: number, extra: Record<string, string> = {}): this {
    const state = Date.parse(expiresAt) > now ? 'token' : 'expired';
    this.files[`.aws/sso/cache/${sha1(id)}.json`] = {
      text: JSON.stringify({
        startUrl: 'https://example.awsapps.com/start',
        region: 'us-east-1',
        accessToken: `${state}-${sha1(id).slice(0, 8)}`,
        expiresAt,
        ...extra,
      }),
    };
    return this;
  }

  script(rel: string, body: string): this {
    this.files[rel] = { text: `#!/bin/sh\n${body}\n`, mode: 0o755 };
    return this;
  }
}

export type TargetKind = (typeof TARGETS)[number];

/** Every kind of profile the engine distinguishes, as the selected profile "t". */
export const TARGETS = [
  'static-credentials',
  'static-config',
  'static-both-files',
  'static-temporary',
  'role-static-source',
  'role-chain',
  'role-env-source',
  'role-cycle',
  'role-self-static',
  'role-missing-source',
  'role-both-sources',
  'role-no-source-with-keys',
  'role-mfa',
  'role-source-without-creds',
  'role-bad-credential-source',
  'sso-session-valid',
  'sso-session-expired',
  'sso-session-no-token',
  'sso-legacy-valid',
  'sso-legacy-expired',
  'sso-token-only',
  'sso-missing-session',
  'sso-missing-role-name',
  'process-ok',
  'process-missing',
  'process-shell-var',
  'web-identity-profile',
  'web-identity-missing-file',
  'settings-only',
  'static-and-process',
  'static-and-sso',
  'config-keys-and-process',
  'missing',
] as const;

export const SELECTIONS = [
  'default',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'both-differ',
  'explicit',
  'empty-AWS_PROFILE',
] as const;
export const ENV_KEYS = [
  'none',
  'full',
  'stale-token',
  'partial',
  'security-token',
  'expired-expiration',
  'future-expiration',
  'secret-only',
] as const;
export const REGIONS = [
  'none',
  'config',
  'credentials',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'both-env',
  'inline-comment',
  'invalid',
] as const;
export const QUIRKS = [
  'none',
  'crlf',
  'bom-config',
  'uppercase-key',
  'colon-delimiter',
  'duplicate-section',
  'DEFAULT-section',
  'profile-default-first',
  'continuation',
  'empty-value',
  'header-spaces',
  'header-tab',
  'quoted-header',
  'inline-comment-key',
  'profile-prefix-in-credentials',
  'stray-line',
  'subsection',
] as const;
export const FILE_VARS = ['default', 'absolute', 'tilde', 'dollar-home', 'missing-config'] as const;
export const EXTRAS = ['none', 'irsa-env', 'container'] as const;

export interface Combination {
  target: TargetKind;
  selection: (typeof SELECTIONS)[number];
  envKeys: (typeof ENV_KEYS)[number];
  region: (typeof REGIONS)[number];
  quirk: (typeof QUIRKS)[number];
  fileVars: (typeof FILE_VARS)[number];
  extra: (typeof EXTRAS)[number];
}

/**
 * Combinations that cover every value of every dimension many times, each paired with varied
 * values of the others (co-prime strides through the dimensions).
 */
export function combinations(count: number): Combination[] {
  const out: Combination[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      target: TARGETS[i % TARGETS.length],
      selection: SELECTIONS[(i * 5 + Math.floor(i / TARGETS.length)) % SELECTIONS.length],
      envKeys: ENV_KEYS[(i * 3 + Math.floor(i / 7)) % ENV_KEYS.length],
      region: REGIONS[(i * 2 + Math.floor(i / 11)) % REGIONS.length],
      quirk: QUIRKS[(i * 7 + Math.floor(i / 13)) % QUIRKS.length],
      fileVars: i % 3 === 0 ? FILE_VARS[(i / 3 + Math.floor(i / 17)) % FILE_VARS.length] : 'default',
      extra: i % 5 === 2 ? EXTRAS[1 + (Math.floor(i / 5) % 2)] : 'none',
    });
  }
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Builds the home for the selected profile "t" of the given kind (plus helper profiles it needs). */
function buildTarget(h: Home, kind: TargetKind, t: string, now: number): void {
  const hour = 3600_000;
  const roleArn = (n: string) => `role_arn = arn:aws:iam::123456789012:role/${n}`;
  switch (kind) {
    case 'static-credentials':
      h.staticCreds(t);
      break;
    case 'static-config':
      h.configProfile(t, [
        `aws_access_key_id = ${fakeKeyId('AKIA', t + 'cfg')}`,
        `aws_secret_access_key = ${fakeSecret(t + 'cfg')}`,
      ]);
      break;
    case 'static-both-files':
      h.staticCreds(t);
      h.configProfile(t, [
        `aws_access_key_id = ${fakeKeyId('AKIA', t + 'cfg')}`,
        `aws_secret_access_key = ${fakeSecret(t + 'cfg')}`,
      ]);
      break;
    case 'static-temporary':
      h.staticCreds(t, { prefix: 'ASIA', token: true });
      h.credentials.splice(h.credentials.length - 1, 0, `x_security_token_expires = ${iso(now + 2 * hour)}`);
      break;
    case 'role-static-source':
      h.configProfile(t, [roleArn('T'), 'source_profile = base']);
      h.staticCreds('base');
      break;
    case 'role-chain':
      h.configProfile(t, [roleArn('T'), 'source_profile = mid']);
      h.configProfile('mid', [roleArn('Mid'), 'source_profile = base']);
      h.staticCreds('base');
      break;
    case 'role-env-source':
      h.configProfile(t, [roleArn('T'), 'credential_source = Environment']);
      break;
    case 'role-cycle':
      h.configProfile(t, [roleArn('T'), 'source_profile = other']);
      h.configProfile('other', [roleArn('Other'), `source_profile = ${t}`]);
      break;
    case 'role-self-static':
      h.configProfile(t, [roleArn('T'), `source_profile = ${t}`]);
      h.staticCreds(t);
      break;
    case 'role-missing-source':
      h.configProfile(t, [roleArn('T'), 'source_profile = nope']);
      break;
    case 'role-both-sources':
      h.configProfile(t, [roleArn('T'), 'source_profile = base', 'credential_source = Environment']);
      h.staticCreds('base');
      break;
    case 'role-no-source-with-keys':
      h.configProfile(t, [roleArn('T')]);
      h.staticCreds(t);
      break;
    case 'role-mfa':
      h.configProfile(t, [roleArn('T'), 'source_profile = base', 'mfa_serial = arn:aws:iam::123456789012:mfa/me']);
      h.staticCreds('base');
      break;
    case 'role-source-without-creds':
      h.configProfile(t, [roleArn('T'), 'source_profile = empty']);
      h.configProfile('empty', ['output = json']);
      break;
    case 'role-bad-credential-source':
      h.configProfile(t, [roleArn('T'), 'credential_source = environment']);
      break;
    case 'sso-session-valid':
    case 'sso-session-expired':
    case 'sso-session-no-token':
      h.config.push(
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      );
      h.configProfile(t, ['sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = Dev']);
      if (kind === 'sso-session-valid') h.ssoToken('corp', iso(now + 8 * hour), now);
      if (kind === 'sso-session-expired') h.ssoToken('corp', iso(now - hour), now);
      break;
    case 'sso-legacy-valid':
    case 'sso-legacy-expired':
      h.configProfile(t, [
        'sso_start_url = https://legacy.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_account_id = 123456789012',
        'sso_role_name = Dev',
      ]);
      h.ssoToken('https://legacy.awsapps.com/start', iso(now + (kind === 'sso-legacy-valid' ? 8 : -1) * hour), now);
      break;
    case 'sso-token-only':
      h.config.push(
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      );
      h.configProfile(t, ['sso_session = corp']);
      h.ssoToken('corp', iso(now + 8 * hour), now);
      break;
    case 'sso-missing-session':
      h.configProfile(t, ['sso_session = nope', 'sso_account_id = 123456789012', 'sso_role_name = Dev']);
      break;
    case 'sso-missing-role-name':
      h.configProfile(t, [
        'sso_start_url = https://legacy.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_account_id = 123456789012',
      ]);
      h.ssoToken('https://legacy.awsapps.com/start', iso(now + 8 * hour), now);
      break;
    case 'process-ok':
      h.script(
        'bin/creds.sh',
        `echo '{"Version":1,"AccessKeyId":"${fakeKeyId('ASIA', 'proc')}","SecretAccessKey":"${fakeSecret('proc')}","SessionToken":"${fakeSessionToken('proc')}","Expiration":"${iso(now + 2 * hour)}"}'`,
      );
      h.configProfile(t, ['credential_process = {HOME}/bin/creds.sh']);
      break;
    case 'process-missing':
      h.configProfile(t, ['credential_process = {HOME}/bin/does-not-exist --flag']);
      break;
    case 'process-shell-var':
      h.script(
        'bin/creds.sh',
        `echo '{"Version":1,"AccessKeyId":"${fakeKeyId('ASIA', 'proc')}","SecretAccessKey":"${fakeSecret('proc')}"}'`,
      );
      h.configProfile(t, ['credential_process = $HOME/bin/creds.sh']);
      break;
    case 'web-identity-profile':
      h.files['token.jwt'] = { text: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl' };
      h.configProfile(t, [roleArn('Web'), 'web_identity_token_file = {HOME}/token.jwt']);
      break;
    case 'web-identity-missing-file':
      h.configProfile(t, [roleArn('Web'), 'web_identity_token_file = {HOME}/missing.jwt']);
      break;
    case 'settings-only':
      h.configProfile(t, ['output = json']);
      break;
    case 'static-and-process':
      h.script(
        'bin/creds.sh',
        `echo '{"Version":1,"AccessKeyId":"${fakeKeyId('ASIA', 'proc')}","SecretAccessKey":"${fakeSecret('proc')}"}'`,
      );
      h.configProfile(t, ['credential_process = {HOME}/bin/creds.sh']);
      h.staticCreds(t);
      break;
    case 'static-and-sso':
      h.configProfile(t, [
        'sso_start_url = https://legacy.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_account_id = 123456789012',
        'sso_role_name = Dev',
      ]);
      h.ssoToken('https://legacy.awsapps.com/start', iso(now + 8 * hour), now);
      h.staticCreds(t);
      break;
    case 'config-keys-and-process':
      h.script(
        'bin/creds.sh',
        `echo '{"Version":1,"AccessKeyId":"${fakeKeyId('ASIA', 'proc')}","SecretAccessKey":"${fakeSecret('proc')}"}'`,
      );
      h.configProfile(t, [
        'credential_process = {HOME}/bin/creds.sh',
        `aws_access_key_id = ${fakeKeyId('AKIA', t + 'cfg')}`,
        `aws_secret_access_key = ${fakeSecret(t + 'cfg')}`,
      ]);
      break;
    case 'missing':
      break;
  }
}

function applyRegion(h: Home, c: Combination, t: string, env: Record<string, string>): void {
  switch (c.region) {
    case 'config':
      addToProfile(h.config, t === 'default' ? '[default]' : `[profile ${t}]`, 'region = eu-west-1');
      break;
    case 'credentials':
      addToProfile(h.credentials, `[${t}]`, 'region = ap-southeast-2');
      addToProfile(h.config, t === 'default' ? '[default]' : `[profile ${t}]`, 'region = eu-west-1');
      break;
    case 'AWS_REGION':
      env.AWS_REGION = 'ap-south-1';
      addToProfile(h.config, t === 'default' ? '[default]' : `[profile ${t}]`, 'region = eu-west-1');
      break;
    case 'AWS_DEFAULT_REGION':
      env.AWS_DEFAULT_REGION = 'sa-east-1';
      break;
    case 'both-env':
      env.AWS_REGION = 'ap-south-1';
      env.AWS_DEFAULT_REGION = 'sa-east-1';
      break;
    case 'inline-comment':
      addToProfile(h.config, t === 'default' ? '[default]' : `[profile ${t}]`, 'region = us-west-2 # Oregon');
      break;
    case 'invalid':
      addToProfile(h.config, t === 'default' ? '[default]' : `[profile ${t}]`, 'region = us east 1');
      break;
    case 'none':
      break;
  }
}

/** Adds a line to the first section with that header, creating the section when absent. */
function addToProfile(lines: string[], header: string, line: string): void {
  const i = lines.indexOf(header);
  if (i >= 0) lines.splice(i + 1, 0, line);
  else lines.push(header, line, '');
}

function applyQuirk(h: Home, c: Combination, t: string): void {
  switch (c.quirk) {
    case 'uppercase-key':
      h.credentials.push(
        '[upper]',
        `AWS_ACCESS_KEY_ID = ${fakeKeyId('AKIA', 'upper')}`,
        `aws_secret_access_key = ${fakeSecret('upper')}`,
        '',
      );
      break;
    case 'colon-delimiter':
      addToProfile(h.config, t === 'default' ? '[default]' : `[profile ${t}]`, 'output: json');
      break;
    case 'duplicate-section':
      h.config.push('[profile dup]', 'output = json', '', '[profile dup]', 'output = text', '');
      break;
    case 'DEFAULT-section':
      h.credentials.unshift('[DEFAULT]', 'region = us-west-1', '');
      break;
    case 'profile-default-first':
      h.config.unshift('[profile default]', 'region = ca-central-1', '');
      h.config.push('[default]', 'region = eu-north-1', '');
      break;
    case 'continuation':
      h.config.push('[profile cont]', 'output = json', '  more = text', '');
      break;
    case 'empty-value':
      h.credentials.push(
        '[emptyval]',
        `aws_access_key_id = ${fakeKeyId('AKIA', 'ev')}`,
        `aws_secret_access_key = ${fakeSecret('ev')}`,
        'aws_session_token =',
        '',
      );
      break;
    case 'header-spaces':
      h.config.push('[profile  spaced]', 'output = json', '');
      break;
    case 'header-tab':
      h.config.push('[profile\ttabbed]', 'output = json', '');
      break;
    case 'quoted-header':
      h.config.push('[profile "quoted name"]', 'output = json', '');
      break;
    case 'inline-comment-key':
      h.credentials.push(
        '[inline]',
        `aws_access_key_id = ${fakeKeyId('AKIA', 'inl')} ; note`,
        `aws_secret_access_key = ${fakeSecret('inl')}`,
        '',
      );
      break;
    case 'profile-prefix-in-credentials':
      h.credentials.push(
        '[profile prefixed]',
        `aws_access_key_id = ${fakeKeyId('AKIA', 'pre')}`,
        `aws_secret_access_key = ${fakeSecret('pre')}`,
        '',
      );
      break;
    case 'stray-line':
      h.config.push('[profile stray]', 'this line has no delimiter', '');
      break;
    case 'subsection':
      h.config.push('[profile sub]', 's3 =', '  max_concurrent_requests = 10', 'output = json', '');
      break;
    default:
      break;
  }
}

/** One generated scenario from one combination. */
export function buildScenario(i: number, c: Combination, now: number): Scenario {
  const h = new Home();
  const env: Record<string, string> = {};
  let explicitProfile: string | undefined;
  const t = c.selection === 'default' || c.selection === 'empty-AWS_PROFILE' ? 'default' : 't';
  buildTarget(h, c.target, t, now);
  if (
    c.target !== 'missing' &&
    !h.config.some((l) => l === `[profile ${t}]` || l === '[default]') &&
    !h.credentials.includes(`[${t}]`)
  ) {
    h.configProfile(t, ['output = json']);
  }
  switch (c.selection) {
    case 'AWS_PROFILE':
      env.AWS_PROFILE = t;
      break;
    case 'AWS_DEFAULT_PROFILE':
      env.AWS_DEFAULT_PROFILE = t;
      break;
    case 'both-differ':
      env.AWS_PROFILE = t;
      env.AWS_DEFAULT_PROFILE = 'other2';
      h.staticCreds('other2');
      break;
    case 'explicit':
      explicitProfile = t;
      env.AWS_PROFILE = 'other2';
      h.staticCreds('other2');
      break;
    case 'empty-AWS_PROFILE':
      env.AWS_PROFILE = '';
      break;
    default:
      break;
  }
  const envKey = fakeKeyId('AKIA', 'env');
  switch (c.envKeys) {
    case 'full':
      env.AWS_ACCESS_KEY_ID = envKey;
      env.AWS_SECRET_ACCESS_KEY = fakeSecret('env');
      break;
    case 'stale-token':
      env.AWS_ACCESS_KEY_ID = envKey;
      env.AWS_SECRET_ACCESS_KEY = fakeSecret('env');
      env.AWS_SESSION_TOKEN = fakeSessionToken('stale');
      break;
    case 'partial':
      env.AWS_ACCESS_KEY_ID = envKey;
      break;
    case 'secret-only':
      env.AWS_SECRET_ACCESS_KEY = fakeSecret('env');
      break;
    case 'security-token':
      env.AWS_ACCESS_KEY_ID = fakeKeyId('ASIA', 'env');
      env.AWS_SECRET_ACCESS_KEY = fakeSecret('env');
      env.AWS_SESSION_TOKEN = fakeSessionToken('new');
      env.AWS_SECURITY_TOKEN = fakeSessionToken('old');
      break;
    case 'expired-expiration':
      env.AWS_ACCESS_KEY_ID = fakeKeyId('ASIA', 'env');
      env.AWS_SECRET_ACCESS_KEY = fakeSecret('env');
      env.AWS_SESSION_TOKEN = fakeSessionToken('env');
      env.AWS_CREDENTIAL_EXPIRATION = iso(now - 3600_000);
      break;
    case 'future-expiration':
      env.AWS_ACCESS_KEY_ID = fakeKeyId('ASIA', 'env');
      env.AWS_SECRET_ACCESS_KEY = fakeSecret('env');
      env.AWS_SESSION_TOKEN = fakeSessionToken('env');
      env.AWS_CREDENTIAL_EXPIRATION = iso(now + 3 * 3600_000);
      break;
    default:
      break;
  }
  applyRegion(h, c, t, env);
  applyQuirk(h, c, t);
  if (c.extra === 'irsa-env') {
    h.files['irsa/token'] = { text: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJpcnNhIn0.c2lnbmF0dXJl' };
    env.AWS_WEB_IDENTITY_TOKEN_FILE = '{HOME}/irsa/token';
    env.AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/Irsa';
  } else if (c.extra === 'container') {
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI = '{CONTAINER_URI}';
  }

  let configText = h.config.join('\n');
  let credentialsText = h.credentials.join('\n');
  if (c.quirk === 'crlf') {
    configText = configText.replace(/\n/g, '\r\n');
    credentialsText = credentialsText.replace(/\n/g, '\r\n');
  }
  if (c.quirk === 'bom-config') configText = '\ufeff' + configText;
  let configRel = '.aws/config';
  let credentialsRel = '.aws/credentials';
  switch (c.fileVars) {
    case 'absolute':
      configRel = 'alt/config';
      credentialsRel = 'alt/credentials';
      env.AWS_CONFIG_FILE = '{HOME}/alt/config';
      env.AWS_SHARED_CREDENTIALS_FILE = '{HOME}/alt/credentials';
      break;
    case 'tilde':
      configRel = 'alt/config';
      env.AWS_CONFIG_FILE = '~/alt/config';
      break;
    case 'dollar-home':
      credentialsRel = 'alt/credentials';
      env.AWS_SHARED_CREDENTIALS_FILE = '$HOME/alt/credentials';
      break;
    case 'missing-config':
      env.AWS_CONFIG_FILE = '{HOME}/nowhere/config';
      break;
    default:
      break;
  }
  const files: Record<string, ScenarioFile> = { ...h.files };
  if (configText.trim()) files[configRel] = { text: configText };
  if (credentialsText.trim()) files[credentialsRel] = { text: credentialsText };
  const id = `gen-${String(i).padStart(3, '0')}-${c.target}-${c.selection}-${c.envKeys}-${c.region}-${c.quirk}-${c.fileVars}-${c.extra}`;
  return { id, files, env, ...(explicitProfile !== undefined ? { explicitProfile } : {}) };
}

export function generatedScenarios(count: number, now: number): Scenario[] {
  return [...combinations(count).map((c, i) => buildScenario(i, c, now)), ...loginScenarios(now)];
}

/** A login_session value (the ARN of the signed-in identity) and its cache file name. */
const LOGIN_SESSION = 'arn:aws:iam::123456789012:user/alice';
/** Not a usable key: the tools load the DPoP key only to refresh, which a valid token never needs. */
const FAKE_DPOP_KEY =
  '-----BEGIN EC PRIVATE KEY-----\nTk9UIEEgUkVBTCBLRVksIE9OTFkgRk9SIFRFU1RT\n-----END EC PRIVATE KEY-----\n';

/** The token `aws login` caches, valid for an hour (no refresh: no sign-in call). */
function loginToken(seed: string, now: number, omit: string[] = []): ScenarioFile {
  const token: Record<string, unknown> = {
    accessToken: {
      accessKeyId: fakeKeyId('ASIA', `login-${seed}`),
      secretAccessKey: fakeSecret(`login-${seed}`),
      sessionToken: fakeSessionToken(`login-${seed}`),
      accountId: '123456789012',
      expiresAt: iso(now + 3600_000),
    },
    tokenType: 'aws_sigv4',
    refreshToken: `refresh-${fakeSecret(`refresh-${seed}`)}`,
    idToken: `id-${fakeSecret(`id-${seed}`)}`,
    clientId: 'arn:aws:signin:::devtools/same-device',
    dpopKey: FAKE_DPOP_KEY,
  };
  for (const k of omit) delete token[k];
  return { text: JSON.stringify(token) };
}

const loginCacheFile = (dir = '.aws/login/cache') =>
  `${dir}/${createHash('sha256').update(LOGIN_SESSION, 'utf8').digest('hex')}.json`;

/**
 * `aws login` profiles: a valid cache, none, a moved cache directory, next to credential_process,
 * next to keys in either file, as a source_profile, behind environment keys, a broken cache.
 */
export function loginScenarios(now: number): Scenario[] {
  const login = ['login_session = ' + LOGIN_SESSION, 'region = eu-west-1'];
  const config = (sections: [string, string[]][]) =>
    sections
      .map(([name, lines]) => [name === 'default' ? '[default]' : `[profile ${name}]`, ...lines, ''].join('\n'))
      .join('\n');
  const cache = { [loginCacheFile()]: loginToken('a', now) };
  const processScript = {
    text: `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "${fakeKeyId('AKIA', 'proc')}", "SecretAccessKey": "${fakeSecret('proc')}"}'\n`,
    mode: 0o755,
  };
  const s = (
    id: string,
    files: Record<string, ScenarioFile>,
    env: Record<string, string> = { AWS_PROFILE: 't' },
  ): Scenario => ({ id: `login-${id}`, files, env });
  return [
    s('valid', { '.aws/config': { text: config([['t', login]]) }, ...cache }),
    s('valid-default', { '.aws/config': { text: config([['default', login]]) }, ...cache }, {}),
    s('no-cache', { '.aws/config': { text: config([['t', login]]) } }),
    s(
      'moved-cache',
      { '.aws/config': { text: config([['t', login]]) }, [loginCacheFile('elsewhere')]: loginToken('b', now) },
      { AWS_PROFILE: 't', AWS_LOGIN_CACHE_DIRECTORY: '{HOME}/elsewhere' },
    ),
    s(
      'moved-cache-empty',
      { '.aws/config': { text: config([['t', login]]) }, ...cache },
      { AWS_PROFILE: 't', AWS_LOGIN_CACHE_DIRECTORY: '{HOME}/elsewhere' },
    ),
    s('and-process', {
      '.aws/config': { text: config([['t', [...login, 'credential_process = {HOME}/creds.sh']]]) },
      'creds.sh': processScript,
      ...cache,
    }),
    s('and-credentials-keys', {
      '.aws/config': { text: config([['t', login]]) },
      '.aws/credentials': {
        text: `[t]\naws_access_key_id = ${fakeKeyId('AKIA', 'cred')}\naws_secret_access_key = ${fakeSecret('cred')}\n`,
      },
      ...cache,
    }),
    s('and-config-keys', {
      '.aws/config': {
        text: config([
          [
            't',
            [
              ...login,
              `aws_access_key_id = ${fakeKeyId('AKIA', 'cfg')}`,
              `aws_secret_access_key = ${fakeSecret('cfg')}`,
            ],
          ],
        ]),
      },
      ...cache,
    }),
    s('as-source-profile', {
      '.aws/config': {
        text: config([
          ['t', ['role_arn = arn:aws:iam::123456789012:role/FromLogin', 'source_profile = base', 'region = eu-west-1']],
          ['base', login],
        ]),
      },
      ...cache,
    }),
    s(
      'with-env-keys',
      { '.aws/config': { text: config([['default', login]]) }, ...cache },
      { AWS_ACCESS_KEY_ID: fakeKeyId('AKIA', 'env-login'), AWS_SECRET_ACCESS_KEY: fakeSecret('env-login') },
    ),
    s('malformed-cache', {
      '.aws/config': { text: config([['t', login]]) },
      [loginCacheFile()]: { text: '{"accessToken": ' },
    }),
    s('cache-without-dpop-key', {
      '.aws/config': { text: config([['t', login]]) },
      [loginCacheFile()]: loginToken('c', now, ['dpopKey']),
    }),
  ];
}

/**
 * Hostile but fair homes (issue 8), where speed must never buy a different answer: out-of-range
 * and unparseable dates in the SSO cache and the environment, source_profile chains past
 * botocore's recursion limit, `[__proto__]` sections, a directory as the web identity token file,
 * and failing AWS CLI resolutions whose region the CLI still knows.
 */
export function hostileScenarios(now: number): Scenario[] {
  const hour = 3600_000;
  const key = fakeKeyId('AKIA', 'hostile');
  const secret = fakeSecret('hostile');
  const staticCreds = `[default]\naws_access_key_id = ${key}\naws_secret_access_key = ${secret}\n`;
  const legacy =
    '[profile s]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n';
  const session =
    '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\n[profile s]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n';
  // The fake portal accepts "token-…" access tokens: the answer depends only on how each tool reads expiresAt.
  const tokenFile = (id: string, expiresAt: string) => ({
    [`.aws/sso/cache/${sha1(id)}.json`]: {
      text: `{"startUrl":"https://x.awsapps.com/start","region":"us-east-1","accessToken":"token-${sha1(id).slice(0, 8)}","expiresAt":${expiresAt}}`,
    },
  });
  const chain = (n: number) => {
    const parts: string[] = [];
    for (let i = 0; i < n; i++)
      parts.push(`[profile p${i}]\nrole_arn = arn:aws:iam::123456789012:role/R${i}\nsource_profile = p${i + 1}\n`);
    return parts.join('') + `[profile p${n}]\naws_access_key_id = ${key}\naws_secret_access_key = ${secret}\n`;
  };
  const env = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' };
  const webIdentity =
    '[default]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/Web\nweb_identity_token_file = {HOME}/tokendir\n';
  return [
    {
      id: 'hostile-sso-legacy-expiresAt-1e20',
      files: { '.aws/config': { text: legacy }, ...tokenFile('https://legacy.awsapps.com/start', '1e20') },
      env: { AWS_PROFILE: 's' },
    },
    {
      id: 'hostile-sso-legacy-expiresAt-year-99999',
      files: {
        '.aws/config': { text: legacy },
        ...tokenFile('https://legacy.awsapps.com/start', '"99999-01-01T00:00:00Z"'),
      },
      env: { AWS_PROFILE: 's' },
    },
    {
      id: 'hostile-sso-legacy-expiresAt-past-Date-range',
      files: {
        '.aws/config': { text: legacy },
        ...tokenFile('https://legacy.awsapps.com/start', '"+275760-09-13T00:00:00.001Z"'),
      },
      env: { AWS_PROFILE: 's' },
    },
    {
      id: 'hostile-sso-session-expiresAt-1e20',
      files: { '.aws/config': { text: session }, ...tokenFile('corp', '1e20') },
      env: { AWS_PROFILE: 's' },
    },
    {
      id: 'hostile-sso-not-selected-expiresAt-1e20',
      files: {
        '.aws/config': { text: legacy + '[default]\nregion = eu-west-1\n' },
        '.aws/credentials': { text: staticCreds },
        ...tokenFile('https://legacy.awsapps.com/start', '1e20'),
      },
      env: {},
    },
    {
      id: 'hostile-sso-valid-expiresAt-epoch-ms-number',
      files: {
        '.aws/config': { text: legacy },
        ...tokenFile('https://legacy.awsapps.com/start', String(now + 8 * hour)),
      },
      env: { AWS_PROFILE: 's' },
    },
    {
      id: 'hostile-env-expiration-1e20',
      files: {},
      env: { AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: secret, AWS_CREDENTIAL_EXPIRATION: '1e20', ...env },
    },
    {
      id: 'hostile-env-expiration-past-Date-range',
      files: {},
      env: {
        AWS_ACCESS_KEY_ID: key,
        AWS_SECRET_ACCESS_KEY: secret,
        AWS_CREDENTIAL_EXPIRATION: '+275760-09-13T00:00:00.001Z',
        ...env,
      },
    },
    {
      id: 'hostile-role-chain-100',
      files: { '.aws/config': { text: chain(100) } },
      env: { AWS_PROFILE: 'p0', ...env },
    },
    {
      id: 'hostile-role-chain-150',
      files: { '.aws/config': { text: chain(150) } },
      env: { AWS_PROFILE: 'p0', ...env },
    },
    {
      id: 'hostile-proto-section-in-config',
      files: {
        '.aws/config': { text: '[default]\nregion = eu-west-1\n[profile __proto__]\nregion = x\n' },
        '.aws/credentials': { text: staticCreds },
      },
      env: {},
    },
    {
      id: 'hostile-proto-section-in-credentials',
      files: {
        '.aws/config': { text: '[default]\nregion = eu-west-1\n' },
        '.aws/credentials': { text: staticCreds + '[__proto__]\nx = 1\n' },
      },
      env: {},
    },
    {
      id: 'hostile-web-identity-token-file-is-a-directory',
      files: { '.aws/config': { text: webIdentity }, 'tokendir/x': { text: 'x' } },
      env: {},
    },
    {
      id: 'hostile-env-web-identity-token-file-is-a-directory',
      files: { '.aws/config': { text: '[default]\nregion = eu-west-1\n' }, 'tokendir/x': { text: 'x' } },
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: '{HOME}/tokendir', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/Web' },
    },
    {
      id: 'hostile-cli-fails-region-from-profile',
      files: {
        '.aws/config': {
          text: '[default]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/W\nsource_profile = nope\n',
        },
      },
      env: {},
    },
    {
      id: 'hostile-cli-fails-region-from-AWS_REGION',
      files: { '.aws/config': { text: '[default]\nregion = eu-west-1\n' } },
      env: { AWS_ACCESS_KEY_ID: key, AWS_REGION: 'ap-south-1' },
    },
    {
      id: 'hostile-cli-profile-not-found-region-from-AWS_REGION',
      files: { '.aws/config': { text: '[default]\nregion = eu-west-1\n' } },
      env: { AWS_PROFILE: 'nope', AWS_REGION: 'ap-south-1' },
    },
    {
      id: 'hostile-cli-unparseable-config-with-AWS_REGION',
      files: { '.aws/config': { text: '[default]\nregion = eu-west-1\nnot a setting\n' } },
      env: { AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: secret, AWS_REGION: 'ap-south-1' },
    },
    {
      id: 'hostile-control-characters-in-values',
      files: {
        '.aws/config': { text: '[default]\nregion = eu-west-1\x1b]0;pwned\x07\n' },
        '.aws/credentials': { text: staticCreds },
      },
      env: { AWS_PROFILE: 'default' },
    },
  ];
}

/**
 * The AWS SDK for Rust's scenario homes (test/fixtures/aws-sdk-rust-test-data), as scenarios. Cases
 * that would need instance metadata, a container endpoint or a non-loopback URL are left out.
 */
export function rustScenarios(dataDir: string): Scenario[] {
  const out: Scenario[] = [];
  for (const group of ['profile-provider', 'default-credential-provider-chain']) {
    const groupDir = path.join(dataDir, group);
    for (const name of fs.readdirSync(groupDir).sort()) {
      // Left out: cases that need instance metadata, a container endpoint or a non-loopback URL, and
      // cases about what a credential_process prints (the engine never runs the program).
      // web_identity_token_profile names a 13-digit account that moto rejects server-side: also
      // outside what the engine predicts (what happens before a request is sent).
      if (
        /imds|ecs|eks|url|fips|retry|server_error|e2e|credential_process_/.test(name) ||
        (group === 'profile-provider' && name === 'credential_process') ||
        name === 'web_identity_token_profile'
      )
        continue;
      const dir = path.join(groupDir, name);
      const envFile = path.join(dir, 'env.json');
      if (!fs.existsSync(envFile)) continue;
      const rawEnv = JSON.parse(fs.readFileSync(envFile, 'utf8')) as Record<string, string>;
      const home = rawEnv.HOME ?? '/home';
      const env: Record<string, string> = {};
      let skip = false;
      for (const [k, v] of Object.entries(rawEnv)) {
        if (k === 'HOME') continue;
        if (/^AWS_(ENDPOINT_URL|CONTAINER_|EC2_METADATA)/.test(k)) {
          skip = true;
          break;
        }
        env[k] = v.startsWith(home + '/')
          ? `{HOME}/${v.slice(home.length + 1)}`
          : v.startsWith('/')
            ? `{HOME}/_root${v}`
            : v;
      }
      if (skip) continue;
      const files: Record<string, ScenarioFile> = {};
      const fsDir = path.join(dir, 'fs');
      const walk = (abs: string, rel: string) => {
        if (!fs.existsSync(abs)) return;
        for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
          const a = path.join(abs, entry.name);
          const r = rel ? `${rel}/${entry.name}` : entry.name;
          if (entry.isDirectory()) walk(a, r);
          else {
            const inHome = ('/' + r).startsWith(home + '/');
            const target = inHome ? ('/' + r).slice(home.length + 1) : `_root/${r}`;
            files[target] = { text: fs.readFileSync(a, 'utf8') };
          }
        }
      };
      walk(fsDir, '');
      // Absolute paths inside the files (web_identity_token_file = /token.jwt) follow the files.
      for (const rel of Object.keys(files)) {
        if (!rel.startsWith('_root/')) continue;
        for (const f of Object.values(files))
          (f as { text: string }).text = f.text.split(rel.slice('_root'.length)).join(`{HOME}/${rel}`);
      }
      out.push({ id: `rust-${group === 'profile-provider' ? 'pp' : 'chain'}-${name}`, files, env });
    }
  }
  return out;
}

/**
 * The wrong predictions of issue 15, and those the peer SDKs' test inputs showed, each named after
 * its input: the engine's answer on them is proven by the real tools here (and their findings in
 * test/unit/wrongPredictions.test.ts).
 */
export function wrongPredictionScenarios(): Scenario[] {
  const key = fakeKeyId('AKIA', 'issue15');
  const secret = fakeSecret('issue15');
  const helper: ScenarioFile = {
    text: `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "${fakeKeyId('ASIA', 'issue15-helper')}", "SecretAccessKey": "${fakeSecret('issue15-helper')}", "SessionToken": "${fakeSessionToken('issue15-helper')}"}'\n`,
    mode: 0o755,
  };
  const relative = {
    '.aws/config': {
      text: '[default]\nregion = eu-west-1\ncredential_process = helpers/op-cred-helper.sh vault key\n',
    },
    'project/helpers/op-cred-helper.sh': helper,
  };
  const ssoSource =
    '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\n[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n\n[profile role]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = sso\nregion = eu-west-1\n';
  return [
    {
      id: 'issue15-credential_process-helpers_op-cred-helper.sh-vault-key-run-from-elsewhere',
      files: relative,
      env: {},
    },
    {
      id: 'issue15-credential_process-helpers_op-cred-helper.sh-vault-key-run-from-the-directory-of-helpers',
      files: relative,
      env: {},
      cwd: 'project',
    },
    {
      id: 'issue15-credential_source-Ec2InstanceMetadata-with-AWS_EC2_METADATA_DISABLED-true',
      files: {
        '.aws/config': {
          text: '[default]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/Runner\ncredential_source = Ec2InstanceMetadata\n',
        },
      },
      env: { AWS_EC2_METADATA_DISABLED: 'true' },
    },
    {
      id: 'issue15-role_arn-empty-with-the-ARN-on-the-next-unindented-line',
      files: {
        '.aws/config': {
          text: '[profile deploy]\nrole_arn =\narn:aws:iam::123456789012:role/Deploy\nsource_profile = base\nregion = eu-west-1\n',
        },
        '.aws/credentials': { text: `[base]\naws_access_key_id = ${key}\naws_secret_access_key = ${secret}\n` },
      },
      env: { AWS_PROFILE: 'deploy' },
    },
    // botocore's own tests: an empty command line (Popen([]): IndexError) and an unclosed quote (shlex: ValueError).
    {
      id: 'peer-credential_process-empty',
      files: {
        '.aws/config': {
          text: '[profile A]\nrole_arn = arn:aws:iam::123456789012:role/RoleA\nsource_profile = B\n[profile B]\ncredential_process =\n',
        },
      },
      env: { AWS_PROFILE: 'B' },
    },
    // The Go SDK's shared_credentials: a section twice in the credentials file, its profile selected.
    {
      id: 'peer-credentials-file-duplicate-section-profile-selected',
      files: {
        '.aws/credentials': {
          text: `[DoNotNormalize]\naws_access_key_id = ${key}\naws_secret_access_key = ${secret}\n\n[DoNotNormalize]\nregion = eu-west-1\n`,
        },
      },
      env: { AWS_PROFILE: 'DoNotNormalize' },
    },
    {
      id: 'peer-credential_process-unclosed-quote',
      files: { '.aws/config': { text: '[default]\nregion = eu-west-1\ncredential_process = "/usr/bin/true --json\n' } },
      env: {},
    },
    {
      id: 'issue15-role-whose-source_profile-uses-sso_session-AWS-CLI-2.9.19-crashes',
      files: {
        '.aws/config': { text: ssoSource },
        [`.aws/sso/cache/${sha1('corp')}.json`]: {
          text: JSON.stringify({
            startUrl: 'https://corp.awsapps.com/start',
            region: 'us-east-1',
            accessToken: 'token-issue15-corp',
            expiresAt: '2099-01-01T00:00:00Z',
          }),
        },
      },
      env: { AWS_PROFILE: 'role' },
    },
  ];
}
