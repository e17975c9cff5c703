/**
 * The entry of the lazily loaded bundle dist/terminals.js: what the extension needs to follow the
 * places programs run in, loaded on the first one it follows so that activation does not pay for
 * them. For terminals (terminalWatcher.ts): the shell parsers, the per-terminal environment model,
 * the output tail and the alert model. For debug sessions and tasks (debugSessions.ts,
 * configProblems.ts): launch.json and tasks.json as written, the variables added at launch, the
 * session's environment with its origins, its Problems entries, fixes and alert.
 */
import { blockValue, envEdit, launchBlocks, taskBlocks } from '../sessions/configFiles';
import { debugEnvField, injectEnvironment, readEnvField } from '../sessions/debugTypes';
import { sessionAlert } from '../sessions/sessionAlert';
import { sessionDiffers, sessionEngineEnvironment, sessionEnvironment, sessionProblems } from '../sessions/sessionEnvironment';
import { OutputTail } from './outputTail';
import { execShell, terminalShellOf } from './shellSyntax';
import { terminalAlert, terminalFix } from './terminalAlert';
import { TerminalEnvironment } from './terminalEnvironment';

export const terminalCore = {
  OutputTail, TerminalEnvironment, terminalAlert, terminalFix, terminalShellOf, execShell,
  launchBlocks, taskBlocks, envEdit, blockValue, debugEnvField, injectEnvironment, readEnvField,
  sessionEnvironment, sessionEngineEnvironment, sessionDiffers, sessionProblems, sessionAlert,
};

export type TerminalCore = typeof terminalCore;
