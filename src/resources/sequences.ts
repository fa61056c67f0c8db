/**
 * Named counters (Superdesk's `sequences` service): numbers handed out atomically across
 * processes by compare-and-set on the stored value (the document store has no increment), from
 * `min`, wrapping back to `min` after `max` (subscribers' publish sequence numbers,
 * `MAX_VALUE_OF_INGEST_SEQUENCE`); a block of `count` consecutive numbers can be reserved in one
 * step (a batch of ingested items). Callers of one thread asking for the same counter while a
 * reservation is in flight are served together by the next one (one write for all of them, and no
 * compare-and-set lost to a neighbour).
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

/** Callers of one counter waiting for the next reservation of this thread. */
interface Line {
  waiting: Array<{ count: number; resolve(values: number[]): void; reject(error: unknown): void }>;
}

const lines = new WeakMap<DocumentStore, Map<string, Line>>();

/** The next `count` values of counter `key`, reserved together. */
export function nextSequences(
  documents: DocumentStore,
  key: string,
  { min = 1, max = Number.MAX_SAFE_INTEGER, count = 1 }: SequenceRange & { count?: number } = {},
): Promise<number[]> {
  if (count <= 0) return Promise.resolve([]);
  const range = { min, max };
  let perStore = lines.get(documents);
  if (!perStore) lines.set(documents, perStore = new Map());
  const lineKey = `${key}\u0000${min}\u0000${max}`;
  const { promise, resolve, reject } = Promise.withResolvers<number[]>();
  const line = perStore.get(lineKey);
  if (line) {
    line.waiting.push({ count, resolve, reject });
    return promise;
  }
  const started: Line = { waiting: [{ count, resolve, reject }] };
  perStore.set(lineKey, started);
  void serve(documents, key, range, started, () => perStore.delete(lineKey));
  return promise;
}

/** Serves a line's callers, a reservation at a time, until nobody waits. */
async function serve(
  documents: DocumentStore,
  key: string,
  range: Required<SequenceRange>,
  line: Line,
  idle: () => void,
): Promise<void> {
  // The line is removed in the same synchronous step that finds it empty, so no caller joins a
  // line nobody serves any more.
  for (;;) {
    if (line.waiting.length === 0) return idle();
    const batch = line.waiting.splice(0);
    const total = batch.reduce((sum, caller) => sum + caller.count, 0);
    try {
      const values = await reserve(documents, key, { ...range, count: total });
      let at = 0;
      for (const caller of batch) {
        caller.resolve(values.slice(at, at + caller.count));
        at += caller.count;
      }
    } catch (error) {
      for (const caller of batch) caller.reject(error);
    }
  }
}

/** Reserves `count` values with a compare-and-set on the stored last value. */
async function reserve(
  documents: DocumentStore,
  key: string,
  { min, max, count }: Required<SequenceRange> & { count: number },
): Promise<number[]> {
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

/** The last value `nextSequence` gave for `key` (0 before the first). */
export async function currentSequence(documents: DocumentStore, key: string): Promise<number> {
  const counter = await documents.collection(SEQUENCES_COLLECTION).findOne({ _id: key });
  return Number(counter?.sequence_number ?? 0);
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
