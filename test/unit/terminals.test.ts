/**
 * The terminal core under plain Node: the command-line parser of each shell (bash/zsh, fish,
 * PowerShell), what it refuses to guess, the per-terminal environment model, the output tail, and
 * the alert (message and fix in the shell's syntax) from the real engine's diagnosis and explainer.
 */
import * as assert from 'node:assert/strict';
import { diagnose } from '../../src/engine/diagnose';
import { explainError } from '../../src/engine/explain/explainError';
import { redact } from '../../src/engine/secrets/redact';
import { buildReport } from '../../src/engine/output/report';
import { DEFAULT_SETTINGS } from '../../src/extension/settings';
import { statusBarModel } from '../../src/extension/presentation/statusBarModel';
import { terminalProblems } from '../../src/extension/presentation/terminalProblems';
import type { EnvEffect, TerminalShell } from '../../src/extension/terminals/envEffects';
import { stripAnsi } from '../../src/engine/explain/normalize';
import { OutputTail } from '../../src/extension/terminals/outputTail';
import { quoteFor, setCommand, unsetCommand } from '../../src/engine/core/shellCommands';
import { execShell, parseCommandLine, terminalShellOf } from '../../src/extension/terminals/shellSyntax';
import { terminalAlert } from '../../src/extension/terminals/terminalAlert';
import { TerminalEnvironment } from '../../src/extension/terminals/terminalEnvironment';
import { MemoryHost } from '../support/memoryHost';

const effects = (shell: TerminalShell, line: string): EnvEffect[] => [...parseCommandLine(shell, line).effects];
const set = (name: string, value: string): EnvEffect => ({ kind: 'set', name, value });
const unset = (name: string): EnvEffect => ({ kind: 'unset', name });

