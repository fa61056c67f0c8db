/**
 * A publishing action racing content expiry: a correction or a kill made after a run read the
 * item and before it deleted it keeps the item and every copy (the run's delete is refused).
 */
import assert from "node:assert/strict";
import { awaitEvent, body } from "../newsroom/_newsroom.ts";
import { publishingTest } from "./_publishing.ts";
import { expired, expireSeen } from "./_expiry_fixtures.ts";

for (const action of ["correct", "kill"] as const) {
  publishingTest(
    `a ${action} racing content expiry keeps the item and its copies`,
    async (room) => {
      const product = await room.product();
      await room.subscriber({
        name: "S",
        products: [product._id],
        destinations: [room.pushTo("/s")],
      });
      const published = await body(await room.act("publish", await room.story()));
      await awaitEvent(room, "publish_queue:update", (extra) => extra.state === "success");
      const seen = await expired(room, published._id);
      const current = await body(await room.editor.get(`/api/archive/${published._id}`));
      await body(await room.act(action, current, { headline: "Changed" }));
      const removed = await expireSeen(room, seen);
      assert.deepEqual(removed, []);
      await body(await room.editor.get(`/api/archive/${published._id}`));
      const documents = room.app.platform.documents;
      assert.equal(await documents.collection("published").count({ item_id: published._id }), 2);
      assert.equal(await documents.collection("archived").count({ item_id: published._id }), 0);
    },
  );
}
