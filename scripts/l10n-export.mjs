// Writes l10n/bundle.l10n.json: every string the extension passes to `l10n.t(…)`, extracted with
// @vscode/l10n-dev, and every finding template the rule modules declare (src/engine/rules/catalog.ts:
// the extension renders findings through `l10n.t(template, data)`). The vscode-free modules (src/extension/presentation/, the terminals' core)
// receive `vscode.l10n` as a parameter named `l10n` instead of importing vscode; l10n-dev only reads
// files that import it, so those files are read as if they did. `--check` compares instead of writing
// (exit 1 on a difference); test/unit/l10n.test.ts runs it.
//   node scripts/l10n-export.mjs [--check] [--file PATH]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getL10nJson } from '@vscode/l10n-dev';
import { loadCatalog, templatesOf } from './catalog.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { check: { type: 'boolean' }, file: { type: 'string' } } });
const target = values.file ?? join(root, 'l10n', 'bundle.l10n.json');

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const scripts = files(join(root, 'src', 'extension')).map((path) => {
  const contents = readFileSync(path, 'utf8');
  const vscodeFree = !/^import .* from 'vscode';$/m.test(contents);
  return { extension: '.ts', contents: vscodeFree ? `import { l10n } from 'vscode';\n${contents}` : contents };
});
const bundle = await getL10nJson(scripts);
for (const template of templatesOf(loadCatalog())) bundle[template] = template;
const sorted = Object.fromEntries(
  Object.keys(bundle)
    .sort()
    .map((k) => [k, bundle[k]]),
);
const out = JSON.stringify(sorted, null, 2) + '\n';
if (values.check) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing: differs */
  }
  if (current !== out) {
    const had = new Set(Object.keys(current ? JSON.parse(current) : {}));
    const missing = Object.keys(sorted).filter((k) => !had.has(k));
    const stale = [...had].filter((k) => !(k in sorted));
    console.error(
      `${target} is out of date: ${missing.length} strings missing, ${stale.length} no longer used. Run npm run l10n.`,
    );
    for (const k of missing) console.error(`  missing: ${k}`);
    for (const k of stale) console.error(`  unused:  ${k}`);
    process.exit(1);
  }
  console.log(`${target} covers all ${Object.keys(sorted).length} strings`);
} else {
  writeFileSync(target, out);
  console.log(`wrote ${target} (${Object.keys(sorted).length} strings)`);
}
