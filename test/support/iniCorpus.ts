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
const KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'region', 'output', 'role_arn', 'source_profile', 'AWS_ACCESS_KEY_ID', 'Region', 's3', 'sso_session', 'credential_process'];
const VALUES = ['us-east-1', 'AKIAIOSFODNN7EXAMPLE', 'json', 'a=b', 'x # y', 'x ; y', 'x#y', '"quoted"', "'single'", 'arn:aws:iam::123456789012:role/R', 'value with  spaces', '', '  ', 'ü-é', 'tab\there'];
const WS = [' ', '  ', '\t', '', '\u00a0', '\u3000', '\u000b'];

export function randomIni(rand: () => number, lines = 1 + Math.floor(rand() * 25)): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const r = rand();
    const ws = pick(WS);
    if (r < 0.18) {
      const name = pick(NAMES);
      out.push(pick([`[${name}]`, `[profile ${name}]`, `[profile  ${name}]`, `[profile\t${name}]`, `[ profile ${name} ]`, `[profile "${name}"]`, `[profile.${name}]`, `[sso-session ${name}]`, `[services ${name}]`, `[${name}] # c`, `[${name}] trailing`, `${ws}[${name}]`, `[profile ${name}]]`, '[]']));
    } else if (r < 0.6) {
      const key = pick(KEYS);
      const val = pick(VALUES);
      out.push(`${pick(['', '', '', ws])}${key}${pick(['=', ' = ', ': ', ' =', '= ', ':'])}${val}${pick(['', '', ' # comment', ' ;c', '#x'])}`);
    } else if (r < 0.7) {
      out.push(`${pick([' ', '  ', '\t'])}${pick(KEYS)} = ${pick(VALUES)}`);
    } else if (r < 0.78) {
      out.push(pick(['# comment', '; comment', '   # indented comment', '#', ';']));
    } else if (r < 0.86) {
      out.push(pick(['', '', ' ', '\t']));
    } else if (r < 0.92) {
      out.push(`${pick([' ', '  '])}${pick(VALUES)}`);
    } else if (r < 0.96) {
      out.push(pick(['no delimiter here', '=value without key', 'key', ':', '= ', '__proto__ = x', '[profile __proto__]', '[__proto__]']));
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
