/**
 * `aws-credentials-doctor`: the command line over the engine. A thin shell: it reads the real
 * environment, disk and clock, and prints what the engine says.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as tty from 'node:tty';
import { parseArgs } from 'node:util';
import { diagnose } from '../engine/diagnose';
import type { Diagnosis } from '../engine/diagnosis';
import type { Report } from '../engine/report';
import { buildReport, exitCodeOf } from '../engine/report';
import type * as Explain from '../engine/explain/explainError';
import { formatExplanation } from '../engine/explain/formatExplanation';
import { nodeFileSystem } from '../nodeHost/fileSystem';
import { sanitize, terminalJson } from '../engine/sanitize';
import type { FormatName, OutputContext } from './outputs';
import { DIAGNOSE_FORMATS, EXPLAIN_FORMATS, FORMAT_NAMES, outputWidth, wantsColour } from './outputs';
import { workflowFileOf } from '../engine/ciFormats';
import { loadSibling } from './siblings';
import type { EngineInput, Environment, Platform } from '../engine/host';
import { withLiveCheck } from '../engine/liveReport';
import type { ToolVersions } from '../engine/toolVersions';
import { parseToolVersions } from '../engine/toolVersions';
import { diagnoseNotingVersions } from '../engine/versionSensitivity';
import { runLiveCheck } from '../live/liveCheck';
import { planLiveCheck } from '../live/plan';
import { timeoutProblem } from '../live/timeout';
import type { LiveCheckOptions, LiveCheckResult } from '../live/types';
import { hostPlatform } from '../nodeHost/platform';
import { cacheDirOf, cachedToolVersions, detectToolVersions } from '../nodeHost/toolVersions';

const USAGE = `Usage:
  aws-credentials-doctor diagnose [--format FORMAT] [--profile NAME] [--home DIR | --example]
                                  [--tool-versions LIST] [--platform win32|darwin|linux]
                                  [--live [--timeout SECONDS] [--endpoint-url URL] [--allow-imds]]
                                  [--color | --no-color]
  aws-credentials-doctor explain [--format text|json] [--profile NAME] [--home DIR]
                                 [--tool-versions LIST] [--platform win32|darwin|linux]
                                 [--] [ERROR TEXT...]
  aws-credentials-doctor --help | --version

  diagnose        Predict which credentials the JavaScript SDK v3, botocore (boto3, AWS CLI v1)
                  and AWS CLI v2 will use on this machine, and report what is wrong.
  explain         Explain an AWS error (the text as arguments, or on standard input) in terms of
                  this machine's setup. Secrets in the text are masked before anything is shown.

  --format FORMAT
                  text (the default), json (the machine-readable report, schemaVersion 1),
                  markdown (a redacted report to paste into a public issue), github (GitHub
                  Actions annotations) or sarif (SARIF 2.1.0 for code scanning).
  --json          The same as --format json.
  --markdown      The same as --format markdown.
  --color         Colour the text output even when it does not go to a terminal.
  --no-color      Never colour it (also NO_COLOR=1). Default: colour on a terminal; FORCE_COLOR=1
                  forces it. The text wraps at COLUMNS, else the terminal's width, else 80.
  --profile NAME  Diagnose as if the profile were chosen explicitly (like --profile of the AWS CLI).
  --home DIR      Read DIR/.aws instead of the home directory's (HOME is set to DIR, and on
                  Windows USERPROFILE too).
  --example       Diagnose the example home shipped with this tool instead of this machine.
  --tool-versions LIST
                  The tool versions to predict, e.g. aws-cli=2.9.19,botocore=1.43.11,awscrt=yes
                  (also AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS). Default: those on PATH, detected
                  when the diagnosis depends on them and cached in ~/.cache/aws-credentials-doctor.
  --platform P    Diagnose with the rules of win32, darwin or linux (home directory, %VAR% in the
                  file variables, file modes), e.g. a home copied from a Windows machine with --home.
                  Default: this machine's.
  --live          Also check the identity against STS (GetCallerIdentity) with the real AWS SDK.
  --timeout S     Live check timeout in seconds, 0.1 to 120 (default 5).
  --endpoint-url URL
                  STS endpoint for the live check (also AWS_ENDPOINT_URL_STS).
  --allow-imds    Let the live check query EC2 instance metadata (off by default).
  -h, --help      Print this help.
  --version       Print the version.

Without --live nothing is executed and nothing is sent over the network.
Exit codes: 0 no error found, 1 an error-severity finding, 2 bad usage.
`;

export interface CliIo {
  readonly argv: readonly string[];
  readonly env: Environment;
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly now: () => number;
  readonly homedir: string;
  /** The working directory: the tools find a relative credential_process from there. */
  readonly cwd?: string;
  /** Where the example home ships (next to dist/), for `--example`. */
  readonly exampleHome?: string;
  /** Standard input, when it is not a terminal (for `explain`). */
  readonly readStdin?: () => Promise<string | undefined>;
  /** The installed tools' versions (cached, and detected on demand); absent: the newest behaviour is assumed. */
  readonly toolVersions?: { cached(): ToolVersions | undefined; detect(): Promise<ToolVersions> };
  /** This machine's platform (process.platform), the default of --platform. */
  readonly platform?: Platform;
  /** The live check (it forks dist/live.js, where the AWS SDK runs); injectable for tests. */
  readonly loadLive?: () => { runLiveCheck(o: LiveCheckOptions, d: Diagnosis): Promise<LiveCheckResult> };
  /** Present when standard output is a terminal: its width, read when needed (colour, wrapping). */
  readonly stdoutTerminal?: { readonly columns: number | undefined };
  /** This tool's version and home page (--version, SARIF). */
  readonly packageInfo?: () => PackageInfo;
}

