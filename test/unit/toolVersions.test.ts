/** Tool versions: parsing the pinned list, the version gates, the findings, the command line and the detector (real tools on PATH). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { diagnose } from '../../src/engine/diagnose';
import { buildReport } from '../../src/engine/report';
import { compareVersions, hasBehaviour, parseToolVersions } from '../../src/engine/toolVersions';
import type { ToolVersions } from '../../src/engine/toolVersions';
import { dependsOnToolVersions, diagnoseNotingVersions } from '../../src/engine/versionSensitivity';
import { generatedScenarios, hostileScenarios, loginScenarios } from '../differential/generateScenarios';
import { engineInput, materialise } from '../support/fixtureHome';
import { cachedToolVersions, detectToolVersions, parseAwsVersion, whichOnPath } from '../../src/nodeHost/toolVersions';
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
    assert.deepEqual(pinned('aws-cli=2.9.19,botocore=1.43.11,awscrt=yes'), { awsCli: '2.9.19', botocore: '1.43.11', awscrt: true, jsSdk: null, from: 'pinned' });
    assert.deepEqual(pinned(' botocore = 1.40.0 , awscrt=no, js-sdk=3.935.0'), { awsCli: null, botocore: '1.40.0', awscrt: false, jsSdk: '3.935.0', from: 'pinned' });
    assert.equal(parseToolVersions('aws-cli=two'), 'aws-cli takes a version such as 2.9.19, not "two"');
    assert.equal(parseToolVersions('awscrt=maybe'), 'awscrt takes yes or no, not "maybe"');
    assert.equal(parseToolVersions('boto3=1.0'), 'unknown tool "boto3" in tool versions (aws-cli, botocore, awscrt, js-sdk)');
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
    const d = diagnose({ env: { HOME: '/home/u', AWS_PROFILE: 'dev' }, fs, now: NOW, fallbackHomeDir: '/home/u', toolVersions: pinned('aws-cli=2.9.19,botocore=1.43.11,awscrt=yes') });
    const f = d.findings.filter((x) => x.code === 'TOOL_TOO_OLD');
    assert.equal(f.length, 1);
    assert.deepEqual([f[0].severity, f[0].file, f[0].line, f[0].column, f[0].tools], ['error', '/home/u/.aws/config', 3, 1, ['cli']]);
    assert.ok(f[0].message.startsWith('AWS CLI 2.9.19 predates `aws login` profiles (2.32.0): it ignores login_session in profile dev'), f[0].message);
    assert.equal(d.findings.filter((x) => x.code === 'BOTOCORE_CRT_MISSING').length, 0);
  });

  it('reports botocore without awscrt for a login profile, with the pip command', () => {
    const fs = new MemoryHost({ '/home/u/.aws/config': LOGIN_CONFIG });
    const d = diagnose({ env: { HOME: '/home/u', AWS_PROFILE: 'dev' }, fs, now: NOW, fallbackHomeDir: '/home/u', toolVersions: pinned('botocore=1.43.11,awscrt=no') });
    const f = d.findings.find((x) => x.code === 'BOTOCORE_CRT_MISSING');
    assert.ok(f);
    assert.deepEqual([f.severity, f.line, f.tools], ['error', 3, ['python']]);
    assert.deepEqual(f.fixes.map((x) => x.action), [{ kind: 'runCommand', command: "python3 -m pip install 'botocore[crt]'" }]);
  });

  it('tells botocore before 1.40.0 sends STS calls to the global endpoint', () => {
    const fs = new MemoryHost({
      '/home/u/.aws/config': '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\nregion = ap-east-1\n[profile base]\n',
      '/home/u/.aws/credentials': '[base]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = 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\n',
    });
    const input = { env: { HOME: '/home/u', AWS_PROFILE: 'role' }, fs, now: NOW, fallbackHomeDir: '/home/u' };
    const old = diagnose({ ...input, toolVersions: pinned('botocore=1.39.9') }).findings.filter((x) => x.code === 'STS_GLOBAL_ENDPOINT');
    assert.deepEqual(old.map((x) => [x.severity, x.line, x.tools]), [['info', 2, ['python']]]);
    assert.equal(diagnose({ ...input, toolVersions: pinned('botocore=1.40.0') }).findings.filter((x) => x.code === 'STS_GLOBAL_ENDPOINT').length, 0);
    assert.equal(diagnose({ ...input, env: { ...input.env, AWS_STS_REGIONAL_ENDPOINTS: 'regional' }, toolVersions: pinned('botocore=1.39.9') }).findings.filter((x) => x.code === 'STS_GLOBAL_ENDPOINT').length, 0);
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
    async function cli(argv: string[], env: Record<string, string> = {}, detect?: () => Promise<ToolVersions>) {
      let out = '';
      let err = '';
      let detected = 0;
      const toolVersions = detect ? { cached: () => undefined, detect: () => (detected++, detect()) } : undefined;
      const code = await runCli({ argv, env, stdout: (s) => (out += s), stderr: (s) => (err += s), now: () => NOW, homedir: '/nonexistent', toolVersions });
      return { code, out, err, detected };
    }

    it('--tool-versions pins them (and wins over the variable); the JSON carries them', async () => {
      const r = await cli(['diagnose', '--json', '--profile', 'dev', '--home', home, '--tool-versions', 'aws-cli=2.9.19,botocore=1.43.11,awscrt=yes'], { AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS: 'aws-cli=2.40.0' });
      const report = JSON.parse(r.out);
      assert.deepEqual(report.toolVersions, { awsCli: '2.9.19', botocore: '1.43.11', awscrt: true, jsSdk: null, from: 'pinned' });
      assert.ok(report.findings.some((f: { code: string }) => f.code === 'TOOL_TOO_OLD'));
    });
    it('AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS pins them too; a mistake is a usage error', async () => {
      const r = await cli(['diagnose', '--json', '--home', home], { AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS: 'botocore=1.39.0' });
      assert.equal(JSON.parse(r.out).toolVersions.botocore, '1.39.0');
      const bad = await cli(['diagnose', '--home', home], { AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS: 'botocore=x' });
      assert.equal(bad.code, 2);
      assert.equal(bad.err, 'aws-credentials-doctor: AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS: botocore takes a version such as 2.9.19, not "x"\n');
      const badFlag = await cli(['diagnose', '--home', home, '--tool-versions', 'awscrt=perhaps']);
      assert.equal(badFlag.code, 2);
      assert.match(badFlag.err, /^aws-credentials-doctor: --tool-versions: awscrt takes yes or no, not "perhaps"/);
    });
    it('detects only when the diagnosis depends on the versions; nothing known: the newest, and says so', async () => {
      const found: ToolVersions = { awsCli: '2.9.19', botocore: null, awscrt: null, jsSdk: null, from: 'detected' };
      const withLogin = await cli(['diagnose', '--profile', 'dev', '--home', home], {}, async () => found);
      assert.equal(withLogin.detected, 1);
      assert.match(withLogin.out, /\n {2}tools {7}AWS CLI 2\.9\.19, no botocore in python3 — detected\n/);
      const plain = tempHome({ '.aws/config': '[default]\nregion = eu-west-1\n' }, 'acd-versions-');
      try {
        const r = await cli(['diagnose', '--home', plain], {}, async () => found);
        assert.equal(r.detected, 0);
        assert.match(r.out, /\n {2}tools {7}versions unknown: predicting the newest AWS CLI, botocore and\n {14}JavaScript SDK \(pin them with --tool-versions\)\n/);
      } finally {
        fs.rmSync(plain, { recursive: true, force: true });
      }
    });
  });

  describe('detector (the real tools on PATH)', () => {
    let cacheDir: string;
    beforeEach(() => (cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-tv-cache-'))));
    afterEach(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

    it('finds the aws and python3 on PATH as they report themselves, and caches them keyed on path, size and time', async function () {
      this.timeout(60_000);
      const env = { PATH: process.env.PATH, HOME: process.env.HOME };
      const aws = whichOnPath('aws', env);
      const py = whichOnPath('python3', env);
      if (!aws || !py) this.skip();
      const awsOut = spawnSync(aws.path, ['--version'], { encoding: 'utf8' });
      const pyOut = spawnSync(py.path, ['-c', 'import botocore; print(botocore.__version__)'], { encoding: 'utf8' });
      assert.equal(cachedToolVersions(env, cacheDir), undefined);
      const v = await detectToolVersions(env, cacheDir);
      assert.equal(v.awsCli, parseAwsVersion(awsOut.stdout + awsOut.stderr));
      assert.equal(v.botocore, pyOut.status === 0 ? pyOut.stdout.trim() : null);
      assert.equal(typeof v.awscrt, 'boolean');
      assert.equal(v.from, 'detected');
      assert.deepEqual(cachedToolVersions(env, cacheDir), v);
      assert.equal(fs.statSync(path.join(cacheDir, 'tool-versions.json')).mode & 0o777, 0o600);
    });

    it('detects again when the executable changes (a stand-in `aws` script written here)', async function () {
      this.timeout(60_000);
      const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-tv-bin-'));
      try {
        const aws = path.join(bin, 'aws');
        fs.writeFileSync(aws, '#!/bin/sh\necho "aws-cli/2.9.19 Python/3.11.2 Linux/6 source/x86_64"\n', { mode: 0o755 });
        const env = { PATH: bin, HOME: bin };
        assert.equal((await detectToolVersions(env, cacheDir)).awsCli, '2.9.19');
        fs.writeFileSync(aws, '#!/bin/sh\necho "aws-cli/2.32.0 Python/3.13.7 Linux/6 exe/x86_64"\n', { mode: 0o755 });
        fs.utimesSync(aws, new Date(NOW), new Date(NOW));
        assert.equal(cachedToolVersions(env, cacheDir), undefined);
        assert.equal((await detectToolVersions(env, cacheDir)).awsCli, '2.32.0');
        assert.equal(cachedToolVersions(env, cacheDir)?.awsCli, '2.32.0');
      } finally {
        fs.rmSync(bin, { recursive: true, force: true });
      }
    });
  });
});
