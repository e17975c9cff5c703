/**
 * Who exported the credentials in the environment, and when they expire: credential brokers leave
 * markers next to the keys (aws-vault, awsume, aws-sso-cli, granted, saml2aws, the AWS CLI's
 * `configure export-credentials`). No SDK reads these markers; the engine reads them to name the
 * broker and to know an expiry the SDKs do not.
 */
import type { Environment } from '../core/host';
import { parseTimestamp } from '../core/timestamps';

export type BrokerName =
  'aws-vault' | 'awsume' | 'aws-sso-cli' | 'granted' | 'saml2aws' | 'aws configure export-credentials';

export interface BrokerSession {
  readonly broker: BrokerName;
  /** The profile the broker says it exported, when it says. */
  readonly profile: string | null;
  /** ISO 8601, or null when the broker writes no expiry (or an unparseable one). */
  readonly expiresAt: string | null;
  /** The variable the expiry came from. */
  readonly expiresFrom: string | null;
  /** The variables that name this broker. */
  readonly markers: readonly string[];
  /** aws-vault's --ecs-server mode serves credentials over a local endpoint instead of exporting keys. */
  readonly serves?: boolean;
}

interface Signature {
  readonly broker: BrokerName;
  /** Any one of these names the broker (the first present is the one findings name). */
  readonly markers: readonly string[];
  /** Where the exported profile is named, first present wins. */
  readonly profileVars: readonly string[];
  readonly expiryVars: readonly string[];
  /** Further variables it sets, listed when present. */
  readonly extra?: readonly string[];
}

/**
 * The variables each broker sets, read in their sources (repository, file):
 * - aws-vault (99designs/aws-vault cli/exec.go `createEnv`, `addCredsToEnv`): AWS_VAULT=<profile>;
 *   7.x writes AWS_CREDENTIAL_EXPIRATION and unsets AWS_SECURITY_TOKEN, 5.4–6.x wrote
 *   AWS_SESSION_EXPIRATION and AWS_SECURITY_TOKEN; `--ecs-server` sets AWS_CONTAINER_CREDENTIALS_FULL_URI
 *   and AWS_CONTAINER_AUTHORIZATION_TOKEN instead of keys.
 * - awsume (trek10inc/awsume shell_scripts/awsume, awsumepy/app.py `run`): AWSUME_PROFILE, AWSUME_COMMAND,
 *   AWSUME_EXPIRATION as `%Y-%m-%dT%H:%M:%S` in the local time zone (no offset: read as local time).
 * - aws-sso-cli (synfinatic/aws-sso-cli cmd/aws-sso/exec_cmd.go `execShellEnvs`): AWS_SSO_ACCOUNT_ID,
 *   AWS_SSO_ROLE_NAME, AWS_SSO_ROLE_ARN, AWS_SSO (the instance), AWS_SSO_SESSION_EXPIRATION (RFC 3339);
 *   AWS_SSO_PROFILE only when its role cache names one.
 * - granted (common-fate/granted scripts/assume, assume.fish, assume.ps1, assume.bat; pkg/assume/assume.go):
 *   AWS_PROFILE=<profile> next to the keys, GRANTED_SSO ("true"/"false"), GRANTED_COMMAND (sh, fish) or
 *   ASSUME_COMMAND (PowerShell), and the same RFC 3339 expiry in AWS_SESSION_EXPIRATION and
 *   AWS_CREDENTIAL_EXPIRATION. There is no GRANTED_AWS_ROLE_PROFILE.
 * - saml2aws (Versent/saml2aws cmd/saml2aws/commands/script.go, pkg/shell/env.go): SAML2AWS_PROFILE with
 *   `script`, AWS_CREDENTIAL_EXPIRATION and AWS_SECURITY_TOKEN; `exec` sets AWS_PROFILE and
 *   AWS_DEFAULT_PROFILE instead of SAML2AWS_PROFILE (so it reads as `aws configure export-credentials`);
 *   `login` writes x_security_token_expires into the credentials file (timestamps.ts EXPIRY_KEYS).
 */
