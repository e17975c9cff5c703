/**
 * The error-text corpus (test/fixtures/error-texts/corpus.json: every tool's own wordings, each taken
 * from that tool's source or tests, cited in the fixture) against the explainer and the terminal
 * watcher:
 *   - `explain` names the right family for every fixture, never a wrong one, and the tool that printed it;
 *   - however the text was printed (framed, wrapped in the frame, prefixed with timestamps or log
 *     levels, coloured, in another case, CRLF) and however a terminal delivers it (in chunks of any size,
 *     after and before other output);
 *   - the watcher fires on every text `explain` recognises and on no other (both directions, on the
 *     whole corpus, the explainer's own cases and the ordinary output below);
 *   - ordinary output (build logs, normal CLI output, near misses) matches nothing;
 *   - time stays linear on multi-megabyte inputs built of near misses.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnose } from '../../src/engine/diagnose';
import { CATALOGUE } from '../../src/engine/explain/catalogue';
import { explainError } from '../../src/engine/explain/explainError';
import { formatExplanation } from '../../src/engine/explain/formatExplanation';
import { containsRecognisedError, ERROR_KEYS, findOccurrences, variantKeys } from '../../src/engine/explain/matcher';
import { flat, normalizeErrorText } from '../../src/engine/explain/normalize';
import { ERROR_TOOL_IDS } from '../../src/engine/explain/toolLabels';
import type { ErrorTool } from '../../src/engine/explain/toolLabels';
import { FindingCode } from '../../src/engine/findings/findings';
import { OutputTail } from '../../src/extension/terminals/outputTail';
import { CASES } from '../support/explainCases';
import { MemoryHost } from '../support/memoryHost';
import { PROJECT_ROOT } from '../support/projectRoot';
import { bestCpuMs } from '../support/cpuTime';

interface Fixture {
  readonly name: string;
  readonly family: string;
  /** The tool `explain` names first: one, any of several, or null when the text does not tell. */
  readonly tool: ErrorTool | ErrorTool[] | null;
  readonly text: string;
  readonly sources: readonly {
    readonly repo: string;
    readonly path: string;
    readonly commit: string;
    readonly what?: string;
  }[];
  /** Other families the text also holds (a chain that lists a profile's failure too). */
  readonly also?: readonly string[];
}

const CORPUS: readonly Fixture[] = JSON.parse(
  fs.readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/error-texts/corpus.json'), 'utf8'),
);

/** Ordinary output a developer's terminal prints: none of it is an AWS credential error. */
const ORDINARY: readonly string[] = [
  'added 312 packages, and audited 313 packages in 4s\n\n48 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities',
  "src/index.ts:12:7 - error TS2322: Type 'string' is not assignable to type 'number'.\n\nFound 1 error in src/index.ts:12",
  'Initializing the backend...\nInitializing provider plugins...\n- Finding hashicorp/aws versions matching "~> 5.0"...\n- Installing hashicorp/aws v5.31.0...\n- Installed hashicorp/aws v5.31.0 (signed by HashiCorp)\n\nTerraform has been successfully initialized!',
  'aws_s3_bucket.logs: Refreshing state... [id=my-logs]\n\nNo changes. Your infrastructure matches the configuration.\n\nTerraform has compared your real infrastructure against your configuration and found no differences, so no changes are needed.',
  '{\n    "UserId": "AIDAEXAMPLEUSERID1234",\n    "Account": "123456789012",\n    "Arn": "arn:aws:iam::123456789012:user/dev"\n}',
  "      Name                    Value             Type    Location\n      ----                    -----             ----    --------\n   profile                      dev              env    ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']\naccess_key     ****************KD2F shared-credentials-file\nsecret_key     ****************9Jc3 shared-credentials-file\n    region                eu-west-1      config-file    ~/.aws/config",
  'Successfully synthesized to /app/cdk.out\nSupply a stack id (MyStack) to display its template.',
  '✔ Service deployed to stack my-service-dev (112s)\n\nendpoint: GET - https://abc123.execute-api.eu-west-1.amazonaws.com/hello\nfunctions:\n  hello: my-service-dev-hello (1.2 kB)',
  'Step 5/9 : RUN npm ci\n ---> Running in 4f3c2a1b\nRemoving intermediate container 4f3c2a1b\n ---> 9a8b7c6d\nSuccessfully built 9a8b7c6d',
  '============================= test session starts ==============================\ncollected 12 items\n\ntests/test_app.py ............                                          [100%]\n\n============================== 12 passed in 0.84s ==============================',
  'ok  \tgithub.com/acme/app/internal/store\t0.412s\n--- FAIL: TestLoad (0.00s)\n    load_test.go:21: want 3, got 2\nFAIL\tgithub.com/acme/app/internal/config\t0.009s',
  'Found credentials in shared credentials file: ~/.aws/credentials',
  'Loading credentials for profile dev (command: deploy), session token refresh scheduled',
  'Error: connect ECONNREFUSED 127.0.0.1:8000\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
  'E: Unable to locate package awscli2',
  'Command failed: make test\nmake: *** [Makefile:12: test] Error 2',
  'WARN  Profile picture not found for user 42, using the default avatar',
  'error: failed to retrieve credentials: pq: password authentication failed for user "app"',
  'jwt: Token too old (iat 1699999999), refusing the session',
  'Error: configuring Terraform Alibaba Cloud Provider: no valid credential sources for Terraform Alibaba Cloud Provider found.',
  'The security token included in the request is part of the signature; see the docs.',
  '2024/05/06 10:11:12 listening on :8080\n2024/05/06 10:11:13 GET /health 200 1.2ms',
  " M src/engine/explain/catalogue.ts\n?? test/fixtures/error-texts/\n[explain 1a2b3c4] Catalogue: every tool's words",
  'aws sso login --profile dev\nAttempting to automatically open the SSO authorization page in your default browser.\nSuccessfully logged into Start URL: https://my-sso-portal.awsapps.com/start',
  'Not authorized? Sign in at https://example.com/login to continue.',
];

