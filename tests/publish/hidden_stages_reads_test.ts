/**
 * `/api/search` over archive, published and archived resolves the user's desks and hidden
 * stages once (the archive's scope and the copies' hidden stages share one read), and never
 * across requests: a desk membership changed between two searches is seen by the second.
 */
import assert from "node:assert/strict";
import { loadUserActor } from "../../src/auth/user_actor.ts";
import { federatedSearch } from "../../src/indexing/federated_search.ts";
import { parseSearchRequest } from "../../src/indexing/search_request.ts";
import type { ResourceService } from "../../src/resources/resource_service.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { body, deskStory, type Newsroom, newsroomTest } from "../newsroom/_newsroom.ts";
import { hiddenCopy } from "./_hidden_copy.ts";

/** Counts the reads the visibility of a search rests on (users, desks, stages) until `restore`. */
function countReads(room: Newsroom): { reads: number; restore(): void } {
  const counter = { reads: 0, restore: () => {} };
  const { registry } = room.app.platform;
  const restores: Array<() => void> = [];
  for (const name of ["users", "desks", "stages"]) {
    const service = registry.service(name) as ResourceService & Record<string, unknown>;
    for (const method of ["find", "findOne", "memberDeskIds", "invisibleStages"]) {
      const original = service[method];
      if (typeof original !== "function") continue;
      service[method] = (...args: unknown[]) => {
        counter.reads++;
        return original.apply(service, args);
      };
      restores.push(() => delete service[method]);
    }
  }
  counter.restore = () => restores.forEach((restore) => restore());
  return counter;
}

/** Reads of users, desks and stages by one in-process search of `repo` as the writer. */
async function readsOf(room: Newsroom, repo: string): Promise<number> {
  const { platform } = room.app;
  // In process, so the reads counted are the search's (not the authenticator's).
  const writer = await loadUserActor(platform.registry, room.writer.userId, "session");
  const counter = countReads(room);
  const request = parseSearchRequest(new URLSearchParams({ repo }), platform.config, {
    federated: true,
  });
  try {
    await federatedSearch(platform, writer!, request);
    return counter.reads;
  } finally {
    counter.restore();
  }
}

newsroomTest("a search reads the user's visibility once, and afresh for the next", async (room) => {
  // No stage is hidden yet: joining or leaving changes no `invisible_stages`, so the user is not
  // written and the authenticator keeps serving the same actor between the searches.
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

  await hiddenCopy(room, "published");
  const archiveOnly = await readsOf(room, "archive");
  assert.ok(archiveOnly > 0, "the archive's scope reads the user's desks");
  assert.equal(await readsOf(room, "archive,published,archived"), archiveOnly);
  assert.equal(await readsOf(room, "published,archived"), archiveOnly);
});
