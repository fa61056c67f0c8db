/**
 * Writes of one document reach the search index in version order (`_updated`, kept strictly
 * increasing by `nextUpdated`), on the embedded index and on Elasticsearch: an update made on a
 * host whose clock is behind the previous writer's still replaces the indexed copy, and a late
 * index request carrying an older copy leaves the newer one in place.
 */
import assert from "node:assert/strict";
import { SearchOutbox } from "../../src/indexing/search_outbox.ts";
import { syncSearch } from "../../src/indexing/search_sync.ts";
import { nextUpdated } from "../../src/resources/next_updated.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { engineUrl } from "../_engines.ts";
import { createIndexingApp } from "./_indexing_app.ts";
import { memos } from "./_memos_module.ts";

Deno.test("nextUpdated is now, or 1 ms after a previous write stamped later than now", () => {
  const now = new Date("2026-03-01T10:00:00.000Z");
  assert.deepEqual(nextUpdated(new Date("2026-03-01T09:59:59.000Z"), now), now);
  assert.deepEqual(nextUpdated(undefined, now), now);
  assert.deepEqual(
    nextUpdated(new Date("2026-03-01T10:00:05.000Z"), now),
    new Date("2026-03-01T10:00:05.001Z"),
  );
  assert.deepEqual(nextUpdated(now, now), new Date("2026-03-01T10:00:00.001Z"));
  assert.deepEqual(
    nextUpdated("2026-03-01T10:00:05.000Z", now),
    new Date("2026-03-01T10:00:05.001Z"),
  );
  assert.deepEqual(nextUpdated("not a date", now), now);
});

const elasticUrl = engineUrl("ELASTICSEARCH_URL");

for (const engine of ["embedded", "elasticsearch"] as const) {
  Deno.test({
    name: `[${engine}] the index keeps the newest write of a document whatever the arrival order`,
    ignore: engine === "elasticsearch" && !elasticUrl,
    fn: async () => {
      const app = await createIndexingApp(engine === "elasticsearch" ? { elasticUrl } : {});
      const { platform } = app;
      const service = platform.registry.service("memos");
      const indexed = async (id: string) =>
        (await platform.search.getVersions("memos", [id])).get(id);
      try {
        const [created] = await service.create([{ title: "first" }], SYSTEM_ACTOR);
        const id = String(created!._id);
        // The previous writer's clock was a minute ahead of ours.
        const ahead = new Date(Date.now() + 60_000);
        const skewed = await platform.documents.collection("memos").updateOne(
          { _id: id },
          { $set: { _updated: ahead } },
        );
        const updated = await service.update(id, { title: "second" }, { actor: SYSTEM_ACTOR });
        assert.equal((updated._updated as Date).getTime(), ahead.getTime() + 1);
        assert.equal(await indexed(id), updated._etag);

        // An index request for the earlier copy arrives late.
        await syncSearch(platform, memos, { index: [skewed as Doc] });
        assert.equal(await indexed(id), updated._etag);
        // Skipped as older, not failed: nothing is left for the workers to retry.
        assert.equal((await new SearchOutbox(platform.documents).stats()).pending, 0);
      } finally {
        await app.close();
      }
    },
  });
}
