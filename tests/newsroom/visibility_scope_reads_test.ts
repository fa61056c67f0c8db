/**
 * The two reads a user's visibility rests on (their desks, the invisible stages), made together
 * (`archive_visibility.ts`): a stage hidden from a see-all user shows once they join its desk and
 * hides again when they leave, on the very next request (archive and published alike); and when
 * one of the two reads fails the request answers 503, with the other's later failure handled
 * (an unhandled rejection would fail this test).
 */
import assert from "node:assert/strict";
import { ServiceUnavailableError } from "../../src/errors.ts";
import { SEE_ALL_PRIVILEGE } from "../../src/newsroom/privileges.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Collection, Doc } from "../../src/storage/document_store.ts";
import { body, deskStory, newsroomTest, refused, signIn } from "./_newsroom.ts";

newsroomTest(
  "joining or leaving the desk of a hidden stage shows on the next search",
  async (room) => {
    const { app, editor, desk } = room;
    const hidden = await body(
      await editor.post("/api/stages", { name: "Legal review", desk: desk._id, is_visible: false }),
      201,
    );
    const task = { desk: desk._id, stage: hidden._id };
    const story = (guid: string, state: string, where: Doc) => ({
      guid,
      type: "text",
      state,
      headline: guid,
      task: where,
      original_creator: room.writer.userId,
    });
    const { registry } = app.platform;
    const open = { desk: desk._id, stage: desk.working_stage };
    await registry.service("archive").create(
      [{ _id: "secret-draft", ...story("secret-draft", "in_progress", task) }, {
        _id: "open",
        ...story("open", "in_progress", open),
      }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    await registry.service("published").create(
      [{ item_id: "secret", _current_version: 2, ...story("secret", "published", task) }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    const chief = await signIn(app, "chief", { archive: 1, [SEE_ALL_PRIVILEGE]: 1 });
    const found = async () => {
      const answer = await body(await chief.get("/api/search?repo=archive,published"));
      return answer._items.map((doc: Doc) => `${doc._type}:${doc.guid}`).sort();
    };
    const hiddenFromChief = ["archive:open"];
    assert.deepEqual(await found(), hiddenFromChief);
    const members = async (users: string[]) => {
      const current = await body(await editor.get(`/api/desks/${desk._id}`));
      await body(
        await editor.patch(`/api/desks/${desk._id}`, { members: users.map((user) => ({ user })) }, {
          etag: current._etag,
        }),
      );
    };
    const staff = [editor.userId, room.writer.userId];
    await members([...staff, chief.userId]);
    assert.deepEqual(await found(), ["archive:open", "archive:secret-draft", "published:secret"]);
    await members(staff);
    assert.deepEqual(await found(), hiddenFromChief);
  },
);

/** The message of a 503 of either read. */
const DOWN = /^(stages|desks) down$/;

/** Makes `collection.find` answer `answer()` until the returned restore. */
function failFind(collection: Collection, answer: () => Promise<never>): () => void {
  const own = collection as unknown as Record<string, unknown>;
  const before = own.find;
  own.find = answer;
  return () => own.find = before;
}

for (const [first, second] of [["stages", "desks"], ["desks", "stages"]] as const) {
  newsroomTest(
    `${first} unreachable during the visibility reads: 503, ${second}' later failure handled`,
    async (room) => {
      await deskStory(room);
      const { documents } = room.app.platform;
      await body(await room.writer.get("/api/search?repo=archive"));
      // The second read fails a turn after it is asked, after the first has failed: its
      // rejection must be handled though the request has answered already.
      const late = Promise.withResolvers<never>();
      const restores = [
        failFind(
          documents.collection(first),
          () => Promise.reject(new ServiceUnavailableError(`${first} down`)),
        ),
        failFind(documents.collection(second), () => {
          setTimeout(() => late.reject(new ServiceUnavailableError(`${second} down`)), 0);
          return late.promise;
        }),
      ];
      try {
        await refused(await room.writer.get("/api/search?repo=archive"), 503, DOWN);
        await refused(await room.writer.get("/api/archive"), 503, DOWN);
        // A turn after `late`'s: an unhandled rejection of it would be reported by now.
        await new Promise((resolve) => setTimeout(resolve, 0));
      } finally {
        restores.forEach((restore) => restore());
      }
      assert.equal(
        (await body(await room.writer.get("/api/search?repo=archive")))._items.length,
        1,
      );
    },
    { env: { AUTH_CACHE_SECONDS: "300" } },
  );
}
