/**
 * A restore's trial write, before anything is erased: every document of the dump, and every
 * document a record's events write, is inserted into a scratch collection (emptied per dump
 * collection, dropped afterwards), and an update event's `$set`/`$unset` is run on a scratch
 * document, so a value the engine cannot hold (FerretDB refuses nested arrays, as in an Editor3
 * table's `cells`), an update path it does not take (`a..b`, `a.b` set with `a` removed), a
 * collection name it does not take (the embedded store's are `[A-Za-z][A-Za-z0-9_-]*`; MongoDB
 * refuses a `$` or too long a name on the first command, a count here) or a duplicate id within
 * a collection is a 400 that leaves the data as it was, not one after the erase. The scratch
 * collection is left empty (the stores keep an emptied collection) and is not dumped
 * (`write_dump.ts`). What only the real collections can refuse (an event inserting an id the
 * dump holds) still fails after the erase (`load_documents.ts`).
 */
import type { DocumentStore } from "../storage/document_store.ts";
import { INSERT_BATCH, refusals } from "./load_documents.ts";
import type { Dump } from "./read_dump.ts";
import type { RecordEvent } from "./read_record.ts";
import { type ShapeContext, storedShape } from "./stored_shape.ts";

/** The scratch collection (a name no resource uses). */
export const TRIAL_COLLECTION = "storage_restore_trial";

const UNCHANGED = "nothing is erased";

/** Writes `dump`'s documents and `events`' documents into the scratch collection, then drops it. */
export async function trialWrite(
  documents: DocumentStore,
  dump: Dump | undefined,
  events: readonly RecordEvent[],
  shape: ShapeContext,
): Promise<void> {
  const names = new Set([
    ...(dump?.collections.keys() ?? []),
    ...events.flatMap((event) => event.operationType === "other" ? [] : [event.collection]),
  ]);
  // A command on each: MongoDB checks a collection's name on the first one (a `$`, the length).
  for (const name of names) {
    await refusals(name, () => documents.collection(name).count({}), UNCHANGED);
  }
  const scratch = documents.collection(TRIAL_COLLECTION);
  try {
    for (const [name, docs] of dump?.collections ?? []) {
      await scratch.drop();
      for (let start = 0; start < docs.length; start += INSERT_BATCH) {
        const batch = docs.slice(start, start + INSERT_BATCH).map((d) =>
          storedShape(name, d, shape)
        );
        await refusals(name, () => scratch.insertMany(batch), UNCHANGED);
      }
    }
    await scratch.drop();
    for (const [index, event] of events.entries()) {
      if (event.operationType === "other" || event.operationType === "delete") continue;
      const _id = `event-${index}`;
      if (event.operationType === "update" && !event.fullDocument) {
        const { updatedFields, removedFields } = event;
        if (Object.keys(updatedFields).length === 0 && removedFields.length === 0) continue;
        // The event's own `$set` and `$unset`, on a scratch document: its paths are tried too.
        await refusals(event.collection, async () => {
          await scratch.insertMany([{ _id }]);
          await scratch.updateOne({ _id }, { $set: updatedFields, $unset: removedFields });
        }, UNCHANGED);
        continue;
      }
      const value = storedShape(event.collection, event.fullDocument!, shape);
      await refusals(event.collection, () => scratch.insertMany([{ _id, value }]), UNCHANGED);
    }
  } finally {
    await scratch.drop();
  }
}
