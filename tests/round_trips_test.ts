/**
 * The round-trip counter (`_round_trips.ts`) sees every store, search-index and bus call, on both
 * setups: through a collection object taken before it began (a service's kept collection, the
 * login's rate-limit counters), in a `reserve` body, the index's writes and the bus's publishes
 * (on Redis too); and after `restore` nothing more.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../src/resources/actor.ts";
import { clientFor } from "./_client.ts";
import { countRoundTrips } from "./_round_trips.ts";
import { body, newsroomTest } from "./newsroom/_newsroom.ts";

newsroomTest("a collection taken before the counter began is counted", async (room) => {
  const { platform } = room.app;
  const kept = platform.documents.collection("desks");
  const counter = countRoundTrips(platform);
  try {
    await Promise.all([kept.find({}), kept.count({})]);
    assert.deepEqual(counter.counts.store, ["desks.find", "desks.count"]);
    assert.equal(counter.counts.waves, 1);
    counter.reset();
    // The login's rate-limit counters were taken when the auth app registered.
    const login = await clientFor(room.app).post("/api/auth_db", {
      username: "writer",
      password: "wrong",
    });
    assert.equal(login.status, 401, await login.text());
    const counters = counter.counts.store.filter((call) => call.startsWith("auth_rate_limits."));
    assert.ok(counters.length > 0, JSON.stringify(counter.counts.store));
  } finally {
    counter.restore();
  }
  counter.reset();
  await kept.find({});
  await platform.documents.collection("stages").find({});
  assert.deepEqual(counter.counts, { store: [], search: [], bus: [], waves: 0 });
});

newsroomTest("the calls in a reserve body are counted, one wave each", async (room) => {
  const { platform } = room.app;
  const counter = countRoundTrips(platform);
  try {
    const id = String(room.desk._id);
    await platform.documents.collection("desks").reserve(id, async (reserved) => {
      const desk = await reserved.findOne({ _id: id });
      await reserved.updateOne({ _id: id, _etag: desk!._etag }, { $set: { description: "d" } });
    });
    assert.deepEqual(counter.counts.store, ["desks.reserve", "desks.findOne", "desks.updateOne"]);
    assert.equal(counter.counts.waves, 2);
  } finally {
    counter.restore();
  }
});

newsroomTest("the index's writes and the bus's publishes are counted", async (room) => {
  const { platform } = room.app;
  const counter = countRoundTrips(platform);
  try {
    await platform.registry.service("ingest").create(
      [{ guid: "wire-1", type: "text", headline: "wire story" }],
      SYSTEM_ACTOR,
    );
    assert.ok(counter.counts.search.includes("index"), JSON.stringify(counter.counts));
    counter.reset();
    await body(await room.editor.post("/api/desks", { name: "Sport" }), 201);
    assert.ok(counter.counts.bus.includes("publish"), JSON.stringify(counter.counts));
  } finally {
    counter.restore();
  }
});
