/**
 * Broadcasts at their edges: a user who locks a broadcast while a correction of its story marks
 * it keeps a valid etag (the mark, retried after the lock changed the item, leaves it); a
 * published broadcast locked while its story's kill reaches it is still killed (tried again); a
 * kill's notice is added after the action is validated, as Superdesk's (an empty body a kill
 * validator refuses is refused); unpublishing a story spikes its unpublished broadcasts, as
 * Superdesk's unpublish (a kill service) does; a broadcast on a desk that does not exist is
 * refused, as Eve's relation check does; a broadcast whose kill fails after its story's kill is
 * left whole (no killed copy, nothing sent) and can be killed by hand; the web client finds the
 * broadcast URL by its resource title; a broadcast's action clears its status on its earlier
 * copies too.
 */
import assert from "node:assert/strict";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import type { PublishedService } from "../../src/publish/published_service.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { body, type Json } from "../newsroom/_newsroom.ts";
import { publishingTest, type Room } from "./_publishing.ts";
import { broadcastRoom } from "./_broadcast_room.ts";

/** A broadcast's first save: it copies no headline, and the default profile requires one. */
const ON_AIR = { body_html: "<p>On air</p>", headline: "On air" };

async function item(room: Room, id: string): Promise<Json> {
  return await body(await room.editor.get(`/api/archive/${id}`));
}

publishingTest(
  "a broadcast locked while its story's correction marks it keeps the lock's etag",
  async (room) => {
    room = await broadcastRoom(room);
    const story = await body(await room.act("publish", await room.story()));
    const broadcast = await body(
      await room.editor.post(`/api/archive/${story._id}/broadcast`, { desk: room.desk._id }),
      201,
    );
    const archive = room.app.platform.registry.service<ArchiveService>("archive");
    const write = archive.writeUnversioned.bind(archive);
    let lock: Json;
    archive.writeUnversioned = async (current: Doc, set: Doc, options?: { keepEtag?: boolean }) => {
      // The writer locks the broadcast between the mark's read and its write.
      if ("broadcast" in set && lock === undefined) {
        lock = await body(await room.writer.post(`/api/archive/${broadcast._id}/lock`, {}), 201);
      }
      return await write(current, set, options);
    };
    await body(await room.act("correct", await item(room, story._id), { headline: "Fixed" }));
    assert.ok(lock, "the mark was attempted");
    assert.equal((await item(room, broadcast._id)).broadcast.status, "", "a locked one is left");
    await body(
      await room.writer.patch(`/api/archive/${broadcast._id}`, { headline: "On air" }, {
        etag: lock._etag,
      }),
    );
  },
);

publishingTest(
  "a kill is validated before its notice is added, without the body a profiled item's kill sets",
  async (room) => {
    await room.app.platform.registry.service("validators").create([{
      _id: "kill_text",
      act: "kill",
      type: "text",
      schema: {
        body_html: { type: "string", required: true, empty: false },
        ednote: { type: "string", required: true },
      },
    }]);
    const story = await body(await room.act("publish", await room.story({ slugline: "s" })));
    const refusal = await room.act("kill", story, { body_html: "" });
    assert.equal(refusal.status, 400, await refusal.clone().text());
    // Superdesk leaves out the headline, abstract and body of a profiled item's kill.
    assert.equal(
      (await refusal.json())._issues["validator exception"],
      "[['ED. NOTE is a required field']]",
    );
    assert.equal((await item(room, story._id)).state, "published");
    const killed = await body(await room.act("kill", story, { body_html: "", ednote: "Gone" }));
    assert.match(killed.body_html, /^<p>Please kill story slugged s headlined .*<\/p>$/);
  },
);

publishingTest("unpublishing a story spikes its unpublished broadcasts", async (room) => {
  room = await broadcastRoom(room);
  const story = await body(await room.act("publish", await room.story()));
  const draft = await body(
    await room.editor.post(`/api/archive/${story._id}/broadcast`, { desk: room.desk._id }),
    201,
  );
  await body(await room.act("unpublish", await item(room, story._id)));
  const spiked = await item(room, draft._id);
  assert.equal(spiked.state, "spiked");
  assert.equal(spiked.broadcast, null);
});

publishingTest("a broadcast on a desk that does not exist is refused", async (room) => {
  room = await broadcastRoom(room);
  const story = await body(await room.act("publish", await room.story()));
  const desk = "5f0000000000000000000000";
  const answer = await room.editor.post(`/api/archive/${story._id}/broadcast`, { desk });
  assert.equal(answer.status, 400, await answer.clone().text());
  assert.deepEqual((await answer.json())._issues, {
    desk: `value '${desk}' must exist in resource 'desks', field '_id'.`,
  });
});

