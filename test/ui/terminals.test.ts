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
import { readStatusBarItem, runCommandFromPalette, screenshot } from '../vscode/codeServer';
import { clickNotificationButton, nothingHappensWithin, settled } from '../vscode/gestures';
import { requireVsCodePeers } from '../vscode/peers';
import { reportFailure, REPO, STATUS_ID, switchProfile } from './session';
import type { TerminalSession } from './terminalSession';
import {
  clearNotifications,
  flat,
  focusTerminal,
  newTerminal,
  python,
  run,
  startTerminalSession,
  statusLabel,
  terminalState,
  toasts,
  waitForMarkers,
  waitForTerminalText,
  waitForToast,
} from './terminalSession';

const OUT = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO, 'media') : path.join(REPO, '.test-work', 'ui');
const ACCOUNT = '123456789012';
/** A session token from an earlier MFA session (fake; moto rejects it next to a long-term key). */
const STALE_TOKEN = 'FwoGZXIvYXdzSTALE' + 'q'.repeat(90) + 'TOKENFAKE';

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
    const parts = [
      ...doc.querySelectorAll(
        '.notifications-toasts, .markers-panel, .part.statusbar, .monaco-hover, .workbench-hover',
      ),
    ].map((e: any) => String(e.innerText));
    clone.remove();
    return parts.join('\n');
  });
  for (const s of secrets) assert.ok(!text.includes(s), "no secret in the extension's UI");
}

