/**
 * A diagnosis summary as bytes, by V8's serializer (what a worker's message port uses anyway): the
 * worker encodes it; the extension host decodes it in slices the Doctor times, rather than inside
 * the message event, where the cost of a large home would go unseen. The profile list, most of a
 * large home's summary, comes in chunks: one slice each, a turn of the event loop apart.
 */
import { deserialize, serialize } from 'v8';
import type { ProfileSummary } from '../engine/findings/profiles';
import type { Report } from '../engine/output/report';
import type { DiagnosisSummary } from './diagnosisSummary';

export interface EncodedSummary {
  /** The summary, its report's profile list empty. */
  readonly head: Uint8Array;
  /** The profile list, PROFILES_PER_CHUNK at a time. */
  readonly profiles: readonly Uint8Array[];
}

export const PROFILES_PER_CHUNK = 500;
/** With every profile's state (the Profiles view is open) a profile weighs about four times as much. */
export const PROFILES_WITH_STATUS_PER_CHUNK = 150;

export function encodeSummary(summary: DiagnosisSummary): EncodedSummary {
  const all = summary.report.profiles;
  const profiles: Uint8Array[] = [];
  const chunk = all[0]?.status ? PROFILES_WITH_STATUS_PER_CHUNK : PROFILES_PER_CHUNK;
  for (let i = 0; i < all.length; i += chunk) profiles.push(serialize(all.slice(i, i + chunk)));
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
