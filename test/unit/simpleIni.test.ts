/**
 * The one-pass reading (simpleIni.ts) against the three readings it stands in for: the JavaScript
 * SDK's parser, botocore's and the lexical reading, field by field, on every file it reads, in one
 * pass or with some sections read by the parsers; and where it leaves a section or the whole file
 * to the parsers.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJsIni } from '../../src/engine/files/jsIni';
import type { JsIniFile } from '../../src/engine/files/jsIni';
import { entriesBySection, entriesWithKey, lex } from '../../src/engine/files/lexical';
import type { LexLine } from '../../src/engine/files/lexical';
import type { FileKind } from '../../src/engine/core/model';
import { KNOWN_KEYS } from '../../src/engine/core/model';
import { parsePyIni } from '../../src/engine/files/pyIni';
import type { PyIniFile } from '../../src/engine/files/pyIni';
import { readSimple } from '../../src/engine/files/simpleIni';
import { prng, randomIni, realisticIni } from '../support/iniCorpus';
import { PROJECT_ROOT } from '../support/projectRoot';

const split = (text: string) => text.split(/\r\n|\r|\n/);

function jsPlain(f: JsIniFile): unknown {
  return {
    sections: [...f.sections].map(([name, s]) => [
      name,
      [...s].map(([k, x]) => [k, x.key, x.rawKey, x.value, x.file, x.line, x.column, x.valueColumn]),
    ]),
    headerLines: [...f.headerLines],
    rejected: f.rejected,
  };
}

function pyPlain(f: PyIniFile): unknown {
  const settings = (m: PyIniFile['defaults']) =>
    [...m].map(([k, x]) => [
      k,
      x.key,
      x.rawKey,
      x.value,
      x.file,
      x.line,
      x.column,
      x.valueColumn,
      x.endLine,
      x.nested ? [...x.nested] : undefined,
    ]);
  return {
    sections: [...f.sections].map(([name, s]) => [name, settings(s)]),
    defaults: settings(f.defaults),
    headerLines: [...f.headerLines],
    error: f.error,
  };
}

function lexPlain(lines: readonly LexLine[]): unknown {
  return lines.map((l) =>
    l.kind === 'header'
      ? [l.kind, l.line, l.column, l.endColumn, l.inner, l.trailing, l.profile]
      : l.kind === 'entry'
        ? [
            l.kind,
            l.line,
            l.indent,
            l.key,
            l.lowerKey,
            l.keyColumn,
            l.delimiter,
            l.value,
            l.valueColumn,
            l.valueEndColumn,
            l.section?.line,
            l.continuationOf?.line,
          ]
        : [l.kind, l.line, l.text, l.section?.line, l.continuationOf?.line],
  );
}

/**
 * How the one pass read `text`: 'whole' (every section in one pass), 'parts' (some sections by the
 * three parsers), or undefined (it gave the file up); when it read it, asserts it read it as the
 * three parsers do, field by field.
 */
