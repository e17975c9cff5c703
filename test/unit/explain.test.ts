/**
 * The error explainer: one case per wording, with the real strings of the reference's error
 * catalogue (aws-credential-semantics.md §4, §1.8, §1.9, §2.4) and the forms users paste
 * (botocore ClientError lines, JavaScript `name: message`, Go `api error`, Java `Error Code:`,
 * raw STS XML and DynamoDB JSON bodies, AWS CLI messages).
 */
import * as assert from 'node:assert/strict';
import { diagnose } from '../../src/engine/diagnose';
import { explainError } from '../../src/engine/explain/explainError';
import { formatExplanation } from '../../src/engine/explain/formatExplanation';
import { FindingCode } from '../../src/engine/findings/findings';
import { CASES } from '../support/explainCases';
import { MemoryHost } from '../support/memoryHost';

const HOME = '/home/u';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

describe('explain: one case per wording', () => {
  for (const c of CASES) {
    it(`${c.name} → ${c.id} / ${c.code}`, () => {
      const e = explainError(c.text);
      assert.ok(e.matches.length >= 1, `no match for: ${c.text}`);
      const m = e.matches[0];
      assert.deepEqual(
        [m.id, m.code, m.wording],
        [c.id, c.code, c.wording],
        JSON.stringify(e.matches.map((x) => [x.id, x.code, x.wording])),
      );
      if (c.form) assert.equal(m.form, c.form);
      assert.ok(m.meaning.length > 20 && m.causes.length > 0);
      c.check?.(m);
    });
  }
});

describe('explain: several errors, duplicates, unrelated text', () => {
  it('clock skew is one match, not also a generic signature mismatch', () => {
    const e = explainError(
      'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z (20220127T015928Z - 15 min.)',
    );
    assert.deepEqual(
      e.matches.map((m) => m.id),
      ['clock-skew-signature-expired'],
    );
  });
  it('web identity expiry is not also reported as an expired session token', () => {
    const e = explainError(
      'An error occurred (ExpiredTokenException) when calling the AssumeRoleWithWebIdentity operation: Token expired: current date/time 1617205591 must be before the expiration date/time1617203678',
    );
    assert.deepEqual(
      e.matches.map((m) => m.id),
      ['web-identity-token-expired'],
    );
  });
  it('a log with several errors gives each once, most specific first', () => {
    const log = [
      '@aws-sdk/credential-provider-node - defaultProvider::fromEnv WARNING: Multiple credential sources detected: Both AWS_PROFILE and the pair AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY static credentials are set.',
      'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
      'retrying…',
      'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
      'botocore.exceptions.NoRegionError: You must specify a region.',
    ].join('\n');
    const ids = explainError(log).matches.map((m) => m.id);
    assert.deepEqual(ids, ['region-missing', 'expired-token', 'multiple-credential-sources']);
  });
  it('a real signature mismatch far from a clock-skew message is kept', () => {
    const text = `An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z (20220127T015928Z - 15 min.)\n${'.\n'.repeat(400)}InvalidSignatureException: The request signature we calculated does not match the signature you provided.`;
    assert.deepEqual(
      explainError(text).matches.map((m) => m.id),
      ['clock-skew-signature-expired', 'signature-does-not-match'],
    );
  });
  for (const text of [
    'hello world',
    "TypeError: Cannot read properties of undefined (reading 'foo')",
    'Error: connect ECONNREFUSED 127.0.0.1:8000',
    'The access key and the security token are fine.',
    'Command failed: make test',
  ]) {
    it(`no match: ${JSON.stringify(text)}`, () => {
      const e = explainError(text);
      assert.deepEqual(e.matches, []);
      assert.match(formatExplanation(e), /No known AWS authentication error recognised/i);
    });
  }
});