describe('terminals: the bash/zsh command-line parser', () => {
  const cases: [string, EnvEffect[]][] = [
    ['export AWS_PROFILE=dev', [set('AWS_PROFILE', 'dev')]],
    [
      'export AWS_ACCESS_KEY_ID=AKIAX AWS_SECRET_ACCESS_KEY="a b" AWS_REGION=\'eu-west-1\'',
      [set('AWS_ACCESS_KEY_ID', 'AKIAX'), set('AWS_SECRET_ACCESS_KEY', 'a b'), set('AWS_REGION', 'eu-west-1')],
    ],
    ['export A=B C=D AWS_PROFILE=x', [set('AWS_PROFILE', 'x')]],
    ['export AWS_PROFILE="it\'s" ; unset AWS_REGION', [set('AWS_PROFILE', "it's"), unset('AWS_REGION')]],
    ["export AWS_PROFILE='a'\\''b'", [set('AWS_PROFILE', "a'b")]],
    ["export AWS_PROFILE=$'a\\tb'", [set('AWS_PROFILE', 'a\tb')]],
    ['export AWS_PROFILE="a\\"b\\$c"', [set('AWS_PROFILE', 'a"b$c')]],
    ['export AWS_PROFILE=dev\\ x', [set('AWS_PROFILE', 'dev x')]],
    ['unset -v AWS_SESSION_TOKEN AWS_SECURITY_TOKEN', [unset('AWS_SESSION_TOKEN'), unset('AWS_SECURITY_TOKEN')]],
    ['unset -f AWS_PROFILE', []],
    ['declare -x AWS_PROFILE=dev', [set('AWS_PROFILE', 'dev')]],
    ['typeset -gx AWS_REGION=us-east-1', [set('AWS_REGION', 'us-east-1')]],
    ['declare +x AWS_PROFILE', [unset('AWS_PROFILE')]],
    ['export -n AWS_PROFILE', [unset('AWS_PROFILE')]],
    ['AWS_PROFILE=dev', [{ kind: 'assign', name: 'AWS_PROFILE', value: 'dev' }]],
    ['export AWS_PROFILE', [{ kind: 'export', name: 'AWS_PROFILE' }]],
    ['AWS_PROFILE=dev aws sts get-caller-identity', []],
    ['export AWS_PROFILE=dev && aws s3 ls # export AWS_REGION=x', [set('AWS_PROFILE', 'dev')]],
    ['export AWS_PROFILE=a \\\n  AWS_REGION=b', [set('AWS_PROFILE', 'a'), set('AWS_REGION', 'b')]],
    ['export AWS_PROFILE=a\nexport AWS_REGION=b', [set('AWS_PROFILE', 'a'), set('AWS_REGION', 'b')]],
    ['export AWS_PROFILE=dev 2>/dev/null', [set('AWS_PROFILE', 'dev')]],
    ['(export AWS_PROFILE=dev; aws s3 ls)', []],
    ['aws sso login --profile dev', [{ kind: 'filesChanged' }]],
    ['aws --profile dev configure set region eu-west-1', [{ kind: 'filesChanged' }]],
    ['aws login', [{ kind: 'filesChanged' }]],
    ['source ~/.aws-env', [{ kind: 'source', path: '~/.aws-env' }]],
    ['. ./creds.sh', [{ kind: 'source', path: './creds.sh' }]],
    ['export PATH=/bin:$PATH', []],
  ];
  for (const [line, want] of cases) it(JSON.stringify(line), () => assert.deepEqual(effects('posix', line), want));

  it('refuses to guess: values the shell computes, conditionals, ||, pipelines, heredocs', () => {
    assert.deepEqual(effects('posix', 'export AWS_SESSION_TOKEN=$(cat tok)'), [
      { kind: 'setUnknown', name: 'AWS_SESSION_TOKEN', why: 'its value is computed by the shell' },
    ]);
    assert.deepEqual(effects('posix', 'export AWS_PROFILE="$P"'), [
      { kind: 'setUnknown', name: 'AWS_PROFILE', why: 'its value is computed by the shell' },
    ]);
    assert.deepEqual(effects('posix', 'if true; then export AWS_PROFILE=a; fi'), [
      { kind: 'unknown', names: ['AWS_PROFILE'], why: 'inside an if/for/while, a function or a heredoc' },
    ]);
    assert.deepEqual(effects('posix', 'false || export AWS_PROFILE=a'), [
      { kind: 'unknown', names: ['AWS_PROFILE'], why: 'after ||, it may not have run' },
    ]);
    assert.deepEqual(effects('posix', 'export AWS_PROFILE=a | cat'), [
      { kind: 'unknown', names: ['AWS_PROFILE'], why: 'in a pipeline, it may run in a subshell' },
    ]);
    assert.deepEqual(effects('posix', 'for p in a b; do export AWS_PROFILE=$p; done'), [
      { kind: 'unknown', names: ['AWS_PROFILE'], why: 'inside an if/for/while, a function or a heredoc' },
    ]);
    assert.deepEqual(effects('posix', 'f() { export AWS_PROFILE=a; }'), [
      { kind: 'unknown', names: ['AWS_PROFILE'], why: 'inside an if/for/while, a function or a heredoc' },
    ]);
    assert.deepEqual(effects('posix', 'export AWS_PROFILE+=x'), [
      { kind: 'unknown', names: ['AWS_PROFILE'], why: 'AWS_PROFILE+= appends to a value' },
    ]);
    assert.deepEqual(effects('posix', '$CMD AWS_PROFILE=x'), [
      { kind: 'unknown', why: 'a command whose name the shell computes' },
    ]);
    assert.deepEqual(effects('posix', 'source "$F"'), [
      { kind: 'unknown', why: 'a script whose path the shell computes was sourced' },
    ]);
  });

  it('inline variables belong to the one command; env A=B cmd too; aws-vault exec brings its own credentials', () => {
    const p = parseCommandLine('posix', 'AWS_PROFILE=dev AWS_REGION=$R aws s3 ls');
    assert.deepEqual(
      [...p.inline],
      [
        ['AWS_PROFILE', 'dev'],
        ['AWS_REGION', undefined],
      ],
    );
    assert.deepEqual(
      [...parseCommandLine('posix', 'env -u AWS_SESSION_TOKEN AWS_PROFILE=x aws s3 ls').inline],
      [
        ['AWS_SESSION_TOKEN', undefined],
        ['AWS_PROFILE', 'x'],
      ],
    );
    assert.equal(parseCommandLine('posix', 'aws-vault exec dev -- aws s3 ls').ownCredentials, true);
    assert.deepEqual(effects('posix', 'aws-vault exec dev'), [
      { kind: 'unknown', why: 'a subshell started by aws-vault exec' },
    ]);
  });

  it('brokers: eval of export-credentials, granted assume, awsume', () => {
    const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'];
    assert.deepEqual(
      effects('posix', 'eval "$(aws configure export-credentials --profile dev --format env)"').map((e) => [
        e.kind,
        'name' in e ? e.name : '',
      ]),
      names.map((n) => ['setUnknown', n]),
    );
    assert.equal(
      (effects('posix', 'eval "$(aws configure export-credentials --profile dev --format env)"')[0] as { why: string })
        .why,
      'exported by aws configure export-credentials --profile dev',
    );
    assert.ok(effects('posix', 'assume dev').some((e) => e.kind === 'setUnknown' && e.name === 'AWS_SESSION_TOKEN'));
    assert.ok(effects('posix', 'assume --unset').every((e) => e.kind === 'unset'));
    assert.ok(effects('posix', 'awsume -u').some((e) => e.kind === 'unset' && e.name === 'AWS_SESSION_TOKEN'));
  });
});

