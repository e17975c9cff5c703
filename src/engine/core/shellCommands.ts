/**
 * Commands a user types, in the syntax of the platform's shells: POSIX (`unset A`, `export A=v`)
 * on Linux and macOS; PowerShell (`Remove-Item Env:A`, `$env:A = 'v'`) and cmd (`set A=`,
 * `set "A=v"`) on Windows, PowerShell first because it is VS Code's default terminal there. The
 * fixes' terminal commands and the text report's "type this" lines are built from these (fixCommands.ts).
 */
import type { Platform } from './host';
import { unreachable } from './unreachable';

export type ShellKind = 'posix' | 'fish' | 'pwsh' | 'cmd';

/** A command in one shell's syntax. */
export interface ShellCommand {
  readonly shell: ShellKind;
  readonly command: string;
}

/** The shells a platform's users type into, the default first (VS Code's default terminal: PowerShell on Windows). */
export function shellsFor(platform: Platform | undefined): readonly ShellKind[] {
  return platform === 'win32' ? ['pwsh', 'cmd'] : ['posix'];
}

/** The default shell of a platform. */
export function defaultShell(platform: Platform | undefined): ShellKind {
  return shellsFor(platform)[0];
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
/**
 * PowerShell gives `@` (splatting), `,` (arrays), `$`, `;`, `=` and quotes meaning: fewer words go
 * bare. A leading `-` reaches a native program as written, except `--` alone (end of parameters).
 */
const PWSH_SAFE = /^(?!--$)[A-Za-z0-9_.:/\\-]+$/;
const PWSH_QUOTES = /['\u2018\u2019\u201a\u201b]/g;
/** cmd has no escape inside double quotes: `"` and `%` (expanded even there) cannot be written safely. */
const CMD_UNQUOTABLE = /["%\r\n]/;

/**
 * A word quoted for the shell, or undefined when the shell cannot carry it literally (cmd and a
 * `"` or `%`). Single quotes in POSIX shells, fish and PowerShell (each with its own escape for a
 * quote inside); double quotes in cmd.
 */
export function quoteFor(kind: ShellKind, value: string): string | undefined {
  if (kind === 'cmd') {
    if (CMD_UNQUOTABLE.test(value)) return undefined;
    return /^[A-Za-z0-9_@+=:,./\\-]+$/.test(value) ? value : `"${value}"`;
  }
  // PowerShell also closes a single quote at the typographic ones: each is doubled like '.
  if (kind === 'pwsh') return PWSH_SAFE.test(value) ? value : `'${value.replace(PWSH_QUOTES, '$&$&')}'`;
  if (SAFE.test(value)) return value;
  if (kind === 'fish') return `'${value.replace(/[\\']/g, '\\$&')}'`;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A program and its arguments as one command line, each word quoted; undefined when a word cannot be. */
export function commandLine(kind: ShellKind, words: readonly string[]): string | undefined {
  const quoted = words.map((w) => quoteFor(kind, w));
  return quoted.every((w): w is string => w !== undefined) ? quoted.join(' ') : undefined;
}

/** The command that removes variables from this shell's environment. */
export function unsetCommand(kind: ShellKind, names: readonly string[]): string {
  switch (kind) {
    case 'fish':
      return `set -e ${names.join(' ')}`;
    case 'pwsh':
      return `Remove-Item ${names.map((n) => `Env:${n}`).join(', ')}`;
    case 'cmd':
      return names.map((n) => `set ${n}=`).join(' & ');
    case 'posix':
      return `unset ${names.join(' ')}`;
    default:
      return unreachable(kind, 'shell');
  }
}

/** The command that sets a variable in this shell's environment; undefined when cmd cannot carry the value. */
export function setCommand(kind: ShellKind, name: string, value: string): string | undefined {
  switch (kind) {
    case 'fish':
      return `set -gx ${name} ${quoteFor(kind, value)}`;
    case 'pwsh':
      return `$env:${name} = '${value.replace(PWSH_QUOTES, '$&$&')}'`;
    // `set "A=v"`: the quotes keep a trailing space and & | < > literal; an empty value would unset A.
    case 'cmd':
      return value === '' || CMD_UNQUOTABLE.test(value) ? undefined : `set "${name}=${value}"`;
    case 'posix':
      return `export ${name}=${quoteFor(kind, value)}`;
    default:
      return unreachable(kind, 'shell');
  }
}

/** An AWS CLI (or other program) command line for the platform's default shell, e.g. `aws login --profile 'my dev'`. */
export function platformCommand(platform: Platform | undefined, words: readonly string[]): string {
  // PowerShell and POSIX shells can quote any word; cmd is never the default.
  return commandLine(defaultShell(platform), words)!;
}

/**
 * The shell kind of a shell's path or name (`/usr/bin/fish`, `C:\…\pwsh.exe`, `cmd.exe`, `zsh`),
 * e.g. VS Code's `env.shell`; undefined when it is none we know (`python`, `3>&1`).
 */
export function knownShellKind(shell: string | undefined): ShellKind | undefined {
  const base = (shell ?? '')
    .replace(/^.*[\\/]/, '')
    .replace(/\.exe$/i, '')
    .toLowerCase();
  if (base === 'fish') return 'fish';
  if (base === 'pwsh' || base === 'powershell' || base === 'pwsh-preview') return 'pwsh';
  if (base === 'cmd') return 'cmd';
  if (['bash', 'zsh', 'sh', 'dash', 'ksh', 'mksh', 'git-bash', 'wsl'].includes(base)) return 'posix';
  return undefined;
}

/** The shell kind of a shell's path or name; the platform's default when it is none we know. */
export function shellKindOf(shell: string | undefined, platform: Platform | undefined): ShellKind {
  return knownShellKind(shell) ?? defaultShell(platform);
}
