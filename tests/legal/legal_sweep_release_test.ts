/**
 * The legal archive sweep (`importExpired`) lets an item content expiry held back for it expire
 * again also when another write of the item (a highlight, a package link) lands between the
 * sweep's read of the held items and its release of them: the release is made on the item as it
 * is then, keeping that write. One that keeps changing stays held for the next sweep, and the
 * others are still released.
 */
import assert from "node:assert/strict";
import { importExpired } from "../../src/legal/legal_sweep.ts";
import { silentLogger } from "../../src/log.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { legalTest } from "./_legal_app.ts";

legalTest("a held item is released although it changed after the sweep read it", async (app) => {
  const registry = app.platform.registry;
  const archive = registry.service<ArchiveService>("archive");
  const [item] = await archive.create([{ headline: "Held", type: "text" }], SYSTEM_ACTOR);
  const id = String(item!._id);
  const items = app.platform.documents.collection("archive");
  const expiry = new Date(Date.now() - 60_000);
  await items.updateOne({ _id: id }, { $set: { expiry, expiry_status: "invalid" } });
  // Right after the sweep reads the held items, another write of this one lands.
  const heldForLegal = archive.heldForLegal.bind(archive);
  archive.heldForLegal = async (now) => {
    const held = await heldForLegal(now);
    const current = await archive.findOne({ _id: id });
    assert.ok(await archive.writeUnversioned(current!, { highlights: ["h1"] }, { keepEtag: true }));
    return held;
  };
  assert.deepEqual(await importExpired(registry, { log: silentLogger }), [id]);
  const now = await items.findOne({ _id: id });
  assert.deepEqual([now!.expiry_status, now!.highlights], ["", ["h1"]]);
});

legalTest("an item that keeps changing stays held, and the others are released", async (app) => {
  const registry = app.platform.registry;
  const archive = registry.service<ArchiveService>("archive");
  const created = await archive.create([
    { headline: "Busy", type: "text" },
    { headline: "Quiet", type: "text" },
  ], SYSTEM_ACTOR);
  const [busy = "", quiet = ""] = created.map((item) => String(item._id));
  const items = app.platform.documents.collection("archive");
  const expiry = new Date(Date.now() - 60_000);
  for (const id of [busy, quiet]) {
    await items.updateOne({ _id: id }, { $set: { expiry, expiry_status: "invalid" } });
  }
  // Another write of the busy item lands before each of the sweep's releases of it.
  const write = archive.writeUnversioned.bind(archive);
  archive.writeUnversioned = async (current, set, options) => {
    if (current._id === busy && set.expiry_status === "") {
      const now = await archive.findOne({ _id: busy });
      assert.ok(await write(now!, { highlights: [String(Math.random())] }, { keepEtag: true }));
    }
    return await write(current, set, options);
  };
  assert.deepEqual(
    (await importExpired(registry, { log: silentLogger })).sort(),
    [busy, quiet].sort(),
  );
  const status = async (id: string) => (await items.findOne({ _id: id }))!.expiry_status;
  assert.deepEqual([await status(busy), await status(quiet)], ["invalid", ""]);
});
