/**
 * Platforms: each tool's home directory and file-variable expansion under Windows and POSIX rules,
 * proven against the real code on this Linux machine (Python's ntpath and posixpath, the JavaScript
 * SDK's getHomeDir in a child process with a Windows-shaped environment); findings that mean
 * nothing on Windows (POSIX modes) are not reported there.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { diagnose } from '../../src/engine/diagnose';
import type { Environment } from '../../src/engine/core/host';
import { botocorePaths, nodeHomeDir, pyExpandUser, pyExpandVars, pyHomeDir } from '../../src/engine/files/paths';
import { tempHome } from '../support/fixtureHome';
import { MemoryHost } from '../support/memoryHost';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WINDOWS_ENVS: Environment[] = [
  { USERPROFILE: 'C:\\Users\\alice' },
  { USERPROFILE: 'C:\\Users\\alice', HOME: '/home/alice' },
  { HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\bob' },
  { HOMEPATH: '\\Users\\carol' },
  { HOME: 'C:\\msys\\home\\dan', HOMEDRIVE: 'C:', HOMEPATH: '\\Users\\dan' },
];

function python(code: string, env: Environment): string {
  const r = spawnSync('python3', ['-c', code], {
    env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.replace(/\n$/, '');
}

describe('platforms', () => {
  it("botocore's home and ~ expansion equal Python's ntpath.expanduser with a Windows-shaped environment", function () {
    this.timeout(30_000);
    for (const env of WINDOWS_ENVS) {
      const real = python("import ntpath; print(ntpath.expanduser('~/.aws/config'))", env);
      assert.equal(
        pyExpandUser('~/.aws/config', pyHomeDir(env, '<fallback>', 'win32'), 'win32'),
        real,
        JSON.stringify(env),
      );
    }
  });
  it("botocore's variable expansion equals ntpath.expandvars (%VAR%, $VAR, ${VAR}) and posixpath.expandvars", function () {
    this.timeout(30_000);
    const env = { USERPROFILE: 'C:\\Users\\alice', AWS_DIR: 'D:\\aws' };
    for (const p of ['%USERPROFILE%\\.aws\\config', '$AWS_DIR\\config', '${AWS_DIR}/config', '%MISSING%\\config']) {
      assert.equal(
        pyExpandVars(p, env, 'win32'),
        python(
          `import ntpath, sys; print(ntpath.expandvars(sys.argv[1]))`.replace('sys.argv[1]', JSON.stringify(p)),
          env,
        ),
        p,
      );
      assert.equal(
        pyExpandVars(p, env, 'linux'),
        python(`import posixpath; print(posixpath.expandvars(${JSON.stringify(p)}))`, env),
        p,
      );
    }
  });
  it("the JavaScript SDK's getHomeDir (the real one, in a child with only these variables) equals the engine's", function () {
    this.timeout(30_000);
    for (const env of WINDOWS_ENVS) {
      const r = spawnSync(
        process.execPath,
        ['-e', "process.stdout.write(require('@smithy/shared-ini-file-loader').getHomeDir())"],
        { cwd: ROOT, env: env as NodeJS.ProcessEnv, encoding: 'utf8' },
      );
      assert.equal(r.status, 0, r.stderr);
      // On Linux the default HOMEDRIVE is "C:" + path.sep, "C:/" (on Windows "C:\\").
      assert.equal(nodeHomeDir(env, '<fallback>', 'linux'), r.stdout, JSON.stringify(env));
    }
    // On Windows "C:\\" + "\\Users\\carol": the SDK doubles the separator, harmlessly.
    assert.equal(nodeHomeDir({ HOMEPATH: '\\Users\\carol' }, '<fallback>', 'win32'), 'C:\\\\Users\\carol');
  });
  it('AWS_CONFIG_FILE=%USERPROFILE%\\... is expanded by botocore on Windows only', () => {
    const env = { USERPROFILE: 'C:\\Users\\alice', AWS_CONFIG_FILE: '%USERPROFILE%\\.aws\\work-config' };
    assert.equal(botocorePaths(env, '/x', 'win32').config, 'C:\\Users\\alice\\.aws\\work-config');
    assert.equal(botocorePaths(env, '/x', 'linux').config, '%USERPROFILE%\\.aws\\work-config');
  });
  it('--platform win32 --home DIR: every tool reads DIR (USERPROFILE is set too, which ntpath.expanduser reads first)', async function () {
    this.timeout(30_000);
    const dir = tempHome({ '.aws/config': '[default]\nregion = eu-west-1\n' }, 'acd-win-home-');
    try {
      let out = '';
      const env = { HOME: '/elsewhere/home', USERPROFILE: '/elsewhere/profile' };
      await runCli({
        argv: ['diagnose', '--json', '--platform', 'win32', '--home', dir],
        env,
        stdout: (x) => (out += x),
        stderr: () => undefined,
        now: () => 0,
        homedir: '/nonexistent',
      });
      const config = (JSON.parse(out) as { files: { kind: string; path: string; tools: string[] }[] }).files.filter(
        (f) => f.kind === 'config',
      );
      // The real ntpath with the environment the CLI builds; the JavaScript SDK reads HOME first.
      const real = python("import ntpath; print(ntpath.expanduser('~/.aws/config'))", {
        ...env,
        HOME: dir,
        USERPROFILE: dir,
      });
      assert.deepEqual(
        config.map((f) => [f.path, f.tools]),
        [[real, ['node', 'python', 'cli']]],
      );
      assert.equal(real, `${dir}/.aws/config`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it("the JavaScript SDK's `aws login` cache is under os.homedir(): HOME on POSIX, USERPROFILE on Windows", () => {
    // Node's os.homedir() (libuv): "On Windows, it uses the USERPROFILE environment variable if
    // defined", never HOME; the SDK's credential-provider-login joins it with .aws/login/cache.
    const session = 'arn:aws:iam::123456789012:user/alice';
    const token = JSON.stringify({
      accessToken: {
        accessKeyId: 'ASIAFAKEKEYDOCTORTWO',
        secretAccessKey: 'x'.repeat(40),
        sessionToken: 'FwoGFAKE',
        accountId: '123456789012',
        expiresAt: '2026-01-01T01:00:00Z',
      },
      refreshToken: 'r',
      clientId: 'c',
      dpopKey: 'k',
      idToken: 'i',
      tokenType: 'aws_sigv4',
    });
    const cacheFile = `.aws/login/cache/${createHash('sha256').update(session).digest('hex')}.json`;
    const files = {
      '/cfg/config': `[default]\nregion = eu-west-1\nlogin_session = ${session}\n`,
      [`/users/alice/${cacheFile}`]: { content: token, mode: 0o600 },
    };
    // Git Bash or MSYS on Windows: HOME differs from USERPROFILE.
    const env = { HOME: '/msys/home/alice', USERPROFILE: '/users/alice', AWS_CONFIG_FILE: '/cfg/config' };
    const run = (platform: 'linux' | 'win32') =>
      diagnose({
        env,
        fs: new MemoryHost(files),
        now: Date.parse('2026-01-01T00:00:00Z'),
        fallbackHomeDir: '/nonexistent',
        platform,
      });
    const notSignedIn = (platform: 'linux' | 'win32') =>
      run(platform)
        .findings.filter((f) => f.code === 'LOGIN_NOT_SIGNED_IN')
        .map((f) => [f.tools, f.message.replace(/^.* no token at (\S+): .*$/, '$1')]);
    assert.deepEqual(notSignedIn('win32'), []);
    assert.equal(run('win32').tools.node.source, 'login');
    // On Linux both tools read HOME, where there is no token.
    assert.deepEqual(notSignedIn('linux'), [[['node', 'python', 'cli'], `/msys/home/alice/${cacheFile}`]]);
  });
  it('no file-mode findings on Windows', () => {
    const files = {
      '/h/.aws/credentials': {
        content:
          '[default]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = 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\n',
        mode: 0o644,
      },
    };
    const run = (platform: 'linux' | 'win32') =>
      diagnose({
        env: { HOME: '/h', USERPROFILE: '/h' },
        fs: new MemoryHost(files),
        now: 0,
        fallbackHomeDir: '/h',
        platform,
      }).findings.map((f) => String(f.code));
    assert.ok(run('linux').includes('CREDENTIALS_FILE_PERMISSIONS'));
    assert.ok(!run('win32').includes('CREDENTIALS_FILE_PERMISSIONS'));
  });
});
