/**
 * Issue 15's four false findings, each a regression test named after its input, proven with the
 * real tools: the engine must not raise the false finding, must raise the true one where the tools
 * really differ, and the real JavaScript SDK, botocore and AWS CLI v2 must do what the test says
 * (a credential_process helper records the arguments each tool ran it with). Every finding the
 * engine raises on these homes has its claims checked too (claims.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnosis } from '../../src/engine/findings/diagnosis';
import type { ToolId } from '../../src/engine/core/model';
import { TOOL_IDS } from '../../src/engine/core/model';
import type { ToolRuns } from './claims';
import { checkClaims, diagnoseAndRun } from './claims';
import { fakeKeyId, fakeSecret } from './generateScenarios';
import type { Scenario, ScenarioFile } from './scenario';
import { PROJECT_ROOT, toolAvailability } from './runOracles';

const KEY = fakeKeyId('AKIA', 'recorder');
/** Prints credentials and records, one per line, the arguments it was started with (in ~/.argv). */
const RECORDER: ScenarioFile = {
  text: `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > "$HOME/.argv"\nprintf '{"Version":1,"AccessKeyId":"${KEY}","SecretAccessKey":"${fakeSecret('recorder')}"}'\n`,
  mode: 0o755,
};
const STATIC = `[self]\naws_access_key_id = ${fakeKeyId('AKIA', 'self')}\naws_secret_access_key = ${fakeSecret('self')}\n`;

/** What one tool must do: its source, and for a helper the arguments it ran it with. */
interface Expect {
  readonly source: string;
  readonly argv?: readonly string[];
  /** The endpoint it would call for DynamoDB: "local" (the configured localhost) or "aws". */
  readonly dynamodb?: 'local' | 'aws';
  readonly error?: RegExp;
}

interface Case {
  /** The input, as the user wrote it: the test's name. */
  readonly input: string;
  readonly config: string;
  readonly credentials?: string;
  readonly env?: Record<string, string>;
  /** Codes that must not appear (the false finding). */
  readonly absent: readonly string[];
  /** Codes that must appear, with a word of their message. */
  readonly present?: Readonly<Record<string, RegExp>>;
  readonly tools: Readonly<Partial<Record<ToolId, Expect>>>;
}

const all = (e: Expect): Record<ToolId, Expect> => ({ node: e, python: e, cli: e });
const processLine = (value: string): string => `[default]\nregion = eu-west-1\ncredential_process = ${value}\n`;
const runs = (argv: readonly string[]) => all({ source: 'process', argv });
const fails = {
  node: { source: 'none' },
  python: { source: 'error', error: /No such file or directory/ },
  cli: { source: 'error', error: /No such file or directory/ },
} as const;

