/** An in-memory FileSystemHost for unit tests: a fixture home that never touches the disk. */
import type { FileStat, FileSystemHost, FileType, ReadResult } from '../../src/engine/core/host';
import { MAX_FILE_BYTES } from '../../src/engine/core/host';
import { nodeHash } from '../../src/nodeHost/hash';

export interface MemoryFile {
  readonly content: string | Uint8Array;
  readonly mode?: number;
  /** What is at the path (default: a regular file). A FIFO, a device or a socket is never "read", as on the real disk. */
  readonly type?: FileType;
  /** The system refuses to read it (EACCES, ELOOP, EIO…), as the real disk does for such a file. */
  readonly errno?: string;
}

const encoder = new TextEncoder();

export class MemoryHost implements FileSystemHost {
  private readonly files = new Map<string, MemoryFile>();
  private readonly encoded = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | MemoryFile> = {}) {
    for (const [p, f] of Object.entries(files)) this.set(p, f);
  }

  set(path: string, file: string | MemoryFile): this {
    this.files.set(path, typeof file === 'string' ? { content: file } : file);
    this.encoded.delete(path);
    return this;
  }

  readFile(path: string): ReadResult {
    const f = this.files.get(path);
    if (!f) return this.isDir(path) ? { ok: false, code: 'EISDIR', type: 'directory' } : { ok: false, code: 'ENOENT' };
    if (f.type === 'directory') return { ok: false, code: 'EISDIR', type: 'directory' };
    if (f.type && f.type !== 'file') return { ok: false, code: 'ENOTREG', type: f.type };
    if (f.errno) return { ok: false, code: f.errno === 'EACCES' ? 'EACCES' : 'EOTHER', errno: f.errno };
    const bytes = this.bytesOf(path, f);
    if (bytes.length > MAX_FILE_BYTES) return { ok: false, code: 'EFBIG', type: 'file', size: bytes.length };
    return { ok: true, bytes, stat: this.statOf(f, bytes.length) };
  }

  stat(path: string): FileStat | undefined {
    const f = this.files.get(path);
    if (f) return this.statOf(f, f.type && f.type !== 'file' ? 0 : this.bytesOf(path, f).length);
    return this.isDir(path)
      ? { isFile: false, isDirectory: true, mode: 0o755, mtimeMs: 0, type: 'directory' }
      : undefined;
  }

  readonly hash = nodeHash;

  readDir(path: string): readonly string[] | undefined {
    const prefix = path.endsWith('/') ? path : path + '/';
    const names = new Set<string>();
    for (const p of this.files.keys()) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
    return names.size ? [...names] : undefined;
  }

  private bytesOf(path: string, f: MemoryFile): Uint8Array {
    if (typeof f.content !== 'string') return f.content;
    let b = this.encoded.get(path);
    if (!b) this.encoded.set(path, (b = encoder.encode(f.content)));
    return b;
  }

  private isDir(path: string): boolean {
    const prefix = path.endsWith('/') ? path : path + '/';
    for (const p of this.files.keys()) if (p.startsWith(prefix)) return true;
    return false;
  }

  private statOf(f: MemoryFile, size: number): FileStat {
    const type = f.type ?? 'file';
    return {
      isFile: type === 'file',
      isDirectory: type === 'directory',
      mode: f.mode ?? 0o600,
      mtimeMs: 0,
      type,
      size,
    };
  }
}
