/**
 * Runs test/suite/restricted.ext.ts inside a real VS Code 1.100.3 (code-server) with workspace
 * trust enabled and the workspace folder untrusted (Restricted Mode), on the fixture home plus an
 * untrusted workspace (test/suite/restrictedFixture.ts). STS points at a loopback server here that
 * counts requests: the start-up live check the user turned on and Check Identity must send none.
 * Skipped when code-server or Chromium is missing, unless VSCODE_TEST_REQUIRED=1 (CI).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { runExtensionTests } from './codeServer';
import { requireVsCodePeers } from './peers';
import { createFixtureHome } from '../suite/fixtureHome';
import { USER_SETTINGS, writeUntrustedWorkspace } from '../suite/restrictedFixture';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SUITE = path.join(REPO, 'out', 'test', 'suite', 'index.js');

describe('the extension in Restricted Mode, in a real VS Code extension host (code-server)', function () {
  this.timeout(240_000);
  let root: string | undefined;
  let sts: http.Server | undefined;
  const requests: string[] = [];

  before(async function () {
    requireVsCodePeers(this);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-restricted-'));
    sts = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => sts!.listen(0, '127.0.0.1', () => r()));
  });
  after(async () => {
    if (sts) await new Promise<void>((r) => sts!.close(() => r()));
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('passes the restricted suite: workspace settings and .env ignored, no live check', async () => {
    const fx = createFixtureHome(root!);
    writeUntrustedWorkspace(fx.workspace, root!);
    const lines: string[] = [];
    const code = await runExtensionTests({
      extensionDevelopmentPath: REPO,
      extensionTestsPath: SUITE,
      workspaceFolder: fx.workspace,
      env: {
        ...fx.env,
        ACD_SUITE_FILES: 'restricted.ext.js',
        AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${(sts!.address() as { port: number }).port}`,
      },
      settings: { ...USER_SETTINGS },
      workspaceTrust: true,
      timeoutMs: 200_000,
      log: (line) => lines.push(line),
      failureScreenshotPath: path.join(REPO, '.test-work', 'vscode', 'restricted-suite-failure.png'),
    });
    const out = lines.join('\n');
    if (process.env.VSCODE_TEST_VERBOSE === '1' || code !== 0) console.log(out);
    assert.strictEqual(code, 0, 'the restricted suite failed (output above)');
    const passing = /(\d+) passing/.exec(out);
    assert.ok(passing && Number(passing[1]) >= 5, `expected the whole suite to run:\n${out}`);
    assert.ok(!/(\d+) pending/.test(out), 'no test may be skipped inside the extension host');
    assert.deepStrictEqual(requests, [], 'no request reached the STS');
  });
});
