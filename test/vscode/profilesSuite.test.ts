/**
 * Runs test/suite/profiles.ext.ts inside a real VS Code (code-server) on a home of 2,000 config
 * profiles and 1,500 credentials sections plus three profiles for a real moto STS with
 * authentication enforced (test/support/profilesHome.ts), STS pointed at moto for the extension's
 * live checks. Prints the figures of Check All Profiles (its time, the longest block of the
 * extension host). Skipped when code-server, Chromium or moto is missing, unless
 * VSCODE_TEST_REQUIRED=1 (CI).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runExtensionTests } from './codeServer';
import { requireVsCodePeers } from './peers';
import type { MotoServer } from '../support/motoServer';
import { createIamUser } from '../support/motoServer';
import { writeProfilesHome } from '../support/profilesHome';
import { pythonOrSkip, startAuthMoto } from '../live/helpers';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SUITE = path.join(REPO, 'out', 'test', 'suite', 'index.js');

describe('the Profiles view in a real VS Code extension host (code-server), 2,000 profiles, moto', function () {
  this.timeout(1_000_000);
  let root: string | undefined;
  let moto: MotoServer | undefined;
  let py: string;

  before(async function () {
    requireVsCodePeers(this);
    py = pythonOrSkip(this);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-profiles-suite-'));
    moto = await startAuthMoto(py, root, 2);
  });
  after(async () => {
    await moto?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('passes the Profiles view suite: every state, the filter, the grouping, the actions, Check All Profiles against moto', async () => {
    const alice = createIamUser(py, moto!.url, 'alice');
    const fx = writeProfilesHome(root!, alice);
    const workspace = fs.mkdtempSync(path.join(root!, 'workspace-'));
    const lines: string[] = [];
    const code = await runExtensionTests({
      extensionDevelopmentPath: REPO,
      extensionTestsPath: SUITE,
      workspaceFolder: workspace,
      env: {
        HOME: fx.home,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL_STS: moto!.url,
        ACD_SUITE_FILES: 'profiles.ext.js',
        ACD_TEST_PROFILES: String(fx.total),
        ACD_TEST_ALICE_ARN: alice.arn,
        ACD_TEST_ALICE_SECRET: alice.secret,
      },
      settings: {
        'awsCredentialsDoctor.checkAllProfiles.concurrency': 16,
        'awsCredentialsDoctor.checkAllProfiles.requestsPerSecond': 100,
        'awsCredentialsDoctor.checkAllProfiles.timeoutSeconds': 30,
      },
      timeoutMs: 900_000,
      log: (line) => lines.push(line),
      failureScreenshotPath: path.join(REPO, '.test-work', 'vscode', 'profiles-suite-failure.png'),
    });
    const out = lines.join('\n');
    if (process.env.VSCODE_TEST_VERBOSE === '1' || code !== 0) console.log(out);
    assert.strictEqual(code, 0, 'the Profiles view suite failed (output above)');
    const passing = /(\d+) passing/.exec(out);
    assert.ok(passing && Number(passing[1]) >= 5, `expected the whole suite to run:\n${out}`);
    assert.ok(!/(\d+) pending/.test(out), 'no test may be skipped inside the extension host');
    const figures = /ACD_PROFILES_BENCH (\{.*\})/.exec(out);
    if (figures) {
      const f = JSON.parse(figures[1]) as {
        profiles: number;
        seconds: number;
        slices: number;
        longestSlice: number;
        eventLoopDelayMax: number;
        eventLoopDelayP99: number;
      };
      console.log(
        `      Check All Profiles, ${f.profiles} profiles: ${f.seconds.toFixed(0)} s; the extension's ${f.slices} slices at most ${f.longestSlice.toFixed(1)} ms; the extension host's event loop delay at most ${f.eventLoopDelayMax.toFixed(1)} ms (p99 ${f.eventLoopDelayP99.toFixed(1)} ms)`,
      );
    }
  });
});
