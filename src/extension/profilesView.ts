/**
 * The Profiles view: every profile with its state, grouped by SSO session and account or by kind,
 * filtered, each with inline actions (switch, sign in, check identity, reveal its line). Cheap when
 * hidden: the profiles' states are asked of the diagnosis worker only while the view is visible,
 * and nothing is built until then. The model (presentation/profileTree.ts) is built once per
 * change, in a slice of its own; getChildren hands out what it holds; a row's item is made when VS
 * Code shows it, and its tooltip when the pointer rests on it (resolveTreeItem).
 */
import * as vscode from 'vscode';
import { Disposable } from './disposable';
import type { Doctor, DoctorState } from './doctor';
import type { ProfileChecks } from './profileChecks';
import type { Grouping, ProfileNode, ProfileRow, ProfileTree, ViewContext } from './presentation/profileTree';
import type { ProfileTreeModule } from './lazyBundles';
import { loadProfileTree } from './lazyBundles';

export const PROFILES_VIEW_ID = 'awsCredentialsDoctor.profiles';
const GROUPING_KEY = 'awsCredentialsDoctor.profiles.grouping';
/** Descriptions say "expires in 12m": the view is rebuilt this often while visible. */
const CLOCK_MS = 60_000;
/** While a check runs, its outcomes reach the view at most this often. */
const CHECKS_MS = 300;

export class ProfilesView extends Disposable implements vscode.TreeDataProvider<ProfileNode> {
  private readonly changed = this._register(new vscode.EventEmitter<ProfileNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly didBuild = this._register(new vscode.EventEmitter<ProfileTree>());
  /** A model was built and shown (the tests wait for it). */
  readonly onDidBuild = this.didBuild.event;
  readonly view: vscode.TreeView<ProfileNode>;
  private tree: ProfileTree | undefined;
  private grouping: Grouping;
  private filterText = '';
  private clock: NodeJS.Timeout | undefined;
  private pending: NodeJS.Timeout | undefined;
  /** Milliseconds of each synchronous slice the view spent building its model, the last 1,000 (the tests and the benchmark read the longest). */
  readonly blocks: number[] = [];
  /** Bumped by every build: a build that another overtook stops. */
  private generation = 0;

  /** The model's code (dist/profileTree.js), loaded when the view first builds: activation does not pay for it. */
  private get code(): ProfileTreeModule {
    return loadProfileTree(this.context.extensionPath);
  }

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly doctor: Doctor,
    private readonly checks: ProfileChecks,
    private readonly home: string,
  ) {
    super();
    this.grouping = context.globalState.get<Grouping>(GROUPING_KEY) === 'kind' ? 'kind' : 'account';
    this.view = this._register(
      vscode.window.createTreeView(PROFILES_VIEW_ID, { treeDataProvider: this, showCollapseAll: true }),
    );
    this._register(this.view.onDidChangeVisibility(() => this.visibilityChanged()));
    this._register(doctor.onDidChange((s) => this.view.visible && this.rebuild(s)));
    this._register(checks.onDidChange(() => this.soon()));
    this._register({
      dispose: () => {
        clearInterval(this.clock);
        clearTimeout(this.pending);
      },
    });
    void this.setContext();
    this.visibilityChanged();
  }

  get filter(): string {
    return this.filterText;
  }

  get currentGrouping(): Grouping {
    return this.grouping;
  }

  /** The model as built last (the tests read it). */
  get model(): ProfileTree | undefined {
    return this.tree;
  }

  private visibilityChanged(): void {
    const visible = this.view.visible;
    this.doctor.profileStatuses = visible;
    clearInterval(this.clock);
    this.clock = undefined;
    if (!visible) return;
    this.clock = setInterval(() => this.rerender(), CLOCK_MS);
    const state = this.doctor.last;
    // The states come with a diagnosis made while the view is visible: ask for one when the last has none.
    if (!state || state.report.profiles.some((p) => !p.status)) {
      this.view.message = vscode.l10n.t('Reading the state of every profile…');
      void this.doctor.refreshInBackground();
    } else this.rebuild(state);
  }

