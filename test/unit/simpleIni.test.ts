/**
 * The one-pass reading of plain files (simpleIni.ts) against the three readings it stands in for:
 * the JavaScript SDK's parser, botocore's and the lexical reading, field by field, on every file
 * it accepts; and it gives up on each construct where they could differ.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJsIni } from '../../src/engine/jsIni';
import type { JsIniFile } from '../../src/engine/jsIni';
import { entriesBySection, entriesWithKey, lex } from '../../src/engine/lexical';
import type { LexLine } from '../../src/engine/lexical';
import type { FileKind } from '../../src/engine/model';
import { parsePyIni } from '../../src/engine/pyIni';
import type { PyIniFile } from '../../src/engine/pyIni';
import { readSimple } from '../../src/engine/simpleIni';
import { prng, randomIni } from '../support/iniCorpus';
import { PROJECT_ROOT } from '../support/projectRoot';

const split = (text: string) => text.split(/\r\n|\r|\n/);

function jsPlain(f: JsIniFile): unknown {
  return {
    sections: [...f.sections].map(([name, s]) => [name, [...s].map(([k, x]) => [k, x.key, x.rawKey, x.value, x.file, x.line, x.column, x.valueColumn])]),
    headerLines: [...f.headerLines],
    rejected: f.rejected,
  };
}

function pyPlain(f: PyIniFile): unknown {
  const settings = (m: PyIniFile['defaults']) => [...m].map(([k, x]) => [k, x.key, x.rawKey, x.value, x.file, x.line, x.column, x.valueColumn, x.endLine, x.nested ? [...x.nested] : undefined]);
  return { sections: [...f.sections].map(([name, s]) => [name, settings(s)]), defaults: settings(f.defaults), headerLines: [...f.headerLines], error: f.error };
}

function lexPlain(lines: readonly LexLine[]): unknown {
  return lines.map((l) =>
    l.kind === 'header'
      ? [l.kind, l.line, l.column, l.endColumn, l.inner, l.trailing, l.profile]
      : l.kind === 'entry'
        ? [l.kind, l.line, l.indent, l.key, l.lowerKey, l.keyColumn, l.delimiter, l.value, l.valueColumn, l.valueEndColumn, l.section?.line, l.continuationOf?.line]
        : [l.kind, l.line, l.text, l.section?.line, l.continuationOf?.line],
  );
}

/** Whether the one pass read `text`; when it did, asserts it read it as the three parsers do. */
function check(text: string, kind: FileKind, name: string): boolean {
  const lines = split(text);
  const r = readSimple(text, kind);
  if (!r) return false;
  assert.deepEqual(jsPlain(r.js), jsPlain(parseJsIni(text, kind)), `${name}: the JavaScript SDK's reading`);
  assert.deepEqual(pyPlain(r.py), pyPlain(parsePyIni(text, kind)), `${name}: botocore's reading`);
  const lexed = lex(kind, lines);
  assert.deepEqual(lexPlain(r.lexical), lexPlain(lexed), `${name}: the lexical reading`);
  // The indexes found on the way are those the lexical reading's functions compute.
  const sectionsOf = (ls: readonly LexLine[]) => entriesBySection(ls).map((x) => [x.header.line, x.entries.map((e) => e.line)]);
  assert.deepEqual(sectionsOf(r.lexical), sectionsOf(lexed), `${name}: the sections`);
  for (const key of new Set(lexed.flatMap((l) => (l.kind === 'entry' ? [l.lowerKey] : [])))) {
    assert.deepEqual(entriesWithKey(r.lexical, key).map((e) => e.line), entriesWithKey(lexed, key).map((e) => e.line), `${name}: the entries of ${key}`);
  }
  return true;
}

