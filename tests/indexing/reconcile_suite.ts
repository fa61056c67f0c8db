/**
 * The reconciler on either search index: it reports a stale, a missing and an orphan document,
 * repairs them with `fix`, and then reports no drift. A copy that a newer write overtook is
 * reported for retry, and the outbox drain then indexes the current document.
 */
import assert from "node:assert/strict";
import { drainOutbox } from "../../src/indexing/outbox_drain.ts";
import { checkDrift } from "../../src/indexing/reconcile.ts";
import { SearchOutbox } from "../../src/indexing/search_outbox.ts";
import { CHANGED_MEANWHILE, copyFromStore } from "../../src/indexing/store_copy.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { TestApp } from "../_app.ts";
import { memos } from "./_memos_module.ts";

/** Registers the reconciler tests for apps made by `makeApp` (undefined skips). */
export function reconcileSuite(
  engine: string,
  makeApp: () => Promise<TestApp>,
  { ignore = false }: { ignore?: boolean } = {},
) {
  const name = `the reconciler on ${engine} fixes a stale doc, a missing one and an orphan`;
  Deno.test({ name, ignore }, async () => {
    const app = await makeApp();
    const { platform } = app;
    try {
      const [a] = await platform.registry.service("memos").create(
        [{ title: "alpha" }, { title: "gamma" }],
        SYSTEM_ACTOR,
      );
      await platform.search.index("memos", [{ ...a!, _id: String(a!._id), _etag: "old-etag" }]);
      // A write whose index copy was lost: in the store only.
      const now = new Date();
      await platform.documents.collection("memos").insertMany([
        { _id: "lost1", title: "beta", _etag: "lost-etag", _created: now, _updated: now },
      ]);
      await platform.search.index("memos", [{ _id: "orphan1", title: "ghost", _etag: "x" }]);

      const found = await checkDrift(platform, memos);
      assert.deepEqual(
        [found.stored, found.missing, found.stale, found.orphan, found.repaired],
        [3, 1, 1, 1, 0],
      );
      const fixed = await checkDrift(platform, memos, { fix: true });
      assert.equal(fixed.repaired, 3);
      const after = await checkDrift(platform, memos);
      assert.deepEqual([after.missing, after.stale, after.orphan], [0, 0, 0]);
      const versions = await platform.search.getVersions("memos", [String(a!._id), "orphan1"]);
      assert.deepEqual([...versions], [[String(a!._id), a!._etag]]);
    } finally {
      await app.close();
    }
  });

  Deno.test(`on ${engine}, a copy older than the store is queued for retry, then healed`, async () => {
    const pending = makeApp();
    if (!pending) return;
    const app = await pending;
    const { platform } = app;
    try {
      const service = platform.registry.service("memos");
      const [old] = await service.create([{ title: "first" }], SYSTEM_ACTOR);
      const id = String(old!._id);
      const newer = await service.update(id, { title: "second" });
      const failures = await copyFromStore(platform, memos, { docs: [old!], removed: [] });
      assert.deepEqual([...failures], [[id, { _id: id, reason: CHANGED_MEANWHILE }]]);
      await new SearchOutbox(platform.documents).record("memos", [{ _id: id, reason: "test" }]);
      assert.deepEqual(await drainOutbox(platform), {
        indexed: 1,
        removed: 0,
        failed: 0,
        refused: 0,
      });
      assert.deepEqual([...await platform.search.getVersions("memos", [id])], [[id, newer._etag]]);
    } finally {
      await app.close();
    }
  });
}
