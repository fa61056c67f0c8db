/**
 * Request size and time limits over HTTP: bodies over the limit are a 413 before they are read
 * (announced or streamed), slow bodies a 408, long targets a 414, deep JSON and oversized or
 * deep `where` a 400, all as the JSON envelope; big `$in` lists within the limit work on every
 * store (they were "Expression tree is too large" 500s on SQLite).
 */
import assert from "node:assert/strict";
import { Hono } from "hono";
import { requestLimits } from "../../src/http/middleware/request_limits.ts";
import { onError } from "../../src/http/on_error.ts";
import { readJsonBody } from "../../src/http/resources/read_body.ts";
import type { RequestVariables } from "../../src/http/middleware/request_context.ts";
import { TIMED_OUT, within } from "../../src/deadline.ts";
import { createTestApp } from "../_app.ts";
import { bothStores } from "./_setups.ts";

const SMALL = {
  MAX_BODY_BYTES: "65536",
  MAX_URL_LENGTH: "2048",
  REQUEST_BODY_TIMEOUT_SECONDS: "1",
};

/** A body of `total` bytes in 64 KiB chunks, counting what the server pulled. */
function countedBody(total: number) {
  const chunk = new TextEncoder().encode(" ".repeat(65536));
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

/**
 * POSTs a JSON body of which only `start` ever arrives; the answer (failing the test when none
 * comes within 30 s) and whether the server cancelled the body.
 */
async function postStalled(
  request: (init: RequestInit) => Response | Promise<Response>,
  start: string,
  headers: Record<string, string> = {},
) {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(start));
    },
    cancel() {
      cancelled = true;
    },
  });
  const response = await within(
    Promise.resolve(request({
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body,
      duplex: "half",
    } as RequestInit)),
    30_000,
  );
  if (response === TIMED_OUT) assert.fail("the stalled body is still being waited for");
  return { response, cancelled: () => cancelled };
}

async function assertError(response: Response, status: number, message: RegExp) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get("content-type") ?? "", /application\/json/);
  const body = JSON.parse(text);
  assert.equal(body._status, "ERR");
  assert.match(body._error.message, message);
}

Deno.test({
  name: "a 200 MB unauthenticated login body is refused with 413 after at most the limit is read",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const app = await createTestApp({ env: SMALL });
    try {
      const { stream, counter } = countedBody(200 * 1024 * 1024);
      const response = await app.app.request("/api/auth_db", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      await assertError(response, 413, /larger than 65536 bytes/);
      assert.ok(counter.pulled <= 4 * 65536, `pulled ${counter.pulled} bytes`);

      const declared = await app.app.request("/api/auth_db", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Content-Length": String(200 * 1024 * 1024),
        },
        body: "{}",
      });
      await assertError(declared, 413, /larger than 65536 bytes/);
    } finally {
      await app.close();
    }
  },
});

Deno.test({
  name: "a request body still arriving after REQUEST_BODY_TIMEOUT_SECONDS answers 408",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const app = await createTestApp({ env: SMALL });
    try {
      const { response, cancelled } = await postStalled(
        (init) => app.app.request("/api/auth_db", init),
        '{"username": "adm',
      );
      await assertError(response, 408, /took over 1000 ms/);
      assert.ok(cancelled(), "the body stream was cancelled");
    } finally {
      await app.close();
    }
  },
});

bothStores("a request target over MAX_URL_LENGTH answers 414 JSON", async ({ admin }) => {
  const response = await admin.get(`/api/users?where=${"%20".repeat(1000)}{}`);
  await assertError(response, 414, /longer than 2048 characters/);
}, { env: SMALL });

bothStores("a body nested 10,000 deep answers 400, not a stack overflow", async ({ admin }) => {
  const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
  const response = await admin.raw("POST", "/api/users", `{"user_preferences": {"x": ${deep}}}`, {
    "Content-Type": "application/json",
  });
  await assertError(response, 400, /nests deeper than 64 levels/);
});

bothStores("a where over MAX_WHERE_TERMS or nested too deep answers 400", async ({ admin }) => {
  const big = JSON.stringify({
    $or: Array.from({ length: 101 }, (_, i) => ({ username: `u${i}` })),
  });
  await assertError(
    await admin.get(`/api/users?where=${encodeURIComponent(big)}`),
    400,
    /more than 100 terms/,
  );
  const deep = JSON.stringify({
    username: { $in: [JSON.parse(`${"[".repeat(50)}1${"]".repeat(50)}`)] },
  });
  await assertError(
    await admin.get(`/api/users?where=${encodeURIComponent(deep)}`),
    400,
    /nests deeper than 10/,
  );
}, { env: { MAX_WHERE_TERMS: "100" } });

bothStores(
  "$in and $nin of 1000 numbers, $all and $or within the terms limit answer 200 on every store",
  async ({ admin }) => {
    const numbers = Array.from({ length: 1000 }, (_, i) => i);
    const some = numbers.slice(0, 90);
    for (
      const where of [
        { "user_preferences.n": { $in: numbers } },
        { "user_preferences.n": { $nin: numbers } },
        { "user_preferences.n": { $all: some } },
        { $or: some.map((n) => ({ "user_preferences.n": n })) },
      ]
    ) {
      const response = await admin.get(
        `/api/users?where=${encodeURIComponent(JSON.stringify(where))}`,
      );
      assert.equal(response.status, 200, `${Object.keys(where)}: ${await response.clone().text()}`);
      await response.body?.cancel();
    }
  },
  { env: { MAX_URL_LENGTH: "65536" } },
);

Deno.test({
  name: "a body of announced length is read whole before the route, and a 408 when it stalls",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const app = new Hono<{ Variables: RequestVariables }>();
    app.use(requestLimits({ maxBodyBytes: 100, maxUrlLength: 1000, bodyTimeoutMs: 500 }));
    let routed = 0;
    app.post("/*", async (c) => {
      routed++;
      return c.json(await readJsonBody(c.req.raw));
    });
    app.onError(onError);
    const text = JSON.stringify({ a: "b" });
    const whole = await app.request("/x", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": String(text.length) },
      body: text,
    });
    assert.equal(whole.status, 200);
    assert.deepEqual(await whole.json(), { a: "b" });
    const { response } = await postStalled(
      (init) => app.request("/x", init),
      '{"a": ',
      { "Content-Length": "40" },
    );
    await assertError(response, 408, /took over 500 ms/);
    assert.equal(routed, 1, "the route never saw the stalled request");
  },
});

Deno.test("routeBodyBytes gives a route prefix its own body limit", async () => {
  const app = new Hono<{ Variables: RequestVariables }>();
  app.use(requestLimits({
    maxBodyBytes: 10,
    maxUrlLength: 1000,
    bodyTimeoutMs: 5000,
    routeBodyBytes: [{ prefix: "/upload", maxBytes: 100 }],
  }));
  app.post("/*", async (c) => c.text(String((await c.req.text()).length)));
  app.onError(onError);
  const send = (path: string, size: number) =>
    app.request(path, { method: "POST", body: "x".repeat(size) });
  assert.equal((await send("/upload/file", 50)).status, 200);
  assert.equal((await send("/upload", 101)).status, 413);
  assert.equal((await send("/other", 50)).status, 413);
  assert.equal((await send("/uploads", 50)).status, 413);
});
