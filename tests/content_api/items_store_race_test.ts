/**
 * Two writers storing the same item at once (a resend beside the enqueue run) on both stores:
 * each is made to wait for the other after reading (or before inserting), so the race always
 * runs; the stored item ends with the subscribers of both and one version.
 */
import assert from "node:assert/strict";
import type { ItemsService } from "../../src/content_api/items_service.ts";
import { perEngineTest } from "../_engine_app.ts";

const copy = (version: number) => ({
  _id: `copy-a-${version}`,
  item_id: "a",
  guid: "a",
  type: "text",
  headline: `a v${version}`,
  _current_version: version,
  pubstatus: "usable",
});

/** Makes the first two calls of `method` on `target` wait for each other. */
function barrier(target: Record<string, unknown>, method: string): void {
  const original = target[method] as (...args: unknown[]) => Promise<unknown>;
  let waiting = 0;
  let release!: () => void;
  const both = new Promise<void>((resolve) => release = resolve);
  target[method] = async function (this: unknown, ...args: unknown[]) {
    if (waiting < 2) {
      waiting++;
      if (waiting === 2) release();
      await both;
    }
    return await original.apply(this, args);
  };
}

for (
  const [what, method, first] of [
    ["an item both insert", "create", false],
    ["an item both update", "findOne", true],
  ] as const
) {
  perEngineTest(`two writers racing on ${what} keep both subscribers`, async (app) => {
    const store = app.platform.registry.service<ItemsService>("items");
    if (first) await store.publishItems([{ copy: copy(2), subscribers: [] }]);
    barrier(store as unknown as Record<string, unknown>, method);
    await Promise.all([
      store.publishItems([{ copy: copy(3), subscribers: ["s1"] }]),
      store.publishItems([{ copy: copy(3), subscribers: ["s2"] }]),
    ]);
    const a = await store.getById("a");
    assert.deepEqual([...(a.subscribers as string[])].sort(), ["s1", "s2"]);
    const versions = app.platform.documents.collection("items_versions");
    assert.equal((await versions.find({ _id_document: "a" })).length, first ? 2 : 1);
  });
}
