/**
 * What content expiry keeps, as Superdesk's `RemoveExpiredContent`: content whose desk, stage
 * and settings give no expiry, personal content, and media a live item still associates
 * (`_get_associated_items`, `delete_spiked_items`).
 */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { removeExpiredContent } from "../../src/newsroom/content_expiry.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { body, createStory, deskStory, type Newsroom, newsroomTest } from "./_newsroom.ts";

const YEAR = 365 * 24 * 3_600_000;

/** A stage of `room.desk` whose content expires after a minute. */
async function fastStage(room: Newsroom) {
  return await body(
    await room.editor.post("/api/stages", { name: "Fast", desk: room.desk._id, content_expiry: 1 }),
    201,
  );
}

function runAt(room: Newsroom, now: Date) {
  return removeExpiredContent(room.app.platform.registry, { now, log: silentLogger });
}

newsroomTest("with the default settings no draft expires, on a desk or personal", async (room) => {
  const onDesk = await deskStory(room, { headline: "Desk draft" });
  const personal = await createStory(room.writer, { headline: "Personal draft" });
  assert.equal(onDesk.expiry ?? null, null);
  assert.equal(personal.expiry ?? null, null);
  const result = await runAt(room, new Date(Date.now() + 10 * YEAR));
  assert.equal(result.removed, 0);
  await body(await room.writer.get(`/api/archive/${onDesk._id}`));
  await body(await room.writer.get(`/api/archive/${personal._id}`));
});

newsroomTest("an expired picture that a live story associates stays", async (room) => {
  const stage = await fastStage(room);
  const picture = await deskStory(room, {
    type: "picture",
    headline: "Harbour",
    task: { desk: room.desk._id, stage: stage._id },
  });
  assert.ok(picture.expiry);
  const story = await deskStory(room, {
    headline: "Harbour story",
    associations: { featuremedia: { _id: picture._id, type: "picture" } },
  });
  assert.equal(story.expiry ?? null, null);
  await runAt(room, new Date(Date.now() + YEAR));
  await body(await room.writer.get(`/api/archive/${picture._id}`));
  await body(await room.writer.get(`/api/archive/${story._id}`));
});

newsroomTest("a spiked picture that a live story associates stays", async (room) => {
  const stage = await fastStage(room);
  const picture = await deskStory(room, {
    type: "picture",
    headline: "Harbour",
    task: { desk: room.desk._id, stage: stage._id },
  });
  await deskStory(room, {
    headline: "Harbour story",
    associations: { featuremedia: { _id: picture._id, type: "picture" } },
  });
  await body(
    await room.writer.patch(`/api/archive/spike/${picture._id}`, {}, { etag: picture._etag }),
  );
  await runAt(room, new Date(Date.now() + YEAR));
  await body(await room.writer.get(`/api/archive/${picture._id}`));
});

newsroomTest("an expired picture goes with the expired story that associates it", async (room) => {
  const stage = await fastStage(room);
  const task = { desk: room.desk._id, stage: stage._id };
  const picture = await deskStory(room, { type: "picture", headline: "Harbour", task });
  const story = await deskStory(room, {
    headline: "Harbour story",
    task,
    associations: { featuremedia: { _id: picture._id, type: "picture" } },
  });
  const result = await runAt(room, new Date(Date.now() + YEAR));
  assert.equal(result.removed, 2);
  assert.equal((await room.writer.get(`/api/archive/${picture._id}`)).status, 404);
  assert.equal((await room.writer.get(`/api/archive/${story._id}`)).status, 404);
});

newsroomTest("an expired item that a live package holds stays", async (room) => {
  const stage = await fastStage(room);
  const member = await deskStory(room, {
    headline: "Member",
    task: { desk: room.desk._id, stage: stage._id },
  });
  const pkg = await deskStory(room, {
    type: "composite",
    headline: "Package",
    groups: [
      { id: "root", role: "grpRole:NEP", refs: [{ idRef: "main" }] },
      {
        id: "main",
        role: "grpRole:main",
        refs: [{ residRef: member._id, type: "text", headline: "Member" }],
      },
    ],
  });
  assert.equal(pkg.expiry ?? null, null);
  await runAt(room, new Date(Date.now() + YEAR));
  await body(await room.writer.get(`/api/archive/${member._id}`));
});

newsroomTest("a personal item with a passed expiry stays unless spiked", async (room) => {
  const personal = await createStory(room.writer, { headline: "Personal draft" });
  const archive = room.app.platform.registry.service<ArchiveService>("archive");
  const [stored] = await archive.storedItems([personal._id]);
  assert.ok(await archive.writeUnversioned(stored!, { expiry: new Date(Date.now() - YEAR) }));
  assert.equal((await runAt(room, new Date())).removed, 0);
  await body(await room.writer.get(`/api/archive/${personal._id}`));
});
