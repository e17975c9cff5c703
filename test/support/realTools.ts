/**
 * The real tools on one home, for the hostile-family tests that quote them: botocore 1.43 (the
 * pyenv python3), the JavaScript SDK v3 (node_modules) and AWS CLI v2 2.9.19 (Debian's /usr/bin/aws).
 * Each runs with a loopback guard, instance metadata disabled and pointed at 127.0.0.1:9, proxies at
 * 127.0.0.1:9 and every AWS endpoint at 127.0.0.1:9: nothing leaves the machine, and a tool that
 * gets as far as a request fails with a connection error, which the tests tell from a local failure.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from './projectRoot';

const GUARD_JS = path.join(PROJECT_ROOT, 'test', 'support', 'loopbackGuard.cjs');
const GUARD_PY_DIR = path.join(PROJECT_ROOT, 'test', 'support');
const CLI_SITE = path.join(PROJECT_ROOT, 'test', 'differential', 'oracles', 'cli_site');
export const AWS_CLI_V2 = '/usr/bin/aws';

export interface ToolRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Only loopback, no instance metadata, no proxy: what every real tool runs with here. */
export function safeEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const nowhere = 'http://127.0.0.1:9';
  return {
    PATH: process.env.PATH,
    LANG: 'C.UTF-8',
    PYTHONDONTWRITEBYTECODE: '1',
    ...env,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_EC2_METADATA_SERVICE_ENDPOINT: nowhere,
    AWS_ENDPOINT_URL: nowhere,
    AWS_ENDPOINT_URL_STS: nowhere,
    AWS_ENDPOINT_URL_SSO: nowhere,
    AWS_ENDPOINT_URL_SSO_OIDC: nowhere,
    HTTP_PROXY: nowhere,
    HTTPS_PROXY: nowhere,
    http_proxy: nowhere,
    https_proxy: nowhere,
    NO_PROXY: '127.0.0.1,localhost,::1',
    no_proxy: '127.0.0.1,localhost,::1',
  };
}

function run(file: string, args: string[], env: Record<string, string | undefined>, input?: string): ToolRun {
  const r = spawnSync(file, args, { env: safeEnv(env), encoding: 'utf8', timeout: 60_000, input, cwd: env.HOME });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A Python script under botocore 1.43 (pyenv python3), the loopback guard imported first. */
export function runBotocore(script: string, env: Record<string, string | undefined>): ToolRun {
  return run(
    'python3',
    ['-c', `import sys\nsys.path.insert(0, ${JSON.stringify(GUARD_PY_DIR)})\nimport loopback_guard\n${script}`],
    env,
  );
}

/** A CommonJS script with the JavaScript SDK v3 of node_modules, the loopback guard loaded first. */
export function runJsSdk(script: string, env: Record<string, string | undefined>): ToolRun {
  return run(process.execPath, ['--require', GUARD_JS, '-e', script], {
    ...env,
    NODE_PATH: path.join(PROJECT_ROOT, 'node_modules'),
  });
}

/** The real AWS CLI v2 (Debian's /usr/bin/aws), with the loopback guard of cli_site/sitecustomize.py. */
export function runAwsCli(args: string[], env: Record<string, string | undefined>, input = ''): ToolRun {
  return run(AWS_CLI_V2, args, { ...env, PYTHONPATH: CLI_SITE }, input);
}

export function haveRealTools(): boolean {
  return (
    fs.existsSync(AWS_CLI_V2) && spawnSync('python3', ['-c', 'import botocore'], { encoding: 'utf8' }).status === 0
  );
}

/** botocore's credentials, loaded (deferred ones too): `method` or the exception as "Type: message". */
export const BOTOCORE_CREDENTIALS = [
  'import json, botocore.session',
  'out = {}',
  'try:',
  '    c = botocore.session.Session().get_credentials()',
  '    if c: c.get_frozen_credentials()',
  '    out["source"] = c.method if c else None',
  'except Exception as e:',
  '    out["error"] = type(e).__name__ + ": " + str(e)',
  'print(json.dumps(out))',
].join('\n');

/** The JavaScript SDK's default chain: the provider that answered, or the error's message. */
export const JS_CREDENTIALS = [
  "const { fromNodeProviderChain } = require('@aws-sdk/credential-providers');",
  'fromNodeProviderChain()().then(',
  '  (c) => console.log(JSON.stringify({ source: c.$source ?? "ok", key: c.accessKeyId.slice(-4) })),',
  '  (e) => console.log(JSON.stringify({ error: `${e.name}: ${e.message}` })),',
  ');',
].join('\n');

export function jsonOf(r: ToolRun): Record<string, unknown> {
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
  } catch {
    throw new Error(`not JSON (status ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
}
