/**
 * Writes a dump's documents and a record's events into the document store, each document in
 * our shape (`stored_shape.ts`). The events are applied in order as Superdesk's
 * `storage:restore-record` does: an insert inserts `fullDocument`; an update replaces the
 * document with `fullDocument` when the event has one, else `$set`s `updatedFields` and
 * `$unset`s `removedFields` (and sets again the fields the resource derives, where free:
 * `derived_keys.ts`); a replace replaces it; a delete deletes it. An update or delete of
 * a document that is not there changes nothing, as in Superdesk. A write the store refuses (a
 * duplicate id, a value the engine cannot hold: FerretDB refuses nested arrays) is a 400 naming
 * the collection and the engine's reason; an engine out of reach stays a 503.
 */
import { BadRequestError, HttpError } from "../errors.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import { SEQUENCES_COLLECTION } from "../resources/sequences.ts";
import { rederive, withFreeKeys } from "./derived_keys.ts";
import type { Dump } from "./read_dump.ts";
import type { RecordEvent } from "./read_record.ts";
import { type ShapeContext, storedShape } from "./stored_shape.ts";

/** Documents inserted per write. */
export const INSERT_BATCH = 500;

/** Inserts every document of `dump`; how many. */
export async function loadDump(
  documents: DocumentStore,
  dump: Dump,
  shape: ShapeContext,
): Promise<number> {
  let inserted = 0;
  for (const [name, docs] of dump.collections) {
    const collection = documents.collection(name);
    const derive = shape.derivedFields.get(name);
    const claimed = new Set<string>();
    for (let start = 0; start < docs.length; start += INSERT_BATCH) {
      const batch = docs.slice(start, start + INSERT_BATCH);
      await refusals(name, async () => {
        const shaped = [];
        for (const doc of batch) {
          shaped.push(
            await withFreeKeys(collection, storedShape(name, doc, shape), derive, claimed),
          );
        }
        await collection.insertMany(shaped);
      });
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
    await refusals(event.collection, () => applyEvent(documents, event, shape));
    applied++;
  }
  return applied;
}

async function applyEvent(
  documents: DocumentStore,
  event: Exclude<RecordEvent, { operationType: "other" }>,
  shape: ShapeContext,
) {
  const collection = documents.collection(event.collection);
  const derive = shape.derivedFields.get(event.collection);
  const as = (doc: Doc) =>
    withFreeKeys(collection, storedShape(event.collection, doc, shape), derive);
  switch (event.operationType) {
    case "insert":
      await collection.insertMany([await as(event.fullDocument)]);
      break;
    case "replace":
      await replaceShaped(collection, await as({ ...event.fullDocument, _id: event.id }));
      break;
    case "update":
      if (event.fullDocument) {
        await replaceShaped(collection, await as({ ...event.fullDocument, _id: event.id }));
      } else if (
        Object.keys(event.updatedFields).length > 0 || event.removedFields.length > 0
      ) {
        const id = await storedId(collection, event.collection, event.id);
        const before = derive ? await collection.findOne({ _id: id }) : null;
        await collection.updateOne({ _id: id }, {
          $set: event.updatedFields,
          $unset: event.removedFields,
        });
        await rederive(collection, id, derive, before);
      }
      break;
    case "delete":
      await collection.deleteOne({ _id: await storedId(collection, event.collection, event.id) });
      break;
  }
}

/**
 * The stored `_id` of the document a record's event names by `id`: a restored Superdesk counter
 * is stored under its `key`, its own id kept as `source_id` (`stored_shape.ts`).
 */
async function storedId(
  collection: ReturnType<DocumentStore["collection"]>,
  name: string,
  id: string,
): Promise<string> {
  if (name !== SEQUENCES_COLLECTION) return id;
  const counter = await collection.findOne({ source_id: id });
  return counter ? String(counter._id) : id;
}

/** Replaces the document `doc` names by its stored `_id` (a counter's is its `key`). */
async function replaceShaped(collection: ReturnType<DocumentStore["collection"]>, doc: Doc) {
  await collection.replaceOne({ _id: doc._id }, doc);
}

/**
 * Runs a write of `collection`, turning the store's refusal into a 400 that names it and says
 * what became of the data (`outcome`); an HTTP error (the embedded store's 400 for a path, a 503)
 * keeps its status and gets the outcome too.
 */
export async function refusals(
  collection: string,
  write: () => Promise<unknown>,
  outcome = "the data is partly restored",
): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof HttpError) {
      const { issues, headers, extra } = error;
      throw new HttpError(error.status, `${error.message}; ${outcome}`, { issues, headers, extra });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new BadRequestError(
      `Cannot restore into "${collection}": the document store refused a write (${reason}); ` +
        outcome,
    );
  }
}
