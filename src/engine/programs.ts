/** Finding the program a `credential_process` names, as each tool would, without running it. */
import type { FileCache } from './awsFiles';
import type { Environment, Platform } from './host';
import { joinPath, pyExpandUser, pyExpandVars } from './paths';
import type { ProgramCheck } from './programCheck';
import { shlexSplit } from './text';
import { findCmdProgram, findCreateProcessProgram } from './windowsPrograms';

/**
 * Checks, without running it, that the program a `credential_process` names exists and is
 * executable. `shell` is true for the JavaScript SDK (it runs the line through /bin/sh, so `$VAR`
 * and `~` expand; on Windows through cmd.exe) and false for botocore (shlex split, no shell; on
 * Windows its own split and CreateProcess: windowsPrograms.ts).
 */
export function checkProgram(command: string, env: Environment, cache: FileCache, shell: boolean, home: string, platform?: Platform): ProgramCheck {
  if (platform === 'win32') {
    return cache.memo(`program\u0000win32\u0000${shell}\u0000${command}`, () => (shell ? findCmdProgram(command, env, cache) : findCreateProcessProgram(command, env, cache)));
  }
  return cache.memo(`program\u0000${shell}\u0000${home}\u0000${command}`, () => findProgram(command, env, cache, shell, home));
}

function findProgram(command: string, env: Environment, cache: FileCache, shell: boolean, home: string): ProgramCheck {
  const words = shlexSplit(command);
  if (!words || words.length === 0) return { ok: false, reason: 'the command line is empty or has an unclosed quote', program: command };
  let program = words[0];
  if (shell) {
    // `NAME=value helper`: /bin/sh sets the variable and runs the word after it.
    let first = 0;
    while (first < words.length - 1 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[first])) first++;
    program = words[first];
    if (/[`|&;<>()]|\$\(/.test(program)) return { ok: true, path: program };
    program = pyExpandUser(pyExpandVars(program, env), home);
  }
  // Without a shell, "$VAR/x" is a relative path whose first directory is literally named "$VAR".
  if (!shell && program.includes('$')) return { ok: false, reason: `${program} is not a path without a shell (nothing expands ${program.match(/\$\{?\w+\}?/)?.[0] ?? '$'})`, program };
  const candidates: string[] = [];
  if (program.includes('/')) candidates.push(program);
  else for (const dir of (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':')) if (dir) candidates.push(joinPath(dir, program));
  for (const candidate of candidates) {
    if (!candidate.startsWith('/')) return { ok: true, path: candidate };
    const st = cache.stat(candidate);
    if (st?.isFile && (st.mode & 0o111) !== 0) return { ok: true, path: candidate };
    if (st?.isFile) return { ok: false, reason: `${candidate} is not executable`, program: candidate, denied: true };
    // Only looked at, never opened: a directory or a FIFO named as the program cannot be run ("Permission denied").
    if (st && program.includes('/')) return { ok: false, reason: `${candidate} is ${st.isDirectory ? 'a directory' : 'not a regular file'}, not a program`, program: candidate, denied: true };
  }
  // `"/path/helper --arg"`: every tool takes the quoted line as one word, the program's name.
  const quotedWhole = words.length === 1 && /\s-/.test(words[0]) ? ' (the quotes make the whole line, arguments and all, the name of the program)' : '';
  return { ok: false, reason: `${program} was not found${program.includes('/') ? '' : ' on PATH'}${quotedWhole}`, program };
}
