/**
 * Completing queue entries in a round (`PublishQueueService.advanceAll`), on either store: each
 * entry is compared on its etag (one changed meanwhile is left as it is and answered null), the
 * others are answered as stored, with a new etag, and each state change is announced.
 */
import assert from "node:assert/strict";
import type { PublishQueueService } from "../../src/publish/publish_queue_service.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { publishingTest } from "./_publishing.ts";

publishingTest("advanceAll completes each entry on its etag and announces it", async (room) => {
  const queue = room.app.platform.registry.service<PublishQueueService>("publish_queue");
  const entry = (n: number): Doc => ({
    _id: `${"e".repeat(23)}${n}`,
    item_id: `item-${n}`,
    item_version: 1,
    subscriber_id: "s1",
    destination: { _id: "d1", name: "d", format: "ninjs", delivery_type: "http_push" },
    published_seq_num: n,
    transmit_order: n,
    state: "pending",
    formatted_item: `{"n":${n}}`,
  });
  await queue.insertPrepared([entry(1), entry(2), entry(3)]);
  const read = await queue.waiting("d1", 10);
  assert.deepEqual(read.map((e) => e.item_id), ["item-1", "item-2", "item-3"]);
  // Someone else changes the second entry after it was read (a user cancelling it).
  await queue.update(String(read[1]!._id), { state: "canceled" }, { actor: SYSTEM_ACTOR });
  const completed_at = new Date(Date.UTC(2026, 11, 5, 1, 2, 3));
  const stored = await queue.advanceAll([
    { entry: read[0]!, set: { state: "success", completed_at, error_message: null } },
    { entry: read[1]!, set: { state: "success", completed_at, error_message: null } },
    { entry: read[2]!, set: { state: "failed", error_message: "refused" } },
  ]);
  assert.equal(stored[1], null);
  for (const i of [0, 2]) {
    const now = await queue.entries({ _id: read[i]!._id });
    assert.deepEqual(stored[i], now[0], "answered as stored");
    assert.notEqual(stored[i]!._etag, read[i]!._etag);
  }
  assert.equal(stored[0]!.state, "success");
  assert.equal((stored[0]!.completed_at as Date).getTime(), completed_at.getTime());
  assert.equal(stored[2]!.error_message, "refused");
  assert.equal((await queue.entries({ _id: read[1]!._id }))[0]!.state, "canceled");
  // An answered entry is the base of the next compare-and-set.
  const [again] = await queue.advanceAll([{ entry: stored[0]!, set: { state: "pending" } }]);
  assert.equal(again!.state, "pending");
  const [stale] = await queue.advanceAll([{ entry: stored[0]!, set: { state: "success" } }]);
  assert.equal(stale, null);
  // The engines' bus delivers notifications a moment later.
  const ours = () =>
    room.events.items.filter((e) => e.event === "publish_queue:update").map((e) => e.extra as Doc)
      .filter((extra) => String(extra.queue_id).startsWith("eee"));
  await room.events.until(() => ours().length >= 4, "four publish_queue:update events");
  const updates = ours();
  const changes = updates.map((u) => `${String(u.queue_id).slice(-1)} ${u.state}`);
  // One round's writes run side by side: MongoDB may finish (and announce) them in either order.
  assert.deepEqual([changes[0], [...changes.slice(1, 3)].sort(), changes[3]], [
    "2 canceled",
    ["1 success", "3 failed"],
    "1 pending",
  ]);
  const of = (change: string) => updates[changes.indexOf(change)]!;
  assert.equal(of("1 success").completed_at, completed_at.toISOString());
  assert.equal(of("3 failed").error_message, "refused");
});

publishingTest(
  "a completion keeps a write that left the entry's state as read (the legal archive's flag)",
  async (room) => {
    const queue = room.app.platform.registry.service<PublishQueueService>("publish_queue");
    await queue.insertPrepared([{
      _id: "f".repeat(24),
      item_id: "item-legal",
      item_version: 1,
      subscriber_id: "s1",
      destination: { _id: "d2", name: "d", format: "ninjs", delivery_type: "http_push" },
      published_seq_num: 1,
      transmit_order: 1,
      state: "pending",
      moved_to_legal: false,
      formatted_item: "{}",
    }]);
    const [pending] = await queue.waiting("d2", 10);
    // Claimed as a late claim does, with a date; the completion then starts from the answer.
    const transmit_started_at = new Date();
    const [read] = await queue.advanceAll([{
      entry: pending!,
      set: { state: "in-progress", transmit_started_at },
    }]);
    // While the entry is being sent, the legal archive import copies it and flags it.
    const [imported] = await queue.entries({ _id: pending!._id });
    assert.equal(await queue.markMovedToLegal(imported!), true);
    const [sent] = await queue.advanceAll([{ entry: read!, set: { state: "success" } }]);
    assert.ok(sent, "the sent entry is completed, not left to be sent again");
    const [now] = await queue.entries({ _id: read!._id });
    assert.deepEqual([now!.state, now!.moved_to_legal], ["success", true]);
    assert.deepEqual(sent, now);
    // The flag is made of the entry as the import read it: once it changed, it is not set.
    assert.equal(await queue.markMovedToLegal(read!), false);
  },
);

publishingTest(
  "a completion leaves an entry a user edited in the state it was read (the edit is sent again)",
  async (room) => {
    const queue = room.app.platform.registry.service<PublishQueueService>("publish_queue");
    const destination = { _id: "d3", name: "d", format: "ninjs", delivery_type: "http_push" };
    await queue.insertPrepared([{
      _id: "a".repeat(24),
      item_id: "item-edited",
      item_version: 1,
      subscriber_id: "s1",
      destination,
      published_seq_num: 1,
      transmit_order: 1,
      state: "pending",
      moved_to_legal: false,
      formatted_item: "{}",
    }]);
    const [read] = await queue.waiting("d3", 10);
    // While the entry is being sent, a user corrects its destination (the state stays pending).
    const fixed = { ...destination, config: { url: "http://fixed.example" } };
    await queue.update(String(read!._id), { destination: fixed }, { actor: SYSTEM_ACTOR });
    const [sent] = await queue.advanceAll([{ entry: read!, set: { state: "success" } }]);
    assert.equal(sent, null, "the edit is the user's to keep: the entry is sent again");
    const [now] = await queue.entries({ _id: read!._id });
    assert.deepEqual([now!.state, now!.destination], ["pending", fixed]);
  },
);
