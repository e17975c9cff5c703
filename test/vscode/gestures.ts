/**
 * Gestures on the workbench that VS Code does not drop, and waits on conditions instead of the
 * clock. Every UI test clicks menu items, quick-pick rows and notification buttons through these
 * (test/vscode/README.md, "Gestures").
 *
 * Why a helper: a context-menu item (`.monaco-menu`: the quick fixes of a Problems row, the editor's
 * and the explorer's context menus) starts listening for the mouseup that runs it only from a
 * 100 ms timer started when the menu rendered (vs/base/browser/ui/menu/menu.ts: "Add mouse up
 * listener later to avoid accidental clicks"). A click before that timer ran is ignored without a
 * trace: the menu stays open and nothing runs. On a loaded machine the timer runs late, so a click
 * that follows the menu's appearance "soon enough" on a quiet machine is dropped now and then.
 * The workbench page counts the mouseup listeners of every element (instrumentWorkbench, installed
 * by openWorkbench), so the gesture waits for exactly that listener, then hovers the item, waits
 * until the menu made it its focused row, clicks, and checks that the menu closed. A quick pick is
 * chosen from with the keyboard instead (pickQuickPickItem), and the page records where the Enter
 * went.
 */
import type { Locator, Page } from 'playwright-core';

/** How long the workbench may take to show what a gesture or a change must show, on a loaded machine too. */
export const UI_WAIT_MS = 10_000;
const POLL_MS = 100;

/**
 * Reads `read()` until `ok` holds for its value (by default: the value is truthy) and returns that
 * value; a read that throws (an element not there yet) counts as not yet. Fails after `timeoutMs`
 * naming `what` and the last value read.
 */
