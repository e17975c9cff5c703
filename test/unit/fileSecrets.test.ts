/**
 * addFileSecrets reads a file's secret lines with character checks (issue 11: a cold run on 2,000
 * credentials sections spent ~5 ms in four regular expressions per line). The reading it replaced
 * is kept here as the oracle: on the fuzz corpus, the fixtures, random INI and generated hostile
 * text both must hand the redactor the same values, in the same order. Two leaks found on the way
 * are corrected in both: the secrets of a file saved with classic Mac line ends (\r) were not
 * remembered, and a finding printed one; and a quoted value before an inline comment was not
 * remembered unquoted, and the JSON report printed it in a "Remove the quotes" fix.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnose } from '../../src/engine/diagnose';
import { addFileSecrets } from '../../src/engine/secrets/fileSecrets';
import { formatText } from '../../src/engine/output/format';
import { formatMarkdown } from '../../src/engine/output/markdown';
import { buildReport } from '../../src/engine/output/report';
import { terminalJson } from '../../src/engine/core/sanitize';
import { Redactor } from '../../src/engine/secrets/redact';
import { isJsSpace } from '../../src/engine/core/text';
import { hostileInput } from '../support/hostileCorpus';
import { prng, randomIni } from '../support/iniCorpus';
import { MemoryHost } from '../support/memoryHost';
import { PROJECT_ROOT } from '../support/projectRoot';

// The oracle: addFileSecrets as it was written with regular expressions (src/engine/diagnose.ts before issue 11),
// with the two corrections issue 11 made: a lone \r ends a line (assertSame gives it the text with \n line ends),
// and a value before an inline comment is remembered unquoted too. Both only add values: more is masked, never less.
const SECRET_KEY = /secret|token|password/gi;
const NOT_A_SECRET = /^[ \t]*[\w.-]*(?:_file|_path|_expires|_expiration|_expiry)[ \t]*[=:]/i;
const KEY_VALUE = /^[ \t]*[\w.-]*[ \t]*[=:][ \t]*(.*?)[ \t]*$/;
function oracleAddFileSecrets(text: string, r: Redactor): void {
  SECRET_KEY.lastIndex = 0;
  let lastLine = -1;
  let continuedUntil = 0;
  for (let m = SECRET_KEY.exec(text); m; m = SECRET_KEY.exec(text)) {
    let start = m.index;
    while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
    if (start === lastLine) continue;
    lastLine = start;
    let end = text.indexOf('\n', m.index);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    const kv = KEY_VALUE.exec(line);
    if (
      !kv ||
      !/secret|token|password/i.test(line.slice(0, line.length - kv[1].length)) ||
      NOT_A_SECRET.test(kv[0].slice(0, kv[0].length - kv[1].length))
    )
      continue;
    r.add(kv[1]);
    // Corrected with issue 11: quotes are found inside any whitespace, and removed from the value before a comment too.
    const quoted = /^(["'])(.*)\1$/.exec(kv[1].trim());
    if (quoted) r.add(quoted[2]);
    const comment = /(^|\s)[;#]/.exec(kv[1]);
    if (comment) {
      r.add(kv[1].slice(0, comment.index));
      const cutQuoted = /^(["'])(.*)\1$/.exec(kv[1].slice(0, comment.index).trim());
      if (cutQuoted) r.add(cutQuoted[2]);
    }
    let next = Math.max(end + 1, continuedUntil);
    while (next < text.length) {
      let stop = text.indexOf('\n', next);
      if (stop < 0) stop = text.length;
      const more = text.slice(next, stop).replace(/\r$/, '');
      if (!/^[ \t]+\S/.test(more)) break;
      r.add(more.trim());
      next = stop + 1;
    }
    continuedUntil = next;
  }
}

/** Every value handed to the redactor, in order (a stand-in that records, not a Redactor). */
function addedBy(read: (text: string, r: Redactor) => void, text: string): string[] {
  const added: string[] = [];
  const recorder = {
    add: (v: string | undefined) => (v === undefined ? undefined : added.push(v)),
  } as unknown as Redactor;
  read(text, recorder);
  return added;
}

function assertSame(text: string, label: string): void {
  const expected = addedBy(oracleAddFileSecrets, text.replace(/\r\n?/g, '\n'));
  const actual = addedBy(addFileSecrets, text);
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    assert.fail(
      `${label}: ${JSON.stringify(text).slice(0, 600)}\nexpected ${JSON.stringify(expected)}\nactual   ${JSON.stringify(actual)}`,
    );
}

/** Pieces that decide how a line is read: the words, suffixes, blanks, separators, line breaks, quotes, comments, look-alike letters. */
const PIECES = [
  'secret',
  'TOKEN',
  'PassWord',
  'aws_secret_access_key',
  'aws_session_token',
  'web_identity_token_file',
  '_file',
  '_PATH',
  '_expires',
  '_Expiration',
  '_expiry',
  'key',
  'x',
  'ab',
  'AKIAIOSFODNN7EXAMPLE',
  '-',
  '.',
  '_',
  ' ',
  ' ',
  '  ',
  '\t',
  '=',
  '=',
  ':',
  ' = ',
  '\n',
  '\n',
  '\r\n',
  '\r',
  '\n  ',
  '\n\t',
  '\u2028',
  '\u2029',
  '\u00a0',
  '\f',
  '\v',
  '\u3000',
  '\ufeff',
  '"',
  "'",
  ';',
  '#',
  ' #',
  ' ;',
  '\u017f',
  '\u212a',
  'é',
  'tok',
  'en',
  'sec',
  'ret',
  '[profile p]\n',
];

