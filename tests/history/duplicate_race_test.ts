/**
 * A duplicate made while its source is being saved: the copy's versions are its source's up to
 * the version it was copied from, then its own, each version once; the duplicate is made whole.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, deskStory, newsroomTest, signIn } from "../newsroom/_newsroom.ts";

newsroomTest("a duplicate racing saves of its source has each version once", async (room) => {
  const duplicator = await signIn(room.app, "duplicator", { archive: 1, duplicate: 1 });
  await room.app.platform.registry.service("desks").update(room.desk._id, {
    members: [...room.desk.members, { user: duplicator.userId }],
  }, { actor: SYSTEM_ACTOR });
  for (let round = 0; round < 4; round++) {
    const item = await deskStory(room);
    let etag = item._etag;
    const saves = (async () => {
      for (let i = 1; i <= 4; i++) {
        const saved = await body(
          await room.writer.patch(`/api/archive/${item._id}`, { headline: `take ${i}` }, { etag }),
        );
        etag = saved._etag;
      }
    })();
    const [duplicated] = await Promise.all([
      duplicator.post(`/api/archive/${item._id}/duplicate`, { desk: room.desk._id }),
      saves,
    ]);
    const copy = await body(duplicated, 201);
    const stored = await body(await room.editor.get(`/api/archive/${copy._id}`));
    const versions = await body(await room.editor.get(`/api/archive/${copy._id}?version=all`));
    const numbers = versions._items.map((v: { _current_version: number }) => v._current_version);
    const expected = Array.from({ length: stored._current_version }, (_, i) => i + 1);
    assert.deepEqual(numbers, expected, `round ${round}`);
    const history = await body(
      await room.editor.get(
        `/api/archive_history?where=${encodeURIComponent(JSON.stringify({ item_id: copy._id }))}`,
      ),
    );
    assert.equal(history._items.at(-1).operation, "duplicated_from", `round ${round}`);
    // The source's records copied are those of the versions the duplicate holds.
    const copiedRecords = history._items.filter((r: { original_item_id?: string }) =>
      r.original_item_id
    );
    assert.ok(copiedRecords.length >= 1);
    for (const record of copiedRecords) {
      assert.ok(record.version < stored._current_version, `round ${round}: ${record.version}`);
    }
    assert.equal(history._items.at(-1).version, stored._current_version);
  }
});
