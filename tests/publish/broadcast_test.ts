/**
 * Broadcasts follow their master story on both stores (what archive_broadcast.feature leaves
 * untested or to rewrites): a correction marks them without a new version, in the archive and
 * on the published copies, but not a broadcast someone has locked; a save or a publish of the
 * broadcast clears the mark; a rewrite spiked before it went out leaves them; spiking an
 * unpublished story spikes its draft broadcasts; a kill of the story answers (and is done) when
 * one of its broadcasts cannot be killed, which stays as it is; a broadcast is resent to wire
 * subscribers only; a story that went out once is followed when it is published again.
 */
import assert from "node:assert/strict";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { masterUpdated } from "../../src/publish/broadcast/broadcast_status.ts";
import { itemRefsOf } from "../../src/newsroom/package_groups.ts";
import type { PublishedService } from "../../src/publish/published_service.ts";
import { silentLogger } from "../../src/log.ts";
import { body, type Json, refused } from "../newsroom/_newsroom.ts";
import { publishingTest, type Room } from "./_publishing.ts";
import { broadcastRoom } from "./_broadcast_room.ts";
import { createPackage } from "./_packages.ts";

/** A published story and a broadcast of it on the desk. */
async function storyWithBroadcast(room: Room, fields: Json = {}) {
  const story = await body(await room.act("publish", await room.story(fields)));
  const broadcast = await body(
    await room.editor.post(`/api/archive/${story._id}/broadcast`, { desk: room.desk._id }),
    201,
  );
  return { story, broadcast };
}

async function item(room: Room, id: string): Promise<Json> {
  return await body(await room.editor.get(`/api/archive/${id}`));
}

/**
 * The broadcast saved once (`in_progress`, so it may be published), with a headline: a broadcast
 * copies none, and Superdesk's default profile requires one.
 */
async function edited(room: Room, id: string): Promise<Json> {
  const current = await item(room, id);
  return await body(
    await room.editor.patch(`/api/archive/${id}`, {
      body_html: "<p>On air</p>",
      headline: "On air",
    }, {
      etag: current._etag,
    }),
  );
}

publishingTest("a correction marks the story's broadcasts until they are saved", async (room) => {
  room = await broadcastRoom(room);
  const { story, broadcast } = await storyWithBroadcast(room);
  const locked = await body(
    await room.editor.post(`/api/archive/${story._id}/broadcast`, { desk: room.desk._id }),
    201,
  );
  await body(await room.writer.post(`/api/archive/${locked._id}/lock`, {}), 201);
  await body(await room.act("correct", await item(room, story._id), { headline: "Fixed" }));
  const marked = await item(room, broadcast._id);
  assert.deepEqual(marked.broadcast, {
    status: "Master Story Corrected",
    master_id: story._id,
    rewrite_id: null,
  });
  assert.equal(marked._current_version, 1, "no new version");
  assert.equal((await item(room, locked._id)).broadcast.status, "", "a locked one is left");
  const saved = await body(
    await room.editor.patch(`/api/archive/${broadcast._id}`, { headline: "On air" }, {
      etag: marked._etag,
    }),
  );
  assert.equal(saved.broadcast.status, "");
  assert.equal(saved._current_version, 2);
});

publishingTest(
  "a published broadcast is marked on its copies too, and its publish clears the mark",
  async (room) => {
    room = await broadcastRoom(room);
    const { story, broadcast } = await storyWithBroadcast(room);
    await edited(room, broadcast._id);
    await body(await room.act("correct", await item(room, story._id), { headline: "Fixed" }));
    assert.equal((await item(room, broadcast._id)).broadcast.status, "Master Story Corrected");
    const published = await body(await room.act("publish", await item(room, broadcast._id)));
    assert.equal(published.broadcast.status, "", "its publish clears the mark");
    await body(await room.act("correct", await item(room, story._id), { headline: "Again" }));
    assert.equal((await item(room, broadcast._id)).broadcast.status, "Master Story Corrected");
    const copies = await room.app.platform.registry.service<PublishedService>("published")
      .copiesOf(broadcast._id);
    assert.equal(copies.length, 1);
    assert.equal((copies[0]!.broadcast as Json).status, "Master Story Corrected");
  },
);

publishingTest("a rewrite spiked before it went out leaves the broadcasts", async (room) => {
  room = await broadcastRoom(room);
  const { story, broadcast } = await storyWithBroadcast(room, { rewritten_by: "rewrite-1" });
  assert.equal(broadcast.broadcast.rewrite_id, "rewrite-1");
  const platform = room.app.platform;
  await masterUpdated(
    {
      archive: platform.registry.service<ArchiveService>("archive"),
      published: platform.registry.service<PublishedService>("published"),
      log: silentLogger,
    },
    "rewrite",
    await item(room, story._id),
    { rewriteId: "rewrite-2" },
  );
  assert.deepEqual((await item(room, broadcast._id)).broadcast, {
    status: "Master Story Re-written",
    master_id: story._id,
    rewrite_id: "rewrite-1",
  });
  const rewrite = await body(
    await room.writer.post("/api/archive", {
      guid: "rewrite-1",
      headline: "Update",
      rewrite_of: story._id,
      task: { desk: room.desk._id, stage: room.desk.working_stage },
    }),
    201,
  );
  await body(
    await room.editor.patch(`/api/archive/spike/${rewrite._id}`, {}, {
      etag: (await item(room, rewrite._id))._etag,
    }),
  );
  assert.deepEqual((await item(room, broadcast._id)).broadcast, {
    status: "",
    master_id: story._id,
    rewrite_id: null,
  });
});

