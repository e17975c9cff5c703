/**
 * The npm package, proven the way a user installs it: `npm pack`, the tarball installed into an
 * empty folder (offline: the package has no runtime dependencies), and the installed
 * `aws-credentials-doctor` run from there on a fixture home.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempHome } from '../support/fixtureHome';
import { PROJECT_ROOT } from '../support/projectRoot';

const SECRET = 'kT9x/2pQ+7rLmN4vB8wZ1cY6hJ3sD5fG0aE2uI9o';

describe('npm package', function () {
  this.timeout(120_000);
  let work: string;
  let home: string;
  let installed: string;
  let tarballFiles: string[];

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-npm-'));
    home = tempHome(
      {
        '.aws/credentials': `[default]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = ${SECRET}\n`,
        '.aws/config': '[default]\nregion = eu-west-1\n',
      },
      'acd-npm-home-',
    );
    const npm = (args: string[], cwd: string) => {
      const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--ignore-scripts'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, npm_config_loglevel: 'error' },
      });
      assert.equal(r.status, 0, `npm ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], PROJECT_ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarballFiles = packed[0].files.map((f) => f.path).sort();
    const app = path.join(work, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), '{"name":"app","private":true}\n');
    npm(['install', '--offline', path.join(work, packed[0].filename)], app);
    installed = path.join(app, 'node_modules', '.bin', 'aws-credentials-doctor');
  });
  after(() => [work, home].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('holds the command line, its lazily loaded bundles and the example home, and nothing else', () => {
    assert.ok(
      tarballFiles.includes('dist/cli.js') &&
        tarballFiles.includes('dist/cli-main.js') &&
        tarballFiles.includes('dist/live.js') &&
        tarballFiles.includes('dist/cli-live.js') &&
        tarballFiles.includes('dist/explain.js') &&
        tarballFiles.includes('dist/sarif.js'),
      tarballFiles.join(' '),
    );
    assert.deepEqual(
      tarballFiles.filter(
        (f) =>
          !/^(dist\/(cli|cli-main|cli-live|live|explain|sarif)\.js|examples\/.*|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(
            f,
          ),
      ),
      [],
    );
  });

  it('--version and --format sarif from the install folder: its package.json and its lazily loaded SARIF bundle', () => {
    const env = {
      PATH: process.env.PATH ?? '',
      AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const version = spawnSync(installed, ['--version'], { encoding: 'utf8', env });
    assert.equal(
      version.stdout,
      `${JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version}\n`,
    );
    const r = spawnSync(installed, ['diagnose', '--format', 'sarif', '--home', home], {
      encoding: 'utf8',
      cwd: path.dirname(installed),
      env,
    });
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0', r.stderr);
    assert.equal(
      log.runs[0].tool.driver.informationUri,
      'https://github.com/aws-credentials-doctor/aws-credentials-doctor',
    );
  });

  it('runs `aws-credentials-doctor diagnose --json` from the install folder', () => {
    const r = spawnSync(installed, ['diagnose', '--json', '--home', home], {
      encoding: 'utf8',
      cwd: path.dirname(installed),
      env: { PATH: process.env.PATH ?? '', AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1', AWS_EC2_METADATA_DISABLED: 'true' },
    });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.tools.node.profile, 'default');
    assert.equal(report.tools.node.source, 'static');
    assert.equal(report.tools.cli.region, 'eu-west-1');
    assert.ok(!r.stdout.includes(SECRET));
  });

  it('the installed `explain` loads its catalogue bundle', () => {
    const r = spawnSync(
      installed,
      [
        'explain',
        'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
      ],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: home, AWS_CREDENTIALS_DOCTOR_NO_CACHE: '1' },
      },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ExpiredToken {2}\[expired-token; /m);
  });
});
