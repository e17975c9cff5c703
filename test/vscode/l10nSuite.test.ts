/**
 * Runs test/suite/l10n.ext.ts in a real VS Code 1.100.3 (code-server) whose display language is
 * the pseudo-locale `qps-ploc`, with a copy of the built extension that carries a bundle for it
 * (every string and finding template of l10n/bundle.l10n.json, each letter marked): issue 20's
 * "the findings render translated when a bundle for another language is present".
 * Skipped when code-server or Chromium is missing, unless VSCODE_TEST_REQUIRED=1 (CI).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runExtensionTests } from './codeServer';
import { requireVsCodePeers } from './peers';
import { createFixtureHome } from '../suite/fixtureHome';
import { pseudo } from '../support/pseudoLocale';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SUITE = path.join(REPO, 'out', 'test', 'suite', 'index.js');
const LOCALE = 'qps-ploc';

describe('the findings in another display language, in a real VS Code extension host (code-server)', function () {
  this.timeout(240_000);
  let root: string | undefined;

  before(function () {
    requireVsCodePeers(this);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-l10n-'));
  });
  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('Problems shows every finding through the pseudo-locale bundle', async () => {
    // The extension as installed, plus the bundle of the display language.
    const ext = path.join(root!, 'extension');
    for (const f of ['package.json', 'package.nls.json', 'dist', 'l10n', 'media', 'LICENSE']) {
      fs.cpSync(path.join(REPO, f), path.join(ext, f), { recursive: true });
    }
    const english = JSON.parse(fs.readFileSync(path.join(REPO, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<
      string,
      string
    >;
    const translated = Object.fromEntries(Object.keys(english).map((k) => [k, pseudo(k)]));
    fs.writeFileSync(path.join(ext, 'l10n', `bundle.l10n.${LOCALE}.json`), JSON.stringify(translated, null, 2));
    // A language pack for the pseudo-locale (no translation of VS Code's own strings): what makes
    // code-server take `--locale qps-ploc` as the display language rather than fall back to English.
    const extensionsDir = path.join(root!, 'extensions');
    const pack = path.join(extensionsDir, 'acd-test.language-pack-qps-ploc-1.0.0');
    fs.mkdirSync(path.join(pack, 'translations'), { recursive: true });
    fs.writeFileSync(
      path.join(pack, 'translations', 'main.i18n.json'),
      JSON.stringify({ version: '1.0.0', contents: {} }),
    );
    fs.writeFileSync(
      path.join(pack, 'package.json'),
      JSON.stringify({
        name: 'language-pack-qps-ploc',
        publisher: 'acd-test',
        version: '1.0.0',
        engines: { vscode: '^1.93.0' },
        contributes: {
          localizations: [
            {
              languageId: LOCALE,
              languageName: 'Pseudo',
              localizedLanguageName: 'Pseudo',
              translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
            },
          ],
        },
      }),
    );
    // What VS Code's language pack service writes once it has scanned the extensions: code-server
    // resolves `--locale` through it at start, before any scan.
    const userDataDir = path.join(root!, 'user-data');
    fs.mkdirSync(userDataDir, { recursive: true });
    fs.writeFileSync(
      path.join(userDataDir, 'languagepacks.json'),
      JSON.stringify({
        [LOCALE]: {
          hash: '0123456789abcdef0123456789abcdef',
          extensions: [{ extensionIdentifier: { id: 'acd-test.language-pack-qps-ploc' }, version: '1.0.0' }],
          translations: { vscode: path.join(pack, 'translations', 'main.i18n.json') },
          label: 'Pseudo',
        },
      }),
    );
    const fx = createFixtureHome(root!);
    const lines: string[] = [];
    const code = await runExtensionTests({
      extensionDevelopmentPath: ext,
      extensionTestsPath: SUITE,
      workspaceFolder: fx.workspace,
      env: { ...fx.env, ACD_SUITE_FILES: 'l10n.ext.js', ACD_EXPECT_LANGUAGE: LOCALE },
      locale: LOCALE,
      extensionsDir,
      userDataDir,
      timeoutMs: 200_000,
      log: (line) => lines.push(line),
      failureScreenshotPath: path.join(REPO, '.test-work', 'vscode', 'l10n-suite-failure.png'),
    });
    const out = lines.join('\n');
    if (process.env.VSCODE_TEST_VERBOSE === '1' || code !== 0) console.log(out);
    assert.strictEqual(code, 0, 'the l10n suite failed (output above)');
    assert.match(out, /2 passing/);
    assert.ok(!/(\d+) pending/.test(out), 'no test may be skipped inside the extension host');
  });
});