/** Plain files with every variation the one pass accepts, and now and then one it must refuse. */
function plainIni(rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out: string[] = [];
  const n = 1 + Math.floor(rand() * 30);
  // Headers name a new section each time, but for the SDK's sections `[profile 'q']` and `[profile "q"]`, which it merges.
  const header = (i: number) => pick(['[default]', `[profile dev${i}]`, "[profile 'q']", '[profile "q"]', `[profile a.b${i}]`, `[sso-session corp${i}]`, `[services s${i}]`, `[foo bar${i}]`, `[dev${i}]`, `[profile  two${i}]`, `[x y z${i}]`, `[profile a@b+c${i}]`, `[profile x:y/z%${i}]`, `[profile ü${i}]`, `[profile x~y${i}]`, `[profile-x${i}]`, `[profile\tt${i}]`]);
  const keys = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (i === 0 || r < 0.25) {
      const h = header(i);
      if (out.includes(h)) continue;
      out.push(`${h}${pick(['', '', '  ', '\t'])}`);
      keys.clear();
    } else if (r < 0.85) {
      const key = pick(['region', 'aws_access_key_id', 'output', 'role_arn', 'a.b', 'key with space', 'sso_start_url', 'ü', 'x-y']);
      if (keys.has(key)) continue;
      keys.add(key);
      out.push(`${key}${pick(['=', ' = ', '\t=\t', '   =', '= \u00a0'])}${pick(['us-east-1', 'a=b', 'arn:aws:iam::1:role/R', 'https://x.example/start', 'v  w', 'é', '"q"'])}${pick(['', '', ' ', '\t'])}`);
    } else if (r < 0.99) out.push(pick(['', '', '# c', '; c', '   # indented comment', '\t; c', '  ']));
    else out.push(pick(['x # inline', '  indented = 1', 'Region = x', 'k: v', 'k =', '[DEFAULT]', '[profile __proto__]', 'no delimiter', '=v', '[a] trailing', ' [a]', 'k = v ; c']));
  }
  return out.join(pick(['\n', '\n', '\r\n'])) + pick(['', '\n']);
}

describe('simpleIni: the one pass over a plain file', () => {
  it('reads plain files exactly as the JavaScript SDK, botocore and the lexical reading do, and gives up on the rest', () => {
    const rand = prng(20261201);
    let read = 0;
    let refused = 0;
    for (let i = 0; i < 4000; i++) {
      const text = plainIni(rand);
      for (const kind of ['config', 'credentials'] as const) {
        if (check(text, kind, `plain #${i} (${kind})`)) read++;
        else refused++;
      }
    }
    // Both paths must be taken often, or the comparison proves nothing.
    assert.ok(read > 4000, `read ${read}`);
    assert.ok(refused > 1000, `refused ${refused}`);
  });

  it('never differs on the random files of every construct the dialects disagree on, nor on the AWS SDK for Rust parser cases', () => {
    const rand = prng(7);
    for (let i = 0; i < 3000; i++) for (const kind of ['config', 'credentials'] as const) check(randomIni(rand), kind, `random #${i} (${kind})`);
    const data = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'aws-sdk-rust-test-data', 'profile-parser-tests.json'), 'utf8')) as { tests: { name: string; input: { configFile?: string; credentialsFile?: string } }[] };
    let read = 0;
    for (const t of data.tests) {
      if (t.input.configFile !== undefined && check(t.input.configFile, 'config', t.name)) read++;
      if (t.input.credentialsFile !== undefined && check(t.input.credentialsFile, 'credentials', t.name)) read++;
    }
    assert.ok(read >= 10, `Rust cases read in one pass: ${read}`);
  });

  const refuse: [string, string][] = [
    ['an indented entry (botocore: a continuation line)', '[a]\nk = v\n  more = x\n'],
    ['an inline comment', '[a]\nk = v # c\n'],
    ['a `;` in a value', '[a]\nk = v;w\n'],
    ['a `:` delimiter', '[a]\nk: v\n'],
    ['a `:` before the `=`', '[a]\nk:x = v\n'],
    ['a capital in a key', '[a]\nRegion = x\n'],
    ['an empty value (the JavaScript SDK opens a sub-section)', '[a]\ns3 =\n'],
    ['a duplicate key', '[a]\nk = 1\nk = 2\n'],
    ['a duplicate section', '[a]\n[a]\n'],
    ['[DEFAULT]', '[DEFAULT]\nk = v\n'],
    ['__proto__', '[profile __proto__]\n'],
    ['an entry outside a section', 'k = v\n[a]\n'],
    ['a line without a delimiter', '[a]\njunk\n'],
    ['text after a header', '[a] x\n'],
    ['a byte order mark', '\ufeff[a]\n'],
    ['a lone CR', '[a]\rk = v\n'],
    ['a character Python strips and JavaScript does not', '[a]\nk = v\x1c\n'],
  ];
  for (const [what, text] of refuse) {
    it(`gives up on ${what}`, () => assert.equal(readSimple(text, 'config'), undefined));
  }

  it('serves one object as each dialect\'s setting and the lexical entry', () => {
    const text = '# c\n[profile dev]\nregion = eu-west-1\n\n[default]\noutput=json\n';
    const r = readSimple(text, 'config')!;
    const js = r.js.sections.get('profile.dev')!.get('region')!;
    assert.equal(r.py.sections.get('profile dev')!.get('region'), js);
    assert.equal(r.lexical[1], js);
    assert.deepEqual([js.line, js.column, js.valueColumn, js.value], [3, 1, 10, 'eu-west-1']);
  });
});
