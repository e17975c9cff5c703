/**
 * A workbench session with the extension loaded from the repository, on a fixture home: shared by
 * the UI suite and the benchmark.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { CodeServer, Workbench } from '../vscode/codeServer';
import { openWorkbench, startCodeServer, statusBarItemLocator } from '../vscode/codeServer';
import type { FixtureHome } from '../suite/fixtureHome';
import { createFixtureHome } from '../suite/fixtureHome';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const STATUS_ID = 'awsCredentialsDoctor.status';

export interface UiSession {
  readonly fx: FixtureHome;
  readonly server: CodeServer;
  readonly wb: Workbench;
  readonly page: Page;
  close(): Promise<void>;
}

export async function startUiSession(env: Record<string, string> = {}, settings: Record<string, unknown> = {}): Promise<UiSession> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-ui-'));
  const fx = createFixtureHome(root);
  const server = await startCodeServer({
    workspaceFolder: fx.workspace,
    env: { ...fx.env, ...env },
    settings: { 'workbench.colorTheme': 'Default Dark Modern', 'editor.minimap.enabled': false, 'window.zoomLevel': 0, ...settings },
  });
  let wb: Workbench | undefined;
  try {
    wb = await openWorkbench(server, {
      payload: [['extensionDevelopmentPath', server.remoteUri(REPO)], ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']],
      viewport: { width: 1280, height: 760 },
    });
  } catch (e) {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
    throw e;
  }
  const w = wb;
  return {
    fx, server, wb: w, page: w.page,
    close: async () => {
      await w.close();
      await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Writes a file and measures, in the browser, the milliseconds until the status-bar item's text
 * becomes `expected` (checked every animation frame, so the figure is not the polling interval).
 */
export async function measureFileChangeToStatusBar(page: Page, file: string, content: string | Buffer, expected: string, timeoutMs = 10_000): Promise<number> {
  const item = statusBarItemLocator(page, STATUS_ID);
  const handle = await item.elementHandle({ timeout: 10_000 });
  // Start watching first; then write; the browser reports when the text changed (its own clock).
  const changed = page.evaluate(([el, want, limit]) => new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const label = () => String(((el as any).querySelector('.statusbar-item-label') ?? el).innerText).replace(/\s+/g, ' ').trim();
    const tick = () => {
      if (label() === want) return resolve(performance.now());
      if (performance.now() - started > (limit as number)) return reject(new Error(`status bar stayed ${JSON.stringify(label())}`));
      (globalThis as any).requestAnimationFrame(tick);
    };
    tick();
  }), [handle, expected, timeoutMs] as const);
  const writtenAt = await page.evaluate(() => performance.now());
  fs.writeFileSync(file, content);
  const changedAt = await changed;
  return Math.max(0, changedAt - writtenAt);
}

/**
 * Opens the quick-fix menu from a Problems row's lightbulb and picks the fix; retries the whole
 * gesture (up to three times) when the menu closed without running it, until the row is gone.
 * `beforePick` runs with the menu open (e.g. for a screenshot).
 */
export async function applyQuickFixFromProblems(page: Page, rowText: string, fixTitle: RegExp, beforePick?: () => Promise<void>): Promise<void> {
  const { readProblems } = await import('../vscode/codeServer');
  const rowGone = async () => !(await readProblems(page, { open: false })).some((r) => r.text.includes(rowText));
  for (let attempt = 1; attempt <= 3; attempt++) {
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: rowText }).first();
    await row.click();
    const bulb = row.locator('.markers-panel-action-quickfix.autofixable');
    await bulb.waitFor({ state: 'visible', timeout: 10_000 });
    await bulb.click();
    const fix = page.locator('.context-view .monaco-menu .action-item', { hasText: fixTitle }).first();
    await fix.waitFor({ state: 'visible', timeout: 10_000 });
    await fix.hover();
    if (attempt === 1 && beforePick) await beforePick();
    await fix.click();
    // A loaded machine (the suites before this one still winding down) has taken more than 4 s to
    // re-diagnose and update Problems in code-server: 10 s per attempt.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (await rowGone()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.keyboard.press('Escape').catch(() => undefined);
  }
  throw new Error(`the quick fix ${fixTitle} did not remove the Problems row "${rowText}"`);
}

/** Switches profile from the palette with the keyboard: the picker, the name typed, Enter. */
export async function switchProfile(page: Page, profile: string): Promise<void> {
  const { runCommandFromPalette } = await import('../vscode/codeServer');
  await runCommandFromPalette(page, 'AWS Credentials Doctor: Switch Profile');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 10_000 });
  await input.fill(profile);
  // The first row the filter keeps is the profile itself (its Sign in row, if any, comes after it).
  await page.locator('.quick-input-widget .monaco-list-row.focused .label-name', { hasText: new RegExp(`^${profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first().waitFor({ timeout: 10_000 });
  await input.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}
