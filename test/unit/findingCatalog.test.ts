/**
 * Rules as data (issue 20): the generated lists cannot drift from the rule modules' declarations,
 * every template is in the l10n bundle, and the findings render in another language when a bundle
 * for it is loaded: a pseudo-locale bundle through @vscode/l10n (the library VS Code's own l10n
 * formatting comes from, used by extensions outside the extension host).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscodeL10n from '@vscode/l10n';
import type { Finding } from '../../src/engine/findings/findings';
import { FindingCode } from '../../src/engine/findings/findings';
import { Redactor } from '../../src/engine/secrets/redact';
import { redactFinding } from '../../src/engine/findings/redactFinding';
import { FINDING_DOCS } from '../../src/engine/findings/findingDocs';
import { placeholdersOf, renderMessage } from '../../src/engine/core/messages';
import { buildReport } from '../../src/engine/output/report';
import { CODE_CATALOG, OTHER_TEMPLATES } from '../../src/engine/rules/catalog';
import { localizeReport } from '../../src/extension/presentation/localize';
import { diagnoseFixture, findingFixtures } from '../support/findingFixtures';
import { PROJECT_ROOT } from '../support/projectRoot';
import { pseudo } from '../support/pseudoLocale';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const bundle = () =>
  JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
const TEMPLATES = [...CODE_CATALOG.flatMap(([, spec]) => Object.values(spec.messages)), ...OTHER_TEMPLATES];

describe('rules as data: the declarations and what is generated from them', function () {
  this.timeout(60_000);

  it('the FindingCode list, the docs table, the manifest enum and the README table are the generated ones', () => {
    const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'generate-findings.mjs'), '--check'], {
      encoding: 'utf8',
      cwd: PROJECT_ROOT,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`the ${CODE_CATALOG.length} codes' generated lists are current`));
  });

  it('every code is declared once, and the list, the docs and the declarations agree', () => {
    assert.deepEqual(
      CODE_CATALOG.map(([code]) => code),
      Object.values(FindingCode),
    );
    for (const [code, spec] of CODE_CATALOG) {
      assert.deepEqual(
        FINDING_DOCS[code as FindingCode],
        { cause: spec.cause, fix: spec.fix, ...(spec.untestable ? { untestable: spec.untestable } : {}) },
        code,
      );
      assert.ok(Object.keys(spec.messages).length > 0, `${code} declares no message`);
    }
  });

  it('every template is in the l10n bundle, and uses braces only for its placeholders', () => {
    const b = bundle();
    for (const t of TEMPLATES) {
      assert.equal(b[t], t, `not in l10n/bundle.l10n.json (npm run l10n): ${t}`);
      assert.equal(
        t.replace(/{[A-Za-z][A-Za-z0-9]*}/g, '').match(/[{}]/),
        null,
        `a brace that is no placeholder: ${t}`,
      );
    }
  });

  it('renders as VS Code does: one pass, a value holding braces left as it is, a placeholder without a value kept', () => {
    assert.equal(renderMessage('{a} and {b} and {c}', { a: '{b}', b: 'x' }), '{b} and x and {c}');
    assert.deepEqual(placeholdersOf('{a} {b} {a}'), ['a', 'b']);
    vscodeL10n.config({ contents: {} });
    assert.equal(vscodeL10n.t('{a} and {b} and {c}', { a: '{b}', b: 'x' }), '{b} and x and {c}');
  });
});

describe('findings render in the display language when its bundle is loaded (pseudo-locale)', () => {
  const translated = Object.fromEntries(Object.keys(bundle()).map((k) => [k, pseudo(k)]));
  after(() => vscodeL10n.config({ contents: {} }));

  it("every finding of every code's fixture is rendered from the pseudo-locale bundle, the English one unchanged", () => {
    vscodeL10n.config({ contents: translated });
    const l10n = { t: vscodeL10n.t as never };
    const seen = new Set<string>();
    for (const c of findingFixtures(NOW)) {
      const d = diagnoseFixture(c, NOW);
      for (const f of d.findings) {
        assert.ok(
          f.template !== undefined && f.data !== undefined,
          `${c.name}: ${f.code} has no template: ${f.message}`,
        );
        assert.equal(
          renderMessage(f.template, f.data),
          f.message,
          `${f.code}: the template and data render the message`,
        );
      }
      // The report masks every string once more (a data value equal to a secret too): the translation shows no more than that.
      const english = buildReport(d);
      const shown = localizeReport(english, l10n);
      english.findings.forEach((f, i) => {
        assert.equal(shown.findings[i].message, renderMessage(pseudo(f.template!), f.data!), `${c.name}: ${f.code}`);
        seen.add(f.code);
      });
    }
    const expected = Object.values(FindingCode).filter(
      (code) => !code.startsWith('LIVE_') && code !== FindingCode.IdentityConfirmed && code !== FindingCode.ClockSkew,
    );
    assert.deepEqual(
      expected.filter((code) => !seen.has(code)),
      [],
      'codes no fixture rendered',
    );
  });

  it("without a bundle (English), the report is the engine's", () => {
    vscodeL10n.config({ contents: {} });
    const c = findingFixtures(NOW)[0];
    const english = buildReport(diagnoseFixture(c, NOW));
    assert.deepEqual(localizeReport(english, { t: vscodeL10n.t as never }).findings, english.findings);
  });
});

describe("redaction keeps a finding's template only when it shows no more than the English", () => {
  const base: Finding = {
    code: FindingCode.QuotedValue,
    severity: 'warning',
    message: '',
    file: null,
    fileKind: null,
    line: null,
    column: null,
    env: null,
    tools: ['node'],
    related: [],
    fixes: [],
  };
  const withTemplate = (template: string, data: Record<string, string>): Finding => ({
    ...base,
    template,
    data,
    message: renderMessage(template, data),
  });

  it('a secret in a value: masked in the message and in the data, the template kept', () => {
    const r = new Redactor().add('s3cr3tValue0123456789');
    const f = redactFinding(withTemplate('The value {value} is quoted.', { value: 's3cr3tValue0123456789' }), r);
    assert.equal(f.message, 'The value **** is quoted.');
    assert.deepEqual([f.template, f.data], ['The value {value} is quoted.', { value: '****' }]);
  });

  it('a value masked alone but not where the message quotes it: the data as it was (no more than the English shows)', () => {
    const f = redactFinding(
      withTemplate('A placeholder ("{sample}…" style).', { sample: 'fake' }),
      new Redactor().add('fake'),
    );
    assert.equal(f.message, 'A placeholder ("fake…" style).');
    assert.deepEqual(f.data, { sample: 'fake' });
  });

  it('a secret masked only in the context of the whole message: no template, the English redacted message alone', () => {
    const f = redactFinding(
      withTemplate('{key} = {value}', { key: 'aws_secret_access_key', value: 'abcdefgh1234' }),
      new Redactor(),
    );
    assert.equal(f.message, 'aws_secret_access_key = ****');
    assert.deepEqual([f.template, f.data], [undefined, undefined]);
    assert.ok(!('template' in f) && !('data' in f));
  });
});
