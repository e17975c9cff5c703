/**
 * Hostile but fair input (issue 8): each test is named after the input it feeds. Nothing may
 * throw, hang, grow faster than the input, leak a secret or paint a false "all good".
 * In-memory homes for the engine; real FIFOs, devices, sockets and directories on a temporary disk
 * home for the Node host and the command line.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { diagnose } from '../../src/engine/diagnose';
import { FindingCode } from '../../src/engine/findings/findings';
import { buildReport } from '../../src/engine/output/report';
import { formatText } from '../../src/engine/output/format';
import { sha1Hex } from '../../src/nodeHost/hash';
import { MAX_FILE_BYTES } from '../../src/engine/core/host';
import { redact } from '../../src/engine/secrets/redact';
import { bestCpuMs } from '../support/cpuTime';
import type { ToolVersions } from '../../src/engine/core/toolVersions';
import { nodeFileSystem } from '../../src/nodeHost/fileSystem';
import { runCli } from '../../src/cli/main';
import type { MemoryFile } from '../support/memoryHost';
import { MemoryHost } from '../support/memoryHost';

const HOME = '/home/h';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const KEY = 'AKIAJ2QWERTYUIOPASDF';
const SECRET = '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';
const STATIC = `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`;

function run(
  files: Record<string, string | MemoryFile>,
  env: Record<string, string> = {},
  toolVersions?: ToolVersions,
) {
  const host = new MemoryHost(
    Object.fromEntries(Object.entries(files).map(([k, v]) => [k.startsWith('/') ? k : `${HOME}/${k}`, v])),
  );
  const d = diagnose({
    env: { HOME, PATH: '/usr/bin:/bin', ...env },
    fs: host,
    now: NOW,
    fallbackHomeDir: HOME,
    toolVersions,
  });
  return { d, report: buildReport(d) };
}

const codes = (d: { findings: readonly { code: string }[] }) => d.findings.map((f) => f.code);

/** source_profile chain p0 → p1 → … → p<n>, the last with static keys. */
function chainConfig(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++)
    parts.push(`[profile p${i}]\nrole_arn = arn:aws:iam::123456789012:role/R${i}\nsource_profile = p${i + 1}\n`);
  parts.push(`[profile p${n}]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`);
  return parts.join('');
}