/** Near misses: texts that almost say an error, repeated into megabytes for the linearity checks. */
const NEAR_MISSES = [
  'The security token included in the request is ',
  'Unable to locate ',
  'operation error STS ',
  'User: arn:aws:iam::123456789012:user/x is not ',
  'no valid credential sources for Terraform Alibaba Cloud Provider ',
  'Token too ',
  '(Service: AmazonDynamoDBv2 ',
  'Profile ',
  'failed to get shared config ',
  'Could not load credentials from ',
  'ExpiredTokenExcept ',
  '│ Error: No valid credential ',
  'ERRO[0017] ',
  'Command failed: ',
  'x'.repeat(300),
];

/** A whole text through a tail in chunks of `size`, after and before other output: whether it fired, and how often. */
function watch(text: string, size: number, before = '', after = ''): { hit: boolean; fired: number } {
  const tail = new OutputTail();
  let fired = 0;
  for (const part of [before, text, after]) {
    for (let i = 0; i < part.length; i += size) if (tail.push(part.slice(i, i + size))) fired++;
  }
  return { hit: tail.hit, fired };
}

const recognised = (text: string) => explainError(text).matches.length > 0;
const tools = (f: Fixture): ErrorTool[] => (f.tool === null ? [] : Array.isArray(f.tool) ? f.tool : [f.tool]);

/** The ways a tool, a terminal or a paste changes a text, none of which may change what it means. */
const PRINTINGS: readonly [string, (s: string) => string][] = [
  ['as is', (s) => s],
  ['CRLF line ends', (s) => s.replace(/\n/g, '\r\n')],
  ['upper case', (s) => s.toUpperCase()],
  ['lower case', (s) => s.toLowerCase()],
  [
    'every line behind a CI timestamp',
    (s) =>
      s
        .split('\n')
        .map((l) => `2026-06-26T17:06:35.1234567Z ${l}`)
        .join('\n'),
  ],
  ['behind a coloured logrus level', (s) => `\x1b[31mERRO\x1b[0m[0017] ${s}`],
  ['coloured word by word', (s) => s.replace(/(\S+)/g, '\x1b[1m$1\x1b[0m')],
  [
    'in a Terraform frame, wrapped at 48 columns',
    (s) =>
      [
        '╷',
        ...s
          .split('\n')
          .flatMap((l) => wrapAt(l, 48))
          .map((l) => (l ? `│ ${l}` : '│')),
        '╵',
      ].join('\n'),
  ],
  [
    'quoted in Markdown',
    (s) =>
      s
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n'),
  ],
  [
    'behind a docker compose service',
    (s) =>
      s
        .split('\n')
        .map((l) => `api_1  | ${l}`)
        .join('\n'),
  ],
];

/** Breaks a line at spaces so that no line is longer than `width` (a longer word stays whole). */
function wrapAt(line: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of line.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) {
      out.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  out.push(cur);
  return out;
}

