/**
 * The Profiles view in the workbench, driven as a person would, on a home of 2,000 config profiles
 * and 1,500 credentials sections plus three profiles for a real moto STS (test/support/profilesHome.ts):
 * the activity-bar icon, the groups, each row's state in its words (read as a screen reader reads
 * it), the tooltip, the filter, and Check All Profiles with the modal that names the
 * credential_process profiles, its progress and its results. The screenshot goes to .test-work/ui/
 * (and to media/ with UPDATE_SCREENSHOTS=1).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import type { CodeServer, Workbench } from '../vscode/codeServer';
import { openWorkbench, runCommandFromPalette, screenshot, startCodeServer } from '../vscode/codeServer';
import { requireVsCodePeers } from '../vscode/peers';
import { settled, waitUntil } from '../vscode/gestures';
import type { MotoServer } from '../support/motoServer';
import { createIamUser } from '../support/motoServer';
import { STALE_TOKEN, writeProfilesHome } from '../support/profilesHome';
import { pythonOrSkip, startAuthMoto } from '../live/helpers';
import { REPO } from './session';

const OUT = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO, 'media') : path.join(REPO, '.test-work', 'ui');

/** A row of the Profiles view (in the side bar) by the start of its accessible name ("profile alice,", "SSO session corp,"), and optionally its text. */
async function row(page: Page, name: string, text?: RegExp, timeoutMs = 30_000): Promise<Locator> {
  const r = page
    .locator(`.part.sidebar .monaco-list-row[aria-label^=${JSON.stringify(name)}]`, text ? { hasText: text } : {})
    .first();
  await r.waitFor({ state: 'visible', timeout: timeoutMs });
  return r;
}

/**
 * Opens (or closes) a group's row and waits until it says so (aria-expanded): a click that a
 * re-render of the list swallowed is made again, at most three times.
 */
async function setExpanded(row: Locator, open: boolean): Promise<void> {
  const want = String(open);
  for (let attempt = 1; ; attempt++) {
    if ((await row.getAttribute('aria-expanded')) === want) return;
    await row.click();
    const done = await waitUntil(
      async () => (await row.getAttribute('aria-expanded')) === want,
      `the row to be ${open ? 'open' : 'closed'}`,
      Boolean,
      3000,
    ).then(
      () => true,
      () => false,
    );
    if (done) return;
    if (attempt === 3)
      throw new Error(`the row never became ${open ? 'open' : 'closed'}: ${await row.getAttribute('aria-label')}`);
  }
}

/** Filter Profiles… from the palette, then the text typed into its own input box (found by its title, not the palette's input it replaces). */
async function filterProfiles(page: Page, text: string): Promise<void> {
  await runCommandFromPalette(page, 'AWS Credentials Doctor: Filter Profiles…');
  const widget = page.locator('.quick-input-widget');
  await waitUntil(
    async () =>
      (await widget.isVisible()) &&
      /^Filter AWS profiles/.test(await widget.locator('.quick-input-title').innerText({ timeout: 1000 })),
    "the filter's input box",
  );
  await widget.locator('.quick-input-box input').fill(text);
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
}

