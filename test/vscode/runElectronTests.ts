/**
 * The same suite as runExtensionHostTests, through @vscode/test-electron (desktop VS Code).
 * For machines with internet: test-electron downloads VS Code 1.100.3 into .vscode-test/.
 * On the project's own machines (npm registry and Debian only) the download cannot work; this
 * script then stops within VSCODE_TEST_DOWNLOAD_TIMEOUT_MS (default 20 s of silence) with a clear
 * message and exit code 2, and points at runExtensionHostTests.js. On a Linux machine without a
 * display, run it under xvfb-run.
 *
 *   node out/test/vscode/runElectronTests.js --extensionDevelopmentPath . --extensionTestsPath out/test/suite/index.js
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseSuiteArgs, repoRootFrom } from './cliArgs';

const VSCODE_VERSION = process.env.VSCODE_TEST_VERSION ?? '1.100.3';

async function main(): Promise<number> {
  const repoRoot = repoRootFrom(__dirname);
  const args = parseSuiteArgs(process.argv.slice(2), repoRoot);
  const { runTests, downloadAndUnzipVSCode, TestRunFailedError } = await import('@vscode/test-electron');
  const downloadTimeout = Number(process.env.VSCODE_TEST_DOWNLOAD_TIMEOUT_MS ?? 20_000);
  const cachePath = path.join(repoRoot, '.vscode-test');

  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await withDeadline(
      downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath, timeout: downloadTimeout }),
      downloadTimeout * 3,
      `no progress after ${downloadTimeout * 3} ms`,
    );
  } catch (e) {
    throw new Error(
      `could not obtain VS Code ${VSCODE_VERSION} for @vscode/test-electron ` +
        `(${e instanceof Error ? e.message : String(e)}). It is downloaded from the internet, which this ` +
        `machine cannot reach. Run the same suite in code-server instead: ` +
        `bash scripts/setup-vscode-test-peers.sh && node out/test/vscode/runExtensionHostTests.js`,
    );
  }

  let ownWorkspace: string | undefined;
  const workspace = args.workspaceFolder ?? (ownWorkspace = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-workspace-')));
  let ownHome: string | undefined;
  const home = args.home ?? (ownHome = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-home-')));
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-electron-user-'));
  // Keep the caller's AWS_* away from the extension host, as the code-server runner does.
  const extensionTestsEnv: Record<string, string | undefined> = { HOME: home, ...args.env };
  for (const k of Object.keys(process.env))
    if (k.startsWith('AWS_') && !(k in args.env)) extensionTestsEnv[k] = undefined;
  try {
    // runTests resolves with 0 and rejects with TestRunFailedError(code) when the suite fails.
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: args.extensionDevelopmentPath,
      extensionTestsPath: args.extensionTestsPath,
      extensionTestsEnv,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--disable-gpu',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${userDataDir}`,
      ],
      timeout: downloadTimeout,
    });
  } catch (e) {
    const code = (e as { code?: unknown })?.code;
    if (e instanceof TestRunFailedError && typeof code === 'number' && code !== 0) {
      console.error(`[vscode-test-electron] ${e.message}`);
      return code;
    }
    throw e;
  } finally {
    for (const d of [ownWorkspace, ownHome, userDataDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
  }
}

function withDeadline<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[vscode-test-electron] ERROR: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