describe('terminals in the workbench (UI: real bash, zsh and fish, the AWS CLI v2 against moto)', function () {
  this.timeout(600_000);
  let session: TerminalSession | undefined;
  let page: Page;
  let key: { id: string; secret: string };
  let root = '';
  /** The extension's name for the bash terminal the last two tests share. */
  let ownBash = 'bash';

  before(async function () {
    requireVsCodePeers(this);
    const py = python();
    const missing = [
      ['/usr/bin/aws', 'the AWS CLI v2'],
      ['/usr/bin/zsh', 'zsh'],
      ['/usr/bin/fish', 'fish'],
    ]
      .filter(([p]) => !fs.existsSync(p))
      .map(([, n]) => n);
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

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await reportFailure(this.currentTest.title, session?.page, session?.server);
  });
  after(async () => {
    await session?.close();
  });

  it('bash: a stale session token → the notification names AWS_SESSION_TOKEN → its fix unsets it in that terminal → the command prints the account', async () => {
    assert.match(key.id, /^AKIA/, 'moto hands out long-term AKIA keys');
    await newTerminal(page, 'bash');
    await run(page, `export AWS_ACCESS_KEY_ID=${key.id} AWS_SECRET_ACCESS_KEY=${key.secret}`);
    await run(page, `export AWS_SESSION_TOKEN=${STALE_TOKEN}`);
    // The status bar follows this terminal: its credentials differ from what new terminals get.
    await statusLabel(
      page,
      /^environment keys, error: AWS_SESSION_TOKEN is set next to a long-term access key .*, in terminal bash$/,
    );
    const out = await run(page, 'aws sts get-caller-identity');
    assert.match(
      flat(out),
      /An error occurred \(InvalidClientTokenId\) when calling the GetCallerIdentity operation: The security token included in the request is invalid\./,
    );
    const toast = await waitForToast(page, /InvalidClientTokenId/);
    // Short: the command, the error, the cause in one sentence, the fix; short buttons (a long label is cut). The rest is Explain's.
    assert.equal(
      toast.message,
      `bash: \`aws sts get-caller-identity\` failed: InvalidClientTokenId. AWS_SESSION_TOKEN is set next to a long-term access key (****************${key.id.slice(-4)}, an AKIA key). Fix: \`unset AWS_SESSION_TOKEN\`.`,
    );
    assert.deepEqual(toast.buttons, ['Run Fix', 'Explain', 'Mute Terminal']);
    // The same finding in Problems, under the terminal's name.
    await waitForMarkers(
      page,
      (rows) =>
        rows.some(
          (r) =>
            r.startsWith('Terminal "bash": AWS_SESSION_TOKEN is set next to a long-term access key') &&
            r.includes('STALE_SESSION_TOKEN'),
        ),
      'the terminal entry',
    );
    await noSecretOnScreen(page, [key.secret, STALE_TOKEN]);
    await screenshot(page, path.join(OUT, 'terminal-notification.png'));
    await clickNotificationButton(page, /InvalidClientTokenId/, 'Run Fix');
    // The click typed the fix into that terminal and ran it.
    await waitForTerminalText(page, /^bash\$ unset AWS_SESSION_TOKEN\s*\nbash\$/m);
    // Still differs: the exported keys (which go to moto's local endpoint: LOCAL_ENDPOINT_REAL_KEYS).
    await statusLabel(page, /^environment keys, warning: Requests go to the local endpoint .*, in terminal bash$/);
    await waitForMarkers(
      page,
      (rows) => !rows.some((r) => r.startsWith('Terminal "bash"')),
      'the entry leaves once the token is unset',
    );
    const again = await run(page, 'aws sts get-caller-identity --query Account --output text');
    assert.match(again, new RegExp(`^${ACCOUNT}\\s*\\nbash\\$`, 'm'));
    // The succeeding command gets no notification (the clicked one is gone).
    assert.deepEqual(
      (await toasts(page)).filter((t) => /^bash: /.test(t.message)).map((t) => t.message),
      [],
    );
  });

  it('zsh: export AWS_PROFILE=nope → the notification offers switching that terminal to an existing profile → after the click the next command succeeds', async () => {
    await newTerminal(page, 'zsh');
    await run(page, 'export AWS_PROFILE=nope');
    await statusLabel(page, /^AWS profile nope, error: .*, in terminal zsh$/);
    const out = await run(page, 'aws sts get-caller-identity');
    assert.match(flat(out), /The config profile \(nope\) could not be found/);
    const toast = await waitForToast(page, /^zsh: .*ProfileNotFound/);
    const home = path.join(root, 'home', '.aws');
    assert.equal(
      toast.message,
      `zsh: \`aws sts get-caller-identity\` failed: ProfileNotFound. Profile "nope" (from AWS_PROFILE) does not exist in ${home}/config or ${home}/credentials. Fix: \`export AWS_PROFILE=default\`.`,
    );
    assert.deepEqual(toast.buttons, ['Run Fix', 'Explain', 'Mute Terminal']);
    await clickNotificationButton(page, /^zsh: .*ProfileNotFound/, 'Run Fix');
    await waitForTerminalText(page, /^zsh\$ export AWS_PROFILE=default\s*\nzsh\$/m);
    const again = await run(page, 'aws sts get-caller-identity --query Account --output text');
    assert.match(again, new RegExp(`^${ACCOUNT}\\s*\\nzsh\\$`, 'm'));
    // AWS_PROFILE=default is still this terminal's own: the status bar keeps following it.
    await statusLabel(page, /^AWS profile default, warning: Requests go to the local endpoint .*, in terminal zsh$/);
  });

  it('fish and zsh with different exports: focusing each changes the status bar; closing one removes its Problems entries', async () => {
    await newTerminal(page, 'fish');
    await run(
      page,
      `set -gx AWS_PROFILE other; set -gx AWS_ACCESS_KEY_ID ${key.id}; set -gx AWS_SECRET_ACCESS_KEY ${key.secret}; set -gx AWS_SESSION_TOKEN ${STALE_TOKEN}`,
    );
    await statusLabel(page, /^.*AWS profile other.*, error: .*, in terminal fish$/);
    const item = await readStatusBarItem(page, STATUS_ID);
    assert.match(item.text, /other/);
    await run(page, 'aws sts get-caller-identity');
    const toast = await waitForToast(page, /^fish: .*InvalidClientTokenId/);
    assert.deepEqual(toast.buttons, ['Run Fix', 'Explain', 'Mute Terminal']);
    assert.match(toast.message, /Fix: `set -e AWS_SESSION_TOKEN`\.$/);
    await waitForMarkers(
      page,
      (rows) =>
        rows.some((r) => r.startsWith('Terminal "fish": AWS_SESSION_TOKEN is set next to a long-term access key')),
      'the fish entry',
    );
    await clearNotifications(page); // the toasts would cover the terminal tabs
    await focusTerminal(page);
    await page.locator('.terminal-tabs-entry', { hasText: 'zsh' }).first().click();
    await statusLabel(page, /^AWS profile default, warning: .*, in terminal zsh$/);
    assert.equal((await readStatusBarItem(page, STATUS_ID)).text, 'default');
    await page.locator('.terminal-tabs-entry', { hasText: 'fish' }).first().click();
    await statusLabel(page, /, in terminal fish$/);
    await page.mouse.move(0, 0);
    await statusBarTooltip(page, path.join(OUT, 'terminal-tooltip.png'));
    await runCommandFromPalette(page, 'Terminal: Kill the Active Terminal Instance');
    await waitForMarkers(
      page,
      (rows) => !rows.some((r) => r.startsWith('Terminal "fish"')),
      'the fish entry leaves with its terminal',
    );
  });

  it('output that merely mentions AWS errors: a succeeding command gets no notification, a failing one at most one', async () => {
    await clearNotifications(page);
    await focusTerminal(page);
    await page.locator('.terminal-tabs-entry', { hasText: 'bash' }).first().click();
    terminalState.shell = 'bash';
    await run(page, "printf 'docs: The security token included in the request is invalid\\nInvalidClientTokenId\\n'");
    // (A short sleep first: VS Code's execution.read() delivers only what is written after the
    // extension host hears of the command's start, so output of an instant command can be missed.)
    await run(
      page,
      "sleep 1; printf 'log: ExpiredToken\\nlog: The security token included in the request is expired\\nlog: ExpiredToken again\\n'; (exit 3)",
    );
    await waitForToast(page, /^bash: .*failed: ExpiredToken\./);
    const all = await toasts(page);
    assert.deepEqual(
      all.map((t) => t.message.replace(/ .*failed: (\w+)\..*/, ' $1')),
      ['bash: ExpiredToken'],
      JSON.stringify(all),
    );
  });
  it('the command line decides which profile an error is about: AWS_PROFILE=x cmd and --profile, in a terminal whose own AWS_PROFILE is another', async () => {
    await clearNotifications(page);
    await newTerminal(page, 'bash');
    await run(page, 'export AWS_PROFILE=other');
    // An inline variable: that command's profile.
    let out = await run(page, 'AWS_PROFILE=sso-prod aws sts get-caller-identity');
    assert.match(flat(out), /Token has expired and refresh failed/);
    let toast = await waitForToast(page, /^bash(?: \(\d\))?: `AWS_PROFILE=sso-prod aws/);
    // "bash (2)" when the first test's bash is still open.
    ownBash = /^(bash(?: \(\d\))?): /.exec(toast.message)![1];
    const esc = ownBash.replace(/[()]/g, '\\$&');
    assert.match(
      toast.message,
      /failed: TokenRetrievalError\. The SSO login for sso-session "corp" \(profile "sso-prod"\) expired .* Fix: `aws sso login --profile sso-prod`\.$/,
    );
    await clearNotifications(page);
    // --profile: the same, where the terminal's AWS_PROFILE=other used to decide (and offered to sign "other" in).
    out = await run(page, 'aws sts get-caller-identity --profile sso-prod');
    assert.match(flat(out), /Token has expired and refresh failed/);
    toast = await waitForToast(page, new RegExp(`^${esc}: \`aws sts get-caller-identity --profile sso-prod\``));
    assert.match(
      toast.message,
      new RegExp(
        `^${esc}: \`aws sts get-caller-identity --profile sso-prod\` failed: TokenRetrievalError\\. The SSO login for sso-session "corp" \\(profile "sso-prod"\\) expired .* Fix: \`aws sso login --profile sso-prod\`\\.$`,
      ),
    );
    assert.deepEqual(toast.buttons, ['Run Fix', 'Explain', 'Mute Terminal']);
    await noSecretOnScreen(page, [key.secret]);
    // Explain: a read-only document, this terminal's part first, its fix as a CodeLens run in that terminal.
    await clickNotificationButton(page, /--profile sso-prod/, 'Explain');
    await page
      .locator('.tabs-container .tab', { hasText: 'AWS error explained.md' })
      .first()
      .waitFor({ timeout: 15_000 });
    const lens = page
      .locator('.monaco-editor .codelens-decoration a', {
        hasText: `Run aws sso login --profile sso-prod in terminal "${ownBash}"`,
      })
      .first();
    await lens.waitFor({ state: 'visible', timeout: 10_000 });
    const text = (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(
      /\u00a0/g,
      ' ',
    );
    const lines = text.split('\n');
    const section = lines.indexOf(`## In terminal "${ownBash}"`);
    assert.ok(section >= 0 && section < lines.indexOf('## On this machine'), text);
    assert.ok(
      lines.some((l) => l.startsWith('**ERROR** `SSO_TOKEN_EXPIRED`')),
      text,
    );
    await runCommandFromPalette(page, 'View: Close All Editors');
    await clearNotifications(page);
  });

  it("after a switch the status bar says what new terminals get; the extension's own sign-in terminal never takes it over", async () => {
    // The previous test's bash, still the active terminal, exported AWS_PROFILE=other: the status bar follows it.
    const inOwnBash = new RegExp(`, in terminal ${ownBash.replace(/[()]/g, '\\$&')}$`);
    await statusLabel(page, inOwnBash);
    await switchProfile(page, 'sso-prod');
    // What new terminals get, though the active terminal still differs.
    await statusLabel(page, /^AWS profile sso-prod, error: The SSO login for sso-session "corp"(?!.*, in terminal )/);
    // The switch's one notification offers the sign-in; it opens the extension's own terminal, which becomes the active one.
    await waitForToast(page, /^New terminals use AWS profile "sso-prod"; its SSO login has expired\.$/);
    await clickNotificationButton(page, /sso-prod/, 'Sign In');
    await page
      .locator('.terminal-tabs-entry', { hasText: 'AWS SSO login (sso-prod)' })
      .first()
      .waitFor({ timeout: 15_000 });
    await switchProfile(page, 'default');
    // The sign-in terminal has AWS_PROFILE=sso-prod (it was opened for it), new terminals no longer: still not followed.
    const label = await statusLabel(
      page,
      /^AWS profile default, warning: Requests go to the local endpoint (?!.*, in terminal )/,
    );
    await nothingHappensWithin(1500);
    assert.equal(
      (await readStatusBarItem(page, STATUS_ID)).ariaLabel,
      label,
      'the sign-in terminal did not take the status bar over',
    );
    // Turning to a terminal of one's own follows it again (VS Code names every bash tab "bash"; this one is the last).
    await focusTerminal(page);
    // On its left edge: the narrow tab list shows the entry's Split and Kill buttons over its middle.
    await page
      .locator('.terminal-tabs-entry', { hasText: 'bash' })
      .last()
      .click({ position: { x: 6, y: 8 } });
    await statusLabel(page, inOwnBash).catch(async (e) => {
      const tabs = await page
        .locator('.terminal-tabs-entry')
        .evaluateAll((els: any[]) =>
          els.map(
            (el) =>
              `${String(el.innerText).trim()}${el.classList.contains('is-active') || el.getAttribute('aria-selected') === 'true' ? ' (active)' : ''}`,
          ),
        );
      await screenshot(page, path.join(REPO, '.test-work', 'ui', 'terminals-resume-failure.png'));
      throw new Error(`${e instanceof Error ? e.message : String(e)}; tabs: ${JSON.stringify(tabs)}`);
    });
    await clearNotifications(page);
  });
});
