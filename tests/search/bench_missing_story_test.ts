/**
 * The search benches' "missing item" (`MISSING_STORY_PATH`), their cheapest authenticated answer
 * that reaches the store, is what they say it is: a 404 after one store read, nothing else
 * (counted by `_round_trips.ts`, with a warm session).
 */
import assert from "node:assert/strict";
import { MISSING_STORY_PATH, searchBenchModule } from "../../bench/search/_search_bench_module.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { countRoundTrips } from "../_round_trips.ts";

Deno.test("the benches' missing story is a 404 after one store read", async () => {
  const app = await createTestApp({
    apps: [searchBenchModule],
    env: { AUTH_CACHE_SECONDS: "300" },
  });
  try {
    const admin = await loginAs(app, { username: "bench", admin: true });
    await (await admin.get(MISSING_STORY_PATH)).arrayBuffer();
    const counter = countRoundTrips(app.platform);
    try {
      const response = await admin.get(MISSING_STORY_PATH);
      const answer = await response.json();
      assert.equal(response.status, 404);
      assert.match(answer._message, /^bench_stories item "0{24}" not found$/);
      assert.deepEqual(counter.counts, {
        store: ["bench_stories.findOne"],
        search: [],
        bus: [],
        waves: 1,
      });
    } finally {
      counter.restore();
    }
  } finally {
    await app.close();
  }
});
