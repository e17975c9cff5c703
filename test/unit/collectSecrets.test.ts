/**
 * The redactor a diagnosis builds holds the secrets of the `aws login` token cache of every profile
 * with a login_session. Issue 11 skips looking through the profiles when no file names the key: the
 * key in any case (botocore lowercases keys) must still be found.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { diagnose } from '../../src/engine/diagnose';
import { MemoryHost } from '../support/memoryHost';

const HOME = '/home/u';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const SESSION = 'arn:aws:iam::123456789012:user/alice';
const CACHE = `${HOME}/.aws/login/cache/${createHash('sha256').update(SESSION).digest('hex')}.json`;
const SECRETS = {
  secretAccessKey: 'login-secret-key-0123',
  sessionToken: 'login-session-token-4567',
  refreshToken: 'login-refresh-89ab',
  idToken: 'login-id-cdef',
  dpopKey: 'login-dpop-key-0000',
};
const TOKEN = JSON.stringify({
  accessToken: {
    accessKeyId: 'ASIAV4N6PQ2RSTUW3XY5',
    secretAccessKey: SECRETS.secretAccessKey,
    sessionToken: SECRETS.sessionToken,
    accountId: '123456789012',
    expiresAt: '2026-11-22T13:00:00Z',
  },
  refreshToken: SECRETS.refreshToken,
  clientId: 'c',
  dpopKey: SECRETS.dpopKey,
  idToken: SECRETS.idToken,
  tokenType: 'aws_sigv4',
});

function values(config: string): string[] {
  const d = diagnose({
    env: { HOME },
    fs: new MemoryHost({ [`${HOME}/.aws/config`]: config, [CACHE]: { content: TOKEN, mode: 0o600 } }),
    now: NOW,
    fallbackHomeDir: HOME,
  });
  return d.redactor.values();
}

describe('collectSecrets: the aws login token cache', () => {
  for (const key of ['login_session', 'LOGIN_SESSION', 'Login_Session']) {
    it(`a profile with ${key} = …: every secret of its token is remembered`, () => {
      const v = values(`[profile dev]\nregion = eu-west-1\n${key} = ${SESSION}\n`);
      for (const s of Object.values(SECRETS)) assert.ok(v.includes(s), `${s} not in ${JSON.stringify(v)}`);
    });
  }
});