describe('terminals: the fish command-line parser', () => {
  const cases: [string, EnvEffect[]][] = [
    ['set -gx AWS_PROFILE dev', [set('AWS_PROFILE', 'dev')]],
    ['set -x AWS_PROFILE "dev"', [set('AWS_PROFILE', 'dev')]],
    ["set --export --global AWS_REGION 'eu-west-1'", [set('AWS_REGION', 'eu-west-1')]],
    ['set -Ux AWS_PROFILE dev', [set('AWS_PROFILE', 'dev')]],
    ['set -e AWS_SESSION_TOKEN', [unset('AWS_SESSION_TOKEN')]],
    ['set --erase AWS_SESSION_TOKEN; set -u AWS_PROFILE', [unset('AWS_SESSION_TOKEN'), unset('AWS_PROFILE')]],
    ['set AWS_PROFILE dev', [{ kind: 'assign', name: 'AWS_PROFILE', value: 'dev' }]],
    ['set -q AWS_PROFILE', []],
    ['set -l AWS_PROFILE dev', []],
    ["set -gx AWS_PROFILE 'it\\'s'", [set('AWS_PROFILE', "it's")]],
    ['export AWS_PROFILE=dev', [set('AWS_PROFILE', 'dev')]],
    ['set -gx AWS_PROFILE dev; and aws s3 ls', [set('AWS_PROFILE', 'dev')]],
    ['aws sso login', [{ kind: 'filesChanged' }]],
  ];
  for (const [line, want] of cases) it(JSON.stringify(line), () => assert.deepEqual(effects('fish', line), want));

  it('refuses to guess: command substitutions, blocks, or', () => {
    assert.deepEqual(effects('fish', 'set -gx AWS_SESSION_TOKEN (cat tok)'), [
      { kind: 'setUnknown', name: 'AWS_SESSION_TOKEN', why: 'its value is computed by the shell' },
    ]);
    assert.deepEqual(effects('fish', 'set -gx AWS_PROFILE "$P"'), [
      { kind: 'setUnknown', name: 'AWS_PROFILE', why: 'its value is computed by the shell' },
    ]);
    assert.deepEqual(effects('fish', 'if true; set -gx AWS_PROFILE a; end'), [
      { kind: 'unknown', names: ['AWS_PROFILE'], why: 'inside an if/for/while/begin block or a function' },
    ]);
    assert.deepEqual(effects('fish', 'begin; set -gx AWS_PROFILE a; end'), [
      { kind: 'unknown', names: ['AWS_PROFILE'], why: 'inside an if/for/while/begin block or a function' },
    ]);
    assert.deepEqual(effects('fish', 'false; or set -gx AWS_PROFILE a'), [
      { kind: 'unknown', names: ['AWS_PROFILE'], why: 'after || / or, it may not have run' },
    ]);
    assert.deepEqual([...parseCommandLine('fish', 'AWS_PROFILE=dev aws s3 ls').inline], [['AWS_PROFILE', 'dev']]);
  });
});

describe('terminals: the PowerShell command-line parser', () => {
  const cases: [string, EnvEffect[]][] = [
    ["$env:AWS_PROFILE = 'dev'", [set('AWS_PROFILE', 'dev')]],
    ['$env:AWS_PROFILE="dev"', [set('AWS_PROFILE', 'dev')]],
    ["${env:AWS_REGION} = 'eu-west-1'", [set('AWS_REGION', 'eu-west-1')]],
    ["$env:AWS_PROFILE = 'it''s'", [set('AWS_PROFILE', "it's")]],
    ['$env:AWS_SESSION_TOKEN = $null', [unset('AWS_SESSION_TOKEN')]],
    ["$env:AWS_SESSION_TOKEN = ''", [unset('AWS_SESSION_TOKEN')]],
    ['Remove-Item Env:AWS_SESSION_TOKEN', [unset('AWS_SESSION_TOKEN')]],
    [
      'Remove-Item -Path Env:\\AWS_SESSION_TOKEN, Env:AWS_SECURITY_TOKEN',
      [unset('AWS_SESSION_TOKEN'), unset('AWS_SECURITY_TOKEN')],
    ],
    ['rm env:AWS_PROFILE', [unset('AWS_PROFILE')]],
    ['Set-Item Env:AWS_PROFILE dev', [set('AWS_PROFILE', 'dev')]],
    ["[Environment]::SetEnvironmentVariable('AWS_PROFILE', 'dev')", [set('AWS_PROFILE', 'dev')]],
    ["[System.Environment]::SetEnvironmentVariable('AWS_PROFILE', $null, 'Process')", [unset('AWS_PROFILE')]],
    ["[Environment]::SetEnvironmentVariable('AWS_PROFILE', 'dev', 'User')", []],
    ["$env:AWS_PROFILE = 'a'; $env:AWS_REGION = 'b'", [set('AWS_PROFILE', 'a'), set('AWS_REGION', 'b')]],
    ['$env:PATH = "x"', []],
  ];
  for (const [line, want] of cases) it(JSON.stringify(line), () => assert.deepEqual(effects('pwsh', line), want));

  it('refuses to guess: computed values, script blocks; follows export-credentials | Invoke-Expression', () => {
    assert.deepEqual(effects('pwsh', '$env:AWS_PROFILE = $p'), [
      { kind: 'setUnknown', name: 'AWS_PROFILE', why: 'its value is computed by PowerShell' },
    ]);
    assert.deepEqual(effects('pwsh', '$env:AWS_PROFILE = "$p-dev"'), [
      { kind: 'setUnknown', name: 'AWS_PROFILE', why: 'its value is computed by PowerShell' },
    ]);
    assert.deepEqual(effects('pwsh', "if ($x) { $env:AWS_PROFILE = 'a' }"), []);
    assert.deepEqual(
      effects('pwsh', 'aws configure export-credentials --format powershell | Invoke-Expression').map((e) => e.kind),
      ['setUnknown', 'setUnknown', 'setUnknown', 'setUnknown'],
    );
  });
});

