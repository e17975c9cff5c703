/**
 * The terminals the extension opens itself (sign-in, a fix's command): they run one command the
 * user asked for, so the terminal watcher neither follows them in the status bar nor models them.
 */
import * as vscode from 'vscode';

const own = new WeakSet<vscode.Terminal>();

/** Opens a terminal of the extension's own. */
export function createOwnTerminal(options: vscode.TerminalOptions): vscode.Terminal {
  const t = vscode.window.createTerminal(options);
  own.add(t);
  return t;
}

/** Whether the extension opened this terminal itself. */
export function isOwnTerminal(t: vscode.Terminal): boolean {
  return own.has(t);
}
