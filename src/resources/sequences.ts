/**
 * Named counters (Superdesk's `sequences` service): numbers handed out atomically across
 * processes by compare-and-set on the stored value (the document store has no increment), from
 * `min`, wrapping back to `min` after `max` (subscribers' publish sequence numbers,
 * `MAX_VALUE_OF_INGEST_SEQUENCE`); a block of `count` consecutive numbers can be reserved in one
 * step (a batch of ingested items).
 */
import { type DocumentStore, DuplicateKeyError } from "../storage/document_store.ts";

/** The collection holding every counter. */
export const SEQUENCES_COLLECTION = "sequences";

/** Attempts before a contended counter gives up. */
const ATTEMPTS = 50;

/** Bounds of a counter. */
export interface SequenceRange {
  min?: number;
  max?: number;
}

/** The next value of counter `key`. */
export async function nextSequence(
  documents: DocumentStore,
  key: string,
  range: SequenceRange = {},
): Promise<number> {
  return (await nextSequences(documents, key, { ...range, count: 1 }))[0]!;
}

/** The next `count` values of counter `key`, reserved together. */
export async function nextSequences(
  documents: DocumentStore,
  key: string,
  { min = 1, max = Number.MAX_SAFE_INTEGER, count = 1 }: SequenceRange & { count?: number } = {},
): Promise<number[]> {
  if (count <= 0) return [];
  const sequences = documents.collection(SEQUENCES_COLLECTION);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await sequences.findOne({ _id: key });
    if (!current) {
      const values = take(undefined, count, { min, max });
      try {
        await sequences.insertMany([{ _id: key, sequence_number: values.at(-1) }]);
        return values;
      } catch (error) {
        if (error instanceof DuplicateKeyError) continue;
        throw error;
      }
    }
    const previous = Number(current.sequence_number);
    const values = take(previous, count, { min, max });
    const stored = await sequences.updateOne({ _id: key, sequence_number: previous }, {
      $set: { sequence_number: values.at(-1) },
    });
    if (stored) return values;
  }
  throw new Error(`Cannot advance sequence "${key}": too much contention`);
}

/** Removes counter `key` (a deleted provider's sequence). */
export async function dropSequence(documents: DocumentStore, key: string): Promise<void> {
  await documents.collection(SEQUENCES_COLLECTION).deleteOne({ _id: key });
}

/** `count` values after `last` (none: start at `min`), wrapping to `min` after `max`. */
function take(last: number | undefined, count: number, { min, max }: Required<SequenceRange>) {
  const values: number[] = [];
  let value = last;
  for (let i = 0; i < count; i++) {
    value = value === undefined || value >= max || value < min ? min : value + 1;
    values.push(value);
  }
  return values;
}