describe('terminals: shell syntax of the fixes', () => {
  it('detects the shell from its path or name', () => {
    assert.deepEqual(
      ['/usr/bin/fish', 'pwsh.exe', 'zsh', '/bin/bash', 'cmd.exe', 'python', undefined].map(terminalShellOf),
      ['fish', 'pwsh', 'posix', 'posix', undefined, undefined, undefined],
    );
  });
  it('sees exec of another shell', () => {
    assert.deepEqual(execShell('exec zsh'), { kind: 'posix', name: 'zsh' });
    assert.deepEqual(execShell('exec -l /usr/bin/fish'), { kind: 'fish', name: 'fish' });
    assert.equal(execShell('exec 3>&1'), undefined);
    assert.equal(execShell('echo exec fish'), undefined);
  });
  it('writes unset and set in each syntax, quoted', () => {
    assert.equal(unsetCommand('posix', ['AWS_SESSION_TOKEN']), 'unset AWS_SESSION_TOKEN');
    assert.equal(
      unsetCommand('fish', ['AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']),
      'set -e AWS_SESSION_TOKEN AWS_SECURITY_TOKEN',
    );
    assert.equal(
      unsetCommand('pwsh', ['AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']),
      'Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_SECURITY_TOKEN',
    );
    assert.equal(setCommand('posix', 'AWS_PROFILE', 'dev'), 'export AWS_PROFILE=dev');
    assert.equal(setCommand('posix', 'AWS_PROFILE', "it's me"), "export AWS_PROFILE='it'\\''s me'");
    assert.equal(setCommand('fish', 'AWS_PROFILE', "it's"), "set -gx AWS_PROFILE 'it\\'s'");
    assert.equal(setCommand('pwsh', 'AWS_PROFILE', "it's"), "$env:AWS_PROFILE = 'it''s'");
    // The engine's PowerShell quoting doubles the typographic quotes too (PowerShell closes a string at them).
    assert.equal(setCommand('pwsh', 'AWS_PROFILE', 'it\u2019s'), "$env:AWS_PROFILE = 'it\u2019\u2019s'");
    // Round trip: each shell's parser reads back what the fix writes.
    for (const shell of ['posix', 'fish', 'pwsh'] as const) {
      for (const v of ['dev', "it's", 'a b', 'x$y', 'q"r', 'it\u2019s', '-x'])
        assert.deepEqual(
          effects(shell, setCommand(shell, 'AWS_PROFILE', v)!),
          [set('AWS_PROFILE', v)],
          `${shell} ${v} ${quoteFor(shell, v)}`,
        );
      assert.deepEqual(effects(shell, unsetCommand(shell, ['AWS_SESSION_TOKEN'])), [unset('AWS_SESSION_TOKEN')]);
    }
  });
  it('never hangs on hostile input (unbalanced quotes, deep nesting, a megabyte)', () => {
    for (const shell of ['posix', 'fish', 'pwsh'] as const) {
      for (const s of [
        'export AWS_PROFILE="unterminated',
        "'",
        '$(((((',
        '`',
        '\\',
        '(((('.repeat(5000),
        'export AWS_X=1 '.repeat(100_000),
        '\x00\x1b[31m;|&<>',
      ]) {
        parseCommandLine(shell, s);
      }
    }
  });
});

