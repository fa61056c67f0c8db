/**
 * Sequence numbers (Superdesk's `sequences` service): named counters in the `sequences`
 * collection, advanced with compare-and-set so concurrent writers never hand out a number twice.
 * A counter with a range wraps from `max` back to `min` (subscribers' publish sequence numbers).
 */
import { type DocumentStore, DuplicateKeyError } from "../storage/document_store.ts";

/** Attempts before a contended counter gives up. */
const ATTEMPTS = 50;

/** The next value of counter `key` (from `min`, wrapping after `max`). */
export async function nextSequence(
  documents: DocumentStore,
  key: string,
  { min = 1, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): Promise<number> {
  const sequences = documents.collection("sequences");
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await sequences.findOne({ _id: key });
    if (!current) {
      try {
        await sequences.insertMany([{ _id: key, sequence_number: min }]);
        return min;
      } catch (error) {
        if (error instanceof DuplicateKeyError) continue;
        throw error;
      }
    }
    const previous = Number(current.sequence_number);
    const next = previous >= max || previous < min ? min : previous + 1;
    const stored = await sequences.updateOne({ _id: key, sequence_number: previous }, {
      $set: { sequence_number: next },
    });
    if (stored) return next;
  }
  throw new Error(`Cannot advance sequence "${key}": too much contention`);
}
