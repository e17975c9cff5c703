/**
 * The .vsix contents (`vsce ls`, offline): only the bundles, the media, README, CHANGELOG, LICENSE
 * package.json, package.nls.json and the l10n bundle — no source, test or map file.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const VSCE = path.join(REPO, 'node_modules', '.bin', 'vsce');

describe('extension packaging (vsce ls)', function () {
  this.timeout(60_000);

  it('lists only what the installed extension needs', function () {
    if (!fs.existsSync(VSCE)) {
      if (process.env.CI) throw new Error('@vscode/vsce is not installed: npm ci');
      this.skip();
    }
    const out = execFileSync(VSCE, ['ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, VSCE_TELEMETRY: 'off' } });
    const files = out.split('\n').map((l) => l.trim()).filter(Boolean).sort();
    for (const f of files) {
      assert.ok(/^(package\.json|package\.nls\.json|l10n\/bundle\.l10n\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/(extension|live|terminals|sessions|diagnoseWorker|hostEngine)\.js|media\/[\w-]+\.png)$/.test(f), `unexpected file in the package: ${f}`);
    }
    for (const f of ['package.json', 'package.nls.json', 'l10n/bundle.l10n.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', 'dist/live.js', 'dist/terminals.js', 'dist/sessions.js', 'dist/diagnoseWorker.js', 'dist/hostEngine.js', 'media/icon.png']) assert.ok(files.includes(f), `${f} is packaged`);
  });
});