describe('terminals: the per-terminal environment model', () => {
  const base = { AWS_PROFILE: 'dev', AWS_REGION: 'eu-west-1', HOME: '/home/u', PATH: '/bin' };
  it('starts from what the terminal was created with, then follows commands, with who changed what and when', () => {
    const m = new TerminalEnvironment('posix', { AWS_PROFILE: 'dev', AWS_REGION: 'eu-west-1' });
    assert.equal(m.differsFrom(base), false);
    m.apply('export AWS_SESSION_TOKEN=tok AWS_PROFILE=prod', 1000);
    m.apply('unset AWS_REGION', 2000);
    m.apply('ls -l', 3000);
    assert.deepEqual(m.knownValues(), { AWS_PROFILE: 'prod', AWS_SESSION_TOKEN: 'tok' });
    assert.equal(m.variables.get('AWS_SESSION_TOKEN')!.changedBy!.at, 1000);
    assert.equal(m.removedBy.get('AWS_REGION')!.commandLine, 'unset AWS_REGION');
    assert.deepEqual(
      m.changes.map((c) => c.names),
      [['AWS_SESSION_TOKEN', 'AWS_PROFILE'], ['AWS_REGION']],
    );
    assert.equal(m.differsFrom(base), true);
    assert.deepEqual(m.engineEnvironment(base), {
      HOME: '/home/u',
      PATH: '/bin',
      AWS_PROFILE: 'prod',
      AWS_SESSION_TOKEN: 'tok',
    });
    assert.deepEqual(
      m.engineEnvironment(
        base,
        new Map([
          ['AWS_PROFILE', 'x'],
          ['AWS_SESSION_TOKEN', undefined],
        ]),
      ),
      { HOME: '/home/u', PATH: '/bin', AWS_PROFILE: 'x' },
    );
  });
  it('a shell variable enters the environment only when exported; an exported one changes in place', () => {
    const m = new TerminalEnvironment('posix', { AWS_PROFILE: 'dev' });
    m.apply('AWS_REGION=us-east-1', 1);
    assert.equal(m.variables.has('AWS_REGION'), false);
    m.apply('export AWS_REGION', 2);
    assert.equal(m.variables.get('AWS_REGION')!.value, 'us-east-1');
    m.apply('AWS_PROFILE=prod', 3);
    assert.equal(m.variables.get('AWS_PROFILE')!.value, 'prod');
  });
  it('says what it cannot know: low confidence, computed values, unreadable scripts', () => {
    const m = new TerminalEnvironment('posix', {}, () => undefined);
    m.apply('export AWS_PROFILE=x', 1, { confident: false });
    assert.equal(m.variables.has('AWS_PROFILE'), false);
    assert.equal(m.isUnknown('AWS_PROFILE'), true);
    assert.match(m.uncertainties[0], /low confidence/);
    const n = new TerminalEnvironment('posix', {});
    n.apply('export AWS_SESSION_TOKEN=$(pbpaste)', 1);
    assert.deepEqual(n.knownValues(), {});
    assert.equal(n.variables.get('AWS_SESSION_TOKEN')!.unknownWhy, 'its value is computed by the shell');
    n.apply('source ./secret.sh', 2, { cwd: '/w' });
    assert.match(n.uncertainties.join('\n'), /a sourced script the extension cannot read \(\.\/secret\.sh\)/);
  });
  it('follows `source` of a plain file of exports, relative to the cwd or ~', () => {
    const files: Record<string, string> = {
      '/w/env.sh': '# creds\nexport AWS_PROFILE=from-file\nexport AWS_REGION=us-west-2\n',
      '/home/u/.awsenv': 'unset AWS_PROFILE\n',
      '/w/script.sh': 'if x; then export AWS_PROFILE=y; fi\n',
    };
    const m = new TerminalEnvironment('posix', { AWS_PROFILE: 'dev' }, (p) => files[p], '/home/u');
    m.apply('source env.sh', 1, { cwd: '/w' });
    assert.deepEqual(m.knownValues(), { AWS_PROFILE: 'from-file', AWS_REGION: 'us-west-2' });
    m.apply('. ~/.awsenv', 2);
    assert.deepEqual(m.knownValues(), { AWS_REGION: 'us-west-2' });
    m.apply('source script.sh', 3, { cwd: '/w' });
    assert.match(m.uncertainties.join('\n'), /more than plain exports/);
  });
});

describe('terminals: the output tail', () => {
  it('strips escape sequences, also when one is cut between two chunks, and keeps a bounded tail', () => {
    const t = new OutputTail(64);
    assert.equal(t.push('\x1b[31mhello\x1b['), false);
    t.push('0m world\x1b]633;D;0\x07\r\n');
    assert.equal(t.text(), 'hello world\n');
    t.push('x'.repeat(200));
    assert.equal(t.text().length, 64);
    assert.equal(stripAnsi('a\rb\r\nc'), 'a\nb\nc');
  });
  it('sees an error phrase split across chunks, once', () => {
    const t = new OutputTail();
    assert.equal(t.push('An error occurred (InvalidClie'), false);
    assert.equal(t.push('ntTokenId) when calling'), true);
    assert.equal(t.push('InvalidClientTokenId again'), false);
    assert.equal(t.hit, true);
  });
});

