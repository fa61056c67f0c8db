/**
 * `GET /api/system/health` reports an engine that does not answer as red (overall red too),
 * still with a 200 as Superdesk's; the engines it reaches stay green. Being public, it cannot
 * multiply the engines' pings.
 */
import assert from "node:assert/strict";
import type { EngineStatus } from "../../src/engines/engine_status.ts";
import { systemHealthRoutes } from "../../src/http/system_health.ts";
import { engineMissing, engineTestApp } from "../_engine_app.ts";

/** A loopback port nothing listens on. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

Deno.test({
  name: "[engines] GET /api/system/health with Redis down answers 200 with celery and redis red",
  ignore: engineMissing("engines"),
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const app = await engineTestApp("engines", {
      env: { REDIS_URL: `redis://127.0.0.1:${closedPort()}` },
    });
    try {
      const response = await app.app.request("/api/system/health");
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type")!, /application\/json/);
      assert.deepEqual(await response.json(), {
        application_name: "Superdesk",
        mongo: "green",
        elastic: "green",
        celery: "red",
        redis: "red",
        status: "red",
      });
    } finally {
      await app.close();
    }
  },
});

Deno.test("GET /api/system/health: concurrent requests share one round of pings", async () => {
  let rounds = 0;
  const answered = Promise.withResolvers<EngineStatus[]>();
  const routes = systemHealthRoutes({
    applicationName: "Superdesk",
    readiness: () => (rounds++, answered.promise),
  });
  const requests = Array.from({ length: 50 }, () => routes.request("/system/health"));
  answered.resolve(["documents", "search", "queue", "bus"].map((seam) => ({
    seam,
    engine: "sqlite",
    ok: true,
  })));
  for (const response of await Promise.all(requests)) {
    assert.equal(response.status, 200);
    assert.equal((await response.json()).status, "green");
  }
  assert.equal(rounds, 1);
});
