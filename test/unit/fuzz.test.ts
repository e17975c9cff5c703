/**
 * Fuzzing the parsers and the resolvers: random and mutated files, huge lines, NUL bytes, invalid
 * UTF-8, 10 MB files, random environments. The engine must never throw, and every input must yield
 * a complete report that serialises to JSON.
 */
import * as assert from 'node:assert/strict';
import { diagnose } from '../../src/engine/diagnose';
import { buildReport } from '../../src/engine/report';
import { formatText } from '../../src/engine/format';
import { TOOL_IDS } from '../../src/engine/model';
import { MemoryHost } from '../support/memoryHost';
import { prng, randomIni } from '../support/iniCorpus';

const HOME = '/home/fuzz';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 1500);

function mutate(text: string, rand: () => number): string {
  const chars = [...text];
  const n = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (chars.length + 1));
    const r = rand();
    if (r < 0.3) chars.splice(at, 1);
    else if (r < 0.6) chars.splice(at, 0, String.fromCharCode(Math.floor(rand() * 0x3000)));
    else if (r < 0.8) chars.splice(at, 0, ...'[]=:#;\n\r\t "\''[Math.floor(rand() * 12)]);
    else chars.splice(at, 0, '\u0000');
  }
  return chars.join('');
}

function randomEnv(rand: () => number): Record<string, string> {
  const env: Record<string, string> = { HOME };
  const vars = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'];
  const values = ['', 'dev', 'default', 'AKIAIOSFODNN7EXAMPLE', 'x'.repeat(5000), '$HOME/x', '~/x', '/dev/null', `${HOME}/.aws/config`, 'not-a-date', '2020-01-01T00:00:00Z', '\u0000', 'us east 1'];
  for (const v of vars) if (rand() < 0.3) env[v] = values[Math.floor(rand() * values.length)];
  return env;
}

function check(host: MemoryHost, env: Record<string, string>, explicitProfile?: string): void {
  const d = diagnose({ env, fs: host, now: NOW, fallbackHomeDir: HOME, explicitProfile });
  const report = buildReport(d);
  for (const t of TOOL_IDS) assert.ok(report.tools[t].source, `tool ${t} has a source`);
  JSON.stringify(report);
  formatText(report, NOW);
}

describe('fuzz: the engine never throws and always reports', function () {
  this.timeout(300_000);

  it(`${ITERATIONS} random and mutated homes with random environments`, () => {
    const rand = prng(4242);
    for (let i = 0; i < ITERATIONS; i++) {
      let config = randomIni(rand);
      let credentials = randomIni(rand);
      if (rand() < 0.5) config = mutate(config, rand);
      if (rand() < 0.5) credentials = mutate(credentials, rand);
      const host = new MemoryHost({
        [`${HOME}/.aws/config`]: config,
        [`${HOME}/.aws/credentials`]: { content: credentials, mode: rand() < 0.5 ? 0o644 : 0o600 },
        [`${HOME}/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json`]: rand() < 0.5 ? '{"accessToken":"x","expiresAt":"garbage"}' : mutate('{"accessToken":"x","expiresAt":"2026-11-22T13:00:00Z"}', rand),
      });
      const env = randomEnv(rand);
      try {
        check(host, env, rand() < 0.1 ? 'dev' : undefined);
      } catch (e) {
        assert.fail(`iteration ${i} threw ${(e as Error).stack}\nconfig=${JSON.stringify(config)}\ncredentials=${JSON.stringify(credentials)}\nenv=${JSON.stringify(env)}`);
      }
    }
  });

  it('a 10 MB config file, a 1 MB single line, NUL bytes and invalid UTF-8', () => {
    const rand = prng(7);
    const parts: string[] = [];
    let size = 0;
    while (size < 10 * 1024 * 1024) {
      const chunk = randomIni(rand, 50);
      parts.push(chunk);
      size += chunk.length;
    }
    const invalidUtf8 = new Uint8Array([0x5b, 0x64, 0x65, 0x76, 0x5d, 0x0a, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x0a]);
    const homes = [
      { config: parts.join('\n'), credentials: '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n' },
      { config: '[default]\nregion = ' + 'x'.repeat(1024 * 1024), credentials: '\u0000'.repeat(1000) },
      { config: invalidUtf8, credentials: invalidUtf8 },
      { config: '[profile a]\nrole_arn=r\nsource_profile=a\n'.repeat(20000), credentials: '' },
    ];
    for (const h of homes) {
      const host = new MemoryHost({ [`${HOME}/.aws/config`]: { content: h.config }, [`${HOME}/.aws/credentials`]: { content: h.credentials } });
      check(host, { HOME });
      check(host, { HOME, AWS_PROFILE: 'a' });
    }
  });

  it('deep and cyclic role chains of every length terminate', () => {
    for (let n = 1; n <= 60; n++) {
      const lines: string[] = [];
      for (let i = 0; i < n; i++) lines.push(`[profile p${i}]`, 'role_arn = arn:aws:iam::123456789012:role/R', `source_profile = p${(i + 1) % n}`);
      const host = new MemoryHost({ [`${HOME}/.aws/config`]: lines.join('\n') });
      check(host, { HOME, AWS_PROFILE: 'p0' });
    }
  });
});
