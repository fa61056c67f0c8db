/**
 * Writes a dump's documents and a record's events into the document store, each document in
 * our shape (`stored_shape.ts`). The events are applied in order as Superdesk's
 * `storage:restore-record` does: an insert inserts `fullDocument`; an update replaces the
 * document with `fullDocument` when the event has one, else `$set`s `updatedFields` and
 * `$unset`s `removedFields`; a replace replaces it; a delete deletes it. An update or delete of
 * a document that is not there changes nothing, as in Superdesk.
 */
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import type { Dump } from "./read_dump.ts";
import type { RecordEvent } from "./read_record.ts";
import { type ShapeContext, storedShape } from "./stored_shape.ts";

/** Documents inserted per write. */
const INSERT_BATCH = 500;

/** Inserts every document of `dump`; how many. */
export async function loadDump(
  documents: DocumentStore,
  dump: Dump,
  shape: ShapeContext,
): Promise<number> {
  let inserted = 0;
  for (const [name, docs] of dump.collections) {
    const collection = documents.collection(name);
    for (let start = 0; start < docs.length; start += INSERT_BATCH) {
      const batch = docs.slice(start, start + INSERT_BATCH);
      await collection.insertMany(batch.map((doc) => storedShape(name, doc, shape)));
      inserted += batch.length;
    }
  }
  return inserted;
}

/** Applies `events` in order; how many changed a collection. */
export async function applyEvents(
  documents: DocumentStore,
  events: readonly RecordEvent[],
  shape: ShapeContext,
): Promise<number> {
  let applied = 0;
  for (const event of events) {
    if (event.operationType === "other") continue;
    const collection = documents.collection(event.collection);
    const as = (doc: Doc) => storedShape(event.collection, doc, shape);
    switch (event.operationType) {
      case "insert":
        await collection.insertMany([as(event.fullDocument)]);
        break;
      case "replace":
        await collection.replaceOne(
          { _id: event.id },
          as({ ...event.fullDocument, _id: event.id }),
        );
        break;
      case "update":
        if (event.fullDocument) {
          await collection.replaceOne(
            { _id: event.id },
            as({ ...event.fullDocument, _id: event.id }),
          );
        } else if (
          Object.keys(event.updatedFields).length > 0 || event.removedFields.length > 0
        ) {
          await collection.updateOne({ _id: event.id }, {
            $set: event.updatedFields,
            $unset: event.removedFields,
          });
        }
        break;
      case "delete":
        await collection.deleteOne({ _id: event.id });
        break;
    }
    applied++;
  }
  return applied;
}
