/**
 * The profile chosen in a workspace, across window reloads, in the workbench: VS Code is started
 * from a "shell" with AWS_PROFILE=default; after switching to dev and reloading, dev applies again
 * for new terminals and one notification says the shell's differs, with "Use default" and "Keep dev".
 */
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { runCommandFromPalette, waitForStatusBarText, waitForWorkbench } from '../vscode/codeServer';
import { clickNotificationButton, notificationToast, settled } from '../vscode/gestures';
import { requireVsCodePeers } from '../vscode/peers';
import type { UiSession } from './session';
import { reportFailure, startUiSession, STATUS_ID, switchProfile } from './session';

const MESSAGE =
  'New terminals use AWS profile "dev", chosen in this workspace; your shell started VS Code with "default".';

/**
 * Reloads the window and waits until the extension has shown its status (restore() runs before the
 * status bar is first shown, so by then its notification, if any, has been sent).
 */
async function reload(page: Page, statusText: RegExp): Promise<void> {
  // As a user reloads: the workbench shuts down properly (and stores the workspace state) first.
  const reloaded = page.waitForEvent('framenavigated', { timeout: 30_000 });
  await runCommandFromPalette(page, 'Developer: Reload Window');
  await reloaded;
  await waitForWorkbench(page);
  await waitForStatusBarText(page, STATUS_ID, statusText, 60_000);
}

describe('the profile chosen in a workspace, across reloads (UI)', function () {
  this.timeout(240_000);
  let s: UiSession | undefined;

  before(async function () {
    requireVsCodePeers(this);
    s = await startUiSession({ AWS_PROFILE: 'default' });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await reportFailure(this.currentTest.title, s?.page, s?.server);
  });
  after(async () => {
    await s?.close();
  });

  it('applies it again, says once that the shell started VS Code with another, and "Use default" forgets it', async () => {
    const page = s!.page;
    const toast = notificationToast(page, /chosen in this workspace/);
    const toasts = page.locator('.notification-toast', { hasText: 'chosen in this workspace' });
    await waitForStatusBarText(page, STATUS_ID, /^default/, 60_000);
    await switchProfile(page, 'dev');
    await waitForStatusBarText(page, STATUS_ID, /^dev/, 10_000);

    await reload(page, /^dev/);
    await settled(toast);
    assert.match(
      (await toast.innerText()).replace(/\s+/g, ' '),
      new RegExp(MESSAGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
    assert.strictEqual(await toasts.count(), 1, 'said once');
    await clickNotificationButton(page, /chosen in this workspace/, 'Use default');
    await waitForStatusBarText(page, STATUS_ID, /^default/, 10_000);

    await reload(page, /^default/);
    assert.strictEqual(await toasts.count(), 0, 'nothing remembered: nothing to say');
  });

  it('"Keep dev" keeps it and is not asked again', async () => {
    const page = s!.page;
    const toasts = page.locator('.notification-toast', { hasText: 'chosen in this workspace' });
    await switchProfile(page, 'dev');
    await waitForStatusBarText(page, STATUS_ID, /^dev/, 10_000);
    await reload(page, /^dev/);
    await clickNotificationButton(page, /chosen in this workspace/, 'Keep dev');

    await reload(page, /^dev/);
    assert.strictEqual(await toasts.count(), 0, 'the answer is remembered');
  });
});