function check(text: string, kind: FileKind, name: string): 'whole' | 'parts' | undefined {
  const lines = split(text);
  const r = readSimple(text, kind);
  if (!r) return undefined;
  assert.deepEqual(jsPlain(r.js), jsPlain(parseJsIni(text, kind)), `${name}: the JavaScript SDK's reading`);
  assert.deepEqual(pyPlain(r.py), pyPlain(parsePyIni(text, kind)), `${name}: botocore's reading`);
  const lexed = lex(kind, lines);
  assert.deepEqual(lexPlain(r.lexical), lexPlain(lexed), `${name}: the lexical reading`);
  const lineOf = (l: LexLine) => l.line;
  assert.deepEqual(
    r.continuations.map(lineOf),
    lexed.filter((l) => l.kind === 'other' && l.continuationOf).map(lineOf),
    `${name}: the lines continuing another`,
  );
  // Every entry left out of `unusual` is one the entries rule finds nothing on (rules/files.ts, isPlain).
  const unusual = new Set(r.unusual.map((u) => u.entry));
  assert.deepEqual(
    r.unusual.map((u) => u.entry.line),
    [...unusual].map(lineOf).sort((a, b) => a - b),
    `${name}: the unusual entries in file order`,
  );
  for (const u of r.unusual)
    assert.ok(
      u.section.entries.includes(u.entry) && u.entry.section === u.section.header,
      `${name}: the section of line ${u.entry.line}`,
    );
  for (const l of r.lexical) {
    if (l.kind !== 'entry' || unusual.has(l)) continue;
    const v = l.value;
    assert.ok(
      KNOWN_KEYS.has(l.key) && l.delimiter === '=' && v !== '' && !/^["']|[#; \t]/.test(v),
      `${name}: line ${l.line} is not plain: ${l.key} = ${v}`,
    );
  }
  // The indexes found on the way are those the lexical reading's functions compute.
  const sectionsOf = (ls: readonly LexLine[]) =>
    entriesBySection(ls).map((x) => [x.header.line, x.entries.map((e) => e.line)]);
  assert.deepEqual(sectionsOf(r.lexical), sectionsOf(lexed), `${name}: the sections`);
  for (const key of new Set(lexed.flatMap((l) => (l.kind === 'entry' ? [l.lowerKey] : [])))) {
    assert.deepEqual(
      entriesWithKey(r.lexical, key).map((e) => e.line),
      entriesWithKey(lexed, key).map((e) => e.line),
      `${name}: the entries of ${key}`,
    );
  }
  return r.sectionsByParsers.length ? 'parts' : 'whole';
}

/** Plain files with every variation the one pass accepts, and now and then one it must refuse. */
function plainIni(rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out: string[] = [];
  const n = 1 + Math.floor(rand() * 30);
  // Headers name a new section each time, but for the SDK's sections `[profile 'q']` and `[profile "q"]`, which it merges.
  const header = (i: number) =>
    pick([
      '[default]',
      `[profile dev${i}]`,
      "[profile 'q']",
      '[profile "q"]',
      `[profile a.b${i}]`,
      `[sso-session corp${i}]`,
      `[services s${i}]`,
      `[foo bar${i}]`,
      `[dev${i}]`,
      `[profile  two${i}]`,
      `[x y z${i}]`,
      `[profile a@b+c${i}]`,
      `[profile x:y/z%${i}]`,
      `[profile ü${i}]`,
      `[profile x~y${i}]`,
      `[profile-x${i}]`,
      `[profile\tt${i}]`,
    ]);
  const keys = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (i === 0 || r < 0.25) {
      const h = header(i);
      if (out.includes(h)) continue;
      out.push(`${h}${pick(['', '', '  ', '\t'])}`);
      keys.clear();
    } else if (r < 0.85) {
      const key = pick([
        'region',
        'aws_access_key_id',
        'output',
        'role_arn',
        'a.b',
        'key with space',
        'sso_start_url',
        'ü',
        'x-y',
      ]);
      if (keys.has(key)) continue;
      keys.add(key);
      out.push(
        `${key}${pick(['=', ' = ', '\t=\t', '   =', '= \u00a0'])}${pick(['us-east-1', 'a=b', 'arn:aws:iam::1:role/R', 'https://x.example/start', 'v  w', 'é', '"q"'])}${pick(['', '', ' ', '\t'])}`,
      );
    } else if (r < 0.99) out.push(pick(['', '', '# c', '; c', '   # indented comment', '\t; c', '  ']));
    else
      out.push(
        pick([
          'x # inline',
          '  indented = 1',
          'Region = x',
          'k: v',
          'k =',
          '[DEFAULT]',
          '[profile __proto__]',
          'no delimiter',
          '=v',
          '[a] trailing',
          ' [a]',
          'k = v ; c',
        ]),
      );
  }
  return out.join(pick(['\n', '\n', '\r\n'])) + pick(['', '\n']);
}