describe('error corpus: the fixtures themselves', () => {
  it('every fixture cites the repository, path and commit it was taken from, and names a catalogue family', () => {
    const ids = new Set(CATALOGUE.map((e) => e.id));
    for (const f of CORPUS) {
      assert.ok(f.sources.length > 0, f.name);
      for (const s of f.sources) assert.ok(s.repo && s.path && s.commit, `${f.name}: ${JSON.stringify(s)}`);
      assert.ok(ids.has(f.family), `${f.name}: ${f.family}`);
      for (const a of f.also ?? []) assert.ok(ids.has(a), `${f.name}: ${a}`);
      for (const t of tools(f)) assert.ok((ERROR_TOOL_IDS as readonly string[]).includes(t), `${f.name}: ${t}`);
    }
    assert.equal(new Set(CORPUS.map((f) => f.name)).size, CORPUS.length, 'fixture names are unique');
  });

  it('every tool the issue names has several fixtures; the families it names are covered', () => {
    const count = (t: ErrorTool) => CORPUS.filter((f) => tools(f).includes(t)).length;
    for (const t of [
      'terraform',
      'cdk',
      'serverless',
      'sam-cli',
      'amplify-cli',
      'github-actions',
      'go-sdk-v1',
      'go-sdk-v2',
      'java-sdk-v1',
      'java-sdk-v2',
      'dotnet-sdk',
      'rust-sdk',
      'js-sdk-v2',
      'pulumi',
    ] as const) {
      assert.ok(count(t) >= 2, `${t}: ${count(t)} fixture(s)`);
    }
    const families = new Set(CORPUS.map((f) => f.family));
    for (const id of [
      'no-credentials',
      'region-missing',
      'sso-session-expired',
      'profile-not-found',
      'config-parse-error',
      'web-identity-access-denied',
      'invalid-identity-token',
      'github-oidc-token-unavailable',
      'web-identity-token-expired',
      'sso-portal-unauthorized',
    ]) {
      assert.ok(families.has(id), id);
    }
  });

  it('every wording is global and case-insensitive (matching ignores case: "Not authorized" is "not authorized")', () => {
    for (const e of CATALOGUE)
      for (const v of e.variants) assert.equal(v.re.flags, 'gi', `${e.id}: /${v.re.source}/${v.re.flags}`);
  });

  it("every catalogue entry and every wording is exercised by a fixture or one of the explainer's cases", () => {
    const texts = [...CORPUS.map((f) => f.text), ...CASES.map((c) => c.text)];
    const seen = new Set<unknown>();
    for (const t of texts) for (const o of findOccurrences(flat(normalizeErrorText(t)))) seen.add(o.variant);
    const missing = CATALOGUE.flatMap((e) =>
      e.variants.filter((v) => !v.hint && !seen.has(v)).map((v) => `${e.id}: /${v.re.source}/`),
    );
    assert.deepEqual(missing, []);
  });
});

describe('error corpus: explain names the family and the tool', () => {
  for (const f of CORPUS) {
    it(`${f.name} → ${f.family}${f.tool ? ` (${tools(f).join(' or ')})` : ''}`, () => {
      const e = explainError(f.text);
      const got = e.matches.map((m) => m.id);
      assert.equal(got[0], f.family, JSON.stringify(e.matches.map((m) => [m.id, m.code, m.wording, m.tools])));
      for (const id of got) assert.ok(id === f.family || f.also?.includes(id), `also matched ${id}`);
      if (tools(f).length)
        assert.ok(tools(f).includes(e.matches[0].tools[0]), `tools: ${e.matches[0].tools.join(', ')}`);
      for (const [how, print] of PRINTINGS) {
        const p = explainError(print(f.text));
        assert.equal(p.matches[0]?.id, f.family, `${how}: ${JSON.stringify(p.matches.map((m) => m.id))}`);
        for (const m of p.matches)
          assert.ok(m.id === f.family || f.also?.includes(m.id), `${how}: also matched ${m.id}`);
      }
    });
  }
});

