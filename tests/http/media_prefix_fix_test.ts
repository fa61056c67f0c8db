/**
 * MEDIA_PREFIXES_TO_FIX's rewrite (`fixMediaPrefixes`): JSON answers show earlier prefixes as the
 * current one, with their status, headers and a right length; other answers (media bytes) are
 * passed through untouched, where Superdesk's hook rewrites any answer's bytes.
 */
import assert from "node:assert/strict";
import { Hono } from "hono";
import { fixMediaPrefixes } from "../../src/http/middleware/media_prefix_fix.ts";

const OLD = "http://old.example.com/media";
const CURRENT = "https://cdn.example.com/m";

function app() {
  const app = new Hono();
  app.use(fixMediaPrefixes({ current: CURRENT, earlier: ["http://older.example.com", OLD] }));
  app.get("/json", (c) => {
    c.header("etag", '"v1"');
    return c.json({ href: `${OLD}/1`, also: `${OLD}/2`, other: "http://older.example.com/3" }, 201);
  });
  app.get("/bytes", (c) => c.body(`${OLD}/1`, 200, { "content-type": "application/octet-stream" }));
  return app;
}

Deno.test("MEDIA_PREFIXES_TO_FIX: a JSON answer shows every earlier prefix as the current one", async () => {
  const response = await app().request("/json");
  assert.equal(response.status, 201);
  assert.equal(response.headers.get("etag"), '"v1"');
  const text = await response.text();
  assert.deepEqual(JSON.parse(text), {
    href: `${CURRENT}/1`,
    also: `${CURRENT}/2`,
    other: `${CURRENT}/3`,
  });
  const length = response.headers.get("content-length");
  assert.ok(length === null || Number(length) === new TextEncoder().encode(text).byteLength);
});

Deno.test("MEDIA_PREFIXES_TO_FIX: an answer that is not JSON keeps its bytes", async () => {
  const response = await app().request("/bytes");
  assert.equal(await response.text(), `${OLD}/1`);
});
