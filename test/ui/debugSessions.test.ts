/**
 * Debug sessions and tasks, as a person uses them, in code-server's real workbench: the js-debug it
 * ships runs Node launch configurations (`node` on the server's PATH) whose program calls a real moto
 * STS (authentication enforced, on 127.0.0.1) with the real AWS SDK for JavaScript, through the
 * loopback guard. A stale session token written in launch.json shows in Problems; the program's
 * InvalidClientTokenId in the Debug Console brings the notification naming that line, and its button
 * removes it and restarts the session, which then prints the account; after Switch Profile, a
 * launch configuration and a task print the chosen profile; the status bar follows a running
 * session whose credentials differ. Screenshots go to .test-work/ui/ (media/ with UPDATE_SCREENSHOTS=1).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { runCommandFromPalette, screenshot } from '../vscode/codeServer';
import { requireVsCodePeers } from '../vscode/peers';
import { clickNotificationButton, notificationToast, pickQuickPickItem, settled, waitUntil } from '../vscode/gestures';
import { REPO, STATUS_ID, switchProfile } from './session';
import type { TerminalSession } from './terminalSession';
import {
  clearNotifications,
  python,
  startTerminalSession,
  statusLabel,
  trace,
  waitForMarkers,
  waitForTerminalText,
  waitForToast,
} from './terminalSession';

const OUT = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO, 'media') : path.join(REPO, '.test-work', 'ui');
const ACCOUNT = '123456789012';
/** A session token from an earlier MFA session (fake; moto rejects it next to a long-term key). */
const STALE_TOKEN = 'FwoGZXIvYXdzSTALE' + 'q'.repeat(90) + 'TOKENFAKE';
const GUARD = path.join(REPO, 'test', 'support', 'loopbackGuard.cjs');
const STS = path.join(REPO, 'node_modules', '@aws-sdk', 'client-sts');

/** The debugged programs: print the profile; call STS GetCallerIdentity with the real SDK (its error as a program prints it); keep running. */
const PROGRAMS: Record<string, string> = {
  'print.js': "console.log('AWS_PROFILE=' + (process.env.AWS_PROFILE ?? '(unset)'));\n",
  'whoami.js': [
    `const { STSClient, GetCallerIdentityCommand } = require(${JSON.stringify(STS)});`,
    "new STSClient({ region: 'us-east-1' }).send(new GetCallerIdentityCommand({})).then(",
    "  (r) => console.log('account ' + r.Account),",
    '  (e) => { console.error(`${e.name}: ${e.message}`); process.exitCode = 1; },',
    ');',
    '',
  ].join('\n'),
  'wait.js': "console.log('waiting as ' + process.env.AWS_PROFILE);\nsetTimeout(() => undefined, 600000);\n",
};

const launchJson = (key: { id: string; secret: string }) =>
  [
    '{',
    '  "version": "0.2.0",',
    '  "configurations": [',
    '    {',
    '      "type": "node",',
    '      "request": "launch",',
    '      "name": "Who am I",',
    '      "program": "${workspaceFolder}/whoami.js",',
    `      "runtimeArgs": ["--no-warnings", "--require", ${JSON.stringify(GUARD)}],`,
    '      "console": "internalConsole",',
    '      "env": {',
    `        "AWS_ACCESS_KEY_ID": "${key.id}",`,
    `        "AWS_SECRET_ACCESS_KEY": "${key.secret}",`,
    `        "AWS_SESSION_TOKEN": "${STALE_TOKEN}"`,
    '      }',
    '    },',
    '    { "type": "node", "request": "launch", "name": "Print profile", "program": "${workspaceFolder}/print.js", "console": "internalConsole" },',
    '    { "type": "node", "request": "launch", "name": "Server", "program": "${workspaceFolder}/wait.js", "console": "internalConsole", "env": { "AWS_PROFILE": "default" } }',
    '  ]',
    '}',
    '',
  ].join('\n');
const TOKEN_LINE = 14;

const TASKS_JSON = JSON.stringify(
  {
    version: '2.0.0',
    tasks: [
      { label: 'print profile', type: 'shell', command: 'echo "task profile: $AWS_PROFILE"', problemMatcher: [] },
    ],
  },
  null,
  2,
);

/** A notification's button. */
/** The Debug Console's text. */
async function debugConsole(page: Page): Promise<string> {
  return page
    .locator('.repl')
    .first()
    .evaluate((el: any) => String(el.innerText).replace(/\u00a0/g, ' '))
    .catch(() => '');
}

