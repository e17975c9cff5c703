/**
 * The extension in the workbench, driven as a person would: the status-bar item's text and colour,
 * the Problems panel, a quick fix from the lightbulb, switching profile from the status bar, and
 * the time from a changed credentials file to a changed status bar. Screenshots go to
 * .test-work/ui/ (and to media/ with UPDATE_SCREENSHOTS=1).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import {
  readProblems,
  readStatusBarItem,
  runCommandFromPalette,
  screenshot,
  statusBarItemLocator,
  waitForProblems,
  waitForStatusBarText,
} from '../vscode/codeServer';
import {
  clickNotificationButton,
  nothingHappensWithin,
  pickQuickPickItem,
  settled,
  waitUntil,
} from '../vscode/gestures';
import { requireVsCodePeers } from '../vscode/peers';
import { credentials, FAKE_SECRET, FAKE_SESSION_TOKEN, LINES } from '../suite/fixtureHome';
import type { UiSession } from './session';
import {
  applyQuickFixFromProblems,
  measureFileChangeToStatusBar,
  openProblemsQuickFixes,
  reportFailure,
  REPO,
  startUiSession,
  STATUS_ID,
  switchProfile,
} from './session';
import { clearNotifications, toasts, waitForToast } from './terminalSession';

const OUT = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO, 'media') : path.join(REPO, '.test-work', 'ui');

async function noSecretOnScreen(page: Page): Promise<void> {
  const text = await page.evaluate(() => (globalThis as any).document.body.innerText as string);
  assert.ok(!text.includes(FAKE_SESSION_TOKEN) && !text.includes(FAKE_SECRET), 'no secret on screen');
}

describe('the extension in the workbench (UI)', function () {
  this.timeout(240_000);
  let s: UiSession | undefined;

  before(async function () {
    requireVsCodePeers(this);
    s = await startUiSession();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await reportFailure(this.currentTest.title, s?.page, s?.server);
  });
  after(async () => {
    await s?.close();
  });

  it('shows the credentials in the status bar: the state as an icon and in the accessibility label, not by colour alone', async () => {
    // The AWS CLI and boto3 fail on the duplicate [dev] section (with profile "default"); the JavaScript SDK takes the environment keys.
    await waitForStatusBarText(s!.page, STATUS_ID, /default/, 60_000);
    // The profile shows at once, from the environment; its colour once the diagnosis (in a worker) is published.
    const item = await waitUntil(
      () => readStatusBarItem(s!.page, STATUS_ID),
      'the error colour',
      (i) => i.kind === 'error',
    );
    assert.strictEqual(item.text, 'default / env keys', JSON.stringify(item)); // the codicon renders as an icon, not text
    // The state has an icon of its own (not the same cloud in red), and the label says it in words with its cause.
    assert.strictEqual(await statusBarItemLocator(s!.page, STATUS_ID).locator('.codicon-error').count(), 1);
    assert.match(
      item.ariaLabel ?? '',
      /^AWS profile default for AWS CLI and Python\/boto3, environment keys for JavaScript SDK, error: /,
    );
  });

  it('lists the findings in the Problems panel, the stale token among them', async () => {
    const page = s!.page;
    const rows = await waitForProblems(
      page,
      (r) => r.some((x) => /STALE_SESSION_TOKEN/.test(x.text)),
      'the stale token listed',
    );
    const stale = rows.find((r) => r.kind === 'marker' && /STALE_SESSION_TOKEN/.test(r.text));
    assert.ok(stale, JSON.stringify(rows, null, 1));
    assert.strictEqual(stale.severity, 'error');
    assert.match(stale.text, /AWS Credentials Doctor/);
    assert.ok(
      rows.some((r) => r.kind === 'marker' && /PROFILE_PREFIX_IN_CREDENTIALS/.test(r.text)),
      'the [profile x] finding',
    );
    assert.ok(
      rows.some((r) => r.kind === 'resource' && /environment/.test(r.text)),
      'the environment document as a resource',
    );
    await noSecretOnScreen(page);
    await settled(page.locator('.markers-panel'));
    await screenshot(page, path.join(OUT, 'problems-stale-token.png'));
  });

  it("the Problems row's lightbulb offers the unset, and says that new terminals get the variable empty", async () => {
    const page = s!.page;
    // The entry sits on the read-only environment document, where the editor shows no lightbulb
    // (VS Code offers code actions only in writable editors): its lightbulb is the Problems row's.
    // The row opens the document in an editor first (for the screenshot; an editor that opens
    // takes the focus, which closes a menu open at that moment).
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'STALE_SESSION_TOKEN' }).first().click();
    await page
      .locator('.monaco-editor .view-line', { hasText: 'AWS_SESSION_TOKEN=****' })
      .first()
      .waitFor({ timeout: 15_000 });
    await openProblemsQuickFixes(page, 'STALE_SESSION_TOKEN');
    const menu = page.locator('.context-view .monaco-menu');
    const fix = menu.locator('.action-item', { hasText: /Unset the stale AWS_SESSION_TOKEN/ }).first();
    await fix.hover();
    assert.strictEqual(
      (await fix.innerText()).trim(),
      'Unset the stale AWS_SESSION_TOKEN — new terminals get an empty value (VS Code cannot unset)',
    );
    await settled(menu);
    await noSecretOnScreen(page);
    await screenshot(page, path.join(OUT, 'quick-fix.png'));
    await page.keyboard.press('Escape');
    await waitUntil(async () => !(await menu.isVisible()), 'the menu to close');
  });

  it('Explain Error opens a read-only document: the findings of this machine first, their fixes as CodeLens; closing it asks nothing', async () => {
    const page = s!.page;
    await runCommandFromPalette(page, 'View: Close All Editors');
    await runCommandFromPalette(page, 'AWS Credentials Doctor: Explain Error');
    assert.ok(
      await pickQuickPickItem(page, 'Paste the error', { title: 'Explain an AWS error' }),
      'the choice was taken',
    );
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page
      .locator('.quick-input-widget', { hasText: 'Paste the error message' })
      .first()
      .waitFor({ timeout: 10_000 });
    await input.fill(
      'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
    );
    await input.press('Enter');
    const tab = page.locator('.tabs-container .tab', { hasText: 'AWS error explained.md' }).first();
    await tab.waitFor({ timeout: 15_000 });
    const editorText = async () =>
      (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    const text = await waitUntil(editorText, 'the explanation', (t) => /## What it means/.test(t));
    const lines = text.split('\n');
    const machine = lines.indexOf('## On this machine');
    assert.ok(machine > 0 && machine < lines.indexOf('## What it means'), text);
    assert.ok(
      lines.some((l) => l.startsWith('**ERROR** `STALE_SESSION_TOKEN`')),
      text,
    );
    const lens = page
      .locator('.monaco-editor .codelens-decoration a', { hasText: 'Unset the stale AWS_SESSION_TOKEN' })
      .first();
    await lens.waitFor({ state: 'visible', timeout: 10_000 });
    // Not an untitled editor: no unsaved-changes dot, and closing asks nothing.
    assert.ok(!(await tab.getAttribute('class'))?.includes('dirty'), 'not dirty');
    await noSecretOnScreen(page);
    await runCommandFromPalette(page, 'View: Close All Editors');
    await tab.waitFor({ state: 'detached', timeout: 10_000 });
    assert.strictEqual(await page.locator('.monaco-dialog-box').count(), 0, 'no "save changes?" dialog');
  });

  it("keyboard only: on the read-only environment document, Ctrl+. offers the fixes and the palette's Quick Fix is there", async () => {
    const page = s!.page;
    // The Problems row opens the environment document at the stale token's line (Enter on the focused row).
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'STALE_SESSION_TOKEN' }).first();
    await readProblems(page);
    await row.click();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'environment' }).first().waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .monaco-editor textarea').first().focus();
    // The palette lists Quick Fix for this document (VS Code's own needs a writable editor).
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('>Quick Fix');
    const paletteRows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await paletteRows.filter({ hasText: 'AWS Credentials Doctor: Quick Fix...' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.locator('.editor-instance .monaco-editor textarea').first().focus();
    // Ctrl+. on the line: the fixes in a quick pick, the preferred one first; Enter applies it.
    await page.keyboard.press('Control+.');
    const fixes = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await fixes.first().waitFor({ timeout: 10_000 });
    assert.match(
      await fixes.first().innerText(),
      /^Unset the stale AWS_SESSION_TOKEN — new terminals get an empty value \(VS Code cannot unset\)/,
    );
    await page.keyboard.press('Enter');
    const rows = await waitForProblems(
      page,
      (r) => !r.some((x) => /STALE_SESSION_TOKEN/.test(x.text)),
      'the stale token to leave',
    );
    assert.ok(!rows.some((r) => /STALE_SESSION_TOKEN/.test(r.text)), JSON.stringify(rows.map((r) => r.text)));
    await runCommandFromPalette(page, 'View: Close All Editors');
  });

  it('offers the lightbulb in the editor for a file finding', async () => {
    const page = s!.page;
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'PROFILE_PREFIX_IN_CREDENTIALS' }).first();
    await row.dblclick();
    const line = page.locator('.monaco-editor .view-line', { hasText: '[profile staging]' }).first();
    await line.waitFor({ timeout: 15_000 });
    await line.click({ position: { x: 5, y: 5 } });
    const bulb = page.locator('.monaco-editor .lightBulbWidget').first();
    await bulb.waitFor({ state: 'visible', timeout: 10_000 });
    await bulb.click();
    const menu = page.locator('.action-widget');
    await menu.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await menu.innerText(), /Rename the section header to \[staging\]/);
    await page.keyboard.press('Escape');
    // The credentials file shows its (fake) secrets: close it before any further screenshot.
    await runCommandFromPalette(page, 'View: Close All Editors');
    await page
      .locator('.monaco-editor .view-line', { hasText: '[profile staging]' })
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('the picker: paths as ~/.aws like Problems, the current row marked once, Sign in as a row of its own, the environment keys said before the choice', async () => {
    const page = s!.page;
    await clearNotifications(page);
    await page.keyboard.press('Escape');
    await statusBarItemLocator(page, STATUS_ID).click();
    const input = page.locator('.quick-input-widget');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    const rows = input.locator('.monaco-list-row');
    await rows.first().waitFor({ timeout: 10_000 });
    // What a screen reader reads of each row (label, description, detail).
    const texts = await rows.evaluateAll((els: any[]) => els.map((el) => String(el.getAttribute('aria-label'))));
    // Said before the choice, in the title: the fixture's environment keys win over any profile in the AWS CLI and boto3.
    assert.strictEqual(
      (await input.locator('.quick-input-title').innerText()).trim(),
      'Switch AWS profile — environment keys win over it in the AWS CLI and boto3',
    );
    assert.deepStrictEqual(texts, [
      'default, static keys · eu-west-1 · current, ~/.aws/credentials:3',
      'console, aws login · eu-west-1 · doctor-test · 111122223333, not signed in, ~/.aws/config:17',
      'Sign in to console, aws login --profile console',
      // botocore merges the duplicate [dev] sections: its region comes from the second one.
      'dev, static keys · us-east-1, ~/.aws/credentials:7',
      'sso-dev, SSO · eu-central-1 · login expired, ~/.aws/config:7',
      'Sign in to sso-dev, aws sso login --profile sso-dev',
    ]);
    await input.locator('.monaco-list-row', { hasText: /^dev/ }).first().hover();
    await settled(input);
    await screenshot(page, path.join(OUT, 'profile-picker.png'));
    await page.keyboard.press('Escape');
  });

  it('one switch, one notification: to an SSO profile whose login expired, only its Sign In (not the environment keys, not a confirmation)', async () => {
    const page = s!.page;
    await clearNotifications(page);
    await switchProfile(page, 'sso-dev');
    const item = await waitForStatusBarText(page, STATUS_ID, 'sso-dev', 10_000);
    assert.strictEqual(item.kind, 'error');
    const toast = await waitForToast(page, /sso-dev/);
    assert.deepStrictEqual(toast, {
      message: 'New terminals use AWS profile "sso-dev"; its SSO login has expired.',
      buttons: ['Sign In'],
    });
    await nothingHappensWithin(1000); // anything else the switch would say has been said by now
    assert.deepStrictEqual(
      (await toasts(page)).map((t) => t.message),
      [toast.message],
    );
  });

  it("the environment keys' notice: one per switch, and Don't Show Again silences it", async () => {
    const page = s!.page;
    await clearNotifications(page);
    await switchProfile(page, 'dev');
    const toast = await waitForToast(page, /"dev"/);
    assert.deepStrictEqual(toast, {
      message:
        'New terminals use AWS profile "dev", but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment win in the AWS CLI and boto3.',
      buttons: ['Clear Keys', "Don't Show Again"],
    });
    await clickNotificationButton(page, /"dev"/, "Don't Show Again");
    await clearNotifications(page);
    await switchProfile(page, 'default');
    const plain = await waitForToast(page, /"default"/);
    assert.deepStrictEqual(plain, {
      message: 'New terminals use AWS profile "default". Open terminals keep theirs.',
      buttons: [],
    });
    await nothingHappensWithin(1000);
    assert.strictEqual((await toasts(page)).length, 1);
    await clearNotifications(page);
    await switchProfile(page, 'dev');
    await waitForToast(page, /"dev"\. Open terminals keep theirs/);
    // The keys go with the profile's own quick fix: new terminals then use dev's keys. Another
    // file changes while its menu is open (a line above [profile staging]): the re-diagnosis must
    // leave this entry, and the fixes its menu holds, alone (a re-publication makes the fix do
    // nothing but say "Actual command not found").
    await applyQuickFixFromProblems(page, 'ENV_KEYS_SHADOW_PROFILE', /^Unset AWS_ACCESS_KEY_ID/, async () => {
      const credentials = fs.readFileSync(s!.fx.credentials);
      fs.writeFileSync(
        s!.fx.credentials,
        Buffer.concat([Buffer.from('# edited while the menu is open\r\n'), credentials]),
      );
      await waitUntil(
        () => readProblems(page, { open: false }),
        'the [profile staging] entry one line down',
        (rows) =>
          rows.some(
            (r) => /PROFILE_PREFIX_IN_CREDENTIALS/.test(r.text) && r.text.includes(`[Ln ${LINES.profilePrefix + 1},`),
          ),
      );
      assert.ok(await page.locator('.context-view .monaco-menu').isVisible(), 'the menu is still open');
    });
    const item = await waitForStatusBarText(page, STATUS_ID, 'dev · 3h', 10_000);
    // The duplicate [dev] section makes botocore reject the credentials file: boto3 and the AWS CLI fail.
    assert.strictEqual(item.kind, 'error', JSON.stringify(item.classes));
    await clearNotifications(page);
  });

  it('follows a changed credentials file within half a second, and shows the expiry with the warning colour', async () => {
    const page = s!.page;
    const file = s!.fx.credentials;
    const expires = new Date(Date.now() + 12 * 60_000 + 40_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const latencies: number[] = [];
    // Three rounds (12m ↔ 3h) for a stable figure; the duplicate section is gone from the first write on.
    for (const [content, expected] of [
      [credentials(expires, { duplicate: false }), 'dev · 12m'],
      [credentials(new Date(Date.now() + 3 * 3600_000 + 30 * 60_000).toISOString(), { duplicate: false }), 'dev · 3h'],
      [credentials(expires, { duplicate: false }), 'dev · 12m'],
    ] as const) {
      latencies.push(await measureFileChangeToStatusBar(page, file, content, expected));
    }
    const median = [...latencies].sort((a, b) => a - b)[1];
    console.log(
      `      file change → status bar: ${latencies.map((l) => l.toFixed(0)).join(', ')} ms (median ${median.toFixed(0)} ms; target ≤ 500 ms)`,
    );
    const item = await readStatusBarItem(page, STATUS_ID);
    assert.strictEqual(item.kind, 'warning');
    assert.ok(median < 2000, `the status bar followed the file within ${median} ms`);
    await statusBarItemLocator(page, STATUS_ID).hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'AWS profile' }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await hover.innerText(), /Expires at .* \(in 12m\)/);
    await settled(hover);
    await noSecretOnScreen(page);
    await screenshot(page, path.join(OUT, 'status-bar.png'));
  });

  it('Explain Error asks where the error is, and reads the clipboard only when told to', async () => {
    const page = s!.page;
    const error =
      'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.';
    await s!.wb.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: s!.server.url.replace(/\/$/, ''),
    });
    // The real browser clipboard holds the error; a counter wraps the browser's own readText.
    await page.evaluate(async (text) => {
      const g = globalThis as any;
      await g.navigator.clipboard.writeText(text);
      const read = g.navigator.clipboard.readText.bind(g.navigator.clipboard);
      g.clipboardReads = 0;
      g.navigator.clipboard.readText = () => {
        g.clipboardReads++;
        return read();
      };
    }, error);
    const reads = () => page.evaluate(() => (globalThis as any).clipboardReads as number);
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

    // No selection: a choice, and the clipboard untouched.
    await runCommandFromPalette(page, 'View: Close All Editors');
    await runCommandFromPalette(page, 'AWS Credentials Doctor: Explain Error');
    await rows.filter({ hasText: 'From clipboard' }).first().waitFor({ timeout: 10_000 });
    const choices = (await rows.allInnerTexts()).map((t) => t.split('\n')[0]);
    assert.deepStrictEqual(choices, ['Paste the error', 'From clipboard']);
    assert.strictEqual(await reads(), 0, 'the clipboard is not read before the user picks it');

    // "From clipboard": read now, into an input box the user confirms.
    assert.ok(
      await pickQuickPickItem(page, 'From clipboard', { title: 'Explain an AWS error' }),
      'the choice was taken',
    );
    await page.waitForFunction(
      (want) =>
        ((globalThis as any).document.querySelector('.quick-input-widget .quick-input-box input') as any)?.value ===
        want,
      error,
      { timeout: 10_000 },
    );
    assert.strictEqual(await reads(), 1);
    await input.press('Enter');
    await page
      .locator('.monaco-editor .view-line', { hasText: 'InvalidClientTokenId' })
      .first()
      .waitFor({ timeout: 15_000 });

    // "Paste the error": an empty input box, and the clipboard still read only that once.
    await runCommandFromPalette(page, 'AWS Credentials Doctor: Explain Error');
    assert.ok(
      await pickQuickPickItem(page, 'Paste the error', { title: 'Explain an AWS error' }),
      'the choice was taken',
    );
    await page.waitForFunction(
      () =>
        ((globalThis as any).document.querySelector('.quick-input-widget .quick-input-box input') as any)?.value === '',
      undefined,
      { timeout: 10_000 },
    );
    await page
      .locator('.quick-input-widget .quick-input-message, .quick-input-widget', { hasText: 'Paste the error message' })
      .first()
      .waitFor({ timeout: 10_000 });
    await input.fill('ExpiredToken: The security token included in the request is expired');
    await input.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: 'ExpiredToken' }).first().waitFor({ timeout: 15_000 });
    assert.strictEqual(await reads(), 1);
  });
});
