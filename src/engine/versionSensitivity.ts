/**
 * Whether a diagnosis depends on the installed tools' versions, so that a shell runs the tools to
 * find them out only then: the machine is diagnosed as if every tool were as old as can be and
 * compared with the newest behaviour.
 */
import { diagnose } from './diagnose';
import type { EngineInput } from './host';
import { buildReport } from './report';
import type { ToolVersions } from './toolVersions';

const OLDEST: ToolVersions = { awsCli: '2.0.0', botocore: '1.0.0', awscrt: false, jsSdk: '3.0.0', from: 'pinned' };

export function dependsOnToolVersions(input: EngineInput): boolean {
  const fingerprint = (versions: ToolVersions | undefined) => {
    const r = buildReport(diagnose({ ...input, toolVersions: versions }));
    return JSON.stringify([r.tools, r.findings.map((f) => f.code)]);
  };
  return fingerprint(OLDEST) !== fingerprint(undefined);
}
