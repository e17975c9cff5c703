/**
 * The fuzz suite asserts properties, not only "no throw", on hostile input (issue 8):
 *   - every report validates against the JSON contract (test/support/reportSchema.ts);
 *   - no secret planted in the input appears in any output: diagnose as text, JSON and Markdown,
 *     explain as text and JSON;
 *   - no raw control character reaches the text, Markdown or explain output;
 *   - time and memory grow in proportion to the input (ratios between sizes, never wall-clock
 *     limits: machines are noisy).
 * Families (test/support/hostileCorpus.ts): random and mutated INI, planted secrets, FIFOs,
 * devices, sockets and directories where files should be, huge repeated keys, deep and cyclic
 * chains, out-of-range dates, control characters, pasted presigned URLs. 10,000 inputs through the
 * engine in memory; a sample through the built command line on a real disk.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnose } from '../../src/engine/diagnose';
import { explainError } from '../../src/engine/explain/explainError';
import { formatExplanation } from '../../src/engine/explain/formatExplanation';
import { formatText } from '../../src/engine/output/format';
import { formatMarkdown } from '../../src/engine/output/markdown';
import { buildReport } from '../../src/engine/output/report';
import { terminalJson } from '../../src/engine/core/sanitize';
import { TOOL_IDS } from '../../src/engine/core/model';
import { MemoryHost } from '../support/memoryHost';
import { prng, randomIni } from '../support/iniCorpus';
import type { HostileInput } from '../support/hostileCorpus';
import { FAMILIES, FUZZ_HOME, hostileInput } from '../support/hostileCorpus';
import { validateReport } from '../support/reportSchema';
import { bestCpuMs } from '../support/cpuTime';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 10_000);
const ROOT = path.resolve(__dirname, '..', '..', '..');
/** A control character as it must never be printed: C0 but the line feed, DEL, C1, separators, bidirectional controls. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Every output of one input, as the command line would print it. */
function outputs(input: HostileInput): { report: unknown; text: Record<string, string> } {
  const d = diagnose({
    env: input.env,
    fs: new MemoryHost(input.files),
    now: NOW,
    fallbackHomeDir: FUZZ_HOME,
    explicitProfile: input.explicitProfile,
  });
  const report = buildReport(d);
  const explanation = explainError(input.paste, d);
  const json = terminalJson(report);
  return {
    report: JSON.parse(json),
    text: {
      text: formatText(report, NOW),
      json,
      markdown: formatMarkdown(report, NOW, input.env),
      explain: formatExplanation(explanation),
      'explain --json': terminalJson(explanation),
    },
  };
}