describe('terminals: the alert, from the real diagnosis of the terminal environment', () => {
  const HOME = '/home/u';
  const KEY = 'AKIAFAKEKEYDOCTORONE';
  const SECRET = 'FAKEsecretKEYforTESTSonly'.padEnd(40, '0');
  const TOKEN = 'FwoGZXIvYXdzFAKE' + 'x'.repeat(80);
  // "my dev": an SSO profile whose name the sign-in command must quote for each shell.
  const fs = new MemoryHost({
    [`${HOME}/.aws/config`]:
      '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = eu-west-1\n\n[profile "my dev"]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = R\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\n',
    [`${HOME}/.aws/credentials`]: `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n\n[dev]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
  });
  const at = Date.UTC(2026, 0, 5, 10, 42);
  const alertFor = (shell: TerminalShell, commands: string[], output: string, command: string) => {
    const m = new TerminalEnvironment(shell, {});
    for (const c of commands) m.apply(c, at);
    const d = diagnose({ env: m.engineEnvironment({ HOME, PATH: '/bin' }), fs, now: at, fallbackHomeDir: HOME });
    const clean = (s: string) => d.redactor.redact(redact(s));
    return terminalAlert({
      explanation: explainError(output, d),
      model: m,
      shell,
      commandLine: clean(command),
      redact: clean,
      timeOf: () => '10:42',
      profiles: [...d.pyView.profiles.keys()],
      profile: d.profile.name,
    });
  };
  const ERR =
    '\naws: [ERROR]: An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.\n';

  it("a stale session token exported in this terminal: names it, and unsets it in the shell's syntax", () => {
    for (const [shell, exports, fix] of [
      [
        'posix',
        [`export AWS_ACCESS_KEY_ID=${KEY} AWS_SECRET_ACCESS_KEY=${SECRET}`, `export AWS_SESSION_TOKEN=${TOKEN}`],
        'unset AWS_SESSION_TOKEN',
      ],
      [
        'fish',
        [
          `set -gx AWS_ACCESS_KEY_ID ${KEY}`,
          `set -gx AWS_SECRET_ACCESS_KEY ${SECRET}`,
          `set -gx AWS_SESSION_TOKEN ${TOKEN}`,
        ],
        'set -e AWS_SESSION_TOKEN',
      ],
      [
        'pwsh',
        [
          `$env:AWS_ACCESS_KEY_ID = '${KEY}'`,
          `$env:AWS_SECRET_ACCESS_KEY = '${SECRET}'`,
          `$env:AWS_SESSION_TOKEN = '${TOKEN}'`,
        ],
        'Remove-Item Env:AWS_SESSION_TOKEN',
      ],
    ] as const) {
      const a = alertFor(shell, [...exports], ERR, 'aws sts get-caller-identity')!;
      assert.equal(a.errorCode, 'InvalidClientTokenId');
      assert.equal(a.finding?.code, 'STALE_SESSION_TOKEN');
      assert.equal(a.variable, 'AWS_SESSION_TOKEN');
      assert.deepEqual(a.fix, { kind: 'terminal', title: `Run ${fix}`, text: fix });
      // One short paragraph: the command, the error, the cause's first sentence, the fix; the terminal's story is Explain's.
      assert.equal(
        a.message,
        `\`aws sts get-caller-identity\` failed: InvalidClientTokenId. AWS_SESSION_TOKEN is set next to a long-term access key (****************RONE, an AKIA key). Fix: \`${fix}\`.`,
      );
      assert.equal(a.details.length, 1);
      assert.ok(a.details[0].startsWith('AWS_SESSION_TOKEN was set in this terminal at 10:42 by `'), a.details[0]);
      assert.ok(!a.message.includes(TOKEN) && !a.message.includes(SECRET), 'no secret in the message');
    }
  });

  it('a profile that does not exist: offers switching this terminal to an existing one', () => {
    const a = alertFor(
      'posix',
      ['export AWS_PROFILE=nope'],
      '\naws: [ERROR]: The config profile (nope) could not be found\n',
      'aws sts get-caller-identity',
    )!;
    assert.equal(a.finding?.code, 'PROFILE_NOT_FOUND');
    assert.deepEqual(a.fix, {
      kind: 'terminal',
      title: 'Run export AWS_PROFILE=default',
      text: 'export AWS_PROFILE=default',
    });
    assert.match(
      a.message,
      /^`aws sts get-caller-identity` failed: ProfileNotFound\. Profile "nope" \(from AWS_PROFILE\) does not exist in .* Fix: `export AWS_PROFILE=default`\.$/,
    );
    assert.deepEqual(a.details, ['AWS_PROFILE was set in this terminal at 10:42 by `export AWS_PROFILE=nope`.']);
  });

  it('an SSO error with no local fix: the sign-in command, with the profile quoted for the shell', () => {
    const sso = 'Error when retrieving token from sso: Token has expired and refresh failed';
    const set = {
      posix: "export AWS_PROFILE='my dev'",
      fish: "set -gx AWS_PROFILE 'my dev'",
      pwsh: "$env:AWS_PROFILE = 'my dev'",
    };
    const fixes = (['posix', 'fish', 'pwsh'] as const).map(
      (shell) => alertFor(shell, [set[shell]], sso, 'aws s3 ls')?.fix,
    );
    const text = "aws sso login --profile 'my dev'";
    assert.deepEqual(
      fixes,
      [0, 1, 2].map(() => ({ kind: 'terminal', title: `Run ${text}`, text })),
    );
  });

  it('no error, no alert; an error with no local cause says so', () => {
    assert.equal(alertFor('posix', [], 'all good\n', 'ls'), undefined);
    const a = alertFor(
      'posix',
      [],
      'An error occurred (AccessDenied) when calling the GetSessionToken operation: User: arn:aws:iam::123456789012:user/x is not authorized to perform: sts:GetSessionToken',
      'aws sts get-session-token',
    )!;
    assert.equal(a.errorCode, 'AccessDenied');
    assert.equal(a.fix, undefined);
  });
});

