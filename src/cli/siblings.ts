/** The parts of the command line that have a bundle of their own, loaded only when a command needs them. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Loads a part that has a bundle of its own next to dist/cli.js (the live check's planning and
 * batch, the error catalogue, the SARIF writer), so that a plain `diagnose` never parses them; unbundled
 * (tests) it is the TypeScript output next to this file's.
 */
export function loadSibling<T>(bundle: string, source: string[]): T {
  const bundled = path.join(__dirname, bundle);
  // A computed path, so that esbuild leaves the require alone instead of bundling the module in.
  const modulePath = fs.existsSync(bundled) ? bundled : source.join('/');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(modulePath) as T;
}