/** What is wrong with the outputs of one input: schema problems, leaked secrets, raw control characters. */
function propertyViolations(input: HostileInput): string[] {
  const { report, text } = outputs(input);
  const out = validateReport(report).map((p) => `schema: ${p}`);
  for (const secret of input.secrets)
    for (const [mode, s] of Object.entries(text))
      if (s.includes(secret)) out.push(`${mode} shows a secret (${secret.slice(0, 8)}…)`);
  for (const mode of ['text', 'markdown', 'explain']) {
    const m = RAW_CONTROL.exec(text[mode]);
    if (m) out.push(`${mode} has a raw U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  return out;
}

describe('fuzz: properties on hostile input', function () {
  this.timeout(300_000);

  it(`${ITERATIONS} generated inputs of ${FAMILIES.length} families: valid report, no secret in any output, no raw control character`, () => {
    const rand = prng(4242);
    const seen = new Map<string, number>();
    for (let i = 0; i < ITERATIONS; i++) {
      const input = hostileInput(rand, i);
      seen.set(input.family, (seen.get(input.family) ?? 0) + 1);
      let problems: string[];
      try {
        problems = propertyViolations(input);
      } catch (e) {
        problems = [`threw ${(e as Error).stack}`];
      }
      if (problems.length) {
        assert.fail(
          `input ${i} (${input.family}): ${problems.slice(0, 5).join('; ')}\nfiles=${JSON.stringify(input.files).slice(0, 2000)}\nenv=${JSON.stringify(input.env)}\npaste=${JSON.stringify(input.paste).slice(0, 500)}`,
        );
      }
    }
    assert.deepEqual([...seen.keys()].sort(), [...FAMILIES].sort());
  });

  it('a 10 MB config file, a 1 MB single line, NUL bytes and invalid UTF-8: valid reports', () => {
    const rand = prng(7);
    const parts: string[] = [];
    let size = 0;
    while (size < 10 * 1024 * 1024) {
      const chunk = randomIni(rand, 50);
      parts.push(chunk);
      size += chunk.length;
    }
    const invalidUtf8 = new Uint8Array([0x5b, 0x64, 0x65, 0x76, 0x5d, 0x0a, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x0a]);
    const homes = [
      { config: parts.join('\n'), credentials: '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n' },
      { config: '[default]\nregion = ' + 'x'.repeat(1024 * 1024), credentials: '\u0000'.repeat(1000) },
      { config: invalidUtf8, credentials: invalidUtf8 },
      { config: '[profile a]\nrole_arn=r\nsource_profile=a\n'.repeat(20000), credentials: '' },
    ];
    for (const h of homes) {
      for (const env of [{ HOME: FUZZ_HOME }, { HOME: FUZZ_HOME, AWS_PROFILE: 'a' }] as Record<string, string>[]) {
        const input: HostileInput = {
          family: 'random-ini',
          files: {
            [`${FUZZ_HOME}/.aws/config`]: { content: h.config },
            [`${FUZZ_HOME}/.aws/credentials`]: { content: h.credentials },
          },
          env,
          paste: 'ExpiredToken',
          secrets: [],
        };
        assert.deepEqual(propertyViolations(input), []);
      }
    }
  });

  it('deep and cyclic role chains of every length up to 60 terminate with a valid report', () => {
    for (let n = 1; n <= 60; n++) {
      const lines: string[] = [];
      for (let i = 0; i < n; i++)
        lines.push(
          `[profile p${i}]`,
          'role_arn = arn:aws:iam::123456789012:role/R',
          `source_profile = p${(i + 1) % n}`,
        );
      const d = diagnose({
        env: { HOME: FUZZ_HOME, AWS_PROFILE: 'p0' },
        fs: new MemoryHost({ [`${FUZZ_HOME}/.aws/config`]: lines.join('\n') }),
        now: NOW,
        fallbackHomeDir: FUZZ_HOME,
      });
      for (const t of TOOL_IDS) assert.ok(d.tools[t].source);
      assert.deepEqual(validateReport(JSON.parse(JSON.stringify(buildReport(d)))), []);
    }
  });

  describe('time and memory in proportion to the input', () => {
    const shapes: Record<string, (bytes: number) => Record<string, string>> = {
      'one key repeated': (bytes) => ({
        '.aws/credentials': `[default]\n${'aws_access_key_id = AKIAJ2QWERTYUIOPASDF\n'.repeat(bytes / 41)}`,
      }),
      'many profiles': (bytes) => ({
        '.aws/credentials': Array.from(
          { length: bytes / 100 },
          (_, i) =>
            `[p${i}]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = Qk9x/2pQ+7rLmN4vB8wZ1cY6hJ3sD5fG0aE2uI9\n`,
        ).join(''),
      }),
      'one source_profile chain': (bytes) => ({
        '.aws/config': Array.from(
          { length: bytes / 80 },
          (_, i) => `[profile p${i}]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = p${i + 1}\n`,
        ).join(''),
      }),
      'one long line': (bytes) => ({ '.aws/config': `[default]\nregion = ${'x'.repeat(bytes)}\n` }),
    };

    /** Milliseconds of processor time of one diagnosis with every output, the best of three. */
    function time(files: Record<string, string>): number {
      const input: HostileInput = {
        family: 'repeated-keys',
        files: Object.fromEntries(Object.entries(files).map(([k, v]) => [`${FUZZ_HOME}/${k}`, v])),
        env: { HOME: FUZZ_HOME, AWS_PROFILE: 'p0' },
        paste: 'ExpiredToken',
        secrets: [],
      };
      return bestCpuMs(() => outputs(input));
    }

    for (const [name, make] of Object.entries(shapes)) {
      it(`${name}: 4x the input takes at most 12x the time (linear is 4x)`, () => {
        time(make(64 * 1024));
        const small = time(make(512 * 1024));
        const large = time(make(2048 * 1024));
        assert.ok(
          large / small < 12,
          `${name}: ${small.toFixed(0)} ms at 0.5 MB, ${large.toFixed(0)} ms at 2 MB (${(large / small).toFixed(1)}x)`,
        );
      });
    }

    it('peak memory of the command line: 4x the input costs at most 8x the memory above the baseline (a separate process, its peak RSS)', function () {
      const peak = (shape: string, bytes: number): number => {
        const make = shapes[shape];
        const script = `
          const { diagnose } = require(${JSON.stringify(path.join(ROOT, 'out', 'src', 'engine', 'diagnose.js'))});
          const { buildReport } = require(${JSON.stringify(path.join(ROOT, 'out', 'src', 'engine', 'output', 'report.js'))});
          const { formatText } = require(${JSON.stringify(path.join(ROOT, 'out', 'src', 'engine', 'output', 'format.js'))});
          const { MemoryHost } = require(${JSON.stringify(path.join(ROOT, 'out', 'test', 'support', 'memoryHost.js'))});
          const files = (${make.toString()})(${bytes});
          const host = new MemoryHost(Object.fromEntries(Object.entries(files).map(([k, v]) => ['/h/' + k, v])));
          const before = process.memoryUsage.rss();
          const d = diagnose({ env: { HOME: '/h', AWS_PROFILE: 'p0' }, fs: host, now: 0, fallbackHomeDir: '/h' });
          formatText(buildReport(d), 0);
          process.stdout.write(String(process.resourceUsage().maxRSS * 1024 - before));`;
        const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        return Math.max(1, Number(r.stdout));
      };
      for (const shape of ['one key repeated', 'many profiles']) {
        const small = peak(shape, 2 * 1024 * 1024);
        const large = peak(shape, 8 * 1024 * 1024);
        assert.ok(
          large / small < 8,
          `${shape}: ${(small / 1e6).toFixed(0)} MB above baseline at 2 MB, ${(large / 1e6).toFixed(0)} MB at 8 MB`,
        );
        assert.ok(
          large / (8 * 1024 * 1024) < 80,
          `${shape}: ${(large / (8 * 1024 * 1024)).toFixed(0)} bytes of memory per byte of input`,
        );
      }
    });
  });

  describe('the built command line on a real disk, for a sample', () => {
    let dir: string;
    before(function () {
      if (process.platform === 'win32') this.skip();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-fuzz-cli-'));
    });
    after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

    /** Writes an input to disk: FIFOs with mkfifo, devices as links to /dev/zero, directories as directories. */
    function materialise(input: HostileInput, name: string): { home: string; env: Record<string, string> } {
      const root = path.join(dir, name);
      const map = (p: string) => path.join(root, p);
      fs.mkdirSync(map(FUZZ_HOME), { recursive: true });
      for (const [p, f] of Object.entries(input.files)) {
        const target = map(p);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const file = typeof f === 'string' ? { content: f } : f;
        if (file.type === 'fifo') assert.equal(spawnSync('mkfifo', [target]).status, 0);
        else if (file.type === 'character-device' || file.type === 'block-device') fs.symlinkSync('/dev/zero', target);
        else if (file.type === 'directory' || file.type === 'socket') fs.mkdirSync(target);
        else fs.writeFileSync(target, file.content, { mode: file.mode ?? 0o600 });
      }
      const env: Record<string, string> = { PATH: '/usr/bin:/bin', AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1' };
      for (const [k, v] of Object.entries(input.env)) env[k] = v.startsWith('/') ? map(v) : v;
      return { home: map(FUZZ_HOME), env };
    }

    it('12 inputs (FIFOs, /dev/zero, directories, secrets, control characters, chains, dates), every mode: ends, exits 0 or 1, valid JSON, no secret, no raw control character', () => {
      const rand = prng(99);
      const bin = path.join(ROOT, 'dist', 'cli.js');
      const picked: HostileInput[] = [];
      for (let i = 0; picked.length < 12; i++) {
        const input = hostileInput(rand, i);
        // NUL cannot be passed in an environment variable.
        if (
          input.family !== 'random-ini' &&
          input.family !== 'repeated-keys' &&
          !Object.values(input.env).some((v) => v.includes('\u0000'))
        )
          picked.push(input);
      }
      picked.forEach((input, n) => {
        const { home, env } = materialise(input, `h${n}`);
        for (const mode of [['--json'], [], ['--markdown']]) {
          const r = spawnSync(process.execPath, [bin, 'diagnose', ...mode, '--home', home], {
            env,
            encoding: 'utf8',
            timeout: 30_000,
          });
          const what = `${input.family} #${n} ${mode.join(' ')}: ${r.stderr}`;
          assert.equal(r.signal, null, `killed (a hang?): ${what}`);
          assert.ok(r.status === 0 || r.status === 1, what);
          if (mode[0] === '--json') assert.deepEqual(validateReport(JSON.parse(r.stdout)), [], what);
          else assert.doesNotMatch(r.stdout, RAW_CONTROL, what);
          for (const secret of input.secrets) assert.ok(!r.stdout.includes(secret), `secret in ${what}`);
        }
        const e = spawnSync(
          process.execPath,
          [bin, 'explain', '--home', home, '--', input.paste.replace(/\u0000/g, '')],
          { env, encoding: 'utf8', timeout: 30_000 },
        );
        assert.equal(e.status, 0, e.stderr);
        assert.doesNotMatch(e.stdout, RAW_CONTROL);
        for (const secret of input.secrets)
          assert.ok(!e.stdout.includes(secret), `secret in explain of ${input.family} #${n}`);
      });
    });
  });
});
