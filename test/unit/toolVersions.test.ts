/** Tool versions: parsing the pinned list, the version gates, the findings, the command line and the detector (real tools on PATH). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { diagnose } from '../../src/engine/diagnose';
import { buildReport } from '../../src/engine/output/report';
import { compareVersions, hasBehaviour, parseToolVersions } from '../../src/engine/core/toolVersions';
import type { ToolVersions } from '../../src/engine/core/toolVersions';
import { dependsOnToolVersions, diagnoseNotingVersions } from '../../src/engine/versionSensitivity';
import { generatedScenarios, hostileScenarios, loginScenarios } from '../differential/generateScenarios';
import { engineInput, materialise } from '../support/fixtureHome';
import { pythonImportPath, readToolVersions, whichOnPath } from '../../src/nodeHost/toolVersions';
import { RECORDED_VERSIONS, installRecordingTools } from '../support/recordingTools';
import { MemoryHost } from '../support/memoryHost';
import { tempHome } from '../support/fixtureHome';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const LOGIN_CONFIG = '[profile dev]\nregion = eu-west-1\nlogin_session = arn:aws:iam::123456789012:user/alice\n';

function pinned(text: string): ToolVersions {
  const v = parseToolVersions(text);
  if (typeof v === 'string') throw new Error(v);
  return v;
}

describe('tool versions', () => {
  it('parses the pinned list, and names the first mistake', () => {
    assert.deepEqual(pinned('aws-cli=2.9.19,botocore=1.43.11,awscrt=yes'), {
      awsCli: '2.9.19',
      botocore: '1.43.11',
      awscrt: true,
      jsSdk: null,
      from: 'pinned',
    });
    assert.deepEqual(pinned(' botocore = 1.40.0 , awscrt=no, js-sdk=3.935.0'), {
      awsCli: null,
      botocore: '1.40.0',
      awscrt: false,
      jsSdk: '3.935.0',
      from: 'pinned',
    });
    assert.equal(parseToolVersions('aws-cli=two'), 'aws-cli takes a version such as 2.9.19, not "two"');
    assert.equal(parseToolVersions('awscrt=maybe'), 'awscrt takes yes or no, not "maybe"');
    assert.equal(
      parseToolVersions('boto3=1.0'),
      'unknown tool "boto3" in tool versions (aws-cli, botocore, awscrt, js-sdk)',
    );
  });

  it('compares dotted versions numerically and gates each behaviour on the first version that has it', () => {
    assert.ok(compareVersions('2.9.19', '2.32.0') < 0);
    assert.ok(compareVersions('1.41.0', '1.41') === 0);
    assert.ok(compareVersions('3.1000.0', '3.936.0') > 0);
    const v = pinned('aws-cli=2.31.9,botocore=1.41.0,js-sdk=3.935.9');
    assert.equal(hasBehaviour(v, 'cli', 'login'), false);
    assert.equal(hasBehaviour(v, 'python', 'login'), true);
    assert.equal(hasBehaviour(v, 'node', 'login'), false);
    assert.equal(hasBehaviour(pinned('botocore=1.39.99'), 'python', 'stsRegionalDefault'), false);
    assert.equal(hasBehaviour(pinned('aws-cli=2.25.2'), 'cli', 'legacySsoLocalExpiry'), false);
    // A v1 `aws` says nothing about AWS CLI v2; unknown means the newest behaviour.
    assert.equal(hasBehaviour(pinned('aws-cli=1.45.11'), 'cli', 'login'), true);
    assert.equal(hasBehaviour(undefined, 'cli', 'login'), true);
  });

  it('reports a profile that needs a newer tool, on the login_session line', () => {
    const fs = new MemoryHost({ '/home/u/.aws/config': LOGIN_CONFIG });
    const d = diagnose({
      env: { HOME: '/home/u', AWS_PROFILE: 'dev' },
      fs,
      now: NOW,
      fallbackHomeDir: '/home/u',
      toolVersions: pinned('aws-cli=2.9.19,botocore=1.43.11,awscrt=yes'),
    });
    const f = d.findings.filter((x) => x.code === 'TOOL_TOO_OLD');
    assert.equal(f.length, 1);
    assert.deepEqual(
      [f[0].severity, f[0].file, f[0].line, f[0].column, f[0].tools],
      ['error', '/home/u/.aws/config', 3, 1, ['cli']],
    );
    assert.ok(
      f[0].message.startsWith(
        'AWS CLI 2.9.19 predates `aws login` profiles (2.32.0): it ignores login_session in profile dev',
      ),
      f[0].message,
    );
    assert.equal(d.findings.filter((x) => x.code === 'BOTOCORE_CRT_MISSING').length, 0);
  });

  it('reports botocore without awscrt for a login profile, with the pip command', () => {
    const fs = new MemoryHost({ '/home/u/.aws/config': LOGIN_CONFIG });
    const d = diagnose({
      env: { HOME: '/home/u', AWS_PROFILE: 'dev' },
      fs,
      now: NOW,
      fallbackHomeDir: '/home/u',
      toolVersions: pinned('botocore=1.43.11,awscrt=no'),
    });
    const f = d.findings.find((x) => x.code === 'BOTOCORE_CRT_MISSING');
    assert.ok(f);
    assert.deepEqual([f.severity, f.line, f.tools], ['error', 3, ['python']]);
    assert.deepEqual(
      f.fixes.map((x) => x.action),
      [{ kind: 'runCommand', command: "python3 -m pip install 'botocore[crt]'" }],
    );
  });

  it('tells botocore before 1.40.0 sends STS calls to the global endpoint', () => {
    const fs = new MemoryHost({
      '/home/u/.aws/config':
        '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\nregion = ap-east-1\n[profile base]\n',
      '/home/u/.aws/credentials':
        '[base]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = 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\n',
    });
    const input = { env: { HOME: '/home/u', AWS_PROFILE: 'role' }, fs, now: NOW, fallbackHomeDir: '/home/u' };
    const old = diagnose({ ...input, toolVersions: pinned('botocore=1.39.9') }).findings.filter(
      (x) => x.code === 'STS_GLOBAL_ENDPOINT',
    );
    assert.deepEqual(
      old.map((x) => [x.severity, x.line, x.tools]),
      [['info', 2, ['python']]],
    );
    assert.equal(
      diagnose({ ...input, toolVersions: pinned('botocore=1.40.0') }).findings.filter(
        (x) => x.code === 'STS_GLOBAL_ENDPOINT',
      ).length,
      0,
    );
    assert.equal(
      diagnose({
        ...input,
        env: { ...input.env, AWS_STS_REGIONAL_ENDPOINTS: 'regional' },
        toolVersions: pinned('botocore=1.39.9'),
      }).findings.filter((x) => x.code === 'STS_GLOBAL_ENDPOINT').length,
      0,
    );
  });

  it('knows when a diagnosis depends on the versions (so that the shells detect them only then)', () => {
    const login = new MemoryHost({ '/home/u/.aws/config': LOGIN_CONFIG });
    const plain = new MemoryHost({ '/home/u/.aws/config': '[profile dev]\nregion = eu-west-1\n' });
    const input = { env: { HOME: '/home/u', AWS_PROFILE: 'dev' }, now: NOW, fallbackHomeDir: '/home/u' };
    assert.equal(dependsOnToolVersions({ ...input, fs: login }), true);
    assert.equal(dependsOnToolVersions({ ...input, fs: plain }), false);
  });

  it('a diagnosis that reads no version gives the same report whatever the versions (the probe against the exact comparison, on generated homes)', function () {
    this.timeout(60_000);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-versions-'));
    const oldest = pinned('aws-cli=2.0.0,botocore=1.0.0,awscrt=no,js-sdk=3.0.0');
    const fingerprint = (d: ReturnType<typeof diagnose>) => {
      const r = buildReport(d);
      return JSON.stringify([r.tools, r.findings.map((f) => f.code)]);
    };
    let depending = 0;
    try {
      for (const s of [...generatedScenarios(120, NOW), ...loginScenarios(NOW), ...hostileScenarios(NOW)]) {
        const input = engineInput(s, materialise(s, root), NOW);
        const plain = diagnose(input);
        const probe = diagnoseNotingVersions(input);
        assert.equal(JSON.stringify(buildReport(probe.diagnosis)), JSON.stringify(buildReport(plain)), s.id);
        if (fingerprint(diagnose({ ...input, toolVersions: oldest })) !== fingerprint(plain)) {
          depending++;
          assert.equal(probe.dependsOnVersions, true, s.id);
        }
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
    assert.ok(depending > 0);
  });

  it('the report carries the versions, or says the newest behaviour is assumed', () => {
    const fs = new MemoryHost({});
    const r = buildReport(diagnose({ env: { HOME: '/h' }, fs, now: NOW, fallbackHomeDir: '/h' }));
    assert.deepEqual(r.toolVersions, { awsCli: null, botocore: null, awscrt: null, jsSdk: null, from: 'assumed' });
  });

  describe('command line', () => {
    let home: string;
    before(() => (home = tempHome({ '.aws/config': LOGIN_CONFIG }, 'acd-versions-')));
    after(() => fs.rmSync(home, { recursive: true, force: true }));
    async function cli(argv: string[], env: Record<string, string> = {}, detect?: () => ToolVersions) {
      let out = '';
      let err = '';
      let detected = 0;
      const toolVersions = detect ? () => (detected++, detect()) : undefined;
      const code = await runCli({
        argv,
        env,
        stdout: (s) => (out += s),
        stderr: (s) => (err += s),
        now: () => NOW,
        homedir: '/nonexistent',
        toolVersions,
      });
      return { code, out, err, detected };
    }

    it('--tool-versions pins them (and wins over the variable); the JSON carries them', async () => {
      const r = await cli(
        [
          'diagnose',
          '--json',
          '--profile',
          'dev',
          '--home',
          home,
          '--tool-versions',
          'aws-cli=2.9.19,botocore=1.43.11,awscrt=yes',
        ],
        { AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS: 'aws-cli=2.40.0' },
      );
      const report = JSON.parse(r.out);
      assert.deepEqual(report.toolVersions, {
        awsCli: '2.9.19',
        botocore: '1.43.11',
        awscrt: true,
        jsSdk: null,
        from: 'pinned',
      });
      assert.ok(report.findings.some((f: { code: string }) => f.code === 'TOOL_TOO_OLD'));
    });
    it('AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS pins them too; a mistake is a usage error', async () => {
      const r = await cli(['diagnose', '--json', '--home', home], {
        AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS: 'botocore=1.39.0',
      });
      assert.equal(JSON.parse(r.out).toolVersions.botocore, '1.39.0');
      const bad = await cli(['diagnose', '--home', home], { AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS: 'botocore=x' });
      assert.equal(bad.code, 2);
      assert.equal(
        bad.err,
        'aws-credentials-doctor: AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS: botocore takes a version such as 2.9.19, not "x"\n',
      );
      const badFlag = await cli(['diagnose', '--home', home, '--tool-versions', 'awscrt=perhaps']);
      assert.equal(badFlag.code, 2);
      assert.match(badFlag.err, /^aws-credentials-doctor: --tool-versions: awscrt takes yes or no, not "perhaps"/);
    });
    it('detects only when the diagnosis depends on the versions; nothing known: the newest, and says so', async () => {
      const found: ToolVersions = { awsCli: '2.9.19', botocore: null, awscrt: null, jsSdk: null, from: 'detected' };
      const withLogin = await cli(['diagnose', '--profile', 'dev', '--home', home], {}, () => found);
      assert.equal(withLogin.detected, 1);
      assert.match(withLogin.out, /\n {2}tools {7}AWS CLI 2\.9\.19, no botocore in python3 — detected\n/);
      const plain = tempHome({ '.aws/config': '[default]\nregion = eu-west-1\n' }, 'acd-versions-');
      try {
        const r = await cli(['diagnose', '--home', plain], {}, () => found);
        assert.equal(r.detected, 0);
        assert.match(
          r.out,
          /\n {2}tools {7}versions unknown: predicting the newest AWS CLI, botocore and\n {14}JavaScript SDK \(pin them with --tool-versions\)\n/,
        );
      } finally {
        fs.rmSync(plain, { recursive: true, force: true });
      }
    });
  });

  describe("read from the installations' files, never run", () => {
    let root: string;
    beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-tv-'))));
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    /** What the real tools say when RUN (the oracle): `aws --version`, botocore's __version__ and whether awscrt's EC imports. */
    function oracle(env: Record<string, string | undefined>, cwd = root) {
      const run = (file: string, args: string[]) =>
        spawnSync(file, args, { env: env as NodeJS.ProcessEnv, cwd, encoding: 'utf8', timeout: 60_000 });
      const aws = run('aws', ['--version']);
      const probe = run('python3', [
        '-c',
        'import json\nr={"botocore":None,"awscrt":False}\ntry:\n import botocore; r["botocore"]=botocore.__version__\nexcept Exception: pass\ntry:\n from awscrt.crypto import EC; r["awscrt"]=True\nexcept Exception: pass\nprint(json.dumps(r))',
      ]);
      const py =
        probe.status === 0 ? (JSON.parse(probe.stdout) as { botocore: string | null; awscrt: boolean }) : undefined;
      return {
        awsCli: /aws-cli\/(\d+\.\d+\.\d+)/.exec(aws.stdout + aws.stderr)?.[1] ?? null,
        botocore: py?.botocore ?? null,
        awscrt: py ? py.awscrt : null,
      };
    }

    // The machine's own installations: pyenv shims (3.11.7 with AWS CLI v1 and botocore 1.43), Debian's
    // python3 and AWS CLI v2 2.9.19, a pyenv version without them (pyenv then falls back to /usr/bin/aws).
    const setups: [string, Record<string, string | undefined>][] = [
      ['the PATH of this machine', {}],
      ["/usr/bin first (Debian's python3 and AWS CLI v2)", { PATH: '/usr/bin:/bin' }],
      [
        'PYENV_VERSION=3.12.1 (no awscli or botocore there: the shim falls back to the system aws)',
        { PYENV_VERSION: '3.12.1' },
      ],
      ['PYENV_VERSION=3.11 (a prefix: the newest 3.11.x)', { PYENV_VERSION: '3.11' }],
    ];
    for (const [name, extra] of setups) {
      it(`${name}: the same versions as the tools report when run`, function () {
        this.timeout(120_000);
        const env = { PATH: process.env.PATH, HOME: process.env.HOME, PYENV_ROOT: process.env.PYENV_ROOT, ...extra };
        if (!whichOnPath('aws', env) || !whichOnPath('python3', env)) this.skip();
        const read = readToolVersions(env, { cwd: root });
        const { paths, ...versions } = read;
        assert.deepEqual(versions, { ...oracle(env), jsSdk: null, from: 'detected' });
        assert.ok(paths?.aws && paths.python, JSON.stringify(paths));
      });
    }

    it('a .python-version in a parent of the working directory (comments and blank lines skipped): the version pyenv chooses there', function () {
      this.timeout(120_000);
      const env = { PATH: process.env.PATH, HOME: process.env.HOME, PYENV_ROOT: process.env.PYENV_ROOT };
      if (!whichOnPath('python3', env)?.includes('/shims/')) this.skip();
      fs.writeFileSync(path.join(root, '.python-version'), '# pinned for this project\n\n3.12.1\n');
      const cwd = path.join(root, 'src', 'deep');
      fs.mkdirSync(cwd, { recursive: true });
      const { paths, ...versions } = readToolVersions(env, { cwd });
      assert.deepEqual(versions, { ...oracle(env, cwd), jsSdk: null, from: 'detected' });
      assert.match(paths!.python!, /\/versions\/3\.12\.1\/bin\/python3$/);
    });

    it("a virtual environment with --system-site-packages: its own site-packages first, then the base's (the real venv module)", function () {
      this.timeout(120_000);
      const venv = path.join(root, 'venv');
      const made = spawnSync('/usr/bin/python3', ['-m', 'venv', '--without-pip', '--system-site-packages', venv], {
        encoding: 'utf8',
      });
      if (made.status !== 0) this.skip();
      fs.mkdirSync(path.join(venv, 'lib', 'python3.11', 'site-packages', 'botocore'), { recursive: true });
      fs.writeFileSync(
        path.join(venv, 'lib', 'python3.11', 'site-packages', 'botocore', '__init__.py'),
        "__version__ = '1.39.1'\n",
      );
      const env = { PATH: `${path.join(venv, 'bin')}:/usr/bin:/bin`, HOME: root };
      const read = readToolVersions(env, { cwd: root });
      assert.deepEqual(
        { botocore: read.botocore, awscrt: read.awscrt },
        { botocore: oracle(env).botocore, awscrt: oracle(env).awscrt },
      );
      assert.equal(read.botocore, '1.39.1');
      const dirs = pythonImportPath(path.join(venv, 'bin', 'python3'), env, 'linux').dirs;
      const real = spawnSync(path.join(venv, 'bin', 'python3'), ['-c', 'import sys; print("\\n".join(sys.path))'], {
        env,
        encoding: 'utf8',
      })
        .stdout.split('\n')
        .filter((d) => d.includes('-packages'));
      assert.deepEqual(
        dirs.filter((d) => fs.existsSync(d)),
        real.filter((d) => fs.existsSync(d)),
      );
    });

    it('AWS CLI v2 of the installer (<dir>/v2/<version>/dist/aws, reached through bin and v2/current links) and of Homebrew (Cellar/awscli/<version>): a hand-made layout, nothing in it runs', () => {
      const installer = path.join(root, 'aws-cli', 'v2', '2.22.35');
      fs.mkdirSync(path.join(installer, 'dist'), { recursive: true });
      fs.mkdirSync(path.join(installer, 'bin'));
      fs.writeFileSync(path.join(installer, 'dist', 'aws'), '\x7fELF not run\n', { mode: 0o755 });
      fs.symlinkSync('../dist/aws', path.join(installer, 'bin', 'aws'));
      fs.symlinkSync(installer, path.join(root, 'aws-cli', 'v2', 'current'));
      const bin = path.join(root, 'bin');
      fs.mkdirSync(bin);
      fs.symlinkSync(path.join(root, 'aws-cli', 'v2', 'current', 'bin', 'aws'), path.join(bin, 'aws'));
      assert.equal(readToolVersions({ PATH: bin, HOME: root }, { cwd: root }).awsCli, '2.22.35');
      const cellar = path.join(root, 'homebrew', 'Cellar', 'awscli', '2.27.50_1', 'bin');
      fs.mkdirSync(cellar, { recursive: true });
      fs.writeFileSync(path.join(cellar, 'aws'), '#!/bin/sh\nexit 3\n', { mode: 0o755 });
      const brewBin = path.join(root, 'homebrew', 'bin');
      fs.mkdirSync(brewBin);
      fs.symlinkSync('../Cellar/awscli/2.27.50_1/bin/aws', path.join(brewBin, 'aws'));
      assert.equal(readToolVersions({ PATH: brewBin, HOME: root }, { cwd: root }).awsCli, '2.27.50');
    });

    it('an aws whose version no file tells (a bare executable): found, version unknown, and the report says so', async () => {
      const bin = path.join(root, 'bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'aws'), '\x7fELF not run\n', { mode: 0o755 });
      const v = readToolVersions({ PATH: bin, HOME: root }, { cwd: root });
      assert.deepEqual(v, {
        awsCli: null,
        botocore: null,
        awscrt: null,
        jsSdk: null,
        from: 'detected',
        paths: { aws: path.join(bin, 'aws'), python: null },
      });
      const home = tempHome({ '.aws/config': LOGIN_CONFIG }, 'acd-versions-');
      try {
        let out = '';
        await runCli({
          argv: ['diagnose', '--profile', 'dev', '--home', home],
          env: { COLUMNS: '1000' },
          stdout: (s) => (out += s),
          stderr: () => undefined,
          now: () => NOW,
          homedir: '/nonexistent',
          toolVersions: () => v,
        }); // COLUMNS: the paths on one line
        assert.match(
          out,
          new RegExp(
            `\\n {2}tools {7}${path.join(bin, 'aws').replace(/[/.]/g, '\\$&')}: version not in its files \\(newest assumed\\), no python3 on PATH — detected\\n`,
          ),
        );
      } finally {
        fs.rmSync(home, { recursive: true, force: true });
      }
    });

    it('nothing runs without --live: the CLI (bundled bin) with a recording aws and python3 first on PATH reads their versions and runs neither', function () {
      this.timeout(60_000);
      const tools = installRecordingTools(root);
      const home = tempHome({ '.aws/config': LOGIN_CONFIG }, 'acd-versions-');
      try {
        const env = {
          PATH: `${tools.binDir}:${path.dirname(process.execPath)}:/usr/bin:/bin`,
          HOME: home,
          AWS_PROFILE: 'dev',
          AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1',
        };
        const bin = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');
        const diagnoseRun = spawnSync(process.execPath, [bin, 'diagnose', '--json'], {
          env,
          encoding: 'utf8',
          cwd: root,
        });
        const report = JSON.parse(diagnoseRun.stdout) as { toolVersions: ToolVersions };
        assert.deepEqual(
          [report.toolVersions.awsCli, report.toolVersions.botocore, report.toolVersions.from],
          [RECORDED_VERSIONS.awsCli, RECORDED_VERSIONS.botocore, 'detected'],
        );
        for (const argv of [
          ['diagnose'],
          ['diagnose', '--markdown'],
          ['explain', 'ExpiredToken'],
          ['explain', '--json', 'InvalidClientTokenId'],
        ]) {
          const r = spawnSync(process.execPath, [bin, ...argv], { env, encoding: 'utf8', cwd: root, input: '' });
          assert.ok(r.status === 0 || r.status === 1, `${argv.join(' ')}: ${r.stderr}`);
        }
        assert.equal(tools.ran(), '', 'a program on PATH was executed');
      } finally {
        fs.rmSync(home, { recursive: true, force: true });
      }
    });
  });
});
