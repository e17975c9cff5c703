/**
 * credential_process on Windows: the JavaScript SDK runs the line through cmd.exe (`%VAR%`, PATHEXT),
 * botocore and the AWS CLI split it with `_windows_shell_split` and start it without a shell
 * (CreateProcess: `.exe` appended, never PATHEXT). The split is proven against botocore's own
 * function on this machine; the lookups on fixture homes through `diagnose --platform win32`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { runCli } from '../../src/cli/main';
import { cmdExpandVars, windowsShellSplit } from '../../src/engine/resolve/windowsPrograms';
import { tempHome } from '../support/fixtureHome';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

async function diagnoseJson(argv: string[], env: Record<string, string>) {
  let out = '';
  let err = '';
  const code = await runCli({
    argv: ['diagnose', '--json', ...argv],
    env,
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    now: () => NOW,
    homedir: '/nonexistent',
  });
  assert.equal(err, '');
  return {
    code,
    report: JSON.parse(out) as {
      tools: Record<string, { source: string; failure: string | null }>;
      findings: { code: string; severity: string; tools: string[]; line: number; message: string }[];
    },
  };
}

describe('credential_process on Windows', () => {
  it("botocore's Windows split equals botocore.compat.compat_shell_split(s, 'win32') (the real function)", function () {
    this.timeout(30_000);
    const cases = [
      'helper --json',
      'C:\\Program Files\\x\\helper.exe',
      '"C:\\Program Files\\x\\helper.exe" --profile a',
      'a\\\\"b c" d',
      'a\\"b c',
      'a\\\\\\"b',
      '  spaced\t\targs  ',
      '"" empty',
      'trailing\\',
      'x"y z"w',
      "single 'quotes' stay",
      '%TOOLS%\\helper.cmd -p %AWS_PROFILE%',
      '"unclosed',
      '',
    ];
    const r = spawnSync(
      'python3',
      [
        '-c',
        `
import json, sys
from botocore.compat import compat_shell_split
out = []
for s in json.load(sys.stdin):
    try: out.append(compat_shell_split(s, 'win32'))
    except ValueError: out.append(None)
print(json.dumps(out))`,
      ],
      { input: JSON.stringify(cases), encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    assert.equal(r.status, 0, r.stderr);
    const real = JSON.parse(r.stdout) as (string[] | null)[];
    assert.deepEqual(
      cases.map((c) => windowsShellSplit(c) ?? null),
      real,
    );
    assert.ok(
      real.some((x) => x === null) && real.some((x) => x && x.length > 2),
      'the cases cover an unclosed quote and several words',
    );
  });

  it("cmd.exe's %VAR% expansion: set names replaced (any case), unset ones left as written", () => {
    assert.equal(
      cmdExpandVars('%Tools%\\helper.exe --p %AWS_PROFILE% %MISSING%', { TOOLS: 'D:\\bin', AWS_PROFILE: 'dev' }),
      'D:\\bin\\helper.exe --p dev %MISSING%',
    );
    assert.equal(cmdExpandVars('100% sure', {}), '100% sure');
  });

  describe('on a fixture home with --platform win32', () => {
    let home: string;
    let env: Record<string, string>;
    before(() => {
      home = tempHome(
        {
          'bin/helper.cmd': '@echo off\r\nnode helper.js %*\r\n', // an npm shim: there is no helper.exe
          'bin/vault.exe': 'MZ',
          'bin/script.ps1': 'Write-Output "{}"\r\n',
          '.aws/config': [
            '[profile shim]',
            'credential_process = helper --json',
            '', // 1
            '[profile exe]',
            'credential_process = vault export --format=json',
            '', // 4
            '[profile explicit]',
            'credential_process = helper.cmd --json',
            '', // 7
            '[profile ps]',
            'credential_process = script.ps1',
            '', // 10
            '[profile var]',
            'credential_process = %TOOLS%/vault.exe export',
            '', // 13
            '[profile none]',
            'credential_process = nothing-here --json',
            '', // 16
            '[profile piped]',
            'credential_process = vault export | more',
            '', // 19
          ].join('\n'),
        },
        'acd-win-',
      );
      // The folders as this machine writes them; Windows takes / as well as \.
      env = {
        USERPROFILE: home,
        Path: `C:\\Windows\\System32;${home}/bin`,
        TOOLS: `${home}/bin`,
        AWS_REGION: 'eu-west-1',
      };
    });
    after(() => fs.rmSync(home, { recursive: true, force: true }));

    const LINE: Record<string, number> = { shim: 2, exe: 5, explicit: 8, ps: 11, var: 14, none: 17, piped: 20 };
    /** The profile's tools and the findings on its credential_process line (every profile is checked, only this one in use). */
    const run = async (profile: string, platform = 'win32') => {
      const { report } = await diagnoseJson(['--platform', platform, '--home', home, '--profile', profile], env);
      const mine = report.findings.filter((f) => f.line === LINE[profile]);
      const findings = mine
        .filter((f) => f.code.startsWith('CREDENTIAL_PROCESS'))
        .map((f) => [f.code, f.severity, f.tools, f.line]);
      return { findings, node: report.tools.node, python: report.tools.python, messages: mine.map((f) => f.message) };
    };

    it('a bare name that only PATHEXT finds (helper → helper.cmd): the JavaScript SDK runs it, botocore and the AWS CLI cannot', async () => {
      const r = await run('shim');
      assert.deepEqual(r.findings, [['CREDENTIAL_PROCESS_SHELL', 'error', ['python', 'cli'], 2]]);
      assert.equal(r.node.source, 'process');
      assert.deepEqual(
        [r.python.source, r.python.failure],
        ['error', '[WinError 2] The system cannot find the file specified'],
      );
      assert.ok(
        r.messages.some((m) =>
          m.includes(
            `only ${home}/bin/helper.cmd exists: without a shell Windows looks for helper.exe and nothing else (PATHEXT is cmd.exe's)`,
          ),
        ),
        r.messages.join('\n'),
      );
      // The same home under POSIX rules: no executable named helper at all.
      const linux = await run('shim', 'linux');
      assert.deepEqual(
        linux.findings.map((f) => f[0]),
        ['CREDENTIAL_PROCESS_NOT_FOUND'],
      );
    });

    it('vault (→ vault.exe) and helper.cmd written out: every tool starts them', async () => {
      for (const profile of ['exe', 'explicit']) {
        const r = await run(profile);
        assert.deepEqual(r.findings, [], profile);
        assert.deepEqual([r.node.source, r.python.source], ['process', 'process'], profile);
      }
    });

    it('a .ps1 script: cmd.exe hands it to its file association, CreateProcess refuses it (WinError 193)', async () => {
      const r = await run('ps');
      assert.deepEqual(r.findings, [['CREDENTIAL_PROCESS_SHELL', 'error', ['python', 'cli'], 11]]);
      assert.deepEqual(
        [r.python.source, r.python.failure],
        ['error', '[WinError 193] %1 is not a valid Win32 application'],
      );
    });

    it('%TOOLS% expands under cmd.exe only', async () => {
      const r = await run('var');
      assert.deepEqual(r.findings, [['CREDENTIAL_PROCESS_SHELL', 'error', ['python', 'cli'], 14]]);
      assert.equal(r.node.source, 'process');
      assert.ok(
        r.messages.some((m) => m.includes('%TOOLS%/vault.exe is not a path without a shell (nothing expands %TOOLS%)')),
        r.messages.join('\n'),
      );
    });

    it('a program nowhere: not found for every tool, with the Windows wording', async () => {
      const r = await run('none');
      assert.deepEqual(r.findings, [['CREDENTIAL_PROCESS_NOT_FOUND', 'error', ['node', 'python', 'cli'], 17]]);
      assert.ok(
        r.messages.some(
          (m) =>
            m.includes(
              'nothing-here was not found on PATH (cmd.exe tries it with .COM, .EXE, .BAT, .CMD, .VBS, .VBE, .JS, .JSE, .WSF, .WSH, .MSC)',
            ) && m.includes('The system cannot find the file specified'),
        ),
        r.messages.join('\n'),
      );
    });

    it('cmd.exe syntax (a pipe) that botocore passes on as arguments', async () => {
      const r = await run('piped');
      assert.deepEqual(r.findings, [['CREDENTIAL_PROCESS_SHELL', 'warning', ['python', 'cli'], 20]]);
      assert.ok(
        r.messages.some((m) => m.includes('uses shell syntax (|). The JavaScript SDK runs it through cmd.exe')),
        r.messages.join('\n'),
      );
    });
  });
});
