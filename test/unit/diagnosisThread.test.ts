/**
 * The diagnosis off the extension host's thread: the real worker (dist/diagnoseWorker.js) on a
 * fixture home on disk gives the state a diagnosis on this thread gives, and the latest refresh wins.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Doctor } from '../../src/extension/doctor';
import { hostEngine } from '../../src/extension/hostEngine';
import { DiagnosisThread } from '../../src/extension/diagnosisThread';
import { mergeEnvironment } from '../../src/extension/presentation/environment';
import { DEFAULT_SETTINGS } from '../../src/extension/settings';
import { nodeFileSystem } from '../../src/nodeHost/fileSystem';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const SECRET = 'FAKEsecretKEYforTESTSonly'.padEnd(40, '0');

describe('extension: the diagnosis in a worker thread', function () {
  this.timeout(20_000);
  let home: string;
  let thread: DiagnosisThread;
  let onThread: Doctor;
  let here: Doctor;

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'acd-worker-'));
    fs.mkdirSync(path.join(home, '.aws'));
    fs.writeFileSync(
      path.join(home, '.aws', 'config'),
      '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = nowhere-1\n',
    );
    fs.writeFileSync(
      path.join(home, '.aws', 'credentials'),
      `[dev]\naws_access_key_id = AKIAFAKEKEYDOCTORONE\naws_secret_access_key = ${SECRET}\n`,
      { mode: 0o600 },
    );
    const env = mergeEnvironment({
      process: { HOME: home, AWS_PROFILE: 'dev' },
      settings: [],
      dotenv: [],
      overrides: new Map(),
    });
    const sources = {
      engine: () => hostEngine,
      fs: nodeFileSystem,
      environment: () => env,
      settings: () => DEFAULT_SETTINGS,
      now: () => NOW,
      homeDir: home,
    };
    thread = new DiagnosisThread(path.join(ROOT, 'dist', 'diagnoseWorker.js'));
    onThread = new Doctor({ ...sources, offThread: (input, explain) => thread.diagnose(input, explain) });
    here = new Doctor(sources);
  });
  afterEach(() => {
    thread.dispose();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('latest(): before the first publication, the state of the refresh in the background, never a diagnosis on this thread; then the last published', async () => {
    assert.equal(onThread.last, undefined);
    const [a, b] = await Promise.all([onThread.latest(), onThread.latest()]);
    assert.equal(a, b, 'one refresh for both');
    assert.equal(onThread.last, a);
    assert.equal(onThread.diagnosedHere, 0);
    assert.equal(await onThread.latest(), a, 'the last published, no new refresh');
    // The environment without a state: read now, without diagnosing.
    assert.equal(here.environment().variables.get('AWS_PROFILE')?.value, 'dev');
    assert.equal(here.last, undefined);
    assert.equal(here.diagnosedHere, 0);
  });

  it('publishes the report, watched paths, file texts and redaction a diagnosis on this thread gives', async () => {
    const seen: unknown[] = [];
    onThread.onDidChange((s) => seen.push(s));
    const a = await onThread.refreshInBackground();
    const b = here.refresh();
    assert.equal(seen.length, 1);
    assert.deepEqual(a.report, b.report);
    assert.deepEqual(a.watched, b.watched);
    const credentials = path.join(home, '.aws', 'credentials');
    assert.ok(
      a.report.findings.some((f) => f.file === path.join(home, '.aws', 'config')),
      'a finding in the config file',
    );
    for (const f of a.report.findings) if (f.file) assert.equal(a.textOf(f.file), b.textOf(f.file));
    assert.equal(a.redactor.redact(`key ${SECRET} end`), b.redactor.redact(`key ${SECRET} end`));
    assert.ok(!a.redactor.redact(SECRET).includes(SECRET));
    // The full diagnosis, made here on first use, agrees with the worker's.
    assert.equal(a.diagnosis.nodeView.credentials.path, credentials);
    assert.deepEqual(a.diagnosis.findings, b.diagnosis.findings);
    // The worker parsed the two files once; a second refresh of unchanged files parses nothing.
    assert.equal(onThread.parseMisses - onThread.parsed.misses, 2);
    await onThread.refreshInBackground();
    assert.equal(onThread.parseMisses - onThread.parsed.misses, 2);
  });

  it('diagnoses nothing on this thread until the full diagnosis is asked for; copying the state does not ask for it', async () => {
    const a = await onThread.refreshInBackground();
    const copy = { ...a };
    assert.equal(copy.report, a.report);
    assert.ok(!('diagnosis' in copy));
    assert.equal(onThread.diagnosedHere, 0);
    assert.equal(a.diagnosis.nodeView.credentials.path, path.join(home, '.aws', 'credentials'));
    assert.equal(onThread.diagnosedHere, 1);
    assert.equal(a.diagnosis, a.diagnosis, 'made once');
    assert.equal(onThread.diagnosedHere, 1);
  });

  it("a terminal's environment is diagnosed in the worker, with the same answer as here", async () => {
    const env = { HOME: home, AWS_PROFILE: 'default' };
    const a = await onThread.diagnoseEnvironment(env);
    const b = await here.diagnoseEnvironment(env);
    assert.equal(onThread.diagnosedHere, 0);
    assert.equal(here.diagnosedHere, 1);
    assert.equal(a.report.profile.name, 'default');
    assert.deepEqual(a.report, b.report);
    for (const f of a.report.findings) if (f.file) assert.equal(a.textOf(f.file), b.textOf(f.file));
    assert.equal(a.redactor.redact(`key ${SECRET} end`), b.redactor.redact(`key ${SECRET} end`));
    // The worker's parses are shared with its own refreshes: the files were parsed once.
    await onThread.refreshInBackground();
    assert.equal(onThread.parseMisses, 2);
  });

  it("diagnoses in the workspace folder, and a terminal's environment in the terminal's directory", async () => {
    fs.writeFileSync(
      path.join(home, '.aws', 'config'),
      '[default]\nregion = eu-west-1\ncredential_process = helpers/op-cred-helper.sh vault key\n',
    );
    fs.mkdirSync(path.join(home, 'project', 'helpers'), { recursive: true });
    fs.writeFileSync(path.join(home, 'project', 'helpers', 'op-cred-helper.sh'), '#!/bin/sh\n', { mode: 0o755 });
    const env = mergeEnvironment({ process: { HOME: home }, settings: [], dotenv: [], overrides: new Map() });
    const inWorkspace = new Doctor({
      engine: () => hostEngine,
      fs: nodeFileSystem,
      environment: () => env,
      settings: () => DEFAULT_SETTINGS,
      now: () => NOW,
      homeDir: home,
      workingDirectory: () => path.join(home, 'project'),
      offThread: (input, explain) => thread.diagnose(input, explain),
    });
    const codes = (r: { findings: readonly { code: string }[] }) =>
      r.findings.map((f) => f.code).filter((c) => c.startsWith('CREDENTIAL_PROCESS'));
    assert.deepEqual(codes((await inWorkspace.refreshInBackground()).report), ['CREDENTIAL_PROCESS_RELATIVE_PATH']);
    assert.deepEqual(codes((await inWorkspace.diagnoseEnvironment({ HOME: home })).report), [
      'CREDENTIAL_PROCESS_RELATIVE_PATH',
    ]);
    assert.deepEqual(codes((await inWorkspace.diagnoseEnvironment({ HOME: home }, home)).report), [
      'CREDENTIAL_PROCESS_NOT_FOUND',
    ]);
  });

  it('explains an AWS error in the worker, against its diagnosis, as it is explained here', async () => {
    const error = `An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid. key ${SECRET}`;
    const a = await onThread.explain(error);
    const b = await here.explain(error);
    assert.equal(onThread.diagnosedHere, 0);
    assert.equal(here.diagnosedHere, 1);
    assert.equal(a.explanation.diagnosed, true);
    assert.deepEqual(
      a.explanation.matches.map((m) => m.code),
      ['InvalidClientTokenId'],
    );
    assert.deepEqual(a.explanation, b.explanation);
    assert.ok(!JSON.stringify(a.explanation).includes(SECRET), 'the secret the diagnosis saw is masked');
    assert.deepEqual(a.view.report, b.view.report);
  });

  it('the latest refresh wins: a worker result overtaken by a refresh on this thread is dropped', async () => {
    const seen: unknown[] = [];
    onThread.onDidChange((s) => seen.push(s));
    const pending = onThread.refreshInBackground();
    const now = onThread.refresh();
    assert.equal(await pending, now);
    assert.deepEqual(seen, [now]);
    await onThread.whenIdle();
    assert.equal(onThread.last, now);
  });

  it('a background publication gives each listener a turn of its own; a refresh between two turns wins, and the later listeners never see the older state', async () => {
    const seen: [string, unknown][] = [];
    let now: unknown;
    let refreshed = false;
    onThread.onDidChange((s) => {
      seen.push(['first', s]);
      if (refreshed) return;
      refreshed = true;
      now = onThread.refresh();
    });
    onThread.onDidChange((s) => seen.push(['second', s]));
    const background = onThread.refreshInBackground();
    const result = await background;
    assert.equal(result, now);
    assert.equal(seen.length, 3);
    assert.notEqual(seen[0][1], now);
    assert.deepEqual(seen.slice(1), [
      ['first', now],
      ['second', now],
    ]);
    assert.equal(onThread.last, now);
  });

  it('whenIdle waits for every refresh under way', async () => {
    const first = onThread.refreshInBackground();
    const second = onThread.refreshInBackground();
    await onThread.whenIdle();
    const last = await second;
    assert.equal(onThread.last, last);
    assert.equal(await first, last, 'the overtaken result is dropped; its caller gets the state published');
    assert.equal(onThread.parsed.misses, 0, 'nothing diagnosed on this thread');
  });
});
