/**
 * The extension-host suite's entry point (the @vscode/test-electron shape: run() settles when mocha
 * is done). Runs in code-server's extension host (test/vscode/extensionSuite.test.ts) or in desktop
 * VS Code (npm run test:electron).
 */
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  // The runner checks that the suite ran in the VS Code it meant (test/vscode/peers.ts).
  console.log(`VS Code ${vscode.version}`);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000 });
  const only = process.env.ACD_SUITE_FILES?.split(',');
  for (const file of only ?? ['extension.ext.js']) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} tests failed.`)) : resolve()));
  });
}
