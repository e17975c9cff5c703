/**
 * Reads the two AWS files once per diagnosis and parses each lazily in the dialect asked for.
 * The same path can be read by several tools (usually it is); it is read and parsed only once.
 */
import type { FileKind } from '../core/model';
import type { FileStat, FileSystemHost, FileType, ReadResult } from '../core/host';
import { MAX_FILE_BYTES } from '../core/host';
import type { JsIniFile } from './jsIni';
import { parseJsIni } from './jsIni';
import type { PyIniFile } from './pyIni';
import { parsePyIni } from './pyIni';
import { LineIndex } from '../core/text';
import type { LexLine, LexOther } from './lexical';
import { lex } from './lexical';
import type { Readings, SectionEntry } from './simpleIni';
import { readSimple } from './simpleIni';
import { firstUtf8Error, lineAndColumn, pythonDecodeMessage, utf16Bom } from '../core/utf8';

export class AwsFile {
  private jsParsed?: JsIniFile;
  private pyParsed?: PyIniFile;
  private lineIndex?: LineIndex;
  private lexed?: readonly LexLine[];
  private simpleTried = false;

  constructor(
    readonly kind: FileKind,
    readonly path: string,
    /** Whether a readable regular file is there. */
    readonly exists: boolean,
    /** Why it could not be read, when it exists but could not be (EACCES, EISDIR...). */
    readonly readError: string | undefined,
    readonly text: string,
    /** False when the bytes are not valid UTF-8 (botocore then fails with UnicodeDecodeError). */
    readonly validUtf8: boolean,
    readonly stat: FileStat | undefined,
    /** Where the bytes stop being UTF-8 (the first byte Python cannot decode), when they do. */
    readonly decodeError?: DecodeError,
  ) {}

  private split?: string[];

  /** The text's lines as editors and Python break them (\r\n, \r, \n), split once for every reader. */
  get lineTexts(): readonly string[] {
    return (this.split ??= this.text.split(/\r\n|\r|\n/));
  }

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** The JavaScript SDK's view (an unreadable or rejected file is empty to it). */
  get js(): JsIniFile {
    return (this.jsParsed ??= this.simple()?.js ?? parseJsIni(this.text, this.kind, () => this.lines, this.lineTexts));
  }

  /** The dialect-neutral reading of the lines, for rules about how the file is written (lexical.ts). */
  get lexical(): readonly LexLine[] {
    return (this.lexed ??= this.simple()?.lexical ?? lex(this.kind, this.lineTexts));
  }

  /**
   * Whether the one pass read the file (simpleIni.ts): then no section or key appears twice and
   * there is no [DEFAULT].
   */
  get plain(): boolean {
    this.simple();
    return this.readings !== undefined;
  }

  /** The lines that continue an entry (nested blocks, values going on), when the one pass read the file; otherwise undefined. */
  get continuations(): readonly LexOther[] | undefined {
    this.simple();
    return this.readings?.continuations;
  }

  /** The entries a rule about how an entry is written needs to look at (simpleIni.ts), when the one pass read the file; otherwise undefined. */
  get unusualEntries(): readonly SectionEntry[] | undefined {
    this.simple();
    return this.readings?.unusual;
  }

  private readings?: Readings;

  /** All three readings in one pass (simpleIni.ts), when botocore and the lexical reading see the same file; tried once. */
  private simple(): Readings | undefined {
    if (this.simpleTried) return undefined;
    this.simpleTried = true;
    const r = this.validUtf8 ? readSimple(this.text, this.kind) : undefined;
    if (r) {
      this.readings = r;
      this.jsParsed ??= r.js;
      this.pyParsed ??= r.py;
      this.lexed ??= r.lexical;
    }
    return r;
  }

  /** botocore's view, or the ConfigParseError it raises. */
  get py(): PyIniFile {
    if (!this.pyParsed) this.simple();
    if (!this.pyParsed) {
      this.pyParsed = this.validUtf8
        ? parsePyIni(this.text, this.kind, this.lineTexts)
        : {
            sections: new Map(),
            defaults: new Map(),
            headerLines: new Map(),
            error: {
              line: this.decodeError?.line ?? 1,
              kind: 'UnicodeDecodeError',
              message: this.decodeError?.python ?? "'utf-8' codec can't decode the file",
            },
          };
    }
    return this.pyParsed;
  }

  get hasBom(): boolean {
    return this.text.charCodeAt(0) === 0xfeff;
  }
}

/** The first byte of a file Python cannot decode: its place, its value, Python's words, and a UTF-16 byte order mark. */
export interface DecodeError {
  readonly line: number;
  readonly column: number;
  readonly byte: number;
  /** Python's UnicodeDecodeError as configparser raises it ("'utf-8' codec can't decode byte 0xe9 in position 34: …"). */
  readonly python: string;
  /** The file starts with a UTF-16 byte order mark: it is UTF-16, not a stray byte. */
  readonly utf16?: 'FF FE' | 'FE FF';
}

