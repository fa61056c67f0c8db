/**
 * `linked_in_packages` is the server's (Superdesk's schema makes it `readonly`): package links
 * written while a user holds an item survive the user's save of that item (PATCH, PUT,
 * autosave), concurrent saves of packages sharing items all land, and a package refers only to
 * items its author may see.
 */
import assert from "node:assert/strict";
import { body, deskStory, type Json, newsroomTest, refused, signIn } from "./_newsroom.ts";
import type { Client } from "../_client.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { setLink } from "../../src/newsroom/package_links.ts";

function groupsHolding(ids: string[]): Json[] {
  return [
    { id: "root", role: "grpRole:NEP", refs: [{ idRef: "main" }] },
    { id: "main", role: "grpRole:main", refs: ids.map((residRef) => ({ residRef })) },
  ];
}

async function postPackage(client: Client, deskId: string, ids: string[]): Promise<Response> {
  return await client.post("/api/archive", {
    type: "composite",
    headline: "Budget package",
    task: { desk: deskId },
    groups: groupsHolding(ids),
  });
}

async function linksOf(client: Client, id: string): Promise<unknown> {
  return (await body(await client.get(`/api/archive/${id}`))).linked_in_packages;
}

newsroomTest(
  "a save sending the item's links as read before a package took it answers 400, links kept",
  async (room) => {
    const { writer, desk } = room;
    const story = await deskStory(room);
    const pkg = await body(await postPackage(writer, desk._id, [story._id]), 201);
    const error = await refused(
      await writer.patch(`/api/archive/${story._id}`, {
        headline: "Stale copy",
        linked_in_packages: [],
      }, { etag: story._etag }),
      400,
    );
    assert.deepEqual(error._issues, { linked_in_packages: "field is read-only" });
    assert.deepEqual(await linksOf(writer, story._id), [{ package: pkg._id }]);
  },
);

newsroomTest("a PUT of an item in a package keeps its links", async (room) => {
  const { writer, desk } = room;
  const story = await deskStory(room);
  const pkg = await body(await postPackage(writer, desk._id, [story._id]), 201);
  const current = await body(await writer.get(`/api/archive/${story._id}`));
  await body(
    await writer.put(`/api/archive/${story._id}`, {
      headline: "Replaced",
      body_html: "<p>New.</p>",
      type: "text",
    }, { etag: current._etag }),
  );
  assert.deepEqual(await linksOf(writer, story._id), [{ package: pkg._id }]);
});

newsroomTest(
  "an autosave made before a package took the item does not undo the link when saved",
  async (room) => {
    const { writer, desk } = room;
    const story = await deskStory(room);
    const path = `/api/archive/${story._id}`;
    const first = await body(await postPackage(writer, desk._id, [story._id]), 201);
    await body(await writer.post(`${path}/lock`, {}), 201);
    await body(
      await writer.post("/api/archive_autosave", { _id: story._id, headline: "Typed" }),
      201,
    );
    const second = await body(await postPackage(writer, desk._id, [story._id]), 201);
    const unlocked = await body(await writer.post(`${path}/unlock`, {}), 201);
    assert.equal(unlocked.headline, "Typed");
    assert.deepEqual(await linksOf(writer, story._id), [
      { package: first._id },
      { package: second._id },
    ]);
  },
);

newsroomTest(
  "a link written while a save sending the unchanged links is under way survives it",
  async (room) => {
    const { app, writer, desk } = room;
    const story = await deskStory(room);
    const first = await body(await postPackage(writer, desk._id, [story._id]), 201);
    const current = await body(await writer.get(`/api/archive/${story._id}`));
    const second = await body(await postPackage(writer, desk._id, []), 201);
    const archive = app.platform.registry.service<ArchiveService>("archive");
    let raced = false;
    archive.hooks.add({
      async beforeSave(_updates, original) {
        if (raced || original._id !== story._id) return;
        raced = true;
        await setLink(archive, { residRef: story._id }, second._id, true);
      },
    });
    await body(
      await writer.patch(`/api/archive/${story._id}`, {
        headline: "Client copy",
        linked_in_packages: current.linked_in_packages,
      }, { etag: current._etag }),
    );
    assert.ok(raced);
    assert.deepEqual(await linksOf(writer, story._id), [
      { package: first._id },
      { package: second._id },
    ]);
  },
);

