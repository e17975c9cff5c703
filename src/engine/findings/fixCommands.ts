/** What a user types to apply a fix by hand, in the platform's shells: added to every fix in one place. */
import type { Finding, Fix, FixAction } from './findings';
import type { Platform } from '../core/host';
import type { ShellCommand, ShellKind } from '../core/shellCommands';
import { commandLine, platformCommand, setCommand, shellsFor, unsetCommand } from '../core/shellCommands';
import { unreachable } from '../core/unreachable';

/**
 * What to type to apply a fix by hand, in each of the platform's shells: variables set or unset,
 * a file's mode (POSIX only; there is no chmod fix on Windows). Fixes that edit a file, switch the
 * profile or ask a question have none; a `runCommand` is already written for the platform's
 * default shell and is its own text.
 */
export function typedCommands(action: FixAction, platform: Platform | undefined): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (const shell of shellsFor(platform)) {
    const command = typedCommand(action, shell);
    if (command !== undefined) out.push({ shell, command });
  }
  return out;
}

function typedCommand(action: FixAction, shell: ShellKind): string | undefined {
  switch (action.kind) {
    case 'unsetEnv':
      return unsetCommand(shell, [action.name]);
    case 'setEnv':
      return setCommand(shell, action.name, action.value);
    case 'chmod':
      return shell === 'posix' ? commandLine(shell, ['chmod', action.mode.toString(8), action.path]) : undefined;
    case 'deleteLine':
    case 'replaceText':
    case 'runCommand':
    case 'switchProfile':
    case 'setRegion':
    case 'removeBom':
      return undefined;
    default:
      return unreachable(action, 'fix kind');
  }
}

/** Each fix with its typed commands (`commands`), when it has any. */
export function withTypedCommands(findings: readonly Finding[], platform: Platform | undefined): Finding[] {
  return findings.map((f) =>
    f.fixes.length
      ? {
          ...f,
          fixes: f.fixes.map((x) => {
            const commands = typedCommands(x.action, platform);
            return commands.length ? { ...x, commands } : x;
          }),
        }
      : f,
  );
}

/** The fix that signs a profile in (`aws sso login --profile X`, `aws login --profile X`), written for the platform's default shell. */
export function signInFix(platform: Platform | undefined, kind: 'sso' | 'login', profile: string): Fix {
  const command = platformCommand(
    platform,
    kind === 'sso' ? ['aws', 'sso', 'login', '--profile', profile] : ['aws', 'login', '--profile', profile],
  );
  return {
    title: `Sign in: ${command}`,
    action: { kind: 'runCommand', command, signIn: { kind, profile } },
    preferred: true,
  };
}
