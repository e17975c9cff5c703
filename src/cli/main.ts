/**
 * `aws-credentials-doctor`: the command line over the engine. A thin shell: it reads the real
 * environment, disk and clock, and prints what the engine says.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { diagnose } from '../engine/diagnose';
import type { Diagnosis } from '../engine/diagnosis';
import type { Report } from '../engine/report';
import { buildReport, exitCodeOf } from '../engine/report';
import { formatText } from '../engine/format';
import { formatMarkdown } from '../engine/markdown';
import type * as Explain from '../engine/explain/explainError';
import { formatExplanation } from '../engine/explain/formatExplanation';
import { nodeFileSystem } from '../nodeHost/fileSystem';
import type { EngineInput, Environment, Platform } from '../engine/host';
import { withLiveCheck } from '../engine/liveReport';
import type { ToolVersions } from '../engine/toolVersions';
import { parseToolVersions } from '../engine/toolVersions';
import { dependsOnToolVersions } from '../engine/versionSensitivity';
import { runLiveCheck } from '../live/liveCheck';
import { planLiveCheck } from '../live/plan';
import { timeoutProblem } from '../live/timeout';
import type { LiveCheckOptions, LiveCheckResult } from '../live/types';
import { hostPlatform } from '../nodeHost/platform';
import { cacheDirOf, cachedToolVersions, detectToolVersions } from '../nodeHost/toolVersions';

const USAGE = `Usage:
  aws-credentials-doctor diagnose [--json | --markdown] [--profile NAME] [--home DIR]
                                  [--tool-versions LIST] [--platform win32|darwin|linux]
                                  [--live [--timeout SECONDS] [--endpoint-url URL] [--allow-imds]]
  aws-credentials-doctor explain [--json] [--profile NAME] [--home DIR] [ERROR TEXT...]

  diagnose        Predict which credentials the JavaScript SDK v3, botocore (boto3, AWS CLI v1)
                  and AWS CLI v2 will use on this machine, and report what is wrong.
  explain         Explain an AWS error (the text as arguments, or on standard input) in terms of
                  this machine's setup.

  --json          Print the machine-readable report (schemaVersion 1).
  --markdown      Print a redacted Markdown report, fit to paste into a public issue.
  --profile NAME  Diagnose as if the profile were chosen explicitly (like --profile of the AWS CLI).
  --home DIR      Read DIR/.aws instead of the home directory's (HOME is set to DIR).
  --tool-versions LIST
                  The tool versions to predict, e.g. aws-cli=2.9.19,botocore=1.43.11,awscrt=yes
                  (also AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS). Default: those on PATH, detected
                  when the diagnosis depends on them and cached in ~/.cache/aws-credentials-doctor.
  --platform P    Diagnose with the rules of win32, darwin or linux (home directory, %VAR% in the
                  file variables, file modes), e.g. a home copied from a Windows machine with --home.
                  Default: this machine's.
  --live          Also check the identity against STS (GetCallerIdentity) with the real AWS SDK.
  --timeout S     Live check timeout in seconds (default 5).
  --endpoint-url  STS endpoint for the live check (also AWS_ENDPOINT_URL_STS).
  --allow-imds    Let the live check query EC2 instance metadata (off by default).

Exit codes: 0 no error found, 1 an error-severity finding, 2 bad usage.
`;

export interface CliIo {
  readonly argv: readonly string[];
  readonly env: Environment;
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly now: () => number;
  readonly homedir: string;
  /** Where the example home ships (next to dist/). */
  readonly exampleHome?: string;
  /** Standard input, when it is not a terminal (for `explain`). */
  readonly readStdin?: () => Promise<string | undefined>;
  /** The installed tools' versions (cached, and detected on demand); absent: the newest behaviour is assumed. */
  readonly toolVersions?: { cached(): ToolVersions | undefined; detect(): Promise<ToolVersions> };
  /** This machine's platform (process.platform), the default of --platform. */
  readonly platform?: Platform;
  /** The live check (it forks dist/live.js, where the AWS SDK runs); injectable for tests. */
  readonly loadLive?: () => { runLiveCheck(o: LiveCheckOptions, d: Diagnosis): Promise<LiveCheckResult> };
}

