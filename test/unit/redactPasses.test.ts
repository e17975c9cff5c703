/**
 * `redact` skips a pass when a cheap test says its pattern cannot match (issue 11: the patterns are
 * large and case-insensitive, and compiling them cost milliseconds of every cold run). Here every
 * pass runs, unskipped, on the redaction corpus, the fuzz corpus and generated text: the bytes must
 * be the same, and wherever a pass was skippable its pattern must indeed not match.
 */
import * as assert from 'node:assert/strict';
import { diagnose } from '../../src/engine/diagnose';
import { REDACTION_PASSES, Redactor, redact } from '../../src/engine/secrets/redact';
import { FUZZ_HOME, hostileInput } from '../support/hostileCorpus';
import { prng } from '../support/iniCorpus';
import { MemoryHost } from '../support/memoryHost';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const KEY = 'AKIAJ2QWERTYUIOPASDF';
const SECRET = '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';
const LOWER_SECRET = 'kt9x/2pq+7rlmn4vb8wz1cy6hj3sd5fg0ae2ui9o';
const TOKEN = 'IQoJb3JpZ2luX2VjEHYaCXVzLWVhc3QtMSJHMEUCIQDx7ZpK' + 'Ab9/+Q'.repeat(30);
const SIGNATURE = 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';

/** The texts of the redaction tests (engine, hostile #5, outputs): every encoding of a credential they check. */
const CORPUS = [
  `key ${KEY} used`,
  `pasted ${SECRET} alone`,
  SECRET,
  KEY.slice(0, 16),
  'Ab9/+Q'.repeat(17).slice(0, 100),
  'authorization:x',
  'role AROAEXAMPLEID123456:session',
  `secret=${SECRET}.`,
  `token ${'IQoJb3JpZ2luX2VjE'.padEnd(300, 'Ab+/')} end`,
  '/home/u/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json',
  'The security token included in the request is invalid.',
  'secret "test", key=test, a:s3cr3t. pass word!',
  'testing attest',
  `An error occurred (ExpiredToken): https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${KEY}%2F20261122%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=${encodeURIComponent(TOKEN)}&X-Amz-Signature=${SIGNATURE} The provided token has expired.`,
  `The security token included in the request is invalid. aws_session_token=shortSessionTok3n aws_secret_access_key = ${encodeURIComponent(SECRET)}`,
  `ExpiredTokenException: The security token included in the request is expired {"Credentials":{"SessionToken":"shortSessionTok3n","SecretAccessKey":"${LOWER_SECRET}"}}`,
  `<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><SessionToken>shortSessionTok3n</SessionToken></ErrorResponse>`,
  'InvalidClientTokenId: The security token included in the request is invalid. password=hunter2-Corr3ct-Horse',
  `SignatureDoesNotMatch: Authorization: Bearer hunter2-Corr3ct-Horse / Authorization: AWS4-HMAC-SHA256 Credential=${KEY}/20261122/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=${SIGNATURE}`,
  `InvalidClientTokenId: The security token included in the request is invalid. ${KEY},${LOWER_SECRET}`,
  `X-Amz-Security-Token: ${TOKEN}`,
  `{"accessToken":"a","refreshToken":"b","clientSecret":"c","token":'d',"secret" = "e"}`,
  "{'password': 'x\\'y'}",
  'aws_secret_access_key%3Dabc&x=1',
  'SECRET_KEY %3d abc',
  'Authorization=Basic dXNlcjpwYXNz',
  'authorization : Token abc',
  '<Password> </Password><Password></Password>',
  'environment keys: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set',
  'profile default: no credentials in it',
];

