// Loads src/engine/rules/catalog.ts (the rule modules' declarations) by bundling it with esbuild
// into a temporary CommonJS file: the generators read the declarations from the source, so they
// need no build first and run before the code that imports what they generate compiles.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

export const root = fileURLToPath(new URL('..', import.meta.url));

export function loadCatalog() {
  const dir = mkdtempSync(join(tmpdir(), 'acd-catalog-'));
  try {
    const outfile = join(dir, 'catalog.cjs');
    buildSync({
      entryPoints: [join(root, 'src', 'engine', 'rules', 'catalog.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile,
      logLevel: 'error',
    });
    return createRequire(import.meta.url)(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every template in the catalog, in order, once. */
export function templatesOf(catalog) {
  return [
    ...new Set([
      ...catalog.CODE_CATALOG.flatMap(([, spec]) => Object.values(spec.messages)),
      ...catalog.OTHER_TEMPLATES,
    ]),
  ];
}
