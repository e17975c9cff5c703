/**
 * Smoke test of the real-VS-Code harness (test/vscode/codeServer.ts) with a tiny fixture extension.
 * Needs `bash scripts/setup-vscode-test-peers.sh`; skipped (with a message) when code-server or
 * Chromium is missing, unless VSCODE_TEST_REQUIRED=1, which turns that into a failure.
 * About 25 s: two extension-host runs (pass, fail on purpose) and one UI session.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  DEFAULT_CHROMIUM,
  DEFAULT_CODE_SERVER_BIN,
  openWorkbench,
  readProblems,
  readStatusBarItem,
  runCommandFromPalette,
  runExtensionTests,
  screenshot,
  startCodeServer,
  waitForStatusBarText,
} from './codeServer';

const REPO = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(REPO, 'test', 'vscode', 'fixtures', 'smoke-extension');
const SUITE = path.join(FIXTURE, 'suite', 'index.js');
const ARTIFACTS = path.join(REPO, '.test-work', 'vscode');

describe('real VS Code harness (code-server)', function () {
  this.timeout(180_000);
  let root: string;
  let home: string;
  let workspace: string;

  before(function () {
    const missing = [DEFAULT_CODE_SERVER_BIN, DEFAULT_CHROMIUM].filter((p) => !fs.existsSync(p));
    if (missing.length) {
      const msg = `missing ${missing.join(', ')}: run scripts/setup-vscode-test-peers.sh`;
      if (process.env.VSCODE_TEST_REQUIRED === '1') throw new Error(msg);
      console.warn(`    (skipped: ${msg})`);
      this.skip();
    }
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-smoke-'));
    home = path.join(root, 'home');
    workspace = path.join(root, 'workspace');
    fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'config'), '[default]\nregion = us-east-1\n');
  });
  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const run = (extra: Record<string, string>, lines: string[]) =>
    runExtensionTests({
      extensionDevelopmentPath: FIXTURE,
      extensionTestsPath: SUITE,
      workspaceFolder: workspace,
      env: { HOME: home, ACD_SMOKE_EXPECT_HOME: home, AWS_PROFILE: 'smoke', ...extra },
      timeoutMs: 120_000,
      log: (line) => lines.push(line),
    });

  it('runs the mocha suite in the extension host and propagates exit code 0', async () => {
    const saved = process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = 'must-not-leak'; // the harness must not pass the caller's AWS_*
    const lines: string[] = [];
    try {
      const code = await run({}, lines);
      assert.strictEqual(code, 0, lines.join('\n'));
    } finally {
      if (saved === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved;
    }
    assert.ok(
      lines.some((l) => /3 passing/.test(l)),
      lines.join('\n'),
    );
  });

  it('propagates a failing suite as a non-zero exit code', async () => {
    const lines: string[] = [];
    const code = await run({ ACD_SMOKE_FAIL: '1' }, lines);
    assert.strictEqual(code, 1, lines.join('\n'));
    assert.ok(
      lines.some((l) => /1 failing/.test(l)),
      lines.join('\n'),
    );
  });

  it('reads the status bar and the Problems panel, runs a command, takes a screenshot', async () => {
    const server = await startCodeServer({ workspaceFolder: workspace, env: { HOME: home } });
    try {
      const wb = await openWorkbench(server, {
        payload: [
          ['extensionDevelopmentPath', server.remoteUri(FIXTURE)],
          ['skipWelcome', 'true'],
        ],
      });
      try {
        const item = await waitForStatusBarText(wb.page, 'acdSmoke.status', 'smoke: hello');
        assert.strictEqual(item.kind, 'warning', JSON.stringify(item));
        assert.match(item.ariaLabel ?? '', /smoke: hello/);
        await runCommandFromPalette(wb.page, 'ACD Smoke: Poke');
        await waitForStatusBarText(wb.page, 'acdSmoke.status', 'smoke: poked');
        const problems = await readProblems(wb.page);
        assert.ok(
          problems.some((p) => p.kind === 'marker' && p.severity === 'warning' && /smoke: a warning/.test(p.text)),
          JSON.stringify(problems),
        );
        const builtIn = await readStatusBarItem(wb.page, 'status.problems');
        assert.match(builtIn.ariaLabel ?? '', /Warnings: 1/);
        const file = await screenshot(wb.page, path.join(ARTIFACTS, 'smoke-workbench.png'));
        assert.ok(fs.statSync(file).size > 10_000, 'screenshot written');
      } finally {
        await wb.close();
      }
    } finally {
      await server.stop();
    }
  });
});
