/** package.json ↔ code: every contributed command has a handler id and vice versa; every setting is typed, scoped and documented. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, EXTENSION_PREFIX, InternalCommands } from '../../src/extension/commandIds';
import { FindingCode } from '../../src/engine/findings/findings';
import { DEFAULT_SETTINGS, SETTING_KEYS } from '../../src/extension/settings';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** A manifest string as VS Code shows it in English: `%key%` looked up in package.nls.json. */
const shown = (value: string): string =>
  value.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? assert.fail(`no ${key} in package.nls.json`));

describe('extension manifest', () => {
  it('contributes exactly the commands in Commands, each with a category, and no internal one', () => {
    const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
    for (const c of pkg.contributes.commands) {
      assert.equal(shown(c.category), 'AWS Credentials Doctor', c.command);
      assert.ok(c.command.startsWith(`${EXTENSION_PREFIX}.`));
    }
    for (const id of Object.values(InternalCommands))
      assert.ok(
        id.startsWith('_') &&
          !new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command)).has(id),
      );
    const handlers = fs.readFileSync(path.join(ROOT, 'src', 'extension', 'commands.ts'), 'utf8');
    for (const name of Object.keys(Commands))
      assert.match(handlers, new RegExp(`\\n\\s+${name}: `), `a handler for ${name}`);
  });

  it('contributes exactly the settings in SETTING_KEYS, each with a scope and a markdownDescription', () => {
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(
      Object.keys(props).sort(),
      Object.values(SETTING_KEYS)
        .map((k) => `${EXTENSION_PREFIX}.${k}`)
        .sort(),
    );
    for (const [key, p] of Object.entries<any>(props)) {
      assert.ok(p.scope, `${key} has a scope`);
      assert.ok(p.markdownDescription && shown(p.markdownDescription).length > 20, `${key} is documented`);
      assert.ok('default' in p, `${key} has a default`);
      // On by default, because off would hide the feature: terminals.watch costs nothing until a command
      // prints an AWS error (issue 10); debug sessions get the chosen profile and are watched like terminals (issue 18).
      const onByDefault = ['terminals.watch', 'debug.applyEnvironment', 'debug.watch'].map(
        (k) => `${EXTENSION_PREFIX}.${k}`,
      );
      if (p.type === 'boolean')
        assert.equal(
          p.default,
          onByDefault.includes(key),
          `${key} is ${onByDefault.includes(key) ? 'on' : 'off'} by default`,
        );
    }
    // The defaults are DEFAULT_SETTINGS' (readSettings falls back to them): the manifest says the same.
    for (const [field, key] of Object.entries(SETTING_KEYS))
      assert.deepEqual(
        props[`${EXTENSION_PREFIX}.${key}`].default,
        DEFAULT_SETTINGS[field as keyof typeof DEFAULT_SETTINGS],
        `${key}'s default`,
      );
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const key of Object.keys(props)) assert.ok(readme.includes(`\`${key}\``), `README documents ${key}`);
    for (const c of pkg.contributes.commands)
      assert.ok(readme.includes(shown(c.title)), `README documents ${shown(c.title)}`);
  });

  it('severityOverrides offers exactly the finding codes, in the order they are declared', () => {
    const offered =
      pkg.contributes.configuration.properties[`${EXTENSION_PREFIX}.severityOverrides`].propertyNames.enum;
    assert.deepEqual(offered, Object.values(FindingCode));
  });

  it('activates on start-up, runs where ~/.aws lives, declares trust, and packages an allow-list', () => {
    // onDebug: a debug session started before start-up finished still gets the chosen profile.
    assert.deepEqual(pkg.activationEvents, ['onStartupFinished', 'onDebug']);
    assert.equal(pkg.main, './dist/extension.js');
    assert.deepEqual(pkg.extensionKind, ['workspace']);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(fs.existsSync(path.join(ROOT, pkg.icon)));
    const ignore = fs
      .readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    assert.equal(ignore[0], '**', '.vscodeignore starts by ignoring everything');
    assert.ok(
      ignore.slice(1).every((l) => l.startsWith('!')),
      'then only re-includes',
    );
  });

  it('supports VS Code 1.93, compiled against exactly that API (@types/vscode pinned, the lock agrees)', () => {
    assert.equal(pkg.engines.vscode, '^1.93.0');
    assert.equal(pkg.devDependencies['@types/vscode'], '1.93.0');
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
    assert.equal(lock.packages['node_modules/@types/vscode'].version, '1.93.0');
    // Every dependency installs on the Node the project declares: none asks for a newer one.
    for (const [name, entry] of Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)) {
      const min = /^>=?\s*(\d+)/.exec(entry.engines?.node ?? '')?.[1];
      assert.ok(!min || Number(min) <= 20, `${name} requires Node ${entry.engines?.node}`);
    }
  });

  it('a walkthrough whose every step has a packaged image with alt text and a button running a command it completes on', () => {
    const [walkthrough, ...others] = pkg.contributes.walkthroughs;
    assert.equal(others.length, 0);
    assert.equal(walkthrough.id, 'gettingStarted');
    assert.equal(shown(walkthrough.title), 'Get Started with AWS Credentials Doctor');
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!media\/walkthrough\/\*\.png$/m);
    const ids = walkthrough.steps.map((s: { id: string }) => s.id);
    assert.deepEqual(ids, ['profileAndExpiry', 'switchProfile', 'fixProblem', 'checkIdentity', 'terminalsAndDebug']);
    const ours = new Set(Object.values(Commands) as string[]);
    for (const step of walkthrough.steps) {
      assert.match(step.media.image, /^media\/walkthrough\/[\w-]+\.png$/, step.id);
      const png = fs.readFileSync(path.join(ROOT, step.media.image));
      assert.equal(png.subarray(1, 4).toString(), 'PNG', step.id);
      assert.ok(shown(step.media.altText).length > 20, step.id);
      // The button: a command link alone on the description's last line.
      const button = /\n\[[^\]]+\]\(command:([\w.]+)\)$/.exec(shown(step.description));
      assert.ok(button, `${step.id}: a button`);
      assert.ok(ours.has(button[1]) || /^workbench\./.test(button[1]), `${step.id}: ${button[1]}`);
      assert.deepEqual(step.completionEvents, [`onCommand:${button[1]}`], step.id);
    }
  });

  it('is ready for the Marketplace and Open VSX: licence, icon, banner, categories, keywords, links', () => {
    assert.equal(pkg.license, 'MIT');
    assert.match(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'), /^MIT License/);
    const repo = 'https://github.com/aws-credentials-doctor/aws-credentials-doctor';
    assert.equal(pkg.repository.url, `${repo}.git`);
    assert.equal(pkg.homepage, `${repo}#readme`);
    assert.deepEqual(pkg.bugs, { url: `${repo}/issues` });
    assert.deepEqual(pkg.galleryBanner, { color: '#232F3E', theme: 'dark' });
    // The Marketplace's categories (vsce refuses others); at most 30 keywords.
    const allowed = [
      'AI',
      'Azure',
      'Chat',
      'Data Science',
      'Debuggers',
      'Education',
      'Extension Packs',
      'Formatters',
      'Keymaps',
      'Language Packs',
      'Linters',
      'Machine Learning',
      'Notebooks',
      'Other',
      'Programming Languages',
      'SCM Providers',
      'Snippets',
      'Testing',
      'Themes',
      'Visualization',
    ];
    for (const c of pkg.categories) assert.ok(allowed.includes(c), c);
    assert.ok(pkg.keywords.length > 0 && pkg.keywords.length <= 30);
    // A PNG icon of at least 128 × 128 (the Marketplace's size).
    const icon = fs.readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(icon.subarray(1, 4).toString(), 'PNG');
    assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128);
    assert.match(fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), /^# Changelog\n[\s\S]*^## \[Unreleased\]/m);
  });
});
