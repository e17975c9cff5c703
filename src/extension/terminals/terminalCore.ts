/**
 * The entry of the lazily loaded bundle dist/terminals.js: the shell parsers, the per-terminal
 * environment model, the output tail and the alert model. The extension loads it on the first
 * terminal it follows, so that activation does not pay for them (terminalWatcher.ts).
 */
import { OutputTail } from './outputTail';
import { execShell, parseCommandLine, terminalShellOf } from './shellSyntax';
import { terminalAlert, terminalFix } from './terminalAlert';
import { TerminalEnvironment } from './terminalEnvironment';

export const terminalCore = {
  OutputTail,
  TerminalEnvironment,
  terminalAlert,
  terminalFix,
  terminalShellOf,
  execShell,
  parseCommandLine,
};

export type TerminalCore = typeof terminalCore;
