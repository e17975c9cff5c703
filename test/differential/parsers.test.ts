/**
 * The two INI dialects against the real parsers: the JavaScript SDK's loadSharedConfigFiles
 * (@smithy/shared-ini-file-loader) in this process, and botocore's raw_config_parse /
 * build_profile_map in the machine's Python; and the one pass (simpleIni.ts) that stands in for
 * both, wherever it reads the file. Inputs: the cross-SDK parser cases from the AWS SDK for Rust's
 * test data, seeded random files mixing every construct the dialects disagree on, and seeded files
 * as people write them (nested blocks, inline comments, capitals).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { parseJsIni, jsConfigProfiles } from '../../src/engine/files/jsIni';
import { parsePyIni } from '../../src/engine/files/pyIni';
import { shlexSplit } from '../../src/engine/core/text';
import { PROJECT_ROOT } from './runOracles';
import { readSimple } from '../../src/engine/files/simpleIni';
import { prng, randomIni, realisticIni } from '../support/iniCorpus';

const RANDOM_FILES = Number(process.env.PARSER_CASES ?? 400);

interface Case {
  name: string;
  text: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  const file = path.join(PROJECT_ROOT, 'test', 'fixtures', 'aws-sdk-rust-test-data', 'profile-parser-tests.json');
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    tests: { name: string; input: { configFile?: string; credentialsFile?: string } }[];
  };
  for (const t of data.tests) {
    if (t.input.configFile !== undefined) out.push({ name: `rust: ${t.name} (config)`, text: t.input.configFile });
    if (t.input.credentialsFile !== undefined)
      out.push({ name: `rust: ${t.name} (credentials)`, text: t.input.credentialsFile });
  }
  const rand = prng(20261122);
  for (let i = 0; i < RANDOM_FILES; i++) out.push({ name: `random #${i}`, text: randomIni(rand) });
  const real = prng(20261207);
  for (let i = 0; i < RANDOM_FILES; i++) out.push({ name: `realistic #${i}`, text: realisticIni(real) });
  return out;
}

type Plain = Record<string, Record<string, unknown>>;

// Object.fromEntries keeps "__proto__" as an own key, as JSON.parse does on the Python side.
function plainJs(sections: ReadonlyMap<string, ReadonlyMap<string, { value: string }>>): Plain {
  return Object.fromEntries(
    [...sections].map(([name, section]) => [name, Object.fromEntries([...section].map(([k, s]) => [k, s.value]))]),
  );
}

function plainPy(
  sections: ReadonlyMap<string, ReadonlyMap<string, { value: string; nested?: ReadonlyMap<string, string> }>>,
): Plain {
  return Object.fromEntries(
    [...sections].map(([name, section]) => [
      name,
      Object.fromEntries([...section].map(([k, s]) => [k, s.nested ? Object.fromEntries(s.nested) : s.value])),
    ]),
  );
}

/** Object with sorted keys, for a comparison that ignores key order. */
function sorted(x: unknown): unknown {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return x;
  return Object.fromEntries(
    Object.keys(x as object)
      .sort()
      .map((k) => [k, sorted((x as Record<string, unknown>)[k])]),
  );
}

