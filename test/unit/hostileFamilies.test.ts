/**
 * The hostile families of issue 15, each test named after its input: a file that is there but
 * cannot be read, fixes on what is not a regular file, decoding errors, botocore's own limits,
 * malformed values copied by a fix, the size of `explain`'s input, secrets in unexpected fields.
 * Where a message states what a real tool does, the test runs that tool on the same input
 * (test/support/realTools.ts: botocore 1.43, the JavaScript SDK v3, AWS CLI v2 2.9.19, loopback only).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { FindingCode } from '../../src/engine/findings/findings';
import type { Report } from '../../src/engine/output/report';
import { sha1Hex, sha256Hex } from '../../src/nodeHost/hash';
import { statusBarModel } from '../../src/extension/presentation/statusBarModel';
import { DEFAULT_SETTINGS } from '../../src/extension/settings';
import { PROJECT_ROOT } from '../support/projectRoot';
import {
  BOTOCORE_CREDENTIALS,
  JS_CREDENTIALS,
  haveRealTools,
  jsonOf,
  runAwsCli,
  runBotocore,
  runJsSdk,
} from '../support/realTools';
import { HEAD_LIMIT, keepEnds, TAIL_LIMIT } from '../../src/engine/core/boundedText';
import { diagnose } from '../../src/engine/diagnose';
import { explainError } from '../../src/engine/explain/explainError';
import { Redactor } from '../../src/engine/secrets/redact';
import { firstUtf8Error, lineAndColumn, pythonDecodeMessage } from '../../src/engine/core/utf8';
import { environmentDocument, mergeEnvironment } from '../../src/extension/presentation/environment';
import { Notifier } from '../../src/extension/presentation/notifier';
import { profilePickItems } from '../../src/extension/presentation/profileItems';
import { terminalAlert } from '../../src/extension/terminals/terminalAlert';
import { TerminalEnvironment } from '../../src/extension/terminals/terminalEnvironment';
import { NotAFileError, notARegularFile, withRegularFile } from '../../src/nodeHost/regularFile';
import { MemoryHost } from '../support/memoryHost';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const KEY = 'AKIAJ2QWERTYUIOPASDF';
const SECRET = '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';
const STATIC = `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`;
const BIN = path.join(PROJECT_ROOT, 'dist', 'cli.js');

/** A home on disk (every directory traversable by others: the EACCES test reads it as nobody). */
function diskHome(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-family-'));
  fs.chmodSync(dir, 0o755);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true, mode: 0o755 });
    fs.writeFileSync(path.join(dir, rel), text, { mode: 0o644 });
  }
  return dir;
}

async function cli(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  // COLUMNS: one line per value, whatever the paths' length (the text wraps at 80 by default).
  const code = await runCli({
    argv,
    env: { PATH: '/usr/bin:/bin', COLUMNS: '1000', ...env },
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    now: () => NOW,
    homedir: '/nonexistent',
  });
  return { code, out, err };
}

/** Every output mode of `diagnose` on one home. */
async function allOutputs(home: string, env: Record<string, string> = {}) {
  const text = await cli(['diagnose', '--home', home], env);
  const json = await cli(['diagnose', '--json', '--home', home], env);
  const markdown = await cli(['diagnose', '--markdown', '--home', home], env);
  return { text: text.out, json: JSON.parse(json.out) as Report, markdown: markdown.out, code: json.code };
}

