/** The real disk, for the command line and the extension (tests use fixture homes or in-memory hosts). */
import * as fs from 'node:fs';
import type { FileStat, FileSystemHost, ReadResult } from '../engine/host';

function toStat(s: fs.Stats): FileStat {
  return { isFile: s.isFile(), isDirectory: s.isDirectory(), mode: s.mode & 0o7777, mtimeMs: s.mtimeMs };
}

/** Reads files no larger than this; a larger "AWS file" is read up to the limit (it is then certainly broken anyway). */
const MAX_BYTES = 64 * 1024 * 1024;

export const nodeFileSystem: FileSystemHost = {
  readFile(path: string): ReadResult {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, 'r');
      const st = fs.fstatSync(fd);
      if (st.isDirectory()) return { ok: false, code: 'EISDIR' };
      if (!st.isFile()) return { ok: false, code: 'EOTHER' };
      const size = Math.min(st.size, MAX_BYTES);
      const bytes = Buffer.allocUnsafe(size);
      let read = 0;
      while (read < size) {
        const n = fs.readSync(fd, bytes, read, size - read, read);
        if (n === 0) break;
        read += n;
      }
      return { ok: true, bytes: bytes.subarray(0, read), stat: toStat(st) };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { ok: false, code: code === 'ENOENT' || code === 'ENOTDIR' ? 'ENOENT' : code === 'EACCES' || code === 'EPERM' ? 'EACCES' : code === 'EISDIR' ? 'EISDIR' : 'EOTHER' };
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  },
  stat(path: string): FileStat | undefined {
    try {
      return toStat(fs.statSync(path));
    } catch {
      return undefined;
    }
  },
  readDir(path: string): readonly string[] | undefined {
    try {
      return fs.readdirSync(path);
    } catch {
      return undefined;
    }
  },
};
