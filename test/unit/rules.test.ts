/**
 * Every finding code: a fixture that triggers it and the exact code, severity, location and tools
 * it must produce; and a healthy multi-profile fixture that must produce no error or warning.
 * Fixture homes are in memory (test/fixtures/healthy-home is a real directory), the clock injected.
 * The fixtures themselves are in test/support/findingFixtures.ts (the claims test runs them through
 * the real tools).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FindingCode } from '../../src/engine/findings/findings';
import type { MemoryFile } from '../support/memoryHost';
import { placeholdersOf } from '../../src/engine/core/messages';
import { CODE_CATALOG } from '../../src/engine/rules/catalog';
import { diagnoseFixture, findingFixtures } from '../support/findingFixtures';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

const run = (c: Parameters<typeof diagnoseFixture>[0]) => diagnoseFixture(c, NOW);

const CASES = findingFixtures(NOW);

describe('findings: one fixture per code, exact code, severity, location and tools', () => {
  for (const c of CASES) {
    it(`${c.expect.code}: ${c.name}`, () => {
      const d = run(c);
      const matches = d.findings.filter((f) => f.code === c.expect.code);
      assert.ok(
        matches.length > 0,
        `no ${c.expect.code}; got ${d.findings.map((f) => `${f.code}@${f.line ?? f.env}`).join(', ')}`,
      );
      const f = matches[0];
      assert.equal(f.severity, c.expect.severity, f.message);
      assert.deepEqual([...f.tools].sort(), [...c.expect.tools].sort(), f.message);
      if (c.expect.file !== undefined) assert.equal(f.file, c.expect.file);
      if (c.expect.line !== undefined) assert.equal(f.line, c.expect.line, f.message);
      if (c.expect.column !== undefined) assert.equal(f.column, c.expect.column, f.message);
      if (c.expect.env !== undefined) assert.equal(f.env, c.expect.env);
      if (c.expect.file === undefined && c.expect.env === undefined) assert.equal(f.file, null);
      if (c.fix)
        assert.equal(
          f.fixes.find((x) => x.preferred)?.action.kind ?? f.fixes[0]?.action.kind,
          c.fix,
          JSON.stringify(f.fixes),
        );
      // The message is one of the code's declared templates, given exactly the data it names.
      const spec = CODE_CATALOG.find(([code]) => code === f.code)![1];
      assert.ok(
        f.template !== undefined && Object.values(spec.messages).includes(f.template),
        `${f.code}: not a template it declares: ${f.message}`,
      );
      assert.deepEqual(Object.keys(f.data ?? {}).sort(), placeholdersOf(f.template).sort(), f.template);
    });
  }

  it('every finding code except the live-check ones has a fixture here', () => {
    const covered = new Set(CASES.map((c) => c.expect.code));
    const missing = Object.values(FindingCode).filter(
      (code) =>
        !covered.has(code) &&
        !code.startsWith('LIVE_') &&
        code !== FindingCode.IdentityConfirmed &&
        code !== FindingCode.ClockSkew,
    );
    assert.deepEqual(missing, []);
  });
});

describe('a healthy setup produces no error and no warning', () => {
  const dir = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'healthy-home');
  const files: Record<string, MemoryFile> = {};
  const walk = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(abs, e.name), `${rel}${e.name}/`);
      else files[`${rel}${e.name}`] = { content: fs.readFileSync(path.join(abs, e.name)), mode: 0o600 };
    }
  };
  walk(dir, '');
  for (const [name, env] of [
    ['default profile', {}],
    ['static profile dev', { AWS_PROFILE: 'dev' }],
    ['role profile admin', { AWS_PROFILE: 'admin' }],
    ['sso-session profile corp-read', { AWS_PROFILE: 'corp-read' }],
    ['legacy SSO profile', { AWS_PROFILE: 'legacy-sso' }],
    ['explicit profile with both region variables', { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' }],
  ] as const) {
    it(name, () => {
      const d = run({ files, env, explicit: name.startsWith('explicit') ? 'admin' : undefined });
      const loud = d.findings.filter((f) => f.severity !== 'info');
      assert.deepEqual(
        loud.map((f) => `${f.code}: ${f.message}`),
        [],
      );
      assert.ok(d.tools.node.source !== 'none' && d.tools.node.source !== 'error');
    });
  }
});
