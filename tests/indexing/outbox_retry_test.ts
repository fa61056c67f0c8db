/**
 * Outbox retries on a real Elasticsearch: a document the engine refuses (a value its mapping
 * rejects) stays in the outbox with `attempts` incremented and its next attempt pushed back;
 * once the stored document is corrected and the entry is due, the drain indexes it and settles
 * the entry. Plus the backoff bounds.
 */
import assert from "node:assert/strict";
import { drainOutbox } from "../../src/indexing/outbox_drain.ts";
import {
  OUTBOX_BACKOFF,
  OUTBOX_COLLECTION,
  retryDelay,
  SearchOutbox,
} from "../../src/indexing/search_outbox.ts";
import { engineUrl } from "../_engines.ts";
import { createIndexingApp } from "./_indexing_app.ts";

const url = engineUrl("ELASTICSEARCH_URL");

Deno.test({
  name: "a document Elasticsearch refuses stays in the outbox with attempts counted, then heals",
  ignore: !url,
  async fn() {
    const app = await createIndexingApp({
      elasticUrl: url,
      env: { ELASTICSEARCH_REFRESH: "true" },
    });
    const { platform } = app;
    try {
      const memos = platform.documents.collection("memos");
      await memos.insertMany([{
        _id: "bad1",
        title: "refused",
        priority: "not a number",
        _etag: "e1",
      }]);
      const outbox = new SearchOutbox(platform.documents);
      await outbox.record("memos", [{ _id: "bad1", reason: "test" }]);

      const first = await drainOutbox(platform);
      assert.deepEqual(first, { indexed: 0, removed: 0, failed: 1 });
      const [entry] = await outbox.all();
      assert.equal(entry!.attempts, 1);
      assert.match(entry!.last_error, /priority|number/i);
      assert.ok(entry!.next_attempt_at.getTime() > Date.now());

      const notDue = await drainOutbox(platform);
      assert.deepEqual(notDue, { indexed: 0, removed: 0, failed: 0 });
      assert.equal((await outbox.all())[0]!.attempts, 1);

      await memos.updateOne({ _id: "bad1" }, { $set: { priority: 7 } });
      await platform.documents.collection(OUTBOX_COLLECTION).updateOne({ _id: "memos:bad1" }, {
        $set: { next_attempt_at: new Date(0) },
      });
      assert.deepEqual(await drainOutbox(platform), { indexed: 1, removed: 0, failed: 0 });
      assert.equal((await outbox.stats()).pending, 0);
      assert.deepEqual([...await platform.search.getVersions("memos", ["bad1"])], [["bad1", "e1"]]);
    } finally {
      await app.close();
    }
  },
});

Deno.test("outbox retry delays grow exponentially, with jitter, up to the cap", () => {
  assert.equal(retryDelay(1, () => 0), OUTBOX_BACKOFF.baseMs / 2);
  assert.equal(retryDelay(1, () => 1), OUTBOX_BACKOFF.baseMs);
  assert.equal(retryDelay(4, () => 0), OUTBOX_BACKOFF.baseMs * 4);
  assert.equal(retryDelay(40, () => 1), OUTBOX_BACKOFF.maxMs);
});
