/**
 * A stand-in `aws` and `python3` for the "nothing runs without --live" tests: a hand-written fake
 * (no real installation may be executed to prove that nothing is executed). Each is a shell script
 * that appends to a record file when it is run, and they sit in a Python installation laid out as
 * a real one (`lib/python3.99/os.py`, site-packages with awscli and botocore), so that reading the
 * versions from files finds AWS CLI 2.33.1 and botocore 1.42.9: a test can tell that the versions
 * were read AND that nothing was run. The versions are new enough for every behaviour the engine
 * gates (`aws login` included), so that a suite's findings do not change with them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const RECORDED_VERSIONS = { awsCli: '2.33.1', botocore: '1.42.9' } as const;

export interface RecordingTools {
  /** Put first on PATH. */
  readonly binDir: string;
  /** Appended to by every run of either program; absent while nothing ran. */
  readonly record: string;
  /** What was run, one line per run ('' when nothing). */
  ran(): string;
}

export function installRecordingTools(root: string): RecordingTools {
  const prefix = path.join(root, 'recording-python');
  const binDir = path.join(prefix, 'bin');
  const site = path.join(prefix, 'lib', 'python3.99', 'site-packages');
  const record = path.join(root, 'executed.log');
  fs.mkdirSync(binDir, { recursive: true });
  fs.mkdirSync(path.join(site, 'awscli'), { recursive: true });
  fs.mkdirSync(path.join(site, 'botocore'), { recursive: true });
  fs.writeFileSync(path.join(prefix, 'lib', 'python3.99', 'os.py'), '# the landmark Python looks for\n');
  fs.writeFileSync(path.join(site, 'awscli', '__init__.py'), `__version__ = '${RECORDED_VERSIONS.awsCli}'\n`);
  fs.writeFileSync(path.join(site, 'botocore', '__init__.py'), `__version__ = '${RECORDED_VERSIONS.botocore}'\n`);
  const recorder = (name: string) => `#!/bin/sh\necho "${name} $*" >> '${record}'\nexit 3\n`;
  fs.writeFileSync(path.join(binDir, 'python3'), recorder('python3'), { mode: 0o755 });
  // A pip console script: its #! line names the interpreter whose site-packages hold awscli.
  fs.writeFileSync(
    path.join(binDir, 'aws'),
    `#!${path.join(binDir, 'python3')}\n${recorder('aws').split('\n').slice(1).join('\n')}`,
    { mode: 0o755 },
  );
  return {
    binDir,
    record,
    ran: () => (fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : ''),
  };
}