/** Pieces of secret-shaped and ordinary text, for generated input. */
const PIECES = [
  ' ',
  ' ',
  '  ',
  '\n',
  '\t',
  '=',
  ':',
  ' = ',
  ': ',
  '%3D',
  '%3d',
  '%2F',
  '"',
  "'",
  '"',
  '<',
  '>',
  '</',
  '&',
  '?',
  ',',
  ';',
  '.',
  '!',
  '*',
  'token',
  'Token',
  'secret',
  'SECRET',
  'aws_secret_access_key',
  'aws_session_token',
  'SessionToken',
  'X-Amz-Security-Token',
  'x-amz-signature',
  'password',
  'Passwd',
  'pwd',
  'passphrase',
  'api_key',
  'apiKey',
  'private-key',
  'client_secret',
  'refreshToken',
  'id_token',
  'signature',
  'container_authorization_token',
  'Authorization',
  'Bearer ',
  'Basic ',
  'AWS4-HMAC-SHA256',
  'key',
  'keys',
  'pass',
  'word',
  KEY,
  'ASIAV4N6PQ2RSTUW3XY5',
  'AKIA',
  'ASIA',
  'A3TX',
  'AROA',
  SECRET,
  LOWER_SECRET,
  SECRET.slice(0, 20),
  'ABCDEFGHIJKLMNOP',
  'ABCDEFGHIJKLMNO',
  '0123456789',
  'abc',
  'x',
  'Z',
  '/',
  '+',
  'é',
  '\u017f',
  '\u212a',
  'AbCdEfGhIj',
  'ab12'.repeat(10),
  'Ab9/+Q'.repeat(8),
];

/** The text after each pass of the unskipped chain: stages[i] is what pass i is applied to. */
function stages(text: string): string[] {
  const out = [text];
  for (const pass of REDACTION_PASSES) out.push(out[out.length - 1].replace(pass.pattern, pass.replace));
  return out;
}

const ANYWHERE = REDACTION_PASSES.map((p) => new RegExp(p.pattern.source, p.pattern.flags.replace('g', '')));

function check(text: string, label: string): void {
  const s = stages(text);
  for (let i = 0; i < REDACTION_PASSES.length; i++) {
    if (!REDACTION_PASSES[i].mayMatch(s[i]) && ANYWHERE[i].test(s[i]))
      assert.fail(
        `${label}: pass ${i} (${ANYWHERE[i].source.slice(0, 40)}…) was skippable but matches ${JSON.stringify(s[i]).slice(0, 400)}`,
      );
  }
  const gated = redact(text);
  if (gated !== s[s.length - 1])
    assert.fail(
      `${label}: ${JSON.stringify(text).slice(0, 400)}\nunskipped ${JSON.stringify(s[s.length - 1]).slice(0, 400)}\nredact    ${JSON.stringify(gated).slice(0, 400)}`,
    );
}

// The oracle of Redactor.add and Redactor.redact: as they were written before issue 11.
const TOKEN_RE = /[^\s"'`,;()<>[\]{}]+/g;
function oracleValues(values: readonly string[]): string[] {
  const tokens = new Set<string>();
  const phrases = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    for (const v of [value, value.trim()]) {
      if (v.length < 4) continue;
      TOKEN_RE.lastIndex = 0;
      const whole = TOKEN_RE.exec(v);
      if (whole && whole[0] === v) tokens.add(v);
      else phrases.add(v);
    }
  }
  return [...tokens, ...phrases];
}

function oracleRedact(values: readonly string[], text: string): string {
  const all = oracleValues(values);
  const tokens = new Set(
    all.filter((v) => {
      TOKEN_RE.lastIndex = 0;
      return TOKEN_RE.exec(v)?.[0] === v;
    }),
  );
  const phrases = all.filter((v) => !tokens.has(v));
  const maskToken = (t: string): string => {
    const trailing = /[.,:!?]+$/.exec(t);
    const body = trailing ? t.slice(0, trailing.index) : t;
    const tail = trailing ? trailing[0] : '';
    if (tokens.has(t)) return '****';
    if (tokens.has(body)) return '****' + tail;
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if ((c === '=' || c === ':') && tokens.has(body.slice(i + 1))) return body.slice(0, i + 1) + '****' + tail;
    }
    // Inside a longer token (a path, a URL): secrets of 8 characters or more, the longest at each position first.
    let out = '';
    let i = 0;
    while (i < t.length) {
      const found = [...tokens]
        .filter((v) => v.length >= 8 && t.startsWith(v, i))
        .sort((a, b) => b.length - a.length)[0];
      if (found) {
        out += '****';
        i += found.length;
      } else out += t[i++];
    }
    return out;
  };
  for (const p of phrases) if (text.includes(p)) text = text.split(p).join('****');
  if (tokens.size > 0) text = text.replace(TOKEN_RE, maskToken);
  return redact(text);
}

