/**
 * `aws-credentials-doctor`: the command line over the engine. A thin shell: it reads the real
 * environment, disk and clock, and prints what the engine says.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import type * as Tty from 'node:tty';
import type * as V8 from 'node:v8';
import { parseArgs } from 'node:util';
import { diagnose } from '../engine/diagnose';
import type { Diagnosis } from '../engine/findings/diagnosis';
import type { Report } from '../engine/output/report';
import { buildReport, exitCodeOf, reportVocabulary } from '../engine/output/report';
import type * as Explain from '../engine/explain/explainError';
import { formatExplanation } from '../engine/explain/formatExplanation';
import { nodeFileSystem } from '../nodeHost/fileSystem';
import { sanitize, terminalJson } from '../engine/core/sanitize';
import type { FormatName, OutputContext, ProfileFormatName } from './outputs';
import { DIAGNOSE_FORMATS, EXPLAIN_FORMATS, FORMAT_NAMES, PROFILE_FORMATS, outputWidth, wantsColour } from './outputs';
import { workflowFileOf } from '../engine/output/ciFormats';
import { loadSibling } from './siblings';
import type { EngineInput, Environment, Platform } from '../engine/core/host';
import { withLiveCheck, withProfileChecks } from '../engine/output/liveReport';
import type { ToolVersions } from '../engine/core/toolVersions';
import { parseToolVersions } from '../engine/core/toolVersions';
import type { TextCut } from '../engine/core/boundedText';
import { HEAD_LIMIT, TAIL_LIMIT, cutNote, joinEnds, keepEnds } from '../engine/core/boundedText';
import { diagnoseNotingVersions } from '../engine/versionSensitivity';
import { nodePaths } from '../engine/files/paths';
import type { LiveBatchOptions, LiveBatchResult, PlannedCheck } from '../live/liveBatch';
import { DEFAULT_CONCURRENCY, DEFAULT_RATE_PER_SECOND, concurrencyProblem, rateProblem } from '../live/limits';
import { withProfileStatuses } from '../engine/output/profileStatus';
import type { LiveParts } from './liveParts';
import { DEFAULT_TIMEOUT_MS, timeoutProblem } from '../live/timeout';
import type { LiveCheckOptions, LiveCheckResult } from '../live/types';
import { hostPlatform } from '../nodeHost/platform';
import { readToolVersions } from '../nodeHost/toolVersions';

const USAGE = `Usage:
  aws-credentials-doctor diagnose [--format FORMAT] [--profile NAME | --all-profiles]
                                  [--home DIR | --example] [--tool-versions LIST]
                                  [--platform win32|darwin|linux] [--color | --no-color]
                                  [--live [--timeout SECONDS] [--endpoint-url URL] [--allow-imds]
                                          [--concurrency N] [--rate N]]
  aws-credentials-doctor explain [--format text|json] [--profile NAME] [--home DIR]
                                 [--tool-versions LIST] [--platform win32|darwin|linux]
                                 [--] [ERROR TEXT...]
  aws-credentials-doctor --help | --version

  diagnose        Predict which credentials the JavaScript SDK v3, botocore (boto3, AWS CLI v1)
                  and AWS CLI v2 will use on this machine, and report what is wrong.
  explain         Explain an AWS error (the text as arguments, or on standard input) in terms of
                  this machine's setup. Secrets in the text are masked before anything is shown.
                  Of a longer text, the first 64 KB and the last 896 KB are read (said on stderr).

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
  --all-profiles  Every profile's state, each as if chosen explicitly: a table (text, markdown,
                  github; with json, each entry of "profiles" gets its "status"; not sarif).
                  With --live, every profile is checked against STS, in one child process;
                  --timeout is then per profile.
  --home DIR      Read DIR/.aws instead of the home directory's (HOME is set to DIR, and on
                  Windows USERPROFILE too).
  --example       Diagnose the example home shipped with this tool instead of this machine.
  --tool-versions LIST
                  The tool versions to predict, e.g. aws-cli=2.9.19,botocore=1.43.11,awscrt=yes
                  (also AWS_CREDENTIALS_DOCTOR_TOOL_VERSIONS). Default: those on PATH, read from
                  their installed files (never run) when the diagnosis depends on them.
  --platform P    Diagnose with the rules of win32, darwin or linux (home directory, %VAR% in the
                  file variables, file modes), e.g. a home copied from a Windows machine with --home.
                  Default: this machine's.
  --live          Also check the identity against STS (GetCallerIdentity) with the real AWS SDK.
  --timeout S     Live check timeout in seconds, 0.1 to 120 (default 5).
  --endpoint-url URL
                  STS endpoint for the live check (also AWS_ENDPOINT_URL_STS).
  --allow-imds    Let the live check query EC2 instance metadata (off by default).
  --concurrency N
                  With --live --all-profiles: checks at once, 1 to 16 (default 4).
  --rate N        With --live --all-profiles: checks that contact AWS started per second, 0.1 to
                  100 (default 10); halved each time AWS throttles.
  -h, --help      Print this help.
  --version       Print the version.

Without --live nothing is executed and nothing is sent over the network.
Exit codes: 0 no error found, 1 an error-severity finding (with --live --all-profiles: or a profile
whose live check failed), 2 bad usage.
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
  /** Standard input, when it is not a terminal (for `explain`): its text, or its start and end and what was cut. */
  readonly readStdin?: () => Promise<string | { readonly text: string; readonly cut?: TextCut } | undefined>;
  /** The installed tools' versions, read from their files (nothing runs); absent: the newest behaviour is assumed. */
  readonly toolVersions?: () => ToolVersions;
  /** This machine's platform (process.platform), the default of --platform. */
  readonly platform?: Platform;
  /** The live check (it forks dist/live.js, where the AWS SDK runs); injectable for tests. */
  readonly loadLive?: () => LiveChecks;
  /** Present when standard output is a terminal: its width, read when needed (colour, wrapping). */
  readonly stdoutTerminal?: { readonly columns: number | undefined };
  /** Told what is about to be diagnosed, before the diagnosis runs (the real process tunes V8 for the files' size). */
  readonly beforeDiagnosis?: (input: EngineInput) => void;
  /** This tool's version and home page (--version, SARIF). */
  readonly packageInfo?: () => PackageInfo;
}

