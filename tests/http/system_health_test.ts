/**
 * `GET /api/system/health` reports an engine that does not answer as red (overall red too),
 * still with a 200 as Superdesk's; the engines it reaches stay green. Being public, it cannot
 * multiply the engines' pings: it and `/ready` share one round of them.
 */
import assert from "node:assert/strict";
import { createTestApp } from "../_app.ts";
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

Deno.test("GET /ready and GET /api/system/health share one round of the engines' pings", async () => {
  const app = await createTestApp();
  // The shared round's age is read from this clock: stopped, a request that reaches the pings
  // after the round (a loaded machine) is answered by it however late, never by a second round.
  const now = performance.now;
  const stopped = now.call(performance);
  performance.now = () => stopped;
  try {
    const documents = app.platform.documents;
    const ping = documents.ping.bind(documents);
    let pings = 0;
    documents.ping = async () => {
      pings++;
      return await ping();
    };
    const requests = Array.from(
      { length: 50 },
      (_, i) => app.app.request(i % 2 ? "/ready" : "/api/system/health"),
    );
    for (const response of await Promise.all(requests)) {
      assert.equal(response.status, 200);
      assert.match((await response.json()).status, /^(ready|green)$/);
    }
    assert.equal(pings, 1);
  } finally {
    performance.now = now;
    await app.close();
  }
});