describe('explain on this machine', () => {
  const KEY = 'AKIAZ3MQXW7RTYP5KD2F';
  const SECRET = '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';
  const TOKEN = 'FwoGZXIvYXdzEB' + 'aBcD1234eFgH5678iJkL9012mNoP3456qRsT7890uVwX'.repeat(8);
  function machine(env: Record<string, string>, files: Record<string, string> = {}) {
    const host = new MemoryHost(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${HOME}/${k}`, v])));
    return diagnose({ env: { HOME, ...env }, fs: host, now: NOW, fallbackHomeDir: HOME });
  }

  it('InvalidClientTokenId on a machine with a stale session token gets STALE_SESSION_TOKEN, and the key that signed is found', () => {
    const d = machine({
      AWS_ACCESS_KEY_ID: KEY,
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_SESSION_TOKEN: TOKEN,
      AWS_REGION: 'eu-west-1',
    });
    assert.ok(d.findings.some((f) => f.code === FindingCode.StaleSessionToken));
    const text = `An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.\nAuthorization: AWS4-HMAC-SHA256 Credential=${KEY}/20261122/eu-west-1/sts/aws4_request, X-Amz-Security-Token: ${TOKEN}`;
    const e = explainError(text, d);
    assert.equal(e.matches.length, 1);
    const m = e.matches[0];
    assert.equal(m.id, 'invalid-client-token-id');
    assert.equal(m.findings[0].code, FindingCode.StaleSessionToken);
    assert.equal(m.context.accessKeyId, '****************KD2F');
    assert.deepEqual(m.context.keyUsedBy, ['node', 'python', 'cli']);
    assert.deepEqual(m.context.keyFoundIn, ['$AWS_ACCESS_KEY_ID']);
    const out = JSON.stringify(e) + formatExplanation(e);
    for (const secret of [KEY, SECRET, TOKEN, TOKEN.slice(0, 60)]) assert.ok(!out.includes(secret), 'secret in output');
    assert.match(formatExplanation(e), /STALE_SESSION_TOKEN/);
  });

  it('a key in a profile is named with its file and line; tools that do not use it are not listed', () => {
    const d = machine(
      { AWS_PROFILE: 'other' },
      {
        '.aws/credentials': `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n\n[other]\naws_access_key_id = AKIAQQQQQQQQQQQQ7777\naws_secret_access_key = ${SECRET}\n`,
      },
    );
    const e = explainError(
      `SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. key=${KEY}`,
      d,
    );
    const m = e.matches[0];
    assert.equal(m.id, 'signature-does-not-match');
    assert.deepEqual(m.context.keyUsedBy, []);
    assert.deepEqual(m.context.keyFoundIn, [`profile default (${HOME}/.aws/credentials:2)`]);
    assert.match(formatExplanation(e), /none of the tools on this machine signs with this key/);
  });

  it('an SSO error on a machine with an expired SSO login gets the SSO finding', () => {
    const d = machine(
      { AWS_PROFILE: 'sso' },
      {
        '.aws/config':
          '[profile sso]\nsso_start_url = https://my-sso-portal.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = eu-west-1\n',
        '.aws/sso/cache/c7aaaf71fcc8777ae2475525ed049d39fe16c484.json': JSON.stringify({
          accessToken: 'aoa' + 'X'.repeat(200),
          expiresAt: '2026-11-21T12:00:00Z',
        }),
      },
    );
    const codes = d.findings.map((f) => f.code);
    const e = explainError(
      'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
      d,
    );
    const m = e.matches[0];
    assert.equal(m.id, 'sso-session-expired');
    assert.deepEqual(
      m.findings.map((f) => f.code),
      codes
        .filter((c) => m.explainedBy.includes(c))
        .sort((a, b) => m.explainedBy.indexOf(a) - m.explainedBy.indexOf(b)),
    );
    assert.ok(
      m.findings.some((f) => f.code === FindingCode.SsoTokenExpired),
      JSON.stringify(codes),
    );
  });

  it('without a diagnosis: no findings, and secrets in the text are masked by pattern', () => {
    const e = explainError(
      `InvalidClientTokenId: The security token included in the request is invalid. ${KEY} ${SECRET} ${TOKEN}`,
    );
    assert.equal(e.diagnosed, false);
    assert.deepEqual(e.matches[0].findings, []);
    const out = JSON.stringify(e) + formatExplanation(e);
    for (const s of [KEY, SECRET, TOKEN.slice(0, 50)]) assert.ok(!out.includes(s));
    assert.match(formatExplanation(e), /aws-credentials-doctor diagnose/);
  });
});
