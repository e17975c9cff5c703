/**
 * DiagnosticPublisher: only the files whose diagnostics changed reach the collection (each
 * publication of a file rebuilds its Problems entries and voids a quick-fix menu open on them).
 * The collection is a HAND-WRITTEN FAKE recording set(); the diagnostics are plain objects of
 * vscode.Diagnostic's shape. The real collection and Problems: test/suite/extension.ext.ts and
 * test/ui/extensionUi.test.ts.
 */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { DiagnosticPublisher } from '../../src/extension/diagnosticPublisher';

const uri = (path: string) => ({ path, toString: () => `file://${path}` }) as unknown as vscode.Uri;
const CREDENTIALS = uri('/home/u/.aws/credentials');
const CONFIG = uri('/home/u/.aws/config');

function diagnostic(line: number, message: string, code = 'PROFILE_PREFIX_IN_CREDENTIALS'): vscode.Diagnostic {
  const pos = (character: number) => ({ line, character });
  return {
    range: { start: pos(0), end: pos(17) },
    message,
    severity: 0,
    source: 'AWS Credentials Doctor',
    code: { value: code, target: { toString: () => `https://example.invalid/README.md#${code.toLowerCase()}` } },
  } as unknown as vscode.Diagnostic;
}

function publisher(): { p: DiagnosticPublisher; sets: string[][] } {
  const sets: string[][] = [];
  const collection = {
    set: (updates: [vscode.Uri, vscode.Diagnostic[] | undefined][]) =>
      sets.push(
        updates.map(
          ([u, ds]) =>
            `${u.toString()} ${ds ? ds.map((d) => `${d.range.start.line}:${d.message}`).join(',') : 'cleared'}`,
        ),
      ),
  } as unknown as vscode.DiagnosticCollection;
  return { p: new DiagnosticPublisher(collection), sets };
}

describe('DiagnosticPublisher', () => {
  it('publishes the same diagnostics once, however often they are diagnosed again', () => {
    const { p, sets } = publisher();
    for (let i = 0; i < 3; i++)
      p.publish([
        [CREDENTIALS, [diagnostic(10, 'a')]],
        [CONFIG, [diagnostic(2, 'b', 'UNKNOWN_KEY')]],
      ]);
    assert.deepEqual(sets, [['file:///home/u/.aws/credentials 10:a', 'file:///home/u/.aws/config 2:b']]);
  });

  it('publishes only the file whose diagnostics changed: a line, a message, a code', () => {
    const { p, sets } = publisher();
    p.publish([
      [CREDENTIALS, [diagnostic(10, 'a')]],
      [CONFIG, [diagnostic(2, 'b')]],
    ]);
    p.publish([
      [CREDENTIALS, [diagnostic(11, 'a')]],
      [CONFIG, [diagnostic(2, 'b')]],
    ]);
    p.publish([
      [CREDENTIALS, [diagnostic(11, 'a')]],
      [CONFIG, [diagnostic(2, 'c')]],
    ]);
    p.publish([
      [CREDENTIALS, [diagnostic(11, 'a', 'DUPLICATE_SECTION')]],
      [CONFIG, [diagnostic(2, 'c')]],
    ]);
    assert.deepEqual(sets.slice(1), [
      ['file:///home/u/.aws/credentials 11:a'],
      ['file:///home/u/.aws/config 2:c'],
      ['file:///home/u/.aws/credentials 11:a'],
    ]);
  });

  it('clears a file left out or left with none, once', () => {
    const { p, sets } = publisher();
    p.publish([
      [CREDENTIALS, [diagnostic(10, 'a')]],
      [CONFIG, [diagnostic(2, 'b')]],
    ]);
    p.publish([[CREDENTIALS, [diagnostic(10, 'a')]]]);
    p.publish([[CREDENTIALS, []]]);
    p.publish([[CREDENTIALS, []]]);
    p.publish([]);
    assert.deepEqual(sets.slice(1), [
      ['file:///home/u/.aws/config cleared'],
      ['file:///home/u/.aws/credentials cleared'],
    ]);
  });
});