const CASES: Case[] = [
  // QUOTED_VALUE: the tools take credential_process as a command line and remove its quotes as a shell would.
  {
    input: 'credential_process = "/path/to/helper"',
    config: processLine('"{HOME}/bin/rec.sh"'),
    absent: ['QUOTED_VALUE', 'CREDENTIAL_PROCESS_SHELL', 'CREDENTIAL_PROCESS_NOT_FOUND'],
    tools: runs([]),
  },
  {
    input: "credential_process = '/path/to/helper'",
    config: processLine("'{HOME}/bin/rec.sh'"),
    absent: ['QUOTED_VALUE', 'CREDENTIAL_PROCESS_SHELL', 'CREDENTIAL_PROCESS_NOT_FOUND'],
    tools: runs([]),
  },
  {
    input: 'credential_process = "/path/to/helper" --arg "a b"',
    config: processLine('"{HOME}/bin/rec.sh" --arg "a b"'),
    absent: ['QUOTED_VALUE', 'CREDENTIAL_PROCESS_SHELL'],
    tools: runs(['--arg', 'a b']),
  },
  {
    input: "credential_process = '/path/to/helper' --arg 'a b'",
    config: processLine("'{HOME}/bin/rec.sh' --arg 'a b'"),
    absent: ['QUOTED_VALUE', 'CREDENTIAL_PROCESS_SHELL'],
    tools: runs(['--arg', 'a b']),
  },
  {
    input: 'credential_process = "/path with space/helper" arg',
    config: processLine('"{HOME}/my bin/rec.sh" arg'),
    absent: ['QUOTED_VALUE', 'CREDENTIAL_PROCESS_SHELL', 'CREDENTIAL_PROCESS_NOT_FOUND'],
    tools: runs(['arg']),
  },
  {
    input: 'credential_process = /path\\ with\\ space/helper arg',
    config: processLine('{HOME}/my\\ bin/rec.sh arg'),
    absent: ['QUOTED_VALUE', 'CREDENTIAL_PROCESS_SHELL', 'CREDENTIAL_PROCESS_NOT_FOUND'],
    tools: runs(['arg']),
  },
  // Quotes around the whole line make it one word, the program's name, for every tool alike.
  {
    input: 'credential_process = "/path/to/helper --arg x"',
    config: processLine('"{HOME}/bin/rec.sh --arg x"'),
    absent: ['QUOTED_VALUE', 'CREDENTIAL_PROCESS_SHELL'],
    present: { CREDENTIAL_PROCESS_NOT_FOUND: /the quotes make the whole line/ },
    tools: fails,
  },
  {
    input: "credential_process = '/path/to/helper --arg x'",
    config: processLine("'{HOME}/bin/rec.sh --arg x'"),
    absent: ['QUOTED_VALUE', 'CREDENTIAL_PROCESS_SHELL'],
    present: { CREDENTIAL_PROCESS_NOT_FOUND: /the quotes make the whole line/ },
    tools: fails,
  },
  // CREDENTIAL_PROCESS_SHELL: the pipe inside the quoted script of sh -c runs alike everywhere.
  {
    input: 'credential_process = sh -c "op item get … | jq …"',
    config: processLine('sh -c "{HOME}/bin/rec.sh item get x | cat"'),
    absent: ['CREDENTIAL_PROCESS_SHELL', 'QUOTED_VALUE'],
    tools: runs(['item', 'get', 'x']),
  },
  {
    input: "credential_process = sh -c 'op item get … | jq …'",
    config: processLine("sh -c '{HOME}/bin/rec.sh item get x | cat'"),
    absent: ['CREDENTIAL_PROCESS_SHELL', 'QUOTED_VALUE'],
    tools: runs(['item', 'get', 'x']),
  },
  {
    input: 'credential_process = bash -c "op item get $ITEM | jq …"',
    config: processLine('bash -c "{HOME}/bin/rec.sh item get $ITEM | cat"'),
    env: { ITEM: 'vault-key' },
    absent: ['CREDENTIAL_PROCESS_SHELL'],
    tools: runs(['item', 'get', 'vault-key']),
  },
  // Where the tools really differ, the finding stays, and the helper shows the two argument lists.
  {
    input: 'credential_process = helper item | jq …',
    config: processLine('{HOME}/bin/rec.sh item | cat'),
    absent: ['QUOTED_VALUE'],
    present: { CREDENTIAL_PROCESS_SHELL: /a pipe \(\|\)/ },
    tools: {
      node: { source: 'process', argv: ['item'] },
      python: { source: 'process', argv: ['item', '|', 'cat'] },
      cli: { source: 'process', argv: ['item', '|', 'cat'] },
    },
  },
  {
    input: 'credential_process = helper "$HOME"',
    config: processLine('{HOME}/bin/rec.sh "$ITEM"'),
    env: { ITEM: 'vault-key' },
    absent: ['QUOTED_VALUE'],
    present: { CREDENTIAL_PROCESS_SHELL: /an expansion \(\$\)/ },
    tools: {
      node: { source: 'process', argv: ['vault-key'] },
      python: { source: 'process', argv: ['$ITEM'] },
      cli: { source: 'process', argv: ['$ITEM'] },
    },
  },
  // UNKNOWN_KEY: ignore_configured_endpoint_urls is a real key; the typo is the unknown one.
  {
    input: 'ignore_configured_endpoint_urls = true',
    config: '[default]\nregion = eu-west-1\nignore_configured_endpoint_urls = true\n',
    env: { AWS_ENDPOINT_URL_DYNAMODB: 'http://localhost:8000' },
    absent: ['UNKNOWN_KEY'],
    tools: {
      node: { source: 'none', dynamodb: 'aws' },
      python: { source: 'none', dynamodb: 'aws' },
      cli: { source: 'none', dynamodb: 'aws' },
    },
  },
  {
    input: 'ignore_configure_endpoint_urls = true',
    config: '[default]\nregion = eu-west-1\nignore_configure_endpoint_urls = true\n',
    env: { AWS_ENDPOINT_URL_DYNAMODB: 'http://localhost:8000' },
    absent: [],
    present: {
      UNKNOWN_KEY:
        /Did you mean ignore_configured_endpoint_urls \(JavaScript SDK v3 and botocore \(boto3, AWS CLI v1\) read it\)/,
    },
    tools: {
      node: { source: 'none', dynamodb: 'local' },
      python: { source: 'none', dynamodb: 'local' },
      cli: { source: 'none', dynamodb: 'aws' },
    },
  },
  {
    input: 's3 = / max_concurrent_requests = 20 and [services local] / dynamodb = / endpoint_url',
    config:
      '[default]\nregion = eu-west-1\nservices = local\ns3 =\n  max_concurrent_requests = 20\n  multipart_threshold = 64MB\n\n[services local]\ndynamodb =\n  endpoint_url = http://localhost:8000\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n',
    absent: ['UNKNOWN_KEY'],
    tools: {
      node: { source: 'none', dynamodb: 'local' },
      python: { source: 'none', dynamodb: 'local' },
      cli: { source: 'none', dynamodb: 'aws' },
    },
  },
  // SOURCE_PROFILE_CYCLE: a profile naming itself loops only without keys of its own.
  {
    input: '[profile self] source_profile = self (no keys)',
    config:
      '[profile self]\nrole_arn = arn:aws:iam::123456789012:role/Self\nsource_profile = self\nregion = eu-west-1\n',
    env: { AWS_PROFILE: 'self' },
    absent: [],
    present: { SOURCE_PROFILE_CYCLE: /^Profile "self" names itself as source_profile/ },
    tools: {
      node: { source: 'none' },
      python: { source: 'error', error: /Infinite loop/ },
      cli: { source: 'error', error: /Infinite loop/ },
    },
  },
  {
    input: '[profile self] source_profile = self with keys in [self]',
    config:
      '[profile self]\nrole_arn = arn:aws:iam::123456789012:role/Self\nsource_profile = self\nregion = eu-west-1\n',
    credentials: STATIC,
    env: { AWS_PROFILE: 'self' },
    absent: ['SOURCE_PROFILE_CYCLE'],
    tools: all({ source: 'assume-role' }),
  },
];