describe('hostile families (issue 15)', function () {
  this.timeout(120_000);
  const homes: string[] = [];
  const home = (files: Record<string, string> = {}) => {
    const h = diskHome(files);
    homes.push(h);
    return h;
  };
  after(() => {
    for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
  });

  describe('a file that is there but cannot be read is "not read", with the reason, never "(missing)"', () => {
    /** The credentials file of `h` as the report lists it, and the one FILE_UNREADABLE finding. */
    async function unreadCredentials(h: string, env: Record<string, string> = {}) {
      const o = await allOutputs(h, env);
      const file = o.json.files.find((f) => f.kind === 'credentials')!;
      const findings = o.json.findings.filter((f) => f.code === FindingCode.FileUnreadable);
      assert.equal(findings.length, 1, JSON.stringify(o.json.findings.map((f) => f.code)));
      assert.ok(!o.text.includes('(missing)'), o.text);
      assert.ok(!o.markdown.includes('**missing**'), o.markdown);
      return { ...o, file, finding: findings[0] };
    }

    it('a credentials file that is a loop of symbolic links (ELOOP): every output says so; the real tools treat it as missing, silently', async () => {
      const h = home({ '.aws/config': '[default]\nregion = eu-west-1\n' });
      fs.symlinkSync('loop', path.join(h, '.aws', 'credentials'));
      fs.symlinkSync('credentials', path.join(h, '.aws', 'loop'));
      const o = await unreadCredentials(h);
      const where = path.join(h, '.aws', 'credentials');
      assert.deepEqual(o.file, {
        kind: 'credentials',
        path: where,
        exists: false,
        tools: ['node', 'python', 'cli'],
        unread: 'cannot be read: a loop of symbolic links (ELOOP)',
      });
      assert.ok(
        o.text.includes(`  credentials ${where}  (cannot be read: a loop of symbolic links (ELOOP))\n`),
        o.text,
      );
      assert.ok(o.markdown.includes('| **no**: cannot be read: a loop of symbolic links (ELOOP) |'), o.markdown);
      assert.equal(o.finding.severity, 'error');
      assert.equal(
        o.finding.message,
        `The credentials file ${where} cannot be read: a loop of symbolic links (ELOOP). No tool says so: the JavaScript SDK ignores a file it cannot read; botocore and the AWS CLI treat it as missing (os.path.isfile is false), so none of its profiles or keys count, and JavaScript SDK v3, botocore (boto3, AWS CLI v1) and AWS CLI v2 end without credentials. This diagnosis treats it the same way. Make it readable by you (a file written with sudo belongs to root), or point the variable at another file.`,
      );
      if (!haveRealTools()) return;
      assert.deepEqual(jsonOf(runBotocore(BOTOCORE_CREDENTIALS, { HOME: h })), { source: null });
      assert.match(
        String(jsonOf(runJsSdk(JS_CREDENTIALS, { HOME: h })).error),
        /^CredentialsProviderError: Could not load credentials from any providers/,
      );
      assert.match(runAwsCli(['configure', 'list'], { HOME: h }).stdout, /access_key +<not set> +None +None/);
    });

    it('AWS_SHARED_CREDENTIALS_FILE=/proc/self/mem (a regular file whose read fails with EIO): "an input/output error (EIO)"', async () => {
      const h = home({ '.aws/config': '[default]\nregion = eu-west-1\n' });
      const o = await unreadCredentials(h, { AWS_SHARED_CREDENTIALS_FILE: '/proc/self/mem' });
      assert.equal(o.file.unread, 'cannot be read: an input/output error (EIO)');
      assert.equal(o.finding.env, 'AWS_SHARED_CREDENTIALS_FILE');
      assert.deepEqual(
        o.finding.fixes.map((f) => f.action),
        [{ kind: 'unsetEnv', name: 'AWS_SHARED_CREDENTIALS_FILE' }],
      );
      assert.match(
        o.finding.message,
        /botocore and the AWS CLI see a file but read nothing from it \(configparser skips a file it cannot read\)/,
      );
      assert.ok(!o.json.findings.some((f) => f.code === FindingCode.FileVariableMissingFile), 'not "does not exist"');
      if (!haveRealTools()) return;
      const env = { HOME: h, AWS_SHARED_CREDENTIALS_FILE: '/proc/self/mem' };
      assert.deepEqual(jsonOf(runBotocore(BOTOCORE_CREDENTIALS, env)), { source: null });
      assert.match(
        String(jsonOf(runJsSdk(JS_CREDENTIALS, env)).error),
        /Could not load credentials from any providers/,
      );
    });

    it('~/.aws is a file, not a directory (ENOTDIR; keys saved into ~/.aws itself): both files "cannot be read", warnings, not "no AWS setup"', async () => {
      const h = home({ '.aws': STATIC });
      const o = await allOutputs(h);
      assert.deepEqual(
        o.json.files.map((f) => f.unread),
        [
          'cannot be read: a part of the path is a file, not a directory (ENOTDIR)',
          'cannot be read: a part of the path is a file, not a directory (ENOTDIR)',
        ],
      );
      assert.equal(o.json.noSetup, undefined);
      assert.deepEqual(
        o.json.findings.filter((f) => f.code === FindingCode.FileUnreadable).map((f) => f.severity),
        ['warning', 'warning'],
      );
      // Warnings: a stray file holds nothing any tool could read there. What follows from it is said apart.
      assert.deepEqual(
        o.json.findings.map((f) => f.code),
        [FindingCode.NoCredentials, FindingCode.RegionMissing, FindingCode.FileUnreadable, FindingCode.FileUnreadable],
      );
      if (!haveRealTools()) return;
      assert.deepEqual(jsonOf(runBotocore(BOTOCORE_CREDENTIALS, { HOME: h })), { source: null });
    });

    it('a mode-000 credentials file read by another user (EACCES: the bundled CLI run as nobody when the tests run as root)', function () {
      const h = home({ '.aws/config': '[default]\nregion = eu-west-1\n', '.aws/credentials': STATIC });
      fs.chmodSync(path.join(h, '.aws', 'credentials'), 0o000);
      // Root reads any file: the command runs as nobody then, as a user whose file it is not would.
      const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const r = spawnSync(process.execPath, [BIN, 'diagnose', '--json'], {
        ...asOther,
        cwd: '/',
        env: { PATH: '/usr/bin:/bin', HOME: h, AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1' },
        encoding: 'utf8',
      });
      const report = JSON.parse(r.stdout) as Report;
      assert.equal(
        report.files.find((f) => f.kind === 'credentials')?.unread,
        'cannot be read: permission denied (EACCES)',
      );
      const f = report.findings.find((x) => x.code === FindingCode.FileUnreadable)!;
      assert.match(
        f.message,
        /cannot be read: permission denied \(EACCES\)\. No tool says so: the JavaScript SDK ignores a file it cannot read; botocore and the AWS CLI see a file but read nothing from it/,
      );
      // The tools as that user: the AWS CLI v2 (Debian's, readable by anyone) and the JavaScript SDK.
      if (!haveRealTools() || !('uid' in asOther)) return;
      const cliRun = spawnSync('/usr/bin/aws', ['configure', 'list'], {
        ...asOther,
        cwd: '/',
        env: { PATH: '/usr/bin:/bin', HOME: h, AWS_EC2_METADATA_DISABLED: 'true' },
        encoding: 'utf8',
      });
      assert.match(cliRun.stdout, /access_key +<not set> +None +None/);
      assert.match(cliRun.stdout, /region +eu-west-1 +config-file/);
    });

    it("a web identity token file that is a loop of symbolic links: each tool's own words (checked against botocore, the JavaScript SDK and AWS CLI v2)", async () => {
      const h = home();
      const token = path.join(h, 'token');
      fs.symlinkSync('loop', token);
      fs.symlinkSync('token', path.join(h, 'loop'));
      fs.mkdirSync(path.join(h, '.aws'));
      fs.writeFileSync(
        path.join(h, '.aws', 'config'),
        `[default]\nrole_arn = arn:aws:iam::123456789012:role/r\nweb_identity_token_file = ${token}\nregion = eu-west-1\n`,
      );
      const o = await allOutputs(h);
      assert.equal(o.json.tools.node.failure, `ELOOP: too many symbolic links encountered, open '${token}'`);
      assert.equal(o.json.tools.python.failure, `[Errno 40] Too many levels of symbolic links: '${token}'`);
      const f = o.json.findings.filter((x) => x.code === FindingCode.FileUnreadable);
      assert.equal(f.length, 1);
      assert.equal(f[0].severity, 'error');
      assert.ok(
        !o.json.findings.some((x) => x.code === FindingCode.WebIdentityTokenFileMissing),
        'not "does not exist"',
      );
      if (!haveRealTools()) return;
      assert.equal(
        jsonOf(runBotocore(BOTOCORE_CREDENTIALS, { HOME: h })).error,
        `OSError: [Errno 40] Too many levels of symbolic links: '${token}'`,
      );
      assert.equal(
        jsonOf(runJsSdk(JS_CREDENTIALS, { HOME: h })).error,
        `Error: ELOOP: too many symbolic links encountered, open '${token}'`,
      );
      assert.equal(
        runAwsCli(['sts', 'get-caller-identity'], { HOME: h }).stderr.trim().split('\n').pop(),
        `[Errno 40] Too many levels of symbolic links: '${token}'`,
      );
    });

    it('an SSO login cache file that is a loop of symbolic links: SSO_TOKEN_MISSING says "cannot be read", not "never signed in"', async () => {
      const h = home({
        '.aws/config':
          '[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = R\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\n',
      });
      fs.mkdirSync(path.join(h, '.aws', 'sso', 'cache'), { recursive: true });
      const cacheFile = path.join(h, '.aws', 'sso', 'cache', `${sha1Hex('corp')}.json`);
      fs.symlinkSync('loop', cacheFile);
      fs.symlinkSync(path.basename(cacheFile), path.join(h, '.aws', 'sso', 'cache', 'loop'));
      const o = await allOutputs(h);
      const missing = o.json.findings.find((x) => x.code === FindingCode.SsoTokenMissing)!;
      assert.ok(
        missing.message.includes(`(${cacheFile} cannot be read: a loop of symbolic links (ELOOP))`),
        missing.message,
      );
      assert.equal(o.json.findings.filter((x) => x.code === FindingCode.FileUnreadable).length, 1);
      if (!haveRealTools()) return;
      assert.equal(
        jsonOf(runBotocore(BOTOCORE_CREDENTIALS, { HOME: h })).error,
        'SSOTokenLoadError: Error loading SSO Token: Token for corp does not exist',
      );
      assert.match(
        String(jsonOf(runJsSdk(JS_CREDENTIALS, { HOME: h })).error),
        /The SSO session token associated with profile=default was not found or is invalid/,
      );
    });

    it("the extension's tooltip names the file and why it was not read", async () => {
      const h = home({ '.aws/config': '[default]\nregion = eu-west-1\n' });
      fs.symlinkSync('loop', path.join(h, '.aws', 'credentials'));
      fs.symlinkSync('credentials', path.join(h, '.aws', 'loop'));
      const { json } = await allOutputs(h);
      const m = statusBarModel({ report: json, now: NOW, settings: DEFAULT_SETTINGS });
      assert.ok(
        m.tooltip.includes(
          `$(warning) The credentials file ${path.join(h, '.aws', 'credentials')}: cannot be read: a loop of symbolic links (ELOOP)`,
        ),
        m.tooltip,
      );
    });
  });

  describe('a fix touches nothing but a regular file', () => {
    /** A device node of our own (mknod, as root) or else a FIFO: chmod on it harms nothing if a check failed. */
    function privateDevice(dir: string): { path: string; kind: string } {
      const dev = path.join(dir, 'null-device');
      if (process.getuid?.() === 0 && spawnSync('mknod', ['-m', '666', dev, 'c', '1', '3']).status === 0)
        return { path: dev, kind: 'a character device' };
      assert.equal(spawnSync('mkfifo', ['-m', '666', dev]).status, 0);
      return { path: dev, kind: 'a named pipe (FIFO)' };
    }
    const chmodFixes = (r: Report) => r.findings.flatMap((f) => f.fixes).filter((x) => x.action.kind === 'chmod');

    it('AWS_SHARED_CREDENTIALS_FILE=/dev/null (mode 0666, the idiom for "no credentials file"): no permissions finding, no chmod in any output', async () => {
      const h = home({ '.aws/config': '[default]\nregion = eu-west-1\n' });
      const o = await allOutputs(h, { AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
      assert.ok(!o.json.findings.some((f) => f.code === FindingCode.CredentialsFilePermissions));
      assert.deepEqual(chmodFixes(o.json), []);
      for (const out of [o.text, o.markdown]) assert.ok(!out.includes('chmod'), out);
    });

    it('a credentials path that is a symbolic link to a device node (mode 0666): no chmod offered', async () => {
      const h = home({ '.aws/config': '[default]\nregion = eu-west-1\n' });
      const dev = privateDevice(h);
      fs.symlinkSync(dev.path, path.join(h, '.aws', 'credentials'));
      const o = await allOutputs(h);
      assert.deepEqual(chmodFixes(o.json), []);
      assert.ok(!o.text.includes('chmod'), o.text);
    });

    it('a credentials path that is a symbolic link to a 0644 regular file (dotfiles managed by stow): chmod offered, on the path the user knows', async () => {
      const h = home({ '.aws/config': '[default]\nregion = eu-west-1\n', 'dotfiles/credentials': STATIC });
      fs.symlinkSync(path.join(h, 'dotfiles', 'credentials'), path.join(h, '.aws', 'credentials'));
      const o = await allOutputs(h);
      assert.deepEqual(
        chmodFixes(o.json).map((x) => x.action),
        [{ kind: 'chmod', path: path.join(h, '.aws', 'credentials'), mode: 0o600 }],
      );
    });

    it('an aws login token cache that is a symbolic link to a device node: no LOGIN_CACHE_PERMISSIONS, no chmod', async () => {
      const session = 'arn:aws:iam::123456789012:user/alice';
      const h = home({ '.aws/config': `[default]\nregion = eu-west-1\nlogin_session = ${session}\n` });
      fs.mkdirSync(path.join(h, '.aws', 'login', 'cache'), { recursive: true });
      const dev = privateDevice(h);
      fs.symlinkSync(dev.path, path.join(h, '.aws', 'login', 'cache', `${sha256Hex(session)}.json`));
      const o = await allOutputs(h, {
        AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS: 'aws-cli=2.33.0,botocore=1.43.11,awscrt=yes',
      });
      assert.ok(!o.json.findings.some((f) => f.code === FindingCode.LoginCachePermissions));
      assert.deepEqual(chmodFixes(o.json), []);
    });

    describe("the extension's appliers re-check when they apply (src/nodeHost/regularFile.ts)", () => {
      it('withRegularFile: a link to a device node, the node itself, a FIFO, a directory and a link loop are refused, untouched; a link to a regular file reaches the file', async () => {
        const h = home({ 'real/credentials': STATIC });
        const dev = privateDevice(h);
        const fifo = path.join(h, 'fifo');
        assert.equal(spawnSync('mkfifo', ['-m', '644', fifo]).status, 0);
        const links: Record<string, string> = {
          'to-device': dev.path,
          'to-fifo': fifo,
          'to-dir': path.join(h, 'real'),
          'to-file': path.join(h, 'real', 'credentials'),
        };
        for (const [name, target] of Object.entries(links)) fs.symlinkSync(target, path.join(h, name));
        fs.symlinkSync('loop-b', path.join(h, 'loop-a'));
        fs.symlinkSync('loop-a', path.join(h, 'loop-b'));
        const chmod = (p: string) => withRegularFile(p, fs.constants.O_RDONLY, (fd) => fs.fchmodSync(fd, 0o600));
        assert.equal(notARegularFile(path.join(h, 'to-device')), `a symbolic link to ${dev.kind} (${dev.path})`);
        assert.equal(notARegularFile(dev.path), dev.kind);
        assert.equal(notARegularFile(path.join(h, 'loop-a')), 'a symbolic link that leads nowhere (ELOOP)');
        assert.equal(notARegularFile(path.join(h, 'to-file')), undefined);
        for (const p of [path.join(h, 'to-device'), dev.path, fifo, path.join(h, 'to-fifo'), path.join(h, 'to-dir')]) {
          assert.throws(
            () => chmod(p),
            (e: unknown) => e instanceof NotAFileError,
            p,
          );
        }
        assert.throws(() => chmod(path.join(h, 'loop-a')), /ELOOP/);
        assert.equal(fs.statSync(dev.path).mode & 0o777, 0o666);
        assert.equal(fs.statSync(fifo).mode & 0o777, 0o644);
        chmod(path.join(h, 'to-file'));
        assert.equal(fs.statSync(path.join(h, 'real', 'credentials')).mode & 0o777, 0o600);
        assert.ok(fs.lstatSync(path.join(h, 'to-file')).isSymbolicLink(), 'the link stays a link');
      });
    });
  });

  describe('a secret the engine knows is masked wherever it lands', () => {
    // Lower case only, so that no secret-shaped pattern catches it: only knowing the value masks it.
    const S = 'kt9x2pq7rlmn4vb8wz1cy6hj3sd5fg0ae2ui9oqz';
    const TOKEN = `iqojb3jpz2luxzvjeaaacxvzlwvhc3qtmsjhmeycie${'q'.repeat(80)}`;
    /** A home where `aws configure` took the secret twice (region = the secret), a profile and a path named after it. */
    function planted() {
      const h = home({
        '.aws/credentials': `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${S}\n[${S}]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${S}\n`,
        [`${S}/config`]: `[default]\nregion = ${S}\noutput = json\n[profile ops]\nregion = eu-west-1\nsource_profile = ${S}\nrole_arn = arn:aws:iam::123456789012:role/${S}\n`,
      });
      return {
        h,
        env: { AWS_CONFIG_FILE: path.join(h, S, 'config'), AWS_REGION: S, AWS_SESSION_TOKEN: TOKEN, AWS_PROFILE: S },
      };
    }
    const leaks = (out: string) => [S, TOKEN, S.slice(0, 20), TOKEN.slice(0, 40)].filter((x) => out.includes(x));

    it('the secret pasted into region, AWS_REGION, AWS_PROFILE, a profile name, a role ARN and a directory of AWS_CONFIG_FILE: masked in text, --json, --markdown and explain (text and --json)', async () => {
      const { h, env } = planted();
      const o = await allOutputs(h, env);
      // The secret really is in those fields: the report shows the mask where it stood.
      assert.equal(o.json.profile.name, '****');
      assert.equal(o.json.tools.cli.region, '****');
      assert.ok(
        o.json.files.some((f) => f.path === path.join(h, '****', 'config')),
        JSON.stringify(o.json.files),
      );
      for (const [name, out] of [
        ['text', o.text],
        ['json', JSON.stringify(o.json)],
        ['markdown', o.markdown],
      ] as const)
        assert.deepEqual(leaks(out), [], name);
      for (const argv of [
        ['explain', '--home', h],
        ['explain', '--json', '--home', h],
      ]) {
        const e = await cli(
          [
            ...argv,
            `An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: region ${S} token ${TOKEN}`,
          ],
          env,
        );
        assert.equal(e.code, 0, e.err);
        assert.deepEqual(leaks(e.out + e.err), [], argv.join(' '));
      }
    });

    it("the live check's messages: a credential_process whose command line and error output hold the secret (the real child, SDK and helper; nothing leaves 127.0.0.1)", function () {
      const { h } = planted();
      const helper = path.join(h, 'helper.sh');
      fs.writeFileSync(helper, `#!/bin/sh\necho "vault refused the token $2" >&2\nexit 1\n`, { mode: 0o755 });
      fs.writeFileSync(
        path.join(h, '.aws', 'config'),
        `[profile p]\nregion = eu-west-1\ncredential_process = ${helper} --token ${S}\n`,
      );
      const r = spawnSync(
        process.execPath,
        [
          BIN,
          'diagnose',
          '--json',
          '--live',
          '--profile',
          'p',
          '--endpoint-url',
          'http://127.0.0.1:9',
          '--timeout',
          '20',
        ],
        {
          env: {
            PATH: '/usr/bin:/bin',
            HOME: h,
            AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1',
            AWS_EC2_METADATA_DISABLED: 'true',
          },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      const report = JSON.parse(r.stdout) as Report;
      assert.equal(report.live?.ok, false);
      // The helper ran and its words came back: the proof that the secret went through the live check's messages.
      assert.match(JSON.stringify(report.findings), /vault refused the token \*\*\*\*/);
      assert.match(r.stderr, /runs the credential_process of profile "p": .*helper\.sh --token \*\*\*\*/);
      assert.deepEqual(leaks(r.stdout + r.stderr), []);
    });

    it("the extension's status bar, tooltip, profile picker, environment document and notifications", async () => {
      const { h, env } = planted();
      const { json: report } = await allOutputs(h, env);
      const redactor = new Redactor().add(S).add(TOKEN);
      const model = statusBarModel({ report, now: NOW, settings: DEFAULT_SETTINGS });
      const picker = JSON.stringify(profilePickItems(report, NOW));
      const doc = environmentDocument(
        mergeEnvironment({ process: env, settings: [], dotenv: [], overrides: new Map() }),
        env,
        (t) => redactor.redact(t),
      ).text;
      const shown: string[] = [];
      const notifier = new Notifier({
        showInformationMessage: (m: string, ...items: string[]) => (
          shown.push(m, ...items),
          Promise.resolve(undefined)
        ),
        showWarningMessage: (m: string) => (shown.push(m), Promise.resolve(undefined)),
        showErrorMessage: (m: string) => (shown.push(m), Promise.resolve(undefined)),
        setStatusBarMessage: (m: string) => (shown.push(m), { dispose: () => undefined }),
      });
      notifier.redactWith(() => (t) => redactor.redact(t));
      void notifier.info(`New terminals use AWS profile "${S}"`, `Use ${S}`);
      notifier.status(`AWS_REGION=${S}`, 1000);
      for (const [name, out] of [
        ['status bar', model.text],
        ['tooltip', model.tooltip],
        ['picker', picker],
        ['environment document', doc],
        ['notifications', shown.join('\n')],
      ] as const) {
        assert.deepEqual(leaks(out), [], name);
      }
      assert.match(model.text, /^\$\([a-z]+\) \*\*\*\*/);
      assert.ok(doc.includes('AWS_REGION=****'), doc);
    });

    it('a message redacted twice (a terminal alert, then the notifier) keeps what follows a mask: "…by `export AWS_SESSION_TOKEN=****`."', () => {
      const once = new Redactor()
        .add(TOKEN)
        .redact(`set in this terminal by \`export AWS_SESSION_TOKEN=${TOKEN}\`. Authorization: Bearer ${TOKEN}\` x`);
      assert.equal(once, 'set in this terminal by `export AWS_SESSION_TOKEN=****`. Authorization: Bearer ****` x');
      assert.equal(new Redactor().add(TOKEN).redact(once), once);
    });
  });

  describe('explain reads a bounded amount of its input and says what it left out', () => {
    const ERROR =
      'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired';

    it('600 MB of log on standard input, the AWS error on its last line: explained, the cut said on stderr, exit 0, peak memory under 150 MB (the whole-buffer reading crashed at 600 MB)', function () {
      this.timeout(300_000);
      const h = home({ '.aws/config': '[default]\nregion = eu-west-1\n' });
      const rssFile = path.join(h, 'rss');
      const size = 600 * 1024 * 1024;
      // A log of CI lines, then the error: `yes` writes the lines, `head -c` stops it at 600 MB.
      const r = spawnSync(
        'bash',
        [
          '-c',
          `set -o pipefail; { yes '2026-11-22T12:00:00Z INFO uploading s3://bucket/build/artifact.tar.gz part 0042 of 1000' | head -c ${size}; echo; echo '${ERROR}'; } | "${process.execPath}" --require "${path.join(PROJECT_ROOT, 'test', 'support', 'maxRss.cjs')}" "${BIN}" explain --json`,
        ],
        {
          env: { PATH: '/usr/bin:/bin', HOME: h, AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1', ACD_MAX_RSS_FILE: rssFile },
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          timeout: 280_000,
        },
      );
      assert.equal(r.status, 0, r.stderr);
      const explanation = JSON.parse(r.stdout) as { matches: { code: string }[] };
      assert.deepEqual(
        explanation.matches.map((m) => m.code),
        ['ExpiredToken'],
      );
      assert.equal(
        r.stderr,
        'aws-credentials-doctor: the text is 600 MB: only its first 64 KB and its last 896 KB were read (an AWS error is usually at the end of a log); the 599 MB between were not.\n',
      );
      const rssMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
      assert.ok(rssMb < 150, `peak RSS ${rssMb.toFixed(0)} MB`);
    });

    it('an error at the very start of a 5 MB paste is found too (the start is kept), and a text within the bound is read whole, silently', async () => {
      const h = home({ '.aws/config': '[default]\nregion = eu-west-1\n' });
      const log = `${ERROR}\n${'noise line of a long build log\n'.repeat((5 * 1024 * 1024) / 31)}`;
      let err = '';
      let out = '';
      const code = await runCli({
        argv: ['explain', '--json', '--home', h],
        env: { PATH: '/usr/bin:/bin' },
        stdout: (s) => (out += s),
        stderr: (s) => (err += s),
        now: () => NOW,
        homedir: '/nonexistent',
        readStdin: async () => log,
      });
      assert.equal(code, 0);
      assert.deepEqual(
        (JSON.parse(out) as { matches: { code: string }[] }).matches.map((m) => m.code),
        ['ExpiredToken'],
      );
      assert.equal(
        err,
        'aws-credentials-doctor: the text is 5.0M characters: only its first 64K characters and its last 896K characters were read (an AWS error is usually at the end of a log); the 4.1M characters between were not.\n',
      );
      const small = await cli(['explain', '--home', h, ERROR]);
      assert.equal(small.err, '');
    });

    it("the extension's Explain Error bounds a selection the same way (keepEnds), the gap marked on a line of its own", async () => {
      const text = `first line\n${'x'.repeat(HEAD_LIMIT)}\n${'y'.repeat(2 * TAIL_LIMIT)}\nlast line`;
      const b = keepEnds(text);
      assert.ok(b.cut && b.text.length < HEAD_LIMIT + TAIL_LIMIT + 100);
      assert.ok(b.text.startsWith('first line\n'));
      assert.ok(b.text.endsWith('\nlast line'));
      assert.match(b.text, /\n\[… 896K characters not read …\]\n/);
      assert.ok(b.text.length > HEAD_LIMIT + TAIL_LIMIT - 100, 'a long line at the cut is cut, not dropped');
      assert.deepEqual(keepEnds('short'), { text: 'short' });
    });
  });

  describe('a fix never copies a malformed value into another variable or a command', () => {
    const CONFIG =
      '[default]\nregion = eu-west-1\n[profile dev]\nregion = eu-west-1\n[profile prod]\nregion = eu-west-1\n';
    async function memory(env: Record<string, string>, config = CONFIG) {
      return diagnose({
        env: { HOME: '/home/u', ...env },
        fs: new MemoryHost({
          '/home/u/.aws/config': config,
          '/home/u/.aws/credentials': STATIC.replace('[default]', '[prod]'),
        }),
        now: NOW,
        fallbackHomeDir: '/home/u',
      });
    }
    const fixesOf = (
      d: { findings: readonly { code: string; fixes: readonly { action: unknown }[] }[] },
      code: FindingCode,
    ) => d.findings.filter((f) => f.code === code).flatMap((f) => f.fixes.map((x) => x.action));

    it('AWS_DEFAULT_PROFILE="dev\\r" (a .env saved on Windows): AWS_PROFILE is set to dev, never to "dev\\r"', async () => {
      const d = await memory({ AWS_DEFAULT_PROFILE: 'dev\r' });
      assert.deepEqual(fixesOf(d, FindingCode.DefaultProfileVariable), [
        { kind: 'setEnv', name: 'AWS_PROFILE', value: 'dev' },
        { kind: 'unsetEnv', name: 'AWS_DEFAULT_PROFILE' },
      ]);
      const typed = d.findings.find((f) => f.code === FindingCode.DefaultProfileVariable)!.fixes[0].commands;
      assert.deepEqual(typed, [{ shell: 'posix', command: 'export AWS_PROFILE=dev' }]);
    });

    it('AWS_DEFAULT_PROFILE=prdo (a typo of prod): AWS_PROFILE=prod; AWS_DEFAULT_PROFILE=nothing-like-it: only unset', async () => {
      assert.deepEqual(fixesOf(await memory({ AWS_DEFAULT_PROFILE: 'prdo' }), FindingCode.DefaultProfileVariable)[0], {
        kind: 'setEnv',
        name: 'AWS_PROFILE',
        value: 'prod',
      });
      assert.deepEqual(
        fixesOf(await memory({ AWS_DEFAULT_PROFILE: 'nothing-like-it' }), FindingCode.DefaultProfileVariable),
        [{ kind: 'unsetEnv', name: 'AWS_DEFAULT_PROFILE' }],
      );
    });

    it('AWS_REGION="eu-west-1\\r" alone: not copied into AWS_DEFAULT_REGION; REGION_MALFORMED offers eu-west-1', async () => {
      const d = await memory({ AWS_REGION: 'eu-west-1\r' });
      assert.deepEqual(fixesOf(d, FindingCode.RegionVariablesDisagree), []);
      assert.deepEqual(fixesOf(d, FindingCode.RegionMalformed), [
        { kind: 'setEnv', name: 'AWS_REGION', value: 'eu-west-1' },
      ]);
    });

    it('AWS_REGION=us-east-12 (a typo) with AWS_DEFAULT_REGION=us-east-1: the good one is copied the other way; ESC in both: nothing copied', async () => {
      assert.deepEqual(
        fixesOf(
          await memory({ AWS_REGION: 'us-east-12', AWS_DEFAULT_REGION: 'us-east-1' }),
          FindingCode.RegionVariablesDisagree,
        ),
        [{ kind: 'setEnv', name: 'AWS_REGION', value: 'us-east-1' }],
      );
      assert.deepEqual(
        fixesOf(
          await memory({ AWS_REGION: 'eu-west-1\x1b[8m', AWS_DEFAULT_REGION: 'us-east-1 ' }),
          FindingCode.RegionVariablesDisagree,
        ),
        [],
      );
      assert.deepEqual(
        fixesOf(
          await memory({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-1' }),
          FindingCode.RegionVariablesDisagree,
        ),
        [{ kind: 'setEnv', name: 'AWS_DEFAULT_REGION', value: 'eu-west-1' }],
      );
    });

    it('a profile named "dev\\x1b[2J" in the config: never offered as a switch for a missing profile', async () => {
      const d = await memory({ AWS_PROFILE: 'devv' }, `${CONFIG}[profile dev\x1b[2J]\nregion = eu-west-1\n`);
      const switches = fixesOf(d, FindingCode.ProfileNotFound) as { profile: string }[];
      assert.deepEqual(
        switches.map((a) => a.profile),
        ['dev', 'default', 'prod'],
      );
    });

    it('AWS_CONFIG_FILE="$HOME/.aws/config\\r": the expanded path with its CR is not offered as the new value', async () => {
      const d = await memory({ AWS_CONFIG_FILE: '$HOME/.aws/config\r' });
      const f = d.findings.find((x) => x.code === FindingCode.FileVariableNotExpanded)!;
      assert.deepEqual(f.fixes, []);
      const clean = await memory({ AWS_CONFIG_FILE: '$HOME/.aws/config' });
      assert.deepEqual(fixesOf(clean, FindingCode.FileVariableNotExpanded), [
        { kind: 'setEnv', name: 'AWS_CONFIG_FILE', value: '/home/u/.aws/config' },
      ]);
    });

    it('a terminal whose AWS_PROFILE is "sso-dev\\r" and an SSO error: no `aws sso login --profile` fix with the malformed name', async () => {
      const m = new TerminalEnvironment('posix', { AWS_PROFILE: 'sso-dev\r' });
      const d = await memory(
        m.engineEnvironment({}),
        `${CONFIG}[profile sso-dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = R\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\n`,
      );
      const explanation = explainError('Error when retrieving token from sso: Token has expired and refresh failed', d);
      const alert = terminalAlert({
        explanation,
        model: m,
        shell: 'posix',
        commandLine: 'aws s3 ls',
        redact: (t) => t,
        timeOf: () => '10:42',
        profiles: ['default', 'dev', 'prod', 'sso-dev'],
        profile: d.profile.name,
      });
      assert.ok(alert, 'the SSO error is recognised');
      assert.equal(alert.fix, undefined, JSON.stringify(alert.fix));
    });
  });

  describe("a byte that is not UTF-8 is reported on its own line, in botocore's and Python's words", () => {
    const PY_READ = [
      'import configparser, json, sys',
      'out = []',
      'for path in sys.argv[1:]:',
      '    try:',
      '        configparser.RawConfigParser().read([path])',
      '        out.append(None)',
      '    except UnicodeDecodeError as e:',
      '        out.append(str(e))',
      'print(json.dumps(out))',
    ].join('\n');

    it('a Latin-1 "é" in a comment on line 3 of the config (CRLF line ends): CONFIG_PARSE_ERROR at 3:6, botocore stops, the JavaScript SDK reads every profile', async () => {
      const h = home();
      fs.mkdirSync(path.join(h, '.aws'));
      fs.writeFileSync(
        path.join(h, '.aws', 'config'),
        Buffer.from(
          '[default]\r\nregion = eu-west-1\r\n# caf\xe9 au lait\r\n[profile x]\r\nregion = eu-west-1\r\n',
          'latin1',
        ),
      );
      const o = await allOutputs(h);
      const f = o.json.findings.filter((x) => x.code === FindingCode.ConfigParseError);
      assert.equal(f.length, 1);
      assert.deepEqual([f[0].line, f[0].column, f[0].tools], [3, 6, ['python', 'cli']]);
      assert.equal(
        f[0].message,
        `botocore cannot parse the config file at line 3: byte 0xe9 (column 6) is not UTF-8; the file was probably saved in another encoding (Latin-1, Windows-1252). boto3 and the AWS CLI stop with "Unable to parse config file: ${path.join(h, '.aws', 'config')}" (Python: 'utf-8' codec can't decode byte 0xe9 in position 36: invalid continuation byte) before looking for credentials, even when environment keys are set; the JavaScript SDK reads the byte as U+FFFD and the rest of the file as usual. Retype the character or save the file as UTF-8.`,
      );
      if (!haveRealTools()) return;
      assert.deepEqual(
        jsonOf(
          runBotocore(PY_READ.replace('sys.argv[1:]', JSON.stringify([path.join(h, '.aws', 'config')])), { HOME: h }),
        ),
        ["'utf-8' codec can't decode byte 0xe9 in position 36: invalid continuation byte"],
      );
      assert.equal(
        jsonOf(runBotocore(BOTOCORE_CREDENTIALS, { HOME: h })).error,
        `ConfigParseError: Unable to parse config file: ${path.join(h, '.aws', 'config')}`,
      );
      const js = runJsSdk(
        "require('@smithy/shared-ini-file-loader').loadSharedConfigFiles().then((r) => console.log(JSON.stringify(Object.keys(r.configFile))))",
        { HOME: h },
      );
      assert.deepEqual(jsonOf(js), ['default', 'x']);
    });

    it('a config and credentials file saved as UTF-16 with its byte order mark (PowerShell\'s Out-File): "is UTF-16" on line 1; botocore stops at byte 0, the JavaScript SDK finds no profile', async () => {
      const utf16 = (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
      const h = home();
      fs.mkdirSync(path.join(h, '.aws'));
      fs.writeFileSync(path.join(h, '.aws', 'config'), utf16('[default]\r\nregion = eu-west-1\r\n'));
      fs.writeFileSync(path.join(h, '.aws', 'credentials'), utf16(STATIC.replace(/\n/g, '\r\n')), { mode: 0o600 });
      const o = await allOutputs(h);
      const f = o.json.findings.filter((x) => x.code === FindingCode.ConfigParseError);
      assert.deepEqual(
        f.map((x) => [x.fileKind, x.line, x.column, x.tools.join()]),
        [
          ['config', 1, 1, 'node,python,cli'],
          ['credentials', 1, 1, 'node,python,cli'],
        ],
      );
      assert.match(
        f[0].message,
        /^The config file is UTF-16, not UTF-8: it starts with the UTF-16 byte order mark FF FE .*\(Python: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte\).*the JavaScript SDK reads it as UTF-8 too, finds a NUL between every two characters and no profile at all/,
      );
      assert.equal(o.json.tools.node.source, 'none');
      if (!haveRealTools()) return;
      assert.match(
        String(jsonOf(runBotocore(BOTOCORE_CREDENTIALS, { HOME: h })).error),
        /^ConfigParseError: Unable to parse config file: /,
      );
      const js = runJsSdk(
        "require('@smithy/shared-ini-file-loader').loadSharedConfigFiles().then((r) => console.log(JSON.stringify([Object.keys(r.configFile), Object.keys(r.credentialsFile)])))",
        { HOME: h },
      );
      assert.deepEqual(jsonOf(js), [[], []]);
    });

    it("bad bytes around the 8 KB chunks Python decodes in, a character cut by a chunk, a file cut in a character: Python's positions exactly", function () {
      if (!haveRealTools()) this.skip();
      const dir = home();
      const pad = (n: number) =>
        Buffer.from(`[default]\n${'# a comment line, padding\n'.repeat(Math.ceil(n / 26))}`.slice(0, n));
      const cases: Buffer[] = [
        ...[8190, 8191, 8192, 8193, 16385, 20000].map((n) =>
          Buffer.concat([pad(n), Buffer.from([0xff]), Buffer.from('\nregion = x\n')]),
        ),
        // A 3-byte character whose lead is the last byte of the first chunk, then a bad continuation.
        Buffer.concat([pad(8191), Buffer.from([0xe2, 0x41]), Buffer.from('\n')]),
        Buffer.concat([pad(8190), Buffer.from([0xe2, 0x82, 0x41])]),
        Buffer.concat([pad(100), Buffer.from([0xf0, 0x9f, 0x98])]),
        Buffer.concat([pad(9000), Buffer.from([0xc3])]),
        Buffer.from([0xed, 0xa0, 0x80, 0x0a]),
      ];
      const files = cases.map((b, i) => {
        const f = path.join(dir, `case-${i}`);
        fs.writeFileSync(f, b);
        return f;
      });
      const python = jsonOf(
        runBotocore(PY_READ.replace('sys.argv[1:]', JSON.stringify(files)), { HOME: dir }),
      ) as unknown as (string | null)[];
      assert.deepEqual(
        cases.map((b) => pythonDecodeMessage(firstUtf8Error(b)!, b)),
        python,
      );
      // The line of the byte: the padding's lines plus one.
      assert.equal(
        lineAndColumn(cases[3], 8193).line,
        cases[3].subarray(0, 8193).toString('latin1').split('\n').length,
      );
    });
  });

  describe("botocore's own limits, predicted where it hits them and quoted in its words", () => {
    const SSO_CONFIG =
      '[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = R\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\n';
    const CACHE = `.aws/sso/cache/${sha1Hex('corp')}.json`;
    /** An sso-session login cache whose token the JavaScript SDK could refresh (its refresh goes to 127.0.0.1:9 here). */
    const token = (expiresAt: string, extra = '') =>
      `{"startUrl":"https://x.awsapps.com/start","region":"eu-west-1","accessToken":"tok","expiresAt":${expiresAt},"clientId":"c","clientSecret":"s","refreshToken":"r","registrationExpiresAt":"2099-01-01T00:00:00Z"${extra}}`;
    const failures = (r: Report) => ({
      node: r.tools.node.failure,
      python: r.tools.python.failure,
      cli: r.tools.cli.failure,
    });
    const lastLine = (s: string) => s.trim().split('\n').pop();

    it("an SSO login cache nested 1,000 levels deep: botocore and the AWS CLI stop with Python's RecursionError, the JavaScript SDK reads it (the real tools agree)", async () => {
      const h = home({
        '.aws/config': SSO_CONFIG,
        [CACHE]: token('"2099-01-01T00:00:00Z"', `,"x":${'['.repeat(1000)}${']'.repeat(1000)}`),
      });
      const o = await allOutputs(h);
      const recursion = 'maximum recursion depth exceeded while decoding a JSON array from a unicode string';
      assert.deepEqual(failures(o.json), { node: null, python: recursion, cli: recursion });
      const f = o.json.findings.filter((x) => x.code === FindingCode.SsoCacheTooDeep);
      assert.deepEqual(
        f.map((x) => [x.severity, x.line, x.tools.join()]),
        [['error', 2, 'python,cli']],
      );
      if (!haveRealTools()) return;
      assert.equal(jsonOf(runBotocore(BOTOCORE_CREDENTIALS, { HOME: h })).error, `RecursionError: ${recursion}`);
      assert.equal(lastLine(runAwsCli(['sts', 'get-caller-identity'], { HOME: h }).stderr), recursion);
      // The JavaScript SDK got past the file: its request to the SSO portal (127.0.0.1:9 here) is what fails.
      assert.match(String(jsonOf(runJsSdk(JS_CREDENTIALS, { HOME: h })).error), /ECONNREFUSED 127\.0\.0\.1:9/);
    });

    it('an SSO login cache nested 900 levels deep: under the limit, every tool reads it', async () => {
      const h = home({
        '.aws/config': SSO_CONFIG,
        [CACHE]: token('"2099-01-01T00:00:00Z"', `,"x":${'['.repeat(900)}${']'.repeat(900)}`),
      });
      const o = await allOutputs(h);
      assert.deepEqual(failures(o.json), { node: null, python: null, cli: null });
      assert.ok(!o.json.findings.some((x) => x.code === FindingCode.SsoCacheTooDeep));
      if (!haveRealTools()) return;
      assert.match(String(jsonOf(runBotocore(BOTOCORE_CREDENTIALS, { HOME: h })).error), /^EndpointConnectionError: /);
    });

    for (const [value, python, js] of [
      ['2099-02-30T00:00:00Z', 'day is out of range for month: 2099-02-30T00:00:00Z', 'rolls over'],
      ['2026-13-01T00:00:00Z', 'month must be in 1..12: 2026-13-01T00:00:00Z', 'Invalid time value'],
      ['2099-01-01T25:00:00Z', 'hour must be in 0..23: 2099-01-01T25:00:00Z', 'Invalid time value'],
      ['1e20', 'Parser must be a string or character stream, not float', 'Invalid time value'],
    ] as const) {
      it(`expiresAt = ${value} in an sso-session login cache: botocore and the AWS CLI say "${python}"; the JavaScript SDK ${js === 'rolls over' ? 'reads 2099-03-02' : 'says "Invalid time value" after a failed refresh'}`, async () => {
        const h = home({ '.aws/config': SSO_CONFIG, [CACHE]: token(value === '1e20' ? value : JSON.stringify(value)) });
        const o = await allOutputs(h);
        assert.deepEqual([o.json.tools.python.failure, o.json.tools.cli.failure], [python, python]);
        const f = o.json.findings.find((x) => x.code === FindingCode.SsoTokenExpiryUnparseable)!;
        assert.ok(f.message.includes(`(dateutil: "${python}")`), f.message);
        if (js === 'rolls over') {
          assert.equal(o.json.tools.node.expiresAt, '2099-03-02T00:00:00.000Z');
          assert.ok(
            f.message.includes(
              'the JavaScript SDK reads it as 2099-03-02T00:00:00.000Z (the day rolls over into the next month)',
            ),
            f.message,
          );
        } else assert.ok(f.message.includes('if the refresh fails, stops with "Invalid time value"'), f.message);
        if (!haveRealTools()) return;
        assert.equal(
          jsonOf(runBotocore(BOTOCORE_CREDENTIALS, { HOME: h })).error,
          `${value === '1e20' ? 'TypeError' : 'ParserError'}: ${python}`,
        );
        assert.equal(lastLine(runAwsCli(['sts', 'get-caller-identity'], { HOME: h }).stderr), python);
        const jsError = String(jsonOf(runJsSdk(JS_CREDENTIALS, { HOME: h })).error);
        if (js === 'rolls over')
          assert.match(jsError, /ECONNREFUSED 127\.0\.0\.1:9/, 'read as a valid token: the portal is asked');
        else assert.equal(jsError, 'CredentialsProviderError: Invalid time value');
      });
    }

    it('AWS_CREDENTIAL_EXPIRATION=2099-02-30T00:00:00Z: botocore and the AWS CLI "day is out of range for month", the JavaScript SDK reads 2099-03-02', async () => {
      const h = home({ '.aws/config': '[default]\nregion = eu-west-1\n' });
      const env = {
        AWS_ACCESS_KEY_ID: KEY,
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_CREDENTIAL_EXPIRATION: '2099-02-30T00:00:00Z',
      };
      const o = await allOutputs(h, env);
      const words = 'day is out of range for month: 2099-02-30T00:00:00Z';
      assert.deepEqual(
        [o.json.tools.python.failure, o.json.tools.cli.failure, o.json.tools.node.expiresAt],
        [words, words, '2099-03-02T00:00:00.000Z'],
      );
      const f = o.json.findings.find((x) => x.code === FindingCode.EnvExpirationUnparseable)!;
      assert.equal(
        f.message,
        `AWS_CREDENTIAL_EXPIRATION="2099-02-30T00:00:00Z" is not a date botocore can read: botocore and the AWS CLI fail with "${words}" before sending anything; the JavaScript SDK reads it as 2099-03-02T00:00:00.000Z (the day rolls over into the next month). Use ISO 8601, e.g. 2026-11-22T12:00:00Z, or unset it.`,
      );
      if (!haveRealTools()) return;
      assert.equal(jsonOf(runBotocore(BOTOCORE_CREDENTIALS, { HOME: h, ...env })).error, `ParserError: ${words}`);
      assert.equal(lastLine(runAwsCli(['sts', 'get-caller-identity'], { HOME: h, ...env }).stderr), words);
      assert.equal(
        jsonOf(
          runJsSdk(
            "require('@aws-sdk/credential-providers').fromEnv()().then((c) => console.log(JSON.stringify(c.expiration.toISOString())))",
            { HOME: h, ...env },
          ),
        ),
        '2099-03-02T00:00:00.000Z',
      );
    });
  });
});
