/**
 * Issue 15's four false findings in the engine alone (in memory, fast); each is proven with the real
 * tools by test/differential/falseFindings.test.ts. Plus the known keys: generated from the tools
 * (knownKeys.generated.ts; test/differential/knownKeys.test.ts holds it to the installed tools).
 */
import * as assert from 'node:assert/strict';
import { diagnose } from '../../src/engine/diagnose';
import { FindingCode } from '../../src/engine/findings/findings';
import {
  KNOWN_KEY_READERS,
  NESTED_KEY_READERS,
  SSO_SESSION_KEY_READERS,
} from '../../src/engine/core/knownKeys.generated';
import { KNOWN_KEYS, WRITTEN_BY_OTHERS } from '../../src/engine/core/model';
import { shellOnlySyntax } from '../../src/engine/core/text';
import type { MemoryFile } from '../support/memoryHost';
import { MemoryHost } from '../support/memoryHost';

const HOME = '/home/u';
const EXE: MemoryFile = { content: '#!/bin/sh\n', mode: 0o755 };

function findings(files: Record<string, string | MemoryFile>, env: Record<string, string> = {}) {
  const all = {
    '/bin/sh': EXE,
    '/bin/bash': EXE,
    '/usr/bin/cat': EXE,
    [`${HOME}/bin/helper`]: EXE,
    ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`${HOME}/${k}`, v])),
  };
  return diagnose({
    env: { HOME, PATH: '/usr/bin:/bin', ...env },
    fs: new MemoryHost(all),
    now: Date.UTC(2026, 0, 1),
    fallbackHomeDir: HOME,
  }).findings;
}
const config = (body: string) => ({ '.aws/config': `[default]\nregion = eu-west-1\n${body}` });
const codes = (fs: ReturnType<typeof findings>) => fs.map((f) => f.code).filter((c) => c !== FindingCode.NoCredentials);

describe('QUOTED_VALUE: credential_process is a command line, whose quotes every tool removes', () => {
  for (const value of [
    '"/home/u/bin/helper"',
    "'/home/u/bin/helper'",
    '"/home/u/bin/helper" --arg "a b"',
    "'/home/u/bin/helper' --json",
  ]) {
    it(`credential_process = ${value}`, () =>
      assert.deepEqual(codes(findings(config(`credential_process = ${value}\n`))), []));
  }
  it('credential_process = "/path/to/helper --arg x": the program is not found, the quotes named as the reason', () => {
    const f = findings(config('credential_process = "/home/u/bin/helper --arg x"\n'));
    assert.deepEqual(codes(f), [FindingCode.CredentialProcessNotFound]);
    assert.match(
      f[0].message,
      /\/home\/u\/bin\/helper --arg x was not found \(the quotes make the whole line, arguments and all, the name of the program\)/,
    );
  });
  it('region = "eu-west-1" still is one (no tool removes those quotes)', () => {
    assert.ok(
      codes(findings({ '.aws/config': '[default]\nregion = "eu-west-1"\n' })).includes(FindingCode.QuotedValue),
    );
  });
});

