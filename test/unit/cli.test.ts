/** The command line: exit codes, the JSON contract, --profile, --home, and the built bundle. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI_OPTIONS, runCli } from '../../src/cli/main';
import { tempHome } from '../support/fixtureHome';
import { writeHome } from '../bench/largeHome';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const SECRET = 'kT9x/2pQ+7rLmN4vB8wZ1cY6hJ3sD5fG0aE2uI9o';

const home = (files: Record<string, string>): string => tempHome(files, 'acd-cli-');

async function cli(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runCli({
    argv,
    env,
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    now: () => NOW,
    homedir: '/nonexistent',
  });
  return { code, out, err };
}

describe('command line', () => {
  const healthy = home({
    '.aws/credentials': `[default]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = ${SECRET}\n`,
    '.aws/config': '[default]\nregion = eu-west-1\n',
  });
  const broken = home({
    '.aws/credentials': `[profile dev]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = ${SECRET}\n`,
  });
  after(() => [healthy, broken].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('exits 0 on a healthy home and prints each tool', async () => {
    const r = await cli(['diagnose', '--home', healthy]);
    assert.equal(r.code, 0, r.out);
    // The three tools agree: one block, not three.
    assert.match(
      r.out,
      /^All three tools \(JavaScript SDK v3, botocore \(boto3, AWS CLI v1\), AWS CLI v2\)\n {4}profile {2}default/m,
    );
    assert.equal(r.out.match(/^ {4}profile /gm)?.length, 1);
    assert.match(r.out, /No problems found\./);
    assert.ok(!r.out.includes(SECRET));
  });
  it('exits 1 when there is an error finding, and --json prints the schemaVersion 1 report', async () => {
    const r = await cli(['diagnose', '--json', '--home', broken]);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.out);
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.findings[0].code, 'PROFILE_PREFIX_IN_CREDENTIALS');
    assert.equal(report.findings[0].line, 1);
  });
  it('--profile selects explicitly, for every tool', async () => {
    const r = await cli(['diagnose', '--json', '--profile', 'nope', '--home', healthy]);
    const report = JSON.parse(r.out);
    assert.deepEqual(
      [report.profile, report.tools.python.profileFrom],
      [{ name: 'nope', from: '--profile' }, '--profile'],
    );
    assert.equal(r.code, 1);
  });
  it('exits 2 on bad usage, with the reason on stderr', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command: frobnicate/],
      [['diagnose', '--profile'], /Option '--profile <value>' argument missing/],
      [['diagnose', '--profile', '--json'], /Option '--profile' argument is ambiguous/],
      [['diagnose', '--nope'], /Unknown option '--nope'/],
      [['diagnose', '--json=yes'], /Option '--json' does not take an argument/],
      [['diagnose', 'extra'], /unknown argument: extra/],
      [[], /a command is needed/],
      [['diagnose', '--json', '--markdown'], /--json and --markdown exclude each other/],
      [['diagnose', '--live', '--timeout', 'x'], /--timeout takes 0.1 to 120 seconds/],
      [['explain'], /explain needs the error text/],
      [['explain', '--markdown', 'x'], /explain does not take --markdown/],
      [['diagnose', '--home', healthy, '--example'], /--home and --example exclude each other/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, message, argv.join(' '));
      assert.match(r.err, /^Usage:/m);
      assert.equal(r.out, '');
    }
    assert.equal((await cli(['--help'])).code, 0);
    assert.equal((await cli(['-h'])).code, 0);
  });
  it("every option parseArgs accepts is in --help and has a row in the README's options table", async () => {
    const help = (await cli(['--help'])).out;
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('#### What `--live` executes'));
    const names = Object.keys(CLI_OPTIONS);
    assert.ok(names.length >= 12 && names.includes('tool-versions'), names.join());
    for (const name of names) {
      // An option line of the help (indented, the option first) and a row of the table (the option in its first cell).
      assert.match(help, new RegExp(`^ {2}(?:-\\w, )?--${name}(?: [A-Z]+)?(?:  |\\n)`, 'm'), `--${name} in --help`);
      assert.match(section, new RegExp(`^\\| (?:\`-\\w\`, )?\`--${name}[ \`]`, 'm'), `--${name} in the README`);
    }
  });
  it('--timeout, --endpoint-url and --allow-imds without --live, or with explain, are usage errors', async () => {
    for (const argv of [
      ['diagnose', '--timeout', '5'],
      ['diagnose', '--endpoint-url', 'http://127.0.0.1:1'],
      ['diagnose', '--allow-imds'],
      ['explain', '--allow-imds', 'x'],
      ['explain', '--live', 'x'],
      ['explain', '--timeout=5', 'x'],
    ]) {
      const r = await cli([...argv, '--home', healthy]);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(
        r.err,
        argv[0] === 'explain'
          ? /explain does not take --(allow-imds|live|timeout)/
          : /applies to the live check only: add --live/,
      );
    }
  });
  it('--timeout out of 0.1-120 s (3000000, 1e9, Infinity, 0.05, -1, NaN) is a usage error; inside it reaches the live check in ms', async () => {
    for (const t of ['3000000', '1e9', 'Infinity', '0.05', '-1', 'NaN', '']) {
      assert.equal((await cli(['diagnose', '--live', `--timeout=${t}`, '--home', healthy])).code, 2, t);
    }
    let seen: number | undefined;
    let out = '';
    const code = await runCli({
      argv: ['diagnose', '--json', '--live', '--timeout', '0.25', '--home', healthy],
      env: {},
      stdout: (s) => (out += s),
      stderr: () => undefined,
      now: () => NOW,
      homedir: '/nonexistent',
      loadLive: () => ({
        runLiveCheck: async (o) => (
          (seen = o.timeoutMs),
          {
            ok: true,
            account: '123456789012',
            arn: 'arn:aws:iam::123456789012:user/x',
            clockSkewMs: 0,
            durationMs: 1,
            findings: [],
          }
        ),
      }),
    });
    assert.equal(seen, 250);
    assert.equal(code, 0, out);
  });
  it('--home on a missing folder (or a file) is a usage error, not an empty home', async () => {
    const file = path.join(healthy, '.aws', 'config');
    for (const dir of ['/nonexistent/home', file]) {
      const r = await cli(['diagnose', '--home', dir]);
      assert.equal(r.code, 2);
      assert.match(r.err, /--home .*: no such directory/);
    }
  });
  it('options anywhere, --name=value, and -- before error text that starts with a dash', async () => {
    const r = await cli(['--json', 'diagnose', `--home=${healthy}`, '--profile=default']);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).profile.from, '--profile');
    const e = await cli([
      'explain',
      '--home',
      healthy,
      '--',
      '--An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
    ]);
    assert.equal(e.code, 0, e.err);
    assert.match(e.out, /^ExpiredToken/);
  });
  it('the bundled dist/cli.js runs as the package bin, with the same exit codes', () => {
    const bin = path.join(ROOT, 'dist', 'cli.js');
    const env = { PATH: process.env.PATH ?? '/usr/bin', HOME: broken };
    const r = spawnSync(process.execPath, [bin, 'diagnose', '--json'], { env, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).tools.node.source, 'none');
    assert.equal(spawnSync(process.execPath, [bin, 'bogus'], { env, encoding: 'utf8' }).status, 2);
  });
  it('the bundled dist/cli.js predicts a relative credential_process from its own working directory', () => {
    const bin = path.join(ROOT, 'dist', 'cli.js');
    const h = tempHome(
      {
        '.aws/config': '[default]\nregion = eu-west-1\ncredential_process = helpers/op-cred-helper.sh vault key\n',
        'project/helpers/op-cred-helper.sh': '#!/bin/sh\n',
      },
      'acd-cli-cwd-',
    );
    try {
      fs.chmodSync(path.join(h, 'project', 'helpers', 'op-cred-helper.sh'), 0o755);
      const env = { PATH: process.env.PATH ?? '/usr/bin', HOME: h, XDG_CACHE_HOME: path.join(h, 'cache') };
      const codes = (cwd: string) => {
        const r = spawnSync(process.execPath, [bin, 'diagnose', '--json'], { env, cwd, encoding: 'utf8' });
        const report = JSON.parse(r.stdout) as {
          tools: { python: { source: string } };
          findings: { code: string; message: string }[];
        };
        return {
          status: r.status,
          python: report.tools.python.source,
          codes: report.findings.map((f) => f.code).filter((c) => c.startsWith('CREDENTIAL_PROCESS')),
        };
      };
      assert.deepEqual(codes(path.join(h, 'project')), {
        status: 0,
        python: 'process',
        codes: ['CREDENTIAL_PROCESS_RELATIVE_PATH'],
      });
      assert.deepEqual(codes(h), { status: 1, python: 'error', codes: ['CREDENTIAL_PROCESS_NOT_FOUND'] });
    } finally {
      fs.rmSync(h, { recursive: true, force: true });
    }
  });
  it('the bin keeps a V8 code cache per command under XDG_CACHE_HOME (0600), with identical output, and none when turned off', () => {
    const bin = path.join(ROOT, 'dist', 'cli.js');
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-cache-'));
    try {
      const env = { PATH: process.env.PATH ?? '/usr/bin', HOME: healthy, XDG_CACHE_HOME: cache };
      const first = spawnSync(process.execPath, [bin, 'diagnose', '--json'], { env, encoding: 'utf8' });
      const files = fs.readdirSync(path.join(cache, 'aws-credentials-doctor'));
      assert.equal(files.length, 1);
      assert.match(files[0], /^cli-diagnose-v\d+/);
      assert.equal(fs.statSync(path.join(cache, 'aws-credentials-doctor', files[0])).mode & 0o777, 0o600);
      const second = spawnSync(process.execPath, [bin, 'diagnose', '--json'], { env, encoding: 'utf8' });
      const strip = (s: string) => s.replace(/"generatedAt": "[^"]*"/, '');
      assert.equal(strip(second.stdout), strip(first.stdout));
      assert.equal(second.status, first.status);
      const off = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-nocache-'));
      spawnSync(process.execPath, [bin, 'diagnose'], {
        env: { ...env, XDG_CACHE_HOME: off, AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1' },
        encoding: 'utf8',
      });
      assert.deepEqual(fs.readdirSync(off), []);
      fs.rmSync(off, { recursive: true, force: true });
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
  it('a run tuned for large files (a higher V8 interrupt budget) uses the code cache but never writes one, which V8 would reject', () => {
    const bin = path.join(ROOT, 'dist', 'cli.js');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-tuned-'));
    try {
      const large = writeHome(root, 500);
      const size = ['config', 'credentials'].reduce((n, f) => n + fs.statSync(path.join(large, '.aws', f)).size, 0);
      assert.ok(size >= 64 * 1024 && size <= 1024 * 1024, `${size} bytes: the range tuned for`);
      const cache = path.join(root, 'cache');
      const dir = path.join(cache, 'aws-credentials-doctor');
      const run = (home: string) =>
        spawnSync(process.execPath, [bin, 'diagnose', '--json'], {
          env: { PATH: process.env.PATH ?? '/usr/bin', HOME: home, XDG_CACHE_HOME: cache },
          encoding: 'utf8',
        });
      const cached = () =>
        fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f))) : [];
      const first = run(large);
      assert.match(first.stdout, /^\{\n {2}"schemaVersion": 1,/);
      assert.deepEqual(cached(), [], 'the tuned run wrote no cache');
      run(healthy);
      const written = cached();
      assert.equal(written.length, 1, 'the small home wrote the cache');
      assert.equal(run(large).status, first.status);
      run(healthy);
      // Rejected (made with other flags), the cache would have been written again, with other bytes.
      assert.deepEqual(cached(), written, 'the same cache, accepted by each run');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
