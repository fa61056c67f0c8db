/**
 * The content API's store on both stores: a page of copies stored twice (an enqueue run that
 * crashed before recording them queued, routed again) keeps one item and one version each; a
 * correction reaching fewer subscribers keeps those the item had; an update of a story links
 * the chain (`original_id`, `ancestors`, `nextversion`).
 */
import assert from "node:assert/strict";
import type { ItemsService } from "../../src/content_api/items_service.ts";
import { perEngineTest } from "../_engine_app.ts";

const copy = (id: string, version: number, extra: Record<string, unknown> = {}) => ({
  _id: `copy-${id}-${version}`,
  item_id: id,
  guid: id,
  type: "text",
  headline: `${id} v${version}`,
  _current_version: version,
  versioncreated: new Date(Date.UTC(2026, 0, 1, 0, version)),
  pubstatus: "usable",
  ...extra,
});

perEngineTest("the content API store keeps each copy once and merges subscribers", async (app) => {
  const store = app.platform.registry.service<ItemsService>("items");
  const versions = app.platform.documents.collection("items_versions");
  const page = [
    { copy: copy("a", 2), subscribers: ["s1", "s2"] },
    { copy: copy("b", 2), subscribers: [] },
  ];
  await store.publishItems(page);
  await store.publishItems(page);
  assert.equal(await app.platform.documents.collection("items").count({}), 2);
  assert.equal((await versions.find({})).length, 2);
  await store.publishItems([{
    copy: copy("a", 3, { headline: "fixed" }),
    subscribers: ["s1"],
  }]);
  const a = await store.getById("a");
  assert.equal(a.headline, "fixed");
  assert.deepEqual([...(a.subscribers as string[])].sort(), ["s1", "s2"]);
  assert.equal((await versions.find({ _id_document: "a" })).length, 2);
  await store.publishItems([{
    copy: copy("c", 2, { rewrite_of: "a" }),
    subscribers: ["s1"],
  }]);
  const c = await store.getById("c");
  assert.equal(c.original_id, "a");
  assert.deepEqual(c.ancestors, ["a"]);
  assert.equal((await store.getById("a")).nextversion, "c");
  await store.publishItems([{
    copy: copy("a", 4, { pubstatus: "canceled" }),
    subscribers: [],
  }]);
  const live = await versions.find({ _id_document: "a", pubstatus: { $ne: "canceled" } });
  assert.deepEqual(live, []);
});
