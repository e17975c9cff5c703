/** What the real tools do when they read a path the engine does not read (not a regular file, or missing). */
import type { FileCache } from './awsFiles';

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
      return node ? `ENOENT: no such file or directory, open '${path}'` : `[Errno 2] No such file or directory: '${path}'`;
    case 'EACCES':
      return node ? `EACCES: permission denied, open '${path}'` : `[Errno 13] Permission denied: '${path}'`;
    case 'EISDIR':
      return node ? 'EISDIR: illegal operation on a directory, read' : `[Errno 21] Is a directory: '${path}'`;
    case 'ENOTREG':
      if (f.type === 'fifo') return `hangs: ${path} is a named pipe (FIFO), and reading it waits for a writer`;
      if (f.type === 'socket') return node ? `ENXIO: no such device or address, open '${path}'` : `[Errno 6] No such device or address: '${path}'`;
      return `never finishes reading ${path}: it is a device, not a file`;
    default:
      return node ? `cannot read '${path}'` : `[Errno 5] Input/output error: '${path}'`;
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
  if (f.type === 'character-device' || f.type === 'block-device') return `never finishes reading ${path}: it is a device, not a file`;
  return undefined;
}
