/** Finding the program a `credential_process` names, as each tool would, without running it. */
import type { FileCache } from '../files/awsFiles';
import type { EngineInput } from '../core/host';
import { joinPath, pyExpandUser, pyExpandVars } from '../files/paths';
import type { ProgramCheck } from './programCheck';
import { shlexSplit } from '../core/text';
import { findCmdProgram, findCreateProcessProgram } from './windowsPrograms';

/**
 * Checks, without running it, that the program a `credential_process` names exists and is
 * executable. `shell` is true for the JavaScript SDK (it runs the line through /bin/sh, so `$VAR`
 * and `~` expand; on Windows through cmd.exe) and false for botocore (shlex split, no shell; on
 * Windows its own split and CreateProcess: windowsPrograms.ts). A relative path is looked for in
 * `input.cwd`, the directory the program runs in, as every tool does (`relative` says so).
 */
export function checkProgram(
  command: string,
  input: Pick<EngineInput, 'env' | 'platform' | 'cwd'>,
  cache: FileCache,
  shell: boolean,
  home: string,
): ProgramCheck {
  const { env } = input;
  if (input.platform === 'win32') {
    return cache.memo(`program\u0000win32\u0000${shell}\u0000${command}`, () =>
      shell ? findCmdProgram(command, env, cache) : findCreateProcessProgram(command, env, cache),
    );
  }
  return cache.memo(`program\u0000${shell}\u0000${home}\u0000${input.cwd}\u0000${command}`, () =>
    findProgram(command, input, cache, shell, home),
  );
}

function findProgram(
  command: string,
  { env, cwd }: Pick<EngineInput, 'env' | 'cwd'>,
  cache: FileCache,
  shell: boolean,
  home: string,
): ProgramCheck {
  const words = shlexSplit(command);
  // botocore fails before any program is looked for: shlex's ValueError, or Popen([]) indexing an empty list.
  if (!words)
    return {
      ok: false,
      reason: 'the command line has an unclosed quote',
      program: command,
      pythonError: 'No closing quotation',
    };
  if (words.length === 0)
    return { ok: false, reason: 'the command line is empty', program: command, pythonError: 'list index out of range' };
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
  if (!shell && program.includes('$'))
    return {
      ok: false,
      reason: `${program} is not a path without a shell (nothing expands ${program.match(/\$\{?\w+\}?/)?.[0] ?? '$'})`,
      program,
    };
  const candidates: string[] = [];
  if (program.includes('/')) candidates.push(program);
  else
    for (const dir of (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':'))
      if (dir) candidates.push(joinPath(dir, program));
  // A relative path is looked for in the directory the program runs in: unknown, it can be anything.
  const relative = program.includes('/') && !program.startsWith('/');
  if (relative && cwd === undefined) return { ok: true, path: program, relative };
  const flag = relative ? { relative } : {};
  let unknownDirectory = false;
  for (const named of candidates) {
    // So is a relative PATH entry ("bin", "."): in an unknown directory, it may or may not hold the program.
    if (!named.startsWith('/') && cwd === undefined) {
      unknownDirectory = true;
      continue;
    }
    const candidate = named.startsWith('/') ? named : joinPath(cwd!, named);
    const st = cache.stat(candidate);
    // The tools' errors name the path as they tried it: relative stays relative.
    const tried = relative ? program : candidate;
    if (st?.isFile && (st.mode & 0o111) !== 0) return { ok: true, path: candidate, ...flag };
    if (st?.isFile)
      return { ok: false, reason: `${candidate} is not executable`, program: tried, denied: true, ...flag };
    // Only looked at, never opened: a directory or a FIFO named as the program cannot be run ("Permission denied").
    if (st && program.includes('/'))
      return {
        ok: false,
        reason: `${candidate} is ${st.isDirectory ? 'a directory' : 'not a regular file'}, not a program`,
        program: tried,
        denied: true,
        ...flag,
      };
  }
  if (unknownDirectory) return { ok: true, path: program };
  if (relative) return { ok: false, reason: `${program} was not found in ${cwd}`, program, relative };
  // `"/path/helper --arg"`: every tool takes the quoted line as one word, the program's name.
  const quotedWhole =
    words.length === 1 && /\s-/.test(words[0])
      ? ' (the quotes make the whole line, arguments and all, the name of the program)'
      : '';
  return {
    ok: false,
    reason: `${program} was not found${program.includes('/') ? '' : ' on PATH'}${quotedWhole}`,
    program,
  };
}
