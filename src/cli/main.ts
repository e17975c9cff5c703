/**
 * `aws-credentials-doctor`: the command line over the engine. A thin shell: it reads the real
 * environment, disk and clock, and prints what the engine says.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { diagnose } from '../engine/diagnose';
import { buildReport, exitCodeOf } from '../engine/report';
import { formatText } from '../engine/format';
import { nodeFileSystem } from '../engine/nodeHost';
import { EngineInput, Environment } from '../engine/host';

const USAGE = `Usage: aws-credentials-doctor diagnose [--json] [--profile NAME] [--home DIR]

  diagnose        Predict which credentials the JavaScript SDK v3, botocore (boto3, AWS CLI v1)
                  and AWS CLI v2 will use on this machine, and report what is wrong.
  --json          Print the machine-readable report (schemaVersion 1).
  --profile NAME  Diagnose as if the profile were chosen explicitly (like --profile of the AWS CLI).
  --home DIR      Read DIR/.aws instead of the home directory's (HOME is set to DIR for the diagnosis).

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
}

interface Options {
  command: string;
  json: boolean;
  profile?: string;
  home?: string;
}

function parseArgs(argv: readonly string[]): Options | string {
  const opts: Options = { command: '', json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--profile' || a === '--home') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) return `${a} needs a value`;
      if (a === '--profile') opts.profile = v;
      else opts.home = v;
    } else if (a.startsWith('--profile=')) opts.profile = a.slice('--profile='.length);
    else if (a.startsWith('--home=')) opts.home = a.slice('--home='.length);
    else if (a === '--help' || a === '-h') opts.command = 'help';
    else if (!a.startsWith('-') && !opts.command) opts.command = a;
    else return `unknown argument: ${a}`;
  }
  return opts;
}

export function runCli(io: CliIo): number {
  const opts = parseArgs(io.argv);
  if (typeof opts === 'string') {
    io.stderr(`aws-credentials-doctor: ${opts}\n\n${USAGE}`);
    return 2;
  }
  if (opts.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (opts.command !== 'diagnose') {
    io.stderr(opts.command ? `aws-credentials-doctor: unknown command: ${opts.command}\n\n${USAGE}` : USAGE);
    return 2;
  }
  let env: Environment = io.env;
  let note = '';
  if (opts.home) {
    env = { ...env, HOME: path.resolve(opts.home) };
  } else if (io.exampleHome && !hasAnyAwsSetup(io.env, io.homedir)) {
    env = { ...env, HOME: io.exampleHome };
    note = `No AWS configuration found on this machine (no ~/.aws files, no AWS_* variables): showing the example home shipped in ${io.exampleHome}.\n\n`;
  }
  const input: EngineInput = { env, fs: nodeFileSystem, now: io.now(), fallbackHomeDir: io.homedir, explicitProfile: opts.profile };
  const report = buildReport(diagnose(input));
  if (opts.json) io.stdout(JSON.stringify(report, null, 2) + '\n');
  else io.stdout(note + formatText(report, input.now));
  return exitCodeOf(report);
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

if (require.main === module) {
  const code = runCli({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: (s) => writeOut(1, s),
    stderr: (s) => writeOut(2, s),
    now: () => Date.now(),
    homedir: os.homedir(),
    exampleHome: path.join(__dirname, '..', 'examples', 'home'),
  });
  process.exitCode = code;
}
