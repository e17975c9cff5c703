/** The code-server lines the real-VS-Code suites run on, and the check that their peers are installed. */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_CHROMIUM, DEFAULT_CODE_SERVER_BIN } from './codeServer';

const REPO = path.resolve(__dirname, '..', '..', '..');

export interface CodeServerLine {
  /** The VS Code version it bundles. */
  readonly vscode: string;
  readonly bin: string;
}

/**
 * Today's line (every suite runs on it) and the oldest VS Code the extension supports
 * (engines.vscode), where the extension-host suite and the .vsix test run too. Both are installed
 * by scripts/setup-vscode-test-peers.sh.
 */
export const CURRENT_LINE: CodeServerLine = { vscode: '1.100.3', bin: DEFAULT_CODE_SERVER_BIN };
export const OLDEST_LINE: CodeServerLine = {
  vscode: '1.93.1',
  bin:
    process.env.CODE_SERVER_OLDEST_BIN ||
    path.join(REPO, '.vscode-test', 'code-server-4.93.1', 'node_modules', '.bin', 'code-server'),
};
export const CODE_SERVER_LINES: readonly CodeServerLine[] = [CURRENT_LINE, OLDEST_LINE];

/** Skips (or, with VSCODE_TEST_REQUIRED=1, fails) a real-VS-Code suite when its peers are missing. */
export function requireVsCodePeers(ctx: Mocha.Context, line: CodeServerLine = CURRENT_LINE): void {
  const missing = [line.bin, DEFAULT_CHROMIUM, path.join(REPO, 'dist', 'extension.js')].filter(
    (p) => !fs.existsSync(p),
  );
  if (!missing.length) return;
  const msg = `missing ${missing.join(', ')}: run scripts/setup-vscode-test-peers.sh and npm run build`;
  if (process.env.VSCODE_TEST_REQUIRED === '1') throw new Error(msg);
  console.warn(`    (skipped: ${msg})`);
  ctx.skip();
}
