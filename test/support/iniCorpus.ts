/** Seeded random INI-like files: every construct the two dialects read differently, mixed at random. */

/** Mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['default', 'dev', 'prod', 'acme.dev', 'a-b', 'x_y', 'DEFAULT', 'Dev', 'sso', 'p1'];
const KEYS = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'region',
  'output',
  'role_arn',
  'source_profile',
  'AWS_ACCESS_KEY_ID',
  'Region',
  's3',
  'sso_session',
  'credential_process',
];
const VALUES = [
  'us-east-1',
  'AKIAIOSFODNN7EXAMPLE',
  'json',
  'a=b',
  'x # y',
  'x ; y',
  'x#y',
  '"quoted"',
  "'single'",
  'arn:aws:iam::123456789012:role/R',
  'value with  spaces',
  '',
  '  ',
  'ü-é',
  'tab\there',
];
const WS = [' ', '  ', '\t', '', '\u00a0', '\u3000', '\u000b'];

export function randomIni(rand: () => number, lines = 1 + Math.floor(rand() * 25)): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const r = rand();
    const ws = pick(WS);
    if (r < 0.18) {
      const name = pick(NAMES);
      out.push(
        pick([
          `[${name}]`,
          `[profile ${name}]`,
          `[profile  ${name}]`,
          `[profile\t${name}]`,
          `[ profile ${name} ]`,
          `[profile "${name}"]`,
          `[profile.${name}]`,
          `[sso-session ${name}]`,
          `[services ${name}]`,
          `[${name}] # c`,
          `[${name}] trailing`,
          `${ws}[${name}]`,
          `[profile ${name}]]`,
          '[]',
        ]),
      );
    } else if (r < 0.6) {
      const key = pick(KEYS);
      const val = pick(VALUES);
      out.push(
        `${pick(['', '', '', ws])}${key}${pick(['=', ' = ', ': ', ' =', '= ', ':'])}${val}${pick(['', '', ' # comment', ' ;c', '#x'])}`,
      );
    } else if (r < 0.7) {
      out.push(`${pick([' ', '  ', '\t'])}${pick(KEYS)} = ${pick(VALUES)}`);
    } else if (r < 0.78) {
      out.push(pick(['# comment', '; comment', '   # indented comment', '#', ';']));
    } else if (r < 0.86) {
      out.push(pick(['', '', ' ', '\t']));
    } else if (r < 0.92) {
      out.push(`${pick([' ', '  '])}${pick(VALUES)}`);
    } else if (r < 0.96) {
      out.push(
        pick([
          'no delimiter here',
          '=value without key',
          'key',
          ':',
          '= ',
          '__proto__ = x',
          '[profile __proto__]',
          '[__proto__]',
        ]),
      );
    } else {
      out.push(pick(['\u0000', 'x'.repeat(200), '\ufeff[dev]', 'k = \ud800', '\u2028']));
    }
  }
  const eol = pick(['\n', '\n', '\r\n', '\r']);
  let text = out.join(eol);
  if (rand() < 0.1) text = '\ufeff' + text;
  if (rand() < 0.5) text += eol;
  return text;
}

const SECTION_NAMES = ['dev', 'prod', 'acme.dev', 'a-b', 'x_y', 'Dev', 'sso', 'p1', 'ü', 'x:y/z%'];
const REAL_KEYS = [
  'region',
  'output',
  'role_arn',
  'source_profile',
  'aws_access_key_id',
  'aws_secret_access_key',
  'sso_session',
  'credential_process',
  'cli_pager',
  's3',
  'x-y',
  'a.b',
  'key with space',
  'ü',
  'Region',
  'AWS_ACCESS_KEY_ID',
  'Output',
  'S3',
];
const REAL_VALUES = [
  'us-east-1',
  'json',
  'arn:aws:iam::123456789012:role/R',
  'AKIAIOSFODNN7EXAMPLE',
  'a=b',
  'x#y',
  'x;y',
  '"quoted"',
  'value with  spaces',
  'https://x.example/start#frag',
  'ü-é',
];
const INLINE_COMMENTS = [' # comment', '  ; comment', '\t# c', ' #', ' ;x = y', ' # a ] b'];
const NESTED_KEYS = [
  'max_concurrent_requests',
  'addressing_style',
  'multipart_chunksize',
  'use_accelerate_endpoint',
  'Max_Bandwidth',
  'a.b',
];

/**
 * Seeded files as people write them, with every construct the one pass (simpleIni.ts) reads in one
 * go: headers (a comment after them), entries at the start of the line or in an indented section,
 * keys with capitals, inline comments (`#`, `;`, with or without a space before them), empty
 * values, nested blocks (blank lines, comments, inline comments, `key =` inside them); now and then
 * a line that sends its section to the three parsers (a value going on onto an indented line, a
 * `:`, an indented header, text after a header, a comment before the `=`, an indented entry under
 * an open block), and rarer still one that fails botocore or repeats a section or key.
 */
