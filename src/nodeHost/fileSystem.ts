/** The real disk, for the command line and the extension (tests use fixture homes or in-memory hosts). */
import * as fs from 'node:fs';
import type { FileStat, FileSystemHost, FileType, ReadResult } from '../engine/core/host';
import { MAX_FILE_BYTES } from '../engine/core/host';
import { nodeHash } from './hash';

function typeOf(s: fs.Stats): FileType {
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'fifo';
  if (s.isCharacterDevice()) return 'character-device';
  if (s.isBlockDevice()) return 'block-device';
  if (s.isSocket()) return 'socket';
  return 'other';
}

function toStat(s: fs.Stats): FileStat {
  return {
    isFile: s.isFile(),
    isDirectory: s.isDirectory(),
    mode: s.mode & 0o7777,
    mtimeMs: s.mtimeMs,
    type: typeOf(s),
    size: s.size,
  };
}

/**
 * A failed stat, open or read as the engine sees it: missing (ENOENT), a directory (EISDIR), or
 * there but unreadable (permission denied, a loop of links, an I/O error, a path through a file),
 * with the system's code, which the report quotes: never "missing" for what is there.
 */
function failure(e: unknown): ReadResult {
  const errno = (e as NodeJS.ErrnoException).code ?? 'EIO';
  if (errno === 'ENOENT') return { ok: false, code: 'ENOENT' };
  if (errno === 'EISDIR') return { ok: false, code: 'EISDIR', type: 'directory' };
  return { ok: false, code: errno === 'EACCES' || errno === 'EPERM' ? 'EACCES' : 'EOTHER', errno };
}

let nullDevice: { dev: number; rdev: number } | null | undefined;
/** Whether a character device is the null device (reads as empty; `AWS_CONFIG_FILE=/dev/null` is an idiom). */
function isNullDevice(s: fs.Stats): boolean {
  if (nullDevice === undefined) {
    try {
      const n = fs.statSync('/dev/null');
      nullDevice = { dev: n.dev, rdev: n.rdev };
    } catch {
      nullDevice = null;
    }
  }
  return !!nullDevice && s.rdev === nullDevice.rdev && s.dev === nullDevice.dev;
}

// Opening never blocks (a FIFO swapped in after the stat opens at once with O_NONBLOCK, then fails
// the fstat check); O_NONBLOCK is a no-op for regular files. Windows has neither flag nor FIFOs.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/**
 * A regular file's text (UTF-8), or undefined: what is not a regular file (a FIFO would block the
 * extension host forever), is larger than `maxBytes` or cannot be read. For the files the shells
 * read beside the engine: settings, `.env` files, scripts a terminal sources.
 */
export function readTextFile(path: string, maxBytes = MAX_FILE_BYTES): string | undefined {
  const st = nodeFileSystem.stat(path);
  if (!st || st.type !== 'file' || (st.size ?? 0) > maxBytes) return undefined;
  const r = nodeFileSystem.readFile(path);
  return r.ok && r.bytes.length <= maxBytes
    ? Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.length).toString('utf8')
    : undefined;
}

export const nodeFileSystem: FileSystemHost = {
  readFile(path: string): ReadResult {
    let st: fs.Stats;
    try {
      // stat first: a FIFO, a device or a socket is never opened for reading.
      st = fs.statSync(path);
    } catch (e) {
      return failure(e);
    }
    if (st.isDirectory()) return { ok: false, code: 'EISDIR', type: 'directory' };
    if (!st.isFile()) {
      if (st.isCharacterDevice() && isNullDevice(st)) return { ok: true, bytes: new Uint8Array(0), stat: toStat(st) };
      return { ok: false, code: 'ENOTREG', type: typeOf(st) };
    }
    if (st.size > MAX_FILE_BYTES) return { ok: false, code: 'EFBIG', type: 'file', size: st.size };
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, OPEN_FLAGS);
      const fst = fs.fstatSync(fd);
      if (!fst.isFile()) return { ok: false, code: fst.isDirectory() ? 'EISDIR' : 'ENOTREG', type: typeOf(fst) };
      if (fst.size > MAX_FILE_BYTES) return { ok: false, code: 'EFBIG', type: 'file', size: fst.size };
      // One byte more than its size: a file that grows past the cap while it is read is still caught.
      const bytes = Buffer.allocUnsafe(fst.size + 1);
      let read = 0;
      while (read < bytes.length) {
        const n = fs.readSync(fd, bytes, read, bytes.length - read, read);
        if (n === 0) break;
        read += n;
      }
      if (read > MAX_FILE_BYTES) return { ok: false, code: 'EFBIG', type: 'file', size: read };
      return { ok: true, bytes: bytes.subarray(0, read), stat: toStat(fst) };
    } catch (e) {
      return failure(e);
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
  hash: nodeHash,
};
