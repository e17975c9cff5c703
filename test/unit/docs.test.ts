/** Every finding code is documented (the README's table is generated: findingCatalog.test.ts). */
import * as assert from 'node:assert/strict';
import { FindingCode } from '../../src/engine/findings/findings';
import { FINDING_DOCS } from '../../src/engine/findings/findingDocs';

describe('finding code documentation', () => {
  it('has a cause and a fix for every code', () => {
    for (const code of Object.values(FindingCode)) {
      assert.ok(FINDING_DOCS[code]?.cause.length > 10, code);
      assert.ok(FINDING_DOCS[code]?.fix.length > 0, code);
    }
  });
});
