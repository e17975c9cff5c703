/** Writes a scenario's home to disk for the engine (the oracle harness writes its own copies). */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Scenario, ScenarioFile } from '../differential/scenario';
import type { EngineInput } from '../../src/engine/core/host';
import { nodeFileSystem } from '../../src/nodeHost/fileSystem';

/** A loopback URL that nothing listens on: the engine only checks that the variable is set. */
export const ENGINE_CONTAINER_URI = 'http://127.0.0.1:9/container-credentials';

export function fill(text: string, home: string): string {
  return text.split('{HOME}').join(home).split('{CONTAINER_URI}').join(ENGINE_CONTAINER_URI);
}

export function materialise(scenario: Scenario, root: string): string {
  const home = path.join(root, scenario.id, 'home');
  fs.rmSync(path.dirname(home), { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  for (const [rel, file] of Object.entries(scenario.files)) {
    const abs = path.join(home, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    writeScenarioFile(abs, file, fill(file.text, home));
  }
  fs.mkdirSync(workingDirectory(scenario, home), { recursive: true });
  return home;
}

/** The directory the scenario's tools run in: its `cwd` inside HOME, else an empty one beside HOME (as the oracle harness does). */
export function workingDirectory(scenario: Scenario, home: string): string {
  return scenario.cwd === undefined ? path.join(path.dirname(home), 'cwd') : path.join(home, scenario.cwd);
}

/** A named pipe at `abs` (Node has no mkfifo: the coreutils one). */
function makeFifo(abs: string): void {
  const r = spawnSync('mkfifo', [abs], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mkfifo ${abs}: ${r.stderr || r.error?.message}`);
}

/** One scenario file at `abs`: a regular file with `text`, a named pipe, or a link to itself (opening it fails with ELOOP). */
export function writeScenarioFile(abs: string, file: ScenarioFile, text: string): void {
  if (file.type === 'symlink-loop') return fs.symlinkSync(path.basename(abs), abs);
  if (file.type === 'fifo') makeFifo(abs);
  else fs.writeFileSync(abs, text, { mode: file.mode ?? 0o600 });
  fs.chmodSync(abs, file.mode ?? 0o600);
}

/** The engine input for a materialised scenario: only the scenario's variables plus HOME and a PATH. */
export function engineInput(scenario: Scenario, home: string, now: number): EngineInput {
  const env: Record<string, string> = {
    HOME: home,
    PATH: '/usr/local/bin:/usr/bin:/bin',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  for (const [k, v] of Object.entries(scenario.env)) env[k] = fill(v, home);
  return {
    env,
    fs: nodeFileSystem,
    now,
    fallbackHomeDir: home,
    explicitProfile: scenario.explicitProfile,
    cwd: workingDirectory(scenario, home),
  };
}

/** A temporary home holding the given files (paths relative to it), each readable by its owner only. */
export function tempHome(files: Record<string, string>, prefix = 'acd-home-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text, { mode: 0o600 });
  }
  return dir;
}
