/**
 * Every finding's message, proven on the real tools: each finding fixture
 * (test/support/findingFixtures.ts) is diagnosed by the engine on a real home with the installed
 * tools' versions pinned, then run through the real JavaScript SDK, botocore 1.43 and AWS CLI v2
 * 2.9.19 (runOracles.ts), and every claim of every finding the engine raised there is checked
 * against what the tools did (claims.ts). Every code is claim-tested or declared untestable with
 * its reason (UNTESTABLE, and the docs entry says so too).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnose } from '../../src/engine/diagnose';
import type { Diagnosis } from '../../src/engine/findings/diagnosis';
import { FINDING_DOCS } from '../../src/engine/findings/findingDocs';
import { FindingCode } from '../../src/engine/findings/findings';
import { TOOL_IDS } from '../../src/engine/core/model';
import type { ToolVersions } from '../../src/engine/core/toolVersions';
import { parseToolVersions } from '../../src/engine/core/toolVersions';
import type { FindingFixture } from '../support/findingFixtures';
import { findingFixtures } from '../support/findingFixtures';
import { engineInput, materialise } from '../support/fixtureHome';
import type { ClaimVerdict, ToolRuns } from './claims';
import { CLAIMS, UNTESTABLE, checkClaims, claimScenarios, diagnoseAndRun } from './claims';
import { fixtureScenario } from './fixtureScenarios';
import { realWorldCases } from './realWorldHomes';
import type { Scenario } from './scenario';
import { PROJECT_ROOT, oracleToolVersions, runOracles, toolAvailability } from './runOracles';

/** A hang is the expected outcome of these scenarios: 3 s of nothing shows it. */
const HANG_MS = 3000;

interface Entry {
  readonly fixture: FindingFixture;
  readonly scenario: Scenario;
  readonly diagnosis: Diagnosis;
}

function verdictText(v: ClaimVerdict): string {
  const failed = v.checks.filter((c) => !c.ok);
  return `${v.finding.code} [${v.finding.tools.join(',')}] "${v.finding.message.slice(0, 160)}…"\n${failed.map((c) => `      ✗ ${c.claim}${c.evidence ? `\n        real: ${c.evidence.slice(0, 400)}` : ''}`).join('\n')}`;
}

