/**
 * The engine's entry point: from the environment, the files and the clock to a report of what
 * each tool will use and what is wrong. Pure apart from the injected host; nothing runs or is sent.
 */
import { FileCache } from './files/awsFiles';
import type { ParsedFiles } from './files/awsFiles';
import type { EngineInput } from './core/host';
import { isRegularFile } from './core/host';
import type { Finding } from './findings/findings';
import { fileTouchedBy } from './findings/findings';
import type { Setting, ToolId } from './core/model';
import { CLI_V2, PYTHON, botocoreProfileSelection, resolveBotocore } from './resolve/resolveBotocore';
import { resolveNode } from './resolve/resolveNode';
import type { Diagnosis } from './findings/diagnosis';
import type { ToolResolution } from './core/toolResolution';
import { readSsoToken, ssoCacheIsEmpty } from './files/ssoCache';
import { detectBrokers } from './resolve/brokers';
import { TOOL_IDS } from './core/model';
import { loginCacheDirFor, loginSecrets, readLoginToken } from './files/loginCache';
import { Redactor, SECRET_VARIABLES } from './secrets/redact';
import { addFileSecrets } from './secrets/fileSecrets';
import { withTypedCommands } from './findings/fixCommands';
import { redactFinding } from './findings/redactFinding';
import { runRules } from './rules/run';
import type { BotocoreView, NodeView } from './files/views';
import { botocoreView, nodeView } from './files/views';

/** `parsed`: the files of earlier diagnoses, to reuse those unchanged (the extension keeps one). */
export function diagnose(input: EngineInput, parsed?: ParsedFiles): Diagnosis {
  const cache = new FileCache(input.fs, parsed);
  const nv = nodeView(input, cache);
  const pv = botocoreView(input, cache);
  const tools: Record<ToolId, ToolResolution> = withBrokerExpiry(input, {
    node: resolveNode(input, cache, nv),
    python: resolveBotocore(input, cache, pv, PYTHON),
    cli: resolveBotocore(input, cache, pv, CLI_V2),
  });
  const cliSelection = botocoreProfileSelection(input, CLI_V2);
  const profile = {
    name: cliSelection.profile || 'default',
    from: cliSelection.profile ? cliSelection.from : ('default' as const),
  };
  const redactor = collectSecrets(input, cache, nv, pv);
  const partial = { input, cache, nodeView: nv, pyView: pv, tools, profile, redactor };
  const findings = withTypedCommands(
    runRules(partial).map((f) => withoutFixesOnNonFiles(f, cache)),
    input.platform,
  ).map((f) => redactFinding(f, redactor));
  return { ...partial, findings };
}

/**
 * A fix that writes a file or changes its mode is kept only when the path is a regular file now:
 * `chmod 600 /dev/null` (an idiom for "no credentials file", and a symlink to a device looks the same)
 * run as root would break the machine. Whatever rule offered it, this is the one place that decides.
 */
function withoutFixesOnNonFiles(f: Finding, cache: FileCache): Finding {
  if (!f.fixes.some((x) => fileTouchedBy(x.action) !== undefined)) return f;
  return {
    ...f,
    fixes: f.fixes.filter((x) => {
      const path = fileTouchedBy(x.action);
      return path === undefined || isRegularFile(cache.stat(path));
    }),
  };
}

/**
 * Environment keys a broker exported expire when the broker says (AWS_SESSION_EXPIRATION, …),
 * which no SDK reads: the expiry the tools show comes from there when they know none.
 */
function withBrokerExpiry(input: EngineInput, tools: Record<ToolId, ToolResolution>): Record<ToolId, ToolResolution> {
  const broker = detectBrokers(input.env).find((b) => b.expiresAt);
  if (!broker) return tools;
  for (const t of TOOL_IDS) {
    const r = tools[t];
    if (r.source === 'env' && !r.expiry)
      tools[t] = {
        ...r,
        expiry: { at: broker.expiresAt!, from: `${broker.expiresFrom} (${broker.broker})`, kind: 'env' },
      };
  }
  return tools;
}

const LOGIN_SESSION = /login_session/i;

/** Every secret value the engine can see, so that no output can contain one. */
function collectSecrets(input: EngineInput, cache: FileCache, nv: NodeView, pv: BotocoreView): Redactor {
  const r = new Redactor();
  for (const name of SECRET_VARIABLES) r.add(input.env[name]);
  const files = new Set([nv.config, nv.credentials, pv.config, pv.credentials]);
  for (const file of files) addFileSecrets(file.text, r);
  addSsoCacheSecrets(cache, nv.paths.ssoCacheDir, nv.merged, nv.ssoSessions, r);
  addSsoCacheSecrets(cache, pv.paths.ssoCacheDir, pv.profiles, pv.ssoSessions, r);
  // A profile has a login_session only when a file says so (in any case: botocore lowercases keys): most
  // homes have none, and their thousands of profiles need not be looked through for one.
  if ([...files].some((f) => LOGIN_SESSION.test(f.text))) {
    addLoginCacheSecrets(
      cache,
      [
        loginCacheDirFor('node', input.env, input.fallbackHomeDir, pv.paths.home, input.platform),
        loginCacheDirFor('python', input.env, input.fallbackHomeDir, pv.paths.home, input.platform),
      ],
      [nv.merged, pv.profiles],
      r,
    );
  }
  return r;
}

/** The SSO token cache entries the profiles point to: their access and refresh tokens and client secrets. */
function addSsoCacheSecrets(
  cache: FileCache,
  dir: string,
  profiles: ReadonlyMap<string, ReadonlyMap<string, Setting>>,
  sessions: ReadonlyMap<string, unknown>,
  r: Redactor,
): void {
  if (ssoCacheIsEmpty(cache, dir)) return;
  const ids = new Set<string>(sessions.keys());
  for (const p of profiles.values()) {
    const url = p.get('sso_start_url')?.value;
    if (url) ids.add(url);
    const session = p.get('sso_session')?.value;
    if (session) ids.add(session);
  }
  for (const id of ids) {
    const token = readSsoToken(cache, dir, id).token;
    if (token)
      for (const [k, v] of Object.entries(token)) if (typeof v === 'string' && /token|secret/i.test(k)) r.add(v);
  }
}

/** The `aws login` token caches the profiles point to: the secret key, session token, refresh token, id token and DPoP key. */
function addLoginCacheSecrets(
  cache: FileCache,
  dirs: string[],
  views: ReadonlyMap<string, ReadonlyMap<string, Setting>>[],
  r: Redactor,
): void {
  const sessions = new Set<string>();
  for (const profiles of views)
    for (const p of profiles.values()) {
      const s = p.get('login_session')?.value;
      if (s !== undefined) sessions.add(s);
    }
  for (const dir of new Set(dirs))
    for (const s of sessions) for (const secret of loginSecrets(readLoginToken(cache, dir, s).token)) r.add(secret);
}
