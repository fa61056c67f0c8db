/**
 * Restoring Superdesk's counters (`stored_shape.ts`, `load_documents.ts`): a restored `sequences`
 * document, which Superdesk finds by `key`, and a record's replace of it, are the counter
 * `sequences.ts` goes on from, so the next `unique_id` after a restore is not one the dump's
 * items already carry.
 */
import assert from "node:assert/strict";
import { nextSequence } from "../../src/resources/sequences.ts";
import { storedShape } from "../../src/storage_dump/stored_shape.ts";
import { applyEvents } from "../../src/storage_dump/load_documents.ts";
import type { RecordEvent } from "../../src/storage_dump/read_record.ts";
import { withTempStore } from "../_temp_store.ts";

/** No restored resources and no derived keys: the counters' shape alone. */
const NO_SHAPE = { resourceSources: new Set<string>(), derivedFields: new Map() };

/** A recorded insert of Superdesk's archive counter at 8. */
function counterAt8(id: string): RecordEvent {
  return {
    operationType: "insert",
    collection: "sequences",
    fullDocument: { _id: id, key: "ARCHIVE_SEQ", sequence_number: 8 },
  } as RecordEvent;
}

Deno.test("storedShape: a restored Superdesk counter goes on from its number", () =>
  withTempStore(async (store) => {
    const restored = storedShape(
      "sequences",
      { _id: "65a1c0ffee0000000000000a", key: "ARCHIVE_SEQ", sequence_number: 8 },
      NO_SHAPE,
    );
    await store.collection("sequences").insertMany([restored]);
    assert.equal(await nextSequence(store, "ARCHIVE_SEQ"), 9);
    // Our own counters (dumped by us) are already keyed by name and pass unchanged.
    const ours = { _id: "ARCHIVE_SEQ", sequence_number: 3 };
    assert.deepEqual(
      storedShape("sequences", ours, NO_SHAPE),
      ours,
    );
  }));

Deno.test("applyEvents: a recorded replace of a Superdesk counter reaches it", () =>
  withTempStore(async (store) => {
    const id = "65a1c0ffee0000000000000a";
    await applyEvents(store, [
      counterAt8(id),
      {
        operationType: "replace",
        collection: "sequences",
        id,
        fullDocument: { key: "ARCHIVE_SEQ", sequence_number: 12 },
      },
    ] as RecordEvent[], NO_SHAPE);
    assert.equal(await nextSequence(store, "ARCHIVE_SEQ"), 13);
  }));

Deno.test("applyEvents: a recorded partial update or delete of a Superdesk counter reaches it", () =>
  withTempStore(async (store) => {
    const id = "65a1c0ffee0000000000000a";
    // Superdesk records its counters' `$inc` without the full document (data_manipulation.py).
    await applyEvents(store, [
      counterAt8(id),
      {
        operationType: "update",
        collection: "sequences",
        id,
        updatedFields: { sequence_number: 20 },
        removedFields: [],
      },
    ] as RecordEvent[], NO_SHAPE);
    assert.equal(await nextSequence(store, "ARCHIVE_SEQ"), 21);
    await applyEvents(store, [
      { operationType: "delete", collection: "sequences", id },
    ] as RecordEvent[], NO_SHAPE);
    assert.equal(await nextSequence(store, "ARCHIVE_SEQ"), 1);
  }));
