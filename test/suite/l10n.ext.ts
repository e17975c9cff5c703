/**
 * Runs inside code-server started with a display language whose bundle the extension carries
 * (test/vscode/l10nSuite.test.ts writes a pseudo-locale bundle of every string and template): the
 * findings in Problems come through it, rendered from their templates and data.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, waitForDiagnostics } from './helpers';

const all = () =>
  vscode.languages
    .getDiagnostics()
    .flatMap(([, ds]) => ds)
    .filter((d) => d.source === 'AWS Credentials Doctor');

describe('findings in the display language', () => {
  it('VS Code runs in the pseudo-locale', () => {
    // (vscode.l10n.bundle here is the test runner's, not the extension's: the Problems below tell.)
    assert.strictEqual(vscode.env.language, process.env.ACD_EXPECT_LANGUAGE);
  });

  it('every finding in Problems is rendered through the bundle (pseudo-translated, values as they are)', async () => {
    const a = await api();
    const findings = (await a.doctor.latest()).report.findings;
    assert.ok(findings.length >= 3, `the fixture home gives findings: ${findings.map((f) => f.code).join(', ')}`);
    await waitForDiagnostics(() => all().length > 0, 'Problems entries');
    const messages = all().map((d) => d.message);
    const english = messages.filter((m) => !m.startsWith('［'));
    assert.deepStrictEqual(english, [], 'a Problems entry in English');
    for (const f of findings.filter((x) => x.template))
      assert.ok(f.message.startsWith('［'), `${f.code}: ${f.message}`);
  });
});