function decodeErrorOf(bytes: Uint8Array): DecodeError | undefined {
  const e = firstUtf8Error(bytes);
  if (!e) return undefined;
  return {
    ...lineAndColumn(bytes, e.offset),
    byte: bytes[e.offset],
    python: pythonDecodeMessage(e, bytes),
    utf16: utf16Bom(bytes),
  };
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** What the engine reads a path for: the finding about a path that cannot be read says what it was for. */
export type FilePurpose = 'config' | 'credentials' | 'sso-token' | 'cli-cache' | 'web-identity-token';

/** A path that is there but was not read: not a regular file, too large, or unreadable (permission, a loop of links, I/O). */
export interface UnreadFile {
  readonly path: string;
  readonly code: 'EISDIR' | 'ENOTREG' | 'EFBIG' | 'EACCES' | 'EOTHER';
  readonly type: FileType;
  /** Bytes, for EFBIG. */
  readonly size?: number;
  /** The system's code for EACCES and EOTHER (ELOOP, EIO, ENOTDIR…). */
  readonly errno?: string;
  readonly purposes: FilePurpose[];
}

function sameStat(a: FileStat | undefined, b: FileStat | undefined): boolean {
  return (
    a === b ||
    (!!a &&
      !!b &&
      a.isFile === b.isFile &&
      a.isDirectory === b.isDirectory &&
      a.mode === b.mode &&
      a.mtimeMs === b.mtimeMs &&
      a.type === b.type &&
      a.size === b.size)
  );
}

/**
 * The AWS files of earlier diagnoses, kept across them (the extension diagnoses again on every
 * change): a file whose text and status are unchanged is the same AwsFile, so that its parses in
 * both dialects and its lexical reading (memoised on it) are reused, and a change to one file
 * re-parses only that file. The files are still read every time: only the text decides.
 */
export class ParsedFiles {
  private readonly files = new Map<string, AwsFile>();
  /** Parses done (a file met for the first time or changed), for tests and benchmarks. */
  misses = 0;

  /** The kept AwsFile equal to `file`, or `file`, kept from now on. */
  reuse(file: AwsFile): AwsFile {
    const key = `${file.kind}\u0000${file.path}`;
    const kept = this.files.get(key);
    if (
      kept &&
      kept.exists === file.exists &&
      kept.readError === file.readError &&
      kept.validUtf8 === file.validUtf8 &&
      kept.text === file.text &&
      sameStat(kept.stat, file.stat)
    )
      return kept;
    this.files.set(key, file);
    this.misses++;
    return file;
  }
}

/** One diagnosis' view of the disk: each path read at most once. */
export class FileCache {
  private readonly files = new Map<string, AwsFile>();
  private readonly reads = new Map<string, ReadResult>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly unread = new Map<string, UnreadFile>();

  constructor(
    private readonly fs: FileSystemHost,
    private readonly parsed?: ParsedFiles,
  ) {}

  get host(): FileSystemHost {
    return this.fs;
  }

  private readonly memos = new Map<string, unknown>();

  /** A value computed once per diagnosis (the cache lives as long as one diagnosis). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  private readonly stats = new Map<string, FileStat | undefined>();

  /** A file's status, asked of the host once per diagnosis. */
  stat(path: string): FileStat | undefined {
    if (!this.stats.has(path)) this.stats.set(path, this.fs.stat(path));
    return this.stats.get(path);
  }

  file(kind: FileKind, path: string): AwsFile {
    const key = `${kind}\u0000${path}`;
    let file = this.files.get(key);
    if (!file) {
      file = this.load(kind, path);
      if (this.parsed) file = this.parsed.reuse(file);
      this.files.set(key, file);
    }
    return file;
  }

  /** A small text file (token cache, web identity token), decoded leniently; undefined when unreadable. */
  text(path: string, purpose?: FilePurpose): string | undefined {
    if (!this.texts.has(path)) {
      const r = this.read(path, purpose);
      this.texts.set(path, r.ok ? lenientDecoder.decode(r.bytes) : undefined);
    } else if (purpose) this.read(path, purpose);
    return this.texts.get(path);
  }

  /** Why a path could not be read (ENOENT, EACCES, EISDIR, ENOTREG, EFBIG...), or undefined when it was. */
  failure(path: string): Exclude<ReadResult, { ok: true }> | undefined {
    const r = this.read(path);
    return r.ok ? undefined : r;
  }

  /** Every path read for the diagnosis that is there but was not read, in the order met. */
  unreadFiles(): readonly UnreadFile[] {
    return [...this.unread.values()];
  }

  /** The host's answer for a path, once per diagnosis; a host that ignores the size cap is held to it here. */
  private read(path: string, purpose?: FilePurpose): ReadResult {
    let r = this.reads.get(path);
    if (!r) {
      r = path ? this.fs.readFile(path) : { ok: false, code: 'ENOENT' };
      if (r.ok && r.bytes.length > MAX_FILE_BYTES) r = { ok: false, code: 'EFBIG', type: 'file', size: r.bytes.length };
      this.reads.set(path, r);
    }
    if (!r.ok && r.code !== 'ENOENT') {
      let u = this.unread.get(path);
      if (!u)
        this.unread.set(
          path,
          (u = {
            path,
            code: r.code,
            type: r.type ?? (r.code === 'EISDIR' ? 'directory' : r.code === 'ENOTREG' ? 'other' : 'file'),
            size: r.size,
            errno: r.errno,
            purposes: [],
          }),
        );
      if (purpose && !u.purposes.includes(purpose)) u.purposes.push(purpose);
    }
    return r;
  }

  private load(kind: FileKind, path: string): AwsFile {
    const r = this.read(path, kind);
    if (!r.ok) {
      const stat = path && r.code !== 'ENOENT' ? this.stat(path) : undefined;
      return new AwsFile(kind, path, false, r.code === 'ENOENT' ? undefined : r.code, '', true, stat);
    }
    let text: string;
    try {
      text = strictDecoder.decode(r.bytes);
    } catch {
      text = lenientDecoder.decode(r.bytes);
      return new AwsFile(kind, path, true, undefined, text, false, r.stat, decodeErrorOf(r.bytes));
    }
    return new AwsFile(kind, path, true, undefined, text, true, r.stat);
  }
}
