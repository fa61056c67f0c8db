/**
 * Packages over HTTP, beyond Superdesk's packages.feature: circular references through several
 * packages, scheduling an item in a package, and a deleted package releasing its items.
 */
import assert from "node:assert/strict";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { body, deskStory, type Json, newsroomTest, refused } from "./_newsroom.ts";
import type { Client } from "../_client.ts";

/** A package on `desk` holding the items `ids` in its main group. */
async function createPackage(client: Client, desk: Json, ids: string[]): Promise<Json> {
  const created = await body(
    await client.post("/api/archive", {
      type: "composite",
      headline: "Budget package",
      task: { desk: desk._id },
      groups: [
        { id: "root", role: "grpRole:NEP", refs: [{ idRef: "main" }] },
        { id: "main", role: "grpRole:main", refs: ids.map((residRef) => ({ residRef })) },
      ],
    }),
    201,
  );
  return await body(await client.get(`/api/archive/${created._id}`));
}

async function linksOf(client: Client, id: string): Promise<unknown> {
  return (await body(await client.get(`/api/archive/${id}`))).linked_in_packages;
}

newsroomTest("a package may not hold a package that holds it, at any depth", async (room) => {
  const { writer, desk } = room;
  const story = await deskStory(room);
  const inner = await createPackage(writer, desk, [story._id]);
  const middle = await createPackage(writer, desk, [inner._id]);
  const outer = await createPackage(writer, desk, [middle._id]);
  const error = await refused(
    await writer.patch(`/api/archive/${inner._id}`, {
      groups: [
        { id: "root", role: "grpRole:NEP", refs: [{ idRef: "main" }] },
        { id: "main", refs: [{ residRef: story._id }, { residRef: outer._id }] },
      ],
    }, { etag: inner._etag }),
    400,
  );
  assert.deepEqual(error._issues, {
    "validator exception": `Trying to create a circular reference to: ${outer._id}`,
  });
  assert.deepEqual(await linksOf(writer, outer._id), undefined);
  assert.deepEqual(await linksOf(writer, inner._id), [{ package: middle._id }]);
});

newsroomTest("an item in a package is not scheduled until taken out", async (room) => {
  const { writer, desk } = room;
  const story = await deskStory(room);
  const pkg = await createPackage(writer, desk, [story._id]);
  const linked = await body(await writer.get(`/api/archive/${story._id}`));
  const later = new Date(Date.now() + 86_400_000).toISOString();
  const error = await refused(
    await writer.patch(`/api/archive/${story._id}`, { publish_schedule: later }, {
      etag: linked._etag,
    }),
    400,
  );
  assert.deepEqual(error._issues, {
    "validator exception":
      "400: This item is in a package and it needs to be removed before the item can be scheduled!",
  });
  await body(
    await writer.patch(`/api/archive/${pkg._id}`, {
      groups: [{ id: "root", role: "grpRole:NEP", refs: [] }],
    }, { etag: pkg._etag }),
  );
  const released = await body(await writer.get(`/api/archive/${story._id}`));
  assert.deepEqual(released.linked_in_packages, []);
  assert.equal(released._etag, linked._etag, "links do not change the item's etag");
  await body(
    await writer.patch(`/api/archive/${story._id}`, { publish_schedule: later }, {
      etag: released._etag,
    }),
  );
});

newsroomTest("a deleted package releases its items", async (room) => {
  const { writer, desk, app } = room;
  const story = await deskStory(room);
  const pkg = await createPackage(writer, desk, [story._id]);
  assert.deepEqual(await linksOf(writer, story._id), [{ package: pkg._id }]);
  const archive = app.platform.registry.service<ArchiveService>("archive");
  const stored = await archive.findOne({ _id: pkg._id });
  assert.ok(stored && await archive.deleteIfUnchanged(stored));
  assert.deepEqual(await linksOf(writer, story._id), []);
});
