/**
 * The request pipeline's headers over HTTP, on both setups: every kind of answer (a JSON answer
 * built with the request's headers, an error envelope, a 404, a non-JSON answer the pipeline
 * decorates after the route, a preflight, a request the limits refuse) carries `X-Request-Id`
 * once, `Vary: Origin` once and, for an allowed origin, the CORS headers; and the request is
 * counted under its route pattern.
 */
import assert from "node:assert/strict";
import { perEngineTest } from "../_engine_app.ts";

const ORIGIN = "http://localhost:9000";
const TRACE_ID = /^[0-9a-f]{32}$/;

function assertPipelineHeaders(response: Response, what: string, origin: boolean) {
  const id = response.headers.get("x-request-id");
  assert.match(id ?? "", TRACE_ID, `${what}: X-Request-Id`);
  assert.equal(response.headers.get("vary"), "Origin", `${what}: Vary`);
  assert.equal(
    response.headers.get("access-control-allow-origin"),
    origin ? ORIGIN : null,
    `${what}: Access-Control-Allow-Origin`,
  );
  if (origin) {
    assert.equal(response.headers.get("access-control-allow-credentials"), "true", what);
    assert.match(response.headers.get("access-control-expose-headers") ?? "", /X-Request-Id/);
  }
  return id!;
}

perEngineTest("every kind of answer carries the pipeline's headers once", async ({ app }) => {
  const ids = new Set<string>();
  for (const origin of [false, true]) {
    const headers: Record<string, string> = origin ? { Origin: ORIGIN } : {};
    const cases: Array<[string, Promise<Response>, number]> = [
      ["home (c.json)", Promise.resolve(app.request("/api", { headers })), 200],
      ["health", Promise.resolve(app.request("/health", { headers })), 200],
      ["401 envelope", Promise.resolve(app.request("/api/users", { headers })), 401],
      ["404", Promise.resolve(app.request("/nowhere", { headers })), 404],
      [
        "plain OPTIONS (no JSON)",
        Promise.resolve(app.request("/api/users", { method: "OPTIONS", headers })),
        204,
      ],
      [
        "414 from the limits",
        Promise.resolve(app.request(`/api/users?q=${"x".repeat(3000)}`, { headers })),
        414,
      ],
      [
        "400 bad login body",
        Promise.resolve(app.request("/api/auth_db", {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/json" },
          body: "{not json",
        })),
        400,
      ],
    ];
    for (const [what, answer, status] of cases) {
      const response = await answer;
      await response.body?.cancel();
      assert.equal(response.status, status, what);
      ids.add(assertPipelineHeaders(response, what, origin));
    }
  }
  assert.equal(ids.size, 14, "each request has its own id");
  const preflight = await app.request("/api/users", {
    method: "OPTIONS",
    headers: { Origin: ORIGIN, "Access-Control-Request-Method": "GET" },
  });
  assert.equal(preflight.status, 200);
  assertPipelineHeaders(preflight, "preflight", true);
  const metrics = await (await app.request("/metrics")).text();
  assert.match(metrics, /http_requests_total\{method="GET",route="\/api",status="200"\} 2/);
  assert.match(
    metrics,
    /http_request_duration_seconds_count\{method="GET",route="\/api",status="200"\} 2/,
  );
  assert.match(metrics, /http_requests_total\{method="GET",route="\/\*",status="414"\} 2/);
}, { env: { MAX_URL_LENGTH: "2048" }, sanitize: true });

perEngineTest("made-up method tokens are counted under one method label", async ({ app }) => {
  for (let i = 0; i < 20; i++) {
    const response = await app.request("/api/users", { method: `FOO${i}` });
    await response.body?.cancel();
    assert.equal(response.status, 405);
  }
  const metrics = await (await app.request("/metrics")).text();
  assert.doesNotMatch(metrics, /method="FOO\d+"/);
  assert.match(
    metrics,
    /http_requests_total\{method="_OTHER",route="[^"]+",status="\d+"\} 20/,
  );
}, { sanitize: true });
