/**
 * The Profiles view's model under plain Node (presentation/profileTree.ts): grouping by SSO session
 * and account or by kind, ranges in large groups, the filter, each row's words, icon, colour,
 * context and accessible label, the tooltips, the live results over the static state.
 */
import * as assert from 'node:assert/strict';
import { diagnose } from '../../src/engine/diagnose';
import type { ProfileLiveCheck, ProfileSummary } from '../../src/engine/findings/profiles';
import { withProfileStatuses } from '../../src/engine/output/profileStatus';
import { buildReport } from '../../src/engine/output/report';
import type { ProfileGroup, ProfileRow, TreeInput } from '../../src/extension/presentation/profileTree';
import {
  MAX_CHILDREN,
  buildProfileTree,
  buildProfileTreeSteps,
  childrenOf,
  groupItem,
  rowItem,
  rowState,
  rowTooltip,
  signInFor,
} from '../../src/extension/presentation/profileTree';
import { MemoryHost } from '../support/memoryHost';
import { allKindsHost } from './profileStatus.test';

const H = '/home/u';
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const MIN = 60_000;

function profilesOf(host: MemoryHost, env: Record<string, string> = {}): readonly ProfileSummary[] {
  const d = diagnose({ env: { HOME: H, ...env }, fs: host, now: NOW, fallbackHomeDir: H });
  return withProfileStatuses(buildReport(d), d).profiles;
}

const ALL = profilesOf(allKindsHost());

function input(over: Partial<TreeInput> = {}): TreeInput {
  return {
    profiles: ALL,
    current: 'default',
    live: new Map(),
    checking: new Set(),
    grouping: 'account',
    filter: '',
    now: NOW,
    warningMs: 15 * MIN,
    tools: ['node', 'python', 'cli'],
    ...over,
  };
}

function tree(over: Partial<TreeInput> = {}) {
  return buildProfileTree(input(over));
}

function row(t: ReturnType<typeof tree>, name: string): ProfileRow {
  const r = t.roots.flatMap((g) => g.rows).find((x) => x.profile.name === name);
  return r ?? assert.fail(`no row ${name}`);
}

const labels = (nodes: readonly (ProfileGroup | ProfileRow)[]) =>
  nodes.map((n) => (n.type === 'group' ? n.label : n.profile.name));