describe('error corpus: the terminal watcher', () => {
  const BUILD_LOG = Array.from(
    { length: 120 },
    (_, i) => `\x1b[32m[${i}]\x1b[0m compiled module ${i} of 120 in 12 ms\r\n`,
  ).join('');
  for (const f of CORPUS) {
    it(`fires once on: ${f.name}`, () => {
      for (const [how, print] of PRINTINGS) {
        const text = print(f.text);
        // A character at a time only as printed (it is slow to run, and the printings add nothing to it).
        for (const size of how === 'as is' ? [1, 13, 256, 4096, 1 << 20] : [13, 4096, 1 << 20]) {
          const w = watch(`\n${text}\n`, size, BUILD_LOG, BUILD_LOG);
          assert.ok(w.hit && w.fired === 1, `${how}, chunks of ${size}: hit ${w.hit}, fired ${w.fired}`);
        }
      }
    });
  }

  it("fires on exactly the texts explain recognises: the corpus, the explainer's cases, ordinary output", () => {
    const texts = [...CORPUS.map((f) => f.text), ...CASES.map((c) => c.text), ...ORDINARY, ...NEAR_MISSES];
    for (const t of texts) {
      const r = recognised(t);
      assert.equal(
        containsRecognisedError(t),
        r,
        `containsRecognisedError disagrees on ${JSON.stringify(t.slice(0, 120))}`,
      );
      for (const size of [7, 4096])
        assert.equal(
          watch(t, size).hit,
          r,
          `the watcher (chunks of ${size}) disagrees on ${JSON.stringify(t.slice(0, 120))}`,
        );
    }
  });

  it('every key of every wording is in every text that wording matches (what makes the cheap check sound)', () => {
    for (const t of [...CORPUS.map((f) => f.text), ...CASES.map((c) => c.text)]) {
      const f = flat(normalizeErrorText(t)).toLowerCase();
      for (const o of findOccurrences(flat(normalizeErrorText(t)))) {
        if (o.variant.hint) continue;
        assert.ok(
          variantKeys(o.variant).some((k) => f.includes(k)),
          `/${o.variant.re.source}/ matched without its key in ${JSON.stringify(t.slice(0, 80))}`,
        );
      }
    }
    for (const k of ERROR_KEYS) assert.ok(k.length >= 4 && k === k.toLowerCase(), k);
  });
});

describe('error corpus: ordinary output matches nothing', () => {
  for (const t of [...ORDINARY, ...NEAR_MISSES]) {
    it(JSON.stringify(t.slice(0, 70)), () => {
      assert.deepEqual(
        explainError(t).matches.map((m) => m.id),
        [],
      );
      assert.equal(watch(t, 64).hit, false);
    });
  }
});

