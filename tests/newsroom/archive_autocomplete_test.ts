/** `/api/archive_autocomplete`: switched on by configuration, recent published items only. */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { loginAs } from "../_auth.ts";
import { perEngineTest } from "../_engine_app.ts";

perEngineTest("archive autocomplete: the window, the fields, the client's flag", async (app) => {
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  await app.platform.registry.service("archive").create(
    [
      { slugline: "FRESH", state: "published", versioncreated: hoursAgo(0.5) },
      { slugline: "STALE", state: "published", versioncreated: hoursAgo(2) },
    ],
    SYSTEM_ACTOR,
    { trusted: true },
  );
  const user = await loginAs(app, { username: "writer", privileges: {} });
  const found = await user.get("/api/archive_autocomplete?field=slugline");
  assert.equal(found.status, 200);
  assert.deepEqual((await found.json())._items, [{ value: "FRESH", count: 1 }]);
  const other = await user.get("/api/archive_autocomplete?field=headline");
  assert.equal(other.status, 400);
  assert.match((await other.json())._message, /headline is not allowed/);
  const config = await (await user.get("/api/client_config")).json();
  assert.equal(config.config.archive_autocomplete, true);
}, { env: { ARCHIVE_AUTOCOMPLETE: "true", ARCHIVE_AUTOCOMPLETE_HOURS: "1" } });