describe('INI dialects versus the real parsers', function () {
  this.timeout(120_000);
  const all = cases();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-ini-'));
  const paths = all.map((c, i) => {
    const p = path.join(dir, `case-${i}.ini`);
    fs.writeFileSync(p, c.text, 'utf8');
    return p;
  });
  let py: { ok: boolean; sections?: Plain; profiles?: Plain; error?: string; inner?: string; line?: number | null }[] =
    [];

  before(() => {
    const r = spawnSync('python3', [path.join(PROJECT_ROOT, 'test', 'differential', 'oracles', 'ini_oracle.py')], {
      input: JSON.stringify(paths),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, LANG: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1', HOME: dir },
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`ini_oracle.py failed: ${r.stderr}`);
    py = JSON.parse(r.stdout);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`runs ${all.length} files through both real parsers`, () => {
    assert.equal(py.length, all.length);
  });

  it('the JavaScript dialect equals the SDK parser on every file (sections and config profiles)', async () => {
    const failures: string[] = [];
    for (let i = 0; i < all.length; i++) {
      const real = await loadSharedConfigFiles({ filepath: paths[i], configFilepath: paths[i], ignoreCache: true });
      const text = fs.readFileSync(paths[i], 'utf8');
      const b = JSON.stringify(sorted(real.credentialsFile));
      const d = JSON.stringify(sorted(real.configFile));
      for (const [reader, parsed] of [
        ['jsIni', parseJsIni(text, 'credentials')],
        ['one pass', readSimple(text, 'credentials')?.js],
      ] as const) {
        if (!parsed) continue;
        const a = JSON.stringify(sorted(parsed.rejected ? {} : plainJs(parsed.sections)));
        const c = JSON.stringify(sorted(parsed.rejected ? {} : plainJs(jsConfigProfiles(parsed))));
        if (a !== b || c !== d)
          failures.push(
            `${all[i].name} (${reader}): ${JSON.stringify(all[i].text)}\n  mine ${a} | ${c}\n  sdk  ${b} | ${d}`,
          );
      }
    }
    assert.deepEqual(failures, []);
  });

  it('the botocore dialect equals raw_config_parse on every file (sections, errors and their lines)', () => {
    const failures: string[] = [];
    for (let i = 0; i < all.length; i++) {
      const text = fs.readFileSync(paths[i], 'utf8');
      const real = py[i];
      const once = readSimple(text, 'config')?.py;
      if (once) {
        // The one pass reads only files botocore parses.
        const a = JSON.stringify(sorted(plainPy(once.sections)));
        const b = real.ok ? JSON.stringify(sorted(real.sections)) : `${real.error}/${real.inner} on line ${real.line}`;
        if (a !== b)
          failures.push(`${all[i].name} (one pass): ${JSON.stringify(all[i].text)}\n  mine     ${a}\n  botocore ${b}`);
      }
      const mine = parsePyIni(text, 'config');
      if (!real.ok) {
        if (!mine.error)
          failures.push(
            `${all[i].name}: botocore raised ${real.error}/${real.inner} on line ${real.line}, mine parsed it: ${JSON.stringify(all[i].text)}`,
          );
        else if (real.line !== null && real.line !== undefined && mine.error.line !== real.line)
          failures.push(
            `${all[i].name}: error line ${mine.error.line} != botocore ${real.line} (${real.inner}): ${JSON.stringify(all[i].text)}`,
          );
        continue;
      }
      if (mine.error) {
        failures.push(
          `${all[i].name}: mine raised ${mine.error.kind} on line ${mine.error.line}, botocore parsed it: ${JSON.stringify(all[i].text)}`,
        );
        continue;
      }
      const a = JSON.stringify(sorted(plainPy(mine.sections)));
      const b = JSON.stringify(sorted(real.sections));
      if (a !== b) failures.push(`${all[i].name}: ${JSON.stringify(all[i].text)}\n  mine     ${a}\n  botocore ${b}`);
    }
    assert.deepEqual(failures, []);
  });

  it('shlex.split matches Python on section names', () => {
    const inputs = [
      'profile a',
      'profile  a',
      'profile "a b"',
      "profile 'a b'",
      'profile "a',
      'profile a\\',
      'profile a\\ b',
      'profile "a\\"b"',
      'profile "a\\x"',
      'profilefoo bar',
      'profile',
    ];
    const r = spawnSync(
      'python3',
      [
        '-c',
        'import json,shlex,sys\nout=[]\nfor s in json.load(sys.stdin):\n  try: out.append(shlex.split(s))\n  except ValueError: out.append(None)\nprint(json.dumps(out))',
      ],
      { input: JSON.stringify(inputs), encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      inputs.map((s) => shlexSplit(s) ?? null),
      JSON.parse(r.stdout),
    );
  });
});
