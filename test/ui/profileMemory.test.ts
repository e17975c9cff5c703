/**
 * The profile chosen in a workspace, across window reloads, in the workbench: VS Code is started
 * from a "shell" with AWS_PROFILE=default; after switching to dev and reloading, dev applies again
 * for new terminals and one notification says the shell's differs, with "Use default" and "Keep dev".
 */
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { runCommandFromPalette, waitForStatusBarText, waitForWorkbench } from '../vscode/codeServer';
import { requireVsCodePeers } from '../vscode/peers';
import type { UiSession } from './session';
import { startUiSession, STATUS_ID } from './session';

const MESSAGE = 'New terminals use AWS profile "dev", chosen in this workspace; your shell started VS Code with "default".';

async function switchTo(page: Page, profile: string): Promise<void> {
  await runCommandFromPalette(page, 'AWS Credentials Doctor: Switch Profile');
  const input = page.locator('.quick-input-widget');
  await input.locator('.monaco-list-row').first().waitFor({ timeout: 10_000 });
  await page.locator('.quick-input-widget .quick-input-box input').fill(profile);
  await input.locator('.monaco-list-row', { hasText: new RegExp(`^${profile}`) }).first().click();
}

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
  after(async () => { await s?.close(); });

  it('applies it again, says once that the shell started VS Code with another, and "Use default" forgets it', async () => {
    const page = s!.page;
    const toast = page.locator('.notification-toast', { hasText: 'chosen in this workspace' });
    await waitForStatusBarText(page, STATUS_ID, /^default/, 60_000);
    await switchTo(page, 'dev');
    await waitForStatusBarText(page, STATUS_ID, /^dev/, 10_000);

    await reload(page, /^dev/);
    await toast.first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.match((await toast.first().innerText()).replace(/\s+/g, ' '), new RegExp(MESSAGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.strictEqual(await toast.count(), 1, 'said once');
    await toast.first().locator('.monaco-button', { hasText: 'Use default' }).click();
    await waitForStatusBarText(page, STATUS_ID, /^default/, 10_000);

    await reload(page, /^default/);
    assert.strictEqual(await toast.count(), 0, 'nothing remembered: nothing to say');
  });

  it('"Keep dev" keeps it and is not asked again', async () => {
    const page = s!.page;
    const toast = page.locator('.notification-toast', { hasText: 'chosen in this workspace' });
    await switchTo(page, 'dev');
    await waitForStatusBarText(page, STATUS_ID, /^dev/, 10_000);
    await reload(page, /^dev/);
    await toast.first().waitFor({ state: 'visible', timeout: 10_000 });
    await toast.first().locator('.monaco-button', { hasText: 'Keep dev' }).click();
    await toast.first().waitFor({ state: 'detached', timeout: 10_000 });

    await reload(page, /^dev/);
    assert.strictEqual(await toast.count(), 0, 'the answer is remembered');
  });
});
