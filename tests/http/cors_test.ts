import { strict as assert } from "node:assert";
import { createTestApp } from "../_app.ts";

const ORIGIN = "http://localhost:9000";

Deno.test("a preflight OPTIONS on any route is a 200 allowing the origin, methods and Superdesk's headers", async () => {
  const { app, close } = await createTestApp();
  try {
    for (const path of ["/api/auth_db", "/api/archive/urn:x/lock", "/api/preferences/abc", "/x"]) {
      const res = await app.request(path, {
        method: "OPTIONS",
        headers: {
          Origin: ORIGIN,
          "Access-Control-Request-Method": "PATCH",
          "Access-Control-Request-Headers": "content-type,authorization,if-match",
        },
      });
      assert.equal(res.status, 200, path);
      assert.equal(await res.text(), "");
      assert.equal(res.headers.get("access-control-allow-origin"), ORIGIN);
      assert.equal(res.headers.get("access-control-allow-credentials"), "true");
      assert.match(res.headers.get("access-control-allow-methods")!, /PATCH/);
      assert.equal(
        res.headers.get("access-control-allow-headers"),
        "Content-Type, Authorization, If-Match",
      );
      assert.equal(res.headers.get("access-control-max-age"), "86400");
    }
  } finally {
    await close();
  }
});

Deno.test("every answer to an allowed origin carries the CORS headers and exposes ETag, errors included", async () => {
  const { app, close } = await createTestApp();
  try {
    const home = await app.request("/api", { headers: { Origin: ORIGIN } });
    assert.equal(home.status, 200);
    assert.equal(home.headers.get("access-control-allow-origin"), ORIGIN);
    assert.match(home.headers.get("access-control-expose-headers")!, /\bETag\b/);
    assert.match(home.headers.get("vary")!, /Origin/);
    const unauthorized = await app.request("/api/users", { headers: { Origin: ORIGIN } });
    assert.equal(unauthorized.status, 401);
    assert.equal(unauthorized.headers.get("access-control-allow-origin"), ORIGIN);
    const missing = await app.request("/nowhere", { headers: { Origin: ORIGIN } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("access-control-allow-origin"), ORIGIN);
    const badLogin = await app.request("/api/auth_db", {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "application/json" },
      body: "{not json",
    });
    assert.equal(badLogin.status, 400);
    assert.equal(badLogin.headers.get("access-control-allow-origin"), ORIGIN);
  } finally {
    await close();
  }
});

Deno.test("with X_DOMAINS listing origins, other origins get no CORS headers, preflight included", async () => {
  const { app, close } = await createTestApp({
    env: { X_DOMAINS: "https://superdesk.example.org,http://localhost:9000" },
  });
  try {
    const allowed = await app.request("/api", { headers: { Origin: ORIGIN } });
    assert.equal(allowed.headers.get("access-control-allow-origin"), ORIGIN);
    const other = await app.request("/api", { headers: { Origin: "http://evil.example" } });
    assert.equal(other.status, 200);
    assert.equal(other.headers.get("access-control-allow-origin"), null);
    assert.equal(other.headers.get("access-control-allow-credentials"), null);
    const preflight = await app.request("/api/auth_db", {
      method: "OPTIONS",
      headers: { Origin: "http://evil.example", "Access-Control-Request-Method": "POST" },
    });
    assert.equal(preflight.status, 200);
    assert.equal(preflight.headers.get("access-control-allow-origin"), null);
    assert.equal(preflight.headers.get("access-control-allow-methods"), null);
  } finally {
    await close();
  }
});

Deno.test("a request without Origin (not a browser) gets no CORS headers", async () => {
  const { app, close } = await createTestApp();
  try {
    const res = await app.request("/api");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("access-control-allow-origin"), null);
  } finally {
    await close();
  }
});