describe('the Profiles view model', () => {
  it('by SSO session and account: sessions (then their accounts), then accounts, then the other profiles; every profile once', () => {
    const t = tree();
    assert.deepEqual(labels(t.roots), [
      'corp',
      'nope',
      'old',
      'soon',
      '444444444444',
      '555555555555',
      'Other profiles',
    ]);
    assert.deepEqual(
      t.roots.map((g) => g.kind),
      ['session', 'session', 'session', 'session', 'account', 'account', 'other'],
    );
    const corp = t.roots[0];
    assert.deepEqual(labels(childrenOf(corp)), ['111111111111']);
    assert.deepEqual(labels(childrenOf(corp.groups[0])), ['sso-ok']);
    assert.deepEqual(labels(childrenOf(t.roots[6])), ['default', 'profile prefixed', 'settings', 'temp']);
    assert.equal(t.shown, 10);
    assert.equal(t.total, 10);
    assert.equal(t.expandAll, true, 'a small home is shown open');
    const ids = t.roots.flatMap((g) => [g.id, ...g.groups.map((x) => x.id), ...g.rows.map((r) => r.id)]);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    assert.equal(row(t, 'sso-ok').parent, corp.groups[0]);
    assert.equal(corp.groups[0].parent, corp);
  });

  it('by kind: SSO, role, static keys, settings only, in that order', () => {
    const t = tree({ grouping: 'kind' });
    assert.deepEqual(labels(t.roots), ['SSO', 'role', 'static keys', 'settings only']);
    assert.deepEqual(labels(childrenOf(t.roots[0])), ['sso-expired', 'sso-never', 'sso-ok', 'sso-soon']);
    assert.deepEqual(groupItem(t.roots[0], input({ grouping: 'kind' })), {
      label: 'SSO',
      description: '4 profiles · 3 need attention',
      icon: 'organization',
      accessibilityLabel: 'SSO, 4 profiles, 3 need attention',
    });
  });

  it('groups say their size, what needs attention, and for a session its login', () => {
    const t = tree();
    assert.deepEqual(groupItem(t.roots[0], input()), {
      label: 'corp',
      description: '1 profile · login expires in 3h',
      icon: 'organization',
      accessibilityLabel: 'SSO session corp, 1 profile, login expires in 3h',
    });
    assert.equal(groupItem(t.roots[2], input()).description, '1 profile · login expired · 1 need attention');
    assert.equal(groupItem(t.roots[1], input()).description, '1 profile · not signed in · 1 need attention');
    assert.deepEqual(groupItem(t.roots[4], input()), {
      label: '444444444444',
      description: '1 profile · 1 need attention',
      icon: 'account',
      accessibilityLabel: 'account 444444444444, 1 profile, 1 need attention',
    });
  });

  it("a group of more than 100 profiles shows ranges of 100, closed; each row's parent is its range; built in steps of 250 profiles", () => {
    const config = [
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.com/start',
      'sso_region = us-east-1',
      '',
    ];
    for (let i = 0; i < 450; i++)
      config.push(
        `[profile p${String(i).padStart(3, '0')}]`,
        'sso_session = corp',
        `sso_account_id = ${String(100000000000 + (i % 3))}`,
        'sso_role_name = Dev',
        '',
      );
    const profiles = profilesOf(new MemoryHost({ [`${H}/.aws/config`]: config.join('\n') }));
    const t = tree({ profiles, grouping: 'kind' });
    assert.equal(t.expandAll, false);
    const sso = t.roots[0];
    assert.equal(sso.rows.length, 450);
    assert.deepEqual(labels(childrenOf(sso)), [
      'p000 – p099',
      'p100 – p199',
      'p200 – p299',
      'p300 – p399',
      'p400 – p449',
    ]);
    assert.equal(childrenOf(sso.groups[4]).length, 50);
    assert.equal((childrenOf(sso.groups[1])[0] as ProfileRow).parent, sso.groups[1]);
    assert.equal(MAX_CHILDREN, 100);
    // By account: three accounts of 150, each in two ranges (the session holds the accounts).
    const byAccount = tree({ profiles });
    assert.deepEqual(
      byAccount.roots[0].groups.map((g) => [g.label, g.rows.length, g.groups.length]),
      [
        ['100000000000', 150, 2],
        ['100000000001', 150, 2],
        ['100000000002', 150, 2],
      ],
    );
    // Steps: one per 250 profiles, then the tree.
    const steps = buildProfileTreeSteps(input({ profiles, grouping: 'kind' }));
    let n = 0;
    for (let s = steps.next(); !s.done; s = steps.next()) n++;
    assert.equal(n, 1);
  });

  it('the filter: name, account, session, role, kind, state words; matches highlighted; groups without a match left out; ids change so that groups open', () => {
    const expired = tree({ filter: 'Expired' });
    assert.deepEqual(
      expired.roots.flatMap((g) => g.rows).map((r) => r.profile.name),
      ['sso-expired', 'temp'],
    );
    assert.equal(expired.shown, 2);
    assert.equal(expired.total, 10);
    assert.ok(expired.roots.every((g) => g.id.endsWith('?expired')));
    const deploy = tree({ filter: 'deploy' });
    assert.deepEqual(
      deploy.roots.flatMap((g) => g.rows).map((r) => r.profile.name),
      ['role-missing', 'role-ok'],
    );
    assert.deepEqual(
      tree({ filter: '2222' })
        .roots.flatMap((g) => g.rows)
        .map((r) => r.profile.name),
      ['sso-expired'],
    );
    assert.deepEqual(
      tree({ filter: 'corp' }).roots.map((g) => g.label),
      ['corp'],
    );
    const sso = tree({ filter: 'sso-' });
    assert.deepEqual(rowItem(row(sso, 'sso-ok'), input({ filter: 'sso-' })).highlights, [[0, 4]]);
    const live = new Map<string, ProfileLiveCheck>([
      [
        'role-ok',
        {
          ok: false,
          account: null,
          arn: null,
          error: { name: 'AccessDenied', message: 'x' },
          findings: [],
          durationMs: 1,
          at: new Date(NOW).toISOString(),
        },
      ],
    ]);
    assert.deepEqual(
      tree({ filter: 'failed', live })
        .roots.flatMap((g) => g.rows)
        .map((r) => r.profile.name),
      ['role-ok'],
    );
  });

  it('each state in words, with its icon and colour; the current profile said once; the kind left out when grouped by kind', () => {
    const t = tree();
    const item = (name: string, grouping: 'account' | 'kind' = 'account') => {
      const r = rowItem(row(t, name), input({ grouping }));
      return [r.description, r.icon, r.color];
    };
    assert.deepEqual(item('default'), ['works · static keys · eu-west-1 · current', 'pass', 'testing.iconPassed']);
    assert.deepEqual(item('default', 'kind'), ['works · eu-west-1 · current', 'pass', 'testing.iconPassed']);
    assert.deepEqual(item('sso-ok'), ['works, expires in 3h · SSO · eu-west-1', 'pass', 'testing.iconPassed']);
    assert.deepEqual(item('sso-soon'), ['expires in 10m · SSO', 'watch', 'list.warningForeground']);
    assert.deepEqual(item('sso-expired'), ['SSO login expired · SSO', 'history', 'list.errorForeground']);
    assert.deepEqual(item('temp'), ['credentials expired · static keys', 'history', 'list.errorForeground']);
    assert.deepEqual(item('role-missing'), [
      'error: The source_profile "ghost" referenced in the profile "role-missing" does not ex… · role',
      'error',
      'list.errorForeground',
    ]);
    assert.deepEqual(
      item('profile prefixed'),
      ['error: PROFILE_PREFIX_IN_CREDENTIALS · static keys', 'error', 'list.errorForeground'],
      'botocore finds it, but the finding on its header says a request will fail',
    );
    assert.deepEqual(item('settings'), [
      'no credentials (settings only) · settings only · us-east-2',
      'circle-slash',
      'disabledForeground',
    ]);
    // The clock moves: ten minutes later the SSO login of sso-soon has expired.
    const later = tree({ now: NOW + 10 * MIN });
    assert.equal(
      rowItem(row(later, 'sso-soon'), input({ now: NOW + 10 * MIN })).description,
      'SSO login expired · SSO',
    );
    // Only the tools asked: the JavaScript SDK finds no credentials in "profile prefixed", botocore and the CLI do.
    const { findings: _, ...noFinding } = row(t, 'profile prefixed').profile.status;
    const prefixed = { ...row(t, 'profile prefixed').profile, status: { ...noFinding, findings: [] } };
    assert.equal(
      rowItem(row(tree({ profiles: [prefixed] }), 'profile prefixed'), input({ profiles: [prefixed] })).description,
      'works, but not in JavaScript SDK · static keys',
    );
    const some = ['python', 'cli'] as const;
    assert.equal(
      rowItem(
        row(tree({ profiles: [prefixed], tools: some }), 'profile prefixed'),
        input({ profiles: [prefixed], tools: some }),
      ).description,
      'works · static keys',
    );
  });

  it('the context words drive the inline actions: switch (not the current), sign in (when needed), checked', () => {
    const t = tree();
    const ctx = (name: string) => rowItem(row(t, name), input()).contextValue;
    assert.equal(ctx('default'), 'awsProfile current');
    assert.equal(ctx('sso-ok'), 'awsProfile switchable signIn');
    assert.equal(ctx('sso-expired'), 'awsProfile switchable signIn needsSignIn');
    assert.equal(
      ctx('sso-never'),
      'awsProfile switchable signIn',
      'its sso_session does not exist: signing in would not help',
    );
    assert.equal(signInFor(rowState(row(t, 'sso-expired'), input())), 'sso');
    assert.equal(signInFor(rowState(row(t, 'temp'), input())), undefined);
  });

  it('the state is never by colour alone: the accessible label says it, with the kind and "current"', () => {
    const t = tree();
    assert.equal(
      rowItem(row(t, 'sso-expired'), input()).accessibilityLabel,
      'profile sso-expired, SSO login expired, SSO',
    );
    assert.equal(
      rowItem(row(t, 'default'), input()).accessibilityLabel,
      'profile default, works, static keys, current',
    );
  });

  it('a warning on a profile\'s lines is said beside a state that is fine otherwise, and stands back for a live result; an error that fails its requests makes it "error"', () => {
    const secret = 'FAKEsecretKEYforTESTSonly'.padEnd(40, '0');
    const profiles = profilesOf(
      new MemoryHost({
        [`${H}/.aws/config`]: `[profile typo]\nregion = eu-wset-1\naws_access_key_id = AKIAFAKEKEYDOCTORTRE\naws_secret_access_key = ${secret}\n`,
        [`${H}/.aws/credentials`]: `[stale]\naws_access_key_id = AKIAFAKEKEYDOCTORTWO\naws_secret_access_key = ${secret}\naws_session_token = FwoGZXIvYXdzFAKEtoken\n`,
      }),
    );
    const at = new Date(NOW).toISOString();
    const confirmed = new Map<string, ProfileLiveCheck>([
      [
        'typo',
        {
          ok: true,
          account: '123456789012',
          arn: 'arn:aws:iam::123456789012:user/u',
          error: null,
          findings: [],
          durationMs: 9,
          at,
        },
      ],
    ]);
    const shown = (over: Partial<TreeInput> = {}) => {
      const i = input({ profiles, current: 'none', ...over });
      const t = buildProfileTree(i);
      return (name: string) => {
        const r = rowItem(row(t, name), i);
        return [r.description, r.icon, r.color, r.accessibilityLabel];
      };
    };
    assert.deepEqual(shown()('typo'), [
      'works · warning: REGION_UNKNOWN · static keys · eu-wset-1',
      'warning',
      'list.warningForeground',
      'profile typo, works, warning: REGION_UNKNOWN, static keys',
    ]);
    assert.deepEqual(shown()('stale'), [
      'error: PROFILE_STALE_SESSION_TOKEN · static keys',
      'error',
      'list.errorForeground',
      'profile stale, error: PROFILE_STALE_SESSION_TOKEN, static keys',
    ]);
    assert.deepEqual(shown({ live: confirmed })('typo'), [
      'confirmed: account 123456789012 · static keys · eu-wset-1',
      'verified-filled',
      'testing.iconPassed',
      'profile typo, confirmed: account 123456789012, static keys',
    ]);
    assert.deepEqual(shown({ checking: new Set(['typo']) })('typo').slice(0, 2), [
      'checking… · static keys · eu-wset-1',
      'loading~spin',
    ]);
  });

  it('live results over the static state: checking, confirmed with the account, failed with the code, not checked with the reason', () => {
    const at = new Date(NOW - 3 * MIN).toISOString();
    const live = new Map<string, ProfileLiveCheck>([
      [
        'role-ok',
        {
          ok: true,
          account: '555555555555',
          arn: 'arn:aws:sts::555555555555:assumed-role/Deploy/s',
          error: null,
          findings: [],
          durationMs: 90,
          at,
        },
      ],
      [
        'default',
        {
          ok: false,
          account: null,
          arn: null,
          error: { name: 'InvalidClientTokenId', message: 'bad' },
          findings: [
            {
              code: 'LIVE_INVALID_CLIENT_TOKEN' as never,
              severity: 'error',
              message: 'AWS rejected the access key. The local cause: EXAMPLE_KEYS — …',
              file: null,
              fileKind: null,
              line: null,
              column: null,
              env: null,
              tools: ['node'],
              related: [],
              fixes: [],
            },
          ],
          durationMs: 50,
          at,
        },
      ],
      [
        'settings',
        {
          ok: false,
          account: null,
          arn: null,
          error: null,
          findings: [],
          durationMs: 0,
          at,
          skipped: 'not checked: it runs a credential_process',
        },
      ],
    ]);
    const shown = input({ live, checking: new Set(['temp']) });
    const t = buildProfileTree(shown);
    const item = (name: string) => {
      const r = rowItem(row(t, name), shown);
      return [r.description, r.icon, r.color, r.contextValue];
    };
    assert.deepEqual(item('role-ok'), [
      'confirmed: account 555555555555 · role',
      'verified-filled',
      'testing.iconPassed',
      'awsProfile switchable checked',
    ]);
    assert.deepEqual(item('default'), [
      'check failed: LIVE_INVALID_CLIENT_TOKEN · static keys · eu-west-1 · current',
      'error',
      'testing.iconFailed',
      'awsProfile current checked',
    ]);
    assert.deepEqual(item('settings'), [
      'not checked · no credentials (settings only) · settings only · us-east-2',
      'circle-slash',
      'disabledForeground',
      'awsProfile switchable checked',
    ]);
    assert.deepEqual(item('temp'), ['checking… · static keys', 'loading~spin', undefined, 'awsProfile switchable']);
    assert.match(
      rowTooltip(row(t, 'default'), shown),
      /\n\*\*Live check\*\* \(3m ago\): \*\*failed\*\* `LIVE_INVALID_CLIENT_TOKEN` — AWS rejected the access key\. The local cause: EXAMPLE\\_KEYS — …$/,
    );
    assert.match(
      rowTooltip(row(t, 'role-ok'), shown),
      /\*\*Live check\*\* \(3m ago\): confirmed, account `555555555555`, `arn:aws:sts::555555555555:assumed-role\/Deploy\/s`$/,
    );
  });

  it('the tooltip: the state in a sentence with what to do, account, role and session, where it is defined (home as ~), what each tool resolves', () => {
    const t = tree();
    assert.equal(
      rowTooltip(row(t, 'sso-expired'), input(), undefined, H),
      [
        '**sso-expired** — SSO',
        '',
        'SSO login expired: sign in (aws sso login --profile sso-expired).',
        '',
        'account `222222222222` · role `Admin` · SSO session `old`',
        '',
        'Defined in `~/.aws/config`, line 22',
        '',
        '| tool | resolves | region | expires |',
        '|---|---|---|---|',
        "| JavaScript SDK v3 | **fails**: Value not present for 'clientId' in SSO Token. |  |  |",
        '| botocore (boto3, AWS CLI v1) | **fails**: Error when retrieving token from sso: Token has expired and refresh failed |  |  |',
        '| AWS CLI v2 | **fails**: Error when retrieving token from sso: Token has expired and refresh failed |  |  |',
      ].join('\n'),
    );
    assert.match(
      rowTooltip(row(t, 'role-ok'), input(), undefined, H),
      /\| botocore \(boto3, AWS CLI v1\) \| `assume-role` via default `\*{16}RONE` \| {2}\| {2}\|/,
    );
    const prefixed = rowTooltip(row(t, 'profile prefixed'), input(), undefined, H);
    assert.match(prefixed, /^A request will fail: PROFILE\\_PREFIX\\_IN\\_CREDENTIALS \(see Problems below\)\.$/m);
    assert.match(
      prefixed,
      /\n\*\*Problems\*\*\n\n- `PROFILE_PREFIX_IN_CREDENTIALS` \(line 5\): \\\[profile prefixed\\\] in the credentials file is not the profile "prefixed": the credentials file takes bare names\.$/,
    );
  });

  it('a hostile profile name is shown escaped, in the label and the tooltip', () => {
    const profiles = profilesOf(
      new MemoryHost({
        [`${H}/.aws/credentials`]:
          '[evil\x1b[2J|*x*]\naws_access_key_id = AKIAFAKEKEYDOCTORONE\naws_secret_access_key = FAKEsecretKEYforTESTSonly000000000000000\n',
      }),
    );
    const t = tree({ profiles });
    const r = t.roots[0].rows[0];
    assert.equal(rowItem(r, input({ profiles })).label, 'evil\\x1b[2J|*x*');
    assert.match(rowTooltip(r, input({ profiles })), /^\*\*evil\\\\x1b\\\[2J\\\|\\\*x\\\*\*\* — static keys$/m);
  });
});
