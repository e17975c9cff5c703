/**
 * The command line's outputs: colour (TTY, NO_COLOR, FORCE_COLOR, --color / --no-color), wrapping
 * to the width, the tools' blocks said once when they agree, `--format github` and the formats that
 * were options before (--json, --markdown).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliIo } from '../../src/cli/main';
import { runCli } from '../../src/cli/main';
import { outputWidth, wantsColour } from '../../src/cli/outputs';
import { escapeGithubData, escapeGithubProperty, workspaceRelative } from '../../src/engine/output/ciFormats';
import { tempHome } from '../support/fixtureHome';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const SECRET = 'kT9x/2pQ+7rLmN4vB8wZ1cY6hJ3sD5fG0aE2uI9o';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr' + 'x'.repeat(120);
const SGR = /\x1b\[[0-9;]*m/;
const INFO = { version: '9.8.7', informationUri: 'https://example.test/acd' };

async function cli(argv: string[], env: Record<string, string> = {}, extra: Partial<CliIo> = {}) {
  let out = '';
  let err = '';
  const code = await runCli({
    argv,
    env,
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    now: () => NOW,
    homedir: '/nonexistent',
    packageInfo: () => INFO,
    ...extra,
  });
  return { code, out, err };
}
const tty = (columns?: number): Partial<CliIo> => ({ stdoutTerminal: { columns } });

describe('command line outputs', () => {
  // One error in a file (a [profile x] header in the credentials file), the keys of the default profile fine.
  const broken = tempHome(
    {
      '.aws/credentials': `[default]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = ${SECRET}\n\n[profile dev]\naws_access_key_id = AKIAJ2QWERTYUIOPQWER\naws_secret_access_key = ${SECRET}\n`,
      '.aws/config': '[default]\nregion = eu-west-1\n',
    },
    'acd-fmt-',
  );
  after(() => fs.rmSync(broken, { recursive: true, force: true }));
  /** A stale session token next to long-term keys in the environment: an environment finding. */
  const staleEnv = {
    AWS_ACCESS_KEY_ID: 'AKIAJ2QWERTYUIOPASDF',
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_SESSION_TOKEN: TOKEN,
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
  };

  describe('colour', () => {
    it('is decided by --color/--no-color, then FORCE_COLOR, then NO_COLOR, then whether stdout is a terminal', () => {
      const cases: [boolean | undefined, Record<string, string>, boolean, boolean][] = [
        [undefined, {}, true, true],
        [undefined, {}, false, false],
        [undefined, { TERM: 'dumb' }, true, false],
        [undefined, { NO_COLOR: '1' }, true, false],
        [undefined, { NO_COLOR: '' }, true, true], // no-color.org: an empty value does not count
        [undefined, { FORCE_COLOR: '1' }, false, true],
        [undefined, { FORCE_COLOR: '' }, false, true],
        [undefined, { FORCE_COLOR: '0' }, true, false],
        [undefined, { FORCE_COLOR: 'false' }, true, false],
        [undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true], // as in Node.js
        [true, { NO_COLOR: '1' }, false, true],
        [false, { FORCE_COLOR: '1' }, true, false],
      ];
      for (const [flag, env, isTty, expected] of cases)
        assert.equal(wantsColour(flag, env, isTty), expected, JSON.stringify([flag, env, isTty]));
    });
    it('colours severities, codes and commands on a terminal only, and never outside the text format', async () => {
      const onTty = await cli(['diagnose', '--home', broken], {}, tty(200));
      assert.equal(onTty.code, 1);
      assert.match(onTty.out, /^ {2}\x1b\[1;31mERROR\x1b\[0m {3}\x1b\[1mPROFILE_PREFIX_IN_CREDENTIALS\x1b\[0m {2}\//m);
      const piped = await cli(['diagnose', '--home', broken], { COLUMNS: '200' });
      assert.doesNotMatch(piped.out, SGR);
      // The same text, less the colour.
      assert.equal(onTty.out.replace(/\x1b\[[0-9;]*m/g, ''), piped.out);
      for (const format of ['json', 'markdown', 'github', 'sarif']) {
        assert.doesNotMatch(
          (await cli(['diagnose', '--home', broken, '--format', format, '--color'], { FORCE_COLOR: '1' }, tty(200)))
            .out,
          SGR,
          format,
        );
      }
    });
    it('NO_COLOR, FORCE_COLOR and the last of --color / --no-color', async () => {
      assert.doesNotMatch((await cli(['diagnose', '--home', broken], { NO_COLOR: '1' }, tty(200))).out, SGR);
      assert.match((await cli(['diagnose', '--home', broken], { FORCE_COLOR: '1' })).out, SGR);
      assert.match((await cli(['diagnose', '--home', broken, '--color'])).out, SGR);
      assert.match((await cli(['diagnose', '--home', broken, '--no-color', '--color'], { NO_COLOR: '1' })).out, SGR);
      assert.doesNotMatch((await cli(['diagnose', '--home', broken, '--color', '--no-color'], {}, tty(200))).out, SGR);
    });
    it('no value from a file can bring its own escape sequence, coloured or not', async () => {
      const home = tempHome(
        { '.aws/credentials': '[profile \x1b]0;pwned\x07x]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\n' },
        'acd-fmt-',
      );
      try {
        for (const extra of [tty(80), {}]) {
          const { out } = await cli(['diagnose', '--home', home, '--color'], {}, extra);
          assert.ok(!out.includes('\x07') && !out.includes('\x1b]'), out);
          assert.match(out, /\\x1b\]0;pwned\\x07x/);
          // The only escape sequences are our own SGR ones.
          assert.equal(out.replace(/\x1b\[[0-9;]*m/g, '').includes('\x1b'), false);
        }
      } finally {
        fs.rmSync(home, { recursive: true, force: true });
      }
    });
  });

  describe('width', () => {
    it('COLUMNS, else the terminal, else 80; never under 40', () => {
      assert.equal(outputWidth({}, undefined), 80);
      assert.equal(outputWidth({}, 132), 132);
      assert.equal(outputWidth({ COLUMNS: '100' }, 132), 100);
      assert.equal(outputWidth({ COLUMNS: 'wide' }, 132), 132);
      assert.equal(outputWidth({ COLUMNS: '0' }, undefined), 80);
      assert.equal(outputWidth({ COLUMNS: '12' }, undefined), 40);
    });
    it('wraps messages at the width under their code, keeping severity, code and location on the first line', async () => {
      const { out } = await cli(['diagnose', '--home', broken], { COLUMNS: '60' });
      const lines = out.split('\n');
      const first = lines.findIndex((l) => l.includes('PROFILE_PREFIX_IN_CREDENTIALS'));
      assert.equal(lines[first], `  ERROR   PROFILE_PREFIX_IN_CREDENTIALS  ${broken}/.aws/credentials:5:1`);
      assert.deepEqual(lines.slice(first + 1, first + 7), [
        '          [profile dev] in the credentials file is not the',
        '          profile "dev": the credentials file takes bare',
        '          names. The JavaScript SDK sees a section',
        '          "profile.dev", botocore and the AWS CLI a profile',
        '          literally named "profile dev", so none of them',
        '          finds these keys under "dev".',
      ]);
      // Only what must stay whole (a first line with its path, a command, a path) passes the width.
      for (const l of lines) if (l.length > 60) assert.ok(l.includes(broken) || /^ {15}\$ /.test(l), l);
      // Unwrapped, the message is one line.
      const wide = await cli(['diagnose', '--home', broken], { COLUMNS: '1000' });
      assert.match(wide.out, /^ {10}\[profile dev\] in the credentials file .* under "dev"\.$/m);
    });
    it("takes the terminal's width when COLUMNS is not set", async () => {
      const narrow = (await cli(['diagnose', '--home', broken], {}, tty(50))).out.replace(/\x1b\[[0-9;]*m/g, '');
      assert.equal(narrow, (await cli(['diagnose', '--home', broken], { COLUMNS: '50' })).out);
    });
  });

  describe("the tools' blocks", () => {
    it('are said once when the three tools agree, and grouped by answer when they do not', async () => {
      const agree = (await cli(['diagnose', '--home', broken], { COLUMNS: '200' })).out;
      assert.match(
        agree,
        /^All three tools \(JavaScript SDK v3, botocore \(boto3, AWS CLI v1\), AWS CLI v2\)\n {4}profile {2}default \(nothing selects a profile: default\)\n {4}source {3}static from .*credentials:2 {2}key \*{16}ASDF\n {4}region {3}eu-west-1 from config:2\n/m,
      );
      // AWS_PROFILE and keys in the environment: the JavaScript SDK takes the profile, the others the keys.
      const differ = (
        await cli(['diagnose', '--home', broken], {
          COLUMNS: '200',
          AWS_PROFILE: 'default',
          AWS_ACCESS_KEY_ID: 'AKIAJ2QWERTYUIOPZXCV',
          AWS_SECRET_ACCESS_KEY: SECRET,
        })
      ).out;
      assert.doesNotMatch(differ, /All three tools/);
      assert.match(
        differ,
        /^JavaScript SDK v3\n {4}profile {2}default \(from AWS_PROFILE\)\n {4}source {3}static from /m,
      );
      assert.match(
        differ,
        /^botocore \(boto3, AWS CLI v1\), AWS CLI v2\n {4}profile {2}default \(from AWS_PROFILE\)\n {4}source {3}env from AWS_ACCESS_KEY_ID {2}key \*{16}ZXCV\n/m,
      );
    });
  });

  describe('--format github', () => {
    it('escapes data and properties as the workflow-command rules say', () => {
      assert.equal(escapeGithubData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
      assert.equal(escapeGithubProperty('C:\\x,y%\n'), 'C%3A\\x%2Cy%25%0A');
    });
    it('gives a path inside the workspace relative to it, with forward slashes', () => {
      assert.equal(workspaceRelative('/w/repo/.aws/config', '/w/repo'), '.aws/config');
      assert.equal(workspaceRelative('/w/repo/.aws/config', '/w/repo/'), '.aws/config');
      assert.equal(workspaceRelative('/w/repository/x', '/w/repo'), undefined);
      assert.equal(workspaceRelative('/w/repo', '/w/repo'), undefined);
      assert.equal(workspaceRelative('D:\\a\\repo\\aws\\config', 'd:\\a\\repo'), 'aws/config');
      assert.equal(workspaceRelative('/w/repo/x', undefined), undefined);
    });
    it("one annotation per finding, on its file, line and column, its fixes in the message; exit code as the text's", async () => {
      const r = await cli(['diagnose', '--home', broken, '--format', 'github'], { GITHUB_WORKSPACE: broken });
      assert.equal(r.code, 1);
      assert.equal(
        r.out,
        '::error file=.aws/credentials,line=5,col=1,title=PROFILE_PREFIX_IN_CREDENTIALS::[profile dev] in the credentials file is not the profile "dev": the credentials file takes bare names. The JavaScript SDK sees a section "profile.dev", botocore and the AWS CLI a profile literally named "profile dev", so none of them finds these keys under "dev".%0AFix: Rename the section header to [dev]\n' +
          'AWS Credentials Doctor: profile "default": 1 error(s), 0 warning(s), 0 info\n',
      );
      const outside = await cli(['diagnose', '--home', broken, '--format', 'github']);
      assert.match(
        outside.out,
        new RegExp(`^::error file=${broken.replace(/[/.]/g, '\\$&')}/\\.aws/credentials,line=5,col=1,title=`),
      );
    });
    it('environment findings have no file; secrets stay masked; no value can start a workflow command of its own', async () => {
      const r = await cli(['diagnose', '--home', broken, '--format', 'github'], staleEnv);
      assert.equal(r.code, 1);
      assert.ok(!r.out.includes(SECRET) && !r.out.includes(TOKEN));
      const stale = r.out.split('\n').find((l) => l.includes('title=STALE_SESSION_TOKEN'));
      assert.match(
        stale ?? '',
        /^::error title=STALE_SESSION_TOKEN::AWS_SESSION_TOKEN is set next to a long-term access key \(\*{16}ASDF, an AKIA key\)\. .*%0AFix: Unset the stale AWS_SESSION_TOKEN%0A {2}unset AWS_SESSION_TOKEN$/,
      );
      // A profile name with a line feed and a workflow command: shown escaped, on the line it belongs to.
      const hostile = await cli(
        ['diagnose', '--home', broken, '--format', 'github', '--profile', 'x\n::add-mask::y\r%'],
        staleEnv,
      );
      const lines = hostile.out.trimEnd().split('\n');
      for (const l of lines.slice(0, -1)) assert.match(l, /^::(error|warning|notice) [^:]*::/, l);
      assert.ok(lines.every((l) => !l.startsWith('::add-mask::')));
      assert.match(hostile.out, /::error title=PROFILE_NOT_FOUND::[^\n]*x\\n::add-mask::y\\r%25/);
      assert.match(lines[lines.length - 1], /^AWS Credentials Doctor: profile "x\\n::add-mask::y\\r%": /);
    });
  });

  describe('--json, --markdown and --format', () => {
    it('--json is --format json, --markdown is --format markdown, byte for byte', async () => {
      for (const f of ['json', 'markdown']) {
        const a = await cli(['diagnose', '--home', broken, `--${f}`]);
        const b = await cli(['diagnose', '--home', broken, '--format', f]);
        assert.equal(a.out, b.out, f);
        assert.equal(a.code, b.code);
      }
      const explained = await cli(['explain', '--format', 'json', '--home', broken, 'ExpiredToken']);
      assert.equal(explained.out, (await cli(['explain', '--json', '--home', broken, 'ExpiredToken'])).out);
      assert.equal(typeof JSON.parse(explained.out), 'object');
      // The same format named twice is no conflict.
      assert.equal((await cli(['diagnose', '--markdown', '--format', 'markdown', '--home', broken])).code, 1);
    });
    it('refuses an unknown format, two formats, and a diagnose-only format for explain (exit 2)', async () => {
      const cases: [string[], RegExp][] = [
        [['diagnose', '--format', 'xml'], /--format takes text, json, markdown, github, sarif/],
        [['diagnose', '--json', '--format', 'sarif'], /--format sarif and --json exclude each other/],
        [['explain', '--format', 'github', 'x'], /explain prints text or json, not github/],
      ];
      for (const [argv, message] of cases) {
        const r = await cli([...argv, '--home', broken]);
        assert.equal(r.code, 2, argv.join(' '));
        assert.match(r.err, message, argv.join(' '));
      }
    });
    it('--version prints the version of this copy', async () => {
      const r = await cli(['--version']);
      assert.deepEqual([r.code, r.out], [0, '9.8.7\n']);
      const own = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version;
      const real = await cli(['--version'], {}, { packageInfo: undefined });
      assert.equal(real.out, `${own}\n`);
    });
  });
});
