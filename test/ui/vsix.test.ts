/**
 * The packaged extension as a person installs it: `vsce package`, `code-server --install-extension`,
 * then a plain window (no development path). The status bar shows the profile, Problems has the
 * stale AWS_SESSION_TOKEN, and one quick fix clears it.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Workbench } from '../vscode/codeServer';
import { DEFAULT_CODE_SERVER_BIN, openWorkbench, readProblems, readStatusBarItem, startCodeServer, waitForProblems, waitForStatusBarText } from '../vscode/codeServer';
import { waitUntil } from '../vscode/gestures';
import { requireVsCodePeers } from '../vscode/peers';
import { createFixtureHome } from '../suite/fixtureHome';
import { applyQuickFixFromProblems, reportFailure, REPO, STATUS_ID } from './session';

describe('the installed .vsix (UI)', function () {
  this.timeout(240_000);
  let root: string | undefined;

  before(function () {
    requireVsCodePeers(this);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-vsix-'));
  });
  after(() => { if (root) fs.rmSync(root, { recursive: true, force: true }); });

  it('shows the profile, lists the stale token in Problems and fixes it with one quick fix', async () => {
    const vsix = path.join(root!, 'aws-credentials-doctor.vsix');
    execFileSync(path.join(REPO, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '-o', vsix], { cwd: REPO, stdio: 'pipe' });
    // Without the duplicate section (which makes the AWS CLI fail): the stale token is then the only error on the profile.
    const fx = createFixtureHome(path.join(root!, 'fixture'), Date.now(), { duplicate: false });
    const extensionsDir = path.join(root!, 'extensions');
    execFileSync(DEFAULT_CODE_SERVER_BIN, ['--extensions-dir', extensionsDir, '--user-data-dir', path.join(root!, 'install-user-data'), '--install-extension', vsix], {
      env: { PATH: process.env.PATH, HOME: fx.home, XDG_CONFIG_HOME: path.join(root!, 'xdg'), XDG_DATA_HOME: path.join(root!, 'xdg'), EXTENSIONS_GALLERY: '{}' }, stdio: 'pipe',
    });
    assert.ok(fs.readdirSync(extensionsDir).some((d) => d.startsWith('aws-credentials-doctor.aws-credentials-doctor-')), 'installed');
    const server = await startCodeServer({ workspaceFolder: fx.workspace, env: fx.env, extensionsDir });
    let wb: Workbench | undefined;
    try {
      wb = await openWorkbench(server);
      const page = wb.page;
      await waitForStatusBarText(page, STATUS_ID, 'default', 60_000);
      // The profile shows at once, from the environment; its colour once the diagnosis (in a worker) is published.
      await waitUntil(() => readStatusBarItem(page, STATUS_ID), 'the error colour', (i) => i.kind === 'error');
      await waitForProblems(page, (rows) => rows.some((r) => /STALE_SESSION_TOKEN/.test(r.text)), 'the stale token listed');
      await applyQuickFixFromProblems(page, 'STALE_SESSION_TOKEN', /Unset .*AWS_SESSION_TOKEN/);
      // The same diagnosis reaches the status bar (its colour: the stale token was the only error).
      await waitUntil(() => readStatusBarItem(page, STATUS_ID), 'the error colour to go', (i) => i.kind !== 'error');
      const rows = await readProblems(page);
      await page.screenshot({ path: path.join(REPO, '.test-work', 'ui', 'vsix-after-fix.png') });
      assert.ok(!rows.some((r) => /STALE_SESSION_TOKEN/.test(r.text)), JSON.stringify(rows.map((r) => r.text)));
    } catch (e) {
      await reportFailure('vsix', wb?.page, server);
      throw e;
    } finally {
      await wb?.close();
      await server.stop();
    }
  });
});
