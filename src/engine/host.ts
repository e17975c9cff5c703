/**
 * What the engine needs from the outside world, behind small interfaces so that tests, the
 * command line and the extension can each supply their own (fixture homes, the real disk,
 * an injected clock). The engine never reads the disk, the environment or the clock directly.
 */
import type { ToolVersions } from './toolVersions';

export interface FileStat {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  /** POSIX permission bits (e.g. 0o600). */
  readonly mode: number;
  /** Modification time, ms since the epoch. */
  readonly mtimeMs: number;
}

export type ReadResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly stat: FileStat }
  | { readonly ok: false; readonly code: 'ENOENT' | 'EACCES' | 'EISDIR' | 'EOTHER' };

export interface FileSystemHost {
  /** Reads a whole file. Never throws. */
  readFile(path: string): ReadResult;
  stat(path: string): FileStat | undefined;
  /** Names in a directory, or undefined when it cannot be listed. */
  readDir(path: string): readonly string[] | undefined;
}

/** The operating system the tools run on (`--platform`). */
export type Platform = 'linux' | 'darwin' | 'win32' | 'posix';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface EngineInput {
  readonly env: Environment;
  readonly fs: FileSystemHost;
  /** The current time, ms since the epoch (injected: tests never use the real clock). */
  readonly now: number;
  /** The user's home directory when HOME is not set (os.homedir() in production). */
  readonly fallbackHomeDir: string;
  /** A profile chosen explicitly (`--profile`), which every tool honours before the environment. */
  readonly explicitProfile?: string;
  /** How soon before expiry credentials count as "expiring" (default 15 minutes). */
  readonly expiryWarningMs?: number;
  /**
   * Whose rules: home directories, `%VAR%` in the file variables, and whether POSIX modes mean
   * anything (not on Windows). Default POSIX ('posix' is Linux's).
   */
  readonly platform?: Platform;
  /** The versions of the tools installed here (detected or pinned); absent: the newest behaviour. */
  readonly toolVersions?: ToolVersions;
}
