/**
 * Fixes write or chmod only a regular file, checked when they are applied: the path the diagnosis
 * saw may lead to /dev/null, a device or a FIFO by then, and `chmod 600` through a link to a device,
 * run as root, breaks the machine. For the extension's appliers (vscode-free, tested under Node).
 */
import * as fs from 'node:fs';

const TYPE_NAMES: readonly [(s: fs.Stats) => boolean, string][] = [
  [(s) => s.isDirectory(), 'a directory'],
  [(s) => s.isFIFO(), 'a named pipe (FIFO)'],
  [(s) => s.isCharacterDevice(), 'a character device'],
  [(s) => s.isBlockDevice(), 'a block device'],
  [(s) => s.isSocket(), 'a socket'],
];

function typeName(s: fs.Stats): string {
  return TYPE_NAMES.find(([is]) => is(s))?.[1] ?? 'not a regular file';
}

/**
 * Why `file` is not a regular file right now, or undefined when it is one (or is missing: the
 * callers say that). Checked when a fix is applied, never taken from the diagnosis: the path may
 * have become a link to /dev/null since, and `chmod 600` through it, run as root, breaks the machine.
 */
export function notARegularFile(file: string): string | undefined {
  let link: fs.Stats;
  try {
    link = fs.lstatSync(file);
  } catch {
    return undefined;
  }
  if (link.isFile()) return undefined;
  if (!link.isSymbolicLink()) return typeName(link);
  try {
    const target = fs.statSync(file);
    return target.isFile() ? undefined : `a symbolic link to ${typeName(target)} (${fs.realpathSync(file)})`;
  } catch (e) {
    return `a symbolic link that leads nowhere (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

/** Flags that open only what is there now, never block, never follow a link swapped in meanwhile. */
const SAFE_OPEN = (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

/**
 * Runs `use` on a descriptor of the regular file `file` leads to: its links resolved once, what they
 * lead to checked before it is opened (opening a device can do something by itself: rewind a tape,
 * arm a watchdog), then opened without following a link swapped in meanwhile and checked again
 * (the same file, still regular): the fix acts on what was checked. Throws NotAFileError otherwise.
 */
export function withRegularFile<T>(file: string, flags: number, use: (fd: number) => T): T {
  const real = fs.realpathSync(file);
  const what = (s: fs.Stats) => (real === file ? typeName(s) : `a symbolic link to ${typeName(s)} (${real})`);
  const before = fs.lstatSync(real);
  if (!before.isFile()) throw new NotAFileError(what(before));
  const fd = fs.openSync(real, flags | SAFE_OPEN);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new NotAFileError(what(st));
    if (st.ino !== before.ino || st.dev !== before.dev) throw new NotAFileError('replaced while the fix was applied');
    return use(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** What withRegularFile throws for anything but a regular file (the message says what it is). */
export class NotAFileError extends Error {}
