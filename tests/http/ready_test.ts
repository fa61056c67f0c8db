/**
 * `GET /ready` is public: concurrent probes share one round of its details (and of the platform's
 * engine pings, which `/api/system/health` shares: system_health_test.ts), so requests cannot
 * multiply the engines' load; an engine that does not answer is a 503 naming it. With S3 media storage configured, S3 is one of `/ready`'s engines (seam `media`), but not
 * of `/api/system/health`, whose components are Superdesk's (mongo, elastic, celery, redis).
 */
import assert from "node:assert/strict";
import type { EngineStatus } from "../../src/engines/engine_status.ts";
import { sharedReadiness } from "../../src/engines/shared_readiness.ts";
import { opsRoutes } from "../../src/http/ops_routes.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { createTestApp } from "../_app.ts";
import { s3Url, TEST_BUCKET, testBucket } from "../media/_s3.ts";

const status = (seam: string, ok = true): EngineStatus => ({ seam, engine: "sqlite", ok });

Deno.test("GET /ready: concurrent probes share one round of details (and the platform's pings)", async () => {
  let rounds = 0;
  let detailRounds = 0;
  const answered = Promise.withResolvers<EngineStatus[]>();
  const routes = opsRoutes({
    readiness: sharedReadiness(() => (rounds++, answered.promise)),
    readyDetails: () => (detailRounds++, Promise.resolve({ indexing: { pending: 0 } })),
    metrics: new MetricsRegistry(),
    roles: ["api"],
  });
  const probes = Array.from({ length: 50 }, () => routes.request("/ready"));
  answered.resolve([status("documents"), status("search", false)]);
  for (const response of await Promise.all(probes)) {
    assert.equal(response.status, 503);
    const body = await response.json();
    assert.equal(body.status, "unavailable");
    assert.deepEqual(body.engines.map((e: EngineStatus) => [e.seam, e.ok]), [
      ["documents", true],
      ["search", false],
    ]);
    assert.deepEqual(body.indexing, { pending: 0 });
  }
  assert.deepEqual([rounds, detailRounds], [1, 1]);
});

Deno.test("GET /ready: details that never come do not hold the shared round (every later probe)", async () => {
  let rounds = 0;
  const routes = opsRoutes({
    readiness: () => Promise.resolve([status("documents")]),
    // The details hang for good (a store that stopped answering mid-read).
    readyDetails: () => (rounds++, new Promise(() => {})),
    metrics: new MetricsRegistry(),
    roles: ["api"],
    detailsTimeoutMs: 20,
  });
  for (const response of await Promise.all([routes.request("/ready"), routes.request("/ready")])) {
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.status, "ready");
    assert.equal(body.details_error, "no answer within 20 ms");
  }
  assert.equal(rounds, 1);
});

/** A loopback port nothing listens on. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

const amazon = (endpoint: string, bucket: string) => ({
  AMAZON_CONTAINER_NAME: bucket,
  AMAZON_ACCESS_KEY_ID: "superdesk",
  AMAZON_SECRET_ACCESS_KEY: "superdesk-secret",
  AMAZON_REGION: "eu-west-1",
  AMAZON_ENDPOINT_URL: endpoint,
});

Deno.test("GET /ready with S3 media storage unreachable is a 503 naming media; the health report stays Superdesk's", async () => {
  const app = await createTestApp({
    env: amazon(`http://127.0.0.1:${closedPort()}`, "superdesk-media"),
  });
  try {
    const response = await app.app.request("/ready");
    assert.equal(response.status, 503);
    const media = (await response.json()).engines.find((e: EngineStatus) => e.seam === "media");
    assert.equal(media.engine, "s3");
    assert.equal(media.ok, false);
    assert.match(media.error, /S3\) is unreachable/);
    const health = await (await app.app.request("/api/system/health")).json();
    assert.equal(health.status, "green");
    assert.equal(health.media, undefined);
  } finally {
    await app.close();
  }
});

const url = s3Url();

Deno.test({
  name: "GET /ready with S3 media storage reachable lists it ready; a missing bucket is a 503",
  ignore: !url,
  async fn() {
    await testBucket(url!);
    for (
      const [bucket, ready] of [[TEST_BUCKET, true], ["superdesk-no-such-bucket", false]] as const
    ) {
      const app = await createTestApp({ env: amazon(url!, bucket) });
      try {
        const response = await app.app.request("/ready");
        assert.equal(response.status, ready ? 200 : 503, bucket);
        const engines = (await response.json()).engines as EngineStatus[];
        assert.deepEqual(
          engines.filter((e) => e.seam === "media").map((e) => [e.engine, e.ok]),
          [["s3", ready]],
        );
      } finally {
        await app.close();
      }
    }
  },
});
