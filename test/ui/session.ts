/**
 * A workbench session with the extension loaded from the repository, on a fixture home: shared by
 * the UI suite and the benchmark.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import type { CodeServer, Workbench } from '../vscode/codeServer';
import {
  extensionLog,
  openWorkbench,
  readProblems,
  runCommandFromPalette,
  screenshot,
  startCodeServer,
  statusBarItemLocator,
} from '../vscode/codeServer';
import { clickMenuItem, focusHistory, pickQuickPickItem, UI_WAIT_MS, waitUntil } from '../vscode/gestures';
import type { FixtureHome } from '../suite/fixtureHome';
import { createFixtureHome } from '../suite/fixtureHome';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const STATUS_ID = 'awsCredentialsDoctor.status';
const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
};
export const EXTENSION_ID = `${PACKAGE.publisher}.${PACKAGE.name}`;

/**
 * After a failed test (an afterEach hook, or before the server stops): prints what the extension
 * logged and the notifications on screen, and saves a screenshot to .test-work/ui/failed-<name>.png.
 */
export async function reportFailure(
  name: string,
  page: Page | undefined,
  server: CodeServer | undefined,
): Promise<void> {
  const lines: string[] = [];
  if (page) {
    const file = path.join(REPO, '.test-work', 'ui', `failed-${name.replace(/[^\w-]+/g, '-').slice(0, 60)}.png`);
    await screenshot(page, file).then(
      () => lines.push(`screenshot: ${file}`),
      () => undefined,
    );
    const toasts = await page
      .locator('.notification-list-item-message')
      .allInnerTexts()
      .catch(() => []);
    lines.push(`notifications: ${JSON.stringify(toasts)}`);
    lines.push(`the last focus changes: ${JSON.stringify(await focusHistory(page), null, 1)}`);
  }
  if (server) lines.push(`the extension's log:\n${extensionLog(server, EXTENSION_ID)}`);
  console.log(lines.join('\n').replace(/^/gm, '        '));
}

export interface UiSession {
  readonly fx: FixtureHome;
  readonly server: CodeServer;
  readonly wb: Workbench;
  readonly page: Page;
  close(): Promise<void>;
}

export async function startUiSession(
  env: Record<string, string> = {},
  settings: Record<string, unknown> = {},
): Promise<UiSession> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-ui-'));
  const fx = createFixtureHome(root);
  const server = await startCodeServer({
    workspaceFolder: fx.workspace,
    env: { ...fx.env, ...env },
    settings: {
      'workbench.colorTheme': 'Default Dark Modern',
      'editor.minimap.enabled': false,
      'window.zoomLevel': 0,
      ...settings,
    },
  });
  let wb: Workbench | undefined;
  try {
    wb = await openWorkbench(server, {
      payload: [
        ['extensionDevelopmentPath', server.remoteUri(REPO)],
        ['skipWelcome', 'true'],
        ['skipReleaseNotes', 'true'],
      ],
      viewport: { width: 1280, height: 760 },
    });
  } catch (e) {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
    throw e;
  }
  const w = wb;
  return {
    fx,
    server,
    wb: w,
    page: w.page,
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
export async function measureFileChangeToStatusBar(
  page: Page,
  file: string,
  content: string | Buffer,
  expected: string,
  timeoutMs = 10_000,
): Promise<number> {
  const item = statusBarItemLocator(page, STATUS_ID);
  const handle = await item.elementHandle({ timeout: 10_000 });
  // Start watching first; then write; the browser reports when the text changed (its own clock).
  const changed = page.evaluate(
    ([el, want, limit]) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const label = () =>
          String(((el as any).querySelector('.statusbar-item-label') ?? el).innerText)
            .replace(/\s+/g, ' ')
            .trim();
        const tick = () => {
          if (label() === want) return resolve(performance.now());
          if (performance.now() - started > (limit as number))
            return reject(new Error(`status bar stayed ${JSON.stringify(label())}`));
          (globalThis as any).requestAnimationFrame(tick);
        };
        tick();
      }),
    [handle, expected, timeoutMs] as const,
  );
  const writtenAt = await page.evaluate(() => performance.now());
  fs.writeFileSync(file, content);
  const changedAt = await changed;
  return Math.max(0, changedAt - writtenAt);
}

/**
 * Selects the Problems row that contains `rowText` (its lightbulb asks for the row's code actions
 * only then) and opens the quick-fix menu from its lightbulb.
 */
export async function openProblemsQuickFixes(page: Page, rowText: string): Promise<void> {
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: rowText }).first();
  await row.click();
  await row.locator('.markers-panel-action-quickfix.autofixable').click();
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
}

/**
 * Picks the fix from the Problems row's quick-fix menu (clickMenuItem: the click is taken; the menu
 * opened again if something closed it first) and waits until the row left Problems (the extension
 * re-diagnosed and published). `beforePick` runs with the menu open and the fix focused (e.g. for
 * a screenshot).
 */
export async function applyQuickFixFromProblems(
  page: Page,
  rowText: string,
  fixTitle: RegExp,
  beforePick?: () => Promise<void>,
): Promise<void> {
  const rowGone = async () => !(await readProblems(page, { open: false })).some((r) => r.text.includes(rowText));
  await clickMenuItem(page, 'contextMenu', fixTitle, {
    open: () => openProblemsQuickFixes(page, rowText),
    applied: rowGone,
    beforeClick: beforePick,
  });
  await waitUntil(rowGone, `the Problems row "${rowText}" to leave after the quick fix`);
}

/**
 * Switches profile as a person does from the palette: Switch Profile, the name typed into the
 * picker, Enter on its row (the first the filter keeps is the profile; its Sign in row comes after
 * it). Opens the picker again when it closed before the Enter reached it (pickQuickPickItem).
 */
export async function switchProfile(page: Page, profile: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await runCommandFromPalette(page, 'AWS Credentials Doctor: Switch Profile');
    if (await pickQuickPickItem(page, profile, { title: /^Switch AWS profile/, filter: profile })) return;
    const why = `the profile picker lost the focus before the Enter; the last focus changes: ${JSON.stringify((await focusHistory(page)).slice(-4))}`;
    if (attempt === 3) throw new Error(why);
    console.log(`      (${why}; again)`);
    await page.keyboard.press('Escape');
  }
}