/** The live checks (they fork dist/live.js, where the AWS SDK runs): of the profile in use, and of many. */
export interface LiveChecks {
  runLiveCheck(o: LiveCheckOptions, d: Diagnosis): Promise<LiveCheckResult>;
  runLiveChecks?(d: Diagnosis, o: LiveBatchOptions, planned: readonly PlannedCheck[]): Promise<LiveBatchResult>;
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
  allProfiles: boolean;
  home?: string;
  example: boolean;
  live: boolean;
  timeoutMs?: number;
  concurrency?: number;
  ratePerSecond?: number;
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
  'all-profiles': { type: 'boolean' },
  home: { type: 'string' },
  example: { type: 'boolean' },
  live: { type: 'boolean' },
  timeout: { type: 'string' },
  'endpoint-url': { type: 'string' },
  'allow-imds': { type: 'boolean' },
  concurrency: { type: 'string' },
  rate: { type: 'string' },
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
  let parsed: ReturnType<
    typeof parseArgs<{
      args: string[];
      options: typeof CLI_OPTIONS;
      strict: true;
      allowPositionals: true;
      tokens: true;
    }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: CLI_OPTIONS, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    // Node's own message names the option ("Unknown option '--nope'", "argument is ambiguous").
    return (e instanceof Error ? e.message : String(e)).split('\n')[0];
  }
  const { values: o, positionals, tokens } = parsed;
  if (o.help || o.version)
    return {
      command: o.help ? 'help' : 'version',
      format: 'text',
      allProfiles: false,
      example: false,
      live: false,
      allowImds: false,
      words: [],
    };
  const [command, ...words] = positionals;
  if (command === undefined) return 'a command is needed: diagnose or explain';
  if (command !== 'diagnose' && command !== 'explain') return `unknown command: ${command}`;
  if (command === 'diagnose' && words.length) return `unknown argument: ${words[0]}`;
  const formats = [
    ...new Set(
      [o.format, o.json ? 'json' : undefined, o.markdown ? 'markdown' : undefined].filter((f) => f !== undefined),
    ),
  ];
  if (formats.length > 1)
    return `${formats.map((f) => (f === o.format ? `--format ${f}` : `--${f}`)).join(' and ')} exclude each other`;
  const format = (formats[0] ?? 'text') as FormatName;
  if (!FORMAT_NAMES.includes(format)) return `--format takes ${FORMAT_NAMES.join(', ')}`;
  if (o['all-profiles'] && !(format in PROFILE_FORMATS))
    return `--all-profiles prints ${Object.keys(PROFILE_FORMATS)
      .join(', ')
      .replace(/, (\w+)$/, ' or $1')}, not ${format}`;
  const colourFlag = tokens.filter((t) => t.kind === 'option' && (t.name === 'color' || t.name === 'no-color')).at(-1);
  const liveOnly = (['timeout', 'endpoint-url', 'allow-imds', 'concurrency', 'rate'] as const).filter(
    (k) => o[k] !== undefined,
  );
  if (command === 'explain') {
    const refused = (['markdown', 'live', 'example', 'all-profiles', ...liveOnly] as const).filter(
      (k) => o[k] !== undefined,
    );
    if (refused.length) return `explain does not take --${refused[0]}`;
    if (!EXPLAIN_FORMATS.includes(format)) return `explain prints ${EXPLAIN_FORMATS.join(' or ')}, not ${format}`;
  } else if (!o.live && liveOnly.length) {
    return `--${liveOnly[0]} applies to the live check only: add --live`;
  }
  if (o['all-profiles'] && o.profile !== undefined) return '--profile and --all-profiles exclude each other';
  const batchOnly = (['concurrency', 'rate'] as const).find((k) => o[k] !== undefined);
  if (batchOnly && !o['all-profiles'])
    return `--${batchOnly} applies to a check of every profile only: add --all-profiles`;
  if (o.example && o.home !== undefined) return '--home and --example exclude each other';
  // The live check's own range (live/timeout.ts), refused here as a usage error before anything runs.
  const timeoutMs =
    o.timeout === undefined ? undefined : o.timeout.trim() === '' ? NaN : Math.round(Number(o.timeout) * 1000);
  const timeout = timeoutProblem(timeoutMs);
  if (timeout) return timeout;
  if (o.profile === '') return '--profile needs a name';
  const number = (text: string | undefined) =>
    text === undefined ? undefined : text.trim() === '' ? NaN : Number(text);
  const concurrency = number(o.concurrency);
  const ratePerSecond = number(o.rate);
  const limit = concurrencyProblem(concurrency) ?? rateProblem(ratePerSecond);
  if (limit) return limit;
  if (o.platform !== undefined && o.platform !== 'win32' && o.platform !== 'darwin' && o.platform !== 'linux')
    return '--platform takes win32, darwin or linux';
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
    allProfiles: !!o['all-profiles'],
    home: o.home,
    example: !!o.example,
    live: !!o.live,
    timeoutMs,
    concurrency,
    ratePerSecond,
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
    if (!io.exampleHome || !isDirectory(io.exampleHome))
      return usageError(io, '--example: the example home is not installed with this copy');
    // The example is self-contained: this machine's AWS_* variables would mix into it.
    env = {
      ...Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('AWS_'))),
      ...homeVariables(io.exampleHome, platform),
    };
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
  let input: EngineInput = {
    env,
    fs: nodeFileSystem,
    now: io.now(),
    fallbackHomeDir: io.homedir,
    explicitProfile: opts.profile,
    toolVersions: pinned,
    platform,
    cwd: io.cwd,
  };
  io.beforeDiagnosis?.(input);
  // The installations' files are read only when the answer depends on the versions.
  let diagnosis: Diagnosis;
  if (!input.toolVersions && io.toolVersions) {
    const probe = diagnoseNotingVersions(input);
    diagnosis = probe.dependsOnVersions
      ? diagnose((input = { ...input, toolVersions: io.toolVersions() }))
      : probe.diagnosis;
  } else diagnosis = diagnose(input);

  if (opts.command === 'explain') {
    const given = opts.words.length ? opts.words.join(' ') : await io.readStdin?.();
    // At most the start and the end of any input (boundedText.ts), and the user told what was not read.
    const { text, cut } = typeof given === 'string' ? keepEnds(given) : (given ?? { text: '' });
    if (!text.trim()) return usageError(io, 'explain needs the error text, as arguments or on standard input');
    if (cut) io.stderr(`aws-credentials-doctor: ${cutNote(cut)}\n`);
    const { explainError } = loadSibling<typeof Explain>('explain.js', ['..', 'engine', 'explain', 'explainError']);
    const explanation = diagnosis.redactor.redactDeep(explainError(text, diagnosis), reportVocabulary);
    io.stdout(opts.format === 'json' ? terminalJson(explanation) + '\n' : formatExplanation(explanation));
    return 0;
  }

  const context: OutputContext = {
    now: input.now,
    // The variables' values the Markdown report shows (profile, region) may hold a secret pasted there.
    env: diagnosis.redactor.redactDeep(env),
    layout:
      opts.format === 'text'
        ? {
            colour: wantsColour(opts.colour, io.env, !!io.stdoutTerminal),
            width: outputWidth(io.env, io.stdoutTerminal?.columns),
          }
        : { colour: false, width: Infinity },
    note,
    workspace: io.env.GITHUB_WORKSPACE || undefined,
    workflowFile: workflowFileOf(io.env.GITHUB_WORKFLOW_REF),
    tool: io.packageInfo ?? readPackageInfo,
  };
  if (opts.allProfiles) return allProfiles(io, opts, diagnosis, context);
  let report: Report = buildReport(diagnosis);
  if (opts.live) {
    const liveOptions: LiveCheckOptions = {
      profile: opts.profile,
      timeoutMs: opts.timeoutMs,
      endpointUrl: opts.endpointUrl,
      allowImds: opts.allowImds,
      now: io.now,
    };
    // Said before the check runs: what it will execute, and what it withholds or cannot redirect.
    for (const notice of liveParts().planLiveCheck(diagnosis, liveOptions).notices)
      io.stderr(`aws-credentials-doctor: ${sanitize(notice)}\n`);
    const live = await (io.loadLive ?? loadLive)().runLiveCheck(liveOptions, diagnosis);
    report = withLiveCheck(report, live, diagnosis.redactor);
  }
  io.stdout(DIAGNOSE_FORMATS[opts.format](report, context));
  return exitCodeOf(report);
}

