/**
 * `/api/archive_history`: what the web client's History tab reads, written as items change,
 * with every record kept when writers race.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import {
  body,
  deskStory,
  newsroomTest,
  signIn,
  signInMember,
  storyMovedByEdit,
} from "../newsroom/_newsroom.ts";
import type { Client } from "../_client.ts";

/** The client's query (`HistoryController.getHistory`): the item's records, oldest first. */
async function historyOf(client: Client, id: string) {
  const where = encodeURIComponent(JSON.stringify({ item_id: id }));
  const sort = encodeURIComponent(`[('_created', 1)]`);
  const list = await body(
    await client.get(`/api/archive_history?where=${where}&sort=${sort}&max_results=200`),
  );
  return list._items as Array<Record<string, unknown>>;
}

/** Saves `item` `times` times in a row (each with the etag of the last). */
async function saveRepeatedly(client: Client, item: { _id: string; _etag: string }, times: number) {
  let etag = item._etag;
  for (let i = 1; i <= times; i++) {
    const saved = await body(
      await client.patch(`/api/archive/${item._id}`, { headline: `take ${i}` }, { etag }),
    );
    etag = saved._etag;
  }
}

newsroomTest("archive history: racing writers each keep their records", async (room) => {
  const items = await Promise.all(
    Array.from({ length: 6 }, (_, i) => deskStory(room, { headline: `story ${i}` })),
  );
  const [highlight] = await room.app.platform.registry.service("highlights").create(
    [{ name: "Morning", desks: [room.desk._id] }],
    SYSTEM_ACTOR,
  );
  const marker = await signIn(room.app, "marker", { archive: 1, mark_for_highlights: 1 });
  await room.app.platform.registry.service("desks").update(room.desk._id, {
    members: [...room.desk.members, { user: marker.userId }],
  }, { actor: SYSTEM_ACTOR });
  // Every item saved 4 times by the writer while another user marks each for the highlight: the
  // writes of one item interleave with the others' and with the marks.
  await Promise.all([
    ...items.map((item) => saveRepeatedly(room.writer, item, 4)),
    ...items.map((item) =>
      marker.post("/api/marked_for_highlights", {
        highlights: [highlight!._id],
        marked_item: item._id,
      }).then((response) => body(response, 201))
    ),
  ]);
  for (const item of items) {
    const records = await historyOf(room.editor, item._id);
    const updates = records.filter((record) => record.operation === "update");
    assert.deepEqual(updates.map((record) => record.version), [2, 3, 4, 5]);
    assert.ok(updates.every((record) => record.user_id === room.writer.userId));
    assert.ok(records.every((record) => record.item_id === item._id));
    assert.equal(records.filter((record) => record.operation === "create").length, 1);
    const marks = records.filter((record) => record.operation === "mark");
    assert.equal(marks.length, 1, JSON.stringify(records));
    assert.deepEqual(marks[0]!.update, { highlight_id: highlight!._id, highlight_name: "Morning" });
  }
});

newsroomTest("archive history: a save refused with 412 leaves no record", async (room) => {
  const item = await deskStory(room);
  const [first, second] = await Promise.all([
    room.writer.patch(`/api/archive/${item._id}`, { headline: "mine" }, { etag: item._etag }),
    room.editor.patch(`/api/archive/${item._id}`, { headline: "theirs" }, { etag: item._etag }),
  ]);
  const statuses = [first.status, second.status].sort();
  assert.deepEqual(statuses, [200, 412]);
  const records = await historyOf(room.editor, item._id);
  const updates = records.filter((record) => record.operation === "update");
  // One of the two racing saves made version 2; the other made nothing.
  assert.deepEqual(updates.map((record) => record.version), [2]);
});

newsroomTest("archive history: read-only for clients, gone with its item", async (room) => {
  const item = await deskStory(room);
  const records = await historyOf(room.editor, item._id);
  assert.deepEqual(records.map((record) => record.operation), ["create"]);
  assert.equal(records[0]!.user_id, room.writer.userId);
  // A creation records the item as it was made (the desk and stage the History tab shows).
  const created = records[0]!.update as Record<string, unknown>;
  assert.deepEqual(created.task, {
    desk: room.desk._id,
    stage: room.desk.working_stage,
    user: room.writer.userId,
  });
  assert.equal(created._etag, undefined);
  const one = records[0]!;
  assert.equal((await room.editor.post("/api/archive_history", { item_id: "x" })).status, 405);
  const patched = await room.editor.patch(`/api/archive_history/${one._id}`, { version: 9 }, {
    etag: String(one._etag),
  });
  assert.equal(patched.status, 405);
  const archive = room.app.platform.registry.service("archive");
  await archive.delete(item._id, { actor: SYSTEM_ACTOR });
  assert.deepEqual(await historyOf(room.editor, item._id), []);
});

