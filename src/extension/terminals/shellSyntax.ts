/**
 * Which shell a terminal runs, how to parse its command lines, and how to write a fix in its
 * syntax: `unset A` / `export A=v` (bash, zsh), `set -e A` / `set -gx A v` (fish),
 * `Remove-Item Env:A` / `$env:A = 'v'` (PowerShell).
 */
import type { ParsedCommandLine, ShellKind } from './envEffects';
import { parseFishCommandLine } from './fishCommandLine';
import { parsePosixCommandLine } from './posixCommandLine';
import { parsePwshCommandLine } from './pwshCommandLine';

/** The shell kind from a shell path or name (`/usr/bin/fish`, `pwsh.exe`, `zsh`); undefined when it is not one of ours. */
export function shellKindOf(shell: string | undefined): ShellKind | undefined {
  if (!shell) return undefined;
  const base = shell.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '').toLowerCase();
  if (base === 'fish') return 'fish';
  if (base === 'pwsh' || base === 'powershell' || base === 'pwsh-preview') return 'pwsh';
  if (['bash', 'zsh', 'sh', 'dash', 'ksh', 'mksh', 'git-bash'].includes(base)) return 'posix';
  return undefined;
}

/** `exec zsh`, `exec /usr/bin/fish -l`: the shell that replaces this one (the environment stays), or undefined. */
export function execShell(line: string): { kind: ShellKind; name: string } | undefined {
  const m = /^\s*exec\s+(?:-\S+\s+)*(\S+)/.exec(line);
  const kind = m ? shellKindOf(m[1]) : undefined;
  return kind ? { kind, name: m![1].replace(/^.*[\\/]/, '').replace(/\.exe$/i, '') } : undefined;
}

export function parseCommandLine(kind: ShellKind, line: string): ParsedCommandLine {
  // Bounded: a pasted megabyte is not a command line worth following character by character.
  const text = line.length > 100_000 ? line.slice(0, 100_000) : line;
  switch (kind) {
    case 'fish': return parseFishCommandLine(text);
    case 'pwsh': return parsePwshCommandLine(text);
    default: return parsePosixCommandLine(text);
  }
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** A value quoted for the shell (single quotes; the shell's own escape for a quote inside). */
export function quoteFor(kind: ShellKind, value: string): string {
  if (kind === 'pwsh') return `'${value.replace(/'/g, "''")}'`;
  if (SAFE.test(value)) return value;
  if (kind === 'fish') return `'${value.replace(/[\\']/g, '\\$&')}'`;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The command that removes variables from this shell's environment. */
export function unsetCommand(kind: ShellKind, names: readonly string[]): string {
  switch (kind) {
    case 'fish': return `set -e ${names.join(' ')}`;
    case 'pwsh': return `Remove-Item ${names.map((n) => `Env:${n}`).join(', ')}`;
    default: return `unset ${names.join(' ')}`;
  }
}

/** The command that sets a variable in this shell's environment. */
export function setCommand(kind: ShellKind, name: string, value: string): string {
  switch (kind) {
    case 'fish': return `set -gx ${name} ${quoteFor(kind, value)}`;
    case 'pwsh': return `$env:${name} = ${quoteFor(kind, value)}`;
    default: return `export ${name}=${quoteFor(kind, value)}`;
  }
}