async function waitForDebugConsole(page: Page, re: RegExp, timeoutMs = 60_000): Promise<string> {
  trace(`debug console ${re}`);
  return waitUntil(
    () => debugConsole(page),
    `the Debug Console to show ${re}`,
    (text) => re.test(text),
    timeoutMs,
  );
}

/** A palette command that opens a quick pick, then its row `label`, chosen with the keyboard (pickQuickPickItem); again if the pick lost the focus. */
async function pickAfterCommand(page: Page, command: string, label: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await runCommandFromPalette(page, command);
    // The pick that opens after the palette, once it lists the row (typing would replace its own prefix, `debug `).
    await page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name', {
        hasText: new RegExp(`^${label}$`),
      })
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    if (await pickQuickPickItem(page, label, { timeoutMs: 15_000 })) return;
    if (attempt === 3)
      throw new Error(`${command}: the quick pick lost the focus before ${JSON.stringify(label)} was chosen`);
    await page.keyboard.press('Escape');
  }
}

/** Debug: Select and Start Debugging, then the configuration, as a person picks it. */
async function startDebugging(page: Page, name: string): Promise<void> {
  await pickAfterCommand(page, 'Debug: Select and Start Debugging', name);
}

/**
 * Closes the Get Started walkthrough if it is open, before a screenshot: the extension offers it once
 * per installation, and in this suite (activated early by its launch.json) it can open although the
 * harness turns walkthroughs off. Only the screenshots care; no assertion depends on it.
 */
async function closeWalkthrough(page: Page): Promise<void> {
  const tab = page.locator('.tabs-container .tab', { hasText: 'Walkthrough: AWS Credentials Doctor' }).first();
  if (!(await tab.isVisible())) return;
  await tab.hover();
  await tab.locator('.tab-actions .action-label').first().click();
  await tab.waitFor({ state: 'detached', timeout: 10_000 });
}

/** The extension's UI (notifications, Problems, status bar, hovers, Debug Console) shows no secret. */
async function noSecretOnScreen(page: Page, secrets: readonly string[]): Promise<void> {
  const text = await page.evaluate(() =>
    [
      ...(globalThis as any).document.querySelectorAll(
        '.notifications-toasts, .markers-panel, .part.statusbar, .monaco-hover, .workbench-hover',
      ),
    ]
      .map((e: any) => String(e.innerText))
      .join('\n'),
  );
  for (const s of secrets) assert.ok(!text.includes(s), "no secret in the extension's UI");
}