interface Options {
  command: string;
  format: 'text' | 'json' | 'markdown';
  profile?: string;
  home?: string;
  live: boolean;
  timeoutMs?: number;
  endpointUrl?: string;
  allowImds: boolean;
  toolVersions?: ToolVersions;
  platform?: Platform;
  words: string[];
}

const VALUE_OPTIONS = new Set(['--profile', '--home', '--timeout', '--endpoint-url', '--tool-versions', '--platform']);

function parseArgs(argv: readonly string[]): Options | string {
  const opts: Options = { command: '', format: 'text', live: false, allowImds: false, words: [] };
  const set = (name: string, v: string): string | undefined => {
    if (name === '--profile') opts.profile = v;
    else if (name === '--home') opts.home = v;
    else if (name === '--endpoint-url') opts.endpointUrl = v;
    else if (name === '--platform') {
      if (v !== 'win32' && v !== 'darwin' && v !== 'linux') return '--platform takes win32, darwin or linux';
      opts.platform = v;
    } else if (name === '--tool-versions') {
      const parsed = parseToolVersions(v);
      if (typeof parsed === 'string') return `--tool-versions: ${parsed}`;
      opts.toolVersions = parsed;
    } else {
      const seconds = Number(v);
      if (!(seconds > 0)) return `--timeout takes a positive number of seconds`;
      opts.timeoutMs = seconds * 1000;
    }
    return undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0 && VALUE_OPTIONS.has(a.slice(0, eq))) {
      const e = set(a.slice(0, eq), a.slice(eq + 1));
      if (e) return e;
    } else if (VALUE_OPTIONS.has(a)) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) return `${a} needs a value`;
      const e = set(a, v);
      if (e) return e;
    } else if (a === '--json' || a === '--markdown') {
      const format = a === '--json' ? 'json' : 'markdown';
      if (opts.format !== 'text' && opts.format !== format) return '--json and --markdown exclude each other';
      opts.format = format;
    } else if (a === '--live') opts.live = true;
    else if (a === '--allow-imds') opts.allowImds = true;
    else if (a === '--help' || a === '-h') opts.command = 'help';
    else if (!a.startsWith('-') && !opts.command) opts.command = a;
    else if (!a.startsWith('-') && opts.command === 'explain') opts.words.push(a);
    else return `unknown argument: ${a}`;
  }
  if (opts.command === 'explain' && (opts.live || opts.format === 'markdown')) return 'explain takes --json, --profile and --home only';
  return opts;
}

