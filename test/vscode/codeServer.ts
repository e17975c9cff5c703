/**
 * Runs a real VS Code (code-server 4.100.3 = VS Code 1.100.3, installed by
 * scripts/setup-vscode-test-peers.sh into .vscode-test/code-server) on 127.0.0.1 and drives its
 * workbench with playwright-core + Debian's /usr/bin/chromium.
 *
 *  - startCodeServer():   one isolated code-server (own user-data, extensions, XDG dirs, HOME).
 *  - openWorkbench():     a headless Chromium page on it, ready when the workbench and status bar show.
 *  - runExtensionTests(): runs a compiled mocha suite in the remote (Node) extension host, the way
 *                         @vscode/test-electron does, via the workbench's `payload` parameter.
 *  - UI helpers:          status-bar items, Problems panel rows, command palette, screenshots.
 *
 * Everything listens on / talks to loopback only; the browser aborts every non-loopback request.
 * The caller's AWS_* variables never reach code-server (only what the caller passes in `env`).
 */
import type { ChildProcess } from 'child_process';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { format } from 'util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { focusHistory, instrumentWorkbench, pickQuickPickItem, waitUntil } from './gestures';

const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (
      fs.existsSync(path.join(dir, 'package.json')) &&
      fs.existsSync(path.join(dir, 'scripts', 'setup-vscode-test-peers.sh'))
    ) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start, '..', '..');
    dir = parent;
  }
}

export const DEFAULT_CODE_SERVER_BIN =
  process.env.CODE_SERVER_BIN ||
  path.join(REPO_ROOT, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
export const DEFAULT_CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const LOOPBACK = '127.0.0.1';

/** Settings written to the user settings.json before start (caller's `settings` are merged over these). */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.fetchOnlinePackageInfo': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'editor.experimental.asyncTokenization': false,
};

export interface StartCodeServerOptions {
  /** Folder opened by the workbench (absolute path). */
  workspaceFolder: string;
  /** VS Code's display language (`--locale`): the extension host loads the extensions' bundles for it. */
  locale?: string;
  /**
   * Extra environment for code-server and thus the extension host (e.g. HOME, AWS_CONFIG_FILE
   * pointing at fixtures). Nothing else is inherited except PATH, LANG/LC_ALL and TMPDIR.
   */
  env?: Record<string, string | undefined>;
  /** Fixture HOME; default env.HOME, else an empty folder under the temp root. */
  home?: string;
  userDataDir?: string;
  extensionsDir?: string;
  /** Merged over DEFAULT_SETTINGS into <userDataDir>/User/settings.json. */
  settings?: Record<string, unknown>;
  /**
   * Workspace trust as a user has it: enabled, and the opened folder not trusted (Restricted Mode).
   * Default false: trust disabled, every folder trusted.
   */
  workspaceTrust?: boolean;
  codeServerBin?: string;
  /** Milliseconds to wait for /healthz to answer. Default 60 000. */
  startTimeoutMs?: number;
  /** Receives code-server's stdout/stderr lines (default: kept in `server.output` only). */
  onOutput?: (line: string) => void;
  /** Keep the temp folder after stop() (for debugging). Also with KEEP_VSCODE_TEST_TMP=1. */
  keepTemp?: boolean;
}

export interface CodeServer {
  url: string;
  port: number;
  /** e.g. 127.0.0.1:41234 (the authority of vscode-remote:// URIs). */
  authority: string;
  workspaceFolder: string;
  tempRoot: string;
  userDataDir: string;
  extensionsDir: string;
  home: string;
  pid: number;
  /** Everything code-server printed so far. */
  output: string[];
  /** Builds a vscode-remote:// URI for an absolute path on this machine. */
  remoteUri(absPath: string): string;
  stop(): Promise<void>;
}

