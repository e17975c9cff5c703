/** Credential brokers: who exported the environment, and the expiry the tools then show. */
import * as assert from 'node:assert/strict';
import { detectBrokers } from '../../src/engine/brokers';
import { diagnose } from '../../src/engine/diagnose';
import { buildReport } from '../../src/engine/report';
import { fakeKeyId, fakeSecret, fakeSessionToken } from '../differential/generateScenarios';
import { MemoryHost } from '../support/memoryHost';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const KEYS = { AWS_ACCESS_KEY_ID: fakeKeyId('ASIA', 'b'), AWS_SECRET_ACCESS_KEY: fakeSecret('b'), AWS_SESSION_TOKEN: fakeSessionToken('b') };

describe('credential brokers', () => {
  it('names each broker by its markers, with its profile and expiry', () => {
    assert.deepEqual(detectBrokers({ ...KEYS, AWS_VAULT: 'prod', AWS_SESSION_EXPIRATION: '2026-11-22T13:00:00Z', AWS_SECURITY_TOKEN: KEYS.AWS_SESSION_TOKEN }), [
      { broker: 'aws-vault', profile: 'prod', expiresAt: '2026-11-22T13:00:00.000Z', expiresFrom: 'AWS_SESSION_EXPIRATION', markers: ['AWS_VAULT', 'AWS_SESSION_EXPIRATION'] },
    ]);
    assert.equal(detectBrokers({ AWS_VAULT: 'prod', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:55/', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'x' })[0].serves, true);
    assert.deepEqual(detectBrokers({ ...KEYS, AWSUME_PROFILE: 'dev', AWSUME_EXPIRATION: '2026-11-22T12:30:00' }).map((b) => [b.broker, b.profile, b.expiresFrom]), [['awsume', 'dev', 'AWSUME_EXPIRATION']]);
    assert.deepEqual(detectBrokers({ ...KEYS, AWS_SSO_PROFILE: 'acct/Role', AWS_SSO_ACCOUNT_ID: '123456789012', AWS_SSO_SESSION_EXPIRATION: '2026-11-22 12:45:00 +0000 UTC' }).map((b) => [b.broker, b.markers]), [['aws-sso-cli', ['AWS_SSO_PROFILE', 'AWS_SSO_ACCOUNT_ID', 'AWS_SSO_SESSION_EXPIRATION']]]);
    assert.deepEqual(detectBrokers({ ...KEYS, AWS_CREDENTIAL_EXPIRATION: '2026-11-22T12:10:00Z' }).map((b) => b.broker), ['aws configure export-credentials']);
    assert.deepEqual(detectBrokers(KEYS), []);
  });

  it('the environment credentials expire when the broker says; the report and the text name it', () => {
    const d = diagnose({ env: { HOME: '/h', ...KEYS, AWS_VAULT: 'prod', AWS_SESSION_EXPIRATION: '2026-11-22T13:00:00Z' }, fs: new MemoryHost({}), now: NOW, fallbackHomeDir: '/h' });
    for (const t of ['node', 'python', 'cli'] as const) assert.deepEqual(d.tools[t].expiry, { at: '2026-11-22T13:00:00.000Z', from: 'AWS_SESSION_EXPIRATION (aws-vault)', kind: 'env' });
    assert.deepEqual(buildReport(d).brokers.map((b) => b.broker), ['aws-vault']);
  });
});
