/**
 * Every error answer, whoever builds it, is the one envelope with Superdesk's `internal_error`:
 * `{_status: "ERR", _message, _error: {code}, internal_error}` with `code` and `internal_error` the
 * answer's status, over the router's 404, the 405, the authentication's 401, a privilege's 403,
 * validation and malformed bodies and queries (400), 409, 412/428, the request limits (413/414), a
 * missing item, raw media's unsatisfiable range (416) and the WebSocket role's refusals (401, 403,
 * 503); the API's bodies also validate
 * against the OpenAPI document's component for their status. The web client reads
 * `internal_error` (a highlights export's 403 asks whether to go on; the video editor's 409).
 */
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import { defineApp, defineResource, Type } from "../../src/app_api.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import { createWsApp } from "../../src/ws/ws_app.ts";
import { rawMediaResponse } from "../../src/media/raw_media.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { clientFor } from "../_client.ts";

const notes = defineResource({
  name: "envelope_notes",
  schema: Type.Object({ name: Type.String({ maxLength: 5 }) }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH"],
  privileges: { POST: "envelope_notes", PATCH: "envelope_notes" },
});
const notesModule = defineApp({
  name: "envelope_notes",
  register(app) {
    app.privileges({ name: "envelope_notes", label: "Envelope notes" });
    app.resource(notes);
  },
});

/** Asserts `response` is the error envelope of `status` (and, given, the document's for it). */
async function assertEnvelope(
  what: string,
  response: Response,
  status: number,
  documented?: (status: number, body: unknown) => void,
) {
  assert.equal(response.status, status, what);
  assert.match(response.headers.get("content-type") ?? "", /application\/json/, what);
  const body = await response.json();
  documented?.(status, body);
  assert.equal(body._status, "ERR", what);
  assert.equal(typeof body._message, "string", what);
  assert.equal(body._error?.code, status, what);
  assert.equal(body.internal_error, status, `${what}: ${JSON.stringify(body)}`);
}

Deno.test("every error answer of the API carries internal_error: its status", async () => {
  const test = await createTestApp({
    apps: [notesModule],
    env: { MAX_BODY_BYTES: "1024", MAX_URL_LENGTH: "512" },
  });
  try {
    const admin = await loginAs(test, { username: "admin", admin: true });
    const plain = await loginAs(test, { username: "plain" });
    const created = await (await admin.post(`/api/${notes.name}`, { name: "a" })).json();
    const item = `/api/${notes.name}/${created._id}`;
    const anonymous = clientFor(test);
    const cases: Array<[string, () => Promise<Response>, number]> = [
      ["unrouted", () => anonymous.get("/nowhere/at/all"), 404],
      ["unknown resource", () => admin.get("/api/nowhere"), 404],
      ["missing item", () => admin.get(`/api/${notes.name}/${"0".repeat(24)}`), 404],
      ["method not allowed", () => admin.delete(`/api/${notes.name}`), 405],
      ["no credentials", () => anonymous.get(`/api/${notes.name}`), 401],
      ["unknown token", () => clientFor(test, "not-a-token").get(`/api/${notes.name}`), 401],
      ["no privilege", () => plain.post(`/api/${notes.name}`, { name: "b" }), 403],
      ["validation", () => admin.post(`/api/${notes.name}`, { name: "too long" }), 400],
      ["malformed body", () => admin.raw("POST", `/api/${notes.name}`, "{not json"), 400],
      ["malformed where", () => admin.get(`/api/${notes.name}?where=%7B`), 400],
      [
        "duplicate id",
        () => admin.post(`/api/${notes.name}`, { _id: created._id, name: "c" }),
        409,
      ],
      ["If-Match missing", () => admin.patch(item, { name: "d" }), 428],
      ["If-Match stale", () => admin.patch(item, { name: "d" }, { etag: "stale" }), 412],
      ["body too large", () => admin.post(`/api/${notes.name}`, { name: "x".repeat(4096) }), 413],
      ["URL too long", () => admin.get(`/api/${notes.name}?q=${"x".repeat(1024)}`), 414],
    ];
    const document = await (await anonymous.get("/api/openapi.json")).json();
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(document, "openapi.json");
    const components = document.components.responses as Record<string, Record<string, unknown>>;
    const documented = (status: number, body: unknown) => {
      const name = Object.keys(components).find((name) =>
        JSON.stringify(components[name]).includes(`"const":${status}}`)
      );
      assert.ok(name, `the document has no response component for ${status}`);
      const validate = ajv.compile({
        $ref: `openapi.json#/components/responses/${name}/content/application~1json/schema`,
      });
      assert.ok(validate(body), `${status}: ${JSON.stringify(validate.errors)}`);
      const wrong = { ...(body as Record<string, unknown>), internal_error: status + 1 };
      assert.ok(!validate(wrong), `${status}: the document pins internal_error to the status`);
    };
    for (const [what, answer, status] of cases) {
      await assertEnvelope(what, await answer(), status, documented);
    }
  } finally {
    await test.close();
  }
});

Deno.test("the WebSocket role's refusals carry internal_error: their status", async () => {
  const bus = createMemoryNotificationBus({ channelName: crypto.randomUUID() });
  const ws = createWsApp({
    bus,
    authenticate: (token) =>
      token === "good"
        ? Promise.resolve({ userId: "u1", sessionId: "s1" })
        : token === "down"
        ? Promise.reject(new Error("session store down"))
        : Promise.resolve(null),
    allowedOrigins: ["http://client.example"],
    metrics: new MetricsRegistry(),
    pingMs: 60_000,
  });
  try {
    const upgrade = async (path: string, headers: Record<string, string> = {}) =>
      await ws.app.request(path, {
        headers: { Upgrade: "websocket", Connection: "Upgrade", ...headers },
      });
    const cases: Array<[string, () => Promise<Response>, number]> = [
      ["origin", () => upgrade("/", { Origin: "http://elsewhere.example" }), 403],
      ["no token", () => upgrade("/"), 401],
      ["unknown token", () => upgrade("/?token=bad"), 401],
      ["session store down", () => upgrade("/?token=down"), 503],
      ["another user", () => upgrade("/subscribe?token=good&user=u2"), 403],
    ];
    for (const [what, answer, status] of cases) await assertEnvelope(what, await answer(), status);
  } finally {
    await ws.close();
    await bus.close();
  }
});

Deno.test("raw media's unsatisfiable range is the envelope with internal_error: 416", async () => {
  const file = {
    _id: "0".repeat(24),
    contentType: "image/png",
    length: 10,
    filename: "a.png",
    uploadDate: 0,
    metadata: {},
    body: () => new Blob([new Uint8Array(10)]).stream(),
  };
  const response = rawMediaResponse(file, { download: false, range: "bytes=20-30" });
  await assertEnvelope("unsatisfiable range", response, 416);
});
