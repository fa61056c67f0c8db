/**
 * `DELETE /api/archived/<id>` (Superdesk's `ArchivedService`): it needs the `archived` privilege
 * and the copy's etag, checks whether the copy may be killed, and removes nothing; the copy is
 * also found as `<item_id>:<version>`, and a package copy's item references point to `archived`.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, newsroomTest, refused, signIn } from "../newsroom/_newsroom.ts";

newsroomTest("archived: a killable copy passes the DELETE check and stays", async (room) => {
  const platform = room.app.platform;
  const [copy] = await platform.registry.service("archived").create(
    [{
      item_id: "story-1",
      guid: "story-1",
      type: "text",
      state: "published",
      headline: "Budget vote",
      _current_version: 2,
    }],
    SYSTEM_ACTOR,
    { trusted: true },
  );
  const id = String(copy!._id);
  const archivist = await signIn(room.app, "archivist", { archived: 1 });
  const found = await body(await archivist.get("/api/archived/story-1:2"));
  assert.equal(found._id, id);
  await refused(await archivist.delete(`/api/archived/${id}`), 428);
  await refused(await room.editor.delete(`/api/archived/${id}`, { etag: found._etag }), 403);
  const answer = await archivist.delete(`/api/archived/${id}`, { etag: found._etag });
  assert.equal(answer.status, 204, await answer.text());
  const after = await body(await archivist.get(`/api/archived/${id}`));
  assert.equal(after._etag, found._etag, "the copy is unchanged");
});

newsroomTest("archived: a copy without a guid is in no production and passes", async (room) => {
  const [copy] = await room.app.platform.registry.service("archived").create(
    [{ item_id: "story-2", type: "text", state: "published", _current_version: 1 }],
    SYSTEM_ACTOR,
    { trusted: true },
  );
  const archivist = await signIn(room.app, "archivist", { archived: 1 });
  const found = await body(await archivist.get("/api/archived/story-2:1"));
  const answer = await archivist.delete(`/api/archived/${copy!._id}`, { etag: found._etag });
  assert.equal(answer.status, 204, await answer.text());
});

newsroomTest("archived: a package's item references are located in archived", async (room) => {
  await room.app.platform.registry.service("archived").create(
    [{
      item_id: "pkg-1",
      guid: "pkg-1",
      type: "composite",
      state: "published",
      _current_version: 2,
      groups: [
        { id: "root", refs: [{ idRef: "main" }] },
        { id: "main", refs: [{ residRef: "story-1", headline: "Budget vote" }] },
      ],
    }],
    SYSTEM_ACTOR,
    { trusted: true },
  );
  const found = await body(await room.editor.get("/api/archived/pkg-1:2"));
  assert.deepEqual(found.groups, [
    { id: "root", refs: [{ idRef: "main" }] },
    { id: "main", refs: [{ residRef: "story-1", headline: "Budget vote", location: "archived" }] },
  ]);
});
