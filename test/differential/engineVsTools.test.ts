/**
 * The differential suite: the engine's prediction against what the REAL tools do on the same
 * fixture homes (the JavaScript SDK v3 from node_modules, botocore 1.43, AWS CLI v2 2.9.19), on
 * generated combinations of every dimension, hostile homes (issue 8) and the AWS SDK for Rust's
 * scenario homes.
 * Compared: the selected profile, the credential source and the region, for every tool; for
 * botocore also which provider (credentials file versus config file).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnose } from '../../src/engine/diagnose';
import type { ToolId } from '../../src/engine/model';
import { TOOL_IDS } from '../../src/engine/model';
import type { OracleResult, Scenario } from './scenario';
import { generatedScenarios, hostileScenarios, rustScenarios } from './generateScenarios';
import { PROJECT_ROOT, runOracles, toolAvailability } from './runOracles';
import { SHARED_DIR } from '../support/projectRoot';
import { engineInput, materialise } from '../support/fixtureHome';

const GENERATED = Number(process.env.DIFF_SCENARIOS ?? 280);
const RUST_DATA = path.join(SHARED_DIR, 'data', 'aws-sdk-rust-test-data');

describe('differential: engine versus the real SDKs and CLIs', function () {
  this.timeout(20 * 60_000);
  const now = Date.now();
  const scenarios: Scenario[] = [...generatedScenarios(GENERATED, now), ...hostileScenarios(now), ...rustScenarios(RUST_DATA)];
  const available = toolAvailability();
  const tools = TOOL_IDS.filter((t) => {
    if (available[t].ok) return true;
    if (process.env.CI) throw new Error(`${t}: the real tool is missing in CI: ${available[t].why}`);
    console.warn(`\n!!! SKIPPING the ${t} oracle: ${available[t].why}. Run scripts/setup-test-peers.sh.\n`);
    return false;
  });
  let results: Map<string, Partial<Record<ToolId, OracleResult>>>;
  const engineRoot = path.join(PROJECT_ROOT, '.test-work', 'engine-homes');

  before(async () => {
    results = await runOracles(scenarios, { tools: [...tools] });
  });
  after(() => fs.rmSync(engineRoot, { recursive: true, force: true }));

  it(`generates at least 200 scenarios covering every dimension (${scenarios.length})`, () => {
    assert.ok(scenarios.length >= 200);
    assert.equal(new Set(scenarios.map((s) => s.id)).size, scenarios.length);
  });

  for (const scenario of scenarios) {
    it(scenario.id, () => {
      const home = materialise(scenario, engineRoot);
      const d = diagnose(engineInput(scenario, home, now));
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
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          problems.push(`${t}: engine ${JSON.stringify(got)} (${mine.failure ?? mine.steps.join('; ')})\n      real   ${JSON.stringify(want)} (${real.error ?? JSON.stringify(real.detail)})`);
        }
      }
      assert.ok(problems.length === 0, `disagreement on ${scenario.id}:\n    ${problems.join('\n    ')}`);
    });
  }
});
