/**
 * The exhaustive dispatches over a union's kind (issue 20, item 3): the compiler lists every place a
 * new FixAction kind must be handled (`unreachable` takes a `never`); here, what each handles now.
 */
import * as assert from 'node:assert/strict';
import type { Finding, FixAction } from '../../src/engine/findings/findings';
import { FindingCode, fileTouchedBy } from '../../src/engine/findings/findings';
import { typedCommands } from '../../src/engine/findings/fixCommands';
import { Redactor } from '../../src/engine/secrets/redact';
import { redactFinding } from '../../src/engine/findings/redactFinding';
import { unreachable } from '../../src/engine/core/unreachable';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';

/** One action of every kind, each carrying the secret wherever it has a free text. */
const EVERY_KIND: Record<FixAction['kind'], FixAction> = {
  deleteLine: { kind: 'deleteLine', path: '/h/.aws/credentials', line: 2 },
  replaceText: { kind: 'replaceText', path: '/h/.aws/credentials', line: 2, column: 1, endColumn: 5, text: SECRET },
  unsetEnv: { kind: 'unsetEnv', name: 'AWS_SESSION_TOKEN' },
  setEnv: { kind: 'setEnv', name: 'AWS_SECRET_ACCESS_KEY', value: SECRET },
  runCommand: { kind: 'runCommand', command: `echo ${SECRET}` },
  chmod: { kind: 'chmod', path: '/h/.aws/credentials', mode: 0o600 },
  switchProfile: { kind: 'switchProfile', profile: 'dev' },
  setRegion: { kind: 'setRegion', profile: 'dev', path: '/h/.aws/config', afterLine: 3 },
  removeBom: { kind: 'removeBom', path: '/h/.aws/config' },
};

describe('exhaustive dispatch over kinds', () => {
  it('unreachable names the kind it was given, never the value', () => {
    assert.throws(
      () => unreachable({ kind: 'newKind', value: SECRET } as never, 'fix kind'),
      (e: Error) => e.message === 'unhandled fix kind: newKind',
    );
    assert.throws(
      () => unreachable('zsh' as never, 'shell'),
      (e: Error) => e.message === 'unhandled shell: zsh',
    );
  });

  it('redaction drops exactly the fixes whose text carries a secret, kind by kind', () => {
    const r = new Redactor();
    r.add(SECRET);
    const finding: Finding = {
      code: FindingCode.StaleSessionToken,
      severity: 'warning',
      message: 'm',
      tools: [],
      related: [],
      fixes: Object.values(EVERY_KIND).map((action) => ({ title: action.kind, action })),
    } as unknown as Finding;
    assert.deepEqual(
      redactFinding(finding, r).fixes.map((x) => x.action.kind),
      ['deleteLine', 'unsetEnv', 'chmod', 'switchProfile', 'setRegion', 'removeBom'],
    );
  });

  it('typed commands and the file a fix touches, kind by kind', () => {
    const typed = Object.fromEntries(
      Object.values(EVERY_KIND).map((a) => [a.kind, typedCommands(a, 'linux').map((c) => c.command)]),
    );
    assert.deepEqual(typed, {
      deleteLine: [],
      replaceText: [],
      unsetEnv: ['unset AWS_SESSION_TOKEN'],
      setEnv: [`export AWS_SECRET_ACCESS_KEY=${SECRET}`],
      runCommand: [],
      chmod: ['chmod 600 /h/.aws/credentials'],
      switchProfile: [],
      setRegion: [],
      removeBom: [],
    });
    const touched = Object.fromEntries(Object.values(EVERY_KIND).map((a) => [a.kind, fileTouchedBy(a)]));
    assert.deepEqual(touched, {
      deleteLine: '/h/.aws/credentials',
      replaceText: '/h/.aws/credentials',
      unsetEnv: undefined,
      setEnv: undefined,
      runCommand: undefined,
      chmod: '/h/.aws/credentials',
      switchProfile: undefined,
      setRegion: '/h/.aws/config',
      removeBom: '/h/.aws/config',
    });
  });
});
