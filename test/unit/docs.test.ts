/** Every finding code is documented, and the README's table is the generated one. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FindingCode } from '../../src/engine/findings';
import { FINDING_DOCS } from '../../src/engine/findingDocs';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('finding code documentation', () => {
  it('has a cause and a fix for every code', () => {
    for (const code of Object.values(FindingCode)) {
      assert.ok(FINDING_DOCS[code]?.cause.length > 10, code);
      assert.ok(FINDING_DOCS[code]?.fix.length > 0, code);
    }
  });
  it('the README lists every code with an anchor, in the generated form (run scripts/generate-codes-doc.mjs)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const [code, d] of Object.entries(FINDING_DOCS)) {
      assert.ok(readme.includes(`| <a id="${code.toLowerCase()}"></a>\`${code}\` | ${d.cause} | ${d.fix} |`), `${code} row is missing or stale`);
      if (d.untestable) assert.ok(readme.includes(`- \`${code}\`: ${d.untestable}`), `${code}: what the claim tests cannot prove is missing or stale`);
    }
  });
});