export interface PackageInfo {
  readonly version: string;
  readonly informationUri: string;
}

interface Options {
  command: 'diagnose' | 'explain' | 'help' | 'version';
  format: FormatName;
  /** --color / --no-color, the last one given; undefined: decided by the environment. */
  colour?: boolean;
  profile?: string;
  home?: string;
  example: boolean;
  live: boolean;
  timeoutMs?: number;
  endpointUrl?: string;
  allowImds: boolean;
  toolVersions?: ToolVersions;
  platform?: Platform;
  words: string[];
}

/**
 * The command line's options, for node:util parseArgs (strict: an unknown option is a usage error).
 * Each is in USAGE and in the README's options table (test/unit/cli.test.ts checks both).
 */
export const CLI_OPTIONS = {
  format: { type: 'string' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  profile: { type: 'string' },
  home: { type: 'string' },
  example: { type: 'boolean' },
  live: { type: 'boolean' },
  timeout: { type: 'string' },
  'endpoint-url': { type: 'string' },
  'allow-imds': { type: 'boolean' },
  'tool-versions': { type: 'string' },
  platform: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/**
 * The variables that make DIR every tool's home: HOME (the JavaScript SDK reads it first on every
 * platform, and Node's os.homedir() on POSIX); on Windows also USERPROFILE, which Python's
 * ntpath.expanduser (botocore, the AWS CLI) and os.homedir() read there instead of HOME.
 */
function homeVariables(dir: string, platform: Platform | undefined): Environment {
  return platform === 'win32' ? { HOME: dir, USERPROFILE: dir } : { HOME: dir };
}

/** The options, or the usage error to print (exit 2). */
function parseCommandLine(argv: readonly string[]): Options | string {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof CLI_OPTIONS; strict: true; allowPositionals: true; tokens: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: CLI_OPTIONS, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    // Node's own message names the option ("Unknown option '--nope'", "argument is ambiguous").
    return (e instanceof Error ? e.message : String(e)).split('\n')[0];
  }
  const { values: o, positionals, tokens } = parsed;
  if (o.help || o.version) return { command: o.help ? 'help' : 'version', format: 'text', example: false, live: false, allowImds: false, words: [] };
  const [command, ...words] = positionals;
  if (command === undefined) return 'a command is needed: diagnose or explain';
  if (command !== 'diagnose' && command !== 'explain') return `unknown command: ${command}`;
  if (command === 'diagnose' && words.length) return `unknown argument: ${words[0]}`;
  const formats = [...new Set([o.format, o.json ? 'json' : undefined, o.markdown ? 'markdown' : undefined].filter((f) => f !== undefined))];
  if (formats.length > 1) return `${formats.map((f) => (f === o.format ? `--format ${f}` : `--${f}`)).join(' and ')} exclude each other`;
  const format = (formats[0] ?? 'text') as FormatName;
  if (!FORMAT_NAMES.includes(format)) return `--format takes ${FORMAT_NAMES.join(', ')}`;
  const colourFlag = tokens.filter((t) => t.kind === 'option' && (t.name === 'color' || t.name === 'no-color')).at(-1);
  const liveOnly = (['timeout', 'endpoint-url', 'allow-imds'] as const).filter((k) => o[k] !== undefined);
  if (command === 'explain') {
    const refused = (['markdown', 'live', 'example', ...liveOnly] as const).filter((k) => o[k] !== undefined);
    if (refused.length) return `explain does not take --${refused[0]}`;
    if (!EXPLAIN_FORMATS.includes(format)) return `explain prints ${EXPLAIN_FORMATS.join(' or ')}, not ${format}`;
  } else if (!o.live && liveOnly.length) {
    return `--${liveOnly[0]} applies to the live check only: add --live`;
  }
  if (o.example && o.home !== undefined) return '--home and --example exclude each other';
  // The live check's own range (live/timeout.ts), refused here as a usage error before anything runs.
  const timeoutMs = o.timeout === undefined ? undefined : o.timeout.trim() === '' ? NaN : Math.round(Number(o.timeout) * 1000);
  const timeout = timeoutProblem(timeoutMs);
  if (timeout) return timeout;
  if (o.profile === '') return '--profile needs a name';
  if (o.platform !== undefined && o.platform !== 'win32' && o.platform !== 'darwin' && o.platform !== 'linux') return '--platform takes win32, darwin or linux';
  let toolVersions: ToolVersions | undefined;
  if (o['tool-versions'] !== undefined) {
    const parsed = parseToolVersions(o['tool-versions']);
    if (typeof parsed === 'string') return `--tool-versions: ${parsed}`;
    toolVersions = parsed;
  }
  return {
    command,
    format,
    colour: colourFlag && colourFlag.kind === 'option' ? colourFlag.name === 'color' : undefined,
    profile: o.profile,
    home: o.home,
    example: !!o.example,
    live: !!o.live,
    timeoutMs,
    endpointUrl: o['endpoint-url'],
    allowImds: !!o['allow-imds'],
    toolVersions,
    platform: o.platform as Platform | undefined,
    words,
  };
}

/** A usage error: the message (its control characters escaped), then the usage; exit code 2. */
function usageError(io: CliIo, message: string): number {
  io.stderr(`aws-credentials-doctor: ${sanitize(message)}\n\n${USAGE}`);
  return 2;
}

export async function runCli(io: CliIo): Promise<number> {
  const opts = parseCommandLine(io.argv);
  if (typeof opts === 'string') return usageError(io, opts);
  if (opts.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (opts.command === 'version') {
    io.stdout(`${(io.packageInfo ?? readPackageInfo)().version}\n`);
    return 0;
  }
  const platform = opts.platform ?? io.platform;
  let env: Environment = io.env;
  let note = '';
  if (opts.home !== undefined) {
    const home = path.resolve(opts.home);
    // A mistyped --home must not pass for "a home with no AWS setup".
    if (!isDirectory(home)) return usageError(io, `--home ${opts.home}: no such directory`);
    env = { ...env, ...homeVariables(home, platform) };
  } else if (opts.example) {
    if (!io.exampleHome || !isDirectory(io.exampleHome)) return usageError(io, '--example: the example home is not installed with this copy');
    // The example is self-contained: this machine's AWS_* variables would mix into it.
    env = { ...Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('AWS_'))), ...homeVariables(io.exampleHome, platform) };
    note = `The example home shipped in ${io.exampleHome}, not this machine (your AWS_* variables are ignored):`;
  }
  const pinnedText = io.env.AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS;
  let pinned = opts.toolVersions;
  if (!pinned && pinnedText) {
    const parsed = parseToolVersions(pinnedText);
    if (typeof parsed === 'string') {
      // Not a command-line mistake: the variable is named, without the usage.
      io.stderr(`aws-credentials-doctor: AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS: ${sanitize(parsed)}\n`);
      return 2;
    }
    pinned = parsed;
  }
  let input: EngineInput = { env, fs: nodeFileSystem, now: io.now(), fallbackHomeDir: io.homedir, explicitProfile: opts.profile, toolVersions: pinned ?? io.toolVersions?.cached(), platform, cwd: io.cwd };
  // Running the tools costs up to a second: only when the answer depends on their versions.
  let diagnosis: Diagnosis;
  if (!input.toolVersions && io.toolVersions) {
    const probe = diagnoseNotingVersions(input);
    diagnosis = probe.dependsOnVersions ? diagnose((input = { ...input, toolVersions: await io.toolVersions.detect() })) : probe.diagnosis;
  } else diagnosis = diagnose(input);

  if (opts.command === 'explain') {
    const text = opts.words.length ? opts.words.join(' ') : await io.readStdin?.();
    if (!text?.trim()) return usageError(io, 'explain needs the error text, as arguments or on standard input');
    const { explainError } = loadSibling<typeof Explain>('explain.js', ['..', 'engine', 'explain', 'explainError']);
    const explanation = explainError(text, diagnosis);
    io.stdout(opts.format === 'json' ? terminalJson(explanation) + '\n' : formatExplanation(explanation));
    return 0;
  }

  let report: Report = buildReport(diagnosis);
  if (opts.live) {
    const liveOptions: LiveCheckOptions = { profile: opts.profile, timeoutMs: opts.timeoutMs, endpointUrl: opts.endpointUrl, allowImds: opts.allowImds, now: io.now };
    // Said before the check runs: what it will execute, and what it withholds or cannot redirect.
    for (const notice of planLiveCheck(diagnosis, liveOptions).notices) io.stderr(`aws-credentials-doctor: ${sanitize(notice)}\n`);
    const live = await (io.loadLive ?? loadLive)().runLiveCheck(liveOptions, diagnosis);
    report = withLiveCheck(report, live, diagnosis.redactor);
  }
  const context: OutputContext = {
    now: input.now,
    env,
    layout: opts.format === 'text' ? { colour: wantsColour(opts.colour, io.env, !!io.stdoutTerminal), width: outputWidth(io.env, io.stdoutTerminal?.columns) } : { colour: false, width: Infinity },
    note,
    workspace: io.env.GITHUB_WORKSPACE || undefined,
    workflowFile: workflowFileOf(io.env.GITHUB_WORKFLOW_REF),
    tool: io.packageInfo ?? readPackageInfo,
  };
  io.stdout(DIAGNOSE_FORMATS[opts.format](report, context));
  return exitCodeOf(report);
}

