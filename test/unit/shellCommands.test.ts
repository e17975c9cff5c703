/**
 * Commands in the platform's syntax: what the fixes' terminal commands and the text report's
 * "type this" lines say on Linux and macOS (POSIX) and on Windows (PowerShell, then cmd). The POSIX
 * and fish quoting are proven by the real bash, dash, zsh and fish on this machine; PowerShell and
 * cmd (not installed here) against their documented rules.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { diagnose } from '../../src/engine/diagnose';
import { formatText } from '../../src/engine/output/format';
import { buildReport } from '../../src/engine/output/report';
import { typedCommands } from '../../src/engine/findings/fixCommands';
import { commandLine, quoteFor, setCommand, shellKindOf, unsetCommand } from '../../src/engine/core/shellCommands';
import { MemoryHost } from '../support/memoryHost';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const AWKWARD = [
  'dev',
  'my dev',
  "it's",
  'a"b',
  '$HOME',
  '`x`',
  'a\\b',
  'semi;colon',
  '*',
  '',
  'ünïcode',
  'botocore[crt]',
];

function run(shell: string, script: string): string {
  const r = spawnSync(shell, ['-c', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: '/nonexistent' },
  });
  assert.equal(r.status, 0, `${shell}: ${r.stderr}`);
  return r.stdout;
}

describe("commands in the platform's shell syntax", () => {
  it('POSIX quoting gives every word back literally in bash, dash and zsh; fish quoting in fish', function () {
    this.timeout(30_000);
    const shells = ['bash', 'dash', 'zsh'].filter((s) => spawnSync('which', [s]).status === 0);
    assert.ok(shells.includes('bash') && shells.includes('dash'), 'bash and dash are on this machine');
    for (const shell of shells) {
      const out = run(shell, AWKWARD.map((w) => `printf '%s\\n' ${quoteFor('posix', w)}`).join('; '));
      assert.deepEqual(out.split('\n').slice(0, -1), AWKWARD, shell);
    }
    if (fs.existsSync('/usr/bin/fish')) {
      const out = run('fish', AWKWARD.map((w) => `printf '%s\\n' ${quoteFor('fish', w)}`).join('; '));
      assert.deepEqual(out.split('\n').slice(0, -1), AWKWARD, 'fish');
      assert.equal(
        run(
          'fish',
          `${setCommand('fish', 'AWS_X', "it's $x")}; ${unsetCommand('fish', ['AWS_Y'])}; printf '%s|%s' "$AWS_X" (set -q AWS_Y; and echo set; or echo unset)`,
        ),
        "it's $x|unset",
      );
    }
    // The set/unset commands run in a real shell and do what they say.
    assert.equal(
      run(
        'bash',
        `AWS_Y=1; ${setCommand('posix', 'AWS_X', "a b'c")}; ${unsetCommand('posix', ['AWS_Y'])}; printf '%s|%s' "$AWS_X" "\${AWS_Y-unset}"`,
      ),
      "a b'c|unset",
    );
  });

  it('PowerShell: single quotes with quotes doubled (typographic ones too), bare words only where nothing is special', () => {
    assert.deepEqual(
      ['dev', 'my dev', "it's", '$HOME', 'a,b', '@x', '--profile', '--', 'C:\\x\\y', 'it\u2019s', 'botocore[crt]'].map(
        (w) => quoteFor('pwsh', w),
      ),
      [
        'dev',
        "'my dev'",
        "'it''s'",
        "'$HOME'",
        "'a,b'",
        "'@x'",
        '--profile',
        "'--'",
        'C:\\x\\y',
        "'it\u2019\u2019s'",
        "'botocore[crt]'",
      ],
    );
    assert.equal(unsetCommand('pwsh', ['AWS_SESSION_TOKEN']), 'Remove-Item Env:AWS_SESSION_TOKEN');
    assert.equal(setCommand('pwsh', 'AWS_PROFILE', "o'brien"), "$env:AWS_PROFILE = 'o''brien'");
  });

  it('cmd: `set A=` unsets, `set "A=v"` sets; a value cmd cannot carry (" or %) gives no command rather than a wrong one', () => {
    assert.equal(unsetCommand('cmd', ['AWS_SESSION_TOKEN']), 'set AWS_SESSION_TOKEN=');
    assert.equal(setCommand('cmd', 'AWS_PROFILE', 'my dev & co'), 'set "AWS_PROFILE=my dev & co"');
    assert.equal(setCommand('cmd', 'AWS_PROFILE', '100%'), undefined);
    assert.equal(setCommand('cmd', 'AWS_PROFILE', ''), undefined);
    assert.equal(commandLine('cmd', ['aws', 'login', '--profile', 'my dev']), 'aws login --profile "my dev"');
    assert.equal(commandLine('cmd', ['aws', 'login', '--profile', 'a"b']), undefined);
  });

  it("names the shell of a terminal from its path, else the platform's default", () => {
    assert.deepEqual(
      [
        '/usr/bin/fish',
        'C:\\Program Files\\PowerShell\\7\\pwsh.exe',
        'C:\\Windows\\System32\\cmd.exe',
        '/bin/zsh',
        'powershell.exe',
        undefined,
      ].map((s) => shellKindOf(s, 'win32')),
      ['fish', 'pwsh', 'cmd', 'posix', 'pwsh', 'pwsh'],
    );
    assert.equal(shellKindOf(undefined, 'linux'), 'posix');
    assert.equal(shellKindOf('/opt/unknown-shell', 'darwin'), 'posix');
  });

  it('each fix carries what to type: POSIX on Linux and macOS, PowerShell then cmd on Windows; chmod only where it means something', () => {
    assert.deepEqual(typedCommands({ kind: 'unsetEnv', name: 'AWS_SESSION_TOKEN' }, 'linux'), [
      { shell: 'posix', command: 'unset AWS_SESSION_TOKEN' },
    ]);
    assert.deepEqual(typedCommands({ kind: 'unsetEnv', name: 'AWS_SESSION_TOKEN' }, 'win32'), [
      { shell: 'pwsh', command: 'Remove-Item Env:AWS_SESSION_TOKEN' },
      { shell: 'cmd', command: 'set AWS_SESSION_TOKEN=' },
    ]);
    assert.deepEqual(typedCommands({ kind: 'setEnv', name: 'AWS_REGION', value: 'eu-west-1' }, 'darwin'), [
      { shell: 'posix', command: 'export AWS_REGION=eu-west-1' },
    ]);
    assert.deepEqual(typedCommands({ kind: 'setEnv', name: 'AWS_REGION', value: 'eu-west-1' }, 'win32'), [
      { shell: 'pwsh', command: "$env:AWS_REGION = 'eu-west-1'" },
      { shell: 'cmd', command: 'set "AWS_REGION=eu-west-1"' },
    ]);
    assert.deepEqual(typedCommands({ kind: 'chmod', path: '/home/u/.aws/credentials', mode: 0o600 }, 'linux'), [
      { shell: 'posix', command: 'chmod 600 /home/u/.aws/credentials' },
    ]);
    assert.deepEqual(typedCommands({ kind: 'chmod', path: 'C:\\x', mode: 0o600 }, 'win32'), []);
    assert.deepEqual(typedCommands({ kind: 'deleteLine', path: '/x', line: 1 }, 'linux'), []);
  });

  it("the diagnosis: a stale AWS_SESSION_TOKEN's fix in each platform's syntax, the sign-in quoted for the default shell, no chmod on Windows", () => {
    const files = {
      '/h/.aws/config': '[profile dev&ops]\nlogin_session = arn:aws:iam::123456789012:user/alice\nregion = eu-west-1\n',
      '/h/.aws/credentials': {
        content:
          '[default]\naws_access_key_id = AKIAJ2QWERTYUIOPASDF\naws_secret_access_key = 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\n',
        mode: 0o644,
      },
    };
    const env = {
      HOME: '/h',
      USERPROFILE: '/h',
      AWS_ACCESS_KEY_ID: 'AKIAJ2QWERTYUIOPASDF',
      AWS_SECRET_ACCESS_KEY: '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',
      AWS_SESSION_TOKEN: 'FwoGZXIvYXdzFAKE' + 'x'.repeat(80),
      AWS_REGION: 'eu-west-1',
    };
    const fixesOf = (platform: 'linux' | 'win32', profile?: string) => {
      const d = diagnose({
        env,
        fs: new MemoryHost(files),
        now: NOW,
        fallbackHomeDir: '/h',
        platform,
        explicitProfile: profile,
      });
      return {
        d,
        fixes: d.findings.flatMap((f) =>
          f.fixes.map(
            (x) =>
              [
                f.code,
                x.action.kind,
                x.action.kind === 'runCommand' ? x.action.command : undefined,
                x.commands?.map((c) => c.command),
              ] as const,
          ),
        ),
      };
    };
    const linux = fixesOf('linux').fixes;
    assert.deepEqual(
      linux.find((x) => x[0] === 'STALE_SESSION_TOKEN'),
      ['STALE_SESSION_TOKEN', 'unsetEnv', undefined, ['unset AWS_SESSION_TOKEN']],
    );
    assert.deepEqual(
      linux.find((x) => x[1] === 'chmod'),
      ['CREDENTIALS_FILE_PERMISSIONS', 'chmod', undefined, ['chmod 600 /h/.aws/credentials']],
    );
    const win = fixesOf('win32').fixes;
    assert.deepEqual(
      win.find((x) => x[0] === 'STALE_SESSION_TOKEN'),
      ['STALE_SESSION_TOKEN', 'unsetEnv', undefined, ['Remove-Item Env:AWS_SESSION_TOKEN', 'set AWS_SESSION_TOKEN=']],
    );
    assert.equal(
      win.find((x) => x[1] === 'chmod'),
      undefined,
    );
    // The sign-in for a profile with an &: quoted for bash on Linux, for PowerShell on Windows.
    const signIn = (platform: 'linux' | 'win32') =>
      fixesOf(platform, 'dev&ops').fixes.find((x) => x[0] === 'LOGIN_NOT_SIGNED_IN')?.[2];
    assert.equal(signIn('linux'), "aws login --profile 'dev&ops'");
    assert.equal(signIn('win32'), "aws login --profile 'dev&ops'");
    // The text report shows them under the fix, with a prompt per shell.
    const text = formatText(buildReport(fixesOf('win32').d), NOW);
    assert.match(
      text,
      /\n {10}fix: Unset the stale AWS_SESSION_TOKEN\n {15}PS> Remove-Item Env:AWS_SESSION_TOKEN\n {15}cmd> set AWS_SESSION_TOKEN=\n/,
    );
    assert.match(formatText(buildReport(fixesOf('linux').d), NOW), /\n {15}\$ unset AWS_SESSION_TOKEN\n/);
  });
});