/**
 * `diagnose --all-profiles`: every profile's state as a table (JSON: `profiles[].status`); with
 * --live, every profile checked in one child process within the limits, what will run said first.
 */
async function allProfiles(io: CliIo, opts: Options, diagnosis: Diagnosis, context: OutputContext): Promise<number> {
  let report = withProfileStatuses(buildReport(diagnosis), diagnosis);
  let failed = false;
  if (opts.live) {
    const say = (s: string) => io.stderr(`aws-credentials-doctor: ${sanitize(s)}\n`);
    const batch: LiveBatchOptions = {
      profiles: report.profiles.map((p) => p.name),
      timeoutMs: opts.timeoutMs,
      concurrency: opts.concurrency,
      ratePerSecond: opts.ratePerSecond,
      endpointUrl: opts.endpointUrl,
      allowImds: opts.allowImds,
      allowCredentialProcess: true,
      now: io.now,
    };
    const { planLiveChecks, runLiveChecks } = liveParts();
    const planned = planLiveChecks(diagnosis, batch.profiles, batch);
    // Said before anything runs: every credential_process the checks execute, what is withheld or cannot be redirected.
    for (const notice of new Set(planned.flatMap((p) => p.plan.notices))) say(notice);
    say(
      `checking ${batch.profiles.length} profiles against STS, ${batch.concurrency ?? DEFAULT_CONCURRENCY} at a time, at most ${batch.ratePerSecond ?? DEFAULT_RATE_PER_SECOND} per second, ${(batch.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s each`,
    );
    let done = 0;
    const every = Math.max(1, Math.ceil(batch.profiles.length / 10));
    const onResult = () =>
      void (
        ++done % every === 0 &&
        done < batch.profiles.length &&
        say(`${done} of ${batch.profiles.length} profiles checked`)
      );
    const live = io.loadLive?.().runLiveChecks ?? ((d, o, p) => runLiveChecks(d, o, {}, p));
    const result = await live(diagnosis, { ...batch, onResult }, planned);
    if (result.stopped) say(result.stopped);
    report = withProfileChecks(report, result.checks);
    failed = [...result.checks.values()].some((c) => !c.ok && c.skipped === undefined);
  }
  io.stdout(PROFILE_FORMATS[opts.format as ProfileFormatName](report, context));
  return failed ? 1 : exitCodeOf(report);
}

