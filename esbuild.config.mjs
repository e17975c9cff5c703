// Bundles the command line (dist/cli.js) and, once it exists, the extension (dist/extension.js).
// Type-checking is separate: `npm run typecheck` (tsc --noEmit).
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/**
 * In dist/live.js only: the SDK's shared-config parser remembered per text (src/live/iniParseMemo.ts
 * says why and how it stays exact). Fails the build when the parser is not where it was.
 */
const memoizeIniParse = {
  name: 'memoize-ini-parse',
  setup(build) {
    const memo = fileURLToPath(new URL('src/live/iniParseMemo.ts', import.meta.url));
    const definition = 'export const parseIni = (iniData) => {';
    let wrapped = 0;
    build.onLoad(
      { filter: /@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]config[\\/]shared-ini-file-loader[\\/]parseIni\.js$/ },
      (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (text.split(definition).length !== 2)
          throw new Error(
            `${args.path}: the SDK's parseIni is not defined as "${definition}": update src/live/iniParseMemo.ts and this plugin`,
          );
        wrapped++;
        return {
          contents: `import { memoizedParse } from ${JSON.stringify(memo)};\n${text.replace(definition, 'const parseIniOnce = (iniData) => {')}\nexport const parseIni = memoizedParse(parseIniOnce);\n`,
          loader: 'js',
          resolveDir: args.path.replace(/[\\/][^\\/]*$/, ''),
        };
      },
    );
    build.onEnd((result) => {
      if (!result.errors.length && wrapped === 0)
        throw new Error("dist/live.js: the SDK's parseIni was not found to wrap (src/live/iniParseMemo.ts)");
    });
  },
};

const builds = [
  // The executable is a small loader that runs the command line through V8's code cache (src/cli/bin.ts).
  { ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js' },
  // The command line's side of the live check, loaded only with --live (src/cli/liveParts.ts).
  { ...common, entryPoints: ['src/cli/liveParts.ts'], outfile: 'dist/cli-live.js' },
  // The live check's child process carries the AWS SDK: a bundle of its own, forked only when a live check runs.
  { ...common, entryPoints: ['src/live/child.ts'], outfile: 'dist/live.js', plugins: [memoizeIniParse] },
  // The error catalogue, loaded only by the command line's `explain` (the extension explains in its worker).
  { ...common, entryPoints: ['src/engine/explain/explainError.ts'], outfile: 'dist/explain.js' },
  // The SARIF writer with the finding codes' documentation, loaded only by `diagnose --format sarif`.
  { ...common, entryPoints: ['src/engine/output/sarif.ts'], outfile: 'dist/sarif.js' },
  // The terminal parsers and model, loaded on the first terminal the extension follows.
  { ...common, entryPoints: ['src/extension/terminals/terminalCore.ts'], outfile: 'dist/terminals.js' },
  // Debug sessions and tasks: launch.json and tasks.json read with jsonc-parser (whose ES module build
  // esbuild can follow), loaded on the first launch or the first launch.json worth reading.
  {
    ...common,
    entryPoints: ['src/extension/sessions/sessionCore.ts'],
    outfile: 'dist/sessions.js',
    mainFields: ['module', 'main'],
  },
];
if (existsSync('src/extension/extension.ts')) {
  // jsonc-parser's "main" is a UMD build whose inner requires esbuild cannot follow: take its ES module build.
  builds.push({
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    mainFields: ['module', 'main'],
  });
  // The diagnosis off the extension host's thread: a worker_threads Worker of its own (src/extension/diagnosisThread.ts).
  builds.push({ ...common, entryPoints: ['src/extension/diagnoseWorker.ts'], outfile: 'dist/diagnoseWorker.js' });
  // The Profiles view's model, loaded when the view first builds (src/extension/lazyBundles.ts).
  builds.push({
    ...common,
    entryPoints: ['src/extension/presentation/profileTree.ts'],
    outfile: 'dist/profileTree.js',
  });
  // The engine on the extension host's own thread (commands, terminals, the live check), loaded on first use (src/extension/hostEngine.ts).
  builds.push({ ...common, entryPoints: ['src/extension/hostEngine.ts'], outfile: 'dist/hostEngine.js' });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
