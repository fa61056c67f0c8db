/**
 * `GET /api/news` shows what `GET /api/archive` shows each user, in any state: never the items
 * of desks they are not a member of, of stages hidden from them, others' personal items, or
 * others' drafts (the see-all privilege included); searched with `source=`, the same.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import {
  body,
  createStory,
  deskStory,
  type Json,
  type Member,
  newsroomTest,
  signIn,
} from "./_newsroom.ts";

const idsOf = (list: Json): string[] => list._items.map((doc: { _id: string }) => doc._id).sort();

/** A `source` body matching every item, `size` of them a page. */
const everything = (size: number) =>
  encodeURIComponent(JSON.stringify({ query: { match_all: {} }, size }));

async function listed(user: Member, resource: "news" | "archive"): Promise<string[]> {
  return idsOf(await body(await user.get(`/api/${resource}?max_results=200`)));
}

newsroomTest("news lists in any state only what archive would show each user", async (room) => {
  const { app, writer, editor, outsider, desk } = room;
  const created = await deskStory(room, { headline: "On the desk" });
  // Saved again: no longer a draft, so see-all users see it too.
  const onDesk = await body(
    await writer.patch(`/api/archive/${created._id}`, { headline: "Saved" }, {
      etag: created._etag,
    }),
  );
  const personal = await createStory(writer, { headline: "Notes" });
  const secret = await body(
    await editor.post("/api/stages", { name: "Embargoed", desk: desk._id, is_visible: false }),
    201,
  );
  const hidden = await deskStory(room, { task: { desk: desk._id, stage: secret._id } });
  // States a user cannot reach through POST, written as the workflow would leave them.
  const task = { desk: desk._id, stage: desk.working_stage };
  await app.platform.registry.service("archive").create(
    [
      { _id: "published-on-desk", state: "published", task, original_creator: writer.userId },
      { _id: "spiked-on-desk", state: "spiked", task, original_creator: writer.userId },
      { _id: "writers-draft", state: "draft", task, original_creator: writer.userId },
      { _id: "writers-published-note", state: "published", original_creator: writer.userId },
      // Never saved (Superdesk's version 0): not news yet.
      { _id: "never-saved", state: "draft", _current_version: 0, original_creator: writer.userId },
    ],
    SYSTEM_ACTOR,
    { trusted: true },
  );
  const chief = await signIn(app, "chief", { archive: 1, use_global_saved_searches: 1 });

  // Members see every item on every stage of their desk, drafts too.
  const deskItems = [
    onDesk._id,
    hidden._id,
    "published-on-desk",
    "spiked-on-desk",
    "writers-draft",
  ];
  const expected = new Map<Member, string[]>([
    [writer, [...deskItems, personal._id, "writers-published-note"]],
    [editor, deskItems],
    [outsider, []],
    // See-all: every desk, but not its hidden stages, nor others' drafts or personal items.
    [chief, [onDesk._id, "published-on-desk", "spiked-on-desk"]],
  ]);
  for (const [user, ids] of expected) {
    const news = await listed(user, "news");
    assert.deepEqual(news, [...ids].sort(), user.userId);
    // The same through the archive's index (`source=`, the client's personal and sent cards),
    // one page of two counting them all.
    const searched = await body(await user.get(`/api/news?source=${everything(2)}`));
    assert.equal(searched._meta.total, ids.length, user.userId);
    assert.deepEqual(idsOf(await body(await user.get(`/api/news?source=${everything(50)}`))), news);
    // What archive lists (its working states) is all in news.
    const archive = await listed(user, "archive");
    assert.deepEqual(archive.filter((id) => !news.includes(id)), [], user.userId);
  }
  // A `where` cannot widen the view.
  const asked = await outsider.get(
    `/api/news?where=${encodeURIComponent(JSON.stringify({ _id: personal._id }))}`,
  );
  assert.equal((await body(asked))._meta.total, 0);
});
