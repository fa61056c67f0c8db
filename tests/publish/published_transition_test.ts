/**
 * A published copy's state transition (`PublishedService.transition`) keeps a write that lands
 * between its read and its write (the enqueue step's queue bookkeeping on the same copy): the
 * transition is applied on top of it, and a copy that stops matching is left alone. The store's
 * one-statement change (`modify`) is hidden so both setups take the read-then-write path.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { PublishedService } from "../../src/publish/published_service.ts";
import type { Collection, Doc } from "../../src/storage/document_store.ts";
import { type Newsroom, newsroomTest } from "../newsroom/_newsroom.ts";

/** Stores one published copy of "story-t" and returns its id. */
async function storedCopy(published: PublishedService): Promise<string> {
  const [copy] = await published.create(
    [{
      item_id: "story-t",
      guid: "story-t",
      type: "text",
      state: "published",
      queue_state: "pending",
      headline: "Budget vote",
      _current_version: 1,
    }],
    SYSTEM_ACTOR,
    { trusted: true },
  );
  return String(copy!._id);
}

/** Runs `between` once, right after the first read of the copy `id` returns. */
function writeAfterFirstRead(copies: Collection, between: () => Promise<void>) {
  const findOne = copies.findOne.bind(copies);
  let done = false;
  copies.findOne = async (...args) => {
    const found = await findOne(...args);
    if (!done && found) {
      done = true;
      await between();
    }
    return found;
  };
  copies.modify = undefined;
}

/**
 * Stores a copy, runs `transition(published → being_corrected)` with `concurrent` set on the copy
 * right after the transition's first read; the transition's answer and the copy as stored after.
 */
async function transitionRacing(room: Newsroom, concurrent: Doc) {
  const published = room.app.platform.registry.service<PublishedService>("published");
  const id = await storedCopy(published);
  const copies = room.app.platform.documents.collection("published");
  writeAfterFirstRead(copies, async () => {
    await copies.updateOne({ _id: id }, { $set: concurrent });
  });
  const stored = await published.transition(id, { state: "published" }, {
    state: "being_corrected",
  });
  const now: Doc = (await copies.findOne({ _id: id }))!;
  return { stored, now };
}

newsroomTest("a copy's transition lands on top of a write made between its read and write", async (
  room,
) => {
  const { stored, now } = await transitionRacing(room, {
    queue_state: "queued_not_transmitted",
    _etag: "f".repeat(40),
  });
  assert.ok(stored);
  assert.deepEqual([now.state, now.queue_state], ["being_corrected", "queued_not_transmitted"]);
  assert.notEqual(now._etag, "f".repeat(40));
});

newsroomTest("a copy's transition leaves a copy that stopped matching between its reads", async (
  room,
) => {
  const { stored, now } = await transitionRacing(room, { state: "killed", _etag: "e".repeat(40) });
  assert.equal(stored, null);
  assert.deepEqual([now.state, now._etag], ["killed", "e".repeat(40)]);
});
