/**
 * What a command line does to a shell's AWS environment, as plain data. The parsers
 * (posixCommandLine, fishCommandLine, pwshCommandLine) produce it; the terminal's environment model
 * applies it. Only `AWS_*` variables and the brokers' markers are tracked: nothing else is kept.
 */
import { brokerVariables } from '../../engine/resolve/brokers';
import type { ShellKind } from '../../engine/core/shellCommands';

/** The shells whose command lines a terminal is followed in: the engine's, but cmd (it has no shell integration). */
export type TerminalShell = Exclude<ShellKind, 'cmd'>;

export type EnvEffect =
  /** The variable is in the environment with this value from now on. */
  | { readonly kind: 'set'; readonly name: string; readonly value: string }
  /** The variable is in the environment, with a value the command line does not show (`$(…)`, `$B`, a broker). */
  | { readonly kind: 'setUnknown'; readonly name: string; readonly why: string }
  /** The variable leaves the environment (unset, unexported, erased). */
  | { readonly kind: 'unset'; readonly name: string }
  /** POSIX `A=B` with no command: a shell variable, in the environment only if A is already exported. */
  | { readonly kind: 'assign'; readonly name: string; readonly value: string | undefined }
  /** POSIX `export A` / `declare -x A`: the shell variable A (if any) enters the environment. */
  | { readonly kind: 'export'; readonly name: string }
  /** A plain file of exports read into this shell (`source f`, `. f`), resolved by the model. */
  | { readonly kind: 'source'; readonly path: string }
  /** The model can no longer know these variables (or, with none named, any AWS variable). */
  | { readonly kind: 'unknown'; readonly why: string; readonly names?: readonly string[] }
  /** The command changes the AWS files or caches (sign-in, `aws configure set`): diagnose again after it. */
  | { readonly kind: 'filesChanged' };

export interface ParsedCommandLine {
  /** Effects on this shell's environment, in order. */
  readonly effects: readonly EnvEffect[];
  /**
   * Variables given to the commands of this line only (`A=B cmd`, `env A=B cmd`): a value, or
   * undefined when it is not knowable. The model does not change; a diagnosis of this command does.
   */
  readonly inline: ReadonlyMap<string, string | undefined>;
  /** The line runs a program with credentials of its own (`aws-vault exec p -- cmd`): the terminal's variables do not explain its errors. */
  readonly ownCredentials: boolean;
  /** What the line's AWS CLI command selects itself (`--profile`, `--region`, `--endpoint-url`), if anything; the last such command's. */
  readonly selectors?: CommandSelectors;
}

/** The profile, region and endpoint a command line gives its AWS command explicitly. */
export interface CommandSelectors {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
}

/** Broker markers outside AWS_* (AWSUME_EXPIRATION, GRANTED_SSO, …): the engine reads them for the broker and its expiry. */
const BROKER_MARKERS: ReadonlySet<string> = new Set(brokerVariables().filter((n) => !n.startsWith('AWS_')));

/** The variables the extension follows: AWS_*, and the credential brokers' markers the engine reads (brokers.ts). */
export function isAwsVariable(name: string): boolean {
  return name.startsWith('AWS_') || BROKER_MARKERS.has(name);
}

/** The variables a credentials broker (export-credentials, granted, awsume) sets in a shell. */
export const BROKER_VARIABLES: readonly string[] = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
];