describe('simpleIni: the one pass', function () {
  // Thousands of files, each through four readers: seconds on a busy machine.
  this.timeout(60_000);
  it('reads plain files exactly as the JavaScript SDK, botocore and the lexical reading do', () => {
    const rand = prng(20261201);
    const seen = { whole: 0, parts: 0, none: 0 };
    for (let i = 0; i < 4000; i++) {
      const text = plainIni(rand);
      for (const kind of ['config', 'credentials'] as const)
        seen[check(text, kind, `plain #${i} (${kind})`) ?? 'none']++;
    }
    // Every path must be taken often, or the comparison proves nothing.
    assert.ok(seen.whole > 4000 && seen.parts > 200 && seen.none > 300, JSON.stringify(seen));
  });

  it('reads the files people write (nested blocks, inline comments, capitals) as the three readers do, a section it cannot read by the parsers, and gives up the files botocore fails on', () => {
    const rand = prng(20261206);
    const seen = { whole: 0, parts: 0, none: 0 };
    for (let i = 0; i < 4000; i++) {
      const text = realisticIni(rand);
      for (const kind of ['config', 'credentials'] as const)
        seen[check(text, kind, `realistic #${i} (${kind}): ${JSON.stringify(text)}`) ?? 'none']++;
    }
    assert.ok(seen.whole > 3000 && seen.parts > 1000 && seen.none > 500, JSON.stringify(seen));
  });

  it('never differs on the random files of every construct the dialects disagree on, nor on the AWS SDK for Rust parser cases', () => {
    const rand = prng(7);
    let read = 0;
    for (let i = 0; i < 3000; i++)
      for (const kind of ['config', 'credentials'] as const)
        if (check(randomIni(rand), kind, `random #${i} (${kind})`)) read++;
    assert.ok(read > 150, `random files read: ${read}`);
    const data = JSON.parse(
      fs.readFileSync(
        path.join(PROJECT_ROOT, 'test', 'fixtures', 'aws-sdk-rust-test-data', 'profile-parser-tests.json'),
        'utf8',
      ),
    ) as { tests: { name: string; input: { configFile?: string; credentialsFile?: string } }[] };
    read = 0;
    for (const t of data.tests) {
      if (t.input.configFile !== undefined && check(t.input.configFile, 'config', t.name)) read++;
      if (t.input.credentialsFile !== undefined && check(t.input.credentialsFile, 'credentials', t.name)) read++;
    }
    assert.ok(read >= 20, `Rust cases read: ${read}`);
  });

  const inOnePass: [string, string][] = [
    ['an inline comment (the SDK cuts it, botocore keeps it)', '[a]\nk = v # c\nm = w\t; c\n'],
    ['a `#` or `;` without a space before it (no comment to any reader)', '[a]\nk = v;w\nurl = https://x/#frag\n'],
    ['a capital in a key (botocore lowercases it)', '[a]\nRegion = x\nAWS_ACCESS_KEY_ID = y\n'],
    ['an empty value (the SDK opens a block)', '[a]\ncli_pager =\nregion = x\n'],
    [
      'a nested block',
      '[profile a]\nregion = x\ns3 =\n    max_concurrent_requests = 20\n\n    # c\n    addressing_style = path # c\n[b]\n',
    ],
    [
      'a nested block with a block inside (the SDK moves to it, botocore keeps one value)',
      '[a]\ns3 =\n  x =\n  y = 1\nregion = z\n',
    ],
    ['a value that is a comment to the SDK', '[a]\nk = # c\nm = w\n'],
    ['an indented section', '[a]\n    region = x\n    output = json\n'],
    ['a comment after a header', '[profile a] # c\nregion = x\n[b]\t; c\n'],
    ['a second header the SDK files under the same key', '[profile "q"]\nk = 1\n[profile \'q\']\nk = 2\nm = 3\n'],
  ];
  for (const [what, text] of inOnePass) {
    it(`reads ${what} in one pass`, () => {
      assert.deepEqual(readSimple(text, 'config')?.sectionsByParsers, []);
      assert.equal(check(text, 'config', what), 'whole');
    });
  }

  const byParsers: [string, string, number[]][] = [
    [
      'an indented line continuing a value (botocore: one value; the SDK: a setting)',
      '[a]\nk = 1\n[b]\nk = v\n  more = x\n[c]\nk = 2\n',
      [3],
    ],
    ['a `:` delimiter', '[a]\nk: v\n[b]\nk = 1\n', [1]],
    ['a `:` before the `=`', '[a]\nk = 1\n[b]\nk:x = v\n', [3]],
    ['an indented header', '[a]\nk = 1\n  [b]\nm = 2\n', [1]],
    ['text after a header', '[a]\nk = 1\n[b] x\nk = 2\n[c]\n', [1]],
    ['a comment before the `=` (the SDK reads no setting)', '[a]\nk # c = v\n', [1]],
    ['an indented entry under an open block (the SDK puts it in the block)', '[a]\n  s3 =\n  region = x\n', [1]],
    ['a header inside a nested block (the SDK reads a header)', '[a]\ns3 =\n  [b=c]\n', [1]],
  ];
  for (const [what, text, sections] of byParsers) {
    it(`reads the section of ${what} by the three parsers`, () => {
      assert.deepEqual(readSimple(text, 'config')?.sectionsByParsers, sections);
      assert.equal(check(text, 'config', what), 'parts');
    });
  }

  const givesUp: [string, string][] = [
    ['a duplicate key', '[a]\nk = 1\nk = 2\n'],
    ['a key twice, with and without a capital', '[a]\nRegion = 1\nregion = 2\n'],
    ['a duplicate section', '[a]\n[a]\n'],
    ['a duplicate section, the second read by the parsers', '[a]\n[a] x\n'],
    ['[DEFAULT]', '[DEFAULT]\nk = v\n'],
    ['__proto__', '[profile __proto__]\n'],
    ['an entry outside a section', 'k = v\n[a]\n'],
    ['a line without a delimiter', '[a]\njunk\n'],
    ['a key-less `= v`', '[a]\n= v\n'],
    ['a line without `=` in a nested block (botocore: ValueError)', '[a]\ns3 =\n  junk\n'],
    ['a byte order mark', '\ufeff[a]\n'],
    ['a lone CR', '[a]\rk = v\n'],
    ['a character Python strips and JavaScript does not', '[a]\nk = v\x1c\n'],
  ];
  for (const [what, text] of givesUp) {
    it(`gives the file up on ${what}`, () => assert.equal(readSimple(text, 'config'), undefined));
  }

  it("serves one object as each dialect's setting and the lexical entry", () => {
    const text = '# c\n[profile dev]\nregion = eu-west-1\n\n[default]\noutput=json\n';
    const r = readSimple(text, 'config')!;
    const js = r.js.sections.get('profile.dev')!.get('region')!;
    assert.equal(r.py.sections.get('profile dev')!.get('region'), js);
    assert.equal(r.lexical[1], js);
    assert.deepEqual([js.line, js.column, js.valueColumn, js.value], [3, 1, 10, 'eu-west-1']);
  });

  it('gives a reader its own object only for a line it reads otherwise', () => {
    const text = '[profile dev]\nregion = eu-west-1 # Ireland\nOutput = json\nsso_session = corp\n';
    const r = readSimple(text, 'config')!;
    const js = r.js.sections.get('profile.dev')!;
    const py = r.py.sections.get('profile dev')!;
    assert.deepEqual([js.get('region')!.value, py.get('region')!.value], ['eu-west-1', 'eu-west-1 # Ireland']);
    assert.equal(py.get('region'), r.lexical[1]);
    assert.equal(js.get('Output'), r.lexical[2]);
    assert.deepEqual([py.get('output')!.key, py.get('output')!.rawKey], ['output', 'Output']);
    assert.equal(js.get('sso_session'), py.get('sso_session'));
  });
});
