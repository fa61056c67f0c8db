/**
 * A transmission run's coalesced completion writes (`transmit_writes.ts`): the batches being sent
 * are written together once each has handed its changes over or ended, a batch that ends
 * without writing releases the others, and a batch still sending holds them back only for a
 * bounded time.
 */
import assert from "node:assert/strict";
import { type EntryChange, sharedTransmitWrites } from "../../src/publish/transmit_writes.ts";
import type { Doc } from "../../src/storage/document_store.ts";

/** A queue recording each `advanceAll` round (its entry ids); every change is applied. */
function recordingQueue() {
  const rounds: string[][] = [];
  return {
    rounds,
    advanceAll(changes: readonly EntryChange[]): Promise<Array<Doc | null>> {
      rounds.push(changes.map(({ entry }) => String(entry._id)));
      return Promise.resolve(changes.map(({ entry, set }) => ({ ...entry, ...set })));
    },
  };
}

const change = (id: string): EntryChange => ({ entry: { _id: id }, set: { state: "success" } });

Deno.test("batches sending together are written once all have handed their changes over", async () => {
  const queue = recordingQueue();
  const writes = sharedTransmitWrites(queue);
  const a = writes.begin();
  const b = writes.begin();
  const first = a.advanceAll([change("a1"), change("a2")]);
  await Promise.resolve();
  assert.deepEqual(queue.rounds, [], "a's writes wait for b");
  const second = b.advanceAll([change("b1")]);
  assert.deepEqual(queue.rounds, [["a1", "a2"], ["b1"]]);
  assert.deepEqual((await first).map((doc) => doc?.state), ["success", "success"]);
  assert.deepEqual((await second).map((doc) => doc?._id), ["b1"]);
  a.end();
  b.end();
  // A batch begun later is written on its own.
  const c = writes.begin();
  await c.advanceAll([change("c1")]);
  assert.deepEqual(queue.rounds.at(-1), ["c1"]);
});

Deno.test("a batch that ends without writing releases the held writes", async () => {
  const queue = recordingQueue();
  const writes = sharedTransmitWrites(queue);
  const a = writes.begin();
  const b = writes.begin();
  const written = a.advanceAll([change("a1")]);
  await Promise.resolve();
  assert.deepEqual(queue.rounds, []);
  b.end();
  b.end();
  await written;
  assert.deepEqual(queue.rounds, [["a1"]]);
});

Deno.test("a batch still sending holds the others' writes back for a bounded time", async () => {
  const queue = recordingQueue();
  const writes = sharedTransmitWrites(queue);
  const a = writes.begin();
  writes.begin(); // never finishes
  await a.advanceAll([change("a1")]);
  assert.deepEqual(queue.rounds, [["a1"]]);
});

Deno.test("a failed round fails each batch's writes", async () => {
  const writes = sharedTransmitWrites({
    advanceAll: () => Promise.reject(new Error("store down")),
  });
  const a = writes.begin();
  const b = writes.begin();
  const first = a.advanceAll([change("a1")]);
  const second = b.advanceAll([change("b1")]);
  await assert.rejects(first, /store down/);
  await assert.rejects(second, /store down/);
});