export async function runCli(io: CliIo): Promise<number> {
  const opts = parseArgs(io.argv);
  if (typeof opts === 'string') {
    io.stderr(`aws-credentials-doctor: ${opts}\n\n${USAGE}`);
    return 2;
  }
  if (opts.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (opts.command !== 'diagnose' && opts.command !== 'explain') {
    io.stderr(opts.command ? `aws-credentials-doctor: unknown command: ${opts.command}\n\n${USAGE}` : USAGE);
    return 2;
  }
  let env: Environment = io.env;
  let note = '';
  if (opts.home) {
    env = { ...env, HOME: path.resolve(opts.home) };
  } else if (opts.command === 'diagnose' && io.exampleHome && !hasAnyAwsSetup(io.env, io.homedir)) {
    env = { ...env, HOME: io.exampleHome };
    note = `No AWS configuration found on this machine (no ~/.aws files, no AWS_* variables): showing the example home shipped in ${io.exampleHome}.\n\n`;
  }
  const pinnedText = io.env.AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS;
  let pinned = opts.toolVersions;
  if (!pinned && pinnedText) {
    const parsed = parseToolVersions(pinnedText);
    if (typeof parsed === 'string') {
      io.stderr(`aws-credentials-doctor: AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS: ${parsed}\n`);
      return 2;
    }
    pinned = parsed;
  }
  let input: EngineInput = { env, fs: nodeFileSystem, now: io.now(), fallbackHomeDir: io.homedir, explicitProfile: opts.profile, toolVersions: pinned ?? io.toolVersions?.cached(), platform: opts.platform ?? io.platform };
  // Running the tools costs up to a second: only when the answer depends on their versions.
  if (!input.toolVersions && io.toolVersions && dependsOnToolVersions(input)) input = { ...input, toolVersions: await io.toolVersions.detect() };
  const diagnosis = diagnose(input);

  if (opts.command === 'explain') {
    const text = opts.words.length ? opts.words.join(' ') : await io.readStdin?.();
    if (!text?.trim()) {
      io.stderr(`aws-credentials-doctor: explain needs the error text, as arguments or on standard input\n\n${USAGE}`);
      return 2;
    }
    const { explainError } = loadSibling<typeof Explain>('explain.js', ['..', 'engine', 'explain', 'explainError']);
    const explanation = explainError(text, diagnosis);
    io.stdout(opts.format === 'json' ? JSON.stringify(explanation, null, 2) + '\n' : formatExplanation(explanation));
    return 0;
  }

  let report: Report = buildReport(diagnosis);
  if (opts.live) {
    const problem = timeoutProblem(opts.timeoutMs);
    if (problem) {
      io.stderr(`aws-credentials-doctor: ${problem}\n\n${USAGE}`);
      return 2;
    }
    const liveOptions: LiveCheckOptions = { profile: opts.profile, timeoutMs: opts.timeoutMs, endpointUrl: opts.endpointUrl, allowImds: opts.allowImds, now: io.now };
    // Said before the check runs: what it will execute, and what it withholds or cannot redirect.
    for (const notice of planLiveCheck(diagnosis, liveOptions).notices) io.stderr(`aws-credentials-doctor: ${notice}\n`);
    const live = await (io.loadLive ?? loadLive)().runLiveCheck(liveOptions, diagnosis);
    report = withLiveCheck(report, live, diagnosis.redactor);
  }
  if (opts.format === 'json') io.stdout(JSON.stringify(report, null, 2) + '\n');
  else if (opts.format === 'markdown') io.stdout(formatMarkdown(report, input.now, env));
  else io.stdout(note + formatText(report, input.now));
  return exitCodeOf(report);
}

/**
 * Loads a part that has a bundle of its own next to dist/cli.js (the live check with the AWS SDK,
 * the error catalogue), so that `diagnose` never parses them; unbundled (tests) it is the
 * TypeScript output next to this file's.
 */
function loadSibling<T>(bundle: string, source: string[]): T {
  const bundled = path.join(__dirname, bundle);
  // A computed path, so that esbuild leaves the require alone instead of bundling the module in.
  const modulePath = fs.existsSync(bundled) ? bundled : source.join('/');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(modulePath) as T;
}

function loadLive(): { runLiveCheck(o: LiveCheckOptions, d: Diagnosis): Promise<LiveCheckResult> } {
  return { runLiveCheck: (o, d) => runLiveCheck(o, d) };
}

function hasAnyAwsSetup(env: Environment, homedir: string): boolean {
  const relevant = /^AWS_(PROFILE|DEFAULT_PROFILE|ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|CONFIG_FILE|SHARED_CREDENTIALS_FILE|WEB_IDENTITY_TOKEN_FILE|CONTAINER_CREDENTIALS_\w+)$/;
  if (Object.keys(env).some((k) => relevant.test(k) && env[k])) return true;
  const home = env.HOME || homedir;
  return ['config', 'credentials'].some((f) => fs.existsSync(path.join(home, '.aws', f)));
}

/**
 * Writes straight to the file descriptor: creating process.stdout costs a few milliseconds of
 * start-up, a third of what the command adds to `node -e 0`. Falls back to the stream when the
 * descriptor is non-blocking and full.
 */
function writeOut(fd: 1 | 2, s: string): void {
  const buf = Buffer.from(s, 'utf8');
  let off = 0;
  try {
    while (off < buf.length) off += fs.writeSync(fd, buf, off);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    (fd === 1 ? process.stdout : process.stderr).write(buf.subarray(off));
  }
}

function readStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/** Runs the command line on the real process; resolves with the exit code. */
export function main(): Promise<number> {
  return runCli({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: (s) => writeOut(1, s),
    stderr: (s) => writeOut(2, s),
    now: () => Date.now(),
    homedir: os.homedir(),
    exampleHome: path.join(__dirname, '..', 'examples', 'home'),
    readStdin,
    platform: hostPlatform(),
    toolVersions: {
      cached: () => cachedToolVersions(process.env, cacheDirOf(process.env)),
      detect: () => detectToolVersions(process.env, cacheDirOf(process.env)),
    },
  }).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      writeOut(2, `aws-credentials-doctor: ${e instanceof Error ? e.message : String(e)}\n`);
      return (process.exitCode = 1);
    },
  );
}

if (require.main === module) void main();