export async function waitUntil<T>(
  read: () => T | Promise<T>,
  what: string,
  ok: (value: T) => boolean = Boolean,
  timeoutMs = UI_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'nothing read';
  for (;;) {
    try {
      const value = await read();
      if (ok(value)) return value;
      last = value;
    } catch (e) {
      last = e instanceof Error ? e.message.split('\n')[0] : e;
    }
    if (Date.now() >= deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}; last: ${typeof last === 'string' ? last : JSON.stringify(last)}`,
      );
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Page init script (openWorkbench installs it), self-contained as it is serialised into the page.
 * It records what a gesture needs to know and the workbench does not show:
 * - for every element, the mouseup listeners added to it (a menu item takes clicks only from its
 *   second one: see clickMenuItem);
 * - every Enter key press as it reaches the page, before the workbench handles it: whether a
 *   visible quick input had the focus then, and the label of its focused row (pickQuickPickItem);
 * - the last focus changes, with the time (reportFailure prints them: what took the focus away).
 */
export function instrumentWorkbench(): void {
  const g = globalThis as any;
  if (g.__mouseUpListeners) return;
  const counts = new WeakMap<object, number>();
  g.__mouseUpListeners = counts;
  const add = g.EventTarget.prototype.addEventListener;
  g.EventTarget.prototype.addEventListener = function (this: object, type: string, ...rest: unknown[]) {
    if (type === 'mouseup') counts.set(this, (counts.get(this) ?? 0) + 1);
    return add.call(this, type, ...rest);
  };
  const describe = (el: any): string => {
    if (!el || !el.tagName) return String(el);
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).slice(0, 3).join('.') : '';
    const label = el.getAttribute?.('aria-label') ?? el.getAttribute?.('data-step-id') ?? '';
    return `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}${label ? ` "${String(label).slice(0, 60)}"` : ''}`;
  };
  g.__enters = [] as unknown[];
  g.__focusLog = [] as string[];
  add.call(
    g,
    'keydown',
    (e: any) => {
      if (e.key !== 'Enter') return;
      const widget = g.document.querySelector('.quick-input-widget');
      const visible = !!widget && g.getComputedStyle(widget).display !== 'none';
      const focused = visible ? widget.querySelector('.quick-input-list .monaco-list-row.focused .label-name') : null;
      g.__enters.push({
        quickInput: visible && widget.contains(g.document.activeElement),
        row: focused ? String(focused.textContent).trim() : null,
      });
    },
    true,
  );
  add.call(
    g,
    'focusin',
    (e: any) => {
      g.__focusLog.push(`${new Date().toISOString().slice(11, 23)} ${describe(e.target)}`);
      if (g.__focusLog.length > 30) g.__focusLog.shift();
    },
    true,
  );
}

/** The last focus changes in the page, oldest first (instrumentWorkbench records them). */
export async function focusHistory(page: Page): Promise<string[]> {
  return page.evaluate(() => ((globalThis as any).__focusLog ?? []) as string[]).catch(() => []);
}

/**
 * Waits out a window in which something must NOT happen (a second notification, an entry that must
 * not appear): no condition marks the end of "nothing", so this is the one fixed pause a UI test
 * takes, and only before asserting an absence. Never to let something happen: wait for it instead.
 */
export async function nothingHappensWithin(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Waits until the element shows and no finite animation or transition runs in it (a toast sliding in, a hover fading in). */
export async function settled(target: Locator, what = 'the element to settle'): Promise<void> {
  await waitUntil(() => target.isVisible(), what);
  await waitUntil(
    () =>
      target.evaluate((el: any) =>
        el
          .getAnimations({ subtree: true })
          .every((a: any) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
      ),
    what,
  );
}

/**
 * The menus of the workbench: the context menu (a Problems row's quick fixes, editor and explorer
 * context menus) and the action widget (the editor's lightbulb and Ctrl+. menu). A quick pick (the
 * command palette, an extension's quick pick) is chosen from with the keyboard: pickQuickPickItem.
 */
export type MenuKind = 'contextMenu' | 'actionWidget';

/** A label: a string is the item's whole label; a RegExp is matched against it. */
export type Label = string | RegExp;

function exactly(label: Label): RegExp {
  return typeof label === 'string' ? new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : label;
}

interface Menu {
  /** The open menu. */
  readonly root: Locator;
  /** Its item with that label. */
  item(label: Label): Locator;
  /** Resolves once the item takes clicks. */
  ready(item: Locator): Promise<void>;
  /** Makes the item the menu's focused row, as a person does before clicking it. */
  focus(item: Locator): Promise<void>;
}

const isFocused = (item: Locator) => item.evaluate((el: any) => el.classList.contains('focused'));

function menu(page: Page, kind: MenuKind): Menu {
  const hoverToFocus = async (item: Locator) => {
    await item.hover();
    await waitUntil(() => isFocused(item), 'the hovered menu item to be the focused row');
  };
  switch (kind) {
    case 'contextMenu': {
      const root = page.locator('.context-view .monaco-menu');
      return {
        root,
        item: (label) =>
          root.locator('.action-item', { has: page.locator('.action-label', { hasText: exactly(label) }) }).first(),
        // Its first mouseup listener comes with its rendering (it only clears the pressed look); the
        // second, the one that runs it, from the 100 ms timer (seen here: 98-112 ms after it showed).
        ready: async (item) => {
          await waitUntil(
            () => item.evaluate((el) => ((globalThis as any).__mouseUpListeners?.get(el) ?? 0) >= 2),
            'the menu item to listen for the mouseup that runs it',
          );
        },
        focus: hoverToFocus,
      };
    }
    case 'actionWidget': {
      const root = page.locator('.action-widget');
      return {
        root,
        item: (label) => root.locator('.monaco-list-row.action', { hasText: exactly(label) }).first(),
        // An invisible block covers the widget until the pointer moves over it (actionWidget.ts:
        // against clicks meant for what was there before): move the pointer, as a person does.
        ready: async (item) => {
          const block = page.locator('.context-view .context-view-pointerBlock');
          const box = await item.boundingBox();
          for (let dx = 1; box && (await block.count()) > 0 && dx < 20; dx++)
            await page.mouse.move(box.x + dx, box.y + box.height / 2);
          await waitUntil(async () => (await block.count()) === 0, 'the action widget to take the pointer');
        },
        // Hovering re-renders the row (its preview is resolved first), then focuses it.
        focus: hoverToFocus,
      };
    }
  }
}

export interface ClickMenuItemOptions {
  /**
   * Opens the menu (a click on a lightbulb, a right-click). Given, the menu is opened here, and
   * opened again when something else closed it before the click (an editor that takes the focus
   * as it opens closes a context menu).
   */
  open?: () => Promise<void>;
  /** The item's effect, if the caller can see it: a click was dropped only if the menu is still open and this is false. */
  applied?: () => Promise<boolean>;
  /** Runs once, with the item focused, right before the first click (a screenshot of the open menu). */
  beforeClick?: () => Promise<void>;
  /** How long the item may take to show. Default UI_WAIT_MS. */
  timeoutMs?: number;
}

/**
 * Clicks the item labelled `label` of the menu of that kind (opened by `options.open`, or already
 * open): waits for the item and until it takes clicks, hovers it, waits until the menu made it its
 * focused row, clicks, and returns once the item left the screen (the menu closed) or `applied` holds. Clicks again only when the click was demonstrably
 * dropped: UI_WAIT_MS later the menu is still open on that item and nothing was applied. At most
 * three clicks or openings in all.
 */
export async function clickMenuItem(
  page: Page,
  kind: MenuKind,
  label: Label,
  options: ClickMenuItemOptions = {},
): Promise<void> {
  const m = menu(page, kind);
  const item = m.item(label);
  const applied = options.applied ?? (() => Promise.resolve(false));
  const what = `the ${kind} item ${String(label)}`;
  for (let attempt = 1; ; attempt++) {
    if (options.open && !(await item.isVisible())) await options.open();
    await waitUntil(() => item.isVisible(), what, Boolean, options.timeoutMs).catch(async (e: Error) => {
      const shown = await m.root.innerText({ timeout: 1000 }).catch(() => '(no menu open)');
      throw new Error(`${e.message}; the ${kind} shows: ${JSON.stringify(shown)}`);
    });
    await m.ready(item);
    await m.focus(item);
    if (attempt === 1) await options.beforeClick?.();
    const clicked = await item.click({ timeout: UI_WAIT_MS }).then(
      () => true,
      () => false,
    );
    const taken =
      clicked &&
      (await waitUntil(
        async () => !(await item.isVisible()) || (await applied()),
        `${what} to close after the click`,
      ).then(
        () => true,
        () => false,
      ));
    if (taken) return;
    const why = clicked ? 'it stayed open and nothing was applied' : 'the menu closed before the click';
    if (attempt === 3 || (!clicked && !options.open)) throw new Error(`${what}: ${why}`);
    console.log(`      (${what}: ${why}; again)`);
  }
}

export interface PickOptions {
  /** Typed into the quick pick's input first (the command palette: `>` and the command). */
  filter?: string;
  /** Waits first until the open quick pick has this title (an extension's picker after the palette closed). */
  title?: Label;
  /** How long the row may take to show and be focused. Default UI_WAIT_MS. */
  timeoutMs?: number;
}

/**
 * Chooses the row labelled `label` (its whole label) in the open quick pick (the command palette,
 * an extension's quick pick) with the keyboard, as a person who typed does: waits for the quick
 * pick (with `title`), types `filter`, moves the focus with the arrow keys until the focused row
 * is that one, and presses Enter.
 * Returns true once the Enter demonstrably reached the quick pick with that row focused (the page
 * records each Enter as it arrives, before the workbench handles it: instrumentWorkbench); false
 * when the quick pick was gone or had lost the focus by then: nothing was chosen, and the caller
 * opens it again. (A quick pick closes whenever anything else takes the focus, and its list
 * re-renders as it filters: a pointer click aimed at a row found a moment before can land on a
 * hidden or replaced row, and nothing tells whether it was taken.)
 */
export async function pickQuickPickItem(page: Page, label: string, options: PickOptions = {}): Promise<boolean> {
  const timeoutMs = options.timeoutMs ?? UI_WAIT_MS;
  const widget = page.locator('.quick-input-widget');
  if (options.title !== undefined) {
    const title = exactly(options.title);
    const shown = await waitUntil(
      async () =>
        (await widget.isVisible()) &&
        title.test(await widget.locator('.quick-input-title').innerText({ timeout: 1000 })),
      `the quick pick ${String(options.title)}`,
      Boolean,
      timeoutMs,
    ).then(
      () => true,
      () => false,
    );
    if (!shown) return false;
  }
  if (
    options.filter !== undefined &&
    !(await widget
      .locator('.quick-input-box input')
      .fill(options.filter, { timeout: timeoutMs })
      .then(
        () => true,
        () => false,
      ))
  )
    return false;
  const deadline = Date.now() + timeoutMs;
  let last: QuickPickState = { open: false };
  for (;;) {
    last = await page.evaluate(readQuickPick, label);
    if (!last.open) return false;
    if (last.focused === label) break;
    if (Date.now() >= deadline)
      throw new Error(`the quick pick never focused ${JSON.stringify(label)}: ${JSON.stringify(last)}`);
    if (last.target !== undefined && last.focusedIndex !== undefined)
      await page.keyboard.press(last.target > last.focusedIndex ? 'ArrowDown' : 'ArrowUp');
    else await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const seen = await page.evaluate(() => ((globalThis as any).__enters as unknown[]).length);
  await page.keyboard.press('Enter');
  const enter = await page
    .evaluate((n) => (globalThis as any).__enters[n] as { quickInput: boolean; row: string | null } | undefined, seen)
    .catch((e: Error) => {
      // The row chosen reloads the window (Developer: Reload Window): the page that recorded the Enter is gone.
      if (/Execution context was destroyed|navigat/.test(e.message)) return { quickInput: true, row: label };
      throw e;
    });
  if (!enter?.quickInput) return false;
  // The focus moved to another row between the last look and the Enter: that row was chosen.
  if (enter.row !== label)
    throw new Error(`the quick pick chose ${JSON.stringify(enter.row)}, not ${JSON.stringify(label)}`);
  return true;
}

interface QuickPickState {
  open: boolean;
  focused?: string;
  focusedIndex?: number;
  target?: number;
  rows?: string[];
}

/** In the page: the open quick pick's rows (their labels), the focused one, and where `label` is. */
function readQuickPick(label: string): QuickPickState {
  const g = globalThis as any;
  const widget = g.document.querySelector('.quick-input-widget');
  if (!widget || g.getComputedStyle(widget).display === 'none') return { open: false };
  const rows = Array.from(widget.querySelectorAll('.quick-input-list .monaco-list-row') as ArrayLike<any>);
  const name = (row: any) => String(row.querySelector('.label-name')?.textContent ?? '').trim();
  const index = (row: any) => Number(row.getAttribute('data-index'));
  const focused = rows.find((r) => r.classList.contains('focused'));
  const target = rows.find((r) => name(r) === label);
  return {
    open: true,
    focused: focused ? name(focused) : undefined,
    focusedIndex: focused ? index(focused) : undefined,
    target: target ? index(target) : undefined,
    rows: rows.map(name).slice(0, 12),
  };
}

/** A notification toast whose message matches. */
export function notificationToast(page: Page, message: RegExp): Locator {
  return page
    .locator('.notifications-toasts .notification-toast-container', {
      has: page.locator('.notification-list-item-message', { hasText: message }),
    })
    .first();
}

/**
 * Clicks a button of the notification toast whose message matches, once the toast has slid in,
 * and returns once the toast closed (or `applied` holds); clicks again only when the toast is
 * still there and nothing was applied after UI_WAIT_MS.
 */
export async function clickNotificationButton(
  page: Page,
  message: RegExp,
  button: string,
  options: Pick<ClickMenuItemOptions, 'applied'> = {},
): Promise<void> {
  const toast = notificationToast(page, message);
  const b = toast
    .locator('.notification-list-item-buttons-container .monaco-button', { hasText: exactly(button) })
    .first();
  await settled(toast, `the notification ${String(message)} to slide in`);
  await b.hover();
  const applied = options.applied ?? (() => Promise.resolve(false));
  for (let attempt = 1; ; attempt++) {
    await b.click();
    const taken = await waitUntil(
      async () => !(await toast.isVisible()) || (await applied()),
      `the notification to close after "${button}"`,
    ).then(
      () => true,
      () => false,
    );
    if (taken) return;
    if (attempt === 3) throw new Error(`the notification ${String(message)} ignored ${attempt} clicks on "${button}"`);
    console.log(`      (the notification ignored a click on "${button}"; clicking again)`);
  }
}