newsroomTest("archive history: a duplicate goes on from its source's history", async (room) => {
  const item = await deskStory(room);
  await saveRepeatedly(room.writer, item, 2);
  const marker = await signIn(room.app, "desk_marker", {
    archive: 1,
    mark_for_desks: 1,
    duplicate: 1,
  });
  await room.app.platform.registry.service("desks").update(room.desk._id, {
    members: [...room.desk.members, { user: marker.userId }],
  }, { actor: SYSTEM_ACTOR });
  await body(
    await marker.post("/api/marked_for_desks", {
      marked_desk: room.desk._id,
      marked_item: item._id,
    }),
    201,
  );
  const copy = await body(
    await marker.post(`/api/archive/${item._id}/duplicate`, { desk: room.desk._id }),
    201,
  );
  const duplicate = await body(await marker.get(`/api/archive/${copy._id}`));
  assert.equal(duplicate._current_version, 4);
  assert.equal(duplicate.marked_desks, undefined);
  const versions = await body(await room.editor.get(`/api/archive/${copy._id}?version=all`));
  assert.deepEqual(
    versions._items.map((version: { _current_version: number }) => version._current_version),
    [1, 2, 3, 4],
  );
  assert.ok(versions._items.every((version: { guid: string }) => version.guid === copy._id));
  const source = await historyOf(room.editor, item._id);
  assert.deepEqual(source.map((record) => record.operation), [
    "create",
    "update",
    "update",
    "mark",
    "duplicate",
  ]);
  assert.deepEqual(source.at(-1)!.update, { duplicate_id: copy._id });
  const copied = await historyOf(room.editor, copy._id);
  assert.deepEqual(
    copied.map((record) => [record.operation, record.version, record.original_item_id]),
    [
      ["create", 1, item._id],
      ["update", 2, item._id],
      ["update", 3, item._id],
      ["mark", 3, item._id],
      ["duplicated_from", 4, undefined],
    ],
  );
  assert.equal(copied.at(-1)!.user_id, marker.userId);
});

newsroomTest("archive history: read by those who may open the item", async (room) => {
  const item = await deskStory(room);
  const personal = await body(
    await room.writer.post("/api/archive", { headline: "mine", body_html: "<p>secret</p>" }),
    201,
  );
  assert.equal((await historyOf(room.writer, personal._id)).length, 1);
  // The outsider is on no desk: neither the desk's item nor the writer's own is theirs to read.
  assert.deepEqual(await historyOf(room.outsider, item._id), []);
  assert.deepEqual(await historyOf(room.editor, personal._id), []);
  const [record] = await historyOf(room.writer, personal._id);
  assert.equal((await room.editor.get(`/api/archive_history/${record!._id}`)).status, 404);
  assert.equal((await room.writer.get(`/api/archive_history/${record!._id}`)).status, 200);
  // Without item ids a user lists their own records only.
  const everything = await body(await room.outsider.get("/api/archive_history"));
  assert.deepEqual(everything._items, []);
  const mine = await body(await room.writer.get("/api/archive_history"));
  assert.ok(mine._items.length >= 2);
  assert.ok(
    mine._items.every((entry: { user_id: string }) => entry.user_id === room.writer.userId),
  );
});