/** Processes (groups) started here and not yet stopped: killed if our own process exits. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });
}

export async function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, LOOPBACK, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function httpGetStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function buildEnv(callerEnv: Record<string, string | undefined>, home: string, xdgRoot: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: process.env.LANG ?? 'C.UTF-8',
    TMPDIR: process.env.TMPDIR ?? os.tmpdir(),
    // code-server writes config.yaml / coder.json under these: keep them out of the fixture HOME.
    XDG_CONFIG_HOME: path.join(xdgRoot, 'config'),
    XDG_DATA_HOME: path.join(xdgRoot, 'data'),
    XDG_CACHE_HOME: path.join(xdgRoot, 'cache'),
    // No extension gallery: code-server would otherwise query open-vsx.org from the server.
    EXTENSIONS_GALLERY: '{}',
  };
  if (process.env.LC_ALL) env.LC_ALL = process.env.LC_ALL;
  for (const [k, v] of Object.entries(callerEnv)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export async function startCodeServer(opts: StartCodeServerOptions): Promise<CodeServer> {
  const bin = opts.codeServerBin ?? DEFAULT_CODE_SERVER_BIN;
  if (!fs.existsSync(bin)) {
    throw new Error(`code-server not found at ${bin}: run scripts/setup-vscode-test-peers.sh first`);
  }
  if (!path.isAbsolute(opts.workspaceFolder) || !fs.existsSync(opts.workspaceFolder)) {
    throw new Error(`workspaceFolder must be an existing absolute path: ${opts.workspaceFolder}`);
  }
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-code-server-'));
  const userDataDir = opts.userDataDir ?? path.join(tempRoot, 'user-data');
  const extensionsDir = opts.extensionsDir ?? path.join(tempRoot, 'extensions');
  const home = opts.home ?? opts.env?.HOME ?? path.join(tempRoot, 'home');
  for (const d of [
    userDataDir,
    extensionsDir,
    home,
    path.join(userDataDir, 'User'),
    path.join(userDataDir, 'Machine'),
    path.join(tempRoot, 'xdg'),
  ]) {
    fs.mkdirSync(d, { recursive: true });
  }
  // The user settings, and the same as the remote machine's: code-server's extension host is a
  // remote one, which takes machine-scoped settings (such as
  // workbench.welcomePage.walkthroughs.openOnInstall) only from Machine/settings.json.
  const settings = JSON.stringify(
    {
      ...DEFAULT_SETTINGS,
      ...(opts.workspaceTrust ? { 'security.workspace.trust.enabled': true } : {}),
      ...(opts.settings ?? {}),
    },
    null,
    2,
  );
  for (const scope of ['User', 'Machine']) fs.writeFileSync(path.join(userDataDir, scope, 'settings.json'), settings);
  const configFile = path.join(tempRoot, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  const env = buildEnv({ ...(opts.env ?? {}), HOME: home }, home, path.join(tempRoot, 'xdg'));
  const output: string[] = [];
  const keepTemp = opts.keepTemp ?? process.env.KEEP_VSCODE_TEST_TMP === '1';
  const timeoutMs = opts.startTimeoutMs ?? 60_000;

  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await getFreePort();
    const args = [
      '--config',
      configFile,
      '--auth',
      'none',
      '--bind-addr',
      `${LOOPBACK}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(opts.locale ? ['--locale', opts.locale] : []),
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      opts.workspaceFolder,
    ];
    const child = spawn(bin, args, {
      env,
      cwd: opts.workspaceFolder,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    installExitHook();
    if (child.pid) liveGroups.add(child.pid);
    const onData = (buf: Buffer) => {
      for (const line of buf.toString('utf8').split(/\r?\n/)) {
        if (!line) continue;
        output.push(line);
        opts.onOutput?.(line);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    let exited: { code: number | null; signal: string | null } | undefined;
    const exitPromise = new Promise<void>((r) =>
      child.once('exit', (code, signal) => {
        exited = { code, signal };
        r();
      }),
    );

    const url = `http://${LOOPBACK}:${port}/`;
    const deadline = Date.now() + timeoutMs;
    let ready = false;
    while (Date.now() < deadline && !exited) {
      try {
        const status = await httpGetStatus(`${url}healthz`, 2000);
        if (status === 200) {
          ready = true;
          break;
        }
      } catch {
        /* not yet */
      }
      await sleep(150);
    }
    const stop = makeStopper(child, exitPromise, () => exited !== undefined, tempRoot, keepTemp);
    if (ready) {
      const authority = `${LOOPBACK}:${port}`;
      return {
        url,
        port,
        authority,
        workspaceFolder: opts.workspaceFolder,
        tempRoot,
        userDataDir,
        extensionsDir,
        home,
        pid: child.pid!,
        output,
        remoteUri: (p: string) => `vscode-remote://${authority}${pathToFileURL(p).pathname}`,
        stop,
      };
    }
    const addrInUse = output.some((l) => /EADDRINUSE/.test(l));
    await stop({ keepTempOverride: true });
    lastError = new Error(
      exited
        ? `code-server exited before answering (code ${exited.code}, signal ${exited.signal}). Output:\n${output.slice(-40).join('\n')}`
        : `code-server did not answer on ${url}healthz within ${timeoutMs} ms. Output:\n${output.slice(-40).join('\n')}`,
    );
    if (!addrInUse) break; // retry only a port race
  }
  if (!keepTemp) fs.rmSync(tempRoot, { recursive: true, force: true });
  throw lastError ?? new Error('code-server failed to start');
}