describe('CREDENTIAL_PROCESS_SHELL: only where /bin/sh and the shlex split run different commands', () => {
  for (const value of [
    'sh -c "op item get x --fields y | jq -r .z"',
    "sh -c 'op item get x | jq .'",
    'bash -c "helper $ITEM | jq ."',
    '/home/u/bin/helper --url https://x/?a=b',
    "/home/u/bin/helper '$HOME' 'a|b'",
    '/home/u/bin/helper \\$x',
    '/home/u/bin/helper a#b',
  ]) {
    it(`credential_process = ${value}`, () =>
      assert.deepEqual(codes(findings(config(`credential_process = ${value}\n`))), []));
  }
  const cases: [string, RegExp][] = [
    [
      '/home/u/bin/helper item | jq .',
      /a pipe \(\|\).*run \["\/home\/u\/bin\/helper","item","\|","jq","."\] without a shell/,
    ],
    ['/home/u/bin/helper "$ITEM"', /an expansion \(\$\)/],
    ['/home/u/bin/helper ~/x', /a ~ for the home directory/],
    ['/home/u/bin/helper *', /a glob \(\*\)/],
    ['/home/u/bin/helper #note', /a comment \(#\)/],
    ['AWS_PROFILE=x /home/u/bin/helper', /needs a shell.*AWS_PROFILE=x was not found on PATH/],
    ['/home/u/bin/helper `id`', /a command substitution/],
    ['sh -c "helper" > /tmp/log', /a redirection \(>\)/],
  ];
  for (const [value, words] of cases) {
    it(`credential_process = ${value}`, () => {
      const f = findings(config(`credential_process = ${value}\n`)).filter(
        (x) => x.code === FindingCode.CredentialProcessShell,
      );
      assert.equal(f.length, 1, value);
      assert.match(f[0].message, words);
      assert.deepEqual(f[0].tools, ['python', 'cli']);
    });
  }
  it('shellOnlySyntax leaves quotes, escapes and an unclosed quote alone', () => {
    assert.equal(shellOnlySyntax('"a b" \'c|d\' e\\ f'), undefined);
    assert.equal(shellOnlySyntax('"unclosed $X'), undefined);
    assert.equal(shellOnlySyntax('x "a\\$b"'), '\\$');
  });
});

describe('UNKNOWN_KEY: the keys the tools really read (generated from the tools)', () => {
  it('ignore_configured_endpoint_urls = true: a real key, no finding', () => {
    assert.deepEqual(codes(findings(config('ignore_configured_endpoint_urls = true\n'))), []);
  });
  it('ignore_configure_endpoint_urls = true: the typo, and the suggestion is the key two tools read', () => {
    const [f] = findings(config('ignore_configure_endpoint_urls = true\n')).filter(
      (x) => x.code === FindingCode.UnknownKey,
    );
    assert.equal(f.code, FindingCode.UnknownKey);
    assert.equal(
      f.message,
      'No tool reads the key ignore_configure_endpoint_urls. Did you mean ignore_configured_endpoint_urls (JavaScript SDK v3 and botocore (boto3, AWS CLI v1) read it)? As written it is ignored.',
    );
  });
  it('aws_secret_key = …: the suggestion survives the redaction of the message', () => {
    const f = findings({
      '.aws/credentials':
        '[default]\naws_access_key_id = AKIAABCDEFGHIJKLMNOP\naws_secret_key = abcdefghijklmnopqrstuvwxyz0123456789ABCD\n',
    }).find((x) => x.code === FindingCode.UnknownKey)!;
    assert.equal(
      f.message,
      'No tool reads the key aws_secret_key. Did you mean aws_secret_access_key (every tool reads it)? As written it is ignored, so profile "default" lacks aws_secret_access_key.',
    );
  });
  it('sts_regional_endpoint: "only botocore reads it"', () => {
    assert.match(
      findings(config('sts_regional_endpoint = regional\n')).find((x) => x.code === FindingCode.UnknownKey)!.message,
      /Did you mean sts_regional_endpoints \(only botocore \(boto3, AWS CLI v1\) reads it\)/,
    );
  });
  it('nested blocks, [services …], [sso-session …] and [plugins] keys are not flagged', () => {
    const text =
      '[default]\nregion = eu-west-1\nservices = local\ns3 =\n  max_concurrent_requests = 20\n  addressing_style = path\nproxies_config =\n  proxy_ca_bundle = /x\n\n[services local]\ndynamodb =\n  endpoint_url = http://localhost:8000\nsts =\n  endpoint_url = http://localhost:4566\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n\n[plugins]\ncli_legacy_plugin_path = /x\nendpoint = awscli_plugin_endpoint\n';
    assert.deepEqual(codes(findings({ '.aws/config': text })), []);
  });
  it('s3 = / max_concurent_requests = 20: a misspelt key of a block the tools read', () => {
    const f = findings(
      config('s3 =\n  max_concurent_requests = 20\n  addressing_style = path\nemr =\n  servce_role = x\n'),
    ).filter((x) => x.code === FindingCode.UnknownKey);
    assert.deepEqual(
      f.map((x) => [x.line, x.column, x.message]),
      [
        [
          4,
          3,
          'No tool reads the key max_concurent_requests in the s3 block of [default]. Did you mean max_concurrent_requests (botocore (boto3, AWS CLI v1) and AWS CLI v2 read it)? As written it is ignored.',
        ],
      ],
    );
  });
  it('an upper-case key the JavaScript SDK reads: only it is affected; one it never reads: no finding', () => {
    const [f] = findings({ '.aws/config': '[default]\nREGION = eu-west-1\n' }).filter(
      (x) => x.code === FindingCode.UnknownKey,
    );
    assert.deepEqual(f.tools, ['node']);
    assert.match(
      f.message,
      /botocore \(boto3, AWS CLI v1\) and AWS CLI v2 lowercase keys and read it as region; the JavaScript SDK is case-sensitive and ignores it/,
    );
    assert.deepEqual(codes(findings(config('CLI_PAGER =\nOutput = json\n'))), []);
  });
  it('keys other programs write (saml2aws) are neither flagged nor suggested', () => {
    assert.deepEqual(
      codes(
        findings({
          '.aws/credentials':
            '[default]\nx_security_token_expires = 2030-01-01T00:00:00Z\nx_principal_arn = arn:aws:iam::1:user/a\n',
        }),
      ).filter((c) => c === FindingCode.UnknownKey),
      [],
    );
    assert.doesNotMatch(
      findings(config('x_security_token_expire = 1\n'))
        .map((f) => f.message)
        .join(' '),
      /did you mean x_security/,
    );
  });
  it('[sso-session x] aws_region = …: no "did you mean region", which no tool reads there (it threw before)', () => {
    const text =
      '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\naws_region = eu-west-1\nsso_regoin = eu-west-1\n';
    const f = findings({ '.aws/config': text }).filter((x) => x.code === FindingCode.UnknownKey);
    assert.deepEqual(
      f.map((x) => [x.line, x.message]),
      [
        [
          5,
          'No tool reads the key sso_regoin. Did you mean sso_region (every tool reads it)? As written it is ignored.',
        ],
      ],
    );
  });
  it("every known key is read by some tool or written by another program; the blocks are the tools' own", () => {
    for (const [k, readers] of Object.entries({ ...KNOWN_KEY_READERS, ...SSO_SESSION_KEY_READERS }))
      assert.ok(readers.length > 0, k);
    for (const k of KNOWN_KEYS)
      assert.ok(k in KNOWN_KEY_READERS || k in SSO_SESSION_KEY_READERS || WRITTEN_BY_OTHERS.includes(k), k);
    assert.ok('max_concurrent_requests' in NESTED_KEY_READERS.s3 && 'addressing_style' in NESTED_KEY_READERS.s3);
    assert.deepEqual([...KNOWN_KEY_READERS.ignore_configured_endpoint_urls], ['node', 'python']);
  });
});

describe('SOURCE_PROFILE_CYCLE: a profile that names itself', () => {
  const role =
    '[profile self]\nrole_arn = arn:aws:iam::123456789012:role/Self\nsource_profile = self\nregion = eu-west-1\n';
  it('[profile self] source_profile = self with no keys: it names itself, not "each other"', () => {
    const [f] = findings({ '.aws/config': role }, { AWS_PROFILE: 'self' }).filter(
      (x) => x.code === FindingCode.SourceProfileCycle,
    );
    assert.match(
      f.message,
      /^Profile "self" names itself as source_profile and has no keys of its own to assume its role with\./,
    );
    assert.doesNotMatch(f.message, /each other/);
  });
  it('[profile self] source_profile = self with keys: every tool assumes the role with them, no finding', () => {
    const creds =
      '[self]\naws_access_key_id = AKIAABCDEFGHIJKLMNOP\naws_secret_access_key = abcdefghijklmnopqrstuvwxyz0123456789ABCD\n';
    assert.ok(
      !codes(findings({ '.aws/config': role, '.aws/credentials': creds }, { AWS_PROFILE: 'self' })).includes(
        FindingCode.SourceProfileCycle,
      ),
    );
  });
  it('two profiles naming each other still say so', () => {
    const text =
      '[profile a]\nrole_arn = arn:aws:iam::123456789012:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/B\nsource_profile = a\n';
    assert.match(
      findings({ '.aws/config': text }, { AWS_PROFILE: 'a' }).find((x) => x.code === FindingCode.SourceProfileCycle)!
        .message,
      /^Profiles "a" → "b" → "a" name each other/,
    );
  });
});
