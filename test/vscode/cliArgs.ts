/** Tiny argument parser shared by the test/vscode entry points (no dependency). */
import * as fs from 'fs';
import * as path from 'path';

export interface SuiteArgs {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  workspaceFolder?: string;
  timeoutMs: number;
  env: Record<string, string>;
  home?: string;
  screenshotOnFailure?: string;
}

export const USAGE = `Options (each also readable from the environment):
  --extensionDevelopmentPath DIR   extension folder (package.json)      VSCODE_TEST_EXTENSION_PATH  [default: repo root]
  --extensionTestsPath FILE        compiled suite index exporting run()  VSCODE_TEST_TESTS_PATH      [default: out/test/suite/index.js]
  --workspace DIR                  folder to open                        VSCODE_TEST_WORKSPACE       [default: empty temp folder]
  --home DIR                       fixture HOME for VS Code              VSCODE_TEST_HOME            [default: empty temp folder]
  --timeout MS                     whole-run timeout                     VSCODE_TEST_TIMEOUT_MS      [default: 300000]
  --env KEY=VALUE                  extension-host environment (repeatable; the caller's AWS_* are never passed)
  --screenshot-on-failure FILE     (code-server runner) screenshot when the run fails or times out
Positional form: <extensionDevelopmentPath> <extensionTestsPath> [workspace]`;

export function parseSuiteArgs(argv: string[], repoRoot: string): SuiteArgs {
  const positional: string[] = [];
  const env: Record<string, string> = {};
  const opts: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new Error(`missing value for --${key}\n${USAGE}`);
      if (key === 'env') {
        const k = value.indexOf('=');
        if (k <= 0) throw new Error(`--env expects KEY=VALUE, got ${value}`);
        env[value.slice(0, k)] = value.slice(k + 1);
      } else {
        opts[key] = value;
      }
    } else {
      positional.push(a);
    }
  }
  const known = [
    'extensionDevelopmentPath',
    'extensionTestsPath',
    'workspace',
    'home',
    'timeout',
    'screenshot-on-failure',
  ];
  for (const k of Object.keys(opts)) if (!known.includes(k)) throw new Error(`unknown option --${k}\n${USAGE}`);
  const e = process.env;
  const extensionDevelopmentPath = path.resolve(
    opts.extensionDevelopmentPath ?? positional[0] ?? e.VSCODE_TEST_EXTENSION_PATH ?? repoRoot,
  );
  const extensionTestsPath = path.resolve(
    opts.extensionTestsPath ??
      positional[1] ??
      e.VSCODE_TEST_TESTS_PATH ??
      path.join(repoRoot, 'out', 'test', 'suite', 'index.js'),
  );
  const ws = opts.workspace ?? positional[2] ?? e.VSCODE_TEST_WORKSPACE;
  const timeoutMs = Number(opts.timeout ?? e.VSCODE_TEST_TIMEOUT_MS ?? 300_000);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new Error(`bad timeout: ${opts.timeout ?? e.VSCODE_TEST_TIMEOUT_MS}`);
  if (!fs.existsSync(path.join(extensionDevelopmentPath, 'package.json'))) {
    throw new Error(`no package.json in extensionDevelopmentPath ${extensionDevelopmentPath}\n${USAGE}`);
  }
  if (!fs.existsSync(extensionTestsPath) && !fs.existsSync(extensionTestsPath + '.js')) {
    throw new Error(`extensionTestsPath not found: ${extensionTestsPath} (compile the tests first)\n${USAGE}`);
  }
  return {
    extensionDevelopmentPath,
    extensionTestsPath,
    workspaceFolder: ws ? path.resolve(ws) : undefined,
    timeoutMs,
    env,
    home: opts.home ?? e.VSCODE_TEST_HOME,
    screenshotOnFailure: opts['screenshot-on-failure'],
  };
}

export function repoRootFrom(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'scripts', 'setup-vscode-test-peers.sh'))) return d;
    if (path.dirname(d) === d) return process.cwd();
  }
}
