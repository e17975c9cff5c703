/**
 * The entry of the lazily loaded bundle dist/sessions.js: launch.json and tasks.json as written,
 * the variables added at launch, a debug session's or a task's environment with its origins, its
 * Problems entries, fixes and alert (debugSessions.ts, configProblems.ts). A bundle of its own, apart
 * from the terminals' (dist/terminals.js, whose error matcher is most of its size), so that the first
 * launch and the first look at launch.json load only this; a session's output tail comes from
 * dist/terminals.js when its first output arrives.
 */
import { blockValue, envEdit, launchBlocks, taskBlocks } from './configFiles';
import { debugEnvField, injectEnvironment, readEnvField } from './debugTypes';
import { sessionAlert } from './sessionAlert';
import { sessionDiffers, sessionEngineEnvironment, sessionEnvironment, sessionProblems } from './sessionEnvironment';

export const sessionCore = {
  launchBlocks,
  taskBlocks,
  envEdit,
  blockValue,
  debugEnvField,
  injectEnvironment,
  readEnvField,
  sessionEnvironment,
  sessionEngineEnvironment,
  sessionDiffers,
  sessionProblems,
  sessionAlert,
};

export type SessionCore = typeof sessionCore;
