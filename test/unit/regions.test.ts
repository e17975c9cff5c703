/** The generated region list equals what the installed AWS SDK ships (scripts/generate-regions.mjs --check). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../support/projectRoot';

const SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'generate-regions.mjs');
const GENERATED = path.join(PROJECT_ROOT, 'src', 'engine', 'core', 'awsRegions.generated.ts');

function check(file: string) {
  return spawnSync(process.execPath, [SCRIPT, '--check', '--file', file], { encoding: 'utf8', cwd: PROJECT_ROOT });
}

describe('generated regions', () => {
  it('src/engine/awsRegions.generated.ts matches @aws-sdk/core', () => {
    const r = check(GENERATED);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /matches @aws-sdk\/core \d+\.\d+\.\d+ \(\d+ regions\)/);
  });

  it('a list missing one region is reported as drift', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-regions-'));
    try {
      const drifted = path.join(dir, 'regions.ts');
      fs.writeFileSync(drifted, fs.readFileSync(GENERATED, 'utf8').replace(/\n\s*"eu-west-1",/, ''));
      const r = check(drifted);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /differs from the regions of @aws-sdk\/core/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
