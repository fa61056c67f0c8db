/**
 * Aggregations on a search-backed list without `source`: `aggregations=1` asks for them, and
 * `ELASTICSEARCH_AUTO_AGGREGATIONS` adds them to every list unless `aggregations=0`.
 */
import assert from "node:assert/strict";
import { body, deskStory, newsroomTest } from "./_newsroom.ts";

const DESK_COUNT = (listed: { _aggregations: { desk: { buckets: { doc_count: number }[] } } }) =>
  listed._aggregations.desk.buckets.reduce((sum, bucket) => sum + bucket.doc_count, 0);

newsroomTest(
  "GET /api/archive?aggregations=1 answers the list with its aggregations",
  async (room) => {
    await deskStory(room, { headline: "one" });
    await deskStory(room, { headline: "two" });
    const plain = await body(await room.editor.get("/api/archive"));
    assert.equal(plain._aggregations, undefined);
    const where = encodeURIComponent(JSON.stringify({ headline: "one" }));
    const listed = await body(await room.editor.get(`/api/archive?aggregations=1&where=${where}`));
    assert.deepEqual(listed._items.map((item: { headline: string }) => item.headline), ["one"]);
    assert.equal(DESK_COUNT(listed), 1);
  },
);

newsroomTest(
  "With ELASTICSEARCH_AUTO_AGGREGATIONS every archive list aggregates unless aggregations=0",
  async (room) => {
    await deskStory(room, { headline: "one" });
    const listed = await body(await room.editor.get("/api/archive"));
    assert.equal(DESK_COUNT(listed), 1);
    const without = await body(await room.editor.get("/api/archive?aggregations=0"));
    assert.equal(without._aggregations, undefined);
    assert.equal(without._items.length, 1);
  },
  { env: { ELASTICSEARCH_AUTO_AGGREGATIONS: "true" } },
);

newsroomTest(
  "aggregations=1: a list not backed by search stays plain; a bad where is a 400; paging as the list reads it",
  async (room) => {
    const desks = await body(await room.editor.get("/api/desks?aggregations=1"));
    assert.equal(desks._aggregations, undefined);
    assert.equal(desks._items.length, 1);
    const bad = encodeURIComponent(JSON.stringify({ $where: "1" }));
    const plain = await room.editor.get(`/api/archive?where=${bad}`);
    const aggregated = await room.editor.get(`/api/archive?aggregations=1&where=${bad}`);
    await plain.body?.cancel();
    await aggregated.body?.cancel();
    assert.deepEqual([plain.status, aggregated.status], [400, 400]);
    // Paging as the plain list reads it (Eve's: garbage is the default).
    for (const query of ["max_results=x", "page=0"]) {
      const listed = await body(await room.editor.get(`/api/archive?aggregations=1&${query}`));
      assert.equal(typeof listed._aggregations, "object", query);
      assert.equal(listed._meta.page, 1, query);
    }
    const huge = await body(
      await room.editor.get("/api/archive?aggregations=1&max_results=100000"),
    );
    assert.equal(typeof huge._aggregations, "object");
  },
);
