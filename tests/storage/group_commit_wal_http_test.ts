/**
 * Over HTTP on the embedded default: once a flush of the document store's write-ahead log has
 * failed, a write answers a JSON 503 with `Retry-After` (never a 500 or a success), and `/ready`
 * names the document store as down.
 */
import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import { defineApp } from "../../src/app_api.ts";
import { defineResource } from "../../src/resources/resource_definition.ts";
import { ResourceService } from "../../src/resources/resource_service.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";

const notes = defineResource({
  name: "flush_notes",
  schema: Type.Object({ text: Type.String() }),
  resourceMethods: ["GET", "POST"],
});

const notesApp = defineApp({
  name: "flush_notes",
  register: (app) => void app.resource(notes, new ResourceService(notes, app.services)),
});

/** `Deno.FsFile.prototype.syncData` failing from `fail()` on, as a disk that lost a writeback. */
function failingFlushes() {
  const original = Deno.FsFile.prototype.syncData;
  let failing = false;
  Deno.FsFile.prototype.syncData = function () {
    if (failing) return Promise.reject(new Error("Input/output error (os error 5)"));
    return original.call(this);
  };
  return {
    fail: () => void (failing = true),
    restore: () => void (Deno.FsFile.prototype.syncData = original),
  };
}

Deno.test("[embedded] after a failed log flush, POST answers a JSON 503 and /ready names the document store", async () => {
  const flushes = failingFlushes();
  const app = await createTestApp({ apps: [notesApp] });
  try {
    const admin = await loginAs(app, { username: "admin", admin: true });
    assert.equal((await admin.post("/api/flush_notes", { text: "kept" })).status, 201);
    flushes.fail();
    for (const text of ["lost", "refused"]) {
      const response = await admin.post("/api/flush_notes", { text });
      assert.equal(response.status, 503);
      assert.match(response.headers.get("content-type")!, /application\/json/);
      assert.ok(response.headers.get("retry-after"));
      const body = await response.json();
      assert.equal(body._status, "ERR");
      assert.equal(body._error.code, 503);
      assert.match(body._error.message, /write-ahead log .*Input\/output error/);
    }
    const ready = await app.app.request("/ready");
    assert.equal(ready.status, 503);
    assert.match(await ready.text(), /documents/);
  } finally {
    flushes.restore();
    await app.close();
  }
});
