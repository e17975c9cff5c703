/**
 * The worker's summary as bytes: decoded in slices (the head, then the profile list a chunk at a
 * time) into what was encoded, profile order and the report's key order kept.
 */
import * as assert from 'node:assert/strict';
import type { DiagnosisSummary } from '../../src/extension/diagnosisSummary';
import { decodeSummary, encodeSummary, PROFILES_PER_CHUNK } from '../../src/extension/summaryCodec';

function summaryWith(profiles: number): DiagnosisSummary {
  const report = {
    schemaVersion: 1,
    generatedAt: '2026-11-22T12:00:00.000Z',
    profile: { name: 'team-7', from: 'AWS_PROFILE' },
    profiles: Array.from({ length: profiles }, (_, i) => ({
      name: `team-${i}`,
      kind: 'static',
      region: i % 3 ? 'eu-west-1' : null,
      file: 'credentials',
      path: '/home/x/.aws/credentials',
      line: 1 + 4 * i,
    })),
    findings: [],
    summary: { errors: 0, warnings: 0, infos: 0 },
  } as unknown as DiagnosisSummary['report'];
  return {
    report,
    secrets: ['s3cr3t-value-one'],
    watched: [{ file: '/home/x/.aws/config' }],
    texts: { '/home/x/.aws/config': '[default]\n' },
    parseMisses: 2,
  };
}

describe('extension: the summary codec', () => {
  for (const n of [0, 1, PROFILES_PER_CHUNK, 2 * PROFILES_PER_CHUNK + 1]) {
    it(`${n} profiles: one slice for the head and one per chunk of ${PROFILES_PER_CHUNK}, giving back what was encoded`, () => {
      const original = summaryWith(n);
      const encoded = encodeSummary(original);
      assert.equal(encoded.profiles.length, Math.ceil(n / PROFILES_PER_CHUNK));
      const steps = decodeSummary(encoded);
      let slices = 1;
      let step = steps.next();
      for (; !step.done; step = steps.next()) slices++;
      assert.equal(slices, 1 + encoded.profiles.length);
      assert.deepEqual(step.value, original);
      assert.deepEqual(Object.keys(step.value.report), Object.keys(original.report));
      assert.deepEqual(
        step.value.report.profiles.map((p) => p.name),
        original.report.profiles.map((p) => p.name),
      );
    });
  }
});
