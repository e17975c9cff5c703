/** The sources, tests and scripts are formatted by Prettier (.prettierrc.json: 120 columns); `npm run format` rewrites them. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../support/projectRoot';

describe('formatting', function () {
  this.timeout(120_000);

  it('every file Prettier formats is formatted (npm run format)', () => {
    const prettier = path.join(PROJECT_ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
    const r = spawnSync(process.execPath, [prettier, '--check', '--log-level', 'warn', '.'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `not formatted (run npm run format):\n${r.stdout}${r.stderr}`);
  });
});