describe('hostile input (issue 8)', function () {
  this.timeout(60_000);

  describe('#1 out-of-range and unparseable dates', () => {
    const legacy =
      '[profile s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = R\nregion = eu-west-1\n';
    const legacyToken = `.aws/sso/cache/${sha1Hex('https://x.awsapps.com/start')}.json`;
    const session =
      '[sso-session c]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n[profile s]\nsso_session = c\nsso_account_id = 123456789012\nsso_role_name = R\nregion = eu-west-1\n';
    const sessionToken = `.aws/sso/cache/${sha1Hex('c')}.json`;

    it('expiresAt: 1e20 in the SSO cache of a profile that is not selected: no throw, every output renders', () => {
      const { d, report } = run({
        '.aws/config': legacy + '[default]\nregion = eu-west-1\n',
        '.aws/credentials': STATIC,
        [legacyToken]: '{"accessToken":"t","expiresAt":1e20}',
      });
      assert.equal(report.tools.node.source, 'static');
      assert.equal(report.profiles.find((p) => p.name === 's')?.ssoTokenExpiresAt, null);
      formatText(report, NOW);
      JSON.stringify(report);
      assert.ok(!codes(d).includes(FindingCode.SsoTokenExpiryUnparseable), 'not in use: no finding');
    });
    it('expiresAt: 1e20 for the legacy SSO profile in use: JS sends the token (NaN is never "expired"), botocore fails in dateutil, AWS CLI 2.9.19 does not parse it', () => {
      const { d, report } = run(
        { '.aws/config': legacy, [legacyToken]: '{"accessToken":"t","expiresAt":1e20}' },
        { AWS_PROFILE: 's' },
        { awsCli: '2.9.19', botocore: '1.43.11', awscrt: null, jsSdk: null, from: 'pinned' },
      );
      assert.deepEqual(
        [report.tools.node.source, report.tools.python.source, report.tools.cli.source],
        ['sso', 'error', 'sso'],
      );
      // From AWS CLI 2.25.3 the CLI checks a legacy token's expiry itself, with botocore's dateutil.
      assert.equal(
        run({ '.aws/config': legacy, [legacyToken]: '{"accessToken":"t","expiresAt":1e20}' }, { AWS_PROFILE: 's' })
          .report.tools.cli.failure,
        'Parser must be a string or character stream, not float',
      );
      assert.equal(report.tools.python.failure, 'Parser must be a string or character stream, not float');
      assert.equal(report.tools.node.expiresAt, null);
      const f = d.findings.find((x) => x.code === FindingCode.SsoTokenExpiryUnparseable)!;
      assert.equal(f.severity, 'error');
      assert.deepEqual(f.tools, ['python']);
      assert.equal(f.line, 2);
    });
    it('expiresAt: 1e20 for an sso-session profile: botocore and the AWS CLI fail in dateutil, JS tries to refresh', () => {
      const { report } = run(
        { '.aws/config': session, [sessionToken]: '{"accessToken":"t","expiresAt":1e20}' },
        { AWS_PROFILE: 's' },
      );
      assert.deepEqual(
        [report.tools.node.source, report.tools.python.source, report.tools.cli.source],
        ['error', 'error', 'error'],
      );
      assert.match(report.tools.node.failure!, /Value not present for 'clientId'/);
      assert.equal(report.tools.cli.failure, 'Parser must be a string or character stream, not float');
    });
    it('expiresAt: "99999-01-01T00:00:00Z" (a year past 9999): "year 99999 is out of range" for botocore', () => {
      const { report } = run(
        { '.aws/config': legacy, [legacyToken]: '{"accessToken":"t","expiresAt":"99999-01-01T00:00:00Z"}' },
        { AWS_PROFILE: 's' },
      );
      assert.equal(report.tools.python.failure, 'year 99999 is out of range: 99999-01-01T00:00:00Z');
    });
    it('expiresAt: a megabyte of digits: unparseable, linear, no throw', () => {
      const { report } = run(
        { '.aws/config': legacy, [legacyToken]: JSON.stringify({ accessToken: 't', expiresAt: '9'.repeat(1 << 20) }) },
        { AWS_PROFILE: 's' },
      );
      assert.equal(report.tools.node.source, 'sso');
      assert.deepEqual(
        [report.tools.python.source, report.tools.python.failure],
        ['error', 'Unknown string format: ****'],
      );
    });
    it('AWS_CREDENTIAL_EXPIRATION=1e20 and =+275760-09-13T00:00:00.001Z: JS keeps an Invalid Date, botocore "Unknown string format"', () => {
      for (const exp of ['1e20', '+275760-09-13T00:00:00.001Z']) {
        const { d, report } = run(
          {},
          { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_CREDENTIAL_EXPIRATION: exp },
        );
        assert.deepEqual([report.tools.node.source, report.tools.node.expiresAt], ['env', null], exp);
        assert.equal(report.tools.python.failure, `Unknown string format: ${exp}`);
        assert.ok(codes(d).includes(FindingCode.EnvExpirationUnparseable));
      }
    });
    it('x_security_token_expires = 1e400 and an AWS CLI cache Expiration of 1e20: no throw, no expiry', () => {
      const { report } = run({
        '.aws/credentials': STATIC + 'x_security_token_expires = 1e400\n',
        [`.aws/cli/cache/x.json`]: '{"Credentials":{"Expiration":1e20}}',
      });
      assert.equal(report.tools.node.expiresAt, null);
    });
  });

  describe('#2 deep and cyclic source_profile chains', () => {
    it('a 3,000-deep source_profile chain: resolved without recursion; botocore past its recursion limit; one ROLE_CHAIN_TOO_DEEP at the head', () => {
      const { d, report } = run(
        { '.aws/config': chainConfig(3000) },
        { AWS_PROFILE: 'p0', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' },
      );
      assert.equal(report.tools.node.source, 'assume-role');
      assert.equal(report.tools.node.chain.length, 3001);
      assert.deepEqual(
        [report.tools.python.source, report.tools.python.failure],
        ['error', 'maximum recursion depth exceeded'],
      );
      const deep = d.findings.filter((f) => f.code === FindingCode.RoleChainTooDeep);
      assert.equal(deep.length, 1);
      assert.equal(deep[0].line, 3);
      assert.match(deep[0].message, /chain of 3000 roles/);
      assert.ok(
        formatText(report, NOW).includes(
          'p0 → p1 → p2 → p3 → p4 → p5 → p6 → p7 → … 2990 more … → p2998 → p2999 → p3000',
        ),
      );
    });
    it('a 135-deep chain still resolves for botocore, a 136-deep one does not', () => {
      assert.equal(
        run({ '.aws/config': chainConfig(135) }, { AWS_PROFILE: 'p0' }).report.tools.python.source,
        'assume-role',
      );
      assert.equal(run({ '.aws/config': chainConfig(136) }, { AWS_PROFILE: 'p0' }).report.tools.cli.source, 'error');
    });
    it('a 3,000-profile source_profile cycle: one SOURCE_PROFILE_CYCLE, its list shortened', () => {
      const n = 3000;
      const config = Array.from(
        { length: n },
        (_, i) => `[profile c${i}]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = c${(i + 1) % n}\n`,
      ).join('');
      const { d, report } = run({ '.aws/config': config }, { AWS_PROFILE: 'c0' });
      const cycles = d.findings.filter((f) => f.code === FindingCode.SourceProfileCycle);
      assert.equal(cycles.length, 1);
      assert.match(
        cycles[0].message,
        /^Profiles "c0" → "c1" → .* … 2989 more … → "c2997" → "c2998" → "c2999" → "c0" name each other/,
      );
      assert.equal(report.tools.python.source, 'error');
      assert.match(report.tools.python.failure!, /^Infinite loop in credential configuration detected/);
    });
    it('chains of 1,000 to 16,000 roles: time grows linearly (a ratio of processor time, not the wall clock)', () => {
      const time = (n: number) => {
        const files = { '.aws/config': chainConfig(n) };
        return bestCpuMs(() => run(files, { AWS_PROFILE: 'p0' }), 1);
      };
      time(1000);
      // Interleaved, the fastest of five of each: a run that met a major collection cannot make the ratio.
      let small = Infinity;
      let large = Infinity;
      for (let i = 0; i < 5; i++) {
        small = Math.min(small, time(2000));
        large = Math.min(large, time(16000));
      }
      // Linear is 8x; quadratic would be 64x. A generous bound for a noisy machine.
      assert.ok(large / small < 30, `16,000 roles took ${(large / small).toFixed(1)}x the time of 2,000`);
    });
  });

  describe('#3 only regular files are read, up to a size cap', () => {
    it('a FIFO as the credentials file (in memory): NOT_A_REGULAR_FILE; JS hangs, botocore treats it as missing', () => {
      const { d, report } = run({
        '.aws/credentials': { content: '', type: 'fifo' },
        '.aws/config': '[default]\nregion = eu-west-1\n',
      });
      const f = d.findings.find((x) => x.code === FindingCode.NotARegularFile)!;
      assert.equal(f.severity, 'error');
      assert.equal(f.file, `${HOME}/.aws/credentials`);
      assert.equal(f.line, null);
      assert.match(
        f.message,
        /is a named pipe \(FIFO\), not a regular file: the JavaScript SDK opens it and waits for a writer, forever/,
      );
      assert.match(report.tools.node.failure!, /^hangs: .* is a named pipe/);
      assert.equal(report.tools.python.source, 'none');
      assert.ok(report.files.every((x) => !x.exists || x.kind === 'config'));
    });
    it('a directory as the web identity token file: EISDIR / "[Errno 21] Is a directory", not ENOENT', () => {
      const { d, report } = run(
        { '.aws/config': '[default]\nregion = eu-west-1\n', 'tok/x': 'x' },
        { AWS_WEB_IDENTITY_TOKEN_FILE: `${HOME}/tok`, AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/W' },
      );
      assert.equal(report.tools.node.failure, 'EISDIR: illegal operation on a directory, read');
      assert.equal(report.tools.python.failure, `[Errno 21] Is a directory: '${HOME}/tok'`);
      assert.ok(!codes(d).includes(FindingCode.WebIdentityTokenFileMissing));
      const f = d.findings.find((x) => x.code === FindingCode.NotARegularFile)!;
      assert.deepEqual(
        [f.severity, f.env, f.fixes[0]?.action.kind],
        ['error', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'unsetEnv'],
      );
    });
    it('a 33 MB credentials file: FILE_TOO_LARGE, treated as empty', () => {
      const big = STATIC + '#'.repeat(MAX_FILE_BYTES);
      const { d, report } = run({ '.aws/credentials': big });
      const f = d.findings.find((x) => x.code === FindingCode.FileTooLarge)!;
      assert.equal(f.severity, 'error');
      assert.match(f.message, /is 32 MB, more than the 32 MB this diagnosis reads/);
      assert.equal(report.tools.node.source, 'none');
    });

    it('credential_process naming a directory: only looked at, "Permission denied" as botocore says (checked with the real botocore)', () => {
      const { d, report } = run({
        '.aws/config': '[default]\nregion = eu-west-1\ncredential_process = /opt/creds\n',
        '/opt/creds/x': 'x',
      });
      assert.equal(report.tools.python.failure, "[Errno 13] Permission denied: '/opt/creds'");
      assert.match(
        d.findings.find((f) => f.code === FindingCode.CredentialProcessNotFound)!.message,
        /\/opt\/creds is a directory, not a program/,
      );
    });

    describe('on the real disk (Node host and command line)', () => {
      let dir: string;
      let server: net.Server | undefined;
      before(function () {
        if (process.platform === 'win32') this.skip();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-hostile-'));
        fs.mkdirSync(path.join(dir, 'home', '.aws', 'sso', 'cache'), { recursive: true });
        assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo')]).status, 0);
        fs.mkdirSync(path.join(dir, 'adir'));
      });
      after(() => {
        server?.close();
        fs.rmSync(dir, { recursive: true, force: true });
      });
      const cli = async (argv: string[], env: Record<string, string>) => {
        let out = '';
        const code = await runCli({
          argv,
          env: { PATH: '/usr/bin:/bin', ...env },
          stdout: (s) => (out += s),
          stderr: (s) => (out += s),
          now: () => NOW,
          homedir: '/nonexistent',
        });
        return { code, out };
      };

      it('the Node host never opens a FIFO, a socket, /dev/zero or a directory, and reads /dev/null as empty', async () => {
        server = net.createServer();
        const sock = path.join(dir, 'sock');
        await new Promise<void>((resolve) => server!.listen(sock, resolve));
        assert.deepEqual(nodeFileSystem.readFile(path.join(dir, 'fifo')), { ok: false, code: 'ENOTREG', type: 'fifo' });
        assert.deepEqual(nodeFileSystem.readFile(sock), { ok: false, code: 'ENOTREG', type: 'socket' });
        assert.deepEqual(nodeFileSystem.readFile('/dev/zero'), {
          ok: false,
          code: 'ENOTREG',
          type: 'character-device',
        });
        assert.deepEqual(nodeFileSystem.readFile(path.join(dir, 'adir')), {
          ok: false,
          code: 'EISDIR',
          type: 'directory',
        });
        const devNull = nodeFileSystem.readFile('/dev/null');
        assert.ok(devNull.ok && devNull.bytes.length === 0);
        assert.equal(nodeFileSystem.stat(path.join(dir, 'fifo'))?.type, 'fifo');
      });
      it('a 40 MB sparse credentials file: EFBIG without reading it', () => {
        const big = path.join(dir, 'big');
        fs.writeFileSync(big, '');
        fs.truncateSync(big, 40 * 1024 * 1024);
        assert.deepEqual(nodeFileSystem.readFile(big), {
          ok: false,
          code: 'EFBIG',
          type: 'file',
          size: 40 * 1024 * 1024,
        });
      });
      for (const [name, variable] of [
        ['AWS_SHARED_CREDENTIALS_FILE', 'AWS_SHARED_CREDENTIALS_FILE'],
        ['AWS_CONFIG_FILE', 'AWS_CONFIG_FILE'],
      ] as const) {
        it(`${name}=<a FIFO>: diagnose returns (no hang) with NOT_A_REGULAR_FILE on $${variable}, in every mode`, async () => {
          for (const mode of [[], ['--json'], ['--markdown']]) {
            const r = await cli(['diagnose', ...mode, '--home', path.join(dir, 'home')], {
              [variable]: path.join(dir, 'fifo'),
            });
            assert.equal(r.code, 1, r.out);
            assert.ok(r.out.includes('NOT_A_REGULAR_FILE'), r.out);
          }
        });
      }
      it('AWS_WEB_IDENTITY_TOKEN_FILE=/dev/zero: every tool is predicted to never finish reading it (not ENOENT)', async () => {
        const r = await cli(['diagnose', '--json', '--home', path.join(dir, 'home')], {
          AWS_WEB_IDENTITY_TOKEN_FILE: '/dev/zero',
          AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/W',
        });
        const report = JSON.parse(r.out);
        assert.equal(report.tools.node.failure, 'never finishes reading /dev/zero: it is a device, not a file');
        assert.ok(
          report.findings.some(
            (f: { code: string; env: string }) =>
              f.code === 'NOT_A_REGULAR_FILE' && f.env === 'AWS_WEB_IDENTITY_TOKEN_FILE',
          ),
        );
        assert.ok(!r.out.includes('ENOENT'));
      });
      it('a FIFO as the SSO login cache file of the profile in use: no hang, NOT_A_REGULAR_FILE, SSO_TOKEN_MISSING says "not a regular file"', async () => {
        const home = path.join(dir, 'home');
        fs.writeFileSync(
          path.join(home, '.aws', 'config'),
          '[profile s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = R\nregion = eu-west-1\n',
        );
        const cacheFile = path.join(home, '.aws', 'sso', 'cache', `${sha1Hex('https://x.awsapps.com/start')}.json`);
        spawnSync('mkfifo', [cacheFile]);
        try {
          const r = await cli(['diagnose', '--json', '--home', home], { AWS_PROFILE: 's' });
          const report = JSON.parse(r.out);
          const unread = report.findings.find((f: { code: string }) => f.code === 'NOT_A_REGULAR_FILE');
          assert.equal(unread.file, cacheFile);
          assert.match(unread.message, /SSO login cache file .* every tool opens it and waits for a writer, forever/);
          assert.match(
            report.findings.find((f: { code: string }) => f.code === 'SSO_TOKEN_MISSING').message,
            /is not a regular file/,
          );
        } finally {
          fs.rmSync(cacheFile);
          fs.rmSync(path.join(home, '.aws', 'config'));
        }
      });
      it('AWS_CONFIG_FILE=/dev/null (the idiom for "no config"): an empty file, no finding about it', async () => {
        const r = await cli(['diagnose', '--json', '--home', path.join(dir, 'home')], {
          AWS_CONFIG_FILE: '/dev/null',
          AWS_ACCESS_KEY_ID: KEY,
          AWS_SECRET_ACCESS_KEY: SECRET,
          AWS_REGION: 'eu-west-1',
          AWS_DEFAULT_REGION: 'eu-west-1',
        });
        const report = JSON.parse(r.out);
        assert.deepEqual(
          report.findings.map((f: { code: string }) => f.code),
          [],
        );
        assert.equal(r.code, 0);
      });
    });
  });

  describe('#5 explain masks every credential-shaped value it quotes, whatever its key or encoding', () => {
    const TOKEN = 'IQoJb3JpZ2luX2VjEHYaCXVzLWVhc3QtMSJHMEUCIQDx7ZpK' + 'Ab9/+Q'.repeat(30);
    const SHORT_TOKEN = 'shortSessionTok3n';
    const PASSWORD = 'hunter2-Corr3ct-Horse';
    const SIGNATURE = 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
    const LOWER_SECRET = 'kt9x/2pq+7rlmn4vb8wz1cy6hj3sd5fg0ae2ui9o';
    const inputs: [string, string, string[]][] = [
      [
        'a pasted presigned URL (X-Amz-Security-Token URL-encoded, X-Amz-Signature)',
        `An error occurred (ExpiredToken): https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${KEY}%2F20261122%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=${encodeURIComponent(TOKEN)}&X-Amz-Signature=${SIGNATURE} The provided token has expired.`,
        [encodeURIComponent(TOKEN), SIGNATURE, KEY],
      ],
      [
        'aws_session_token=… and aws_secret_access_key = <URL-encoded>',
        `The security token included in the request is invalid. aws_session_token=${SHORT_TOKEN} aws_secret_access_key = ${encodeURIComponent(SECRET)}`,
        [SHORT_TOKEN, encodeURIComponent(SECRET), SECRET],
      ],
      [
        'SessionToken="…" in JSON',
        `ExpiredTokenException: The security token included in the request is expired {"Credentials":{"SessionToken":"${SHORT_TOKEN}","SecretAccessKey":"${LOWER_SECRET}"}}`,
        [SHORT_TOKEN, LOWER_SECRET],
      ],
      [
        '<SessionToken> in XML',
        `<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><SessionToken>${SHORT_TOKEN}</SessionToken></ErrorResponse>`,
        [SHORT_TOKEN],
      ],
      [
        'password=…',
        `InvalidClientTokenId: The security token included in the request is invalid. password=${PASSWORD}`,
        [PASSWORD],
      ],
      [
        'an Authorization: Bearer header and a SigV4 Signature',
        `SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. Authorization: Bearer ${PASSWORD} / Authorization: AWS4-HMAC-SHA256 Credential=${KEY}/20261122/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=${SIGNATURE}`,
        [PASSWORD, SIGNATURE, KEY],
      ],
      [
        'a lower-case 40-character secret next to its key id',
        `InvalidClientTokenId: The security token included in the request is invalid. ${KEY},${LOWER_SECRET}`,
        [LOWER_SECRET, KEY],
      ],
    ];
    for (const [name, text, secrets] of inputs) {
      it(`explain ${name}: masked in text and --json`, async () => {
        for (const json of [false, true]) {
          let out = '';
          const code = await runCli({
            argv: ['explain', ...(json ? ['--json'] : []), '--', text],
            env: { HOME: '/nonexistent' },
            stdout: (x) => (out += x),
            stderr: (x) => (out += x),
            now: () => NOW,
            homedir: '/nonexistent',
          });
          assert.equal(code, 0, out);
          for (const secret of secrets)
            assert.ok(!out.includes(secret), `${json ? '--json' : 'text'} shows ${secret.slice(0, 12)}…:\n${out}`);
          assert.match(out, /\*{4}/);
        }
      });
    }
  });

  describe('#6 control characters never reach a terminal or a Markdown document raw', () => {
    const OSC = '\u001b]0;pwned\u0007';
    const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    it('ESC/BEL/OSC in a config value, a profile name, AWS_PROFILE and AWS_REGION: escaped in text, Markdown and explain', async () => {
      const { report } = run(
        {
          '.aws/config': `[profile x${OSC}]\nregion = eu\u001b[31m-west-1\n`,
          '.aws/credentials': `[x${OSC}]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
        },
        { AWS_PROFILE: `x${OSC}`, AWS_REGION: `eu${OSC}\u202e` },
      );
      const text = formatText(report, NOW);
      assert.doesNotMatch(text, RAW);
      assert.ok(text.includes('x\\x1b]0;pwned\\x07'), text);
      const { formatMarkdown } = await import('../../src/engine/output/markdown');
      const md = formatMarkdown(report, NOW, { AWS_PROFILE: `x${OSC}` });
      assert.doesNotMatch(md, RAW);
      assert.ok(md.includes('\\x1b'));
      let out = '';
      await runCli({
        argv: [
          'explain',
          '--',
          `\u001b[31mAn error occurred (ExpiredToken)\u001b[0m: The security token included in the request is expired${OSC}`,
        ],
        env: { HOME: '/nonexistent' },
        stdout: (x) => (out += x),
        stderr: (x) => (out += x),
        now: () => NOW,
        homedir: '/nonexistent',
      });
      assert.doesNotMatch(out, RAW);
    });
    it('a newline in AWS_PROFILE cannot forge a report line', () => {
      const { report } = run({ '.aws/credentials': STATIC }, { AWS_PROFILE: 'x\nNo problems found.' });
      const text = formatText(report, NOW);
      assert.ok(!text.split('\n').includes('No problems found.'));
      assert.ok(text.includes('x\\nNo problems found.'));
    });
    it('--json escapes C1 controls and bidirectional overrides that JSON.stringify leaves raw', async () => {
      let out = '';
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-c1-'));
      try {
        fs.mkdirSync(path.join(dir, '.aws'));
        fs.writeFileSync(path.join(dir, '.aws', 'config'), '[default]\nregion = eu\u009b31m\u202e\n');
        await runCli({
          argv: ['diagnose', '--json', '--home', dir],
          env: {},
          stdout: (x) => (out += x),
          stderr: (x) => (out += x),
          now: () => NOW,
          homedir: '/nonexistent',
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      assert.doesNotMatch(out, RAW);
      assert.equal(JSON.parse(out).tools.node.region, null);
      assert.ok(out.includes('\\u009b31m\\u202e'));
    });
    it('the extension uses the same sanitiser: status bar tooltip and environment document', async () => {
      const { statusBarModel } = await import('../../src/extension/presentation/statusBarModel');
      const { environmentDocument, mergeEnvironment } = await import('../../src/extension/presentation/environment');
      const { report } = run({ '.aws/credentials': STATIC }, { AWS_PROFILE: `x${OSC}` });
      const model = statusBarModel({
        report,
        now: NOW,
        settings: { expiryWarningMinutes: 15, tools: ['node', 'python', 'cli'], severityOverrides: {} },
      });
      for (const s of [model.text, model.tooltip, model.accessibilityLabel]) assert.doesNotMatch(s, RAW);
      const snapshot = mergeEnvironment({
        process: { AWS_PROFILE: `x${OSC}` },
        settings: [],
        dotenv: [],
        overrides: new Map(),
      });
      const doc = environmentDocument(snapshot, { AWS_PROFILE: `x${OSC}` });
      assert.doesNotMatch(doc.text, RAW);
      assert.ok(doc.text.includes('AWS_PROFILE=x\\x1b]0;pwned\\x07'));
    });
  });

  describe('#10 no AWS setup at all', () => {
    const cases: [string, Record<string, string> | undefined, Record<string, string>][] = [['no ~/.aws', {}, {}]];
    for (const [name, files] of cases) {
      it(`${name}: "no files, no variables" in text, JSON and Markdown, exit 0, no invented findings`, async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-nosetup-'));
        try {
          for (const [rel, text] of Object.entries(files ?? {})) fs.writeFileSync(path.join(dir, rel), text);
          for (const mode of [[], ['--json'], ['--markdown']]) {
            let out = '';
            const code = await runCli({
              argv: ['diagnose', ...mode, '--home', dir],
              env: { PATH: '/usr/bin' },
              stdout: (x) => (out += x),
              stderr: (x) => (out += x),
              now: () => NOW,
              homedir: '/nonexistent',
              exampleHome: path.resolve(__dirname, '..', '..', '..', 'examples', 'home'),
            });
            assert.equal(code, 0, out);
            // (The text report wraps at 80 columns: compare with its line breaks as spaces.)
            assert.ok(
              out
                .replace(/\n */g, ' ')
                .includes('no files, no variables: the tools would fall through to the container or instance role'),
              out,
            );
            assert.ok(!out.includes('examples'), 'the example home is not shown unasked');
            if (mode[0] === '--json') {
              const report = JSON.parse(out);
              assert.deepEqual(report.findings, []);
              assert.equal(
                report.noSetup,
                'No AWS setup: no files, no variables: the tools would fall through to the container or instance role.',
              );
            }
          }
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }
    it('HOME unset (the fallback home has no .aws): the same, from the engine', () => {
      const host = new MemoryHost({});
      const d = diagnose({ env: { PATH: '/usr/bin' }, fs: host, now: NOW, fallbackHomeDir: '/root' });
      const report = buildReport(d);
      assert.deepEqual(report.findings, []);
      assert.match(report.noSetup ?? '', /no files, no variables/);
    });
    it('AWS_CA_BUNDLE, AWS_PAGER and the like are no setup: still "no files, no variables"', () => {
      const { report } = run(
        {},
        {
          AWS_CA_BUNDLE: '/etc/ssl/certs/ca-certificates.crt',
          AWS_PAGER: '',
          AWS_DEFAULT_OUTPUT: 'json',
          AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1',
        },
      );
      assert.deepEqual(report.findings, []);
      assert.match(report.noSetup ?? '', /no files, no variables/);
    });
    it('one AWS_* variable is a setup: NO_CREDENTIALS is reported again', () => {
      const { d, report } = run({}, { AWS_EC2_METADATA_DISABLED: 'true' });
      assert.equal(report.noSetup, undefined);
      assert.ok(codes(d).includes(FindingCode.NoCredentials));
    });
    it("--example diagnoses the shipped example home, says so, and ignores this machine's AWS_* variables", async () => {
      let out = '';
      const exampleHome = path.resolve(__dirname, '..', '..', '..', 'examples', 'home');
      await runCli({
        argv: ['diagnose', '--example'],
        env: { AWS_PROFILE: 'mine' },
        stdout: (x) => (out += x),
        stderr: (x) => (out += x),
        now: () => NOW,
        homedir: '/nonexistent',
        exampleHome,
      });
      assert.ok(out.startsWith(`The example home shipped in ${exampleHome}, not this machine`), out);
      assert.ok(!out.includes('"mine"'));
    });
  });

  describe('#11 a [__proto__] section', () => {
    it('[__proto__] in the credentials file: the JS SDK reads the file as empty; PROTO_SECTION names the line', () => {
      const { d, report } = run({
        '.aws/credentials': STATIC + '[__proto__]\nx = 1\n',
        '.aws/config': '[default]\nregion = eu-west-1\n',
      });
      assert.deepEqual([report.tools.node.source, report.tools.python.source], ['none', 'static']);
      const f = d.findings.find((x) => x.code === FindingCode.ProtoSection)!;
      assert.deepEqual([f.line, f.fileKind, f.tools], [4, 'credentials', ['node']]);
      assert.match(f.message, /Found invalid profile name "__proto__"/);
    });
    it('[profile __proto__] in the config file: the same for the config file', () => {
      const { d } = run({
        '.aws/config': '[default]\nregion = eu-west-1\n\n[profile __proto__]\nregion = x\n',
        '.aws/credentials': STATIC,
      });
      assert.equal(d.findings.find((x) => x.code === FindingCode.ProtoSection)?.line, 4);
    });
  });

  describe('#13 a reader that goes away', () => {
    it("diagnose --json | head -c 100: no EPIPE on stderr, the exit code is the diagnosis'", function () {
      if (process.platform === 'win32') this.skip();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-epipe-'));
      try {
        fs.mkdirSync(path.join(dir, '.aws'));
        const profiles = Array.from(
          { length: 4000 },
          (_, i) => `[p${i}]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
        ).join('');
        fs.writeFileSync(path.join(dir, '.aws', 'credentials'), STATIC + profiles, { mode: 0o600 });
        fs.writeFileSync(path.join(dir, '.aws', 'config'), '[default]\nregion = eu-west-1\n');
        const bin = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
        const r = spawnSync(
          'bash',
          [
            '--norc',
            '--noprofile',
            '-c',
            `"${process.execPath}" "${bin}" diagnose --json --home "${dir}" | head -c 100 > /dev/null; echo "exit=\${PIPESTATUS[0]}"`,
          ],
          { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1' } },
        );
        assert.equal(r.stderr, '');
        assert.equal(r.stdout.trim(), 'exit=0');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('minor', () => {
    it('explain -- TEXT: text after -- is the error text, even when it starts with a dash', async () => {
      let out = '';
      const code = await runCli({
        argv: ['explain', '--', '--profile', 'is', 'not', 'an', 'option:', 'ExpiredToken'],
        env: { HOME: '/nonexistent' },
        stdout: (x) => (out += x),
        stderr: (x) => (out += x),
        now: () => NOW,
        homedir: '/nonexistent',
      });
      assert.equal(code, 0, out);
      assert.match(out, /^ExpiredToken/);
    });
    it('a GitHub Actions permission pasted with its error (`id-token: write`) is not masked as if it were a secret', () => {
      const text =
        'Error: Credentials could not be loaded, please check your action inputs: Could not load credentials from any providers\npermissions:\n  id-token: write\n  contents: read\nid_token: eyJhbGciOiJSUzI1NiJ9.e30.c2ln';
      assert.equal(redact(text), text.replace('eyJhbGciOiJSUzI1NiJ9.e30.c2ln', '****'));
    });
    it('a web_identity_token_file path is not masked as if it were a secret', () => {
      const { report } = run({
        '.aws/config':
          '[default]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/W\nweb_identity_token_file = /var/run/secrets/eks/token\n',
      });
      assert.equal(report.tools.node.failure, "ENOENT: no such file or directory, open '/var/run/secrets/eks/token'");
      assert.ok(report.findings.some((f) => f.message.includes('/var/run/secrets/eks/token')));
    });
    it('the AWS CLI v2 region is reported when its credential resolution fails', () => {
      const { report } = run({
        '.aws/config':
          '[default]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/W\nsource_profile = nope\n',
      });
      assert.deepEqual(
        [report.tools.cli.source, report.tools.cli.region, report.tools.cli.regionFrom],
        ['error', 'eu-west-1', 'config:2'],
      );
      const broken = run(
        { '.aws/config': '[default]\nregion = eu-west-1\nnot a setting\n' },
        { AWS_REGION: 'ap-south-1' },
      ).report;
      assert.deepEqual(
        [broken.tools.cli.source, broken.tools.cli.region],
        ['error', null],
        'an unparseable config stops the CLI before it has a region',
      );
    });
  });
});