function scenarioOf(c: Case, i: number): Scenario {
  const files: Record<string, ScenarioFile> = {
    '.aws/config': { text: c.config },
    'bin/rec.sh': RECORDER,
    'my bin/rec.sh': RECORDER,
  };
  if (c.credentials) files['.aws/credentials'] = { text: c.credentials };
  return {
    id: `issue15-${String(i).padStart(2, '0')}`,
    files,
    env: c.env ?? {},
    probe: { files: true, endpoints: ['dynamodb'], collect: ['.argv'] },
  };
}

describe('issue 15: the four false findings, proven with the real tools', function () {
  this.timeout(10 * 60_000);
  const available = toolAvailability();
  const root = path.join(PROJECT_ROOT, '.test-work', 'issue15-homes');
  let diagnoses: Diagnosis[] = [];
  let scenarios: Scenario[] = [];
  let results: Map<string, ToolRuns>;

  before(async function () {
    if (TOOL_IDS.some((t) => !available[t].ok)) {
      if (process.env.CI) throw new Error('the real tools are missing in CI');
      this.skip();
    }
    scenarios = CASES.map(scenarioOf);
    ({ diagnoses, results } = await diagnoseAndRun(scenarios, root));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  CASES.forEach((c, i) => {
    it(c.input, () => {
      const d = diagnoses[i];
      const codes = d.findings.map((f) => f.code as string);
      for (const code of c.absent)
        assert.ok(!codes.includes(code), `${code} is false here: ${d.findings.find((f) => f.code === code)?.message}`);
      for (const [code, words] of Object.entries(c.present ?? {})) {
        const f = d.findings.find((x) => x.code === code);
        assert.ok(f && words.test(f.message), `${code} must say ${words}: ${f?.message ?? codes.join(', ')}`);
      }
      const real = results.get(scenarios[i].id)!;
      for (const [t, want] of Object.entries(c.tools) as [ToolId, Expect][]) {
        const r = real[t]!;
        assert.equal(r.source, want.source, `${t}: ${r.source} ${r.error ?? ''}`);
        if (want.error) assert.match(r.error ?? '', want.error);
        if (want.argv)
          assert.deepEqual(
            r.probe?.collected?.['.argv']?.split('\n').slice(0, -1),
            [...want.argv],
            `${t} ran the helper with`,
          );
        if (want.dynamodb) {
          const e = r.probe?.endpoints?.dynamodb;
          assert.equal(
            typeof e === 'string' && e.startsWith('http://localhost:8000') ? 'local' : 'aws',
            want.dynamodb,
            `${t} calls DynamoDB at ${JSON.stringify(e)}`,
          );
        }
      }
      const wrong = checkClaims(scenarios[i], d, results).flatMap((v) =>
        v.checks.filter((x) => !x.ok).map((x) => `${v.finding.code}: ${x.claim} (real: ${x.evidence})`),
      );
      assert.deepEqual(wrong, []);
    });
  });
});
