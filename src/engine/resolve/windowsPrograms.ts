/**
 * Finding a `credential_process` program on Windows, as each tool starts it, without running it:
 *
 * - The JavaScript SDK (`@aws-sdk/credential-provider-process`) calls child_process `exec`, whose
 *   shell on Windows is `process.env.ComSpec || cmd.exe` (`/d /s /c "<line>"`): cmd expands `%VAR%`
 *   (an unset one stays as written), knows no `~` or `$VAR`, and looks a bare name up in the
 *   current folder and then each PATH folder, trying the name and then the name with each PATHEXT
 *   extension (`helper` finds `helper.cmd`).
 * - botocore and the AWS CLI (`ProcessProvider`) split the line with `compat_shell_split`
 *   (`_windows_shell_split`: spaces and tabs, double quotes, backslashes literal unless before a
 *   quote) and call `subprocess.Popen(list)` without a shell: CreateProcess, which appends `.exe`
 *   to a name without an extension (never PATHEXT), searches a bare name in Python's folder, the
 *   current folder, `%SystemRoot%\System32`, `%SystemRoot%\System`, `%SystemRoot%` and PATH, and
 *   runs `.exe`/`.com` (and `.bat`/`.cmd` through cmd.exe); anything else is "not a valid Win32
 *   application". Nothing expands.
 *
 * The current folder and Python's own folder are not known here: names found only there are missed.
 */
import type { FileCache } from '../files/awsFiles';
import type { Environment } from '../core/host';
import type { ProgramCheck } from './programCheck';

/** Windows' PATHEXT when the variable is absent (Windows 10 and 11). */
export const DEFAULT_PATHEXT = '.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC';

/** Windows reads variable names case-insensitively (`Path`, `PATH`). */
export function windowsEnv(env: Environment, name: string): string | undefined {
  if (env[name] !== undefined) return env[name];
  const upper = name.toUpperCase();
  for (const k of Object.keys(env)) if (k.toUpperCase() === upper) return env[k];
  return undefined;
}

/** cmd's `%VAR%` expansion on a command line: set variables replaced, others left as written. */
export function cmdExpandVars(line: string, env: Environment): string {
  if (!line.includes('%')) return line;
  return line.replace(/%([^%\r\n]+)%/g, (whole, name: string) => windowsEnv(env, name) ?? whole);
}

/** botocore's `_windows_shell_split` (botocore/compat.py), rule for rule; undefined for an unclosed quote (its ValueError). */
export function windowsShellSplit(s: string): string[] | undefined {
  if (!s) return [];
  const components: string[] = [];
  let buff: string[] = [];
  let quoted = false;
  let backslashes = 0;
  for (const ch of s) {
    if (ch === '\\') {
      backslashes++;
    } else if (ch === '"') {
      if (backslashes > 0) {
        buff.push('\\'.repeat(Math.floor(backslashes / 2)));
        const odd = backslashes % 2 === 1;
        backslashes = 0;
        if (odd) {
          buff.push('"');
          continue;
        }
      }
      quoted = !quoted;
      buff.push('');
    } else if ((ch === ' ' || ch === '\t') && !quoted) {
      if (backslashes > 0) {
        buff.push('\\'.repeat(backslashes));
        backslashes = 0;
      }
      if (buff.length) {
        components.push(buff.join(''));
        buff = [];
      }
    } else {
      if (backslashes > 0) {
        buff.push('\\'.repeat(backslashes));
        backslashes = 0;
      }
      buff.push(ch);
    }
  }
  if (quoted) return undefined;
  if (backslashes > 0) buff.push('\\'.repeat(backslashes));
  if (buff.length) components.push(buff.join(''));
  return components;
}

const hasDir = (p: string) => /[\\/]/.test(p) || /^[A-Za-z]:/.test(p);
const isAbsolute = (p: string) => /^[A-Za-z]:[\\/]/.test(p) || /^[\\/]/.test(p);
const extensionOf = (p: string) => /(\.[^.\\/]*)$/.exec(p.replace(/^.*[\\/]/, ''))?.[1] ?? '';

/** A folder and a name joined with the folder's own separator (Windows takes either). */
function join(dir: string, name: string): string {
  return /[\\/]$/.test(dir) ? dir + name : `${dir}${dir.includes('\\') ? '\\' : '/'}${name}`;
}

