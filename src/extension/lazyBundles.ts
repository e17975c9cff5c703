/**
 * Bundles loaded on first use: the terminal core (dist/terminals.js), the debug sessions' and
 * tasks' (dist/sessions.js) and the engine on the extension host's thread (dist/hostEngine.js). A
 * computed path keeps esbuild from inlining them.
 */
import * as path from 'path';
import type { TerminalCore } from './terminals/terminalCore';
import type { HostEngine } from './hostEngine';
import type { SessionCore } from './sessions/sessionCore';

let terminals: TerminalCore | undefined;
let engine: HostEngine | undefined;
let sessions: SessionCore | undefined;

export function loadTerminalCore(extensionPath: string): TerminalCore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle loaded on first use
  return (terminals ??= (require(path.join(extensionPath, 'dist', ['terminals', 'js'].join('.'))) as { terminalCore: TerminalCore }).terminalCore);
}

export function loadSessionCore(extensionPath: string): SessionCore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle loaded on first use
  return (sessions ??= (require(path.join(extensionPath, 'dist', ['sessions', 'js'].join('.'))) as { sessionCore: SessionCore }).sessionCore);
}

export function loadHostEngine(extensionPath: string): HostEngine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle loaded on first use
  return (engine ??= (require(path.join(extensionPath, 'dist', ['hostEngine', 'js'].join('.'))) as { hostEngine: HostEngine }).hostEngine);
}
