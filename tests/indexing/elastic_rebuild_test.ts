/**
 * `index:rebuild` under write load on a real Elasticsearch: creates and updates made through the
 * API while the rebuild copies the store are all searchable afterwards with their latest etag,
 * and the alias points at the new concrete index.
 */
import assert from "node:assert/strict";
import { checkDrift, hasDrift } from "../../src/indexing/reconcile.ts";
import { rebuildIndex } from "../../src/indexing/rebuild_index.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { loginAs } from "../_auth.ts";
import { engineUrl } from "../_engines.ts";
import { createIndexingApp } from "./_indexing_app.ts";
import { memos } from "./_memos_module.ts";
import { searchedEtags } from "./_searched_etags.ts";

const url = engineUrl("ELASTICSEARCH_URL");

Deno.test({
  name: "writes made during index:rebuild are all searchable afterwards, alias swapped",
  ignore: !url,
  async fn() {
    const app = await createIndexingApp({
      elasticUrl: url,
      env: { ELASTICSEARCH_REFRESH: "true" },
    });
    const { platform } = app;
    try {
      const admin = await loginAs(app, { username: "admin1", admin: true });
      const seeded = await platform.registry.service("memos").create(
        Array.from({ length: 400 }, (_, i) => ({ title: `seed ${i}`, priority: i })),
        SYSTEM_ACTOR,
      );
      const before = await platform.search.currentIndex("memos");
      const etags = new Map(seeded.map((doc) => [String(doc._id), String(doc._etag)]));

      let rebuilding = true;
      let writesDuring = 0;
      const writer = (async () => {
        for (let i = 0; rebuilding; i++) {
          const created = await admin.post("/api/memos", { title: `during ${i}`, priority: -i });
          assert.equal(created.status, 201);
          const body = await created.json();
          etags.set(body._id, body._etag);
          const target = String(seeded[(i * 37) % seeded.length]!._id);
          const updated = await admin.patch(`/api/memos/${target}`, { title: `updated ${i}` }, {
            etag: etags.get(target),
          });
          assert.equal(updated.status, 200);
          etags.set(target, (await updated.json())._etag);
          writesDuring += 2;
        }
      })();
      const result = await rebuildIndex(platform, memos, { batchSize: 10 }).finally(() => {
        rebuilding = false;
      });
      await writer;

      assert.ok(writesDuring >= 2, `only ${writesDuring} writes overlapped the rebuild`);
      assert.ok(result.documents >= 400);
      const after = await platform.search.currentIndex("memos");
      assert.notEqual(after, before);
      assert.equal(after, result.index);
      assert.equal(hasDrift(await checkDrift(platform, memos)), false);
      assert.deepEqual(await searchedEtags(admin, 5000), etags);
    } finally {
      await app.close();
    }
  },
});
