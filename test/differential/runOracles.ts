/**
 * Runs the REAL tools on scenarios and reports what each one did (the "oracle" side of the
 * differential test):
 *   node    @aws-sdk/credential-providers fromNodeProviderChain + STSClient region (oracles/jsOracle.cjs)
 *   python  botocore 1.43 in the pyenv python3                       (oracles/botocore_oracle.py)
 *   cli     AWS CLI v2 2.9.19 (Debian, /usr/bin/aws) `configure list` (oracles/cli2_oracle.py)
 *
 * Loopback only: STS is a real moto server, SSO portal + container credentials are a hand-written
 * fake (servers/fakeSsoPortal.ts), both on 127.0.0.1. Every oracle process loads a loopback guard,
 * IMDS is disabled and pointed at 127.0.0.1:9, proxies point at 127.0.0.1:9 (NO_PROXY loopback),
 * and the environment is rebuilt from scratch per scenario: PATH, HOME (a fresh copy of the
 * scenario's home under the work dir, one per tool), LANG=C.UTF-8, the scenario's variables
 * (placeholders filled), then the safety variables (which win over the scenario's).
 *
 * Results carry no secrets by construction (only the last 4 characters of access key ids); as a
 * belt-and-braces pass, every secret-looking value from the scenario files / env and everything
 * the fake portal issued is scrubbed, and the per-tool home path is shown as "{HOME}".
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { OracleResult, Scenario, ScenarioProbe, ToolId } from './scenario';
import { SECRET_KEY_NAME } from './scenario';
import type { FakeSsoPortal } from './servers/fakeSsoPortal';
import { startFakeSsoPortal } from './servers/fakeSsoPortal';
import { writeScenarioFile } from '../support/fixtureHome';
import { startMotoServer } from '../support/motoServer';
import { PROJECT_ROOT } from '../support/projectRoot';

export const ALL_TOOLS: readonly ToolId[] = ['node', 'python', 'cli'];

export interface RunOraclesOptions {
  /** Which tools to run (default: every available tool). Unavailable tools are skipped. */
  tools?: ToolId[];
  /** Where homes and scratch files go (default: a fresh dir under os.tmpdir(), removed afterwards). */
  workDir?: string;
  /** 'in-process' (default): one Debian-python process runs the CLI's entry point per scenario.
   *  'subprocess': the real /usr/bin/aws per scenario (2 in parallel). */
  cliMode?: 'in-process' | 'subprocess';
  /** Per-scenario timeout inside each oracle (default 10 s). */
  scenarioTimeoutMs?: number;
  /** Keep the work dir for inspection. */
  keepWorkDir?: boolean;
  /** Another installation of the JavaScript SDK (a folder with its node_modules) for the node oracle: a pinned older version. */
  jsSdkDir?: string;
}

/** Wall-clock milliseconds each oracle process took in the last runOracles call. */
export const lastRunTimings: Partial<Record<ToolId | 'servers', number>> = {};

export { PROJECT_ROOT };
const ORACLES = path.join(PROJECT_ROOT, 'test', 'differential', 'oracles');
const GUARD_JS = path.join(PROJECT_ROOT, 'test', 'support', 'loopbackGuard.cjs');
const CLI_BIN = '/usr/bin/aws';
const CLI_PYTHON = '/usr/bin/python3';

let pyExeCache: string | null | undefined;
/** The python3 on PATH (pyenv), resolved to its real executable. */
function pyenvPython(): string | null {
  if (pyExeCache !== undefined) return pyExeCache;
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', timeout: 20000 });
  pyExeCache = r.status === 0 ? r.stdout.trim() : null;
  return pyExeCache;
}