/**
 * The version and home page of this copy, from the package.json next to dist/ (or, unbundled,
 * the repository's), read only for --version and SARIF.
 */
function readPackageInfo(): PackageInfo {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
        homepage?: string;
      };
      if (pkg.name === 'aws-credentials-doctor')
        return { version: pkg.version ?? '0.0.0', informationUri: (pkg.homepage ?? '').replace(/#.*$/, '') };
    } catch {
      // Not here: one level up.
    }
    if (path.dirname(dir) === dir)
      return { version: '0.0.0', informationUri: 'https://github.com/aws-credentials-doctor/aws-credentials-doctor' };
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The live check's code (dist/cli-live.js), loaded only with --live. */
const liveParts = () => loadSibling<{ liveParts: LiveParts }>('cli-live.js', ['.', 'liveParts']).liveParts;

function loadLive(): LiveChecks {
  const { runLiveCheck, runLiveChecks } = liveParts();
  return { runLiveCheck: (o, d) => runLiveCheck(o, d), runLiveChecks: (d, o, p) => runLiveChecks(d, o, {}, p) };
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
  for (const part of chunks(s, WRITE_CHUNK)) {
    if (closed.has(fd)) return;
    writeBytes(fd, Buffer.from(part, 'utf8'));
  }
}

/**
 * Characters written at a time: a report of thousands of profiles (a megabyte of JSON) is not
 * copied into one buffer as large as itself, which would add its size to the peak memory.
 */
const WRITE_CHUNK = 64 * 1024;

/** `s` in parts of at most `size` characters, never cut between the two halves of a surrogate pair (each would be written as U+FFFD). */
export function* chunks(s: string, size: number): Generator<string> {
  for (let at = 0; at < s.length;) {
    let end = Math.min(s.length, at + size);
    // A pair the cut would fall in goes to the next part (or, in a part of one character, stays whole in this one).
    if (end < s.length && s.charCodeAt(end - 1) >= 0xd800 && s.charCodeAt(end - 1) <= 0xdbff)
      end += end - 1 > at ? -1 : 1;
    yield at === 0 && end === s.length ? s : s.slice(at, end);
    at = end;
  }
}

/** Descriptors that were once full: the rest of their output goes through the stream too, in order. */
const streamed = new Set<number>();

function writeBytes(fd: 1 | 2, buf: Buffer): void {
  const stream = () => (fd === 1 ? process.stdout : process.stderr);
  if (streamed.has(fd)) {
    stream().write(buf);
    return;
  }
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
    streamed.add(fd);
    stream().on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') closed.add(fd);
    });
    stream().write(buf.subarray(off));
  }
}

