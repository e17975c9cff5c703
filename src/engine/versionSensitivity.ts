/**
 * Whether a diagnosis depends on the installed tools' versions, so that a shell runs the tools to
 * find them out only then. The diagnosis is made once, with the newest behaviour assumed (what no
 * versions mean), through versions that note every read: a decision that never read a version
 * cannot change with it. The rules consult a version last, after what else decides them, so
 * that a home without login, legacy SSO or role profiles in use never reads one.
 */
import { diagnose } from './diagnose';
import type { Diagnosis } from './findings/diagnosis';
import type { EngineInput } from './core/host';
import type { ToolVersions } from './core/toolVersions';

/** The newest behaviour (every version unknown, as NEWEST_TOOLS), noting each read of a version. */
function notingVersions(onRead: () => void): ToolVersions {
  const unknown = () => {
    onRead();
    return null;
  };
  return {
    get awsCli() {
      return unknown();
    },
    get botocore() {
      return unknown();
    },
    get awscrt() {
      return unknown();
    },
    get jsSdk() {
      return unknown();
    },
    from: 'assumed',
  };
}

/**
 * The diagnosis with no versions known, and whether any decision in it read a version (then the
 * shell detects them and diagnoses again). Its report is the one `diagnose` gives without versions.
 */
export function diagnoseNotingVersions(input: EngineInput): { diagnosis: Diagnosis; dependsOnVersions: boolean } {
  let read = false;
  const diagnosis = diagnose({ ...input, toolVersions: notingVersions(() => (read = true)) });
  return { diagnosis, dependsOnVersions: read };
}

export function dependsOnToolVersions(input: EngineInput): boolean {
  return diagnoseNotingVersions(input).dependsOnVersions;
}
