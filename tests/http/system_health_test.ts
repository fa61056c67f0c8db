/**
 * `GET /api/system/health` reports an engine that does not answer as red (overall red too),
 * still with a 200 as Superdesk's; the engines it reaches stay green.
 */
import assert from "node:assert/strict";
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
