/**
 * A search thread's connection, opened before another connection rebuilds or drops the index,
 * sees the new alias and its new tables at its next search, and the drop (`search_thread.ts`
 * reads the catalog in each job's transaction).
 */
import assert from "node:assert/strict";
import { itemMapping } from "./_search_fixtures.ts";
import {
  CHEAP,
  indexFile,
  openIndex,
  RESOURCE,
  syntheticItems,
} from "./_search_thread_fixtures.ts";

Deno.test("a search thread sees another connection's rebuild and drop made after it opened", async () => {
  const path = await indexFile(syntheticItems(3));
  const threaded = openIndex(path, { searchThreads: 1 });
  const other = openIndex(path, { searchThreads: 0 });
  try {
    assert.equal((await threaded.search([RESOURCE], CHEAP)).total, 1);
    const rebuild = await other.beginRebuild(RESOURCE, itemMapping);
    await rebuild.write(syntheticItems(5).slice(3));
    await rebuild.finish();
    const ids = { query: { ids: { values: ["item-1", "item-4"] } } };
    assert.deepEqual((await threaded.search([RESOURCE], ids)).hits.map((h) => h._id), ["item-4"]);
    assert.equal(await threaded.count(RESOURCE), 2);
    await other.drop(RESOURCE);
    assert.equal(await threaded.count(RESOURCE), 0);
    assert.equal((await threaded.search([RESOURCE], ids)).total, 0);
  } finally {
    await other.close();
    await threaded.close();
  }
});
