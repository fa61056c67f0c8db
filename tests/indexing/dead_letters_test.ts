/**
 * Documents the search engine refuses for good, on Elasticsearch and on the embedded index: a
 * stored value the mapping rejects goes from the outbox to the dead letters (not retried for
 * ever), `index:check` lists it with the engine's reason and exits 1, `/metrics` and `/ready`
 * count it, the reconciler does not send it again, `index:rebuild` reports it and finishes, and
 * once the stored document is corrected it is indexed and the dead letter dropped.
 */
import assert from "node:assert/strict";
import { indexCheckCommand, indexRebuildCommand } from "../../src/indexing/index_commands.ts";
import { SearchDeadLetters } from "../../src/indexing/dead_letters.ts";
import { registerIndexingMetrics } from "../../src/indexing/indexing_backlog.ts";
import { drainOutbox } from "../../src/indexing/outbox_drain.ts";
import { rebuildIndex } from "../../src/indexing/rebuild_index.ts";
import { checkDrift, hasDrift } from "../../src/indexing/reconcile.ts";
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { SearchOutbox } from "../../src/indexing/search_outbox.ts";
import { silentLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import type { TestApp } from "../_app.ts";
import { engineUrl } from "../_engines.ts";
import { createIndexingApp } from "./_indexing_app.ts";
import { memos } from "./_memos_module.ts";

const elasticUrl = engineUrl("ELASTICSEARCH_URL");

for (const engine of ["embedded", "elasticsearch"] as const) {
  Deno.test({
    name: `[${engine}] a document the engine refuses for good becomes a dead letter, then heals`,
    ignore: engine === "elasticsearch" && !elasticUrl,
    async fn() {
      const app = await createIndexingApp({
        elasticUrl: engine === "elasticsearch" ? elasticUrl : undefined,
        env: { ELASTICSEARCH_REFRESH: "true" },
      });
      try {
        await refusedThenHealed(app);
      } finally {
        await app.close();
      }
    },
  });
}

async function refusedThenHealed(app: TestApp) {
  const { platform } = app;
  const collection = platform.documents.collection("memos");
  await platform.search.ensureIndex("memos", resourceMapping(memos));
  await collection.insertMany([
    { _id: "good1", title: "fine", _etag: "g1" },
    { _id: "bad1", title: "refused", priority: "not a number", _etag: "e1" },
  ]);
  const outbox = new SearchOutbox(platform.documents);
  await outbox.record("memos", [{ _id: "good1", reason: "test" }, { _id: "bad1", reason: "test" }]);

  const drained = await drainOutbox(platform);
  assert.deepEqual(drained, { indexed: 1, removed: 0, failed: 0, refused: 1 });
  assert.deepEqual(await outbox.all(), [], "a refused document is not retried");
  const [letter, ...more] = await new SearchDeadLetters(platform.documents).list();
  assert.equal(more.length, 0);
  assert.equal(letter!.doc_id, "bad1");
  assert.equal(letter!.etag, "e1");
  assert.match(letter!.reason, /priority|number/i);

  const report = await checkDrift(platform, memos, { fix: true });
  assert.equal(report.missing, 1);
  assert.equal(report.repaired, 0, "the reconciler does not send a refused document again");
  assert.deepEqual(report.refused.map((l) => l.doc_id), ["bad1"]);
  const lines: string[] = [];
  const context = {
    config: platform.config,
    log: silentLogger,
    services: () => Promise.resolve(platform.services),
  };
  const printed = await captured(
    lines,
    () => indexCheckCommand.run({ flags: {}, positional: ["memos"] }, context),
  );
  assert.equal(printed, 1);
  assert.ok(lines.some((l) => /refused 1/.test(l)), lines.join("\n"));
  assert.ok(lines.some((l) => l.includes("refused bad1 (etag e1)")), lines.join("\n"));

  const metrics = new MetricsRegistry();
  registerIndexingMetrics(metrics, platform.documents);
  assert.match(await metrics.render(), /superdesk_search_dead_letters 1/);

  const rebuilt = await rebuildIndex(platform, memos, { batchSize: 1 });
  assert.equal(rebuilt.documents, 2);
  assert.equal(rebuilt.refused, 1);
  assert.equal(await platform.search.count("memos"), 1);
  assert.equal(await indexRebuildCommand.run({ flags: {}, positional: ["memos"] }, context), 0);

  await collection.updateOne({ _id: "bad1" }, { $set: { priority: 7, _etag: "e2" } });
  const healed = await checkDrift(platform, memos, { fix: true });
  assert.equal(healed.repaired, 1);
  assert.deepEqual(healed.refused, []);
  assert.deepEqual(await new SearchDeadLetters(platform.documents).list(), []);
  assert.equal(hasDrift(await checkDrift(platform, memos)), false);
}

/** Runs `work` with what `printLine` writes to stdout collected into `lines`. */
async function captured<T>(lines: string[], work: () => Promise<T>): Promise<T> {
  const stdout = Deno.stdout as { writeSync(bytes: Uint8Array): number };
  const original = stdout.writeSync;
  stdout.writeSync = (bytes: Uint8Array) => {
    lines.push(...new TextDecoder().decode(bytes).split("\n").filter(Boolean));
    return bytes.length;
  };
  try {
    return await work();
  } finally {
    stdout.writeSync = original;
  }
}
