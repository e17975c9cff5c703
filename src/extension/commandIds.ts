/**
 * Every command id in one place. Palette commands are contributed in package.json (a unit test keeps
 * the two in step); internal commands start with `_` and are not contributed.
 */
export const Commands = {
  runDiagnostics: 'awsCredentialsDoctor.runDiagnostics',
  switchProfile: 'awsCredentialsDoctor.switchProfile',
  checkIdentity: 'awsCredentialsDoctor.checkIdentity',
  explainError: 'awsCredentialsDoctor.explainError',
  showReport: 'awsCredentialsDoctor.showReport',
  openConfigFile: 'awsCredentialsDoctor.openConfigFile',
  openCredentialsFile: 'awsCredentialsDoctor.openCredentialsFile',
  ssoLogin: 'awsCredentialsDoctor.ssoLogin',
  showLog: 'awsCredentialsDoctor.showLog',
  /** Quick fixes from the keyboard where VS Code's own need a writable editor (the environment document). */
  quickFix: 'awsCredentialsDoctor.quickFix',
} as const;

export const InternalCommands = {
  /** Applies a non-text fix (unset a variable, chmod, sign in, switch profile, set region). */
  applyFix: '_awsCredentialsDoctor.applyFix',
  /** Runs a fix's text in the named terminal (the quick fix of a terminal's Problems entry). */
  fixInTerminal: '_awsCredentialsDoctor.fixInTerminal',
} as const;

export type CommandName = keyof typeof Commands;

/** The extension's prefix for commands, settings, ids. */
export const EXTENSION_PREFIX = 'awsCredentialsDoctor';
export const STATUS_BAR_ITEM_ID = 'awsCredentialsDoctor.status';
export const DIAGNOSTIC_SOURCE = 'AWS Credentials Doctor';
/** The scheme of the read-only document listing the environment (`aws-credentials-doctor:/environment`). */
export const ENV_DOCUMENT_SCHEME = 'aws-credentials-doctor';
export const ENV_DOCUMENT_PATH = '/environment';
/** The read-only documents Explain Error and Show Report open, by name (their tab titles). */
export const EXPLANATION_DOCUMENT = 'AWS error explained.md';
export const REPORT_DOCUMENT = 'AWS Credentials Doctor report.md';
