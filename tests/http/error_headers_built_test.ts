/**
 * Error answers are built with the request's headers (`X-Request-Id`, `Vary`, the CORS headers of
 * an allowed origin), as JSON answers are: the error handler and the not-found handler pass the
 * request's trace to `plainJson`, so the pipeline never reads or sets the headers of a built
 * Response (which makes Deno drop its prepared native response and build it again). Counted by
 * the reads of `Response#headers` while the application answers, for the errors of routes that
 * run outside the trace (`scopeFree`: an item GET, `/api/search`), of one that runs in it (a
 * malformed POST), of the authentication (401) and of the router (404). On both setups.
 */
import assert from "node:assert/strict";
import { defineApp, defineResource, Type } from "../../src/app_api.ts";
import { onEachEngine } from "../_engine_app.ts";
import { assertRequestHeaders, tracedTestApp } from "../trace/_request_headers.ts";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const ORIGIN = "http://client.example";
const notes = defineResource({
  name: "error_header_notes",
  schema: Type.Object({ name: Type.String() }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET"],
});
const notesModule = defineApp({
  name: "error_header_notes",
  register(app) {
    app.resource(notes);
  },
});

/**
 * `answer()`'s Response and how many times `Response#headers` was read while it was made (the
 * caller's own reads afterwards are not counted).
 */
async function headerReadsOf(answer: () => Promise<Response>): Promise<[Response, number]> {
  const getter = Object.getOwnPropertyDescriptor(Response.prototype, "headers")!;
  let reads = 0;
  Object.defineProperty(Response.prototype, "headers", {
    ...getter,
    get() {
      reads++;
      return getter.get!.call(this);
    },
  });
  try {
    return [await answer(), reads];
  } finally {
    Object.defineProperty(Response.prototype, "headers", getter);
  }
}

onEachEngine(
  "error answers are built with the request's headers, never given them after",
  async (engine) => {
    const { test, traced, headers } = await tracedTestApp(engine, [notesModule], {
      trace: TRACE,
      origin: ORIGIN,
    });
    try {
      const cases: Array<[string, string, RequestInit, number]> = [
        ["missing item", `/api/${notes.name}/${"0".repeat(24)}`, { headers }, 404],
        ["unknown repo", "/api/search?repo=nowhere", { headers }, 400],
        ["malformed source", "/api/search?source=%7B", { headers }, 400],
        ["no credentials", `/api/${notes.name}`, { headers: traced }, 401],
        ["unrouted", "/nowhere/at/all", { headers }, 404],
        ["malformed body", `/api/${notes.name}`, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/json" },
          body: "{not json",
        }, 400],
      ];
      for (const [what, path, init, status] of cases) {
        const [response, reads] = await headerReadsOf(async () =>
          await test.app.request(path, init)
        );
        assert.equal(response.status, status, what);
        assert.equal(reads, 0, `${what}: the headers of the built answer were read`);
        assertRequestHeaders(response, { trace: TRACE, origin: ORIGIN }, what);
        assert.equal(response.headers.get("content-type"), "application/json", what);
        assert.equal((await response.json())._status, "ERR", what);
      }
    } finally {
      await test.close();
    }
  },
);