const SIGNATURES: readonly Signature[] = [
  {
    broker: 'aws-vault',
    markers: ['AWS_VAULT'],
    profileVars: ['AWS_VAULT'],
    expiryVars: ['AWS_CREDENTIAL_EXPIRATION', 'AWS_SESSION_EXPIRATION'],
  },
  {
    broker: 'awsume',
    markers: ['AWSUME_PROFILE', 'AWSUME_COMMAND'],
    profileVars: ['AWSUME_PROFILE'],
    expiryVars: ['AWSUME_EXPIRATION'],
  },
  {
    broker: 'aws-sso-cli',
    markers: ['AWS_SSO_PROFILE', 'AWS_SSO_ROLE_ARN', 'AWS_SSO_ACCOUNT_ID'],
    profileVars: ['AWS_SSO_PROFILE', 'AWS_SSO_ROLE_ARN'],
    expiryVars: ['AWS_SSO_SESSION_EXPIRATION'],
    extra: ['AWS_SSO_ACCOUNT_ID', 'AWS_SSO_ROLE_NAME', 'AWS_SSO_ROLE_ARN', 'AWS_SSO'],
  },
  {
    broker: 'granted',
    markers: ['GRANTED_SSO', 'GRANTED_COMMAND', 'ASSUME_COMMAND'],
    profileVars: ['AWS_PROFILE'],
    expiryVars: ['AWS_SESSION_EXPIRATION', 'AWS_CREDENTIAL_EXPIRATION'],
    extra: ['GRANTED_SSO_START_URL', 'GRANTED_SSO_ROLE_NAME', 'GRANTED_SSO_ACCOUNT_ID'],
  },
  {
    broker: 'saml2aws',
    markers: ['SAML2AWS_PROFILE'],
    profileVars: ['SAML2AWS_PROFILE'],
    expiryVars: ['AWS_CREDENTIAL_EXPIRATION'],
  },
];

/**
 * The variables a broker leaves in a shell that the engine reads (names, profile, expiry; with
 * `withExtras`, the further ones it lists). Without a broker: every broker's, so that whoever
 * models a shell's environment keeps what detectBrokers needs.
 */
export function brokerVariables(broker?: BrokerName, withExtras = true): readonly string[] {
  const sigs = broker ? SIGNATURES.filter((s) => s.broker === broker) : SIGNATURES;
  const names = sigs.flatMap((s) => [
    ...s.markers,
    ...s.profileVars,
    ...s.expiryVars,
    ...(withExtras ? (s.extra ?? []) : []),
  ]);
  // `aws configure export-credentials` has no signature: its one marker is its expiry.
  if (!broker || broker === 'aws configure export-credentials') names.push('AWS_CREDENTIAL_EXPIRATION');
  return [...new Set(names)];
}

function expiryFrom(env: Environment, vars: readonly string[]): { at: string | null; from: string | null } {
  for (const name of vars) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    const t = parseTimestamp(v);
    return { at: Number.isNaN(t) ? null : new Date(t).toISOString(), from: name };
  }
  return { at: null, from: null };
}

/** Every broker session the environment shows, outermost first as far as the markers tell. */
export function detectBrokers(env: Environment): BrokerSession[] {
  const out: BrokerSession[] = [];
  for (const sig of SIGNATURES) {
    const present = sig.markers.filter((m) => !!env[m]);
    if (!present.length) continue;
    const e = expiryFrom(env, sig.expiryVars);
    const markers = [
      ...new Set([...present, ...(sig.extra ?? []).filter((m) => env[m] !== undefined), ...(e.from ? [e.from] : [])]),
    ];
    out.push({
      broker: sig.broker,
      profile: sig.profileVars.map((v) => env[v]).find((v) => !!v) ?? null,
      expiresAt: e.at,
      expiresFrom: e.from,
      markers,
      ...(sig.broker === 'aws-vault' && env.AWS_CONTAINER_CREDENTIALS_FULL_URI && env.AWS_CONTAINER_AUTHORIZATION_TOKEN
        ? { serves: true }
        : {}),
    });
  }
  // `aws configure export-credentials --format env` writes only AWS_CREDENTIAL_EXPIRATION next to the keys.
  if (!out.length && env.AWS_CREDENTIAL_EXPIRATION && env.AWS_ACCESS_KEY_ID) {
    const e = expiryFrom(env, ['AWS_CREDENTIAL_EXPIRATION']);
    out.push({
      broker: 'aws configure export-credentials',
      profile: null,
      expiresAt: e.at,
      expiresFrom: e.from,
      markers: ['AWS_CREDENTIAL_EXPIRATION'],
    });
  }
  return out;
}
