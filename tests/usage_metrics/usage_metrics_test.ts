/**
 * `POST /api/usage-metrics` beyond Superdesk's spec: concurrent records all count, the item's
 * etag and `_updated` stay (a preview is no edit), ingest items count too, bad records are clear 400s with
 * nothing stored or counted, records are the session's user's, and an item's kinds of action are
 * bounded.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { MAX_ACTIONS } from "../../src/usage_metrics/usage_metrics_service.ts";
import { loginAs } from "../_auth.ts";
import { perEngineTest } from "../_engine_app.ts";

perEngineTest(
  "usage metrics: concurrent records count exactly, etag kept, bad ones refused",
  async (app) => {
    const { registry } = app.platform;
    await registry.service("archive").create([{ _id: "story", headline: "h" }], SYSTEM_ACTOR, {
      trusted: true,
    });
    await registry.service("ingest").create([{ guid: "wire-1", headline: "w" }]);
    // Any user with a session may record (Superdesk's `no_privileges`); the admin reads.
    const user = await loginAs(app, { username: "reader", privileges: {} });
    const admin = await loginAs(app, { username: "boss", admin: true });
    const record = (item: string, action = "preview", extra = {}) =>
      user.post("/api/usage-metrics", { action, user: user.userId, item, ...extra });
    const before = await (await admin.get("/api/archive/story")).json();

    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => record("story", i % 3 === 0 ? "open" : "preview")),
    );
    assert.deepEqual(answers.map((answer) => answer.status), Array(12).fill(201));
    const after = await (await admin.get("/api/archive/story")).json();
    assert.deepEqual(after.metrics, { open: 4, preview: 8 });
    assert.equal(after._etag, before._etag);
    // Nor does a record move the item in lists sorted by `_updated` (Superdesk's too).
    assert.equal(after._updated, before._updated);

    assert.equal((await record("wire-1")).status, 201);
    const wire = await registry.service("ingest").findOne({ _id: "wire-1" }, SYSTEM_ACTOR);
    assert.deepEqual(wire?.metrics, { preview: 1 });
    assert.equal((await record("no-such-item")).status, 201);

    for (
      const [bad, field] of [
        [record("story", "metrics.open"), "action"],
        [record("story", "$inc"), "action"],
        [record("story", "preview", { user: "not an id" }), "user"],
        [record("story", "preview", { extra: 1 }), "extra"],
      ] as const
    ) {
      const answer = await bad;
      assert.equal(answer.status, 400);
      assert.match(answer.headers.get("content-type")!, /application\/json/);
      assert.ok(field in (await answer.json())._issues, field);
    }
    const unchanged = await (await admin.get("/api/archive/story")).json();
    assert.deepEqual(unchanged.metrics, { open: 4, preview: 8 });

    // A record is the signed-in user's, whoever the body names; a bulk counts each record.
    const bulk = await user.post(
      "/api/usage-metrics",
      Array.from({ length: 30 }, () => ({ action: "open", user: admin.userId, item: "story" })),
    );
    assert.equal(bulk.status, 201, await bulk.clone().text());
    const records = await registry.service("usage_metrics").find({
      filter: { action: "open" },
      page: 1,
      maxResults: 100,
    });
    assert.equal(records.items.length, 34);
    assert.deepEqual(new Set(records.items.map((doc) => doc.user)), new Set([user.userId]));
    const bulked = await (await admin.get("/api/archive/story")).json();
    assert.deepEqual(bulked.metrics, { open: 34, preview: 8 });

    // An item counts at most MAX_ACTIONS kinds of action: the next kind is refused, unstored.
    for (let kind = 2; kind < MAX_ACTIONS; kind++) {
      assert.equal((await record("story", `kind${kind}`)).status, 201);
    }
    const over = await record("story", "one_more");
    assert.equal(over.status, 400);
    assert.ok("action" in (await over.json())._issues);
    const refused = await registry.service("usage_metrics").find({
      filter: { action: "one_more" },
      page: 1,
      maxResults: 1,
    });
    assert.equal(refused.total, 0);
    assert.equal((await record("story", "preview")).status, 201);
    const full = await (await admin.get("/api/archive/story")).json();
    assert.equal(Object.keys(full.metrics).length, MAX_ACTIONS);
    assert.equal(full.metrics.preview, 9);

    assert.equal((await user.get("/api/usage-metrics")).status, 405);
    const anonymous = await app.app.request("/api/usage-metrics", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ action: "open", user: user.userId, item: "story" }),
    });
    assert.equal(anonymous.status, 401);
    const patched = await admin.patch("/api/archive/story", { metrics: { open: 100 } }, {
      etag: String(unchanged._etag),
    });
    assert.equal(patched.status, 400);
  },
);