  /** The rows shown again shortly (a running check reports many outcomes a second). */
  private soon(): void {
    if (this.pending || !this.view.visible) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.rerender();
    }, CHECKS_MS);
  }

  /**
   * The clock moved or live results came: the tree stays as built (a row's words are made when it
   * is shown), VS Code asks again for the rows it shows. With a filter, what matches may have
   * changed ("expired", "failed"): built again.
   */
  private rerender(): void {
    if (this.filterText) this.rebuild();
    else if (this.tree) this.changed.fire(undefined);
  }

  /** What the rows are shown with now. */
  private shownWith(state: DoctorState | undefined = this.doctor.last): ViewContext {
    return {
      current: state?.report.profile.name ?? '',
      live: this.checks.results,
      checking: this.checks.checking,
      grouping: this.grouping,
      filter: this.filterText,
      now: Date.now(),
      warningMs: (state?.settings.expiryWarningMinutes ?? 15) * 60_000,
      tools: state?.settings.tools ?? [],
    };
  }

  /**
   * Builds the model again (a new diagnosis, grouping or filter), a slice of profiles per turn of the
   * event loop; the view shows the previous model until it is done. The newest build wins.
   */
  private rebuild(state: DoctorState | undefined = this.doctor.last): void {
    if (!state || state.report.profiles.some((p) => !p.status)) return;
    const generation = ++this.generation;
    const steps = this.code.buildProfileTreeSteps(
      { ...this.shownWith(state), profiles: state.report.profiles },
      vscode.l10n,
    );
    const step = (): void => {
      if (generation !== this.generation) return;
      const t0 = performance.now();
      const cpu = process.cpuUsage();
      const next = steps.next();
      if (next.done) this.show(next.value);
      this.recordBlock(t0, cpu);
      if (!next.done) setImmediate(step);
    };
    step();
  }

  private show(tree: ProfileTree): void {
    this.tree = tree;
    const { shown, total } = tree;
    this.view.description = this.filterText
      ? vscode.l10n.t('filter: {0}', this.filterText)
      : vscode.l10n.t('{0} profiles', total);
    this.view.message = this.filterText
      ? vscode.l10n.t('{0} of {1} profiles match "{2}".', shown, total, this.filterText)
      : undefined;
    void vscode.commands.executeCommand('setContext', 'awsCredentialsDoctor.profiles.empty', total === 0);
    this.changed.fire(undefined);
    this.didBuild.fire(tree);
  }

  /**
   * A slice's time: its wall time, bounded by the CPU the process spent meanwhile (on two shared
   * cores the wall time also counts the turns the kernel gave other processes).
   */
  private recordBlock(t0: number, cpu: NodeJS.CpuUsage): void {
    const used = process.cpuUsage(cpu);
    const ms = Math.min(performance.now() - t0, (used.user + used.system) / 1000);
    if (this.blocks.push(ms) > 1000) this.blocks.shift();
  }

  getChildren(node?: ProfileNode): ProfileNode[] {
    if (!this.tree) return [];
    if (!node) return [...this.tree.roots];
    return node.type === 'group' ? [...this.code.childrenOf(node)] : [];
  }

  getParent(node: ProfileNode): ProfileNode | undefined {
    return node.parent;
  }

  getTreeItem(node: ProfileNode): vscode.TreeItem {
    const ctx = this.shownWith();
    if (node.type === 'group') {
      const g = this.code.groupItem(node, ctx, vscode.l10n);
      const item = new vscode.TreeItem(
        g.label,
        this.tree?.expandAll ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
      );
      item.id = node.id + (this.tree?.expandAll ? '#open' : '');
      item.description = g.description;
      item.iconPath = new vscode.ThemeIcon(g.icon);
      item.contextValue = 'awsProfileGroup';
      item.accessibilityInformation = { label: g.accessibilityLabel, role: 'treeitem' };
      return item;
    }
    const r = this.code.rowItem(node, ctx, vscode.l10n);
    const item = new vscode.TreeItem(
      { label: r.label, highlights: [...r.highlights] },
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.description = r.description;
    item.iconPath = new vscode.ThemeIcon(r.icon, r.color ? new vscode.ThemeColor(r.color) : undefined);
    item.contextValue = r.contextValue;
    item.accessibilityInformation = { label: r.accessibilityLabel, role: 'treeitem' };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: ProfileNode): vscode.TreeItem {
    if (node.type === 'profile')
      item.tooltip = new vscode.MarkdownString(this.code.rowTooltip(node, this.shownWith(), vscode.l10n, this.home));
    return item;
  }

  // ------------------------------------------------------------------------------------ commands

  /** Asks for the filter text (empty clears it). */
  async askFilter(): Promise<void> {
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter AWS profiles'),
      prompt: vscode.l10n.t(
        'Part of a name, account, SSO session, role, kind or state (for example: expired, error, confirmed). Empty shows every profile.',
      ),
      value: this.filterText,
    });
    if (text !== undefined) this.setFilter(text);
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    void this.setContext();
    this.rebuild();
  }

  async setGrouping(grouping: Grouping): Promise<void> {
    this.grouping = grouping;
    await this.context.globalState.update(GROUPING_KEY, grouping);
    void this.setContext();
    this.rebuild();
  }

  private setContext(): Thenable<unknown> {
    return Promise.all([
      vscode.commands.executeCommand('setContext', 'awsCredentialsDoctor.profiles.filtered', this.filterText !== ''),
      vscode.commands.executeCommand('setContext', 'awsCredentialsDoctor.profiles.grouping', this.grouping),
    ]);
  }

  /** The profiles the view shows (the filter's matches; every profile of the last state before the view was opened), or those of a group. */
  profilesOf(node?: ProfileNode): string[] {
    if (node?.type === 'profile') return [node.profile.name];
    if (node) return node.rows.map((r) => r.profile.name);
    if (!this.tree) return (this.doctor.last?.report.profiles ?? []).map((p) => p.name);
    return this.tree.roots.flatMap((r) => r.rows).map((r) => r.profile.name);
  }

  /** What a check of these profiles is called in its progress. */
  describe(node?: ProfileNode): string {
    if (node?.type === 'profile') return vscode.l10n.t('profile {0}', node.profile.name);
    const n = this.profilesOf(node).length;
    if (node) return vscode.l10n.t('{0} profiles of {1}', n, node.label);
    return this.filterText
      ? vscode.l10n.t('{0} profiles matching "{1}"', n, this.filterText)
      : vscode.l10n.t('{0} profiles', n);
  }

  /** The profile a command was given (a row of the view, or a name). */
  static profileOf(arg: unknown): string | undefined {
    if (typeof arg === 'string') return arg;
    const node = arg as ProfileNode | undefined;
    return node?.type === 'profile' ? node.profile.name : undefined;
  }

  /** Opens the file at the line that defines the profile. */
  async reveal(arg: unknown): Promise<void> {
    const node = arg as ProfileRow | undefined;
    const p =
      node?.type === 'profile'
        ? node.profile
        : this.doctor.last?.report.profiles.find((x) => x.name === ProfilesView.profileOf(arg));
    if (!p) return;
    const at = new vscode.Position(Math.max(0, p.line - 1), 0);
    await vscode.window.showTextDocument(vscode.Uri.file(p.path), {
      selection: new vscode.Range(at, at),
      preview: true,
    });
  }

  /** The sign-in a row needs (or its kind's, from the context menu). */
  signInOf(arg: unknown): 'sso' | 'login' | undefined {
    const node = arg as ProfileRow | undefined;
    if (node?.type !== 'profile') return undefined;
    return (
      this.code.signInFor(this.code.rowState(node, this.shownWith())) ??
      (node.profile.kind === 'login' ? 'login' : node.profile.kind === 'sso' ? 'sso' : undefined)
    );
  }
}