let availabilityCache: Record<ToolId, { ok: boolean; why?: string }> | undefined;
export function toolAvailability(): Record<ToolId, { ok: boolean; why?: string }> {
  if (availabilityCache) return availabilityCache;
  const node = (() => {
    try {
      for (const m of ['@aws-sdk/credential-providers', '@aws-sdk/client-sts', '@smithy/shared-ini-file-loader']) {
        require.resolve(m, { paths: [PROJECT_ROOT] });
      }
      return { ok: true };
    } catch (e) {
      return { ok: false, why: `JS SDK not in node_modules: ${(e as Error).message.split('\n')[0]}` };
    }
  })();
  const python = (() => {
    const exe = pyenvPython();
    if (!exe) return { ok: false, why: 'python3 not on PATH' };
    const r = spawnSync(exe, ['-c', 'import botocore, moto; print(botocore.__version__)'], {
      encoding: 'utf8',
      timeout: 30000,
    });
    if (r.status !== 0)
      return { ok: false, why: `botocore/moto not importable in ${exe}: ${r.stderr.trim().split('\n').pop()}` };
    const v = r.stdout.trim();
    return v.startsWith('1.') ? { ok: true } : { ok: false, why: `unexpected botocore version ${v}` };
  })();
  const cli = (() => {
    if (!fs.existsSync(CLI_BIN)) return { ok: false, why: `${CLI_BIN} missing (apt-get install -y awscli)` };
    const r = spawnSync(CLI_PYTHON, ['-c', 'import awscli; print(awscli.__version__)'], {
      encoding: 'utf8',
      timeout: 30000,
    });
    if (r.status !== 0) return { ok: false, why: `awscli not importable by ${CLI_PYTHON}` };
    const v = r.stdout.trim();
    return v.startsWith('2.') ? { ok: true } : { ok: false, why: `${CLI_BIN} is AWS CLI ${v}, not v2` };
  })();
  availabilityCache = { node, python, cli };
  return availabilityCache;
}

/**
 * The oracles' own versions, as `--tool-versions` takes them, so that the engine predicts the very
 * tools it is compared with: AWS CLI v2 (Debian's 2.9.19 predates `aws login`), botocore and
 * whether awscrt with EC imports beside it (botocore's login provider needs it: made explicit
 * here, never silently absent), and the JavaScript SDK in node_modules.
 */
export function oracleToolVersions(): string {
  const parts: string[] = [];
  const cli = spawnSync(CLI_PYTHON, ['-c', 'import awscli; print(awscli.__version__)'], {
    encoding: 'utf8',
    timeout: 30000,
  });
  if (cli.status === 0) parts.push(`aws-cli=${cli.stdout.trim()}`);
  const exe = pyenvPython();
  if (exe) {
    const probe =
      'import botocore\ntry:\n    from awscrt.crypto import EC\n    crt = "yes"\nexcept Exception:\n    crt = "no"\nprint(botocore.__version__, crt)';
    const py = spawnSync(exe, ['-c', probe], { encoding: 'utf8', timeout: 30000 });
    if (py.status === 0) {
      const [botocore, crt] = py.stdout.trim().split(' ');
      parts.push(`botocore=${botocore}`, `awscrt=${crt}`);
    }
  }
  const ini = JSON.parse(
    fs.readFileSync(
      require.resolve('@aws-sdk/credential-provider-ini/package.json', { paths: [PROJECT_ROOT] }),
      'utf8',
    ),
  ) as { version: string };
  parts.push(`js-sdk=${ini.version}`);
  return parts.join(',');
}

// ------------------------------------------------------------------------------------ servers

interface Moto {
  url: string;
  stop(): Promise<void>;
}

async function startMoto(workDir: string): Promise<Moto> {
  const py = pyenvPython();
  if (!py) throw new Error('runOracles: python3 (with moto) not found');
  return startMotoServer(py, workDir);
}

// ------------------------------------------------------------------------------------ homes & env

function fill(text: string, values: Record<string, string>): string {
  let t = text;
  for (const [k, v] of Object.entries(values)) t = t.split(`{${k}}`).join(v);
  return t;
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
}

function materialiseHome(home: string, scenario: Scenario, values: Record<string, string>): void {
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  for (const [rel, file] of Object.entries(scenario.files)) {
    if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) {
      throw new Error(`scenario ${scenario.id}: file path must stay inside HOME: ${rel}`);
    }
    const abs = path.join(home, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true, mode: 0o700 });
    writeScenarioFile(abs, file, fill(file.text, values));
  }
}