function makeStopper(
  child: ChildProcess,
  exitPromise: Promise<void>,
  hasExited: () => boolean,
  tempRoot: string,
  keepTemp: boolean,
) {
  let stopping: Promise<void> | undefined;
  return (o?: { keepTempOverride?: boolean }): Promise<void> => {
    if (!stopping) {
      stopping = (async () => {
        const pgid = child.pid;
        const killGroup = (sig: NodeJS.Signals) => {
          if (!pgid) return;
          try {
            process.kill(-pgid, sig);
          } catch {
            /* already gone */
          }
        };
        if (!hasExited()) killGroup('SIGTERM');
        await Promise.race([exitPromise, sleep(5000)]);
        // Children (extension host, pty host, file watcher) live in the same process group.
        await sleep(200);
        killGroup('SIGKILL');
        if (pgid) liveGroups.delete(pgid);
        if (!keepTemp && !o?.keepTempOverride) fs.rmSync(tempRoot, { recursive: true, force: true });
      })();
    }
    return stopping;
  };
}

/**
 * What an extension wrote to its log output channels in this server's extension hosts (all of
 * them, oldest first: a window reload starts another): the first thing to read when a UI test fails.
 */
export function extensionLog(server: CodeServer, extensionId: string): string {
  const logs = path.join(server.userDataDir, 'logs');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (path.basename(dir) === extensionId && e.name.endsWith('.log')) found.push(fs.readFileSync(p, 'utf8'));
    }
  };
  if (fs.existsSync(logs)) walk(logs);
  return found.join('');
}

// ---------------------------------------------------------------------------------------------
// Browser

export interface OpenWorkbenchOptions {
  /** The workbench `payload` query parameter (pairs of [key, value]). */
  payload?: Array<[string, string]>;
  /** Folder to open (default: the server's workspaceFolder). */
  folder?: string;
  /** Functions exposed on window before any page script runs (e.g. codeAutomationExit). */
  expose?: Record<string, (...args: any[]) => unknown>;
  viewport?: { width: number; height: number };
  /** Milliseconds to wait for the workbench to be ready. Default 60 000. */
  readyTimeoutMs?: number;
  /** Whether to wait for the workbench to be ready. Default true. */
  waitForReady?: boolean;
  /** Receives the page's console messages and page errors. */
  onConsole?: (type: string, text: string) => void;
  chromiumPath?: string;
  headless?: boolean;
}

export interface Workbench {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Milliseconds from browser launch until the workbench was ready (0 if not waited for). */
  readyMs: number;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-dev-shm-usage',
];

function isLoopbackUrl(u: string): boolean {
  try {
    const { protocol, hostname } = new URL(u);
    if (!/^(https?|wss?):$/.test(protocol)) return true; // data:, blob:, vscode-*: never leave the machine
    return hostname === LOOPBACK || hostname === 'localhost' || hostname === '[::1]' || hostname.endsWith('.localhost');
  } catch {
    return false;
  }
}

