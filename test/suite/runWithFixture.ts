/**
 * Runs the extension-host suite on a fresh fixture home through a runner: `electron` (desktop
 * VS Code via @vscode/test-electron, where it can be downloaded) or `code-server` (this machine).
 *
 *   node out/test/suite/runWithFixture.js electron|code-server
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createFixtureHome } from './fixtureHome';

const REPO = path.resolve(__dirname, '..', '..', '..');
const runner = process.argv[2] === 'code-server' ? 'runExtensionHostTests.js' : 'runElectronTests.js';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-suite-'));
try {
  const fx = createFixtureHome(root, Date.now(), { recordingTools: true });
  const args = [
    path.join(REPO, 'out', 'test', 'vscode', runner),
    '--extensionDevelopmentPath',
    REPO,
    '--extensionTestsPath',
    path.join(REPO, 'out', 'test', 'suite', 'index.js'),
    '--workspace',
    fx.workspace,
    '--home',
    fx.home,
    ...Object.entries(fx.env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
  ];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  process.exitCode = r.status ?? 2;
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
