/**
 * A diagnosis summary as bytes, by V8's serializer (what a worker's message port uses anyway): the
 * worker encodes it; the extension host decodes it in a slice of its own that the Doctor times,
 * rather than inside the message event, where the cost of a large home would go unseen.
 */
import { deserialize, serialize } from 'v8';
import type { DiagnosisSummary } from './diagnosisSummary';

export type EncodedSummary = Uint8Array;

export function encodeSummary(summary: DiagnosisSummary): EncodedSummary {
  return serialize(summary);
}

export function decodeSummary(bytes: EncodedSummary): DiagnosisSummary {
  return deserialize(bytes) as DiagnosisSummary;
}
