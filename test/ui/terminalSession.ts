/**
 * The terminal session of the terminal UI tests and benchmark: a moto STS with authentication
 * enforced and an IAM key, a fixture home whose bash, zsh and fish have VS Code's shell integration,
 * code-server with the extension, and helpers that drive the workbench's terminal as a person does.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { CodeServer, Workbench } from '../vscode/codeServer';
import type { ProblemRow } from '../vscode/codeServer';
import {
  openWorkbench,
  readStatusBarItem,
  runCommandFromPalette,
  startCodeServer,
  waitForProblems,
} from '../vscode/codeServer';
import { waitUntil } from '../vscode/gestures';
import type { MotoServer } from '../support/motoServer';
import { createIamUser, startMotoServer } from '../support/motoServer';
import { sha1Hex } from '../../src/nodeHost/hash';
import { REPO, STATUS_ID } from './session';

export function python(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import sys, boto3, moto; print(sys.executable)'], {
    encoding: 'utf8',
    timeout: 30000,
  });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The visible terminal's text (xterm's DOM renderer). */
export async function terminalText(page: Page): Promise<string> {
  return page
    .locator('.terminal-wrapper.active .xterm-rows')
    .first()
    .evaluate((el: any) => String(el.innerText).replace(/\u00a0/g, ' '));
}

export async function waitForTerminalText(
  page: Page,
  want: RegExp | ((text: string) => boolean),
  timeoutMs = 30_000,
): Promise<string> {
  await focusTerminal(page);
  const ok = typeof want === 'function' ? want : (t: string) => want.test(t);
  return waitUntil(() => terminalText(page), `the terminal to show ${String(want)}`, ok, timeoutMs);
}

/** Shows the terminal panel again (Problems shares the panel). */
export async function focusTerminal(page: Page): Promise<void> {
  const area = page.locator('.terminal-wrapper.active .xterm-helper-textarea').first();
  if (await area.isVisible().catch(() => false)) return;
  await runCommandFromPalette(page, 'Terminal: Focus Terminal');
  await area.waitFor({ state: 'visible', timeout: 15_000 });
}

export const PROMPTS = { bash: 'bash$', zsh: 'zsh$', fish: 'fish>' } as const;
export type Shell = keyof typeof PROMPTS;
/** The shell of the terminal the test types into. */
export const terminalState: { shell: Shell } = { shell: 'bash' };
const t0 = Date.now();
/** With TERMINALS_TEST_TRACE=1: where the time goes. */
export const trace = (what: string) => {
  if (process.env.TERMINALS_TEST_TRACE === '1')
    console.log(`      [${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}`);
};

/**
 * Types a line at the shell's prompt and presses Enter once the whole line shows after the prompt: a
 * keystroke that reached something else (the focus coming back from a notification's button just
 * then) is not sent as a shortened command; the line is erased (Ctrl+U) and typed again.
 */
export async function typeLine(page: Page, line: string, prompt: string = PROMPTS[terminalState.shell]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.locator('.terminal-wrapper.active .xterm-helper-textarea').first().focus();
    await page.keyboard.type(line, { delay: 2 });
    // xterm wraps a long line over rows; fish may show a suggestion after the cursor.
    const typed = await waitUntil(
      () => terminalText(page),
      `the terminal to show ${JSON.stringify(line)} after its prompt`,
      (t) => flat(t).split(prompt).pop()!.trimStart().startsWith(line),
      5000,
    ).then(
      () => true,
      () => false,
    );
    if (typed) break;
    if (attempt === 3)
      throw new Error(`the terminal never showed ${JSON.stringify(line.slice(0, 40))}… whole after its prompt`);
    console.log(`      (the terminal did not get all of ${JSON.stringify(line.slice(0, 40))}: typed again)`);
    await page.keyboard.press('Control+U');
  }
  await page.keyboard.press('Enter');
}

/**
 * Runs a command line in the active terminal: clears the screen, types it, and waits for the next
 * prompt; returns the screen (xterm wraps long lines: callers match with newlines removed).
 */
