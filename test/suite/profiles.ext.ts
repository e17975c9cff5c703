/**
 * The Profiles view inside the real extension host (code-server), on a home of 2,000 config
 * profiles and 2,000 credentials sections (test/bench/largeHome.ts) plus a few profiles for a real
 * moto STS (test/vscode/profilesSuite.test.ts starts it and writes the home): every profile's
 * state, grouping, the filter, the row actions, and Check All Profiles completing against moto;
 * throughout, the longest synchronous block of the extension host's event loop.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { monitorEventLoopDelay, performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { Commands } from '../../src/extension/commandIds';
import type { DoctorApi } from '../../src/extension/extension';
import type { ProfileGroup, ProfileNode, ProfileRow, ProfileTree } from '../../src/extension/presentation/profileTree';
import { api } from './helpers';

const ALICE_ARN = process.env.ACD_TEST_ALICE_ARN ?? '';
/** Profiles of the home: the large home's (2,000 config profiles, 1,500 credentials-only sections) and ours. */
const TOTAL = Number(process.env.ACD_TEST_PROFILES ?? 0);

/** Resolves with the model once it satisfies the predicate (now, or after a build). */
function waitForModel(
  a: DoctorApi,
  predicate: (t: ProfileTree) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<ProfileTree> {
  const now = a.profiles.model;
  if (now && predicate(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for the Profiles view: ${what}`));
    }, timeoutMs);
    const sub = a.profiles.onDidBuild((t) => {
      if (!predicate(t)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(t);
    });
  });
}

function rowOf(t: ProfileTree, name: string): ProfileRow {
  for (const g of t.roots) for (const r of g.rows) if (r.profile.name === name) return r;
  return assert.fail(`no row for ${name}`);
}

/** This thread's CPU time in ms (Linux: /proc/thread-self/schedstat, in ns), or undefined elsewhere. */
function threadCpuMs(): number | undefined {
  try {
    return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * Watches the event loop with a 1 ms timer: every gap between two ticks, and what blocked the loop
 * in it: the CPU time of this thread (the extension host's main thread) in the gap, where Linux
 * tells it; elsewhere bounded by the CPU of the whole process (the diagnosis worker's too) and the
 * time the loop was active (eventLoopUtilization, preemption included). A gap this thread did not
 * run in is the kernel giving the shared cores to other processes.
 */
function blockWatch(): {
  mark(what: string): void;
  stop(): { longestBlock: number; longestGap: number; over20: number; long: string[] };
} {
  const start = performance.now();
  const long: string[] = [];
  let t = performance.now();
  let cpu = process.cpuUsage();
  let elu = performance.eventLoopUtilization();
  let thread = threadCpuMs();
  let longestBlock = 0;
  let longestGap = 0;
  let over20 = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    const active = performance.eventLoopUtilization(elu).active;
    const threadNow = threadCpuMs();
    const ran = thread === undefined || threadNow === undefined ? Infinity : threadNow - thread;
    const gap = now - t;
    const block = Math.min(gap, (used.user + used.system) / 1000, active, ran);
    longestBlock = Math.max(longestBlock, block);
    longestGap = Math.max(longestGap, gap);
    // The gaps where this thread ran longest, and what filled them (gap/process CPU/active/thread CPU ms), for the figures.
    if (block > 10 && long.length < 40)
      long.push(
        `${(t - start).toFixed(0)}:${gap.toFixed(0)}/${((used.user + used.system) / 1000).toFixed(0)}/${active.toFixed(0)}/${ran.toFixed(0)}`,
      );
    if (gap > 20) over20++;
    t = now;
    cpu = process.cpuUsage();
    elu = performance.eventLoopUtilization();
    thread = threadCpuMs();
  }, 1);
  return {
    // A step of the test among the long gaps, to tell which one a long gap belongs to.
    mark: (what) => {
      if (long.length < 40) long.push(`${(performance.now() - start).toFixed(0)}:<${what}>`);
    },
    stop: () => {
      clearInterval(timer);
      return { longestBlock, longestGap, over20, long };
    },
  };
}

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label);

describe('the Profiles view on a 2,000-profile home', function () {
  this.timeout(900_000);
  let a: DoctorApi;
  const delay = monitorEventLoopDelay({ resolution: 1 });

  before(async () => {
    a = await api();
    assert.ok(TOTAL > 3000, 'the runner wrote the large home');
    delay.enable();
  });
  after(() => delay.disable());

  it('shows every profile with its state, computed in the worker (nothing diagnosed on the host), groups closed', async () => {
    assert.equal(a.profiles.view.visible, false);
    assert.equal(a.doctor.profileStatuses, false, 'hidden: no state is computed');
    assert.ok(a.doctor.last!.report.profiles.every((p) => p.status === undefined));
    const gaps = blockWatch();
    const started = performance.now();
    await vscode.commands.executeCommand('awsCredentialsDoctor.profiles.focus');
    const t = await waitForModel(a, (m) => m.total === TOTAL, `${TOTAL} profiles`);
    const firstRender = performance.now() - started;
    const loop = gaps.stop();
    console.log(
      `ACD_PROFILES_FIRST_RENDER ${JSON.stringify({ profiles: TOTAL, ms: firstRender, longestSlice: Math.max(...a.profiles.blocks), longestBlock: loop.longestBlock, longestGap: loop.longestGap, gapsOver20: loop.over20, long: loop.long.join(' ') })}`,
    );
    assert.ok(
      loop.longestBlock < 20,
      `showing the view blocked the extension host's event loop ${loop.longestBlock.toFixed(1)} ms`,
    );
    assert.equal(a.doctor.diagnosedHere, 0, 'the host diagnosed nothing');
    assert.equal(a.profiles.view.visible, true);
    assert.equal(a.profiles.view.description, `${TOTAL} profiles`);
    assert.equal(t.expandAll, false);
    const roots = a.profiles.getChildren();
    const items = roots.map((r) => a.profiles.getTreeItem(r));
    assert.deepEqual(items.map(labelOf), ['corp', '123456789012', 'Other profiles']);
    assert.ok(items.every((i) => i.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed));
    assert.match(String(items[0].description), /^500 profiles · not signed in · 500 need attention$/);
    // A group of more than 100 opens into ranges of 100.
    const other = roots[2] as ProfileGroup;
    const ranges = a.profiles.getChildren(other);
    assert.ok(ranges.every((r) => r.type === 'group' && r.kind === 'range' && r.rows.length <= 100));
    assert.equal(
      ranges.reduce((n, r) => n + (r as ProfileGroup).rows.length, 0),
      other.rows.length,
    );

    const shown = (name: string) => {
      const item = a.profiles.getTreeItem(rowOf(t, name));
      const icon = item.iconPath as vscode.ThemeIcon;
      // ThemeColor's id is typed from VS Code 1.94 on; the object has it on 1.93 as well.
      return [item.description, icon.id, (icon.color as { id?: string } | undefined)?.id, item.contextValue];
    };
    assert.deepEqual(shown('team-0'), [
      'works · role · us-east-1',
      'pass',
      'testing.iconPassed',
      'awsProfile switchable',
    ]);
    assert.deepEqual(shown('team-1'), [
      'not signed in to SSO · SSO · eu-central-1',
      'history',
      'list.errorForeground',
      'awsProfile switchable signIn needsSignIn',
    ]);
    assert.deepEqual(shown('team-2'), [
      'works · static keys · ap-southeast-2',
      'pass',
      'testing.iconPassed',
      'awsProfile switchable',
    ]);
    assert.deepEqual(shown('default'), [
      'no credentials (settings only) · settings only · eu-west-1 · current',
      'circle-slash',
      'disabledForeground',
      'awsProfile current',
    ]);
    assert.deepEqual(shown('stale'), [
      'error: PROFILE_STALE_SESSION_TOKEN · static keys',
      'error',
      'list.errorForeground',
      'awsProfile switchable',
    ]);
    const item = a.profiles.getTreeItem(rowOf(t, 'team-1'));
    assert.equal(item.accessibilityInformation?.label, 'profile team-1, not signed in to SSO, SSO');
    const tooltip = a.profiles.resolveTreeItem(item, rowOf(t, 'team-1')).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /^not signed in to SSO: sign in \(aws sso login --profile team-1\)\.$/m);
    assert.match(tooltip.value, /^\| AWS CLI v2 \| \*\*fails\*\*: /m);
  });

  it('the filter shows the matches and says how many; the grouping by kind; both come back', async () => {
    await vscode.commands.executeCommand(Commands.filterProfiles, 'team-1');
    let t = await waitForModel(a, (m) => m.shown < m.total, 'the filter');
    assert.equal(t.shown, 1111);
    assert.equal(a.profiles.view.message, `1111 of ${TOTAL} profiles match "team-1".`);
    assert.equal(a.profiles.view.description, 'filter: team-1');
    await vscode.commands.executeCommand(Commands.filterProfiles, 'not signed in');
    t = await waitForModel(a, (m) => m.shown === 500, 'the state filter');
    assert.ok(t.roots.flatMap((g) => g.rows).every((r) => r.profile.kind === 'sso'));
    await vscode.commands.executeCommand(Commands.clearProfileFilter);
    await vscode.commands.executeCommand(Commands.groupProfilesByKind);
    t = await waitForModel(a, (m) => m.roots[0]?.kind === 'kind', 'the grouping by kind');
    assert.deepEqual(
      a.profiles.getChildren().map((r) => labelOf(a.profiles.getTreeItem(r))),
      ['SSO', 'role', 'static keys', 'process', 'settings only'],
    );
    assert.equal(t.shown, TOTAL);
    await vscode.commands.executeCommand(Commands.groupProfilesByAccount);
    await waitForModel(a, (m) => m.roots[0]?.kind === 'session', 'the grouping by session');
  });

  it("Check All Profiles completes against moto: each profile's identity or error and local cause in the view, the credential_process profiles skipped; Copy Results; the extension host never blocked over 20 ms", async () => {
    delay.reset();
    // The extension host's event loop, every millisecond: each gap, and the CPU the process spent in
    // it. On a machine whose two cores are shared, a gap is also the time the kernel gave them to
    // other processes: the CPU spent is what blocked the loop.
    const gaps = blockWatch();
    const hostBlocks = a.doctor.refreshBlocks.length;
    const viewBlocks = a.profiles.blocks.length;
    const started = Date.now();
    const answer = await vscode.commands.executeCommand<{ cancelled: boolean; processes: number } | undefined>(
      Commands.checkAllProfiles,
      { credentialProcess: 'skip' },
    );
    const seconds = (Date.now() - started) / 1000;
    gaps.mark('checked');
    assert.deepEqual(answer, { cancelled: false, processes: 1 });
    const results = a.profileChecks.results;
    assert.equal(results.size, TOTAL, 'every profile reported');
    const code = (name: string) => {
      const c = results.get(name)!;
      return c.skipped !== undefined ? 'skipped' : c.findings.find((f) => f.code !== 'CLOCK_SKEW')?.code;
    };
    assert.equal(code('alice'), 'IDENTITY_CONFIRMED');
    assert.equal(results.get('alice')!.arn, ALICE_ARN);
    assert.equal(code('broken'), 'LIVE_INVALID_CLIENT_TOKEN');
    assert.equal(code('stale'), 'LIVE_INVALID_CLIENT_TOKEN');
    assert.match(results.get('stale')!.findings[0].message, /The local cause: PROFILE_STALE_SESSION_TOKEN/);
    assert.equal(code('team-1'), 'LIVE_SSO_TOKEN_ERROR');
    assert.equal(code('team-3'), 'skipped');
    assert.equal(code('team-0'), 'LIVE_INVALID_CLIENT_TOKEN', "the role's source keys are not moto's");
    // In the view: the words, the icon, the tooltip.
    const t = await waitForModel(a, () => true, 'the model');
    const alice = a.profiles.getTreeItem(rowOf(t, 'alice'));
    assert.equal(alice.description, 'confirmed: account 123456789012 · static keys');
    assert.equal((alice.iconPath as vscode.ThemeIcon).id, 'verified-filled');
    const stale = a.profiles.resolveTreeItem(a.profiles.getTreeItem(rowOf(t, 'stale')), rowOf(t, 'stale'));
    assert.equal(stale.description, 'check failed: LIVE_INVALID_CLIENT_TOKEN · static keys');
    assert.match(
      (stale.tooltip as vscode.MarkdownString).value,
      /\*\*failed\*\* `LIVE_INVALID_CLIENT_TOKEN` — AWS rejected the access key/,
    );
    gaps.mark('filter');
    await vscode.commands.executeCommand(Commands.filterProfiles, 'confirmed');
    const confirmed = await waitForModel(a, (m) => m.shown === 1, 'the confirmed profiles');
    assert.equal(confirmed.roots[0].rows[0].profile.name, 'alice');
    gaps.mark('clear');
    await vscode.commands.executeCommand(Commands.clearProfileFilter);

    const loop = gaps.stop();
    // Copy Results on its own: a 3,504-row table (about 1 MB) handed to the clipboard through VS
    // Code's RPC blocks the host 20-30 ms on this machine (a known excess, in the README's figures),
    // measured and reported here, not yet held to the 20 ms budget.
    const copying = blockWatch();
    const table = await vscode.commands.executeCommand<string>(Commands.copyProfileResults);
    // Watched up to here: what follows is this test reading a megabyte back and searching it, on the same thread.
    const copy = copying.stop();
    console.log(
      `ACD_PROFILES_COPY ${JSON.stringify({ rows: TOTAL, bytes: table.length, longestBlock: copy.longestBlock, long: copy.long.join(' ') })}`,
    );
    assert.equal(await vscode.env.clipboard.readText(), table);
    assert.match(
      table,
      /^\| `alice` \| static \| ok \| confirmed \| `arn:aws:iam::\*{8}9012:user\/alice` \| `\*{8}9012` \| works \|$/m,
    );
    assert.ok(!table.includes(process.env.ACD_TEST_ALICE_SECRET ?? 'x'.repeat(40)));

    const ours = [...a.doctor.refreshBlocks.slice(hostBlocks), ...a.profiles.blocks.slice(viewBlocks)];
    const longest = Math.max(...ours);
    console.log(
      `ACD_PROFILES_BENCH ${JSON.stringify({ profiles: TOTAL, seconds, slices: ours.length, longestSlice: longest, longestBlock: loop.longestBlock, longestGap: loop.longestGap, gapsOver20: loop.over20, eventLoopDelayMax: delay.max / 1e6, eventLoopDelayP99: delay.percentile(99) / 1e6 })}`,
    );
    const top = (xs: number[]) =>
      [...xs]
        .sort((x, y) => y - x)
        .slice(0, 5)
        .map((x) => x.toFixed(1))
        .join(' ');
    console.log(
      `ACD_PROFILES_SLICES host ${top(a.doctor.refreshBlocks.slice(hostBlocks))} view ${top(a.profiles.blocks.slice(viewBlocks))} long ${loop.long.join(' ')}`,
    );
    // The view's slices are bounded by the CPU spent (the host's refreshes are wall time: figures only).
    const view = Math.max(...a.profiles.blocks.slice(viewBlocks));
    assert.ok(view < 20, `the view's longest slice was ${view.toFixed(1)} ms`);
    assert.ok(
      loop.longestBlock < 20,
      `the extension host's event loop was blocked ${loop.longestBlock.toFixed(1)} ms (CPU in one gap)`,
    );
  });

  it('cancelling a check: it ends at once, the profiles under way are not reported', async () => {
    a.profileChecks.results.clear();
    const running = vscode.commands.executeCommand<{ cancelled: boolean } | undefined>(Commands.checkAllProfiles, {
      credentialProcess: 'skip',
    });
    await new Promise<void>((resolve) => {
      const sub = a.profileChecks.onDidChange(() => {
        if (a.profileChecks.results.size < 10) return;
        sub.dispose();
        resolve();
      });
    });
    a.profileChecks.cancel();
    const answer = await running;
    assert.equal(answer?.cancelled, true);
    assert.ok(a.profileChecks.results.size < TOTAL);
    assert.equal(a.profileChecks.checking.size, 0);
    assert.equal(a.profileChecks.isRunning, false);
  });

  it('the row actions: switch, reveal the line, copy the name', async () => {
    const t = a.profiles.model!;
    const row: ProfileNode = rowOf(t, 'team-2');
    await vscode.commands.executeCommand(Commands.switchToProfile, row);
    await waitForModel(
      a,
      (m) =>
        m.roots.some((g) => g.rows.some((r) => r.profile.name === 'team-2')) &&
        a.doctor.last!.report.profile.name === 'team-2',
      'the switch',
    );
    assert.match(String(a.profiles.getTreeItem(rowOf(a.profiles.model!, 'team-2')).description), / · current$/);
    await vscode.commands.executeCommand(Commands.revealProfile, row);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.fsPath, rowOf(t, 'team-2').profile.path);
    assert.equal(editor.selection.active.line, rowOf(t, 'team-2').profile.line - 1);
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /^\[profile team-2\]$/);
    await vscode.commands.executeCommand(Commands.copyProfileName, row);
    assert.equal(await vscode.env.clipboard.readText(), 'team-2');
  });
});
