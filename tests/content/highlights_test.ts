/** Highlights over HTTP: unique names, marking and unmarking items with events, deletion. */
import assert from "node:assert/strict";
import {
  awaitEvent,
  body,
  deskStory,
  type Member,
  refused,
  signIn,
} from "../newsroom/_newsroom.ts";
import { type ContentRoom, contentTest, INVALID } from "./_content.ts";

/** A desk member who may mark items for highlights. */
async function marker(room: ContentRoom): Promise<Member> {
  const member = await signIn(room.app, "marker", { archive: 1, mark_for_highlights: 1 });
  await room.app.platform.registry.service("desks").update(room.desk._id, {
    members: [...room.desk.members, { user: member.userId }],
  });
  return member;
}

contentTest("highlights are created with unique names and updated", async (room) => {
  const { chief, writer, desk } = room;
  await refused(await writer.post("/api/highlights", { name: "Top" }), 403);
  const template = await body(
    await chief.post("/api/content_templates", {
      template_name: "default highlight",
      template_type: "highlights",
      data: { body_html: "{% for item in items %}<h2>{{ item.headline }}</h2>{% endfor %}" },
    }),
    201,
  );
  const created = await body(
    await chief.post("/api/highlights", {
      name: "highlight1",
      desks: [desk._id],
      groups: ["group one", "group two"],
      template: template._id,
    }),
    201,
  );
  const stored = await body(await chief.get(`/api/highlights/${created._id}`));
  assert.equal(stored.auto_insert, "now/d");
  assert.deepEqual(stored.groups, ["group one", "group two"]);
  await refused(await chief.post("/api/highlights", { name: "HIGHLIGHT1" }), INVALID);
  await refused(
    await chief.post("/api/highlights", { name: "x", auto_insert: "now-30h" }),
    INVALID,
  );
  await body(
    await chief.patch(`/api/highlights/${created._id}`, { name: "changed", template: "" }, {
      etag: stored._etag,
    }),
  );
  const list = await body(await writer.get("/api/highlights"));
  assert.deepEqual(list._items.map((h: { name: string }) => h.name), ["changed"]);
});

contentTest("marking toggles an item's highlights without changing its etag", async (room) => {
  const { chief } = room;
  const writer = await marker(room);
  const highlight = await body(await chief.post("/api/highlights", { name: "Top" }), 201);
  const item = await deskStory(room);
  const marked = await body(
    await writer.post("/api/marked_for_highlights", [{
      highlights: [highlight._id],
      marked_item: item._id,
    }]),
    201,
  );
  assert.equal(marked._status, "OK");
  const event = await awaitEvent(room, "item:highlights", (extra) => extra.marked === 1);
  assert.deepEqual(event.extra, { marked: 1, item_id: item._id, mark_id: highlight._id });
  const after = await body(await writer.get(`/api/archive/${item._id}`));
  assert.deepEqual(after.highlights, [highlight._id]);
  assert.equal(after._etag, item._etag, "marking is not an edit");
  assert.equal(after._current_version, item._current_version);
  await body(
    await writer.post("/api/marked_for_highlights", {
      highlights: highlight._id,
      marked_item: item._id,
    }),
    201,
  );
  await awaitEvent(room, "item:highlights", (extra) => extra.marked === 0);
  assert.deepEqual((await body(await writer.get(`/api/archive/${item._id}`))).highlights, []);
  const nothing = await body(
    await writer.post("/api/marked_for_highlights", {
      highlights: [highlight._id],
      marked_item: "not_available_item_id",
    }),
    201,
  );
  assert.equal(nothing._id, null);
  // What is posted is checked before anything is looked up: a mark needs its item and highlights.
  await refused(
    await writer.post("/api/marked_for_highlights", { highlights: [highlight._id] }),
    INVALID,
  );
  await refused(
    await writer.post("/api/marked_for_highlights", { marked_item: item._id }),
    INVALID,
  );
  await refused(
    await writer.post("/api/marked_for_highlights", {
      highlights: ["0123456789abcdef01234567"],
      marked_item: item._id,
    }),
    INVALID,
  );
  await refused(
    await room.writer.post("/api/marked_for_highlights", {
      highlights: [highlight._id],
      marked_item: item._id,
    }),
    403,
  );
  const outsider = await signIn(room.app, "outsider2", { mark_for_highlights: 1 });
  const hidden = await body(
    await outsider.post("/api/marked_for_highlights", {
      highlights: [highlight._id],
      marked_item: item._id,
    }),
    201,
  );
  assert.equal(hidden._id, null, "an item the caller cannot see is not marked");
  assert.deepEqual((await body(await writer.get(`/api/archive/${item._id}`))).highlights, []);
  const readOnly = await refused(
    await writer.patch(`/api/archive/${item._id}`, { highlights: [highlight._id] }, {
      etag: item._etag,
    }),
    INVALID,
  );
  assert.ok(readOnly._issues.highlights);
});

contentTest("concurrent marks of several highlights all land", async (room) => {
  const { chief } = room;
  const writer = await marker(room);
  const ids: string[] = [];
  for (const name of ["a", "b", "c", "d"]) {
    ids.push((await body(await chief.post("/api/highlights", { name }), 201))._id);
  }
  const item = await deskStory(room);
  await Promise.all(
    ids.map((id) =>
      writer.post("/api/marked_for_highlights", { highlights: [id], marked_item: item._id })
    ),
  );
  const after = await body(await writer.get(`/api/archive/${item._id}`));
  assert.deepEqual([...after.highlights].sort(), [...ids].sort());
});

contentTest("deleting a highlight unmarks its items", async (room) => {
  const { chief } = room;
  const writer = await marker(room);
  const first = await body(await chief.post("/api/highlights", { name: "first" }), 201);
  const second = await body(await chief.post("/api/highlights", { name: "second" }), 201);
  const item = await deskStory(room);
  await body(
    await writer.post("/api/marked_for_highlights", {
      highlights: [first._id, second._id],
      marked_item: item._id,
    }),
    201,
  );
  const stored = await body(await chief.get(`/api/highlights/${first._id}`));
  const deleted = await chief.delete(`/api/highlights/${first._id}`, { etag: stored._etag });
  assert.equal(deleted.status, 204);
  const after = await body(await writer.get(`/api/archive/${item._id}`));
  assert.deepEqual(after.highlights, [second._id]);
});

contentTest("a highlight's template must be one its author may see", async (room) => {
  const { writer } = room;
  const author = await signIn(room.app, "hl", { archive: 1, highlights: 1 });
  // The writer's personal template: nobody else sees it.
  const secret = await body(
    await writer.post("/api/content_templates", {
      template_name: "mine",
      template_type: "highlights",
      is_public: false,
      data: { body_html: "<p>WRITER SECRET</p>" },
    }),
    201,
  );
  await refused(await author.get(`/api/content_templates/${secret._id}`), 404);
  const response = await author.post("/api/highlights", { name: "Leaky", template: secret._id });
  assert.equal(response.status, 400);
  assert.ok("template" in (await response.json())._issues);
  const plain = await body(await author.post("/api/highlights", { name: "Plain" }), 201);
  const update = await author.patch(`/api/highlights/${plain._id}`, { template: secret._id }, {
    etag: plain._etag,
  });
  assert.equal(update.status, 400);
});
