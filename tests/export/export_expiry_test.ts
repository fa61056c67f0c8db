/**
 * Exports do not pile up, on both setups: a download zip of `POST /api/export` is deleted with
 * its record once EXPORT_EXPIRY_MINUTES pass (`src/export/export_files.ts`), and a rundown
 * export link once its 7 days pass (`src/rundowns/rundown_exports_task.ts`).
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { expireExportFiles } from "../../src/export/export_files.ts";
import type { RundownExportService } from "../../src/rundowns/rundown_export_service.ts";
import { loginAs } from "../_auth.ts";
import { perEngineTest } from "../_engine_app.ts";

const ENV = {
  INSTALLED_APPS: "src/rundowns/rundowns_app.ts",
  RUNDOWNS_TIMEZONE: "Europe/Prague",
  EXPORT_EXPIRY_MINUTES: "60",
};

perEngineTest("export zips and rundown export links are deleted once they expire", async (app) => {
  const services = app.platform.services;
  const admin = await loginAs(app, { username: "exporter", admin: true });
  const item = await (await admin.post("/api/archive", { type: "text" })).json();
  const exported = await admin.post("/api/export", {
    item_ids: [item._id],
    format_type: "NINJSFormatter",
  });
  assert.equal(exported.status, 201);
  const url = new URL((await exported.json()).url);
  const id = url.pathname.split("/").pop()!;
  const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);
  assert.equal(await expireExportFiles(services, inMinutes(59)), 0);
  assert.equal(await services.media.exists(id), true);
  assert.equal(await expireExportFiles(services, inMinutes(61)), 1);
  assert.equal(await services.media.exists(id), false);
  const gone = await admin.get(url.pathname + url.search);
  assert.equal(gone.status, 404);
  await gone.body?.cancel();
  assert.equal(await expireExportFiles(services, inMinutes(61)), 0, "its record went");

  const registry = app.platform.registry;
  const [show] = await registry.service("shows").create([{ title: "News" }]);
  const [rundown] = await registry.service("rundowns").create(
    [{
      show: show!._id,
      title: "Evening",
      airtime_time: "19:00",
      airtime_date: "2026-12-06",
    }],
    SYSTEM_ACTOR,
  );
  const links = registry.service<RundownExportService>("rundown_exports");
  const token = await links.link("prompter-pdf", rundown!._id, SYSTEM_ACTOR);
  assert.equal(await links.purgeExpired(inMinutes(6 * 24 * 60)), 0);
  assert.ok(await links.findOne({ _id: token }));
  assert.equal(await links.purgeExpired(inMinutes(7 * 24 * 60 + 1)), 1);
  assert.equal(await links.findOne({ _id: token }), null);
}, { env: ENV });