describe('addFileSecrets: the character reading adds what the regular-expression reading added', () => {
  it('isJsSpace is \\s for every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++)
      assert.equal(isJsSpace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  });

  it('the fuzz corpus: every file of 3,000 hostile inputs', () => {
    const rand = prng(4242);
    let files = 0;
    for (let i = 0; i < 3000; i++) {
      for (const [p, f] of Object.entries(hostileInput(rand, i).files)) {
        if (typeof f !== 'string') continue;
        assertSame(f, `input ${i} ${p}`);
        files++;
      }
    }
    assert.ok(files > 3000, `${files} files`);
  });

  it('the fixtures and the example home', () => {
    const root = PROJECT_ROOT;
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
    const files = [...walk(path.join(root, 'test', 'fixtures')), ...walk(path.join(root, 'examples'))];
    for (const f of files) assertSame(fs.readFileSync(f, 'utf8'), f);
    assert.ok(files.length > 20, `${files.length} files`);
  });

  it('random INI, with \\n, \\r\\n and lone \\r line breaks', () => {
    const rand = prng(11);
    for (let i = 0; i < 3000; i++) {
      const ini = randomIni(rand);
      assertSame(ini, `ini ${i}`);
      assertSame(ini.replace(/\n/g, '\r\n'), `ini ${i} (CRLF)`);
      assertSame(ini.replace(/\n/g, '\r'), `ini ${i} (CR)`);
    }
  });

  it('generated text of the pieces that decide how a line is read', () => {
    const rand = prng(7);
    for (let i = 0; i < 30_000; i++) {
      let text = '';
      for (let n = Math.floor(rand() * 40); n > 0; n--) text += PIECES[Math.floor(rand() * PIECES.length)];
      assertSame(text, `generated ${i}`);
    }
  });

  it('hand-picked lines', () => {
    for (const text of [
      '',
      'secret',
      'secret=',
      'secret = ',
      'aws_secret_access_key = abc',
      'aws_secret_access_key = "quoted value" ',
      "token: 'x' ; c",
      'x = tokenvalue     ',
      'x = tokenvalue    ',
      'a_token_file = v',
      'A_TOKEN_EXPIRES: v',
      'secret = a\u2028b',
      'secret = a\rsecret = b\r',
      'secret = a\r\rx',
      'password=\n  line one\n\tline two\n  secret = three\n  four\nfive',
      'secret = x\r\n  more\r\n',
      'secret=#x',
      'secret=a #b ;c',
      'tokensecret = v',
      'passwordtoken=v',
      'x.y-z_secret = v',
      '\ufeffsecret = v',
      'secret = v\u00a0',
      'secret =\u00a0v',
    ])
      assertSame(text, JSON.stringify(text));
  });

  it('a redactor fed by it holds the same values as one fed by the oracle (the 2,000-profile home)', () => {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++)
      lines.push(
        `[keys-${i}]`,
        `aws_access_key_id = AKIA${String(i).padStart(16, '0')}`,
        `aws_secret_access_key = ${`s${i}`.padEnd(40, 'x')}`,
        `aws_session_token = t${i} # note`,
        '',
      );
    const text = lines.join('\n');
    const a = new Redactor();
    const b = new Redactor();
    addFileSecrets(text, a);
    oracleAddFileSecrets(text, b);
    assert.deepEqual(a.values(), b.values());
    // 2,000 secret keys, 2,000 session tokens with their comment, 1,900 without (t0–t99 are too short to remember).
    assert.equal(a.values().length, 5900);
  });

  for (const [name, eol] of [
    ['\\n', '\n'],
    ['\\r\\n', '\r\n'],
    ['\\r (classic Mac)', '\r'],
  ]) {
    it(`a quoted secret before an inline comment, a continued token, ${name} line ends: remembered, and shown in no output`, () => {
      const text = [
        '[default]',
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        'aws_secret_access_key = "hunter2secret" ; c',
        'aws_session_token = sh0rt-t0ken',
        '  continued-t0ken',
        'region = us-east-1',
        '',
      ].join(eol);
      assert.deepEqual(addedBy(addFileSecrets, text), [
        '"hunter2secret" ; c',
        '"hunter2secret"',
        'hunter2secret',
        'sh0rt-t0ken',
        'continued-t0ken',
      ]);
      const home = '/home/u';
      const env = { HOME: home };
      const now = Date.UTC(2026, 10, 22);
      const diagnosis = diagnose({
        env,
        fs: new MemoryHost({ [`${home}/.aws/credentials`]: text }),
        now,
        fallbackHomeDir: home,
      });
      const report = buildReport(diagnosis);
      // The inline comment makes a finding that quotes the value as each tool reads it, and offers to remove the quotes.
      assert.ok(
        report.findings.some((f) => f.message.includes('inline comment')),
        JSON.stringify(report.findings.map((f) => f.code)),
      );
      // The findings themselves too (the extension renders their template with their data): the data is masked as the message is.
      const comment = diagnosis.findings.find((f) => f.code === 'INLINE_COMMENT')!;
      assert.deepEqual(comment.data, { key: 'aws_secret_access_key', kept: '****', value: '****' });
      for (const out of [
        JSON.stringify(diagnosis.findings),
        terminalJson(report),
        formatText(report, now),
        formatMarkdown(report, now, env),
      ]) {
        for (const secret of ['hunter2secret', 'sh0rt-t0ken', 'continued-t0ken'])
          assert.ok(!out.includes(secret), `${secret} in ${out}`);
      }
    });
  }
});
