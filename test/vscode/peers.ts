/** Skips (or, with VSCODE_TEST_REQUIRED=1, fails) a real-VS-Code suite when its peers are missing. */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_CHROMIUM, DEFAULT_CODE_SERVER_BIN } from './codeServer';

const REPO = path.resolve(__dirname, '..', '..', '..');

export function requireVsCodePeers(ctx: Mocha.Context): void {
  const missing = [DEFAULT_CODE_SERVER_BIN, DEFAULT_CHROMIUM, path.join(REPO, 'dist', 'extension.js')].filter((p) => !fs.existsSync(p));
  if (!missing.length) return;
  const msg = `missing ${missing.join(', ')}: run scripts/setup-vscode-test-peers.sh and npm run build`;
  if (process.env.VSCODE_TEST_REQUIRED === '1') throw new Error(msg);
  console.warn(`    (skipped: ${msg})`);
  ctx.skip();
}
