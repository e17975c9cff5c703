/**
 * Terminals, as a person uses them, in code-server's real workbench: real bash, zsh and fish from
 * Debian with VS Code's shell integration, the real AWS CLI v2 (/usr/bin/aws) against a real moto
 * STS on 127.0.0.1 with authentication enforced. The CLI runs with the loopback guard and the
 * endpoint patch of test/differential/oracles/cli_site (AWS CLI 2.9.19 predates
 * AWS_ENDPOINT_URL_STS, which is set as well): only loopback is ever contacted.
 * Screenshots go to .test-work/ui/ (and to media/ with UPDATE_SCREENSHOTS=1).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { CodeServer, Workbench } from '../vscode/codeServer';
import { openWorkbench, readProblems, readStatusBarItem, runCommandFromPalette, screenshot, startCodeServer } from '../vscode/codeServer';
import { requireVsCodePeers } from '../vscode/peers';
import type { MotoServer } from '../support/motoServer';
import { startMotoServer } from '../support/motoServer';
import { REPO, STATUS_ID } from './session';

const OUT = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO, 'media') : path.join(REPO, '.test-work', 'ui');
const ACCOUNT = '123456789012';
/** A session token from an earlier MFA session (fake; moto rejects it next to a long-term key). */
const STALE_TOKEN = 'FwoGZXIvYXdzSTALE' + 'q'.repeat(90) + 'TOKENFAKE';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function python(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import sys, boto3, moto; print(sys.executable)'], { encoding: 'utf8', timeout: 30000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** An IAM user and access key created through moto's real IAM API (the first calls are let through unauthenticated). */
function createIamKey(py: string, motoUrl: string): { id: string; secret: string } {
  const script = [
    'import sys, json',
    `sys.path.insert(0, ${JSON.stringify(path.join(REPO, 'test', 'support'))})`,
    'import loopback_guard',
    'import boto3',
    "iam = boto3.client('iam', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='AKIAIOSFODNN7EXAMPLE', aws_secret_access_key='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')",
    "iam.create_user(UserName='dev')",
    "k = iam.create_access_key(UserName='dev')['AccessKey']",
    "print(json.dumps({'id': k['AccessKeyId'], 'secret': k['SecretAccessKey']}))",
  ].join('\n');
  const r = spawnSync(py, ['-c', script, motoUrl], {
    encoding: 'utf8', timeout: 60000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir(), PYTHONDONTWRITEBYTECODE: '1', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
  });
  if (r.status !== 0) throw new Error(`creating the IAM user in moto failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { id: string; secret: string };
}

/** The visible terminal's text (xterm's DOM renderer). */
async function terminalText(page: Page): Promise<string> {
  return page.locator('.terminal-wrapper.active .xterm-rows').first().evaluate((el: any) => String(el.innerText).replace(/\u00a0/g, ' '));
}

async function waitForTerminalText(page: Page, want: RegExp | ((text: string) => boolean), timeoutMs = 30_000): Promise<string> {
  await focusTerminal(page);
  const ok = typeof want === 'function' ? want : (t: string) => want.test(t);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await terminalText(page).catch(() => '');
    if (ok(last)) return last;
    await sleep(150);
  }
  throw new Error(`the terminal never showed ${String(want)}; it shows:\n${last}`);
}

/** Shows the terminal panel again (Problems shares the panel). */
async function focusTerminal(page: Page): Promise<void> {
  const area = page.locator('.terminal-wrapper.active .xterm-helper-textarea').first();
  if (await area.isVisible().catch(() => false)) return;
  await runCommandFromPalette(page, 'Terminal: Focus Terminal');
  await area.waitFor({ state: 'visible', timeout: 15_000 });
}

const PROMPTS = { bash: 'bash$', zsh: 'zsh$', fish: 'fish>' } as const;
type Shell = keyof typeof PROMPTS;
/** The shell of the terminal the test types into. */
let shell: Shell = 'bash';
const t0 = Date.now();
/** With TERMINALS_TEST_TRACE=1: where the time goes. */
const trace = (what: string) => { if (process.env.TERMINALS_TEST_TRACE === '1') console.log(`      [${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}`); };

async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('.terminal-wrapper.active .xterm-helper-textarea').first().focus();
  await page.keyboard.type(line, { delay: 2 });
  await page.keyboard.press('Enter');
}

/**
 * Runs a command line in the active terminal: clears the screen, types it, and waits for the next
 * prompt; returns the screen (xterm wraps long lines: callers match with newlines removed).
 */
async function run(page: Page, command: string, timeoutMs = 60_000): Promise<string> {
  trace(`run ${command.slice(0, 40)}`);
  await focusTerminal(page);
  const prompt = PROMPTS[shell];
  await typeLine(page, 'clear');
  await waitForTerminalText(page, (t) => t.trim() === prompt, 15_000);
  await typeLine(page, command);
  return waitForTerminalText(page, (t) => t.trimEnd().endsWith(prompt) && t.split(prompt).length - 1 >= 2, timeoutMs);
}

const flat = (s: string) => s.replace(/\n/g, '');

/** Opens a terminal with a shell profile and waits for its prompt to answer. */
/**
 * Opens a bash terminal (the default profile) and, for zsh or fish, replaces its shell with `exec`
 * (the workbench's profile pickers stay empty in code-server here). zsh and fish load VS Code's
 * shell integration the documented manual way, from their rc files (see before()).
 */
async function newTerminal(page: Page, profile: Shell): Promise<void> {
  shell = profile;
  await runCommandFromPalette(page, 'Terminal: Create New Terminal');
  await page.locator('.terminal-wrapper.active .xterm-rows').first().waitFor({ state: 'visible', timeout: 30_000 });
  await waitForTerminalText(page, (t) => t.trimEnd().endsWith(PROMPTS.bash), 30_000);
  if (profile !== 'bash') {
    await typeLine(page, `exec ${profile}`);
    await waitForTerminalText(page, (t) => t.trimEnd().endsWith(PROMPTS[profile]), 30_000);
  }
}

interface Toast { message: string; buttons: string[] }

async function toasts(page: Page): Promise<Toast[]> {
  return page.locator('.notifications-toasts .notification-toast-container').evaluateAll((els: any[]) => els.map((el) => ({
    message: String(el.querySelector('.notification-list-item-message')?.innerText ?? '').replace(/\s+/g, ' ').trim(),
    buttons: [...el.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map((b: any) => String(b.innerText).trim()),
  })));
}

async function waitForToast(page: Page, re: RegExp, timeoutMs = 30_000): Promise<Toast> {
  trace(`toast ${re}`);
  const deadline = Date.now() + timeoutMs;
  let last: Toast[] = [];
  while (Date.now() < deadline) {
    last = await toasts(page);
    const t = last.find((x) => re.test(x.message));
    if (t) return t;
    await sleep(100);
  }
  throw new Error(`no notification ${re}; saw ${JSON.stringify(last)}`);
}

async function clickToastButton(page: Page, message: RegExp, button: string): Promise<void> {
  const toast = page.locator('.notifications-toasts .notification-toast-container', { has: page.locator('.notification-list-item-message', { hasText: message }) }).first();
  await toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: button }).first().click();
}

async function clearNotifications(page: Page): Promise<void> {
  await runCommandFromPalette(page, 'Notifications: Clear All Notifications');
  await page.locator('.notifications-toasts .notification-toast-container').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

async function waitForProblems(page: Page, pred: (rows: string[]) => boolean, what: string, timeoutMs = 20_000): Promise<string[]> {
  trace(`problems: ${what}`);
  const deadline = Date.now() + timeoutMs;
  let rows: string[] = [];
  let open = true;
  while (Date.now() < deadline) {
    rows = (await readProblems(page, { open })).filter((r) => r.kind === 'marker').map((r) => r.text);
    open = false;
    if (pred(rows)) return rows;
    await sleep(250);
  }
  throw new Error(`Problems: ${what}; rows: ${JSON.stringify(rows, null, 1)}`);
}

async function statusLabel(page: Page, re: RegExp, timeoutMs = 20_000): Promise<string> {
  trace(`status ${re}`);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await readStatusBarItem(page, STATUS_ID).catch(() => undefined))?.ariaLabel ?? '';
    if (re.test(last)) return last;
    await sleep(150);
  }
  throw new Error(`status bar label never matched ${re}; last ${JSON.stringify(last)}`);
}

/** Hovers the status-bar item and screenshots its tooltip. */
async function statusBarTooltip(page: Page, file: string): Promise<void> {
  const item = page.locator(`.part.statusbar .statusbar-item[id$=".${STATUS_ID}"]`).first();
  await item.hover();
  await page.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(300);
  await screenshot(page, file);
}

/** The extension's UI (notifications, Problems, status bar, hovers) shows no secret; the terminal shows what the user typed. */
async function noSecretOnScreen(page: Page, secrets: readonly string[]): Promise<void> {
  const text = await page.evaluate(() => {
    const doc = (globalThis as any).document;
    const clone = doc.body.cloneNode(true);
    for (const el of clone.querySelectorAll('.terminal-wrapper, .xterm')) el.remove();
    doc.body.appendChild(clone);
    clone.style.display = 'none';
    const parts = [...doc.querySelectorAll('.notifications-toasts, .markers-panel, .part.statusbar, .monaco-hover, .workbench-hover')].map((e: any) => String(e.innerText));
    clone.remove();
    return parts.join('\n');
  });
  for (const s of secrets) assert.ok(!text.includes(s), 'no secret in the extension\'s UI');
}

let server: CodeServer | undefined;

describe('terminals in the workbench (UI: real bash, zsh and fish, the AWS CLI v2 against moto)', function () {
  this.timeout(600_000);
  let moto: MotoServer | undefined;
  let wb: Workbench | undefined;
  let page: Page;
  let key: { id: string; secret: string };
  let root = '';

  before(async function () {
    requireVsCodePeers(this);
    const py = python();
    const missing = [['/usr/bin/aws', 'the AWS CLI v2'], ['/usr/bin/zsh', 'zsh'], ['/usr/bin/fish', 'fish']].filter(([p]) => !fs.existsSync(p)).map(([, n]) => n);
    if (!py) missing.push('python3 with boto3 and moto');
    if (missing.length) {
      const msg = `missing ${missing.join(', ')}: run scripts/setup-test-peers.sh`;
      if (process.env.VSCODE_TEST_REQUIRED === '1') throw new Error(msg);
      console.warn(`    (skipped: ${msg})`);
      this.skip();
    }
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-terminals-'));
    moto = await startMotoServer(py!, root, { TEST_SERVER_MODE: 'true', INITIAL_NO_AUTH_ACTION_COUNT: '2' });
    key = createIamKey(py!, moto.url);
    const home = path.join(root, 'home');
    const workspace = path.join(root, 'workspace');
    fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
    fs.mkdirSync(workspace, { recursive: true });
    fs.writeFileSync(path.join(home, '.aws', 'config'), '[default]\nregion = us-east-1\n\n[profile other]\nregion = us-east-1\n');
    fs.writeFileSync(path.join(home, '.aws', 'credentials'), `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`, { mode: 0o600 });
    // VS Code's documented manual installation of shell integration, for shells it did not start itself.
    const scripts = path.join(REPO, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'vs', 'workbench', 'contrib', 'terminal', 'common', 'scripts');
    fs.writeFileSync(path.join(home, '.zshrc'), `PROMPT="zsh$ "\n[[ "$TERM_PROGRAM" == "vscode" ]] && . "${scripts}/shellIntegration-rc.zsh"\n`);
    fs.mkdirSync(path.join(home, '.config', 'fish'), { recursive: true });
    fs.writeFileSync(path.join(home, '.config', 'fish', 'config.fish'), `set -g fish_greeting\nfunction fish_prompt; echo -n "fish> "; end\nstring match -q "$TERM_PROGRAM" "vscode"; and . "${scripts}/shellIntegration.fish"\n`);
    fs.writeFileSync(path.join(home, '.bashrc'), 'PS1="bash$ "\n');
    server = await startCodeServer({
      workspaceFolder: workspace,
      env: {
        HOME: home,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL_STS: moto.url,
        ORACLE_ENDPOINTS: JSON.stringify({ sts: moto.url }),
        PYTHONPATH: path.join(REPO, 'test', 'differential', 'oracles', 'cli_site'),
        PYTHONDONTWRITEBYTECODE: '1',
        AWS_PAGER: '',
        XDG_CONFIG_HOME: path.join(home, '.config'), // fish's config.fish (code-server's own may be elsewhere)
        SHELL: '/bin/bash',
      },
      settings: {
        'workbench.colorTheme': 'Default Dark Modern', 'window.zoomLevel': 0,
        'terminal.integrated.defaultProfile.linux': 'bash',
        'terminal.integrated.shellIntegration.enabled': true,
        'terminal.integrated.gpuAcceleration': 'off',
        'terminal.integrated.enablePersistentSessions': false,
        'terminal.integrated.shellIntegration.decorationsEnabled': 'never',
        'terminal.integrated.profiles.linux': { bash: { path: '/bin/bash' }, zsh: { path: '/usr/bin/zsh' }, fish: { path: '/usr/bin/fish' } },
      },
    });
    wb = await openWorkbench(server, {
      payload: [['extensionDevelopmentPath', server.remoteUri(REPO)], ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']],
      viewport: { width: 1280, height: 760 },
    });
    page = wb.page;
    await statusLabel(page, /AWS profile default/, 60_000);
  });

  after(async () => {
    await wb?.close();
    await server?.stop();
    await moto?.stop();
    if (root && !process.env.KEEP_VSCODE_TEST_TMP) fs.rmSync(root, { recursive: true, force: true });
  });

  it('bash: a stale session token → the notification names AWS_SESSION_TOKEN → its fix unsets it in that terminal → the command prints the account', async () => {
    assert.match(key.id, /^AKIA/, 'moto hands out long-term AKIA keys');
    await newTerminal(page, 'bash');
    await run(page, `export AWS_ACCESS_KEY_ID=${key.id} AWS_SECRET_ACCESS_KEY=${key.secret}`);
    await run(page, `export AWS_SESSION_TOKEN=${STALE_TOKEN}`);
    // The status bar follows this terminal: its credentials differ from what new terminals get.
    await statusLabel(page, /AWS profile default, in terminal bash$/);
    const out = await run(page, 'aws sts get-caller-identity');
    assert.match(flat(out), /An error occurred \(InvalidClientTokenId\) when calling the GetCallerIdentity operation: The security token included in the request is invalid\./);
    const toast = await waitForToast(page, /InvalidClientTokenId/);
    assert.match(toast.message, new RegExp('^bash: `aws sts get-caller-identity` failed: InvalidClientTokenId\\. AWS_SESSION_TOKEN was set in this terminal at \\d\\d:\\d\\d by `export AWS_SESSION_TOKEN=\\*\\*\\*\\*`\\. AWS_SESSION_TOKEN is set next to a long-term access key \\(\\*{16}' + key.id.slice(-4) + ', an AKIA key\\)\\.'), toast.message);
    assert.deepEqual(toast.buttons, ['Run unset AWS_SESSION_TOKEN', 'Explain', 'Mute This Terminal']);
    // The same finding in Problems, under the terminal's name.
    await waitForProblems(page, (rows) => rows.some((r) => r.startsWith('Terminal "bash": AWS_SESSION_TOKEN is set next to a long-term access key') && r.includes('STALE_SESSION_TOKEN')), 'the terminal entry');
    await noSecretOnScreen(page, [key.secret, STALE_TOKEN]);
    await screenshot(page, path.join(OUT, 'terminal-notification.png'));
    await clickToastButton(page, /InvalidClientTokenId/, 'Run unset AWS_SESSION_TOKEN');
    // The click typed the fix into that terminal and ran it.
    await waitForTerminalText(page, /^bash\$ unset AWS_SESSION_TOKEN\s*$/m);
    await statusLabel(page, /AWS profile default, in terminal bash$/); // still differs: the exported keys
    await waitForProblems(page, (rows) => !rows.some((r) => r.startsWith('Terminal "bash"')), 'the entry leaves once the token is unset');
    const again = await run(page, 'aws sts get-caller-identity --query Account --output text');
    assert.match(again, new RegExp(`^${ACCOUNT}\\s*\\nbash\\$`, "m"));
    // The succeeding command gets no notification (the clicked one is gone).
    assert.deepEqual((await toasts(page)).filter((t) => /^bash: /.test(t.message)).map((t) => t.message), []);
  });

  it('zsh: export AWS_PROFILE=nope → the notification offers switching that terminal to an existing profile → after the click the next command succeeds', async () => {
    await newTerminal(page, 'zsh');
    await run(page, 'export AWS_PROFILE=nope');
    await statusLabel(page, /AWS profile nope, in terminal zsh$/);
    const out = await run(page, 'aws sts get-caller-identity');
    assert.match(flat(out), /The config profile \(nope\) could not be found/);
    const toast = await waitForToast(page, /^zsh: .*ProfileNotFound/);
    const home = path.join(root, 'home', '.aws');
    assert.equal(toast.message, `zsh: \`aws sts get-caller-identity\` failed: ProfileNotFound. AWS_PROFILE was set in this terminal at ${/at (\d\d:\d\d) by/.exec(toast.message)?.[1]} by \`export AWS_PROFILE=nope\`. Profile "nope" (from AWS_PROFILE) does not exist in ${home}/config or ${home}/credentials.`);
    assert.deepEqual(toast.buttons, ['Run export AWS_PROFILE=default', 'Explain', 'Mute This Terminal']);
    await clickToastButton(page, /^zsh: .*ProfileNotFound/, 'Run export AWS_PROFILE=default');
    await waitForTerminalText(page, /^zsh\$ export AWS_PROFILE=default\s*$/m);
    const again = await run(page, 'aws sts get-caller-identity --query Account --output text');
    assert.match(again, new RegExp(`^${ACCOUNT}\\s*\\nzsh\\$`, 'm'));
    // AWS_PROFILE=default is still this terminal's own: the status bar keeps following it.
    await statusLabel(page, /AWS profile default, in terminal zsh$/);
  });

  it('fish and zsh with different exports: focusing each changes the status bar; closing one removes its Problems entries', async () => {
    await newTerminal(page, 'fish');
    await run(page, `set -gx AWS_PROFILE other; set -gx AWS_ACCESS_KEY_ID ${key.id}; set -gx AWS_SECRET_ACCESS_KEY ${key.secret}; set -gx AWS_SESSION_TOKEN ${STALE_TOKEN}`);
    await statusLabel(page, /AWS profile other, in terminal fish$/);
    const item = await readStatusBarItem(page, STATUS_ID);
    assert.equal(item.text, 'other');
    await run(page, 'aws sts get-caller-identity');
    const toast = await waitForToast(page, /^fish: .*InvalidClientTokenId/);
    assert.deepEqual(toast.buttons, ['Run set -e AWS_SESSION_TOKEN', 'Explain', 'Mute This Terminal']);
    await waitForProblems(page, (rows) => rows.some((r) => r.startsWith('Terminal "fish": AWS_SESSION_TOKEN is set next to a long-term access key')), 'the fish entry');
    await clearNotifications(page); // the toasts would cover the terminal tabs
    await focusTerminal(page);
    await page.locator('.terminal-tabs-entry', { hasText: 'zsh' }).first().click();
    await statusLabel(page, /AWS profile default, in terminal zsh$/);
    assert.equal((await readStatusBarItem(page, STATUS_ID)).text, 'default');
    await page.locator('.terminal-tabs-entry', { hasText: 'fish' }).first().click();
    await statusLabel(page, /AWS profile other, in terminal fish$/);
    await page.mouse.move(0, 0);
    await statusBarTooltip(page, path.join(OUT, 'terminal-tooltip.png'));
    await runCommandFromPalette(page, 'Terminal: Kill the Active Terminal Instance');
    await waitForProblems(page, (rows) => !rows.some((r) => r.startsWith('Terminal "fish"')), 'the fish entry leaves with its terminal');
  });

  it('output that merely mentions AWS errors: a succeeding command gets no notification, a failing one at most one', async () => {
    await clearNotifications(page);
    await focusTerminal(page);
    await page.locator('.terminal-tabs-entry', { hasText: 'bash' }).first().click();
    shell = 'bash';
    await run(page, "printf 'docs: The security token included in the request is invalid\\nInvalidClientTokenId\\n'");
    // (A short sleep first: VS Code's execution.read() delivers only what is written after the
    // extension host hears of the command's start, so output of an instant command can be missed.)
    await run(page, "sleep 1; printf 'log: ExpiredToken\\nlog: The security token included in the request is expired\\nlog: ExpiredToken again\\n'; (exit 3)");
    await waitForToast(page, /^bash: .*failed: ExpiredToken\./);
    const all = await toasts(page);
    assert.deepEqual(all.map((t) => t.message.replace(/ .*failed: (\w+)\..*/, ' $1')), ['bash: ExpiredToken'], JSON.stringify(all));
  });
});