export function workbenchUrl(server: CodeServer, folder: string, payload?: Array<[string, string]>): string {
  let url = `${server.url}?folder=${encodeURIComponent(folder)}`;
  if (payload && payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export async function openWorkbench(server: CodeServer, opts: OpenWorkbenchOptions = {}): Promise<Workbench> {
  const { chromium } = await import('playwright-core');
  const executablePath = opts.chromiumPath ?? DEFAULT_CHROMIUM;
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run scripts/setup-vscode-test-peers.sh first`);
  }
  const t0 = Date.now();
  // launch() gives each browser a fresh temporary profile (user-data-dir), removed on close.
  const browser = await chromium.launch({ executablePath, headless: opts.headless ?? true, args: CHROMIUM_ARGS });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser.close().catch(() => undefined);
  };
  try {
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1440, height: 900 } });
    await context.route('**/*', (route) => {
      if (isLoopbackUrl(route.request().url())) return route.continue();
      return route.abort('blockedbyclient');
    });
    // What the gestures of gestures.ts wait for and check (a menu item's mouseup listener, where an Enter went).
    await context.addInitScript(instrumentWorkbench);
    const page = await context.newPage();
    for (const [name, fn] of Object.entries(opts.expose ?? {})) {
      await page.exposeFunction(name, fn);
    }
    if (opts.onConsole) {
      const cb = opts.onConsole;
      page.on('console', (m) => cb(m.type(), m.text()));
      page.on('pageerror', (e) => cb('pageerror', String(e?.stack ?? e)));
    }
    await page.goto(workbenchUrl(server, opts.folder ?? server.workspaceFolder, opts.payload), {
      waitUntil: 'domcontentloaded',
    });
    let readyMs = 0;
    if (opts.waitForReady ?? true) {
      await waitForWorkbench(page, opts.readyTimeoutMs ?? 60_000);
      readyMs = Date.now() - t0;
    }
    return { browser, context, page, readyMs, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Waits until the workbench and its status bar are visible. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.part.statusbar').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

// ---------------------------------------------------------------------------------------------
// Extension-host tests

export interface RunExtensionTestsOptions {
  /** Folder with the extension's package.json. */
  extensionDevelopmentPath: string;
  /** The compiled suite module exporting run() (file or folder with index.js). */
  extensionTestsPath: string;
  /** Folder the workbench opens. Default: a fresh empty temp folder. */
  workspaceFolder?: string;
  env?: Record<string, string | undefined>;
  home?: string;
  settings?: Record<string, unknown>;
  /** Workspace trust enabled and the folder untrusted (see StartCodeServerOptions). */
  workspaceTrust?: boolean;
  /** VS Code's display language (see StartCodeServerOptions). */
  locale?: string;
  /** The extensions directory (e.g. with a language pack installed); default: a fresh empty one. */
  extensionsDir?: string;
  /** The user data directory (e.g. with languagepacks.json); default: a fresh empty one. */
  userDataDir?: string;
  /** The code-server to run (a line of test/vscode/peers.ts); default DEFAULT_CODE_SERVER_BIN. */
  codeServerBin?: string;
  /** Default 300 000 (5 minutes). */
  timeoutMs?: number;
  /** Where log lines go. Default: process.stdout. */
  log?: (line: string) => void;
  /** Also print code-server's own output (also with VSCODE_TEST_VERBOSE=1). */
  verbose?: boolean;
  /** Take a screenshot here when the run fails or times out. */
  failureScreenshotPath?: string;
}

/**
 * Runs the extension's mocha suite in the remote extension host of a fresh code-server,
 * as @vscode/test-electron would in a desktop VS Code. Resolves with the exit code the
 * suite's run() produced (0 = all passed). Always stops the browser and code-server.
 */
export async function runExtensionTests(opts: RunExtensionTestsOptions): Promise<number> {
  const log = opts.log ?? ((line: string) => process.stdout.write(line.endsWith('\n') ? line : line + '\n'));
  const verbose = opts.verbose ?? process.env.VSCODE_TEST_VERBOSE === '1';
  const timeoutMs = opts.timeoutMs ?? 300_000;
  const extPath = path.resolve(opts.extensionDevelopmentPath);
  let testsPath = path.resolve(opts.extensionTestsPath);
  if (!fs.existsSync(path.join(extPath, 'package.json'))) {
    throw new Error(`extensionDevelopmentPath has no package.json: ${extPath}`);
  }
  if (!fs.existsSync(testsPath) && fs.existsSync(testsPath + '.js')) testsPath += '.js';
  if (!fs.existsSync(testsPath)) throw new Error(`extensionTestsPath does not exist: ${testsPath}`);

  let ownWorkspace: string | undefined;
  const workspaceFolder = opts.workspaceFolder
    ? path.resolve(opts.workspaceFolder)
    : (ownWorkspace = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-workspace-')));

  let server: CodeServer | undefined;
  let wb: Workbench | undefined;
  let timer: NodeJS.Timeout | undefined;
  const t0 = Date.now();
  try {
    server = await startCodeServer({
      workspaceFolder,
      env: opts.env,
      home: opts.home,
      settings: opts.settings,
      workspaceTrust: opts.workspaceTrust,
      locale: opts.locale,
      extensionsDir: opts.extensionsDir,
      userDataDir: opts.userDataDir,
      codeServerBin: opts.codeServerBin,
      onOutput: verbose ? (line) => log(`[code-server] ${line}`) : undefined,
    });
    const srv = server;
    log(`[vscode-test] code-server ${srv.url} ready after ${Date.now() - t0} ms`);

    let settle!: (code: number) => void;
    let fail!: (e: Error) => void;
    const done = new Promise<number>((res, rej) => {
      settle = res;
      fail = rej;
    });
    let settled = false;
    const finish = (code: number) => {
      if (!settled) {
        settled = true;
        settle(code);
      }
    };

    timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      fail(
        new Error(
          `Extension tests did not finish within ${timeoutMs} ms (no codeAutomationExit call). ` +
            `Is run() returning a promise that settles? Last code-server output:\n${srv.output.slice(-20).join('\n')}`,
        ),
      );
    }, timeoutMs);

    const payload: Array<[string, string]> = [
      ['extensionDevelopmentPath', srv.remoteUri(extPath)],
      ['extensionTestsPath', srv.remoteUri(testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    wb = await openWorkbench(srv, {
      payload,
      waitForReady: false,
      onConsole: verbose ? (type, text) => log(`[browser:${type}] ${text}`) : undefined,
      expose: {
        codeAutomationLog: (type: string, args: unknown) => {
          // Console-style arguments from the extension host: a format string and its values.
          const parts = Array.isArray(args) ? args : [args];
          const text = format(...parts);
          for (const line of text.replace(/\n$/, '').split('\n'))
            log(type === 'info' || type === 'log' ? line : `[${type}] ${line}`);
        },
        codeAutomationExit: (code: number) => finish(typeof code === 'number' ? code : 1),
      },
    });
    const page = wb.page;
    page.on('crash', () => {
      if (!settled) {
        settled = true;
        fail(new Error('The workbench page crashed'));
      }
    });
    void waitForWorkbench(page, timeoutMs).then(
      () => log(`[vscode-test] workbench ready after ${Date.now() - t0} ms`),
      () => undefined,
    );
    const code = await done;
    log(`[vscode-test] extension tests exited with code ${code} after ${Date.now() - t0} ms`);
    return code;
  } catch (e) {
    if (wb && opts.failureScreenshotPath) {
      await wb.page.screenshot({ path: opts.failureScreenshotPath }).catch(() => undefined);
    }
    throw e;
  } finally {
    if (timer) clearTimeout(timer);
    await wb?.close();
    await server?.stop();
    if (ownWorkspace) fs.rmSync(ownWorkspace, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// UI helpers

export interface StatusBarItemInfo {
  /** The DOM id (for extension items: "<publisher>.<name>.<id given to createStatusBarItem>"). */
  id: string;
  text: string;
  ariaLabel: string | null;
  tooltip: string | null;
  classes: string[];
  /** From the warning/error/prominent classes VS Code sets for the item's backgroundColor. */
  kind: 'standard' | 'warning' | 'error' | 'prominent';
  backgroundColor: string;
  color: string;
  visible: boolean;
}

function cssString(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** Locator for a status-bar item by id: the exact DOM id, or an extension item "<ext id>.<id>". */
export function statusBarItemLocator(page: Page, id: string) {
  return page
    .locator(
      `.part.statusbar .statusbar-item[id=${cssString(id)}], .part.statusbar .statusbar-item[id$=${cssString('.' + id)}]`,
    )
    .first();
}

/** Reads a status-bar item; waits up to timeoutMs for it to appear. */
export async function readStatusBarItem(page: Page, id: string, timeoutMs = 15_000): Promise<StatusBarItemInfo> {
  const loc = statusBarItemLocator(page, id);
  await loc.waitFor({ state: 'attached', timeout: timeoutMs });
  return loc.evaluate((el: any) => {
    const label = el.querySelector('.statusbar-item-label') ?? el;
    const classes: string[] = Array.from(el.classList as Iterable<string>);
    const kind = classes.includes('error-kind')
      ? 'error'
      : classes.includes('warning-kind')
        ? 'warning'
        : classes.includes('prominent-kind')
          ? 'prominent'
          : 'standard';
    const style = el.ownerDocument.defaultView.getComputedStyle(el);
    const labelStyle = el.ownerDocument.defaultView.getComputedStyle(label);
    const text = String(label.innerText ?? label.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    return {
      id: el.id,
      text,
      ariaLabel: label.getAttribute('aria-label') ?? el.getAttribute('aria-label'),
      tooltip: label.getAttribute('title') ?? el.getAttribute('title'),
      classes,
      kind,
      backgroundColor: style.backgroundColor,
      color: labelStyle.color,
      visible: el.offsetParent !== null && style.display !== 'none',
    } as any;
  });
}

/** Waits until a status-bar item's text satisfies the predicate (or equals the string). */
export async function waitForStatusBarText(
  page: Page,
  id: string,
  expected: string | RegExp | ((text: string) => boolean),
  timeoutMs = 30_000,
): Promise<StatusBarItemInfo> {
  const match =
    typeof expected === 'function'
      ? expected
      : typeof expected === 'string'
        ? (t: string) => t === expected
        : (t: string) => expected.test(t);
  return waitUntil(
    () => readStatusBarItem(page, id, 2000),
    `status bar item ${id} to read ${String(expected)}`,
    (item) => match(item.text),
    timeoutMs,
  );
}

/**
 * Runs a command through the command palette (F1): types `>` and its label, and chooses the row with
 * exactly that label with the keyboard (pickQuickPickItem). When the palette closed before the Enter
 * reached it (a notification, an editor or a terminal taking the focus as it appears), nothing ran:
 * opens it again, at most three times in all.
 */
export async function runCommandFromPalette(page: Page, label: string, timeoutMs = 15_000): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // Make sure the focus is in the workbench, not in the page chrome.
  await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: timeoutMs });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const opened = await input.waitFor({ state: 'visible', timeout: 3000 }).then(
      () => true,
      () => false,
    );
    if (opened && (await pickQuickPickItem(page, label, { filter: '>' + label, timeoutMs }))) return;
    const why = `the command palette ${opened ? 'lost the focus before the Enter' : 'did not open'}; the last focus changes: ${JSON.stringify((await focusHistory(page)).slice(-4))}`;
    if (attempt === 3) throw new Error(`${JSON.stringify(label)}: ${why}`);
    console.log(`      (${JSON.stringify(label)}: ${why}; again)`);
    await page.keyboard.press('Escape').catch(() => undefined);
    await page
      .locator('.part.statusbar')
      .first()
      .click({ position: { x: 2, y: 2 } })
      .catch(() => undefined);
  }
}

export interface ProblemRow {
  /** 1 for a file (resource) row, 2 for a marker row, 3 for related information. */
  level: number;
  kind: 'resource' | 'marker' | 'other';
  severity?: 'error' | 'warning' | 'info';
  text: string;
  ariaLabel: string | null;
}

/** Opens the Problems panel (View: Focus Problems) and reads its rows. */
export async function openProblemsPanel(page: Page, timeoutMs = 15_000): Promise<void> {
  await runCommandFromPalette(page, 'View: Focus Problems (Errors, Warnings, Infos)', timeoutMs).catch(async () => {
    await page.keyboard.press('Escape').catch(() => undefined);
    await page.keyboard.press('Control+Shift+M');
  });
  await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

export async function readProblems(
  page: Page,
  opts: { open?: boolean; timeoutMs?: number } = {},
): Promise<ProblemRow[]> {
  if (opts.open ?? true) await openProblemsPanel(page, opts.timeoutMs);
  return page.locator('.markers-panel .monaco-list-row').evaluateAll(
    (els: any[]) =>
      els.map((el) => {
        const level = Number(el.getAttribute('aria-level') ?? '0');
        const sev = el.querySelector('.marker-icon');
        const cls = sev ? String(sev.className) : '';
        const severity = /codicon-error|\berror\b/.test(cls)
          ? 'error'
          : /codicon-warning|\bwarning\b/.test(cls)
            ? 'warning'
            : /codicon-info|\binfo\b/.test(cls)
              ? 'info'
              : undefined;
        const isResource = !!el.querySelector('.resource-label, .monaco-icon-label.file-icon');
        return {
          level,
          kind: sev ? 'marker' : isResource ? 'resource' : 'other',
          severity,
          text: String(el.innerText ?? el.textContent ?? '')
            .replace(/\s+/g, ' ')
            .trim(),
          ariaLabel: el.getAttribute('aria-label'),
        };
      }) as any,
  );
}

/**
 * Opens the Problems panel and waits until its rows satisfy `ok` (read every 100 ms); returns them.
 */
export async function waitForProblems(
  page: Page,
  ok: (rows: ProblemRow[]) => boolean,
  what: string,
  timeoutMs?: number,
): Promise<ProblemRow[]> {
  await openProblemsPanel(page);
  return waitUntil(() => readProblems(page, { open: false }), `Problems: ${what}`, ok, timeoutMs);
}

export async function screenshot(page: Page, file: string): Promise<string> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await page.screenshot({ path: file });
  return path.resolve(file);
}
