/** An in-memory FileSystemHost for unit tests: a fixture home that never touches the disk. */
import type { FileStat, FileSystemHost, ReadResult } from '../../src/engine/host';

export interface MemoryFile {
  readonly content: string | Uint8Array;
  readonly mode?: number;
}

export class MemoryHost implements FileSystemHost {
  private readonly files = new Map<string, MemoryFile>();

  constructor(files: Record<string, string | MemoryFile> = {}) {
    for (const [p, f] of Object.entries(files)) this.set(p, f);
  }

  set(path: string, file: string | MemoryFile): this {
    this.files.set(path, typeof file === 'string' ? { content: file } : file);
    return this;
  }

  readFile(path: string): ReadResult {
    const f = this.files.get(path);
    if (!f) return { ok: false, code: this.isDir(path) ? 'EISDIR' : 'ENOENT' };
    const bytes = typeof f.content === 'string' ? new TextEncoder().encode(f.content) : f.content;
    return { ok: true, bytes, stat: this.statOf(f) };
  }

  stat(path: string): FileStat | undefined {
    const f = this.files.get(path);
    if (f) return this.statOf(f);
    return this.isDir(path) ? { isFile: false, isDirectory: true, mode: 0o755, mtimeMs: 0 } : undefined;
  }

  readDir(path: string): readonly string[] | undefined {
    const prefix = path.endsWith('/') ? path : path + '/';
    const names = new Set<string>();
    for (const p of this.files.keys()) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
    return names.size ? [...names] : undefined;
  }

  private isDir(path: string): boolean {
    const prefix = path.endsWith('/') ? path : path + '/';
    for (const p of this.files.keys()) if (p.startsWith(prefix)) return true;
    return false;
  }

  private statOf(f: MemoryFile): FileStat {
    return { isFile: true, isDirectory: false, mode: f.mode ?? 0o600, mtimeMs: 0 };
  }
}
