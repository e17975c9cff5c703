/**
 * Runs an extension's compiled mocha suite inside a real VS Code 1.100.3 (code-server + headless
 * Chromium) on this machine, and exits with the suite's exit code.
 *
 *   bash scripts/setup-vscode-test-peers.sh      # once per machine
 *   npx tsc -p tsconfig.test.json
 *   node out/test/vscode/runExtensionHostTests.js --extensionDevelopmentPath . \
 *        --extensionTestsPath out/test/suite/index.js [--workspace DIR] [--env KEY=VALUE ...]
 *
 * Exit codes: the suite's (0 = passed, 1 = failures), 2 = the harness itself failed (no code-server,
 * timeout, ...). VSCODE_TEST_VERBOSE=1 also prints code-server's and the browser's output.
 */
import { runExtensionTests } from './codeServer';
import { parseSuiteArgs, repoRootFrom } from './cliArgs';

async function main(): Promise<number> {
  const args = parseSuiteArgs(process.argv.slice(2), repoRootFrom(__dirname));
  return runExtensionTests({
    extensionDevelopmentPath: args.extensionDevelopmentPath,
    extensionTestsPath: args.extensionTestsPath,
    workspaceFolder: args.workspaceFolder,
    env: args.env,
    home: args.home,
    timeoutMs: args.timeoutMs,
    failureScreenshotPath: args.screenshotOnFailure,
  });
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  // process.exit runs codeServer's exit hook, which kills the code-server process groups.
  process.on(sig, () => {
    console.error(`[vscode-test] ${sig}: stopping`);
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[vscode-test] ERROR: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