newsroomTest("archive history: an edit that moves the item is one move record", async (room) => {
  const { writer, editor, desk } = room;
  const { item, saved } = await storyMovedByEdit(room);
  const afterEdit = await historyOf(editor, item._id);
  assert.deepEqual(afterEdit.map((record) => record.operation), ["create", "move"]);
  const move = afterEdit[1]!;
  assert.equal(move.user_id, writer.userId);
  assert.equal(move.version, saved._current_version);
  // What the History tab shows: "Moved by" the writer, to the stage, and the edit's fields.
  const update = move.update as Record<string, Record<string, unknown>>;
  assert.equal(update.headline, "Budget vote, again" as unknown);
  assert.equal(update.task!.desk, desk._id);
  assert.equal(update.task!.stage, desk.incoming_stage);
  assert.equal(update.body_html, undefined, "the edit's changes, not the whole item");
  // A task edit naming the working stage again: one move record carrying its slugline.
  const tasks = await signInMember(room, "tasker", { archive: 1, tasks: 1 });
  await body(
    await tasks.patch(
      `/api/tasks/${item._id}`,
      { slugline: "budget", task: { desk: desk._id, stage: desk.working_stage } },
      { etag: saved._etag },
    ),
  );
  const afterTask = await historyOf(editor, item._id);
  assert.deepEqual(afterTask.map((record) => record.operation), ["create", "move", "move"]);
  const sent = afterTask[2]!.update as Record<string, Record<string, unknown>>;
  assert.equal(afterTask[2]!.user_id, tasks.userId);
  assert.equal(sent.slugline, "budget" as unknown);
  assert.equal(sent.task!.stage, desk.working_stage);
  assert.equal(sent.headline, undefined, "the edit's changes, not the whole item");
  // A move request is unchanged: one record holding the whole item, as Superdesk's.
  const current = await body(await writer.get(`/api/archive/${item._id}`));
  await body(
    await writer.post(`/api/archive/${item._id}/move`, {
      task: { desk: desk._id, stage: desk.incoming_stage },
    }),
    201,
  );
  const afterMove = await historyOf(editor, item._id);
  assert.deepEqual(afterMove.map((record) => record.operation), ["create", "move", "move", "move"]);
  const moved = afterMove[3]!.update as Record<string, unknown>;
  assert.equal(moved.headline, current.headline);
  assert.equal(moved.slugline, "budget");
});

newsroomTest(
  "archive history: a moving task edit's record is of the version it wrote, another write racing",
  async (room) => {
    const { desk, editor } = room;
    const item = await deskStory(room);
    const tasker = await signInMember(room, "tasker", { archive: 1, tasks: 1 });
    const store = room.app.platform.documents;
    const collectionOf = store.collection.bind(store);
    // Another writer's save lands right after the task edit's write, before its hooks read the
    // item again (the first plain `{_id}` read of the archive once armed).
    let armed = false;
    store.collection = (name: string) => {
      const collection = collectionOf(name);
      if (name !== "archive") return collection;
      return new Proxy(collection, {
        get(target, key) {
          const value = Reflect.get(target, key, target);
          if (key !== "findOne" || typeof value !== "function") {
            return typeof value === "function" ? value.bind(target) : value;
          }
          return async (filter: Record<string, unknown>, ...rest: unknown[]) => {
            if (armed && Object.keys(filter).length === 1 && filter._id === item._id) {
              armed = false;
              await room.app.platform.registry.service("archive").update(item._id, {
                abstract: "racing",
              }, { actor: SYSTEM_ACTOR });
            }
            return await value.call(target, filter, ...rest);
          };
        },
      });
    };
    try {
      armed = true;
      const sent = await body(
        await tasker.patch(
          `/api/tasks/${item._id}`,
          { slugline: "budget", task: { desk: desk._id, stage: desk.incoming_stage } },
          { etag: item._etag },
        ),
      );
      assert.equal(armed, false, "the racing write ran");
      const records = await historyOf(editor, item._id);
      const move = records.find((record) => record.operation === "move")!;
      assert.equal(move.version, sent._current_version);
      assert.equal((move.update as Record<string, unknown>).abstract, undefined);
    } finally {
      store.collection = collectionOf;
    }
  },
);

newsroomTest("archive history: two moving edits at once leave one move record", async (room) => {
  const { desk, editor, writer } = room;
  const item = await deskStory(room);
  const tasker = await signInMember(room, "tasker", { archive: 1, tasks: 1 });
  // The same etag: one edit is written, the other is a 412 and records nothing.
  const answers = await Promise.all([
    writer.patch(
      `/api/archive/${item._id}`,
      { headline: "by archive", task: { desk: desk._id, stage: desk.incoming_stage } },
      { etag: item._etag },
    ),
    tasker.patch(
      `/api/tasks/${item._id}`,
      { slugline: "by tasks", task: { desk: desk._id, stage: desk.incoming_stage } },
      { etag: item._etag },
    ),
  ]);
  assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 412]);
  const saved = await body(answers.find((answer) => answer.status === 200)!);
  await answers.find((answer) => answer.status === 412)!.body?.cancel();
  const records = await historyOf(editor, item._id);
  assert.deepEqual(records.map((record) => record.operation), ["create", "move"]);
  assert.equal(records[1]!.version, saved._current_version);
});
