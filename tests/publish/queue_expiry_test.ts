/**
 * Publish queue expiry (`PUBLISH_QUEUE_EXPIRY_MINUTES`, Superdesk's 14 days) counts from when an
 * entry was queued: an entry id is derived from its published copy's, and a copy scheduled long
 * ago is queued only when its time comes, so the id's time alone would drop fresh entries before
 * they are sent.
 */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { removeExpiredContent } from "../../src/newsroom/content_expiry.ts";
import { derivedId } from "../../src/publish/enqueue_copy.ts";
import { newObjectId, objectIdAt } from "../../src/resources/ids.ts";
import { newsroomTest } from "../newsroom/_newsroom.ts";

const DAY = 24 * 3_600_000;

newsroomTest("queue expiry keeps an entry queued now for a copy made weeks ago", async (room) => {
  const queue = room.app.platform.documents.collection("publish_queue");
  const now = Date.now();
  const entry = (copyAt: number, queuedAt: number) => {
    const copy = { _id: objectIdAt(copyAt) };
    const destination = { _id: newObjectId(), name: "D", format: "ninjs", delivery_type: "http" };
    return {
      _id: derivedId(copy, { _id: newObjectId() }, destination),
      item_id: `urn:item:${copyAt}`,
      state: "pending",
      destination,
      moved_to_legal: false,
      _created: new Date(queuedAt),
      _updated: new Date(queuedAt),
    };
  };
  const scheduled = entry(now - 20 * DAY, now);
  const old = entry(now - 20 * DAY, now - 15 * DAY);
  await queue.insertMany([scheduled, old]);
  await removeExpiredContent(room.app.platform.registry, { log: silentLogger });
  assert.deepEqual((await queue.find({})).map((doc) => doc._id), [scheduled._id]);
});
