/**
 * Runs the extension-host suite (test/suite/) inside a real VS Code (code-server) on the fixture
 * home of test/suite/fixtureHome.ts, on today's line (1.100.3) and on the oldest the extension
 * supports (1.93.1). Skipped when code-server or Chromium is missing, unless
 * VSCODE_TEST_REQUIRED=1 (CI), which makes that a failure.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runExtensionTests } from './codeServer';
import { CODE_SERVER_LINES, requireVsCodePeers } from './peers';
import { createFixtureHome } from '../suite/fixtureHome';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SUITE = path.join(REPO, 'out', 'test', 'suite', 'index.js');

for (const line of CODE_SERVER_LINES) {
  describe(`the extension in a real VS Code ${line.vscode} extension host (code-server)`, function () {
    this.timeout(240_000);
    let root: string | undefined;

    before(function () {
      requireVsCodePeers(this, line);
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-ext-suite-'));
    });
    after(() => {
      if (root) fs.rmSync(root, { recursive: true, force: true });
    });

    it('passes the extension-host mocha suite on the fixture home', async () => {
      const fx = createFixtureHome(root!, Date.now(), { recordingTools: true });
      const lines: string[] = [];
      const code = await runExtensionTests({
        extensionDevelopmentPath: REPO,
        extensionTestsPath: SUITE,
        workspaceFolder: fx.workspace,
        // ACD_SUITE_FILES (e.g. debug.ext.js) runs only those files of the suite, while working on them.
        env: process.env.ACD_SUITE_FILES ? { ...fx.env, ACD_SUITE_FILES: process.env.ACD_SUITE_FILES } : fx.env,
        codeServerBin: line.bin,
        timeoutMs: 200_000,
        log: (l) => lines.push(l),
        failureScreenshotPath: path.join(REPO, '.test-work', 'vscode', `extension-suite-${line.vscode}-failure.png`),
      });
      const out = lines.join('\n');
      if (process.env.VSCODE_TEST_VERBOSE === '1' || code !== 0) console.log(out);
      assert.strictEqual(code, 0, 'the extension-host suite failed (output above)');
      assert.match(
        out,
        new RegExp(`^VS Code ${line.vscode.replace(/\./g, '\\.')}$`, 'm'),
        'the suite ran in the intended VS Code',
      );
      const passing = /(\d+) passing/.exec(out);
      assert.ok(
        passing && Number(passing[1]) >= (process.env.ACD_SUITE_FILES ? 1 : 14),
        `expected the whole suite to run:\n${out}`,
      );
      assert.ok(!/(\d+) pending/.test(out), 'no test may be skipped inside the extension host');
      const activate = /activate → status bar shown: ([\d.]+) ms; → first diagnosis published: ([\d.]+) ms/.exec(out);
      if (activate)
        console.log(
          `      in the extension host: activate → status bar shown ${activate[1]} ms, → first diagnosis published ${activate[2]} ms`,
        );
    });
  });
}