function safetyEnv(moto: string, portal: FakeSsoPortal): Record<string, string> {
  return {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9',
    AWS_ENDPOINT_URL_STS: moto,
    AWS_ENDPOINT_URL_SSO: portal.url,
    AWS_ENDPOINT_URL_SSO_OIDC: portal.url,
    // aws login refreshes through the sign-in service: nothing listens here (a valid token never refreshes).
    AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost,::1',
    no_proxy: '127.0.0.1,localhost,::1',
  };
}

/** Everything in a scenario that could be a secret, so it can be scrubbed from results. */
function scenarioSecrets(scenario: Scenario): string[] {
  const out = new Set<string>();
  const texts = [...Object.values(scenario.files).map((f) => f.text)];
  for (const [k, v] of Object.entries(scenario.env)) {
    if (/SECRET|SESSION_TOKEN|SECURITY_TOKEN|AUTHORIZATION_TOKEN/i.test(k) && v.length >= 8) out.add(v);
    texts.push(v);
  }
  for (const t of texts) {
    for (const m of t.matchAll(/[A-Za-z0-9/+=]{40,}/g)) out.add(m[0]);
    for (const m of t.matchAll(/(?:secret|token)\w*"?\s*[=:]\s*"?([^\s"',}]{8,})/gi)) out.add(m[1]);
  }
  return [...out];
}

function scrubDeep<T>(value: T, replace: (s: string) => string): T {
  if (typeof value === 'string') return replace(value) as unknown as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, replace)) as unknown as T;
  if (value && typeof value === 'object') {
    const o: Record<string, unknown> = {};
    // defineProperty: a section a tool calls "__proto__" must stay a key, not become the prototype.
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(o, k, {
        value: scrubDeep(v, replace),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return o as T;
  }
  return value;
}

/**
 * The real SSO portal rejects an expired access token with 401; the fake one is told which tokens
 * the scenarios' ~/.aws/sso/cache files mark as expired. A token string that is expired in one
 * scenario and valid in another cannot be modelled (the portal only sees the bearer string).
 */
function registerExpiredSsoTokens(scenarios: Scenario[], portal: FakeSsoPortal): void {
  const state = new Map<string, { expired: boolean; id: string }>();
  for (const s of scenarios) {
    for (const [rel, file] of Object.entries(s.files)) {
      if (!/^\.aws\/sso\/cache\/[^/]+\.json$/.test(rel)) continue;
      let data: { accessToken?: unknown; expiresAt?: unknown };
      try {
        data = JSON.parse(file.text);
      } catch {
        continue;
      }
      if (typeof data.accessToken !== 'string' || typeof data.expiresAt !== 'string') continue;
      const when = Date.parse(data.expiresAt);
      const expired = !Number.isNaN(when) && when <= Date.now();
      const seen = state.get(data.accessToken);
      if (seen && seen.expired !== expired) {
        throw new Error(
          `runOracles: scenarios ${seen.id} and ${s.id} use the same SSO accessToken, expired in one and valid in the other; ` +
            'the fake portal only sees the token, so give them different tokens',
        );
      }
      state.set(data.accessToken, { expired, id: s.id });
      if (expired) portal.rejectToken(data.accessToken);
    }
  }
}

// ------------------------------------------------------------------------------------ running

/** An STS call answered by moto's own crash page (HTTP 500 HTML) instead of an AWS error. */
const MOTO_CRASH = /500 Internal Server Error|mismatched tags <html>|<!doctype html>/i;

interface OracleItem {
  scenario: {
    id: string;
    explicitProfile?: string;
    timeoutMs?: number;
    probe?: ScenarioProbe & { secretKeyName: string };
  };
  home: string;
  /** The working directory the tool runs in (absolute). */
  cwd: string;
  env: Record<string, string>;
}

function runProcess(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'], cwd: env.HOME });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
      if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** The files a probe asked for, as the tool's run left them in its home (scrubbed like the results). */
function collectFiles(
  home: string,
  paths: readonly string[],
  replace: (s: string) => string,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const rel of paths) {
    try {
      out[rel] = replace(fs.readFileSync(path.join(home, rel), 'utf8'));
    } catch {
      out[rel] = null;
    }
  }
  return out;
}

export async function runOracles(
  scenarios: Scenario[],
  options: RunOraclesOptions = {},
): Promise<Map<string, Partial<Record<ToolId, OracleResult>>>> {
  const ids = new Set<string>();
  for (const s of scenarios) {
    if (ids.has(s.id)) throw new Error(`runOracles: duplicate scenario id ${s.id}`);
    ids.add(s.id);
  }
  const avail = toolAvailability();
  const tools = (options.tools ?? [...ALL_TOOLS]).filter((t) => avail[t].ok);
  const ownWorkDir = !options.workDir;
  const workDir = options.workDir
    ? path.resolve(options.workDir)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'acd-oracles-'));
  fs.mkdirSync(workDir, { recursive: true });
  const scenarioTimeoutMs = options.scenarioTimeoutMs ?? 10000;
  const results = new Map<string, Partial<Record<ToolId, OracleResult>>>();
  for (const s of scenarios) results.set(s.id, {});
  for (const k of Object.keys(lastRunTimings)) delete (lastRunTimings as Record<string, unknown>)[k];

  let moto: Moto | undefined;
  let portal: FakeSsoPortal | undefined;
  try {
    if (scenarios.length === 0 || tools.length === 0) return results;
    const t0 = Date.now();
    [moto, portal] = await Promise.all([startMoto(workDir), startFakeSsoPortal()]);
    lastRunTimings.servers = Date.now() - t0;
    registerExpiredSsoTokens(scenarios, portal);
    const safety = safetyEnv(moto.url, portal);
    const endpoints = JSON.stringify({
      sts: moto.url,
      sso: portal.url,
      'sso-oidc': portal.url,
      signin: 'http://127.0.0.1:9',
    });
    const basePath = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
    const emptyHome = path.join(workDir, 'empty-home');
    fs.mkdirSync(emptyHome, { recursive: true });
    const emptyCwd = path.join(workDir, 'empty-cwd');
    fs.mkdirSync(emptyCwd, { recursive: true });

    const homesByTool: Record<string, string[]> = {};
    const itemsFor = (tool: ToolId): OracleItem[] => {
      homesByTool[tool] = [];
      return scenarios.map((s, i) => {
        const home = path.join(workDir, 'homes', tool, `${String(i).padStart(4, '0')}-${safeName(s.id)}`);
        const values = { HOME: home, CONTAINER_URI: portal!.containerUri };
        materialiseHome(home, s, values);
        homesByTool[tool].push(home);
        const env: Record<string, string> = { PATH: basePath, HOME: home, LANG: 'C.UTF-8' };
        for (const [k, v] of Object.entries(s.env)) env[k] = fill(v, values);
        Object.assign(env, safety);
        const cwd = s.cwd === undefined ? emptyCwd : path.join(home, s.cwd);
        if (s.cwd !== undefined && !path.resolve(cwd).startsWith(home))
          throw new Error(`scenario ${s.id}: cwd must stay inside HOME: ${s.cwd}`);
        fs.mkdirSync(cwd, { recursive: true });
        const probe = s.probe ? { probe: { ...s.probe, secretKeyName: SECRET_KEY_NAME } } : {};
        const timeout = s.timeoutMs !== undefined ? { timeoutMs: s.timeoutMs } : {};
        return {
          scenario: {
            id: s.id,
            ...(s.explicitProfile !== undefined ? { explicitProfile: s.explicitProfile } : {}),
            ...timeout,
            ...probe,
          },
          home,
          cwd,
          env,
        };
      });
    };

    const processTimeout = Math.max(60000, scenarios.length * scenarioTimeoutMs + 30000);
    const runTool = async (tool: ToolId): Promise<void> => {
      const items = itemsFor(tool);
      const input = path.join(workDir, `${tool}-input.json`);
      const output = path.join(workDir, `${tool}-output.json`);
      fs.writeFileSync(input, JSON.stringify(items));
      const procEnv: Record<string, string> = {
        PATH: basePath,
        LANG: 'C.UTF-8',
        ...safety,
        ORACLE_ENDPOINTS: endpoints,
        PYTHONDONTWRITEBYTECODE: '1', // no __pycache__ in the source tree
      };
      let cmd: string;
      let args: string[];
      if (tool === 'node') {
        procEnv.HOME = emptyHome;
        procEnv.ORACLE_SCENARIO_TIMEOUT_MS = String(scenarioTimeoutMs);
        if (options.jsSdkDir) procEnv.ORACLE_JS_SDK_DIR = path.resolve(options.jsSdkDir);
        cmd = process.execPath;
        args = ['--require', GUARD_JS, path.join(ORACLES, 'jsOracle.cjs'), input, output];
      } else {
        // The Python oracles re-point this symlink at each scenario's home (see oracle_common.py).
        const stable = path.join(workDir, `stable-home-${tool}`);
        fs.rmSync(stable, { force: true });
        fs.symlinkSync(emptyHome, stable);
        procEnv.HOME = stable;
        procEnv.ORACLE_SCENARIO_TIMEOUT_S = String(Math.ceil(scenarioTimeoutMs / 1000));
        if (tool === 'python') {
          cmd = pyenvPython()!;
          args = [path.join(ORACLES, 'botocore_oracle.py'), input, output];
        } else {
          cmd = CLI_PYTHON;
          args = [
            path.join(ORACLES, 'cli2_oracle.py'),
            ...(options.cliMode === 'subprocess' ? ['--subprocess'] : []),
            input,
            output,
          ];
        }
      }
      const started = Date.now();
      const { code, stderr } = await runProcess(cmd, args, procEnv, processTimeout);
      lastRunTimings[tool] = Date.now() - started;
      if (code !== 0 || !fs.existsSync(output)) {
        throw new Error(`${tool} oracle failed (exit ${code}): ${stderr.slice(-4000)}`);
      }
      const parsed = JSON.parse(fs.readFileSync(output, 'utf8')) as { id: string; result: OracleResult }[];
      const homes = homesByTool[tool];
      parsed.forEach((entry, i) => {
        const slot = results.get(entry.id);
        if (!slot) throw new Error(`${tool} oracle returned an unknown scenario id ${entry.id}`);
        const home = homes[i];
        const secrets = [...scenarioSecrets(scenarios[i]), ...portal!.issuedSecrets].filter((x) => x.length >= 8);
        secrets.sort((a, b) => b.length - a.length);
        const replace = (text: string): string => {
          let t = text;
          for (const sec of secrets) t = t.split(sec).join('<redacted>');
          return t.split(fs.realpathSync(home)).join('{HOME}').split(home).join('{HOME}');
        };
        let result = scrubDeep(entry.result, replace);
        const collect = scenarios[i].probe?.collect;
        if (collect?.length)
          result = { ...result, probe: { ...result.probe, collected: collectFiles(home, collect, replace) } };
        if (result.error && MOTO_CRASH.test(result.error)) {
          // Not the tool's doing: moto itself failed (e.g. an account id that is not 12 digits
          // makes moto's key generator overflow). Real STS would answer with an AWS error.
          result = { ...result, detail: { ...((result.detail as object) ?? {}), harnessArtefact: 'moto-500' } };
        }
        slot[tool] = result;
      });
    };

    const settled = await Promise.allSettled(tools.map((t) => runTool(t)));
    const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failures.length) throw new Error(failures.map((f) => String(f.reason?.message ?? f.reason)).join('\n'));
    return results;
  } finally {
    await Promise.allSettled([moto?.stop(), portal?.close()]);
    if (ownWorkDir && !options.keepWorkDir) fs.rmSync(workDir, { recursive: true, force: true });
  }
}