publishingTest("spiking an unpublished story spikes its draft broadcasts", async (room) => {
  room = await broadcastRoom(room);
  const { story, broadcast } = await storyWithBroadcast(room);
  // (Its unpublish spikes them already: `broadcast_review_test.ts`.)
  await body(await room.act("unpublish", await item(room, story._id)));
  await body(
    await room.editor.patch(`/api/archive/spike/${story._id}`, {}, {
      etag: (await item(room, story._id))._etag,
    }),
  );
  const spiked = await item(room, broadcast._id);
  assert.equal(spiked.state, "spiked");
  assert.equal(spiked.broadcast, null);
});

publishingTest("a kill of the story answers when a broadcast cannot be killed", async (room) => {
  room = await broadcastRoom(room);
  const { story, broadcast } = await storyWithBroadcast(room);
  await edited(room, broadcast._id);
  await body(await room.act("publish", await item(room, broadcast._id)));
  const killed = await body(await room.act("kill", await item(room, broadcast._id)));
  const answer = await body(await room.act("kill", await item(room, story._id)));
  assert.equal(answer.state, "killed");
  const after = await item(room, broadcast._id);
  assert.equal(after._current_version, killed._current_version);
  assert.equal(after._etag, killed._etag);
});

publishingTest("a broadcast is resent to wire subscribers only", async (room) => {
  room = await broadcastRoom(room);
  const { broadcast } = await storyWithBroadcast(room);
  await edited(room, broadcast._id);
  const published = await body(await room.act("publish", await item(room, broadcast._id)));
  const destinations = [room.pushTo("/b")];
  const wire = await room.subscriber({ name: "W", subscriber_type: "wire", destinations });
  const all = await room.subscriber({ name: "A", subscriber_type: "all", destinations });
  const resend = (subscribers: string[]) =>
    room.editor.post(`/api/archive/${broadcast._id}/resend`, {
      subscribers,
      version: published._current_version,
    });
  await refused(
    await resend([wire._id, all._id]),
    400,
    "Only wire subscribers can receive broadcast stories!",
  );
  assert.equal((await body(await resend([wire._id]), 201)).queued, 1);
});

publishingTest(
  "a story published again after an unpublish and a save marks its broadcasts",
  async (room) => {
    room = await broadcastRoom(room);
    const { story, broadcast } = await storyWithBroadcast(room);
    // Published: the unpublish spikes the unpublished ones.
    await edited(room, broadcast._id);
    await body(await room.act("publish", await item(room, broadcast._id)));
    await body(await room.act("unpublish", await item(room, story._id)));
    const saved = await edited(room, story._id);
    assert.equal(saved.state, "in_progress");
    await body(await room.act("publish", saved));
    assert.equal((await item(room, broadcast._id)).broadcast.status, "Master Story Published");
  },
);

publishingTest(
  "a killed story's broadcast is killed even when a package holding it cannot be changed",
  async (room) => {
    room = await broadcastRoom(room);
    const { story, broadcast } = await storyWithBroadcast(room);
    await edited(room, broadcast._id);
    await body(await room.act("publish", await item(room, broadcast._id)));
    const created = await createPackage(room, [broadcast._id]);
    const saved = await body(
      await room.editor.patch(`/api/archive/${created._id}`, { slugline: "pkg" }, {
        etag: created._etag,
      }),
    );
    await body(await room.act("publish", saved));
    // A killed package is left as it is; the broadcast goes all the same, and a package still
    // being edited is saved without it.
    await body(await room.act("kill", await item(room, created._id)));
    const draft = await createPackage(room, [broadcast._id]);
    await body(await room.act("kill", await item(room, story._id)));
    assert.equal((await item(room, broadcast._id)).state, "killed");
    const holds = async (pkg: Json) =>
      itemRefsOf(await item(room, pkg._id)).some((ref) => ref.residRef === broadcast._id);
    assert.equal(await holds(created), true, "the killed package keeps its ref");
    assert.equal(await holds(draft), false, "the package being edited loses it");
  },
);

publishingTest(
  "a broadcast whose published package cannot be corrected stays, as in Superdesk",
  async (room) => {
    room = await broadcastRoom(room);
    const { story, broadcast } = await storyWithBroadcast(room);
    await edited(room, broadcast._id);
    await body(await room.act("publish", await item(room, broadcast._id)));
    const other = await room.story({ headline: "Other" });
    await body(await room.act("publish", other));
    const created = await createPackage(room, [broadcast._id, other._id]);
    const saved = await body(
      await room.editor.patch(`/api/archive/${created._id}`, { slugline: "pkg" }, {
        etag: created._etag,
      }),
    );
    await body(await room.act("publish", saved));
    // The package's correction fails (its published copy cannot be stored).
    const published = room.app.platform.registry.service<PublishedService>("published");
    const record = published.record.bind(published);
    published.record = (...args) => {
      if (args[0]._id === created._id) throw new Error("injected failure");
      return record(...args);
    };
    // Logged; the broadcast, still in a live package, is then refused its kill (Superdesk's
    // `kill_item` raises the same way), and the story's kill answers.
    assert.equal((await body(await room.act("kill", await item(room, story._id)))).state, "killed");
    assert.equal((await item(room, broadcast._id)).state, "published");
    assert.equal((await item(room, created._id)).state, "published");
  },
);
