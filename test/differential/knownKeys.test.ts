/**
 * The generated list of known keys equals what the installed tools read
 * (scripts/generate-known-keys.mjs --check: the JavaScript SDK in node_modules, botocore and AWS CLI
 * v1 in the python3 on PATH, AWS CLI v2 at /usr/bin/aws).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TOOL_IDS } from '../../src/engine/core/model';
import { PROJECT_ROOT, toolAvailability } from './runOracles';

const SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'generate-known-keys.mjs');
const GENERATED = path.join(PROJECT_ROOT, 'src', 'engine', 'core', 'knownKeys.generated.ts');

function check(file: string) {
  return spawnSync(process.execPath, [SCRIPT, '--check', '--file', file], {
    encoding: 'utf8',
    cwd: PROJECT_ROOT,
    timeout: 120_000,
  });
}

describe('generated known keys', function () {
  this.timeout(180_000);
  before(function () {
    const missing = TOOL_IDS.filter((t) => !toolAvailability()[t].ok);
    if (!missing.length) return;
    if (process.env.CI) throw new Error(`the real tools are missing in CI: ${missing.join(', ')}`);
    console.warn(`\n!!! SKIPPING the known-keys check: ${missing.map((t) => toolAvailability()[t].why).join('; ')}\n`);
    this.skip();
  });

  it('src/engine/knownKeys.generated.ts matches the keys the installed tools read', () => {
    const r = check(GENERATED);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /matches the installed tools \(\d+ profile keys, \d+ blocks, \d+ sso-session keys\)/);
  });

  it('a list that lost a key, or gained a misspelt one, is reported as drift', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-keys-'));
    try {
      const text = fs.readFileSync(GENERATED, 'utf8');
      const drifted = text
        .replace(/\n\s*"ignore_configured_endpoint_urls": \[[^\]]*\],/, '')
        .replace('"region":', '"ignore_configure_endpoint_urls": ["node"],\n  "region":');
      assert.equal(
        drifted.length,
        text.length -
          '\n  "ignore_configured_endpoint_urls": ["node","python"],'.length +
          '"ignore_configure_endpoint_urls": ["node"],\n  '.length,
      );
      const file = path.join(dir, 'keys.ts');
      fs.writeFileSync(file, drifted);
      const r = check(file);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /differs from the keys the installed tools read/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
