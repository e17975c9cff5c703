/** What the real tools do when they read a path the engine does not read (not a regular file, unreadable, or missing). */
import type { FileCache } from '../files/awsFiles';
import type { ReadResult } from '../core/host';
import { MAX_FILE_BYTES } from '../core/host';
import { unreachable } from '../core/unreachable';

/**
 * What the system says for a file that is there but cannot be read, as Node.js (`code: message`,
 * libuv's words) and Python (`[Errno N] strerror`, Linux's numbers) print it. An I/O error happens
 * on read, after the open: neither names the file then. Checked with the real tools on a symlink
 * loop, /proc/self/mem (EIO), a path through a file (ENOTDIR) and a mode-000 file read as nobody.
 */
const SYSTEM_ERRORS: Readonly<Record<string, { node: string; errno: number; python: string; what: string }>> = {
  EACCES: { node: 'permission denied', errno: 13, python: 'Permission denied', what: 'permission denied' },
  EPERM: {
    node: 'operation not permitted',
    errno: 1,
    python: 'Operation not permitted',
    what: 'operation not permitted',
  },
  ELOOP: {
    node: 'too many symbolic links encountered',
    errno: 40,
    python: 'Too many levels of symbolic links',
    what: 'a loop of symbolic links',
  },
  ENOTDIR: {
    node: 'not a directory',
    errno: 20,
    python: 'Not a directory',
    what: 'a part of the path is a file, not a directory',
  },
  ENAMETOOLONG: { node: 'name too long', errno: 36, python: 'File name too long', what: 'the path is too long' },
  EIO: { node: 'i/o error', errno: 5, python: 'Input/output error', what: 'an input/output error' },
};

type Failure = Exclude<ReadResult, { ok: true }>;

/** The system's code of a failure that is no ENOENT/EISDIR/ENOTREG/EFBIG: EACCES, ELOOP, EIO… */
function errnoOf(f: Pick<Failure, 'code' | 'errno'>): string {
  return f.errno ?? (f.code === 'EACCES' ? 'EACCES' : 'EIO');
}

/** Why a path that is there was not read, in a few words: "permission denied (EACCES)", "a named pipe (FIFO)", "larger than 32 MB". */
export function unreadReason(f: Pick<Failure, 'code' | 'errno' | 'type' | 'size'>): string {
  switch (f.code) {
    case 'ENOENT':
      return 'missing';
    case 'EISDIR':
      return 'a directory, not a file';
    case 'ENOTREG':
      return `${f.type === 'fifo' ? 'a named pipe (FIFO)' : f.type === 'socket' ? 'a socket' : f.type === 'character-device' || f.type === 'block-device' ? 'a device' : 'not a regular file'}, not read`;
    case 'EFBIG':
      return `larger than ${MAX_FILE_BYTES / (1024 * 1024)} MB, not read`;
    case 'EACCES':
    case 'EOTHER': {
      const errno = errnoOf(f);
      return `cannot be read: ${SYSTEM_ERRORS[errno]?.what ?? 'the system refused'} (${errno})`;
    }
    default:
      return unreachable(f.code, 'read failure');
  }
}

/** How a tool words the failure to open and read a file that is there but cannot be read (EACCES, EOTHER). */
export function readErrorText(f: Pick<Failure, 'code' | 'errno'>, path: string, tool: 'node' | 'botocore'): string {
  const errno = errnoOf(f);
  const e = SYSTEM_ERRORS[errno];
  if (tool === 'node')
    return errno === 'EIO' ? 'EIO: i/o error, read' : `${errno}: ${e?.node ?? 'cannot open'}, open '${path}'`;
  if (!e) return `[Errno ?] ${errno}: '${path}'`;
  return errno === 'EIO' ? `[Errno ${e.errno}] ${e.python}` : `[Errno ${e.errno}] ${e.python}: '${path}'`;
}

/**
 * The error a tool raises reading the web identity token file, or undefined when it reads it. The
 * engine itself never opens what is not a regular file; the tools do (and hang on a FIFO). A file
 * over the engine's size cap is readable to the tools: not an error here (FILE_TOO_LARGE says it).
 */
export function tokenFileFailure(cache: FileCache, path: string, tool: 'node' | 'botocore'): string | undefined {
  if (cache.text(path, 'web-identity-token') !== undefined) return undefined;
  const f = cache.failure(path);
  if (!f || f.code === 'EFBIG') return undefined;
  const node = tool === 'node';
  switch (f.code) {
    case 'ENOENT':
      return node
        ? `ENOENT: no such file or directory, open '${path}'`
        : `[Errno 2] No such file or directory: '${path}'`;
    case 'EISDIR':
      return node ? 'EISDIR: illegal operation on a directory, read' : `[Errno 21] Is a directory: '${path}'`;
    case 'ENOTREG':
      if (f.type === 'fifo') return `hangs: ${path} is a named pipe (FIFO), and reading it waits for a writer`;
      if (f.type === 'socket')
        return node
          ? `ENXIO: no such device or address, open '${path}'`
          : `[Errno 6] No such device or address: '${path}'`;
      return `never finishes reading ${path}: it is a device, not a file`;
    case 'EACCES':
    case 'EOTHER':
      return readErrorText(f, path, tool);
    default:
      return unreachable(f.code, 'read failure');
  }
}

/**
 * The JavaScript SDK reads the config and credentials files with fs.readFile, whatever they are:
 * a FIFO blocks until a writer comes, a device such as /dev/zero never ends. botocore checks
 * os.path.isfile first and treats both as missing. Returns how the SDK hangs, or undefined.
 */
export function jsSharedFileHang(cache: FileCache, path: string): string | undefined {
  const f = cache.failure(path);
  if (f?.code !== 'ENOTREG') return undefined;
  if (f.type === 'fifo') return `hangs: ${path} is a named pipe (FIFO), and reading it waits for a writer`;
  if (f.type === 'character-device' || f.type === 'block-device')
    return `never finishes reading ${path}: it is a device, not a file`;
  return undefined;
}
