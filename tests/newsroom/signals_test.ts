/**
 * The signals the newsroom sends to apps (src/signals/signal_map.ts), over HTTP on both setups:
 * one per action, after it is stored, with the item as stored, the item before, and who acted.
 */
import assert from "node:assert/strict";
import type { SignalName } from "../../src/signals/signal_map.ts";
import { body, deskStory, type Json, newsroomTest } from "./_newsroom.ts";

const ITEM_SIGNALS: SignalName[] = [
  "item:created",
  "item:updated",
  "item:locked",
  "item:unlocked",
  "item:moved",
  "item:spiked",
  "item:unspiked",
];

newsroomTest(
  "each item action sends its signal with the stored item, the original and the user",
  async (room) => {
    const { writer, editor, desk, app } = room;
    const sent: Array<{ name: SignalName; payload: Json }> = [];
    for (const name of ITEM_SIGNALS) {
      app.platform.services.signals.on(name, (payload) => void sent.push({ name, payload }), {
        app: "test",
      });
    }
    const item = await deskStory(room);
    const edited = await writer.patch(`/api/archive/${item._id}`, { headline: "Edited" }, {
      etag: item._etag,
    });
    assert.equal(edited.status, 200);
    const afterEdit = await body(await writer.get(`/api/archive/${item._id}`));
    await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
    await body(await writer.post(`/api/archive/${item._id}/unlock`, {}), 201);
    const moved = await body(
      await writer.post(`/api/archive/${item._id}/move`, {
        task: { desk: desk._id, stage: desk.incoming_stage },
      }),
      201,
    );
    const spiked = await body(
      await writer.patch(`/api/archive/spike/${item._id}`, {}, { etag: moved._etag }),
    );
    const unspiked = await body(
      await editor.patch(`/api/archive/unspike/${item._id}`, {}, { etag: spiked._etag }),
    );

    assert.deepEqual(sent.map(({ name }) => name), ITEM_SIGNALS);
    const [created, updated, locked, unlocked, move, spike, unspike] = sent.map((s) => s.payload);
    assert.equal(created.item._id, item._id);
    assert.equal(created.user, writer.userId);
    assert.equal(updated.item.headline, "Edited");
    assert.equal(updated.item._etag, afterEdit._etag, "the item as stored, meta included");
    assert.equal(updated.item._current_version, afterEdit._current_version);
    assert.equal(updated.original.headline, "Budget vote");
    assert.equal(updated.updates.headline, "Edited");
    assert.equal(locked.item.lock_user, writer.userId);
    assert.equal(unlocked.item.lock_user, null);
    assert.equal(unlocked.user, writer.userId);
    assert.equal(move.original.task.stage, desk.working_stage);
    assert.equal(move.item.task.stage, desk.incoming_stage);
    assert.equal(move.item._etag, moved._etag);
    assert.equal(spike.item.state, "spiked");
    assert.equal(spike.original.state, "submitted");
    assert.equal(unspike.item._etag, unspiked._etag);
    assert.equal(unspike.user, editor.userId);
    assert.ok(Object.isFrozen(updated.item), "handlers get a frozen copy");
  },
);

newsroomTest("a session's end releases its locks with item:unlocked", async (room) => {
  const { writer, app } = room;
  const unlocked: Json[] = [];
  app.platform.services.signals.on("item:unlocked", (p) => void unlocked.push(p), { app: "test" });
  const item = await deskStory(room);
  await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  const logout = await writer.delete(`/api/auth/${writer.sessionId}`);
  assert.equal(logout.status, 204);
  assert.deepEqual(unlocked.map((p) => [p.item._id, p.item.lock_user, p.user]), [
    [item._id, null, writer.userId],
  ]);
});
