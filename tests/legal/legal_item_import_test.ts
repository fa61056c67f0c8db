/**
 * Importing an item into the legal archive is idempotent, also when imports of it run at once
 * (publishing actions' tasks on several workers): each version is copied once.
 */
import assert from "node:assert/strict";
import { importItem } from "../../src/legal/legal_import.ts";
import { silentLogger } from "../../src/log.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { legalTest } from "./_legal_app.ts";

legalTest("concurrent legal imports of an item copy each version once", async (app) => {
  const registry = app.platform.registry;
  const archive = registry.service("archive");
  const [item] = await archive.create([{ headline: "Once", type: "text" }], SYSTEM_ACTOR);
  const id = String(item!._id);
  await archive.update(id, { headline: "Twice" }, { actor: SYSTEM_ACTOR });
  const documents = app.platform.documents;
  const versions = await documents.collection("archive_versions").count({
    _id_document: id,
  });
  assert.ok(versions >= 2);
  const imports = [1, 2, 3].map(() => importItem(registry, id, { log: silentLogger }));
  assert.deepEqual(await Promise.all(imports), [true, true, true]);
  await importItem(registry, id, { log: silentLogger });
  const legal = documents.collection("legal_archive_versions");
  assert.equal(await legal.count({ _id_document: id }), versions);
  assert.equal(await documents.collection("legal_archive").count({}), 1);
});