describe('debug sessions and tasks in the workbench (UI: js-debug, the AWS SDK for JavaScript against moto)', function () {
  this.timeout(600_000);
  let session: TerminalSession | undefined;
  let page: Page;
  let key: { id: string; secret: string };
  let workspace = '';

  before(async function () {
    requireVsCodePeers(this);
    const py = python();
    if (!py) {
      const msg = 'missing python3 with boto3 and moto: run scripts/setup-test-peers.sh';
      if (process.env.VSCODE_TEST_REQUIRED === '1') throw new Error(msg);
      console.warn(`    (skipped: ${msg})`);
      this.skip();
    }
    // The programs, launch.json and tasks.json are there when the workbench opens, as in a project.
    session = await startTerminalSession(py!, { 'debug.internalConsoleOptions': 'openOnSessionStart' }, (dir, k) => {
      for (const [name, text] of Object.entries(PROGRAMS)) fs.writeFileSync(path.join(dir, name), text);
      fs.mkdirSync(path.join(dir, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(dir, '.vscode', 'launch.json'), launchJson(k));
      fs.writeFileSync(path.join(dir, '.vscode', 'tasks.json'), TASKS_JSON);
    });
    ({ page, key } = session);
    workspace = path.join(session.root, 'workspace');
    await statusLabel(page, /AWS profile default/, 60_000);
  });

  after(async () => {
    await session?.close();
  });

  it('Problems shows the stale session token written in launch.json, on its line', async () => {
    const rows = await waitForMarkers(
      page,
      (r) => r.some((x) => x.includes('STALE_SESSION_TOKEN') && x.includes(`[Ln ${TOKEN_LINE},`)),
      'STALE_SESSION_TOKEN in launch.json',
    );
    const row = rows.find((x) => x.includes('STALE_SESSION_TOKEN'))!;
    assert.match(
      row,
      new RegExp(
        `^AWS_SESSION_TOKEN is set next to a long-term access key \\(\\*{16}${key.id.slice(-4)}, an AKIA key\\)\\.`,
      ),
      row,
    );
    await noSecretOnScreen(page, [key.secret, STALE_TOKEN]);
    await closeWalkthrough(page);
    await screenshot(page, path.join(OUT, 'debug-launch-problems.png'));
  });

  it("the debugged program's InvalidClientTokenId brings the notification naming launch.json's line; its button removes it and restarts: the program prints the account", async () => {
    await startDebugging(page, 'Who am I');
    await waitForDebugConsole(page, /InvalidClientTokenId: The security token included in the request is invalid\./);
    const toast = await waitForToast(page, /^Debug session "Who am I" failed: InvalidClientTokenId/);
    assert.equal(
      toast.message,
      `Debug session "Who am I" failed: InvalidClientTokenId. AWS_SESSION_TOKEN is set in .vscode/launch.json (line ${TOKEN_LINE}). AWS_SESSION_TOKEN is set next to a long-term access key (****************${key.id.slice(-4)}, an AKIA key). Fix: Remove AWS_SESSION_TOKEN and Restart.`,
    );
    assert.deepEqual(toast.buttons, ['Fix and Restart', 'Explain', 'Mute Session']);
    await noSecretOnScreen(page, [key.secret, STALE_TOKEN]);
    await settled(notificationToast(page, /^Debug session "Who am I" failed/), 'the notification to slide in');
    await closeWalkthrough(page);
    await screenshot(page, path.join(OUT, 'debug-notification.png'));
    await clickNotificationButton(page, /^Debug session "Who am I" failed/, 'Fix and Restart');
    await waitForDebugConsole(page, new RegExp(`account ${ACCOUNT}`));
    const launch = fs.readFileSync(path.join(workspace, '.vscode', 'launch.json'), 'utf8');
    assert.equal(
      launch,
      launchJson(key)
        .replace(`        "AWS_SESSION_TOKEN": "${STALE_TOKEN}"\n`, '')
        .replace(`"${key.secret}",\n`, `"${key.secret}"\n`),
    );
    await waitForMarkers(
      page,
      (r) => !r.some((x) => x.includes('STALE_SESSION_TOKEN')),
      'the launch.json entry leaves',
    );
  });

  it('after Switch Profile, a program started from a Node launch configuration prints the chosen profile, and so does a task', async () => {
    await clearNotifications(page);
    await switchProfile(page, 'other');
    await statusLabel(page, /^AWS profile other/);
    await startDebugging(page, 'Print profile');
    // A tooltip left open (the status bar's) would cover the console: closed first.
    const hover = page.locator('.monaco-hover, .workbench-hover').first();
    await page.mouse.move(700, 200);
    await page.keyboard.press('Escape');
    if (!(await hover.isHidden())) await page.mouse.click(700, 200);
    await hover.waitFor({ state: 'hidden', timeout: 10_000 });
    await waitForDebugConsole(page, /AWS_PROFILE=other/);
    await closeWalkthrough(page);
    await screenshot(page, path.join(OUT, 'debug-console-profile.png'));
    await pickAfterCommand(page, 'Tasks: Run Task', 'print profile');
    await waitForTerminalText(page, /^task profile: other$/m);
  });

  it("the status bar follows a running session whose credentials differ from new terminals', and comes back when it stops", async () => {
    await startDebugging(page, 'Server');
    await waitForDebugConsole(page, /waiting as default/);
    // Spoken: the session's profile, its state and top problem (the moto endpoint it signs for with keys), and the session.
    await statusLabel(
      page,
      /^AWS profile default, warning: Requests go to the local endpoint http:\/\/127\.0\.0\.1:\d+ \(AWS_ENDPOINT_URL_STS\), signed with real AWS keys .*, in debug session Server$/,
    );
    const item = page.locator(`.part.statusbar .statusbar-item[id$=".${STATUS_ID}"]`).first();
    await item.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Debug session' }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(
      await hover.innerText(),
      /Debug session "Server" — its AWS environment differs from what new terminals get\.\s+AWS_PROFILE=default — \.vscode\/launch\.json, line 17/,
    );
    await settled(hover, 'the tooltip to settle');
    await noSecretOnScreen(page, [key.secret, STALE_TOKEN]);
    await screenshot(page, path.join(OUT, 'debug-status-bar.png'));
    await page.mouse.move(0, 0);
    await runCommandFromPalette(page, 'Debug: Stop');
    await statusLabel(page, /^AWS profile other, (?!.*, in debug session )/);
  });
});
