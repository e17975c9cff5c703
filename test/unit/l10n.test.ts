/**
 * Localisable: every manifest string comes from package.nls.json, and l10n/bundle.l10n.json holds
 * exactly the strings the extension passes to `l10n.t` (scripts/l10n-manifest.mjs and
 * scripts/l10n-export.mjs, in --check mode; `npm run l10n` rewrites both).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../support/projectRoot';

const run = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', script), ...args], {
    encoding: 'utf8',
    cwd: PROJECT_ROOT,
  });

describe('localisation', function () {
  this.timeout(60_000);

  it('package.json takes every user-visible string from package.nls.json, and every entry there is used', () => {
    const r = run('l10n-manifest.mjs', '--check');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /all \d+ manifest strings come from package\.nls\.json/);
  });

  it('l10n/bundle.l10n.json covers every l10n.t call and nothing else', () => {
    const r = run('l10n-export.mjs', '--check');
    assert.equal(r.status, 0, r.stderr);
    const bundle = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<
      string,
      string
    >;
    // One from a vscode module, one from a vscode-free presentation model.
    assert.ok(
      'Paste the error message' in bundle || Object.keys(bundle).some((k) => k.startsWith('Explain')),
      'strings of src/extension/*.ts',
    );
    assert.ok('no region' in bundle, 'strings of src/extension/presentation/*.ts');
  });

  it('a bundle missing one string is reported', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-l10n-'));
    try {
      const bundle = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<
        string,
        string
      >;
      delete bundle['no region'];
      const file = path.join(dir, 'bundle.l10n.json');
      fs.writeFileSync(file, JSON.stringify(bundle, null, 2) + '\n');
      const r = run('l10n-export.mjs', '--check', '--file', file);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /missing: no region/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
