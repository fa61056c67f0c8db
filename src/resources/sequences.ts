/**
 * Named counters (Superdesk's `sequences` service): the next number of a key, atomically across
 * processes, by compare-and-set on the stored value (the document store has no increment), with
 * an optional wrap-around maximum (`MAX_VALUE_OF_INGEST_SEQUENCE`).
 */
import { type DocumentStore, DuplicateKeyError } from "../storage/document_store.ts";

/** The collection holding every counter. */
export const SEQUENCES_COLLECTION = "sequences";

/**
 * The next value of `key` (1 first), wrapping to 1 after `max`; with `count`, reserves that many
 * consecutive values in one step and returns them.
 */
export async function nextSequence(
  documents: DocumentStore,
  key: string,
  { max = Number.MAX_SAFE_INTEGER, count = 1 }: { max?: number; count?: number } = {},
): Promise<number[]> {
  const sequences = documents.collection(SEQUENCES_COLLECTION);
  for (;;) {
    const current = await sequences.findOne({ _id: key });
    if (!current) {
      try {
        const values = take(0, count, max);
        await sequences.insertMany([{ _id: key, key, sequence_number: values.at(-1) }]);
        return values;
      } catch (error) {
        if (error instanceof DuplicateKeyError) continue;
        throw error;
      }
    }
    const values = take(Number(current.sequence_number ?? 0), count, max);
    const stored = await sequences.updateOne(
      { _id: key, sequence_number: current.sequence_number },
      { $set: { sequence_number: values.at(-1) } },
    );
    if (stored) return values;
  }
}

/** `count` values after `last`, wrapping to 1 after `max`. */
function take(last: number, count: number, max: number): number[] {
  const values: number[] = [];
  let value = last;
  for (let i = 0; i < count; i++) {
    value = value >= max ? 1 : value + 1;
    values.push(value);
  }
  return values;
}

/** Removes the counter `key` (a deleted provider's sequence). */
export async function dropSequence(documents: DocumentStore, key: string): Promise<void> {
  await documents.collection(SEQUENCES_COLLECTION).deleteOne({ _id: key });
}