describe('the Profiles view in the workbench (UI), 2,000 profiles, moto', function () {
  this.timeout(600_000);
  let root: string | undefined;
  let moto: MotoServer | undefined;
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;
  let alice: { arn: string; id: string; secret: string };

  before(async function () {
    requireVsCodePeers(this);
    const py = pythonOrSkip(this);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-ui-profiles-'));
    moto = await startAuthMoto(py, root, 2);
    alice = createIamUser(py, moto.url, 'alice');
    const fx = writeProfilesHome(root, alice);
    const workspace = fs.mkdtempSync(path.join(root, 'workspace-'));
    server = await startCodeServer({
      workspaceFolder: workspace,
      env: { HOME: fx.home, AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL_STS: moto.url },
      settings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'window.zoomLevel': 0,
        'awsCredentialsDoctor.checkAllProfiles.concurrency': 8,
        'awsCredentialsDoctor.checkAllProfiles.requestsPerSecond': 100,
      },
    });
    wb = await openWorkbench(server, {
      payload: [
        ['extensionDevelopmentPath', server.remoteUri(REPO)],
        ['skipWelcome', 'true'],
        ['skipReleaseNotes', 'true'],
      ],
      viewport: { width: 1280, height: 760 },
    });
  });
  after(async () => {
    await wb?.close();
    await server?.stop();
    await moto?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it("opens from its activity-bar icon: the groups, closed, and each profile's state in its words and its accessible name", async () => {
    const page = wb!.page;
    await page
      .locator(
        '.activitybar .action-item a[aria-label^="AWS Credentials Doctor"], .activitybar .action-item[aria-label^="AWS Credentials Doctor"]',
      )
      .first()
      .click();
    const corp = await row(page, 'SSO session corp,', undefined, 60_000);
    assert.match(await corp.innerText(), /500 profiles · not signed in · 500 need attention/);
    assert.equal(await corp.getAttribute('aria-expanded'), 'false');
    await setExpanded(corp, true);
    await setExpanded(await row(page, 'account 123456789012,'), true);
    // Its 500 profiles come in ranges of 100, by name.
    await setExpanded(await row(page, 'team-1 – team-1353,'), true);
    const team1 = await row(page, 'profile team-1,');
    assert.equal(await team1.getAttribute('aria-label'), 'profile team-1, not signed in to SSO, SSO');
    assert.match(await team1.innerText(), /not signed in to SSO · SSO · eu-central-1/);
    // Its inline actions on hover: switch, sign in, check identity, reveal.
    await team1.hover();
    const actions = await team1
      .locator('.actions .action-label')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    assert.deepEqual(actions, [
      'Switch to This Profile',
      'Sign In to This Profile',
      'Check the Identity of This Profile (live STS call)',
      'Reveal Profile in File',
    ]);
    // Closed again: the tree remembers what was open, and its hundred rows would push the other groups out of the rendered list.
    await setExpanded(corp, false);
  });

  it("Check All Profiles on a filter's matches: a modal names the credential_process profiles first; then each row says what STS answered", async () => {
    const page = wb!.page;
    await filterProfiles(page, 'team-3');
    // 111 matches: the groups (new ids) start closed; the credential_process profiles are among the other profiles.
    await setExpanded(await row(page, 'Other profiles, 57 profiles'), true);
    await row(page, 'profile team-3,');
    // The only view of its container: its title actions are in the side bar's title, shown while the pointer is over it.
    const title = page.locator('.part.sidebar .composite.title').first();
    await title.hover();
    const checkAll = title.locator('.action-label[aria-label="Check All Profiles (live STS calls)"]').first();
    await settled(checkAll, 'the Check All Profiles action to show');
    await checkAll.click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await dialog.innerText();
    assert.match(text, /Checking these profiles runs the credential_process of 29 of them: programs on this machine\./);
    assert.match(text, /team-3: \/usr\/bin\/true/);
    assert.match(text, /… and 17 more/);
    await screenshot(page, path.join(OUT, 'profiles-consent.png'));
    await dialog.locator('.monaco-button', { hasText: 'Run Them Too' }).click();
    const done = page.locator('.notifications-toasts .notification-toast', { hasText: /Checked 111 profiles/ });
    await done.waitFor({ state: 'visible', timeout: 300_000 });
    assert.match(await done.innerText(), /Checked 111 profiles: 0 confirmed, 111 failed, 0 not checked\./);
    const roles = await row(page, 'account 123456789012, 27 profiles');
    await setExpanded(roles, true);
    const role = await row(page, 'profile team-300,');
    assert.match(await role.innerText(), /check failed: LIVE_INVALID_CLIENT_TOKEN · role/);
    // Closed again, so that the other profiles' group is in the rendered part of the list.
    await setExpanded(roles, false);
    const process = await row(page, 'profile team-3,');
    assert.match(await process.innerText(), /check failed: LIVE_NO_CREDENTIALS · process/);
  });

  it('checks one profile from its row: alice confirmed, her account in the row, the ARN in the tooltip', async () => {
    const page = wb!.page;
    // The two profiles by a filter that shows only them (their group of 1,500 opens into ranges of 100).
    await filterProfiles(page, 'alice');
    await setExpanded(await row(page, 'Other profiles,'), true);
    const a = await row(page, 'profile alice,');
    await a.hover();
    await a.locator('.actions .action-label[aria-label="Check the Identity of This Profile (live STS call)"]').click();
    await row(page, 'profile alice,', /confirmed: account 123456789012/, 120_000);
    await filterProfiles(page, 'stale');
    await setExpanded(await row(page, 'Other profiles,'), true);
    const stale = await row(page, 'profile stale,');
    await stale.hover();
    await stale
      .locator('.actions .action-label[aria-label="Check the Identity of This Profile (live STS call)"]')
      .click();
    await row(page, 'profile stale,', /check failed: LIVE_INVALID_CLIENT_TOKEN/, 120_000);
    // The tooltip: the state, what each tool resolves, the live check with its local cause.
    // The pointer away first (it rests on the row's action, whose own hover shows), then onto the row's name.
    await page.mouse.move(0, 0);
    await settled(await row(page, 'profile stale,'), 'the row to settle');
    await (await row(page, 'profile stale,')).locator('.label-name').first().hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Live check' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const tip = await hover.innerText();
    assert.match(tip, /LIVE_INVALID_CLIENT_TOKEN — AWS rejected the access key/);
    assert.match(tip, /PROFILE_STALE_SESSION_TOKEN/);
    const screen = await page.evaluate(() => (globalThis as any).document.body.innerText as string);
    assert.ok(
      !screen.includes(alice.secret) && !screen.includes(STALE_TOKEN) && !screen.includes(alice.id),
      'no secret on screen',
    );
    await screenshot(page, path.join(OUT, 'profiles-view.png'));
  });
});
