/**
 * `npm run bench`: side-by-side ratios, measured in one run (no absolute targets in tests).
 *  1. The engine's full static diagnosis of a config with 2,000 profiles and a credentials file
 *     with 2,000 sections, against @smithy/shared-ini-file-loader's loadSharedConfigFiles
 *     ({ ignoreCache: true }) only reading and parsing the same two files. Target ≤ 2×.
 *  2. Whole process: `node dist/cli.js diagnose --json` against `node -e 0` (target ≤ 1.5×) and
 *     against `aws configure list` (AWS CLI v2).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { diagnose } from '../../src/engine/diagnose';
import { buildReport } from '../../src/engine/report';
import { nodeFileSystem } from '../../src/nodeHost/fileSystem';
import { fakeKeyId, fakeSecret } from '../differential/generateScenarios';

const PROFILES = 2000;
const ROOT = path.resolve(__dirname, '..', '..', '..');

function writeHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-bench-'));
  fs.mkdirSync(path.join(home, '.aws'));
  const config: string[] = ['[default]', 'region = eu-west-1', ''];
  const credentials: string[] = [];
  config.push('[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', '');
  for (let i = 0; i < PROFILES; i++) {
    const name = `team-${i}`;
    const kind = i % 4;
    if (kind === 0) config.push(`[profile ${name}]`, 'role_arn = arn:aws:iam::123456789012:role/Dev', `source_profile = base-${i}`, `region = us-east-${1 + (i % 2)}`, '');
    else if (kind === 1) config.push(`[profile ${name}]`, 'sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = Dev', 'region = eu-central-1', '');
    else if (kind === 2) config.push(`# ${name}: Sydney`, `[profile ${name}]`, 'region = ap-southeast-2', 'output = json', '');
    else config.push(`[profile ${name}]`, 'credential_process = /usr/bin/true', '');
    // Keys for the roles' source profiles, for the static profiles, and for key-only profiles.
    const section = kind === 0 ? `base-${i}` : kind === 2 ? name : `keys-${i}`;
    credentials.push(`[${section}]`, `aws_access_key_id = ${fakeKeyId('AKIA', name)}`, `aws_secret_access_key = ${fakeSecret(name)}`, '');
  }
  fs.writeFileSync(path.join(home, '.aws', 'config'), config.join('\n'));
  fs.writeFileSync(path.join(home, '.aws', 'credentials'), credentials.join('\n'), { mode: 0o600 });
  return home;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeAsync(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function timeProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, stdio: 'ignore' });
  if (r.error) throw r.error;
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main(): Promise<void> {
  const home = writeHome();
  // The CLI keeps its V8 code cache under XDG_CACHE_HOME: a temporary one, not the homes measured.
  const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-bench-cache-'));
  const env = { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_EC2_METADATA_DISABLED: 'true', XDG_CACHE_HOME: cacheHome };
  const files = { filepath: path.join(home, '.aws', 'credentials'), configFilepath: path.join(home, '.aws', 'config') };
  const sizes = `${(fs.statSync(files.configFilepath).size / 1024).toFixed(0)} KB config, ${(fs.statSync(files.filepath).size / 1024).toFixed(0)} KB credentials`;

  const engine = () => buildReport(diagnose({ env, fs: nodeFileSystem, now: Date.now(), fallbackHomeDir: home }));
  const sdk = () => loadSharedConfigFiles({ ...files, ignoreCache: true });
  for (let i = 0; i < 10; i++) {
    engine();
    await sdk();
  }
  // Interleaved, one run of each side at a time, so that both see the same machine load.
  const e: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < 60; i++) {
    e.push(await timeAsync(engine));
    s.push(await timeAsync(sdk));
  }
  const report = engine();
  console.log(`Engine versus the SDK's bare parse (${PROFILES} profiles and ${PROFILES} credentials sections, ${sizes}; ${report.findings.length} findings, ${report.profiles.length} profiles listed)`);
  console.log(`  engine full diagnosis      median ${median(e).toFixed(2)} ms`);
  console.log(`  loadSharedConfigFiles      median ${median(s).toFixed(2)} ms`);
  console.log(`  ratio engine/sdk-parse     ${(median(e) / median(s)).toFixed(2)}x   (target <= 2x)`);

  const cli = path.join(ROOT, 'dist', 'cli.js');
  const awsV2 = fs.existsSync('/usr/bin/aws') ? '/usr/bin/aws' : undefined;
  const typical = path.join(ROOT, 'examples', 'home');
  for (const [label, h] of [['a typical home (examples/home: 5 profiles, SSO, role)', typical], [`the ${PROFILES}-profile home`, home]] as const) {
    const penv = { ...env, HOME: h };
    const p: Record<string, number[]> = { cli: [], node: [], aws: [] };
    for (let i = 0; i < 15; i++) {
      p.cli.push(timeProcess(process.execPath, [cli, 'diagnose', '--json'], penv));
      p.node.push(timeProcess(process.execPath, ['-e', '0'], penv));
      if (awsV2) p.aws.push(timeProcess(awsV2, ['configure', 'list'], penv));
    }
    console.log(`\nWhole process on ${label} (median of ${p.cli.length} interleaved runs)`);
    console.log(`  node dist/cli.js diagnose --json   ${median(p.cli).toFixed(1)} ms`);
    console.log(`  node -e 0                          ${median(p.node).toFixed(1)} ms`);
    console.log(`  ratio cli/node                     ${(median(p.cli) / median(p.node)).toFixed(2)}x   (target <= 1.5x)`);
    if (awsV2) {
      console.log(`  aws configure list (CLI v2)        ${median(p.aws).toFixed(1)} ms`);
      console.log(`  ratio cli/aws-configure-list       ${(median(p.cli) / median(p.aws)).toFixed(2)}x`);
    } else console.log('  aws configure list: AWS CLI v2 not installed (/usr/bin/aws), skipped');
  }
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(cacheHome, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
