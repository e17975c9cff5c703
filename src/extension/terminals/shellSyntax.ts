/**
 * Which shell a terminal runs and how to parse its command lines. Fixes are written in its syntax
 * by the engine's shellCommands.ts, the one place that quotes for a shell.
 */
import { knownShellKind } from '../../engine/core/shellCommands';
import { unreachable } from '../../engine/core/unreachable';
import type { ParsedCommandLine, TerminalShell } from './envEffects';
import { parseFishCommandLine } from './fishCommandLine';
import { parsePosixCommandLine } from './posixCommandLine';
import { parsePwshCommandLine } from './pwshCommandLine';

/** The shell of a path or name (`/usr/bin/fish`, `pwsh.exe`, `zsh`) whose command lines can be followed; undefined for any other (cmd, python). */
export function terminalShellOf(shell: string | undefined): TerminalShell | undefined {
  const kind = knownShellKind(shell);
  return kind === 'cmd' ? undefined : kind;
}

/** `exec zsh`, `exec /usr/bin/fish -l`: the shell that replaces this one (the environment stays), or undefined. */
export function execShell(line: string): { kind: TerminalShell; name: string } | undefined {
  const m = /^\s*exec\s+(?:-\S+\s+)*(\S+)/.exec(line);
  const kind = m ? terminalShellOf(m[1]) : undefined;
  return kind ? { kind, name: m![1].replace(/^.*[\\/]/, '').replace(/\.exe$/i, '') } : undefined;
}

export function parseCommandLine(kind: TerminalShell, line: string): ParsedCommandLine {
  // Bounded: a pasted megabyte is not a command line worth following character by character.
  const text = line.length > 100_000 ? line.slice(0, 100_000) : line;
  switch (kind) {
    case 'fish':
      return parseFishCommandLine(text);
    case 'pwsh':
      return parsePwshCommandLine(text);
    case 'posix':
      return parsePosixCommandLine(text);
    default:
      return unreachable(kind, 'shell');
  }
}
