/**
 * `GET /api/legal_archive/<id>?version=all|N` (Superdesk's `LegalArchiveVersionsService.get`):
 * the versions the legal import copied, oldest first, each shown under the item's id; the
 * import's own writes of `legal_archive` add no version copies of their own.
 */
import assert from "node:assert/strict";
import { importItem } from "../../src/legal/legal_import.ts";
import { silentLogger } from "../../src/log.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { legalTest } from "./_legal_app.ts";
import { body, refused, signIn } from "../newsroom/_newsroom.ts";

legalTest("GET /api/legal_archive/:id?version=all lists the imported versions", async (app) => {
  const registry = app.platform.registry;
  const archive = registry.service("archive");
  const [item] = await archive.create([{ headline: "Once", type: "text" }], SYSTEM_ACTOR);
  const id = String(item!._id);
  await importItem(registry, id, { log: silentLogger });
  await archive.update(id, { headline: "Twice" }, { actor: SYSTEM_ACTOR });
  await importItem(registry, id, { log: silentLogger });
  const lawyer = await signIn(app, "lawyer", { legal_archive: 1 });
  const all = await body(await lawyer.get(`/api/legal_archive/${id}?version=all`));
  assert.deepEqual(
    all._items.map((doc: Record<string, unknown>) => [doc._id, doc._current_version]),
    [[id, 1], [id, 2]],
  );
  assert.deepEqual(all._items.map((doc: { headline: string }) => doc.headline), [
    "Once",
    "Twice",
  ]);
  assert.equal(all._meta.total, 2);
  const first = await body(await lawyer.get(`/api/legal_archive/${id}?version=1`));
  assert.equal(first.headline, "Once");
  assert.equal(first._latest_version, 2);
  await refused(await lawyer.get(`/api/legal_archive/${id}?version=3`), 404);
  const stranger = await signIn(app, "stranger", {});
  await refused(await stranger.get(`/api/legal_archive/${id}?version=all`), 403);
});
