/**
 * `aws-credentials-doctor`: the command line over the engine. A thin shell: it reads the real
 * environment, disk and clock, and prints what the engine says.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { diagnose } from '../engine/diagnose';
import type { Diagnosis } from '../engine/diagnosis';
import type { Report } from '../engine/report';
import { buildReport, exitCodeOf } from '../engine/report';
import { formatText } from '../engine/format';
import { formatMarkdown } from '../engine/markdown';
import type * as Explain from '../engine/explain/explainError';
import { formatExplanation } from '../engine/explain/formatExplanation';
import { nodeFileSystem } from '../nodeHost/fileSystem';
import { sanitize, terminalJson } from '../engine/sanitize';
import type { EngineInput, Environment } from '../engine/host';
import type { LiveCheckOptions, LiveCheckResult } from '../live/liveCheck';

const USAGE = `Usage:
  aws-credentials-doctor diagnose [--json | --markdown] [--profile NAME] [--home DIR | --example]
                                  [--live [--timeout SECONDS] [--endpoint-url URL] [--allow-imds]]
  aws-credentials-doctor explain [--json] [--profile NAME] [--home DIR] [--] [ERROR TEXT...]

  diagnose        Predict which credentials the JavaScript SDK v3, botocore (boto3, AWS CLI v1)
                  and AWS CLI v2 will use on this machine, and report what is wrong.
  explain         Explain an AWS error (the text as arguments, or on standard input) in terms of
                  this machine's setup. Secrets in the text are masked before anything is shown.

  --json          Print the machine-readable report (schemaVersion 1).
  --markdown      Print a redacted Markdown report, fit to paste into a public issue.
  --profile NAME  Diagnose as if the profile were chosen explicitly (like --profile of the AWS CLI).
  --home DIR      Read DIR/.aws instead of the home directory's (HOME is set to DIR).
  --example       Diagnose the example home shipped with this tool instead of this machine.
  --live          Also check the identity against STS (GetCallerIdentity) with the real AWS SDK.
  --timeout S     Live check timeout in seconds, 0.1 to 120 (default 5).
  --endpoint-url  STS endpoint for the live check (also AWS_ENDPOINT_URL_STS).
  --allow-imds    Let the live check query EC2 instance metadata (off by default).

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
  /** Where the example home ships (next to dist/), for `--example`. */
  readonly exampleHome?: string;
  /** Standard input, when it is not a terminal (for `explain`). */
  readonly readStdin?: () => Promise<string | undefined>;
  /** Loads the live check (a separate bundle with the AWS SDK); injectable for tests. */
  readonly loadLive?: () => { runLiveCheck(o: LiveCheckOptions, d: Diagnosis): Promise<LiveCheckResult> };
}

interface Options {
  command: 'diagnose' | 'explain' | 'help';
  format: 'text' | 'json' | 'markdown';
  profile?: string;
  home?: string;
  example: boolean;
  live: boolean;
  timeoutMs?: number;
  endpointUrl?: string;
  allowImds: boolean;
  words: string[];
}

