/** Fetching ingest items into the newsroom, and duplicating archive items, over HTTP. */
import assert from "node:assert/strict";
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { ingestResource } from "../../src/ingest/ingest_resource.ts";
import { archiveResource } from "../../src/newsroom/archive_resource.ts";
import { archivedResource, publishedResource } from "../../src/publish/published_resource.ts";
import { body, eventsNamed, type Json } from "../newsroom/_newsroom.ts";
import { ingestFeedFile } from "./_feed_files.ts";
import { type IngestRoom, ingestTest, items } from "./_ingest_room.ts";

Deno.test("ingest_version, now a string, stays out of the search mappings (no index:rebuild)", () => {
  // It was an integer-or-string field, unmapped; a keyword mapping would make every existing
  // archive, ingest, published and archived index refuse to serve until rebuilt.
  for (const definition of [archiveResource, ingestResource, publishedResource, archivedResource]) {
    const properties = resourceMapping(definition).properties;
    assert.equal(properties.ingest_version, undefined, definition.name);
    assert.ok(properties.ingest_id, definition.name);
  }
});

/** The NINJS story (with its picture) ingested, and the story fetched to the room's desk. */
async function fetchedStory(room: IngestRoom): Promise<{ story: Json; fetched: Json }> {
  await ingestFeedFile(room, "ninjs_story.json", {
    source: "northwind",
    feed_parser: "ninjs",
  }, { contentType: "application/json" });
  const story = items(await room.get("/api/ingest")).find((item) => item.type === "text");
  const fetched = await body(
    await room.chief.post(`/api/ingest/${story._id}/fetch`, { desk: room.desk._id }),
    201,
  );
  return { story, fetched };
}

ingestTest(
  "an ingest item is fetched to a desk, twice if asked, with Superdesk's checks",
  async (room) => {
    const { story, fetched } = await fetchedStory(room);
    assert.equal(fetched.state, "fetched");
    assert.equal(fetched.operation, "fetch");
    assert.equal(fetched.ingest_id, "urn:northwind:2026:ninjs:NW0106T020");
    assert.equal(fetched.family_id, story._id);
    assert.equal(fetched.task.desk, room.desk._id);
    assert.equal(fetched.task.stage, room.desk.incoming_stage);
    assert.equal(fetched._current_version, 1);
    assert.notEqual(fetched._id, story._id);
    assert.equal(fetched.headline, "Wind farm tender draws record bids");
    assert.equal(fetched.associations.featuremedia.state, "fetched", "its picture came along");
    const fetchEvent = (await eventsNamed(room, "item:fetch"))[0];
    assert.equal(fetchEvent?.extra.item, story._id);
    assert.equal(fetchEvent?.extra.to_desk, room.desk._id);
    assert.equal(fetchEvent?.extra.to_stage, room.desk.incoming_stage);
    const again = await body(
      await room.chief.post(`/api/ingest/${story._id}/fetch`, { desk: room.desk._id }),
      201,
    );
    assert.notEqual(again._id, fetched._id);
    assert.equal(again.family_id, story._id);
    assert.ok((await room.get(`/api/ingest/${story._id}`)).archived);
    const where = encodeURIComponent(JSON.stringify({ "task.desk": room.desk._id, type: "text" }));
    assert.equal(items(await room.get(`/api/archive?where=${where}`)).length, 2);
    await body(await room.chief.post("/api/ingest/invalid_id/fetch", { desk: room.desk._id }), 404);
    await body(await room.chief.post(`/api/ingest/${story._id}/fetch`, {}), 400);
    await body(
      await room.writer.post(`/api/ingest/${story._id}/fetch`, { desk: room.desk._id }),
      403,
    );
    // A fetched item is edited as any desk item: locked and saved it becomes in_progress.
    await body(await room.chief.post(`/api/archive/${fetched._id}/lock`, {}), 201);
    const current = await room.get(`/api/archive/${fetched._id}`);
    await body(
      await room.chief.patch(`/api/archive/${fetched._id}`, { headline: "test 2" }, {
        etag: current._etag,
      }),
    );
    const edited = await room.get(`/api/archive/${fetched._id}`);
    assert.equal(edited.state, "in_progress");
    assert.equal(edited.headline, "test 2");
  },
);

ingestTest("an archive item is duplicated onto a desk's working stage", async (room) => {
  const { fetched } = await fetchedStory(room);
  const duplicate = await body(
    await room.chief.post(`/api/archive/${fetched._id}/duplicate`, {
      desk: room.desk._id,
      type: "archive",
    }),
    201,
  );
  assert.equal(duplicate.original_id, fetched._id);
  assert.equal(duplicate.state, "submitted");
  assert.equal(duplicate.operation, "duplicate");
  assert.equal(duplicate.task.desk, room.desk._id);
  assert.equal(duplicate.task.stage, room.desk.working_stage);
  assert.equal(duplicate.task.user, room.chief.userId);
  assert.notEqual(duplicate.event_id, fetched.event_id);
  const read = await room.get(`/api/archive/${duplicate._id}`);
  assert.equal(read.headline, fetched.headline);
  await body(await room.chief.post(`/api/archive/${fetched._id}/duplicate`, {}), 400);
  await body(
    await room.writer.post(`/api/archive/${fetched._id}/duplicate`, { desk: room.desk._id }),
    403,
  );
  await body(
    await room.chief.post("/api/archive/nope/duplicate", { desk: room.desk._id, type: "archive" }),
    404,
  );
});