export function realisticIni(rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const out: string[] = [];
  if (chance(0.2)) out.push(pick(['# AWS config', '; managed by hand', '']));
  if (chance(0.01)) out.push(pick(['region = us-east-1', 'junk']));
  const sections = 1 + Math.floor(rand() * 10);
  const used = new Set<string>();
  for (let s = 0; s < sections; s++) {
    const name = `${pick(SECTION_NAMES)}${s}`;
    let header = chance(0.01)
      ? '[DEFAULT]'
      : pick([
          `[profile ${name}]`,
          `[profile ${name}]`,
          `[profile ${name}]`,
          '[default]',
          `[sso-session ${name}]`,
          `[services ${name}]`,
          `[${name}]`,
          `[foo bar${s}]`,
          `[profile "q"]`,
          "[profile 'q']",
          `[profile ${name}] # team ${s}`,
          `[profile ${name}]\t; c`,
        ]);
    if (used.has(header) && !chance(0.02)) continue;
    used.add(header);
    if (chance(0.02)) header = pick([`[${name}] junk`, `  [${name}]`, `[${name}]#c`, `[${name}`, `[${name}] # ]`]);
    out.push(header);
    const indent = chance(0.1) ? pick(['  ', '\t', '    ']) : '';
    const keys = new Set<string>();
    const entries = Math.floor(rand() * 7);
    for (let e = 0; e < entries; e++) {
      let key = pick(REAL_KEYS);
      if (keys.has(key.toLowerCase()) && !chance(0.02)) key = `${key}${e}`;
      keys.add(key.toLowerCase());
      const nested = chance(0.2);
      const value = nested ? '' : chance(0.08) ? '' : pick(REAL_VALUES);
      const comment = !nested && chance(0.15) ? pick(INLINE_COMMENTS) : '';
      out.push(
        `${indent}${key}${pick([' = ', ' = ', '=', ' =', '= ', '\t=\t'])}${value}${comment}`.replace(
          / +$/,
          chance(0.1) ? ' ' : '',
        ),
      );
      if (nested) {
        const inner = `${indent}${pick(['  ', '    ', '\t'])}`;
        const lines = 1 + Math.floor(rand() * 4);
        for (let n = 0; n < lines; n++) {
          const r = rand();
          if (r < 0.08) out.push('');
          else if (r < 0.14) out.push(pick([`${inner}# c`, '# at the start of the line', `${inner}; c`]));
          else if (r < 0.18) out.push(`${inner}${pick(NESTED_KEYS)} =`);
          else if (r < 0.2)
            out.push(
              pick([
                `${inner}[x]`,
                `${inner}= v`,
                `${inner}no delimiter`,
                `${inner}k # c = v`,
                `${inner}k = \u2028v`,
                indent === '' ? `  ${pick(NESTED_KEYS)} = 1` : `${indent}k = 1`,
              ]),
            );
          else
            out.push(
              `${inner}${pick(NESTED_KEYS)}${pick([' = ', '='])}${pick(['20', 'path', '16MB', 'true', 'a=b', 'x # y'])}`,
            );
        }
      } else if (chance(0.02)) out.push(pick([`${indent}  continued`, `${indent}  k = v`]));
      if (chance(0.02))
        out.push(
          pick([`${indent}k: v`, `${indent}k:x = v`, `${indent}k # c = v`, `${indent}= v`, `${indent}no delimiter`]),
        );
      if (chance(0.1)) out.push(pick(['', '# comment', `${indent}; comment`]));
    }
    if (chance(0.5)) out.push('');
  }
  const eol = chance(0.8) ? '\n' : '\r\n';
  return out.join(eol) + (chance(0.7) ? eol : '');
}
