/**
 * Finds which AWS tools are installed here: the `aws` on PATH (v1 or v2, and its version), the
 * botocore of the `python3` on PATH, and whether `awscrt` with EC support imports there. Running
 * them costs up to a second, so it is done off the hot path (asynchronously, only when a
 * diagnosis depends on it) and cached in ~/.cache/aws-credentials-doctor (XDG_CACHE_HOME), keyed
 * on each executable's path, size and modification time.
 */
import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Environment } from '../engine/host';
import type { ToolVersions } from '../engine/toolVersions';

const CACHE_FILE = 'tool-versions.json';

/**
 * child_process, loaded when a tool is first run: loading it (with net and stream) is a tenth of
 * a cold start of the command line, whose usual run reads the cache and starts no process.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess = () => require('node:child_process') as typeof ChildProcess;
const TIMEOUT_MS = 15_000;

/** The directory the command line's code cache uses too. */
export function cacheDirOf(env: Environment, homedir = os.homedir()): string {
  return path.join(env.XDG_CACHE_HOME || path.join(homedir, '.cache'), 'aws-credentials-doctor');
}

interface Executable {
  readonly path: string;
  readonly key: string;
}

/** The first executable `name` on PATH (with PATHEXT on Windows), as a shell would find it. */
export function whichOnPath(name: string, env: Environment, platform: NodeJS.Platform = process.platform): Executable | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      try {
        const st = fs.statSync(file);
        if (!st.isFile() || (platform !== 'win32' && (st.mode & 0o111) === 0)) continue;
        return { path: file, key: `${file}\u0000${st.size}\u0000${Math.round(st.mtimeMs)}` };
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

interface CacheData {
  aws?: { key: string; version: string | null };
  python?: { key: string; botocore: string | null; awscrt: boolean | null };
}

function readCache(dir: string): CacheData {
  try {
    const data = JSON.parse(fs.readFileSync(path.join(dir, CACHE_FILE), 'utf8')) as unknown;
    return data && typeof data === 'object' ? (data as CacheData) : {};
  } catch {
    return {};
  }
}

function writeCache(dir: string, data: CacheData): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(dir, `${CACHE_FILE}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
    fs.renameSync(tmp, path.join(dir, CACHE_FILE));
  } catch {
    // A read-only home: detect again next time.
  }
}

/**
 * The cached versions when every executable on PATH still matches its cache entry (cheap: a few
 * stats and one small read); undefined when something must be detected again.
 */
export function cachedToolVersions(env: Environment, cacheDir: string): ToolVersions | undefined {
  const aws = whichOnPath('aws', env);
  const python = whichOnPath('python3', env);
  const cache = readCache(cacheDir);
  if (aws && cache.aws?.key !== aws.key) return undefined;
  if (python && cache.python?.key !== python.key) return undefined;
  return toVersions(aws ? cache.aws : undefined, python ? cache.python : undefined);
}

function toVersions(aws: CacheData['aws'], python: CacheData['python']): ToolVersions {
  return { awsCli: aws?.version ?? null, botocore: python?.botocore ?? null, awscrt: python?.awscrt ?? null, jsSdk: null, from: 'detected' };
}

function run(file: string, args: string[], env: Environment): Promise<string | undefined> {
  return new Promise((resolve) => {
    childProcess().execFile(file, args, { env: env as NodeJS.ProcessEnv, timeout: TIMEOUT_MS, windowsHide: true, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      resolve(error ? undefined : `${stdout}\n${stderr}`);
    });
  });
}

/** `aws --version` prints "aws-cli/2.9.19 Python/3.11.2 …" (v1: "… botocore/1.43.11"). */
export function parseAwsVersion(text: string): string | null {
  return /aws-cli\/(\d+(?:\.\d+){1,3})/.exec(text)?.[1] ?? null;
}

const PYTHON_PROBE = [
  'import json',
  'r = {"botocore": None, "awscrt": False}',
  'try:\n    import botocore\n    r["botocore"] = botocore.__version__\nexcept Exception:\n    pass',
  // botocore's LoginProvider needs awscrt.crypto.EC (older awscrt has no EC: Debian's 0.16).
  'try:\n    from awscrt.crypto import EC\n    r["awscrt"] = EC is not None\nexcept Exception:\n    pass',
  'print(json.dumps(r))',
].join('\n');

/** Runs the tools on PATH (those whose cache entry is stale) and updates the cache. */
export async function detectToolVersions(env: Environment, cacheDir: string): Promise<ToolVersions> {
  const aws = whichOnPath('aws', env);
  const python = whichOnPath('python3', env);
  const cache = readCache(cacheDir);
  // Nothing of the user's AWS setup may steer the probes (a profile's credential_process, …).
  const probeEnv: Environment = { PATH: env.PATH, HOME: env.HOME, PYENV_VERSION: env.PYENV_VERSION, SYSTEMROOT: env.SYSTEMROOT, PYTHONDONTWRITEBYTECODE: '1' };
  const [awsEntry, pythonEntry] = await Promise.all([
    aws && cache.aws?.key !== aws.key
      ? run(aws.path, ['--version'], probeEnv).then((out) => ({ key: aws.key, version: out === undefined ? null : parseAwsVersion(out) }))
      : Promise.resolve(aws ? cache.aws : undefined),
    python && cache.python?.key !== python.key
      ? run(python.path, ['-c', PYTHON_PROBE], probeEnv).then((out) => {
        let r: { botocore?: unknown; awscrt?: unknown } = {};
        try {
          r = JSON.parse((out ?? '').trim().split('\n')[0] || '{}') as typeof r;
        } catch {
          r = {};
        }
        return { key: python.key, botocore: typeof r.botocore === 'string' ? r.botocore : null, awscrt: typeof r.awscrt === 'boolean' ? r.awscrt : null };
      })
      : Promise.resolve(python ? cache.python : undefined),
  ]);
  writeCache(cacheDir, { aws: awsEntry, python: pythonEntry });
  return toVersions(awsEntry, pythonEntry);
}
