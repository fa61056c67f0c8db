/**
 * A transmission run's shared reads (`transmit_reads.ts`): destinations asking for their waiting
 * entries in one turn are served by one read, formatted items are read once per run (those
 * asked in one turn together), a failed read is not kept; and `waitingOf` finds each
 * destination's first entries in one query, reading a destination alone only when a read cut off
 * at its size may have left some of its entries out, and `dueAmong` which destinations have an
 * entry to send now, the same way. Embedded store.
 */
import assert from "node:assert/strict";
import { PublishQueueService } from "../../src/publish/publish_queue_service.ts";
import { publishQueueResource } from "../../src/publish/publish_queue_resource.ts";
import { sharedTransmitReads } from "../../src/publish/transmit_reads.ts";
import type { ServiceContext } from "../../src/resources/service_context.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import type { Doc, DocumentStore } from "../../src/storage/document_store.ts";

/** A queue whose reads are recorded; `failTexts` makes the next payload read fail. */
function fakeQueue() {
  const calls: Array<[string, string[]]> = [];
  const queue = {
    calls,
    failTexts: false,
    waitingOf(ids: readonly string[], _limit: number) {
      calls.push(["waitingOf", [...ids]]);
      return Promise.resolve(new Map(ids.map((id) => [id, [{ _id: `${id}-1` }]])));
    },
    payloadTexts(ids: readonly string[]) {
      calls.push(["payloadTexts", [...ids]]);
      if (queue.failTexts) {
        queue.failTexts = false;
        return Promise.reject(new Error("store down"));
      }
      return Promise.resolve(new Map(ids.map((id) => [id, `text of ${id}`])));
    },
  };
  return queue;
}

const entry = (id: string, payload: string): Doc => ({ _id: id, formatted_item_id: payload });

Deno.test("destinations asking in one turn share one read of their waiting entries", async () => {
  const queue = fakeQueue();
  const reads = sharedTransmitReads(queue as unknown as PublishQueueService);
  const [d1, d2] = await Promise.all([reads.waiting("d1", 50), reads.waiting("d2", 50)]);
  assert.deepEqual(queue.calls, [["waitingOf", ["d1", "d2"]]]);
  assert.deepEqual([d1, d2], [[{ _id: "d1-1" }], [{ _id: "d2-1" }]]);
  await reads.waiting("d1", 50);
  assert.deepEqual(queue.calls.at(-1), ["waitingOf", ["d1"]]);
});

Deno.test("formatted items are read once per run, a failed read again", async () => {
  const queue = fakeQueue();
  const reads = sharedTransmitReads(queue as unknown as PublishQueueService);
  const [first, second] = await Promise.all([
    reads.formattedItems([entry("e1", "p1"), entry("e2", "p2")]),
    reads.formattedItems([entry("f1", "p1"), entry("f2", "p2"), {
      _id: "f3",
      formatted_item: "x",
    }]),
  ]);
  assert.deepEqual(queue.calls, [["payloadTexts", ["p1", "p2"]]]);
  assert.deepEqual(Object.fromEntries(first), { e1: "text of p1", e2: "text of p2" });
  assert.deepEqual(Object.fromEntries(second), { f1: "text of p1", f2: "text of p2", f3: "x" });
  queue.failTexts = true;
  await assert.rejects(reads.formattedItems([entry("g1", "p3")]), /store down/);
  const again = await reads.formattedItems([entry("g1", "p3"), entry("g2", "p1")]);
  assert.deepEqual(Object.fromEntries(again), { g1: "text of p3", g2: "text of p1" });
  assert.deepEqual(queue.calls.slice(1), [["payloadTexts", ["p3"]], ["payloadTexts", ["p3"]]]);
});

/** Runs `body` with a publish queue service over a fresh embedded store. */
async function withQueue(
  body: (queue: PublishQueueService, documents: DocumentStore) => Promise<void>,
) {
  const dir = await Deno.makeTempDir();
  const documents = createSqliteDocumentStore({ path: `${dir}/db.sqlite`, synchronous: "NORMAL" });
  try {
    await body(
      new PublishQueueService(publishQueueResource, { documents } as unknown as ServiceContext),
      documents,
    );
  } finally {
    await documents.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("waitingOf finds each destination's first entries, cut off or not", async () => {
  await withQueue(async (queue, documents) => {
    const entries: Doc[] = [];
    // d1 has many waiting entries, d2 a few (one sent already), d3 one, interleaved in order.
    let order = 0;
    const add = (destination: string, state = "pending") =>
      entries.push({
        _id: `e${String(++order).padStart(3, "0")}`,
        destination: { _id: destination },
        state,
        transmit_order: order,
      });
    for (let i = 0; i < 8; i++) add("d1");
    add("d2", "success");
    add("d2");
    add("d3", "retrying");
    add("d2", "in-progress");
    for (let i = 0; i < 4; i++) add("d1");
    add("d2");
    await documents.collection("publish_queue").insertMany(entries);
    const expected = async (limit: number) =>
      Object.fromEntries(
        await Promise.all(["d1", "d2", "d3", "none"].map(async (d) => [
          d,
          (await queue.waiting(d, limit)).map((e) => e._id),
        ])),
      );
    for (const limit of [1, 2, 3, 5, 50]) {
      const found = await queue.waitingOf(["d1", "d2", "d3", "none"], limit);
      const ids = Object.fromEntries([...found].map(([d, list]) => [d, list.map((e) => e._id)]));
      assert.deepEqual(ids, await expected(limit), `limit ${limit}`);
    }
  });
});

Deno.test("dueAmong finds the destinations with an entry to send now, cut off or not", async () => {
  await withQueue(async (queue, documents) => {
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 60_000);
    let n = 0;
    const entry = (destination: string, state: string, retryAt?: Date | null) => ({
      _id: `e${String(++n).padStart(4, "0")}`,
      destination: { _id: destination },
      state,
      transmit_order: n,
      ...(retryAt === undefined ? {} : { next_retry_attempt_at: retryAt }),
    });
    const entries = [
      // More pending entries of "busy" than one read takes (one per destination): the others are
      // looked up alone.
      ...Array.from({ length: 120 }, () => entry("busy", "pending")),
      entry("claimed", "in-progress"),
      entry("due-retry", "retrying", past),
      entry("unset-retry", "retrying", null),
      entry("later", "retrying", future),
      entry("done", "success"),
      entry("failed", "failed"),
    ];
    await documents.collection("publish_queue").insertMany(entries);
    const ids = ["busy", "claimed", "due-retry", "unset-retry", "later", "done", "failed", "none"];
    const expected = [];
    for (const id of ids) if (await queue.hasDue(id)) expected.push(id);
    assert.deepEqual(expected, ["busy", "claimed", "due-retry", "unset-retry"]);
    assert.deepEqual([...await queue.dueAmong(ids)].sort(), [...expected].sort());
    assert.deepEqual([...await queue.dueAmong(["later"])], []);
    assert.deepEqual([...await queue.dueAmong(["claimed"])], ["claimed"]);
  });
});
