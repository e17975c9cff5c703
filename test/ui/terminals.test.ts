/**
 * Terminals, as a person uses them, in code-server's real workbench: real bash, zsh and fish from
 * Debian with VS Code's shell integration, the real AWS CLI v2 (/usr/bin/aws) against a real moto
 * STS on 127.0.0.1 with authentication enforced. The CLI runs with the loopback guard and the
 * endpoint patch of test/differential/oracles/cli_site (AWS CLI 2.9.19 predates
 * AWS_ENDPOINT_URL_STS, which is set as well): only loopback is ever contacted.
 * Screenshots go to .test-work/ui/ (and to media/ with UPDATE_SCREENSHOTS=1).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { ProblemRow } from '../vscode/codeServer';
import { readStatusBarItem, runCommandFromPalette, screenshot, waitForProblems } from '../vscode/codeServer';
import { clickNotificationButton, settled, waitUntil } from '../vscode/gestures';
import { requireVsCodePeers } from '../vscode/peers';
import { reportFailure, REPO, STATUS_ID } from './session';
import type { TerminalSession } from './terminalSession';
import { clearNotifications, flat, focusTerminal, newTerminal, python, run, startTerminalSession, terminalState, toasts, trace, waitForTerminalText, waitForToast } from './terminalSession';

const OUT = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO, 'media') : path.join(REPO, '.test-work', 'ui');
const ACCOUNT = '123456789012';
/** A session token from an earlier MFA session (fake; moto rejects it next to a long-term key). */
const STALE_TOKEN = 'FwoGZXIvYXdzSTALE' + 'q'.repeat(90) + 'TOKENFAKE';

/** The texts of the Problems entries (markers), once `pred` holds for them. */
async function waitForMarkers(page: Page, pred: (rows: string[]) => boolean, what: string): Promise<string[]> {
  trace(`problems: ${what}`);
  const markers = (rows: ProblemRow[]) => rows.filter((r) => r.kind === 'marker').map((r) => r.text);
  return markers(await waitForProblems(page, (rows) => pred(markers(rows)), what, 20_000));
}

async function statusLabel(page: Page, re: RegExp, timeoutMs = 20_000): Promise<string> {
  trace(`status ${re}`);
  return waitUntil(async () => (await readStatusBarItem(page, STATUS_ID)).ariaLabel ?? '', `the status bar's label to match ${re}`, (label) => re.test(label), timeoutMs);
}

/** Hovers the status-bar item and screenshots its tooltip. */
async function statusBarTooltip(page: Page, file: string): Promise<void> {
  const item = page.locator(`.part.statusbar .statusbar-item[id$=".${STATUS_ID}"]`).first();
  await item.hover();
  await settled(page.locator('.monaco-hover, .workbench-hover').first(), 'the tooltip to show');
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


describe('terminals in the workbench (UI: real bash, zsh and fish, the AWS CLI v2 against moto)', function () {
  this.timeout(600_000);
  let session: TerminalSession | undefined;
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
    session = await startTerminalSession(py!);
    ({ page, key, root } = session);
    await statusLabel(page, /AWS profile default/, 60_000);
  });

  afterEach(async function () { if (this.currentTest?.state === 'failed') await reportFailure(this.currentTest.title, session?.page, session?.server); });
  after(async () => { await session?.close(); });

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
    await waitForMarkers(page, (rows) => rows.some((r) => r.startsWith('Terminal "bash": AWS_SESSION_TOKEN is set next to a long-term access key') && r.includes('STALE_SESSION_TOKEN')), 'the terminal entry');
    await noSecretOnScreen(page, [key.secret, STALE_TOKEN]);
    await screenshot(page, path.join(OUT, 'terminal-notification.png'));
    await clickNotificationButton(page, /InvalidClientTokenId/, 'Run unset AWS_SESSION_TOKEN');
    // The click typed the fix into that terminal and ran it.
    await waitForTerminalText(page, /^bash\$ unset AWS_SESSION_TOKEN\s*\nbash\$/m);
    await statusLabel(page, /AWS profile default, in terminal bash$/); // still differs: the exported keys
    await waitForMarkers(page, (rows) => !rows.some((r) => r.startsWith('Terminal "bash"')), 'the entry leaves once the token is unset');
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
    await clickNotificationButton(page, /^zsh: .*ProfileNotFound/, 'Run export AWS_PROFILE=default');
    await waitForTerminalText(page, /^zsh\$ export AWS_PROFILE=default\s*\nzsh\$/m);
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
    await waitForMarkers(page, (rows) => rows.some((r) => r.startsWith('Terminal "fish": AWS_SESSION_TOKEN is set next to a long-term access key')), 'the fish entry');
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
    await waitForMarkers(page, (rows) => !rows.some((r) => r.startsWith('Terminal "fish"')), 'the fish entry leaves with its terminal');
  });

  it('output that merely mentions AWS errors: a succeeding command gets no notification, a failing one at most one', async () => {
    await clearNotifications(page);
    await focusTerminal(page);
    await page.locator('.terminal-tabs-entry', { hasText: 'bash' }).first().click();
    terminalState.shell = 'bash';
    await run(page, "printf 'docs: The security token included in the request is invalid\\nInvalidClientTokenId\\n'");
    // (A short sleep first: VS Code's execution.read() delivers only what is written after the
    // extension host hears of the command's start, so output of an instant command can be missed.)
    await run(page, "sleep 1; printf 'log: ExpiredToken\\nlog: The security token included in the request is expired\\nlog: ExpiredToken again\\n'; (exit 3)");
    await waitForToast(page, /^bash: .*failed: ExpiredToken\./);
    const all = await toasts(page);
    assert.deepEqual(all.map((t) => t.message.replace(/ .*failed: (\w+)\..*/, ' $1')), ['bash: ExpiredToken'], JSON.stringify(all));
  });
});
