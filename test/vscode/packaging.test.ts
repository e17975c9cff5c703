/**
 * The .vsix as the Marketplace and Open VSX receive it (offline): `vsce ls` lists only what the
 * installed extension needs; `vsce package` passes its checks without a warning and rewrites the
 * README's and CHANGELOG's relative images to absolute HTTPS URLs of files in this repository; and
 * ovsx (Open VSX's client) accepts the licence, the manifest and the package.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const VSCE = path.join(REPO, 'node_modules', '.bin', 'vsce');
const ENV = { ...process.env, VSCE_TELEMETRY: 'off' };

describe('extension packaging (vsce, ovsx)', function () {
  this.timeout(120_000);
  let dir: string | undefined;
  let vsix = '';
  let packageOutput = '';

  before(function () {
    if (!fs.existsSync(VSCE)) {
      if (process.env.CI) throw new Error('@vscode/vsce is not installed: npm ci');
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-package-'));
    vsix = path.join(dir, 'aws-credentials-doctor.vsix');
    const r = spawnSync(VSCE, ['package', '--no-dependencies', '-o', vsix], { cwd: REPO, encoding: 'utf8', env: ENV });
    assert.strictEqual(r.status, 0, r.stderr + r.stdout);
    packageOutput = r.stdout + r.stderr;
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists only what the installed extension needs', () => {
    const out = execFileSync(VSCE, ['ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8', env: ENV });
    const files = out
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
    for (const f of files) {
      assert.ok(
        /^(package\.json|package\.nls\.json|l10n\/bundle\.l10n(\.[\w-]+)?\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/(extension|live|terminals|sessions|diagnoseWorker|hostEngine|profileTree)\.js|media\/icon\.png|media\/profiles-view\.svg|media\/walkthrough\/[\w-]+\.png)$/.test(
          f,
        ),
        `unexpected file in the package: ${f}`,
      );
    }
    for (const f of [
      'package.json',
      'package.nls.json',
      'l10n/bundle.l10n.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'dist/extension.js',
      'dist/live.js',
      'dist/terminals.js',
      'dist/sessions.js',
      'dist/diagnoseWorker.js',
      'dist/hostEngine.js',
      'dist/profileTree.js',
      'media/icon.png',
      'media/profiles-view.svg',
    ])
      assert.ok(files.includes(f), `${f} is packaged`);
  });

  it('vsce package: no warning, and every README and CHANGELOG image an HTTPS URL of a file in this repository', () => {
    assert.doesNotMatch(packageOutput, /WARNING/i, packageOutput);
    const listed = unzip(vsix);
    const tracked = new Set(execFileSync('git', ['ls-files'], { cwd: REPO, encoding: 'utf8' }).split('\n'));
    let images = 0;
    for (const doc of ['extension/readme.md', 'extension/changelog.md']) {
      const text = listed.read(doc);
      for (const m of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src=["']([^"']+)["']/g)) {
        const src = m[1] ?? m[2];
        images++;
        const file = /^https:\/\/github\.com\/aws-credentials-doctor\/aws-credentials-doctor\/raw\/HEAD\/(.+)$/.exec(
          src,
        )?.[1];
        assert.ok(file, `${doc}: ${src} is not an absolute URL into the repository`);
        assert.ok(tracked.has(file), `${doc}: ${file} is not a file of the repository`);
      }
    }
    assert.ok(images >= 7, `${images} images`);
  });

  it('ovsx: the licence, the manifest and the packaged manifest pass its checks', async () => {
    // ovsx's own checks before a publication; publishing itself needs the registry.
    const ovsx = await import('ovsx');
    assert.strictEqual(await ovsx.isLicenseOk(REPO), true);
    const manifest = await ovsx.readManifest(REPO);
    ovsx.validateManifest(manifest);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readVSIXPackage } = require('ovsx/lib/zip') as {
      readVSIXPackage(p: string): Promise<{ publisher: string; name: string; version: string; license: string }>;
    };
    const packaged = await readVSIXPackage(vsix);
    assert.deepStrictEqual(
      [packaged.publisher, packaged.name, packaged.version, packaged.license],
      [manifest.publisher, manifest.name, manifest.version, 'MIT'],
    );
  });
});

/** The entries of a zip, read with unzip (Debian's), by name. */
function unzip(file: string): { read(name: string): string } {
  return {
    read: (name) => execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }),
  };
}