export async function run(page: Page, command: string, timeoutMs = 60_000): Promise<string> {
  trace(`run ${command.slice(0, 40)}`);
  await focusTerminal(page);
  const prompt = PROMPTS[terminalState.shell];
  await typeLine(page, 'clear');
  await waitForTerminalText(page, (t) => t.trim() === prompt, 15_000);
  await typeLine(page, command);
  // A long output scrolls the command line away: then the prompt at the end is enough.
  return waitForTerminalText(
    page,
    (t) =>
      t.trimEnd().endsWith(prompt) &&
      (t.split(prompt).length - 1 >= 2 || (t.length > 200 && !t.includes(command.slice(0, 30)))),
    timeoutMs,
  );
}

export const flat = (s: string) => s.replace(/\n/g, '');

/**
 * Opens a bash terminal (the default profile) and, for zsh or fish, replaces its shell with `exec`
 * (the workbench's profile pickers stay empty in code-server here). zsh and fish load VS Code's
 * shell integration the documented manual way, from their rc files (see before()).
 */
export async function newTerminal(page: Page, profile: Shell): Promise<void> {
  terminalState.shell = profile;
  await runCommandFromPalette(page, 'Terminal: Create New Terminal');
  await page.locator('.terminal-wrapper.active .xterm-rows').first().waitFor({ state: 'visible', timeout: 30_000 });
  await waitForTerminalText(page, (t) => t.trimEnd().endsWith(PROMPTS.bash), 30_000);
  if (profile !== 'bash') {
    await typeLine(page, `exec ${profile}`, PROMPTS.bash);
    await waitForTerminalText(page, (t) => t.trimEnd().endsWith(PROMPTS[profile]), 30_000);
  }
}

export interface Toast {
  message: string;
  buttons: string[];
}