describe("terminals: the status bar counts down the expiry a broker left in the terminal (the engine's brokers.ts)", () => {
  const HOME = '/home/u';
  const NOW = Date.UTC(2026, 0, 5, 10, 0);
  const at = NOW + 42 * 60_000 + 5_000;
  const fs = new MemoryHost({ [`${HOME}/.aws/config`]: '[default]\nregion = eu-west-1\n' });
  const keys =
    'export AWS_ACCESS_KEY_ID=ASIAFAKEKEYDOCTORTWO AWS_SECRET_ACCESS_KEY=FAKEsecret0000000000000000000000000000000 AWS_SESSION_TOKEN=FwoGFAKE';
  // awsume writes its local time with no offset; the engine reads it as local time.
  const local = new Date(at);
  const awsumeTime = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}T${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}:${String(local.getSeconds()).padStart(2, '0')}`;
  const iso = new Date(at).toISOString();
  const statusFor = (shell: TerminalShell, lines: string[]) => {
    const m = new TerminalEnvironment(shell, {});
    for (const l of lines) m.apply(l, NOW);
    const report = buildReport(
      diagnose({ env: m.engineEnvironment({ HOME, PATH: '/bin' }), fs, now: NOW, fallbackHomeDir: HOME }),
    );
    return statusBarModel({
      report,
      now: NOW,
      settings: DEFAULT_SETTINGS,
      terminal: { name: 'bash', changes: [], uncertainties: [] },
    });
  };

  it('aws-vault 6 (AWS_SESSION_EXPIRATION), awsume (AWSUME_EXPIRATION), aws-sso-cli, granted and export-credentials', () => {
    const cases: [TerminalShell, string[], string][] = [
      ['posix', [keys, `export AWS_VAULT=dev AWS_SESSION_EXPIRATION=${iso}`], 'AWS\\_SESSION\\_EXPIRATION (aws-vault)'],
      ['posix', [keys, `export AWSUME_PROFILE=dev AWSUME_EXPIRATION=${awsumeTime}`], 'AWSUME\\_EXPIRATION (awsume)'],
      [
        'fish',
        [
          'set -gx AWS_ACCESS_KEY_ID ASIAFAKEKEYDOCTORTWO',
          'set -gx AWS_SECRET_ACCESS_KEY FAKEsecret0000000000000000000000000000000',
          'set -gx AWS_SESSION_TOKEN FwoGFAKE',
          'set -gx AWS_SSO_ROLE_ARN arn:aws:iam::111122223333:role/Dev',
          `set -gx AWS_SSO_SESSION_EXPIRATION ${iso}`,
        ],
        'AWS\\_SSO\\_SESSION\\_EXPIRATION (aws-sso-cli)',
      ],
      [
        'pwsh',
        [
          "$env:AWS_ACCESS_KEY_ID = 'ASIAFAKEKEYDOCTORTWO'",
          "$env:AWS_SECRET_ACCESS_KEY = 'FAKEsecret0000000000000000000000000000000'",
          "$env:AWS_SESSION_TOKEN = 'FwoGFAKE'",
          "$env:GRANTED_SSO = 'true'",
          `$env:AWS_SESSION_EXPIRATION = '${iso}'`,
        ],
        'AWS\\_SESSION\\_EXPIRATION (granted)',
      ],
      ['posix', [keys, `export AWS_CREDENTIAL_EXPIRATION=${iso}`], 'AWS\\_CREDENTIAL\\_EXPIRATION'],
    ];
    for (const [shell, lines, from] of cases) {
      const s = statusFor(shell, lines);
      // The keys the terminal exported, not a profile; the state's icon first, the terminal's after.
      assert.equal(s.text, '$(error) env keys · 42m $(terminal)', lines.join('; '));
      assert.ok(
        s.tooltip.includes(`Expires at 2026-01-05 10:42:05 UTC (in 42m) — from ${from}\n`),
        `${lines.join('; ')}\n${s.tooltip}`,
      );
    }
  });
  it('a broker run again or undone leaves no stale expiry known', () => {
    const m = new TerminalEnvironment('posix', {});
    m.apply(`export AWSUME_PROFILE=dev AWSUME_EXPIRATION=${awsumeTime}`, NOW);
    m.apply('awsume other', NOW);
    assert.deepEqual(
      ['AWSUME_PROFILE', 'AWSUME_EXPIRATION'].map((n) => m.isUnknown(n)),
      [true, true],
    );
    m.apply('awsume -u', NOW);
    assert.deepEqual(
      ['AWSUME_PROFILE', 'AWSUME_EXPIRATION', 'AWS_SESSION_TOKEN'].map((n) => m.variables.has(n)),
      [false, false, false],
    );
    m.apply(`export AWS_VAULT=dev AWS_SESSION_EXPIRATION=${iso}`, NOW);
    m.apply('assume --unset', NOW);
    assert.deepEqual(
      ['AWS_SESSION_EXPIRATION'].map((n) => m.variables.has(n)),
      [false],
    );
  });
});

describe('terminals: the Problems entries of a terminal (every error and warning new terminals do not have)', () => {
  const HOME = '/home/u';
  const NOW = Date.UTC(2026, 0, 5, 10, 0);
  const KEY = 'AKIAFAKEKEYDOCTORONE';
  const SECRET = 'FAKEsecretKEYforTESTSonly'.padEnd(40, '0');
  // A mistake new terminals share: [profile x] in the credentials file.
  const fs = new MemoryHost({
    [`${HOME}/.aws/config`]: '[default]\nregion = eu-west-1\n',
    [`${HOME}/.aws/credentials`]: `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n\n[profile x]\naws_access_key_id = ${KEY}\n`,
  });
  const base = { HOME, PATH: '/bin' };
  const diagnoseEnv = (env: Record<string, string>) => diagnose({ env, fs, now: NOW, fallbackHomeDir: HOME });
  const baseFindings = diagnoseEnv(base).findings;
  const problemsOf = (
    m: TerminalEnvironment,
    alerted: Parameters<typeof terminalProblems>[0]['alerted'] = [],
    settings = DEFAULT_SETTINGS,
  ) =>
    terminalProblems({
      terminal: m.differsFrom(base) ? diagnoseEnv(m.engineEnvironment(base)).findings : undefined,
      base: baseFindings,
      alerted,
      settings,
    }).map((p) => `${p.severity} ${p.finding.code}${p.finding.env ? ` ${p.finding.env}` : ''}`);

  it('lists all of them, not only the one a notification named; none once the terminal equals new terminals again', () => {
    assert.deepEqual(
      baseFindings.map((f) => f.code),
      ['PROFILE_PREFIX_IN_CREDENTIALS'],
    );
    const m = new TerminalEnvironment('posix', {});
    m.apply(`export AWS_PROFILE=nope AWS_SESSION_TOKEN=FwoGZXIvYXdzFAKE${'x'.repeat(80)} AWS_REGION=mars-1`, NOW);
    const all = problemsOf(m);
    // Not PROFILE_PREFIX_IN_CREDENTIALS: new terminals have it too, it is in Problems once already.
    assert.deepEqual(all, [
      'error PROFILE_NOT_FOUND AWS_PROFILE',
      'error REGION_MALFORMED AWS_REGION',
      'warning SESSION_TOKEN_WITHOUT_KEYS AWS_SESSION_TOKEN',
      'warning REGION_VARIABLES_DISAGREE AWS_REGION',
    ]);
    // The user's severity overrides apply as in the other Problems entries.
    assert.deepEqual(
      problemsOf(m, [], { ...DEFAULT_SETTINGS, severityOverrides: { PROFILE_NOT_FOUND: 'off' } }).filter((x) =>
        x.includes('PROFILE_NOT_FOUND'),
      ),
      [],
    );
    m.apply('unset AWS_PROFILE AWS_SESSION_TOKEN AWS_REGION', NOW);
    assert.deepEqual(problemsOf(m), []);
  });
  it('a finding new terminals share is listed only while a notification for this terminal names it', () => {
    const m = new TerminalEnvironment('posix', {});
    assert.deepEqual(problemsOf(m, [baseFindings[0]]), ['error PROFILE_PREFIX_IN_CREDENTIALS']);
    assert.deepEqual(problemsOf(m, []), []);
  });
});
