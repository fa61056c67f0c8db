/**
 * `/api/search` over archive, published and archived resolves the user's desks and hidden
 * stages once (the archive's scope and the copies' hidden stages share one read), and never
 * across requests: a desk membership changed between two searches is seen by the second.
 */
import assert from "node:assert/strict";
import { loadUserActor } from "../../src/auth/user_actor.ts";
import { federatedSearch } from "../../src/indexing/federated_search.ts";
import { parseSearchRequest } from "../../src/indexing/search_request.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { ResourceService } from "../../src/resources/resource_service.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { body, deskStory, type Json, type Newsroom, newsroomTest } from "../newsroom/_newsroom.ts";

/** A story on the desk, and a published copy on the desk's stage hidden from non-members. */
async function deskAndHiddenCopy(room: Newsroom): Promise<{ story: Json }> {
  const hidden = await body(
    await room.editor.post("/api/stages", {
      name: "Legal review",
      desk: room.desk._id,
      is_visible: false,
    }),
    201,
  );
  const story = await deskStory(room);
  await room.app.platform.registry.service("published").create(
    [{
      item_id: "secret",
      guid: "secret",
      type: "text",
      state: "published",
      headline: "secret",
      _current_version: 2,
      task: { desk: room.desk._id, stage: hidden._id },
    }],
    SYSTEM_ACTOR,
    { trusted: true },
  );
  return { story };
}

/** Counts the reads the visibility of a search rests on (users, desks, stages). */
function countReads(room: Newsroom): { reads: number } {
  const counter = { reads: 0 };
  const { registry } = room.app.platform;
  for (const name of ["users", "desks", "stages"]) {
    const service = registry.service(name) as ResourceService & Record<string, unknown>;
    for (const method of ["find", "findOne", "memberDeskIds", "hiddenStageIds"]) {
      const original = service[method];
      if (typeof original !== "function") continue;
      service[method] = (...args: unknown[]) => {
        counter.reads++;
        return original.apply(service, args);
      };
    }
  }
  return counter;
}

newsroomTest(
  "a search of archive, published and archived reads the user's visibility once",
  async (room) => {
    await deskAndHiddenCopy(room);
    const { platform } = room.app;
    // In process, so the reads counted are the search's (not the authenticator's).
    const writer = await loadUserActor(platform.registry, room.writer.userId, "session");
    const counter = countReads(room);
    const readsOf = async (repo: string) => {
      counter.reads = 0;
      const request = parseSearchRequest(new URLSearchParams({ repo }), platform.config, {
        federated: true,
      });
      await federatedSearch(platform, writer!, request);
      return counter.reads;
    };
    const archiveOnly = await readsOf("archive");
    assert.ok(archiveOnly > 0, "the archive's scope reads the user's desks");
    assert.equal(await readsOf("archive,published,archived"), archiveOnly);
    assert.equal(await readsOf("published,archived"), archiveOnly);
  },
);

// No stage is hidden here: joining or leaving changes no `invisible_stages`, so the user is not
// written and the authenticator keeps serving the same actor between the searches.
newsroomTest("a desk membership change is seen by the next search", async (room) => {
  const story = await deskStory(room);
  const { outsider, editor, desk } = room;
  const found = async () => {
    const answer = await body(await outsider.get("/api/search?repo=archive,published,archived"));
    return answer._items.map((doc: Doc) => `${doc._type}:${doc.guid}`).sort();
  };
  assert.deepEqual(await found(), []);
  const members = (ids: string[]) => ({ members: ids.map((user) => ({ user })) });
  const current = await body(await editor.get(`/api/desks/${desk._id}`));
  const joined = await body(
    await editor.patch(
      `/api/desks/${desk._id}`,
      members([editor.userId, room.writer.userId, outsider.userId]),
      { etag: current._etag },
    ),
  );
  assert.deepEqual(await found(), [`archive:${story.guid}`]);
  await body(
    await editor.patch(`/api/desks/${desk._id}`, members([editor.userId, room.writer.userId]), {
      etag: joined._etag,
    }),
  );
  assert.deepEqual(await found(), []);
});
