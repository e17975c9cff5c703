/**
 * Who exported the credentials in the environment, and when they expire: credential brokers leave
 * markers next to the keys (aws-vault, awsume, aws-sso-cli, granted, saml2aws, the AWS CLI's
 * `configure export-credentials`). No SDK reads these markers; the engine reads them to name the
 * broker and to know an expiry the SDKs do not.
 */
import type { Environment } from './host';
import { parseTimestamp } from './timestamps';

export type BrokerName = 'aws-vault' | 'awsume' | 'aws-sso-cli' | 'granted' | 'saml2aws' | 'aws configure export-credentials';

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
  readonly marker: string;
  readonly profileVar?: string;
  readonly expiryVars: readonly string[];
  readonly extra?: readonly string[];
}

/** The variables each broker sets (their documentation and sources), most specific first. */
const SIGNATURES: readonly Signature[] = [
  { broker: 'aws-vault', marker: 'AWS_VAULT', profileVar: 'AWS_VAULT', expiryVars: ['AWS_SESSION_EXPIRATION', 'AWS_CREDENTIAL_EXPIRATION'] },
  { broker: 'awsume', marker: 'AWSUME_PROFILE', profileVar: 'AWSUME_PROFILE', expiryVars: ['AWSUME_EXPIRATION'] },
  { broker: 'aws-sso-cli', marker: 'AWS_SSO_PROFILE', profileVar: 'AWS_SSO_PROFILE', expiryVars: ['AWS_SSO_SESSION_EXPIRATION'], extra: ['AWS_SSO_ACCOUNT_ID', 'AWS_SSO_ROLE_NAME', 'AWS_SSO_ROLE_ARN'] },
  { broker: 'granted', marker: 'GRANTED_AWS_ROLE_PROFILE', profileVar: 'GRANTED_AWS_ROLE_PROFILE', expiryVars: ['AWS_SESSION_EXPIRATION', 'AWS_CREDENTIAL_EXPIRATION'], extra: ['GRANTED_SSO'] },
  { broker: 'saml2aws', marker: 'SAML2AWS_PROFILE', profileVar: 'SAML2AWS_PROFILE', expiryVars: ['AWS_CREDENTIAL_EXPIRATION', 'AWS_SESSION_EXPIRATION'] },
];

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
    if (!env[sig.marker]) continue;
    const e = expiryFrom(env, sig.expiryVars);
    out.push({
      broker: sig.broker,
      profile: sig.profileVar ? env[sig.profileVar] ?? null : null,
      expiresAt: e.at,
      expiresFrom: e.from,
      markers: [sig.marker, ...(sig.extra ?? []).filter((m) => env[m] !== undefined), ...(e.from ? [e.from] : [])],
      ...(sig.broker === 'aws-vault' && env.AWS_CONTAINER_CREDENTIALS_FULL_URI && env.AWS_CONTAINER_AUTHORIZATION_TOKEN ? { serves: true } : {}),
    });
  }
  // `aws configure export-credentials --format env` writes only AWS_CREDENTIAL_EXPIRATION next to the keys.
  if (!out.length && env.AWS_CREDENTIAL_EXPIRATION && env.AWS_ACCESS_KEY_ID) {
    const e = expiryFrom(env, ['AWS_CREDENTIAL_EXPIRATION']);
    out.push({ broker: 'aws configure export-credentials', profile: null, expiresAt: e.at, expiresFrom: e.from, markers: ['AWS_CREDENTIAL_EXPIRATION'] });
  }
  return out;
}
