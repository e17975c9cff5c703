/**
 * Where a file stops being UTF-8, as Python finds it: botocore reads the config and credentials
 * files with configparser, in text mode, and the first byte Python cannot decode ends the parse
 * (ConfigParseError "Unable to parse config file"). The JavaScript SDK decodes leniently (U+FFFD).
 */

export interface Utf8Error {
  /** Byte offset of the sequence that fails (its lead byte). */
  readonly offset: number;
  /** How many bytes Python names: the lead and the valid continuation bytes before the failure. */
  readonly length: number;
  readonly reason: 'invalid start byte' | 'invalid continuation byte' | 'unexpected end of data';
  /** The byte offset at which the decoder finds out (the byte that breaks the sequence, or the end). */
  readonly proof: number;
}

/** The range the second byte of a sequence must be in, by lead byte (CPython's UTF-8 decoder, as RFC 3629). */
function secondRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** The first place `bytes` is not UTF-8, classified as CPython's decoder does; undefined when it all is. */
export function firstUtf8Error(bytes: Uint8Array): Utf8Error | undefined {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const size = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 0) return { offset: i, length: 1, reason: 'invalid start byte', proof: i };
    for (let j = 1; j < size; j++) {
      if (i + j >= n) return { offset: i, length: n - i, reason: 'unexpected end of data', proof: n };
      const [lo, hi] = j === 1 ? secondRange(b) : [0x80, 0xbf];
      const c = bytes[i + j];
      if (c < lo || c > hi) return { offset: i, length: j, reason: 'invalid continuation byte', proof: i + j };
    }
    i += size;
  }
  return undefined;
}

/** Python's text files decode in chunks of this many bytes (TextIOWrapper._CHUNK_SIZE). */
const PYTHON_CHUNK = 8192;

/**
 * Python's own message for the error, as configparser meets it reading the file: the position is
 * counted in the chunk being decoded (with the incomplete sequence carried over from the chunk before),
 * and a sequence cut by the end of the file is met by the final, empty read.
 */
export function pythonDecodeMessage(e: Utf8Error, bytes: Uint8Array): string {
  const chunkStart =
    e.reason === 'unexpected end of data' ? Math.max(e.offset, 0) : Math.floor(e.proof / PYTHON_CHUNK) * PYTHON_CHUNK;
  const position = Math.max(0, e.offset - chunkStart);
  const where =
    e.length === 1
      ? `byte 0x${bytes[e.offset].toString(16).padStart(2, '0')} in position ${position}`
      : `bytes in position ${position}-${position + e.length - 1}`;
  return `'utf-8' codec can't decode ${where}: ${e.reason}`;
}

/** The 1-based line and column of a byte offset, lines broken at \n, \r\n and \r (Python's universal newlines, the editors'). */
export function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  // The column in characters, as an editor shows the line: what comes before, decoded.
  const before = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes.subarray(lineStart, offset));
  return { line, column: before.length + 1 };
}

/** A UTF-16 byte order mark at the start: FF FE (little endian, what Windows writes) or FE FF. */
export function utf16Bom(bytes: Uint8Array): 'FF FE' | 'FE FF' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'FF FE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'FE FF';
  return undefined;
}
