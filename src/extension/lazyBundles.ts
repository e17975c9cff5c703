/**
 * Bundles loaded on first use: the terminal core (dist/terminals.js), the debug sessions' and
 * tasks' (dist/sessions.js), the Profiles view's model (dist/profileTree.js, when the view is first
 * shown) and the engine on the extension host's thread (dist/hostEngine.js). A computed path keeps
 * esbuild from inlining them.
 */
import * as path from 'path';
import type { TerminalCore } from './terminals/terminalCore';
import type { HostEngine } from './hostEngine';
import type { SessionCore } from './sessions/sessionCore';
import type * as ProfileTreeModel from './presentation/profileTree';

export type ProfileTreeModule = typeof ProfileTreeModel;

let terminals: TerminalCore | undefined;
let engine: HostEngine | undefined;
let sessions: SessionCore | undefined;
let profileTree: ProfileTreeModule | undefined;

export function loadTerminalCore(extensionPath: string): TerminalCore {
  return (terminals ??= loadBundle<{ terminalCore: TerminalCore }>(extensionPath, 'terminals').terminalCore);
}

export function loadSessionCore(extensionPath: string): SessionCore {
  return (sessions ??= loadBundle<{ sessionCore: SessionCore }>(extensionPath, 'sessions').sessionCore);
}

export function loadProfileTree(extensionPath: string): ProfileTreeModule {
  return (profileTree ??= loadBundle<ProfileTreeModule>(extensionPath, 'profileTree'));
}

export function loadHostEngine(extensionPath: string): HostEngine {
  return (engine ??= loadBundle<{ hostEngine: HostEngine }>(extensionPath, 'hostEngine').hostEngine);
}

/** `dist/<name>.js`, required on first use (a computed path, so that esbuild leaves it out of the extension's bundle). */
function loadBundle<T>(extensionPath: string, name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle loaded on first use
  return require(path.join(extensionPath, 'dist', [name, 'js'].join('.'))) as T;
}
