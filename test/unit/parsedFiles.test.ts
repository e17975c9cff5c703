/** ParsedFiles: the extension's re-diagnosis after a change re-parses only the changed file, and answers as a fresh diagnosis. */
import * as assert from 'node:assert/strict';
import { ParsedFiles } from '../../src/engine/files/awsFiles';
import { diagnose } from '../../src/engine/diagnose';
import { buildReport } from '../../src/engine/output/report';
import { MemoryHost } from '../support/memoryHost';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const CONFIG =
  '[profile dev]\nregion = eu-west-1\n[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = dev\n';
const CREDENTIALS =
  '[dev]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = 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\n';

describe('parsed files kept across diagnoses', () => {
  it('reuses unchanged files, re-parses only the changed one, and reports as a fresh diagnosis', () => {
    const fs = new MemoryHost({ '/home/u/.aws/config': CONFIG, '/home/u/.aws/credentials': CREDENTIALS });
    const input = { env: { HOME: '/home/u', AWS_PROFILE: 'role' }, fs, now: NOW, fallbackHomeDir: '/home/u' };
    const parsed = new ParsedFiles();
    const first = diagnose(input, parsed);
    assert.equal(parsed.misses, 2);
    const again = diagnose(input, parsed);
    assert.equal(parsed.misses, 2);
    assert.equal(again.nodeView.config, first.nodeView.config);
    assert.equal(again.pyView.credentials, first.pyView.credentials);

    fs.set('/home/u/.aws/credentials', CREDENTIALS.replace('[dev]', '[dev]\naws_session_token = x\n'));
    const changed = diagnose(input, parsed);
    assert.equal(parsed.misses, 3);
    assert.equal(changed.nodeView.config, first.nodeView.config);
    assert.notEqual(changed.nodeView.credentials, first.nodeView.credentials);
    assert.deepEqual(buildReport(changed), buildReport(diagnose(input)));
    assert.deepEqual(buildReport(again), buildReport(first));

    // A change of mode alone is a change (the permission rules read it).
    fs.set('/home/u/.aws/config', { content: CONFIG, mode: 0o644 });
    const moded = diagnose(input, parsed);
    assert.equal(parsed.misses, 4);
    assert.deepEqual(buildReport(moded), buildReport(diagnose(input)));
  });
});