describe('error corpus: what each tool adds, on this machine', () => {
  const HOME = '/home/u';
  const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
  const bare = diagnose({
    env: { HOME, AWS_REGION: 'eu-west-1' },
    fs: new MemoryHost({}),
    now: NOW,
    fallbackHomeDir: HOME,
  });
  const fixture = (name: string) => CORPUS.find((f) => f.name === name) ?? assert.fail(name);

  it('a Terraform "No valid credential sources" is NO_CREDENTIALS on a machine without credentials, with the provider\'s `profile` argument', () => {
    const m = explainError(
      fixture('provider v4/v5: No valid credential sources found, IMDS 404, wrapped in the frame').text,
      bare,
    ).matches[0];
    assert.equal(m.id, 'no-credentials');
    assert.ok(
      m.findings.some((x) => x.code === FindingCode.NoCredentials),
      JSON.stringify(m.findings.map((x) => x.code)),
    );
    assert.deepEqual(m.tools, ['terraform', 'go-sdk-v2']);
    assert.match(m.toolHints[0], /`profile` argument of its `provider "aws"` block/);
    // The instance metadata call is the last link of the chain, not the AWS call that failed.
    assert.deepEqual([m.context.service, m.context.operation, m.context.httpStatus], [undefined, undefined, undefined]);
    const text = formatExplanation(
      explainError(
        fixture('provider v4/v5: No valid credential sources found, IMDS 404, wrapped in the frame').text,
        bare,
      ),
    );
    assert.match(text, /printed {3}by Terraform's AWS provider, over AWS SDK for Go v2/);
    assert.match(text, /With Terraform's AWS provider:\n {4}- Terraform's AWS provider takes the profile/);
  });

  it('the JavaScript SDK v2 and the Go SDK v1 point to AWS_SDK_LOAD_CONFIG=1', () => {
    for (const name of [
      'JavaScript SDK v2: Missing credentials in config',
      'Go SDK v1: NoCredentialProviders (deprecated form)',
      'JavaScript SDK v2: Profile not found',
    ]) {
      assert.ok(
        explainError(fixture(name).text).matches[0].toolHints.some((h) => h.includes('AWS_SDK_LOAD_CONFIG=1')),
        name,
      );
    }
  });

  it('GitHub Actions: the trust policy for a refused AssumeRoleWithWebIdentity, the id-token permission for a missing token, and no finding of this machine', () => {
    const denied = explainError(
      fixture('configure-aws-credentials: Not authorized to perform sts:AssumeRoleWithWebIdentity (capital N)').text,
      bare,
    ).matches[0];
    assert.equal(denied.remote, true);
    assert.deepEqual(denied.findings, []);
    assert.ok(denied.toolHints.some((h) => h.includes('token.actions.githubusercontent.com:sub')));
    const missing = explainError(
      fixture('configure-aws-credentials: no id-token permission, then no credentials').text,
      bare,
    ).matches[0];
    assert.ok(missing.toolHints.some((h) => h.includes('`id-token` permission, set to `write`')));
    assert.match(
      formatExplanation(
        explainError(fixture('configure-aws-credentials: no id-token permission, then no credentials').text, bare),
      ),
      /On this machine: nothing to check; the error comes from GitHub Actions/,
    );
    const noCreds = explainError(
      fixture('configure-aws-credentials: Credentials could not be loaded (no permission hint)').text,
      bare,
    ).matches[0];
    assert.deepEqual([noCreds.id, noCreds.tools[0], noCreds.findings.length], ['no-credentials', 'github-actions', 0]);
    assert.ok(noCreds.toolHints.some((h) => h.includes('`id-token` permission, set to `write`')));
  });

  it('"Not authorized" and "not authorized", "Token too old" and a session ExpiredToken: each in its own family', () => {
    assert.equal(
      explainError('Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity')
        .matches[0].id,
      'web-identity-access-denied',
    );
    assert.equal(
      explainError('could not assume role with oidc: not authorized to perform sts:assumerolewithwebidentity')
        .matches[0].id,
      'web-identity-access-denied',
    );
    assert.equal(
      explainError('User: arn:aws:iam::123456789012:user/x is not authorized to perform: s3:GetObject').matches[0].id,
      'access-denied',
    );
    assert.deepEqual(
      explainError(
        'An error occurred (ExpiredTokenException) when calling the AssumeRoleWithWebIdentity operation: Token too old: 441398',
      ).matches.map((m) => m.id),
      ['web-identity-token-expired'],
    );
    assert.deepEqual(
      explainError(
        '{"__type":"com.amazon.coral.service#ExpiredTokenException","message":"The security token included in the request is expired"}',
      ).matches.map((m) => m.id),
      ['expired-token'],
    );
  });

  it('the profile a tool names is read from its own wording', () => {
    for (const [name, profile] of [
      ['Go SDK v2: failed to get shared config profile', 'prod'],
      ['Java SDK 1.x: No AWS profile named', 'dev'],
      ['.NET SDK: Unable to find the profile', 'dev'],
      ['Rust SDK: profile was not defined', 'dev'],
      ['SAM: managed stack, profile not found', 'dev'],
      ['Amplify: Profile configuration is missing', 'dev'],
      ['JavaScript SDK v2: Profile not found', 'dev'],
    ] as const) {
      assert.equal(explainError(fixture(name).text).matches[0].context.profile, profile, name);
    }
  });
});

describe('error corpus: linear time on large inputs', () => {
  const time = (run: () => void): number => bestCpuMs(run);
  const adversarial = (bytes: number) => {
    let s = '';
    for (let i = 0; s.length < bytes; i++) s += NEAR_MISSES[i % NEAR_MISSES.length] + (i % 7 === 0 ? '\n' : '');
    return s.slice(0, bytes);
  };
  const oneWord = (bytes: number) => 'Profile '.repeat(bytes / 8);

  for (const [name, make] of [
    ['near misses', adversarial],
    ['one key word repeated', oneWord],
  ] as const) {
    it(`explain, ${name}: 4x the input takes at most 12x the time (linear is 4x)`, () => {
      time(() => explainError(make(64 * 1024)));
      const small = time(() => explainError(make(256 * 1024)));
      const large = time(() => explainError(make(1024 * 1024)));
      assert.ok(
        large / small < 12,
        `${small.toFixed(0)} ms at 256 KB, ${large.toFixed(0)} ms at 1 MB (${(large / small).toFixed(1)}x)`,
      );
    });

    it(`the terminal watcher, ${name}: 4x the output takes at most 12x the time`, () => {
      const feed = (bytes: number) => {
        const text = make(Math.min(bytes, 1 << 20));
        return () => {
          const tail = new OutputTail();
          for (let sent = 0; sent < bytes; sent += text.length)
            for (let i = 0; i < text.length; i += 4096) tail.push(text.slice(i, i + 4096));
        };
      };
      time(feed(512 * 1024));
      const small = time(feed(2 << 20));
      const large = time(feed(8 << 20));
      assert.ok(
        large / small < 12,
        `${small.toFixed(0)} ms for 2 MB, ${large.toFixed(0)} ms for 8 MB (${(large / small).toFixed(1)}x)`,
      );
    });
  }
});