/**
 * The version and home page of this copy, from the package.json next to dist/ (or, unbundled,
 * the repository's), read only for --version and SARIF.
 */
function readPackageInfo(): PackageInfo {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string; homepage?: string };
      if (pkg.name === 'aws-credentials-doctor') return { version: pkg.version ?? '0.0.0', informationUri: (pkg.homepage ?? '').replace(/#.*$/, '') };
    } catch {
      // Not here: one level up.
    }
    if (path.dirname(dir) === dir) return { version: '0.0.0', informationUri: 'https://github.com/aws-credentials-doctor/aws-credentials-doctor' };
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function loadLive(): { runLiveCheck(o: LiveCheckOptions, d: Diagnosis): Promise<LiveCheckResult> } {
  return { runLiveCheck: (o, d) => runLiveCheck(o, d) };
}

/** Descriptors whose reader has gone (`diagnose | head`): further output is dropped, silently. */
const closed = new Set<number>();

/**
 * Writes straight to the file descriptor: creating process.stdout costs a few milliseconds of
 * start-up, a third of what the command adds to `node -e 0`. Falls back to the stream when the
 * descriptor is non-blocking and full. A reader that has gone (EPIPE, as with `| head`) is no
 * error: the rest of the output is dropped and the exit code stays the diagnosis' own.
 */
function writeOut(fd: 1 | 2, s: string): void {
  if (closed.has(fd)) return;
  const buf = Buffer.from(s, 'utf8');
  let off = 0;
  try {
    while (off < buf.length) off += fs.writeSync(fd, buf, off);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') {
      closed.add(fd);
      return;
    }
    if (code !== 'EAGAIN') throw e;
    const stream = fd === 1 ? process.stdout : process.stderr;
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') closed.add(fd);
    });
    stream.write(buf.subarray(off));
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

/** The process's working directory; none when it was deleted under it (process.cwd() throws then). */
function workingDirectory(): string | undefined {
  try {
    return process.cwd();
  } catch {
    return undefined;
  }
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
    cwd: workingDirectory(),
    exampleHome: path.join(__dirname, '..', 'examples', 'home'),
    readStdin,
    // Asked of the descriptor, which is cheap; process.stdout (a few ms to create) only for its width.
    stdoutTerminal: tty.isatty(1) ? { get columns() { return process.stdout.columns; } } : undefined,
    platform: hostPlatform(),
    toolVersions: {
      cached: () => cachedToolVersions(process.env, cacheDirOf(process.env)),
      detect: () => detectToolVersions(process.env, cacheDirOf(process.env)),
    },
  }).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      writeOut(2, `aws-credentials-doctor: ${sanitize(e instanceof Error ? e.message : String(e))}\n`);
      return (process.exitCode = 1);
    },
  );
}

if (require.main === module) void main();