export async function toasts(page: Page): Promise<Toast[]> {
  return page.locator('.notifications-toasts .notification-toast-container').evaluateAll((els: any[]) =>
    els.map((el) => ({
      message: String(el.querySelector('.notification-list-item-message')?.innerText ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
      buttons: [...el.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map((b: any) =>
        String(b.innerText).trim(),
      ),
    })),
  );
}

export async function waitForToast(page: Page, re: RegExp, timeoutMs = 30_000): Promise<Toast> {
  trace(`toast ${re}`);
  const shown = await waitUntil(
    () => toasts(page),
    `a notification ${re}`,
    (all) => all.some((x) => re.test(x.message)),
    timeoutMs,
  );
  return shown.find((x) => re.test(x.message))!;
}

export async function clearNotifications(page: Page): Promise<void> {
  await runCommandFromPalette(page, 'Notifications: Clear All Notifications');
  await page
    .locator('.notifications-toasts .notification-toast-container')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

export interface TerminalSession {
  readonly moto: MotoServer;
  readonly server: CodeServer;
  readonly wb: Workbench;
  readonly page: Page;
  readonly key: { id: string; secret: string };
  readonly root: string;
  close(): Promise<void>;
}

/**
 * Starts moto, the fixture home and code-server with the extension; the terminals get the
 * loopback-guarded CLI. `prepare` writes the workspace's files before the workbench opens.
 */
export async function startTerminalSession(
  py: string,
  settings: Record<string, unknown> = {},
  prepare?: (workspace: string, key: { id: string; secret: string }) => void,
): Promise<TerminalSession> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-terminals-'));
  const moto = await startMotoServer(py!, root, { TEST_SERVER_MODE: 'true', INITIAL_NO_AUTH_ACTION_COUNT: '2' });
  // The first calls are let through unauthenticated: the user is created before moto enforces keys.
  const key = createIamUser(py!, moto.url, 'dev');
  const home = path.join(root, 'home');
  const workspace = path.join(root, 'workspace');
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(
    path.join(home, '.aws', 'config'),
    [
      '[default]',
      'region = us-east-1',
      '',
      '[profile other]',
      'region = us-east-1',
      '',
      // An SSO profile whose login expired an hour ago (no refresh token): the AWS CLI fails before sending anything.
      '[profile sso-prod]',
      'sso_session = corp',
      'sso_account_id = 111122223333',
      'sso_role_name = Dev',
      'region = us-east-1',
      '',
      '[sso-session corp]',
      'sso_start_url = https://example.awsapps.com/start',
      'sso_region = us-east-1',
      '',
    ].join('\n'),
  );
  fs.mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
  fs.writeFileSync(
    path.join(home, '.aws', 'sso', 'cache', `${sha1Hex('corp')}.json`),
    JSON.stringify({
      startUrl: 'https://example.awsapps.com/start',
      region: 'us-east-1',
      accessToken: 'fake-expired-access-token',
      expiresAt: new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    }),
  );
  fs.writeFileSync(
    path.join(home, '.aws', 'credentials'),
    `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`,
    { mode: 0o600 },
  );
  prepare?.(workspace, key);
  // VS Code's documented manual installation of shell integration, for shells it did not start itself.
  const scripts = path.join(
    REPO,
    '.vscode-test',
    'code-server',
    'node_modules',
    'code-server',
    'lib',
    'vscode',
    'out',
    'vs',
    'workbench',
    'contrib',
    'terminal',
    'common',
    'scripts',
  );
  fs.writeFileSync(
    path.join(home, '.zshrc'),
    `PROMPT="zsh$ "\n[[ "$TERM_PROGRAM" == "vscode" ]] && . "${scripts}/shellIntegration-rc.zsh"\n`,
  );
  fs.mkdirSync(path.join(home, '.config', 'fish'), { recursive: true });
  fs.writeFileSync(
    path.join(home, '.config', 'fish', 'config.fish'),
    `set -g fish_greeting\nfunction fish_prompt; echo -n "fish> "; end\nstring match -q "$TERM_PROGRAM" "vscode"; and . "${scripts}/shellIntegration.fish"\n`,
  );
  fs.writeFileSync(path.join(home, '.bashrc'), 'PS1="bash$ "\n');
  const server = await startCodeServer({
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
      'workbench.colorTheme': 'Default Dark Modern',
      'window.zoomLevel': 0,
      'terminal.integrated.defaultProfile.linux': 'bash',
      'terminal.integrated.shellIntegration.enabled': true,
      'terminal.integrated.gpuAcceleration': 'off',
      'terminal.integrated.enablePersistentSessions': false,
      'terminal.integrated.shellIntegration.decorationsEnabled': 'never',
      'terminal.integrated.profiles.linux': {
        bash: { path: '/bin/bash' },
        zsh: { path: '/usr/bin/zsh' },
        fish: { path: '/usr/bin/fish' },
      },
      ...settings,
    },
  });
  const wb = await openWorkbench(server, {
    payload: [
      ['extensionDevelopmentPath', server.remoteUri(REPO)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ],
    viewport: { width: 1280, height: 760 },
  });
  return {
    moto,
    server,
    wb,
    page: wb.page,
    key,
    root,
    close: async () => {
      await wb.close();
      await server.stop();
      await moto.stop();
      if (!process.env.KEEP_VSCODE_TEST_TMP) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The texts of the Problems entries (markers), once `pred` holds for them. */
export async function waitForMarkers(page: Page, pred: (rows: string[]) => boolean, what: string): Promise<string[]> {
  trace(`problems: ${what}`);
  const markers = (rows: ProblemRow[]) => rows.filter((r) => r.kind === 'marker').map((r) => r.text);
  return markers(await waitForProblems(page, (rows) => pred(markers(rows)), what, 20_000));
}

/** The status-bar item's spoken label, once it matches. */
export async function statusLabel(page: Page, re: RegExp, timeoutMs = 20_000): Promise<string> {
  trace(`status ${re}`);
  return waitUntil(
    async () => (await readStatusBarItem(page, STATUS_ID)).ariaLabel ?? '',
    `the status bar's label to match ${re}`,
    (label) => re.test(label),
    timeoutMs,
  );
}