/** The command line's options, for node:util parseArgs (strict: an unknown option is a usage error). */
const OPTIONS = {
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  profile: { type: 'string' },
  home: { type: 'string' },
  example: { type: 'boolean' },
  live: { type: 'boolean' },
  timeout: { type: 'string' },
  'endpoint-url': { type: 'string' },
  'allow-imds': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The live check's timeout range: below it no request completes, above it a stuck check only looks hung. */
export const TIMEOUT_RANGE_S = { min: 0.1, max: 120 } as const;

/** The options, or the usage error to print (exit 2). */
function parseCommandLine(argv: readonly string[]): Options | string {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (e) {
    // Node's own message names the option ("Unknown option '--nope'", "argument is ambiguous").
    return (e instanceof Error ? e.message : String(e)).split('\n')[0];
  }
  const { values: o, positionals } = parsed;
  if (o.help) return { command: 'help', format: 'text', example: false, live: false, allowImds: false, words: [] };
  const [command, ...words] = positionals;
  if (command === undefined) return 'a command is needed: diagnose or explain';
  if (command !== 'diagnose' && command !== 'explain') return `unknown command: ${command}`;
  if (command === 'diagnose' && words.length) return `unknown argument: ${words[0]}`;
  if (o.json && o.markdown) return '--json and --markdown exclude each other';
  const liveOnly = (['timeout', 'endpoint-url', 'allow-imds'] as const).filter((k) => o[k] !== undefined);
  if (command === 'explain') {
    const refused = (['markdown', 'live', 'example', ...liveOnly] as const).filter((k) => o[k] !== undefined);
    if (refused.length) return `explain takes --json, --profile and --home only (not --${refused[0]})`;
  } else if (!o.live && liveOnly.length) {
    return `--${liveOnly[0]} applies to the live check only: add --live`;
  }
  if (o.example && o.home !== undefined) return '--home and --example exclude each other';
  let timeoutMs: number | undefined;
  if (o.timeout !== undefined) {
    const seconds = Number(o.timeout);
    if (!Number.isFinite(seconds) || o.timeout.trim() === '' || seconds < TIMEOUT_RANGE_S.min || seconds > TIMEOUT_RANGE_S.max) {
      return `--timeout takes seconds from ${TIMEOUT_RANGE_S.min} to ${TIMEOUT_RANGE_S.max} (got ${o.timeout})`;
    }
    timeoutMs = Math.round(seconds * 1000);
  }
  if (o.profile === '') return '--profile needs a name';
  return {
    command,
    format: o.json ? 'json' : o.markdown ? 'markdown' : 'text',
    profile: o.profile,
    home: o.home,
    example: !!o.example,
    live: !!o.live,
    timeoutMs,
    endpointUrl: o['endpoint-url'],
    allowImds: !!o['allow-imds'],
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
  let env: Environment = io.env;
  let note = '';
  if (opts.home !== undefined) {
    const home = path.resolve(opts.home);
    // A mistyped --home must not pass for "a home with no AWS setup".
    if (!isDirectory(home)) return usageError(io, `--home ${opts.home}: no such directory`);
    env = { ...env, HOME: home };
  } else if (opts.example) {
    if (!io.exampleHome || !isDirectory(io.exampleHome)) return usageError(io, '--example: the example home is not installed with this copy');
    // The example is self-contained: this machine's AWS_* variables would mix into it.
    env = { ...Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('AWS_'))), HOME: io.exampleHome };
    note = `The example home shipped in ${io.exampleHome}, not this machine (your AWS_* variables are ignored):\n\n`;
  }
  const input: EngineInput = { env, fs: nodeFileSystem, now: io.now(), fallbackHomeDir: io.homedir, explicitProfile: opts.profile };
  const diagnosis = diagnose(input);

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
    const live = await (io.loadLive ?? loadLive)().runLiveCheck(
      { profile: opts.profile, timeoutMs: opts.timeoutMs, endpointUrl: opts.endpointUrl, allowImds: opts.allowImds, now: io.now },
      diagnosis,
    );
    report = withLive(report, live, diagnosis.redactor.redact.bind(diagnosis.redactor));
  }
  if (opts.format === 'json') io.stdout(terminalJson(report) + '\n');
  else if (opts.format === 'markdown') io.stdout(formatMarkdown(report, input.now, env));
  else io.stdout(sanitize(note, true) + formatText(report, input.now));
  return exitCodeOf(report);
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Adds the live check's findings and identity to the report, through the diagnosis' redaction. */
export function withLive(report: Report, live: LiveCheckResult, redact: (s: string) => string): Report {
  const liveFindings = live.findings.map((f) => ({
    ...f,
    message: redact(f.message),
    related: f.related.map((r) => ({ ...r, message: redact(r.message) })),
    fixes: f.fixes.map((x) => ({ ...x, title: redact(x.title) })),
  }));
  const findings = [...report.findings, ...liveFindings];
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const error = live.error ? { ...live.error, message: redact(live.error.message) } : null;
  return {
    ...report,
    live: { ok: live.ok, account: live.account ?? null, arn: live.arn ? redact(live.arn) : null, clockSkewMs: live.clockSkewMs, durationMs: live.durationMs, error },
    findings,
    summary: { errors: count('error'), warnings: count('warning'), infos: count('info') },
  };
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
  return loadSibling('live.js', ['..', 'live', 'liveCheck']);
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
  }).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      writeOut(2, `aws-credentials-doctor: ${sanitize(e instanceof Error ? e.message : String(e))}\n`);
      return (process.exitCode = 1);
    },
  );
}

if (require.main === module) void main();