describe('redact: a pass is skipped only where its pattern cannot match, and the bytes are those of every pass run', function () {
  this.timeout(120_000);
  it('the redaction corpus', () => {
    CORPUS.forEach((t, i) => check(t, `corpus ${i}`));
    // The corpus exercises every pass: each one changes some text of it.
    for (let i = 0; i < REDACTION_PASSES.length; i++)
      assert.ok(
        CORPUS.some((t) => stages(t)[i] !== stages(t)[i + 1]),
        `pass ${i} changes nothing in the corpus`,
      );
  });

  it('the fuzz corpus: pasted errors, files, environment values, and every message and step of their diagnoses', () => {
    const rand = prng(4242);
    for (let i = 0; i < 1500; i++) {
      const input = hostileInput(rand, i);
      const texts = [
        input.paste,
        ...Object.values(input.env),
        ...Object.values(input.files).filter((f): f is string => typeof f === 'string'),
      ];
      const d = diagnose({
        env: input.env,
        fs: new MemoryHost(input.files),
        now: NOW,
        fallbackHomeDir: FUZZ_HOME,
        explicitProfile: input.explicitProfile,
      });
      for (const f of d.findings)
        texts.push(f.message, ...f.related.map((r) => r.message), ...f.fixes.map((x) => x.title));
      for (const t of Object.values(d.tools)) texts.push(...t.steps, t.failure ?? '');
      texts.forEach((t, j) => check(t, `input ${i} text ${j}`));
    }
  });

  it('generated text of secret-shaped and ordinary pieces', () => {
    const rand = prng(99);
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let n = Math.floor(rand() * 30); n > 0; n--) text += PIECES[Math.floor(rand() * PIECES.length)];
      check(text, `generated ${i}`);
    }
  });

  it('Redactor.add remembers the values it did before (tokens, then phrases, trimmed too)', () => {
    const rand = prng(5);
    const alphabet = [
      'a',
      'B',
      '1',
      ' ',
      '\t',
      '\u00a0',
      '"',
      "'",
      ',',
      ';',
      '(',
      '[',
      '{',
      '=',
      ':',
      'abcd',
      'secret value',
      '',
    ];
    for (let i = 0; i < 2000; i++) {
      const values: string[] = [];
      for (let n = Math.floor(rand() * 8); n > 0; n--) {
        let v = '';
        for (let k = Math.floor(rand() * 8); k > 0; k--) v += alphabet[Math.floor(rand() * alphabet.length)];
        values.push(v);
      }
      const r = new Redactor();
      for (const v of values) r.add(v);
      assert.deepEqual(r.values(), oracleValues(values), JSON.stringify(values));
    }
  });

  it('Redactor.redact masks what it did before: remembered tokens alone, before punctuation, after = or :, and phrases; and now secrets of 8 characters or more inside a longer token', () => {
    const rand = prng(6);
    const words = [
      'abcd',
      'abc',
      's3cr3t',
      'pass word',
      'x=y',
      'tok:en',
      'hunter2',
      'AKIAJ2QWERTYUIOPASDF',
      SECRET,
      '....',
      'ab.',
      'é€𝄞x',
      '/home/u/',
      'hunter22',
      'unter222',
      'hunter2222',
    ];
    const glue = [' ', '', '=', ':', '.', ',', '!', '?', '"', "'", '(', ')', '\n', 'key=', 'a:', '...', ':.'];
    for (let i = 0; i < 5000; i++) {
      const values = words.filter(() => rand() < 0.3);
      let text = '';
      for (let n = Math.floor(rand() * 12); n > 0; n--) {
        const from = rand() < 0.5 ? words : glue;
        text += from[Math.floor(rand() * from.length)];
      }
      const r = new Redactor();
      for (const v of values) r.add(v);
      assert.equal(r.redact(text), oracleRedact(values, text), `${JSON.stringify(values)} ${JSON.stringify(text)}`);
    }
  });
});