function isFile(cache: FileCache, path: string): boolean {
  return !!cache.stat(path)?.isFile;
}

/** The JavaScript SDK: the line through cmd.exe. */
export function findCmdProgram(command: string, env: Environment, cache: FileCache): ProgramCheck {
  const line = cmdExpandVars(command, env).trim();
  if (!line) return { ok: false, reason: 'the command line is empty', program: command };
  // cmd's own syntax (pipes, redirections, groups, escapes) decides what runs: nothing to check.
  if (/[&|<>()^]/.test(line.replace(/"[^"]*"/g, ''))) return { ok: true, path: line };
  const m = /^"([^"]*)"?|^[^\s,;=]+/.exec(line);
  const program = m?.[1] ?? m?.[0] ?? line;
  const pathext = (windowsEnv(env, 'PATHEXT') ?? DEFAULT_PATHEXT).split(';').filter(Boolean);
  const names = [...(extensionOf(program) ? [program] : []), ...pathext.map((e) => program + e.toLowerCase())];
  if (hasDir(program)) {
    if (!isAbsolute(program)) return { ok: true, path: program };
    const found = names.find((n) => isFile(cache, n));
    return found
      ? { ok: true, path: found }
      : { ok: false, reason: `${program} was not found (cmd.exe also tries ${pathext.join(', ')})`, program };
  }
  for (const dir of (windowsEnv(env, 'PATH') ?? '').split(';').filter(Boolean)) {
    for (const n of names) {
      const candidate = join(dir, n);
      if (isFile(cache, candidate)) return { ok: true, path: candidate };
    }
  }
  return {
    ok: false,
    reason: `${program} was not found on PATH (cmd.exe tries it with ${pathext.join(', ')})`,
    program,
  };
}

const CREATE_PROCESS_RUNS = new Set(['.exe', '.com', '.bat', '.cmd']);

/** botocore and the AWS CLI: split, then CreateProcess without a shell. */
export function findCreateProcessProgram(command: string, env: Environment, cache: FileCache): ProgramCheck {
  const words = windowsShellSplit(command);
  if (!words) return { ok: false, reason: 'the command line has an unclosed double quote', program: command };
  if (!words.length) return { ok: false, reason: 'the command line is empty', program: command };
  const program = words[0];
  // Without a shell, "%TOOLS%\x" is a relative path whose first folder is literally named "%TOOLS%".
  const unexpanded = /%\w+%/.exec(program)?.[0];
  if (unexpanded)
    return { ok: false, reason: `${program} is not a path without a shell (nothing expands ${unexpanded})`, program };
  const ext = extensionOf(program);
  // CreateProcess appends .exe to a name without an extension, and nothing else: PATHEXT is cmd.exe's.
  const name = ext ? program : `${program}.exe`;
  const runnable = (found: string): ProgramCheck =>
    CREATE_PROCESS_RUNS.has(ext.toLowerCase()) || !ext
      ? { ok: true, path: found }
      : {
          ok: false,
          reason: `${found} is not a program Windows starts without a shell ([WinError 193] %1 is not a valid Win32 application)`,
          program: found,
        };
  if (hasDir(program)) {
    if (!isAbsolute(program)) return { ok: true, path: program };
    return isFile(cache, name)
      ? runnable(name)
      : {
          ok: false,
          reason: `${name} was not found ([WinError 2] The system cannot find the file specified)`,
          program: name,
        };
  }
  const root = windowsEnv(env, 'SystemRoot');
  const dirs = [
    ...(root ? [join(root, 'System32'), join(root, 'System'), root] : []),
    ...(windowsEnv(env, 'PATH') ?? '').split(';').filter(Boolean),
  ];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isFile(cache, candidate)) return runnable(candidate);
  }
  const shellOnly = ext
    ? undefined
    : (windowsEnv(env, 'PATHEXT') ?? DEFAULT_PATHEXT)
        .split(';')
        .filter((e) => e && e.toLowerCase() !== '.exe')
        .flatMap((e) => dirs.map((d) => join(d, program + e.toLowerCase())))
        .find((c) => isFile(cache, c));
  return {
    ok: false,
    reason: shellOnly
      ? `only ${shellOnly} exists: without a shell Windows looks for ${name} and nothing else (PATHEXT is cmd.exe's)`
      : `${name} was not found on PATH ([WinError 2] The system cannot find the file specified)`,
    program: name,
  };
}
