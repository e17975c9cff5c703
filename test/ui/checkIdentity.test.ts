/**
 * Check Identity in the workbench, as a person meets its two commonest failures: no network (STS on
 * a closed loopback port stands for an outage) and an expired SSO login. Each is one notification
 * with its action; neither adds a Problems entry of its own (a network outage is not a line of
 * ~/.aws/config; the expired login is already SSO_TOKEN_EXPIRED). Only 127.0.0.1 is contacted.
 */
import * as assert from 'assert';
import { readProblems, runCommandFromPalette, waitForStatusBarText } from '../vscode/codeServer';
import { nothingHappensWithin } from '../vscode/gestures';
import { requireVsCodePeers } from '../vscode/peers';
import type { UiSession } from './session';
import { reportFailure, startUiSession, STATUS_ID, switchProfile } from './session';
import { clearNotifications, waitForToast } from './terminalSession';

describe('Check Identity in the workbench (UI)', function () {
  this.timeout(240_000);
  let s: UiSession | undefined;

  before(async function () {
    requireVsCodePeers(this);
    // Port 9 on loopback is closed: the SDK's connection is refused, as when the network is down.
    s = await startUiSession({ AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
    await waitForStatusBarText(s.page, STATUS_ID, /default/, 60_000);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await reportFailure(this.currentTest.title, s?.page, s?.server);
  });
  after(async () => {
    await s?.close();
  });

  const markers = async () => (await readProblems(s!.page)).filter((r) => r.kind === 'marker').map((r) => r.text);

  it('offline: one notification with Retry, and no Problems entry pinned to a line of config', async () => {
    const page = s!.page;
    await clearNotifications(page);
    await runCommandFromPalette(page, 'AWS Credentials Doctor: Check Identity (live STS call)');
    const toast = await waitForToast(page, /could not reach STS/, 60_000);
    assert.deepStrictEqual(toast, {
      message:
        'Check Identity could not reach STS (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9): check the network, a proxy or the endpoint. Nothing is known about the credentials.',
      buttons: ['Retry', 'Show Log'],
    });
    await nothingHappensWithin(1000); // the Problems panel has had the refresh the check asked for (no LIVE_ entry may come)
    const rows = await markers();
    assert.ok(
      rows.some((r) => /STALE_SESSION_TOKEN/.test(r)),
      JSON.stringify(rows),
    );
    assert.ok(!rows.some((r) => /LIVE_/.test(r)), JSON.stringify(rows));
  });

  it('an expired SSO login: a Sign In button, and no second Problems entry beside SSO_TOKEN_EXPIRED', async () => {
    const page = s!.page;
    await switchProfile(page, 'sso-dev');
    await waitForStatusBarText(page, STATUS_ID, 'sso-dev', 10_000);
    await clearNotifications(page);
    await runCommandFromPalette(page, 'AWS Credentials Doctor: Check Identity (live STS call)');
    // The JavaScript SDK says "Value not present for 'clientId' in SSO Token. Cannot refresh…": the user reads what to do.
    const toast = await waitForToast(page, /SSO login/, 60_000);
    assert.deepStrictEqual(toast, {
      message: 'The SSO login of AWS profile "sso-dev" has expired: sign in again.',
      buttons: ['Sign In'],
    });
    await nothingHappensWithin(1000);
    const rows = await markers();
    assert.strictEqual(rows.filter((r) => /SSO_TOKEN_EXPIRED/.test(r)).length, 1, JSON.stringify(rows));
    assert.ok(!rows.some((r) => /LIVE_/.test(r)), JSON.stringify(rows));
    // (Sign In is not clicked: it would run the real `aws sso login`, which talks to AWS.)
  });
});
