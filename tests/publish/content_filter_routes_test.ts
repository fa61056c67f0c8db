/**
 * `POST /api/content_filters/test` (refusals; the archive's newest matches as the caller sees
 * them, no spiked item) and `GET /api/subscribers?filter_condition=` (filters using a condition
 * through other filters, products, global filters a subscriber turned off).
 */
import assert from "node:assert/strict";
import { body, createStory, deskStory, type Json, refused } from "../newsroom/_newsroom.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { publishingTest, type Room } from "./_publishing.ts";

/** A condition and a content filter over it, made by the editor. */
async function urgencyFilter(room: Room, value: string): Promise<{ fc: Json; filter: Json }> {
  const fc = await body(
    await room.editor.post("/api/filter_conditions", {
      name: `urgency ${value}`,
      field: "urgency",
      operator: "in",
      value,
    }),
    201,
  );
  const filter = await body(
    await room.editor.post("/api/content_filters", {
      name: `filter ${value}`,
      content_filter: [{ expression: { fc: [fc._id] } }],
    }),
    201,
  );
  return { fc, filter };
}

const test = (room: Room, doc: unknown) => room.editor.post("/api/content_filters/test", doc);

publishingTest("a content filter test refuses what it cannot test", async (room) => {
  const { filter } = await urgencyFilter(room, "1");
  await refused(await test(room, { filter_id: "5c1243a6f84e5e105f626df5" }), 400, /not found/);
  await refused(await test(room, { filter_id: filter._id, article_id: "nope" }), 400, /Article/);
  await refused(await test(room, { filter_id: filter._id, return_matching: "yes" }), 400);
  await refused(await test(room, { filter: { content_filter: [{}] }, article_id: "x" }), 400);
  const writer = await room.writer.post("/api/content_filters/test", { filter_id: filter._id });
  await refused(writer, 403);
});

publishingTest(
  "a content filter test of the archive answers what the caller sees, not spiked items",
  async (room) => {
    const { filter } = await urgencyFilter(room, "1");
    const hit = await deskStory(room, { urgency: 1, headline: "hit" });
    await deskStory(room, { urgency: 5, headline: "miss" });
    const spiked = await deskStory(room, { urgency: 1, headline: "spiked" });
    const spike = await room.editor.patch(`/api/archive/spike/${spiked._id}`, {}, {
      etag: spiked._etag,
    });
    assert.equal(spike.status, 200, await spike.clone().text());
    await createStory(room.writer, { urgency: 1, headline: "private" });
    // Neither the spiked story nor the writer's own draft (in their personal space).
    const matching = await body(await test(room, { filter_id: filter._id }), 201);
    assert.deepEqual(matching.match_results.map((item: Json) => item._id), [hit._id]);
    const others = await body(
      await test(room, { filter_id: filter._id, return_matching: false }),
      201,
    );
    const headlines = others.match_results.map((item: Json) => item.headline);
    assert.ok(headlines.includes("miss") && !headlines.includes("hit"));
  },
);

publishingTest(
  "subscribers by filter condition: through nested filters, products and global filters",
  async (room) => {
    const { fc, filter } = await urgencyFilter(room, "1");
    const outer = await body(
      await room.editor.post("/api/content_filters", {
        name: "outer",
        is_global: true,
        content_filter: [{ expression: { pf: [filter._id] } }],
      }),
      201,
    );
    const product = await room.product({
      content_filter: { filter_id: filter._id, filter_type: "permitting" },
    });
    const destination = {
      name: "ftp",
      format: "nitf",
      delivery_type: "ftp",
      config: { host: "127.0.0.1", password: "secret" },
    };
    await room.subscriber({
      name: "by product",
      products: [product._id],
      destinations: [destination],
    });
    await room.subscriber({ name: "by global", destinations: [destination] });
    await room.subscriber({
      name: "global off",
      destinations: [destination],
      global_filters: { [outer._id]: false },
    });
    const query = encodeURIComponent(
      JSON.stringify({ field: "urgency", operator: "in", value: "1" }),
    );
    const found = await body(await room.editor.get(`/api/subscribers?filter_condition=${query}`));
    const [usage] = found._items;
    assert.deepEqual(usage.filter_conditions.map((c: Json) => c._id), [fc._id]);
    assert.deepEqual(usage.content_filters.map((f: Json) => f.name).sort(), ["filter 1", "outer"]);
    assert.deepEqual(usage.products.map((p: Json) => p._id), [product._id]);
    const names = usage.selected_subscribers.map((s: Json) => s.name).sort();
    assert.deepEqual(names, ["by global", "by product"]);
    assert.ok(!JSON.stringify(usage).includes("secret"));
    await refused(await room.editor.get("/api/subscribers?filter_condition=nope"), 400);
  },
);

publishingTest(
  "a content filter test with references that are not lists of ids answers 400, not 500",
  async (room) => {
    const story = await deskStory(room, { urgency: 1 });
    for (const expression of [{ fc: "abc" }, { pf: 5 }, { fc: [{ $gt: "" }] }]) {
      const filter = { content_filter: [{ expression }] };
      await refused(await test(room, { filter, article_id: story._id }), 400, /list of ids/);
      await refused(await test(room, { filter }), 400, /list of ids/);
    }
  },
);

publishingTest(
  "a content filter test reads an ingest item only for a caller who may read ingest",
  async (room) => {
    const { filter } = await urgencyFilter(room, "1");
    await room.app.platform.documents.collection("ingest").insertMany([
      { _id: "ingest-1", guid: "ingest-1", type: "text", urgency: 1, state: "ingested" },
    ]);
    const probe = { filter_id: filter._id, article_id: "ingest-1" };
    await refused(await test(room, probe), 400, /Article not found/);
    const users = room.app.platform.registry.service("users");
    const user = await users.findOne({ _id: room.editor.userId });
    await users.update(room.editor.userId, {
      privileges: { ...(user!.privileges as Json), use_global_saved_searches: 1 },
    }, { actor: SYSTEM_ACTOR });
    const reader = await room.editor.signInAgain();
    const answer = await reader.post("/api/content_filters/test", probe);
    assert.equal((await body(answer, 201)).match_results, true);
  },
);
