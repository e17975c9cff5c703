// Bundles the command line (dist/cli.js) and, once it exists, the extension (dist/extension.js).
// Type-checking is separate: `npm run typecheck` (tsc --noEmit).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  logOverride: { 'import-is-undefined': 'error' },
};

const builds = [
  // The executable is a small loader that runs the command line through V8's code cache (src/cli/bin.ts).
  { ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js' },
  // The live check's child process carries the AWS SDK: a bundle of its own, forked only when a live check runs.
  { ...common, entryPoints: ['src/live/child.ts'], outfile: 'dist/live.js' },
  // The error catalogue, loaded only by the command line's `explain` (the extension explains in its worker).
  { ...common, entryPoints: ['src/engine/explain/explainError.ts'], outfile: 'dist/explain.js' },
  // The SARIF writer with the finding codes' documentation, loaded only by `diagnose --format sarif`.
  { ...common, entryPoints: ['src/engine/sarif.ts'], outfile: 'dist/sarif.js' },
  // The terminal parsers and model, loaded on the first terminal the extension follows.
  { ...common, entryPoints: ['src/extension/terminals/terminalCore.ts'], outfile: 'dist/terminals.js' },
];
if (existsSync('src/extension/extension.ts')) {
  // jsonc-parser's "main" is a UMD build whose inner requires esbuild cannot follow: take its ES module build.
  builds.push({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], mainFields: ['module', 'main'] });
  // The diagnosis off the extension host's thread: a worker_threads Worker of its own (src/extension/diagnosisThread.ts).
  builds.push({ ...common, entryPoints: ['src/extension/diagnoseWorker.ts'], outfile: 'dist/diagnoseWorker.js' });
  // The engine on the extension host's own thread (commands, terminals, the live check), loaded on first use (src/extension/hostEngine.ts).
  builds.push({ ...common, entryPoints: ['src/extension/hostEngine.ts'], outfile: 'dist/hostEngine.js' });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