describe('claims: what each finding says about the real tools, proven by running them', function () {
  this.timeout(20 * 60_000);
  // The names only: the homes are made in before() with the clock of that moment, so that the
  // time-sensitive fixtures (an SSO login 4.5 minutes from expiry) are fresh when the tools run.
  const names = findingFixtures(Date.now());
  const available = toolAvailability();
  const missing = TOOL_IDS.filter((t) => !available[t].ok);
  if (missing.length && process.env.CI)
    throw new Error(`the real tools are missing in CI: ${missing.map((t) => `${t}: ${available[t].why}`).join('; ')}`);
  const root = path.join(PROJECT_ROOT, '.test-work', 'claim-homes');
  let entries: Entry[] = [];
  let results: Map<string, ToolRuns>;

  before(async function () {
    if (missing.length) {
      console.warn(
        `\n!!! SKIPPING the claims: ${missing.map((t) => available[t].why).join('; ')}. Run scripts/setup-test-peers.sh.\n`,
      );
      this.skip();
    }
    const toolVersions = parseToolVersions(oracleToolVersions()) as ToolVersions;
    const now = Date.now();
    entries = findingFixtures(now).map((fixture) => {
      const s = fixtureScenario(fixture);
      const scenario = Object.values(s.files).some((f) => f.type === 'fifo') ? { ...s, timeoutMs: HANG_MS } : s;
      const home = materialise(scenario, root);
      return { fixture, scenario, diagnosis: diagnose({ ...engineInput(scenario, home, now), toolVersions }) };
    });
    const all = entries.flatMap((e) =>
      claimScenarios(e.scenario, e.diagnosis).map((s) => ({
        ...s,
        ...(e.scenario.timeoutMs ? { timeoutMs: e.scenario.timeoutMs } : {}),
      })),
    );
    results = await runOracles(all, { scenarioTimeoutMs: 30_000 });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  names.forEach((fixture, i) => {
    it(`${fixture.expect.code}: ${fixture.name}`, () => {
      const { scenario, diagnosis } = entries[i];
      if (!UNTESTABLE.includes(fixture.expect.code)) {
        assert.ok(
          diagnosis.findings.some((f) => f.code === fixture.expect.code),
          `on a real home with the installed tools the fixture no longer raises ${fixture.expect.code}: ${diagnosis.findings.map((f) => f.code).join(', ')}`,
        );
      }
      // A word the redactor took for a secret ("aws_session_token: AWS …" reads as key: value) would be masked.
      const mangled = diagnosis.findings.filter((f) => /\*{4}/.test(f.message.replace(/\*{16}[A-Z0-9]{4}/g, '')));
      assert.deepEqual(
        mangled.map((f) => `${f.code}: ${f.message}`),
        [],
        'a message lost words to the redaction',
      );
      const verdicts = checkClaims(scenario, diagnosis, results);
      const wrong = verdicts.filter((v) => v.checks.some((c) => !c.ok));
      assert.ok(wrong.length === 0, `claims the real tools contradict:\n    ${wrong.map(verdictText).join('\n    ')}`);
      for (const v of verdicts.filter((x) => x.finding.code === fixture.expect.code && !x.untestable))
        assert.ok(v.checks.length > 0, `${v.finding.code}: no claim was checked`);
    });
  });

  it('every finding code is claim-tested here or declared untestable with its reason, and its docs say so', () => {
    for (const code of Object.values(FindingCode)) {
      const tested = CLAIMS[code] !== undefined;
      const untestable = UNTESTABLE.includes(code);
      assert.ok(
        tested !== untestable,
        `${code}: ${tested ? 'both claim-tested and declared untestable' : 'neither claim-tested (claims.ts CLAIMS) nor declared untestable (UNTESTABLE)'}`,
      );
      if (untestable)
        assert.ok(
          (FINDING_DOCS[code].untestable ?? '').length > 10,
          `${code} is untestable here: its docs entry must say why (FindingDoc.untestable)`,
        );
    }
  });

  it('every claim-tested code was raised and checked on some fixture', function () {
    if (!entries.length) this.skip();
    const checked = new Set<string>();
    for (const e of entries)
      for (const v of checkClaims(e.scenario, e.diagnosis, results)) if (v.checks.length) checked.add(v.finding.code);
    assert.deepEqual(
      Object.keys(CLAIMS).filter((c) => !checked.has(c)),
      [],
    );
  });
});

/**
 * A claim that depends on a tool's version, proven with that version: the JavaScript SDK before
 * `aws login` profiles (3.935.0, installed under test/differential/peers/ by setup-test-peers.sh)
 * ignores login_session, as TOOL_TOO_OLD says, while the project's own SDK signs in with the same
 * home. Older botocore and AWS CLI v2 versions cannot be installed here (no PyPI; Debian has only
 * 2.9.19): their version-gated claims run only where the installed versions are the pinned ones.
 */
describe('claims: a version-gated claim, with the JavaScript SDK version pinned', function () {
  this.timeout(5 * 60_000);
  const PEER = path.join(PROJECT_ROOT, 'test', 'differential', 'peers', 'js-sdk-3.935');
  const root = path.join(PROJECT_ROOT, '.test-work', 'claim-homes-pinned');
  let scenario: Scenario;
  let old: Diagnosis;
  let oldRuns: Map<string, ToolRuns>;
  let currentRuns: Map<string, ToolRuns>;

  before(async function () {
    if (!fs.existsSync(path.join(PEER, 'node_modules', '@aws-sdk', 'credential-providers'))) {
      if (process.env.CI)
        throw new Error(`the pinned JavaScript SDK is missing in ${PEER}: run scripts/setup-test-peers.sh`);
      console.warn(
        `\n!!! SKIPPING the pinned JavaScript SDK claims: ${PEER} has no node_modules (scripts/setup-test-peers.sh)\n`,
      );
      this.skip();
    }
    const now = Date.now();
    const fixture = findingFixtures(now).find((f) => f.expect.code === FindingCode.LoginCachePermissions)!;
    scenario = { ...fixtureScenario(fixture), id: 'pinned-js-sdk-3.935' };
    const home = materialise(scenario, root);
    old = diagnose({
      ...engineInput(scenario, home, now),
      toolVersions: parseToolVersions('js-sdk=3.935.0') as ToolVersions,
    });
    oldRuns = await runOracles(claimScenarios(scenario, old), { tools: ['node'], jsSdkDir: PEER });
    currentRuns = await runOracles([scenario], { tools: ['node'] });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('TOOL_TOO_OLD: the JavaScript SDK 3.935.0 ignores login_session, and the claim checks pass against it', () => {
    const f = old.findings.find((x) => x.code === FindingCode.ToolTooOld && x.tools.includes('node'));
    assert.ok(f, old.findings.map((x) => x.code).join(', '));
    assert.match(f.message, /^The JavaScript SDK 3\.935\.0 predates `aws login` profiles \(3\.936\.0\)/);
    const checks = checkClaims(scenario, old, oldRuns)
      .filter((v) => v.finding === f)
      .flatMap((v) => v.checks);
    assert.deepEqual(
      checks.map((c) => [c.claim, c.ok]),
      [['JavaScript SDK v3 ignores login_session', true]],
    );
    assert.equal(oldRuns.get(scenario.id)?.node?.source, 'none');
    assert.equal(
      currentRuns.get(scenario.id)?.node?.source,
      'login',
      "the project's own SDK signs in with the same home",
    );
  });
});

/**
 * The same claim checks on the real-world corpus (test/fixtures/real-world-homes/): every finding
 * the engine raises on a home people write, for every profile, must say what the real tools do
 * there. (engineVsTools.test.ts compares the resolution on the same homes and keeps each finding's
 * reviewed verdict.)
 */
describe('claims: every finding on the real-world corpus, proven by running the real tools', function () {
  this.timeout(20 * 60_000);
  const cases = realWorldCases(path.join(PROJECT_ROOT, 'test', 'fixtures', 'real-world-homes'));
  const available = toolAvailability();
  const root = path.join(PROJECT_ROOT, '.test-work', 'claim-real-world');
  let entries: { scenario: Scenario; diagnosis: Diagnosis }[] = [];
  let results: Map<string, ToolRuns>;

  before(async function () {
    if (TOOL_IDS.some((t) => !available[t].ok)) {
      if (process.env.CI) throw new Error('the real tools are missing in CI');
      this.skip();
    }
    const run = await diagnoseAndRun(
      cases.map((c) => c.scenario),
      root,
    );
    entries = cases.map(({ scenario }, i) => ({ scenario, diagnosis: run.diagnoses[i] }));
    results = run.results;
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it(`raises findings on the corpus and checks a claim of each (${cases.length} scenarios)`, () => {
    const checked = entries
      .flatMap((e) => checkClaims(e.scenario, e.diagnosis, results))
      .filter((v) => v.checks.length > 0);
    assert.ok(checked.length >= 10, `only ${checked.length} findings with checked claims on the corpus`);
  });

  for (const { scenario } of cases) {
    it(scenario.id, () => {
      const e = entries.find((x) => x.scenario.id === scenario.id)!;
      const wrong = checkClaims(e.scenario, e.diagnosis, results).filter((v) => v.checks.some((c) => !c.ok));
      assert.ok(wrong.length === 0, `claims the real tools contradict:\n    ${wrong.map(verdictText).join('\n    ')}`);
    });
  }
});
