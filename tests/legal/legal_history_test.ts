/**
 * Importing an item into the legal archive copies its `archive_history` entries into
 * `legal_archive_history` once, also when imports of it run at once, with users by name.
 */
import assert from "node:assert/strict";
import { importItem } from "../../src/legal/legal_import.ts";
import { silentLogger } from "../../src/log.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { legalTest } from "./_legal_app.ts";

legalTest("concurrent legal imports copy each history entry once", async (app) => {
  const registry = app.platform.registry;
  const [user] = await registry.service("users").create(
    [{ username: "ann", display_name: "Ann Lee", email: "ann@example.com" }],
    SYSTEM_ACTOR,
  );
  const archive = registry.service("archive");
  const [item] = await archive.create([{ headline: "Once", type: "text" }], SYSTEM_ACTOR);
  const id = String(item!._id);
  await archive.update(id, { headline: "Twice" }, {
    etag: String(item!._etag),
    actor: { kind: "user", userId: String(user!._id), privileges: new Set(), isAdmin: true },
  });
  const documents = app.platform.documents;
  const history = await documents.collection("archive_history").find({ item_id: id });
  assert.ok(history.length >= 2);
  const imports = [1, 2, 3].map(() => importItem(registry, id, { log: silentLogger }));
  assert.deepEqual(await Promise.all(imports), [true, true, true]);
  await importItem(registry, id, { log: silentLogger });
  const legal = await documents.collection("legal_archive_history").find({ item_id: id });
  assert.deepEqual(
    legal.map((entry) => String(entry._id)).sort(),
    history.map((entry) => String(entry._id)).sort(),
  );
  const update = legal.find((entry) => entry.operation === "update");
  assert.equal(update?.user_id, "Ann Lee");
});