/**
 * Standard input, read to its end in constant memory: the first HEAD_LIMIT bytes are kept, then
 * only the last TAIL_LIMIT (older chunks are dropped as newer ones arrive), whatever the size.
 */
function readStdin(): Promise<{ text: string; cut?: TextCut } | undefined> {
  if (process.stdin.isTTY) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const head: Buffer[] = [];
    let headBytes = 0;
    const tail: Buffer[] = [];
    let tailBytes = 0;
    let total = 0;
    process.stdin.on('data', (chunk: Buffer) => {
      total += chunk.length;
      let c = chunk;
      if (headBytes < HEAD_LIMIT) {
        const take = Math.min(HEAD_LIMIT - headBytes, c.length);
        head.push(c.subarray(0, take));
        headBytes += take;
        c = c.subarray(take);
      }
      if (!c.length) return;
      tail.push(c);
      tailBytes += c.length;
      while (tail.length > 1 && tailBytes - tail[0].length >= TAIL_LIMIT) tailBytes -= tail.shift()!.length;
    });
    process.stdin.on('end', () => {
      const end = Buffer.concat(tail);
      if (total <= HEAD_LIMIT + TAIL_LIMIT) return resolve({ text: Buffer.concat([...head, end]).toString('utf8') });
      const cut: TextCut = { total, head: headBytes, tail: TAIL_LIMIT, unit: 'bytes' };
      resolve({
        text: joinEnds(
          Buffer.concat(head).toString('utf8'),
          end.subarray(end.length - TAIL_LIMIT).toString('utf8'),
          cut,
        ),
        cut,
      });
    });
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

/**
 * V8 optimises a function once it has run for a while (its interrupt budget). In a run of a tenth
 * of a second over a few hundred kilobytes of files, compiling the busiest functions that way costs
 * more than it saves, and its memory shows in the peak: on the 2,000-profile homes of `npm run bench`
 * the default budget takes 15% more time and 6 MB more memory than one of 1,000,000. On smaller files
 * nothing gets that busy, and on files of megabytes the optimised code pays for itself (a budget
 * that high makes a 20,000-profile home 5–12% slower): the budget is raised between the two, for
 * this process only (the extension host's V8 is never touched). node:v8 costs 1.5 ms to load,
 * which a small home does not pay.
 */
function tuneForFiles(input: EngineInput): void {
  const { config, credentials } = nodePaths(input.env, input.fallbackHomeDir, input.platform);
  let size = 0;
  for (const file of [config, credentials]) {
    try {
      size += fs.statSync(file).size;
    } catch {
      // Missing or unreadable: the diagnosis says so.
    }
  }
  if (size < 64 * 1024 || size > 1024 * 1024) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('node:v8') as typeof V8).setFlagsFromString('--interrupt-budget=1000000');
  v8FlagsChanged = true;
}

/**
 * Whether this run changed a V8 flag. V8 accepts a code cache only under the flags it was made with,
 * and every run compiles the command line before it knows the files: the next run would reject a
 * cache this one wrote, so bin.ts writes none.
 */
export let v8FlagsChanged = false;

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
    // Asked only by the text output (colour, width): node:tty loads the net and stream modules, a few
    // milliseconds of start-up that --json and the other formats do not pay. process.stdout (as much
    // again to create) only for the width.
    get stdoutTerminal() {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('node:tty') as typeof Tty).isatty(1)
        ? {
            get columns() {
              return process.stdout.columns;
            },
          }
        : undefined;
    },
    platform: hostPlatform(),
    toolVersions: () => readToolVersions(process.env),
    beforeDiagnosis: tuneForFiles,
  }).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      writeOut(2, `aws-credentials-doctor: ${sanitize(e instanceof Error ? e.message : String(e))}\n`);
      return (process.exitCode = 1);
    },
  );
}

if (require.main === module) void main();
