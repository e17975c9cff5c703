/**
 * A diagnosis summary as bytes, by V8's serializer (what a worker's message port uses anyway): the
 * worker encodes it; the extension host decodes it in slices the Doctor times, rather than inside
 * the message event, where the cost of a large home would go unseen. The profile list, most of a
 * large home's summary, comes in chunks: one slice each, a turn of the event loop apart.
 */
import { deserialize, serialize } from 'v8';
import type { ProfileSummary } from '../engine/profiles';
import type { Report } from '../engine/report';
import type { DiagnosisSummary } from './diagnosisSummary';

export interface EncodedSummary {
  /** The summary, its report's profile list empty. */
  readonly head: Uint8Array;
  /** The profile list, PROFILES_PER_CHUNK at a time. */
  readonly profiles: readonly Uint8Array[];
}

export const PROFILES_PER_CHUNK = 500;

export function encodeSummary(summary: DiagnosisSummary): EncodedSummary {
  const all = summary.report.profiles;
  const profiles: Uint8Array[] = [];
  for (let i = 0; i < all.length; i += PROFILES_PER_CHUNK) profiles.push(serialize(all.slice(i, i + PROFILES_PER_CHUNK)));
  return { head: serialize({ ...summary, report: { ...summary.report, profiles: [] } }), profiles };
}

/** Decodes a summary: each step (each call of next()) is one slice; the last returns the summary. */
export function* decodeSummary(encoded: EncodedSummary): Generator<void, DiagnosisSummary, void> {
  const summary = deserialize(encoded.head) as DiagnosisSummary;
  const profiles = summary.report.profiles as ProfileSummary[];
  for (const chunk of encoded.profiles) {
    yield;
    for (const p of deserialize(chunk) as ProfileSummary[]) profiles.push(p);
  }
  return summary as DiagnosisSummary & { report: Report };
}
