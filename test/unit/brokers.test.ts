/** Credential brokers: who exported the environment, and the expiry the tools then show. */
import * as assert from 'node:assert/strict';
import { detectBrokers } from '../../src/engine/resolve/brokers';
import { diagnose } from '../../src/engine/diagnose';
import { buildReport } from '../../src/engine/output/report';
import { fakeKeyId, fakeSecret, fakeSessionToken } from '../differential/generateScenarios';
import { MemoryHost } from '../support/memoryHost';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const KEYS = {
  AWS_ACCESS_KEY_ID: fakeKeyId('ASIA', 'b'),
  AWS_SECRET_ACCESS_KEY: fakeSecret('b'),
  AWS_SESSION_TOKEN: fakeSessionToken('b'),
};

describe('credential brokers', () => {
  it('names each broker by its markers, with its profile and expiry', () => {
    assert.deepEqual(
      detectBrokers({
        ...KEYS,
        AWS_VAULT: 'prod',
        AWS_SESSION_EXPIRATION: '2026-11-22T13:00:00Z',
        AWS_SECURITY_TOKEN: KEYS.AWS_SESSION_TOKEN,
      }),
      [
        {
          broker: 'aws-vault',
          profile: 'prod',
          expiresAt: '2026-11-22T13:00:00.000Z',
          expiresFrom: 'AWS_SESSION_EXPIRATION',
          markers: ['AWS_VAULT', 'AWS_SESSION_EXPIRATION'],
        },
      ],
    );
    assert.equal(
      detectBrokers({
        AWS_VAULT: 'prod',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:55/',
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'x',
      })[0].serves,
      true,
    );
    assert.deepEqual(
      detectBrokers({ ...KEYS, AWSUME_PROFILE: 'dev', AWSUME_EXPIRATION: '2026-11-22T12:30:00' }).map((b) => [
        b.broker,
        b.profile,
        b.expiresFrom,
      ]),
      [['awsume', 'dev', 'AWSUME_EXPIRATION']],
    );
    assert.deepEqual(
      detectBrokers({
        ...KEYS,
        AWS_SSO_PROFILE: 'acct/Role',
        AWS_SSO_ACCOUNT_ID: '123456789012',
        AWS_SSO_SESSION_EXPIRATION: '2026-11-22 12:45:00 +0000 UTC',
      }).map((b) => [b.broker, b.markers]),
      [['aws-sso-cli', ['AWS_SSO_PROFILE', 'AWS_SSO_ACCOUNT_ID', 'AWS_SSO_SESSION_EXPIRATION']]],
    );
    assert.deepEqual(
      detectBrokers({ ...KEYS, AWS_CREDENTIAL_EXPIRATION: '2026-11-22T12:10:00Z' }).map((b) => b.broker),
      ['aws configure export-credentials'],
    );
    // aws-vault 7.x: AWS_CREDENTIAL_EXPIRATION, no AWS_SECURITY_TOKEN (cli/exec.go addCredsToEnv).
    assert.deepEqual(
      detectBrokers({ ...KEYS, AWS_VAULT: 'prod', AWS_CREDENTIAL_EXPIRATION: '2026-11-22T13:00:00Z' }).map((b) => [
        b.broker,
        b.profile,
        b.expiresAt,
        b.markers,
      ]),
      [['aws-vault', 'prod', '2026-11-22T13:00:00.000Z', ['AWS_VAULT', 'AWS_CREDENTIAL_EXPIRATION']]],
    );
    // aws-sso-cli without a profile name in its cache (exec_cmd.go execShellEnvs): the role ARN names it.
    assert.deepEqual(
      detectBrokers({
        ...KEYS,
        AWS_SSO: 'Default',
        AWS_SSO_ACCOUNT_ID: '123456789012',
        AWS_SSO_ROLE_NAME: 'Admin',
        AWS_SSO_ROLE_ARN: 'arn:aws:iam::123456789012:role/Admin',
        AWS_SSO_SESSION_EXPIRATION: '2026-11-22T05:45:00-07:00',
      }).map((b) => [b.broker, b.profile, b.expiresAt, b.markers]),
      [
        [
          'aws-sso-cli',
          'arn:aws:iam::123456789012:role/Admin',
          '2026-11-22T12:45:00.000Z',
          ['AWS_SSO_ROLE_ARN', 'AWS_SSO_ACCOUNT_ID', 'AWS_SSO_ROLE_NAME', 'AWS_SSO', 'AWS_SSO_SESSION_EXPIRATION'],
        ],
      ],
    );
    // granted (scripts/assume): AWS_PROFILE next to the keys, GRANTED_SSO=false, GRANTED_COMMAND, both expiry variables.
    assert.deepEqual(
      detectBrokers({
        ...KEYS,
        AWS_PROFILE: 'prod',
        GRANTED_SSO: 'false',
        GRANTED_COMMAND: 'prod',
        AWS_SESSION_EXPIRATION: '2026-11-22T13:00:00+01:00',
        AWS_CREDENTIAL_EXPIRATION: '2026-11-22T13:00:00+01:00',
      }).map((b) => [b.broker, b.profile, b.expiresAt, b.expiresFrom, b.markers]),
      [
        [
          'granted',
          'prod',
          '2026-11-22T12:00:00.000Z',
          'AWS_SESSION_EXPIRATION',
          ['GRANTED_SSO', 'GRANTED_COMMAND', 'AWS_SESSION_EXPIRATION'],
        ],
      ],
    );
    // granted from PowerShell (scripts/assume.ps1) sets ASSUME_COMMAND instead of GRANTED_COMMAND.
    assert.deepEqual(
      detectBrokers({ ...KEYS, AWS_PROFILE: 'prod', ASSUME_COMMAND: 'prod' }).map((b) => [b.broker, b.markers]),
      [['granted', ['ASSUME_COMMAND']]],
    );
    // saml2aws script (commands/script.go): SAML2AWS_PROFILE, AWS_CREDENTIAL_EXPIRATION, AWS_SECURITY_TOKEN.
    assert.deepEqual(
      detectBrokers({
        ...KEYS,
        AWS_SECURITY_TOKEN: KEYS.AWS_SESSION_TOKEN,
        SAML2AWS_PROFILE: 'saml',
        AWS_CREDENTIAL_EXPIRATION: '2026-11-22T13:00:00Z',
      }).map((b) => [b.broker, b.profile, b.expiresFrom, b.markers]),
      [['saml2aws', 'saml', 'AWS_CREDENTIAL_EXPIRATION', ['SAML2AWS_PROFILE', 'AWS_CREDENTIAL_EXPIRATION']]],
    );
    // Names the brokers never set are not markers.
    assert.deepEqual(
      detectBrokers({ ...KEYS, GRANTED_AWS_ROLE_PROFILE: 'prod', AWS_SESSION_EXPIRATION: '2026-11-22T13:00:00Z' }),
      [],
    );
    assert.deepEqual(detectBrokers(KEYS), []);
  });

  it('the environment credentials expire when the broker says; the report and the text name it', () => {
    const d = diagnose({
      env: { HOME: '/h', ...KEYS, AWS_VAULT: 'prod', AWS_SESSION_EXPIRATION: '2026-11-22T13:00:00Z' },
      fs: new MemoryHost({}),
      now: NOW,
      fallbackHomeDir: '/h',
    });
    for (const t of ['node', 'python', 'cli'] as const)
      assert.deepEqual(d.tools[t].expiry, {
        at: '2026-11-22T13:00:00.000Z',
        from: 'AWS_SESSION_EXPIRATION (aws-vault)',
        kind: 'env',
      });
    assert.deepEqual(
      buildReport(d).brokers.map((b) => b.broker),
      ['aws-vault'],
    );
  });

  it('granted exporting only AWS_PROFILE (a credential_process profile) contradicts nothing; its markers without keys or profile do', () => {
    const codes = (env: Record<string, string>) =>
      diagnose({ env: { HOME: '/h', ...env }, fs: new MemoryHost({}), now: NOW, fallbackHomeDir: '/h' })
        .findings.filter((f) => f.code === 'BROKER_MARKERS_CONTRADICT')
        .map((f) => [f.env, f.fixes.map((x) => x.action)]);
    assert.deepEqual(codes({ AWS_PROFILE: 'proc', GRANTED_COMMAND: 'proc' }), []);
    assert.deepEqual(codes({ GRANTED_SSO: 'true', GRANTED_COMMAND: 'sso' }), [
      ['GRANTED_SSO', [{ kind: 'unsetEnv', name: 'GRANTED_SSO' }]],
    ]);
  });
});
