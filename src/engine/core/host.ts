/**
 * What the engine needs from the outside world, behind small interfaces so that tests, the
 * command line and the extension can each supply their own (fixture homes, the real disk,
 * an injected clock). The engine never reads the disk, the environment or the clock directly.
 */
import type { ToolVersions } from './toolVersions';

/** What is at a path. Only a regular file is ever read; anything else becomes a finding. */
export type FileType = 'file' | 'directory' | 'fifo' | 'character-device' | 'block-device' | 'socket' | 'other';

/** Whether a status is a regular file's: the only kind a fix may write or chmod (never /dev/null, a device, a FIFO). */
export function isRegularFile(s: FileStat | undefined): boolean {
  return !!s && (s.type !== undefined ? s.type === 'file' : s.isFile);
}

export interface FileStat {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  /** POSIX permission bits (e.g. 0o600). */
  readonly mode: number;
  /** Modification time, ms since the epoch. */
  readonly mtimeMs: number;
  /** What kind of file it is (hosts that know no more leave it out: then isFile/isDirectory tell). */
  readonly type?: FileType;
  /** Size in bytes, when known. */
  readonly size?: number;
}

/**
 * The most the engine reads of one file. AWS files are a few kilobytes; a larger one is not read at
 * all (FILE_TOO_LARGE says so, and the prediction treats it as unread), so that no input can make
 * a diagnosis take the memory or the time of a 2 GB file.
 */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export type ReadFailureCode =
  | 'ENOENT'
  | 'EACCES'
  | 'EISDIR'
  /** Not a regular file (FIFO, device, socket): never opened for reading, so nothing can block. */
  | 'ENOTREG'
  /** Larger than MAX_FILE_BYTES: not read. */
  | 'EFBIG'
  /** Something is there but cannot be read: a loop of symbolic links, an I/O error, a path through a file (errno says which). */
  | 'EOTHER';

export type ReadResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly stat: FileStat }
  | {
      readonly ok: false;
      readonly code: ReadFailureCode;
      readonly type?: FileType;
      readonly size?: number;
      /** The system's own code when it says more than `code` (ELOOP, EIO, ENOTDIR, EPERM, ENAMETOOLONG…). */
      readonly errno?: string;
    };

export interface FileSystemHost {
  /**
   * Reads a whole regular file of at most MAX_FILE_BYTES. Never throws and never blocks: what is
   * not a regular file is not read (ENOTREG, EISDIR), nor is a larger file (EFBIG). The one
   * exception is the null device, which reads as empty (`AWS_CONFIG_FILE=/dev/null` is an idiom).
   */
  readFile(path: string): ReadResult;
  stat(path: string): FileStat | undefined;
  /** Names in a directory, or undefined when it cannot be listed. */
  readDir(path: string): readonly string[] | undefined;
  /**
   * The lowercase hex digest of a string's UTF-8 bytes: the SSO and CLI caches name their files by
   * SHA-1, the `aws login` cache by SHA-256. The host's own (src/nodeHost/hash.ts), so that the
   * engine imports no Node module.
   */
  hash(algorithm: HashAlgorithm, text: string): string;
}

export type HashAlgorithm = 'sha1' | 'sha256';

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
  /**
   * The working directory of the programs whose credentials are predicted (the command line's own;
   * the workspace folder or a terminal's directory in the extension): the tools look for a relative
   * `credential_process` there. Absent: unknown, and such a path is said to depend on it.
   */
  readonly cwd?: string;
}
