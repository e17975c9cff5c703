/** Python's json.dumps(obj, sort_keys=True) with the given separators, for flat objects of strings and numbers. */
export function pyJsonDumps(obj: Readonly<Record<string, string | number>>, compact: boolean): string {
  const [item, kv] = compact ? [',', ':'] : [', ', ': '];
  const str = (s: string) =>
    '"' + s.replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, (c) => {
      if (c === '"') return '\\"';
      if (c === '\\') return '\\\\';
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      if (c === '\b') return '\\b';
      if (c === '\f') return '\\f';
      return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    }) + '"';
  const keys = Object.keys(obj).sort();
  return '{' + keys.map((k) => str(k) + kv + (typeof obj[k] === 'number' ? String(obj[k]) : str(obj[k] as string))).join(item) + '}';
}