newsroomTest(
  "packages saved at once with the same items, while the items are saved, link them all",
  async (room) => {
    const { writer, editor, desk } = room;
    const first = await deskStory(room);
    const second = await deskStory(room, { headline: "Second" });
    const answers = await Promise.all([
      postPackage(writer, desk._id, [first._id, second._id]),
      postPackage(editor, desk._id, [second._id, first._id]),
      postPackage(writer, desk._id, [first._id]),
      writer.patch(`/api/archive/${first._id}`, { headline: "Edited" }, { etag: first._etag }),
      editor.patch(`/api/archive/${second._id}`, { headline: "Edited" }, {
        etag: second._etag,
      }),
    ]);
    const [a, b, c] = await Promise.all(answers.slice(0, 3).map((answer) => body(answer, 201)));
    for (const answer of answers.slice(3)) await body(answer);
    const sorted = (links: unknown) =>
      (links as Json[]).map((link) => link.package).sort() as string[];
    const firstNow = await body(await writer.get(`/api/archive/${first._id}`));
    const secondNow = await body(await writer.get(`/api/archive/${second._id}`));
    assert.deepEqual(sorted(firstNow.linked_in_packages), [a._id, b._id, c._id].sort());
    assert.deepEqual(sorted(secondNow.linked_in_packages), [a._id, b._id].sort());
    assert.equal(firstNow.headline, "Edited");
    assert.equal(secondNow.headline, "Edited");
  },
);

newsroomTest("twenty packages saved at once with one item all link it", async (room) => {
  const { writer, desk } = room;
  const story = await deskStory(room);
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => postPackage(writer, desk._id, [story._id])),
  );
  const ids = await Promise.all(answers.map(async (answer) => (await body(answer, 201))._id));
  const links = await linksOf(writer, story._id) as Json[];
  assert.deepEqual(links.map((link) => link.package).sort(), ids.sort());
});

newsroomTest(
  "a package may not refer to an item its author cannot see: answered as a missing item",
  async (room) => {
    const { app, editor, desk } = room;
    const story = await deskStory(room);
    const sports = await body(
      await editor.post("/api/desks", { name: "Sports", members: [{ user: editor.userId }] }),
      201,
    );
    const other = await signIn(app, "sportswriter", { archive: 1 });
    await body(
      await editor.patch(`/api/desks/${sports._id}`, {
        members: [{ user: editor.userId }, { user: other.userId }],
      }, { etag: sports._etag }),
    );
    await refused(await other.get(`/api/archive/${story._id}`), 404);
    await refused(
      await postPackage(other, sports._id, [story._id]),
      404,
      `Invalid item reference: ${story._id}`,
    );
    assert.deepEqual(await linksOf(editor, story._id), undefined);
    assert.ok(desk._id);
  },
);

newsroomTest(
  "a package holding an item its author no longer sees can still be saved by them",
  async (room) => {
    const { app, editor, desk } = room;
    const other = await signIn(app, "sportswriter", { archive: 1 });
    const sports = await body(
      await editor.post("/api/desks", {
        name: "Sports",
        members: [{ user: editor.userId }, { user: other.userId }],
      }),
      201,
    );
    const story = await deskStory(room);
    const pkg = await body(await postPackage(editor, sports._id, [story._id]), 201);
    const seen = await body(await other.get(`/api/archive/${pkg._id}`));
    await refused(await other.get(`/api/archive/${story._id}`), 404);
    await body(
      await other.patch(`/api/archive/${pkg._id}`, {
        headline: "Renamed",
        groups: seen.groups,
      }, { etag: seen._etag }),
    );
    assert.deepEqual(await linksOf(editor, story._id), [{ package: pkg._id }]);
    assert.ok(desk._id);
  },
);

newsroomTest("a package's refs name archive content, not other resources", async (room) => {
  const { writer, desk } = room;
  const response = await writer.post("/api/archive", {
    type: "composite",
    task: { desk: desk._id },
    groups: [
      { id: "root", refs: [{ idRef: "main" }] },
      { id: "main", refs: [{ residRef: writer.userId, location: "users" }] },
    ],
  });
  await refused(response, 404, `Invalid item reference: ${writer.userId}`);
});
