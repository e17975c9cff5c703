/** Python's json.dumps(obj, sort_keys=True) with the given separators, for flat objects of strings and numbers. */
export function pyJsonDumps(obj: Readonly<Record<string, string | number>>, compact: boolean): string {
  const [item, kv] = compact ? [',', ':'] : [', ', ': '];
  const str = (s: string) =>
    '"' +
    s.replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, (c) => {
      if (c === '"') return '\\"';
      if (c === '\\') return '\\\\';
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      if (c === '\b') return '\\b';
      if (c === '\f') return '\\f';
      return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    }) +
    '"';
  const keys = Object.keys(obj).sort();
  return (
    '{' +
    keys.map((k) => str(k) + kv + (typeof obj[k] === 'number' ? String(obj[k]) : str(obj[k] as string))).join(item) +
    '}'
  );
}

/**
 * The JSON nesting depth at which Python's json module hits the recursion limit in each tool's call
 * path, measured with the real tools on Python 3.11: 980 for botocore 1.43 called from a script (a
 * program deeper in its own stack fails sooner), 958 for AWS CLI 2.9.19's `aws sts
 * get-caller-identity`. Python 3.12 allows about 1,500 levels, 3.13 about 10,000.
 */
export const PYTHON_JSON_DEPTH_LIMIT = { python: 980, cli: 958 } as const;

/**
 * The RecursionError Python's json module raises on `text`, or undefined: its C decoder enters one
 * level of recursion per array or object, and past the interpreter's recursion limit (1,000 frames
 * up to Python 3.11, less the frames of the program that called it) it stops with "maximum
 * recursion depth exceeded while decoding a JSON array from a unicode string". `limit` is the
 * nesting depth that fails in that program. Strings are skipped; one pass, no recursion here.
 */
export function pyJsonRecursionError(text: string | undefined, limit: number): string | undefined {
  if (text === undefined || text.length < limit * 2) return undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth >= limit)
        return `maximum recursion depth exceeded while decoding a JSON ${c === 0x5b ? 'array' : 'object'} from a unicode string`;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return undefined;
}
