/**
 * With `PUBLISH_ASSOCIATED_ITEMS`, descheduling a story deschedules the items scheduled with it,
 * and only once the story's own save is stored: a deschedule refused (an associated item locked
 * by another user, a bad embargo) leaves the story and every item scheduled, to go out together;
 * descheduled, they go out with the story when it is published.
 */
import assert from "node:assert/strict";
import { body, type Json, refused } from "../newsroom/_newsroom.ts";
import { publishingTest } from "./_publishing.ts";

const ASSOCIATED = { PUBLISH_ASSOCIATED_ITEMS: "true" };

publishingTest(
  "a refused deschedule of a story leaves its associated items scheduled",
  async (room) => {
    const product = await room.product();
    await room.subscriber({
      name: "D",
      products: [product._id],
      destinations: [room.pushTo("/d")],
    });
    const first = await room.story({ headline: "First picture", type: "picture" });
    const second = await room.story({ headline: "Second picture", type: "picture" });
    const picture = (item: Json) => ({ _id: item._id, type: "picture", headline: item.headline });
    const story = await room.story({
      associations: { featuremedia: picture(first), "media--1": picture(second) },
    });
    const at = new Date(Date.now() + 3_600_000).toISOString();
    let scheduled = await body(await room.act("publish", story, { publish_schedule: at }));
    assert.equal(scheduled.state, "scheduled");
    const states = async () => {
      const items = await Promise.all([story, first, second].map(async (item) => {
        return (await body(await room.editor.get(`/api/archive/${item._id}`))).state;
      }));
      const copies = await body(await room.editor.get("/api/published"));
      return [...items, copies._items.filter((copy: Json) => copy.state === "scheduled").length];
    };
    assert.deepEqual(await states(), ["scheduled", "scheduled", "scheduled", 3]);
    const deschedule = (fields: Json = {}) =>
      room.editor.patch(`/api/archive/${story._id}`, { publish_schedule: null, ...fields }, {
        etag: scheduled._etag,
      });
    // The second picture is being edited by someone else (refused as a hook's refusal is).
    await body(await room.writer.post(`/api/archive/${second._id}/lock`, {}), 201);
    await refused(await deschedule(), 400, /locked by another user/);
    assert.deepEqual(await states(), ["scheduled", "scheduled", "scheduled", 3]);
    await body(await room.writer.post(`/api/archive/${second._id}/unlock`, {}), 201);
    // A later check of the same save refuses it.
    const embargo = new Date(Date.now() + 3_600_000).toISOString();
    await refused(await deschedule({ embargo }), 400);
    assert.deepEqual(await states(), ["scheduled", "scheduled", "scheduled", 3]);
    scheduled = await body(await room.editor.get(`/api/archive/${story._id}`));
    const saved = await body(await deschedule());
    assert.deepEqual(
      Object.values(saved.associations).map((association) => (association as Json).operation),
      ["deschedule", "deschedule"],
    );
    assert.deepEqual(await states(), ["in_progress", "in_progress", "in_progress", 0]);
    // The story's associations are the items as descheduled.
    const picture2 = await body(await room.editor.get(`/api/archive/${second._id}`));
    assert.equal(saved.associations["media--1"]._current_version, picture2._current_version);
    // Published now, the story takes its items now, not at the schedule they keep, even one
    // edited since (its own fields win over the story's older copy, its schedule does not).
    const picture1 = await body(await room.editor.get(`/api/archive/${first._id}`));
    await body(
      await room.editor.patch(`/api/archive/${first._id}`, { headline: "Edited" }, {
        etag: picture1._etag,
      }),
    );
    await body(await room.act("publish", saved, { publish_schedule: null }));
    assert.deepEqual((await states()).slice(0, 3), ["published", "published", "published"]);
  },
  { env: ASSOCIATED },
);
