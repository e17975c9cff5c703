/**
 * How the command line writes its output: in parts (a large report is not copied into one buffer of
 * its own size), never splitting a character, and whole when standard output is a non-blocking
 * pipe that fills up (the part that did not fit, and every later one, go through the stream; Node
 * writes a pipe synchronously on Linux, so only another system could reorder them without that).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chunks } from '../../src/cli/main';
import { writeHome } from '../bench/largeHome';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

describe('command line output writing', () => {
  it('cuts a text into parts of at most the size, never between the halves of a surrogate pair', () => {
    const texts = ['', 'a', '😀', 'a😀b😀😀c', '😀'.repeat(9), `x${'😀'.repeat(7)}y`, 'abcdefgh'];
    for (const t of texts)
      for (let size = 1; size <= 6; size++) {
        const parts = [...chunks(t, size)];
        assert.equal(parts.join(''), t, `${JSON.stringify(t)} / ${size}`);
        for (const p of parts) {
          assert.ok(p.length > 0 && p.length <= Math.max(size, 2), `${JSON.stringify(p)} of ${JSON.stringify(t)}`);
          // Each part stands alone as UTF-8: no lone surrogate turned into U+FFFD.
          assert.equal(
            Buffer.from(p, 'utf8').toString('utf8'),
            p,
            `${JSON.stringify(p)} of ${JSON.stringify(t)} / ${size}`,
          );
        }
      }
    assert.deepEqual([...chunks('abcdefg', 3)], ['abc', 'def', 'g']);
    assert.deepEqual([...chunks('ab😀', 3)], ['ab', '😀']);
  });

  it('writes a report larger than a pipe and its parts whole and in order to a non-blocking pipe read slowly', function () {
    this.timeout(60_000);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-write-'));
    try {
      const home = writeHome(root, 1000);
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1',
      };
      const expected = spawnSync(process.execPath, [CLI, 'diagnose', '--json'], { env, maxBuffer: 1 << 26 });
      assert.ok(expected.stdout.length > 4 * 64 * 1024, `a report of ${expected.stdout.length} bytes`);
      // Python hands the command line a pipe whose write end is non-blocking, and reads it only after a pause.
      const harness = [
        'import os, subprocess, sys, time',
        'r, w = os.pipe()',
        'os.set_blocking(w, False)',
        'p = subprocess.Popen(sys.argv[1:], stdout=w)',
        'os.close(w)',
        'time.sleep(0.5)',
        'out = b""',
        'while True:',
        '    b = os.read(r, 65536)',
        '    if not b: break',
        '    out += b',
        'p.wait()',
        'sys.stdout.buffer.write(out)',
        'sys.exit(p.returncode)',
      ].join('\n');
      const slow = spawnSync('python3', ['-c', harness, process.execPath, CLI, 'diagnose', '--json'], {
        env,
        maxBuffer: 1 << 26,
      });
      assert.equal(slow.status, expected.status, slow.stderr.toString());
      // The same bytes in the same order, but for the time of each run.
      const timeless = (b: Buffer) => b.toString('latin1').replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""');
      assert.equal(slow.stdout.length, expected.stdout.length);
      assert.ok(timeless(slow.stdout) === timeless(expected.stdout), 'the same bytes, in the same order');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