publishingTest(
  "a broadcast whose kill fails after the story's kill is left whole and can be killed again",
  async (room) => {
    room = await broadcastRoom(room);
    const product = await room.product();
    await room.subscriber({
      name: "W",
      subscriber_type: "wire",
      products: [product._id],
      destinations: [room.pushTo("/w")],
    });
    const story = await body(await room.act("publish", await room.story()));
    const broadcasts: Json[] = [];
    for (const _ of [1, 2]) {
      const created = await body(
        await room.editor.post(`/api/archive/${story._id}/broadcast`, { desk: room.desk._id }),
        201,
      );
      const saved = await body(
        await room.editor.patch(`/api/archive/${created._id}`, ON_AIR, {
          etag: created._etag,
        }),
      );
      broadcasts.push(await body(await room.act("publish", saved)));
    }
    const [failing, other] = broadcasts as [Json, Json];
    await room.receiver.until((received) => received.length === 3);
    const archive = room.app.platform.registry.service<ArchiveService>("archive");
    const update = archive.update.bind(archive);
    let failed = false;
    archive.update = (id: string, updates: Doc, options: Parameters<typeof update>[2]) => {
      if (id === failing._id && updates.state === "killed" && !failed) {
        failed = true;
        return Promise.reject(new Error("the store went away"));
      }
      return update(id, updates, options);
    };
    const killed = await body(await room.act("kill", story, { body_html: "<p>Gone.</p>" }));
    assert.equal(killed.state, "killed");
    assert.ok(failed);
    assert.equal((await item(room, other._id)).state, "killed");
    const left = await item(room, failing._id);
    assert.equal(left.state, "published");
    assert.equal(left._current_version, failing._current_version);
    const copies = await body(
      await room.editor.get(`/api/published?where=${JSON.stringify({ item_id: failing._id })}`),
    );
    assert.deepEqual(copies._items.map((copy: Json) => copy.state), ["published"]);
    const pubstatus = (id: string) =>
      room.receiver.received
        .map((request) => JSON.parse(request.body))
        .filter((sent) => sent.guid === id)
        .map((sent) => sent.pubstatus);
    await room.receiver.until((received) => received.length === 5);
    assert.deepEqual(pubstatus(story._id), ["usable", "canceled"]);
    assert.deepEqual(pubstatus(other._id), ["usable", "canceled"]);
    assert.deepEqual(pubstatus(failing._id), ["usable"]);
    await body(await room.act("kill", left, { body_html: "<p>Gone.</p>" }));
    await room.receiver.until((received) => received.length === 6);
    assert.deepEqual(pubstatus(failing._id), ["usable", "canceled"]);
  },
);

publishingTest(
  "the client finds the broadcast URL in GET /api by its resource title",
  async (room) => {
    room = await broadcastRoom(room);
    const story = await body(await room.act("publish", await room.story()));
    const links = (await body(await room.editor.get("/api")))._links.child as Json[];
    const link = links.find((child) => child.title === "archive_broadcast");
    assert.ok(link, "listed");
    // The web client's `api.save('archive_broadcast', {}, {desk}, item)`: `<...>` is the item's id.
    const url = `/api/${link.href.replace(/<.*>/, story._id)}`;
    const created = await body(await room.editor.post(url, { desk: room.desk._id }), 201);
    assert.equal(created.broadcast.master_id, story._id);
  },
);

publishingTest(
  "a published broadcast locked while its story's kill reaches it is still killed",
  async (room) => {
    room = await broadcastRoom(room);
    const story = await body(await room.act("publish", await room.story()));
    const created = await body(
      await room.editor.post(`/api/archive/${story._id}/broadcast`, { desk: room.desk._id }),
      201,
    );
    const saved = await body(
      await room.editor.patch(`/api/archive/${created._id}`, ON_AIR, {
        etag: created._etag,
      }),
    );
    const broadcast = await body(await room.act("publish", saved));
    const archive = room.app.platform.registry.service<ArchiveService>("archive");
    const update = archive.update.bind(archive);
    let locked = false;
    archive.update = async (id: string, updates: Doc, options: Parameters<typeof update>[2]) => {
      // The writer opens the broadcast for a correction between the kill's read and its write.
      if (id === broadcast._id && updates.state === "killed" && !locked) {
        locked = true;
        await body(await room.writer.post(`/api/archive/${broadcast._id}/lock`, {}), 201);
      }
      return await update(id, updates, options);
    };
    await body(await room.act("kill", story, { body_html: "<p>Gone.</p>" }));
    assert.ok(locked);
    const after = await item(room, broadcast._id);
    assert.equal(after.state, "killed");
    assert.match(after.body_html, /^<p>Please kill story slugged .*<\/p><p>Gone\.<\/p>$/);
  },
);

publishingTest("a broadcast's action clears the status on its earlier copies too", async (room) => {
  room = await broadcastRoom(room);
  const story = await body(await room.act("publish", await room.story()));
  const created = await body(
    await room.editor.post(`/api/archive/${story._id}/broadcast`, { desk: room.desk._id }),
    201,
  );
  const saved = await body(
    await room.editor.patch(`/api/archive/${created._id}`, ON_AIR, {
      etag: created._etag,
    }),
  );
  await body(await room.act("publish", saved));
  await body(await room.act("correct", await item(room, story._id), { headline: "Fixed" }));
  const published = room.app.platform.registry.service<PublishedService>("published");
  const statuses = async () =>
    (await published.copiesOf(created._id)).map((copy) => (copy.broadcast as Json).status);
  assert.deepEqual(await statuses(), ["Master Story Corrected"]);
  await body(await room.act("correct", await item(room, created._id), { headline: "Again" }));
  assert.deepEqual(await statuses(), ["", ""]);
});
