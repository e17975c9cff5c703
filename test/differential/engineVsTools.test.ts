/**
 * The differential suite: the engine's prediction against what the REAL tools do on the same
 * fixture homes (the JavaScript SDK v3 from node_modules, botocore 1.43, AWS CLI v2 2.9.19), on
 * generated combinations of every dimension, hostile homes (issue 8) and the AWS SDK for Rust's
 * scenario homes, and the real-world corpus (test/fixtures/real-world-homes: homes in the shapes people
 * write, every profile of each), whose findings are each reviewed against what the real tools did.
 * Compared: the selected profile, the credential source and the region, for every tool; the last
 * four characters of the access key id the real tool signs with (where the engine names a key:
 * environment, files, the aws login cache); the class of failure; for botocore also which provider
 * (credentials file versus config file). The engine predicts the oracles' own versions (pinned as
 * with --tool-versions).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnose } from '../../src/engine/diagnose';
import type { ToolId } from '../../src/engine/core/model';
import { TOOL_IDS } from '../../src/engine/core/model';
import type { OracleResult, Scenario } from './scenario';
import { generatedScenarios, hostileScenarios, rustScenarios, wrongPredictionScenarios } from './generateScenarios';
import { findingKey, realWorldCases } from './realWorldHomes';
import { PROJECT_ROOT, oracleToolVersions, runOracles, toolAvailability } from './runOracles';
import type { ToolVersions } from '../../src/engine/core/toolVersions';
import { parseToolVersions } from '../../src/engine/core/toolVersions';

/** What kind of failure a message is, in either tool's words (compared, not the wording). */
export function failureClass(message: string): string {
  // The last line is the error (the AWS CLI prints an MFA prompt before it); paths say nothing of the kind.
  const lines = message.split('\n').filter((l) => l.trim());
  const text = (lines[lines.length - 1] ?? '').replace(/(?:\/|\{HOME\})[^\s'"]*/g, '<path>');
  const classes: [string, RegExp][] = [
    ['missing-dependency', /Missing Dependency/],
    ['login-token', /login session|Failed to load token from|aws login/],
    ['config-parse', /Unable to parse config file/],
    ['profile-not-found', /could not be found/],
    ['partial-credentials', /Partial credentials/],
    ['sso', /SSO|sso/],
    ['role-source', /source_profile|source profile|credential_source|credential source|Infinite loop|cycle/i],
    ['mfa', /multi-factor|MFA|mfa/],
    ['expired', /expired/i],
    ['region', /region/i],
    ['missing-file', /No such file|ENOENT/],
  ];
  return classes.find(([, re]) => re.test(text))?.[0] ?? 'other';
}
const KEYED_SOURCES = new Set(['env', 'static', 'login']);
import { engineInput, materialise } from '../support/fixtureHome';

const GENERATED = Number(process.env.DIFF_SCENARIOS ?? 280);
const RUST_DATA = path.join(PROJECT_ROOT, 'test', 'fixtures', 'aws-sdk-rust-test-data');
/** The Rust SDK's scenario homes that can run here (see rustScenarios): fewer means the data went missing. */
const RUST_SCENARIOS_EXPECTED = 19;
const REAL_WORLD = path.join(PROJECT_ROOT, 'test', 'fixtures', 'real-world-homes');

describe('differential: engine versus the real SDKs and CLIs', function () {
  this.timeout(20 * 60_000);
  const now = Date.now();
  const rust = rustScenarios(RUST_DATA);
  if (rust.length !== RUST_SCENARIOS_EXPECTED)
    throw new Error(
      `expected ${RUST_SCENARIOS_EXPECTED} AWS SDK for Rust scenario homes under ${RUST_DATA}, found ${rust.length}`,
    );
  const realWorld = realWorldCases(REAL_WORLD);
  const scenarios: Scenario[] = [
    ...generatedScenarios(GENERATED, now),
    ...hostileScenarios(now),
    ...wrongPredictionScenarios(),
    ...rust,
    ...realWorld.map((c) => c.scenario),
  ];
  const available = toolAvailability();
  const pinned = oracleToolVersions();
  const toolVersions = parseToolVersions(pinned) as ToolVersions;
  const tools = TOOL_IDS.filter((t) => {
    if (available[t].ok) return true;
    if (process.env.CI) throw new Error(`${t}: the real tool is missing in CI: ${available[t].why}`);
    console.warn(`\n!!! SKIPPING the ${t} oracle: ${available[t].why}. Run scripts/setup-test-peers.sh.\n`);
    return false;
  });
  const keysCompared: Record<string, number> = {};
  let results: Map<string, Partial<Record<ToolId, OracleResult>>>;
  const engineRoot = path.join(PROJECT_ROOT, '.test-work', 'engine-homes');

  before(async () => {
    results = await runOracles(scenarios, { tools: [...tools] });
  });
  after(() => fs.rmSync(engineRoot, { recursive: true, force: true }));

  it(`predicts the oracles' own versions (${pinned})`, () => {
    assert.equal(typeof toolVersions, 'object', String(toolVersions));
    // Stated, not silently absent: whether botocore here can use login profiles at all.
    assert.notEqual(toolVersions.awscrt, null, 'the harness must know whether awscrt (EC) imports beside botocore');
  });

  it(`generates at least 200 scenarios covering every dimension (${scenarios.length})`, () => {
    assert.ok(scenarios.length >= 200);
    assert.ok(scenarios.filter((s) => s.id.startsWith('login-')).length >= 10, 'login_session scenarios');
    assert.equal(new Set(scenarios.map((s) => s.id)).size, scenarios.length);
  });

  for (const scenario of scenarios) {
    it(scenario.id, () => {
      const home = materialise(scenario, engineRoot);
      const d = diagnose({ ...engineInput(scenario, home, now), toolVersions });
      const oracle = results.get(scenario.id) ?? {};
      const problems: string[] = [];
      for (const t of tools) {
        const real = oracle[t];
        if (!real) {
          problems.push(`${t}: no oracle result`);
          continue;
        }
        const mine = d.tools[t];
        const got = { profile: mine.profile, source: mine.source, region: mine.region };
        const want = { profile: real.profile, source: real.source, region: real.region };
        if (t === 'python' && real.source === 'static') {
          const method = (real.detail as { method?: string } | undefined)?.method;
          if (method && method !== mine.method) problems.push(`python: method ${mine.method} != real ${method}`);
        }
        const realShown = (real.detail as { accessKeyIdLast4?: string | null } | undefined)?.accessKeyIdLast4 ?? null;
        const myKey = (mine.credentials.accessKeyId?.value ?? mine.cacheKeyId?.value)?.slice(-4) ?? null;
        // The AWS CLI shows a short key padded with asterisks ("****************foo") and its table loses blanks.
        const realKey = realShown === null ? null : t === 'cli' ? realShown.replace(/^\*+/, '').trim() : realShown;
        const myShown = t === 'cli' ? (myKey?.trim() ?? null) : myKey;
        if (KEYED_SOURCES.has(mine.source) && mine.source === real.source)
          keysCompared[mine.source] = (keysCompared[mine.source] ?? 0) + 1;
        if (KEYED_SOURCES.has(mine.source) && mine.source === real.source && (myShown || null) !== (realKey || null))
          problems.push(`${t}: engine signs with …${myKey}, real with …${realKey}`);
        if (
          mine.source === 'error' &&
          real.source === 'error' &&
          failureClass(mine.failure ?? '') !== failureClass(real.error ?? '')
        ) {
          problems.push(
            `${t}: failure class ${failureClass(mine.failure ?? '')} (${mine.failure}) != real ${failureClass(real.error ?? '')} (${real.error})`,
          );
        }
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          problems.push(
            `${t}: engine ${JSON.stringify(got)} (${mine.failure ?? mine.steps.join('; ')})\n      real   ${JSON.stringify(want)} (${real.error ?? JSON.stringify(real.detail)})`,
          );
        }
      }
      assert.ok(problems.length === 0, `disagreement on ${scenario.id}:\n    ${problems.join('\n    ')}`);
    });
  }

  it(`runs every profile of the ${new Set(realWorld.map((c) => c.home.name)).size} real-world homes (${realWorld.length} scenarios)`, () => {
    assert.ok(realWorld.length >= 50, 'the real-world corpus went missing');
    for (const c of realWorld)
      assert.ok(
        c.home.manifest.description && c.home.manifest.modelledOn,
        `${c.home.name}: home.json says what it is and what it was modelled on`,
      );
  });

  it('every finding the engine raises on the real-world corpus was reviewed against the real tools', () => {
    const problems: string[] = [];
    const raised = new Map<string, Set<string>>();
    for (const { home, scenario } of realWorld) {
      const dir = materialise(scenario, engineRoot);
      const d = diagnose({ ...engineInput(scenario, dir, now), toolVersions });
      const seen = raised.get(home.name) ?? new Set<string>();
      raised.set(home.name, seen);
      for (const f of d.findings) {
        const key = findingKey(f, dir);
        seen.add(key);
        if (!(key in home.manifest.findings)) problems.push(`${scenario.id}: unreviewed finding ${key}: ${f.message}`);
      }
    }
    for (const [name, seen] of raised) {
      const manifest = realWorld.find((c) => c.home.name === name)!.home.manifest;
      for (const [key, verdict] of Object.entries(manifest.findings)) {
        if (!seen.has(key)) problems.push(`${name}: ${key} is reviewed but no longer raised: review home.json`);
        if (!/^(true|false): \S/.test(verdict))
          problems.push(`${name}: ${key}: a verdict starts with "true: " or "false: "`);
        if (verdict.startsWith('false')) problems.push(`${name}: ${key} is a false finding: ${verdict}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('compared the key each tool signed with, for every kind of source that names one', () => {
    for (const source of KEYED_SOURCES)
      assert.ok((keysCompared[source] ?? 0) >= 3, `keys compared: ${JSON.stringify(keysCompared)}`);
  });
});
