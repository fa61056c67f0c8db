/**
 * The answers around an item GET answered outside the trace's async-local storage
 * (`request_trace.ts`'s `scopeFree`) keep the request's headers: the stored-text 200, its HEAD
 * and 304, the 404 of a missing item, the 405 fallback and the 401 all carry the trace id, the
 * CORS headers of an allowed origin and `Vary`; a token whose session expired ends it with the
 * request's trace on the notification; an app's own middleware under `/api` (not `scopeFree`)
 * still runs with the trace current. On the embedded store and on MongoDB.
 */
import assert from "node:assert/strict";
import { createRouter, defineApp, defineResource, Type } from "../../src/app_api.ts";
import type { Notification } from "../../src/notify/notification.ts";
import { SESSION_END_EVENT } from "../../src/notify/session_end_event.ts";
import { currentTrace } from "../../src/trace/trace_context.ts";
import { loginAs } from "../_auth.ts";
import { onEachEngine } from "../_engine_app.ts";
import { assertRequestHeaders as assertHeadersOf, tracedTestApp } from "./_request_headers.ts";

const TRACE = "0af7651916cd43dd8448eb211c80319c";
const ORIGIN = "http://client.example";
const items = defineResource({
  name: "header_items",
  schema: Type.Object({ name: Type.String() }),
  itemMethods: ["GET"],
});
const itemsModule = defineApp({
  name: "header_items",
  register(app) {
    app.resource(items);
  },
});

/** The trace ids current in `watchingModule`'s middleware. */
const watched: (string | undefined)[] = [];
const watchingModule = defineApp({
  name: "header_watch",
  register(app) {
    const router = createRouter();
    router.use("*", async (_c, next) => {
      watched.push(currentTrace()?.traceId);
      await next();
    });
    app.routes(router);
  },
});

/** Asserts the request's headers on `response`. */
function assertRequestHeaders(response: Response, what: string) {
  assertHeadersOf(response, { trace: TRACE, origin: ORIGIN }, what);
}

for (const watching of [false, true]) {
  onEachEngine(
    `an item GET's answers keep the request's headers and trace${
      watching ? " (an app middleware under /api)" : ""
    }`,
    async (engine) => {
      const { test, traced, headers } = await tracedTestApp(
        engine,
        watching ? [itemsModule, watchingModule] : [itemsModule],
        { trace: TRACE, origin: ORIGIN },
      );
      try {
        const [one] = await test.platform.registry.service("header_items").create([
          { name: "a" },
        ]);
        const path = `/api/header_items/${one!._id}`;
        watched.length = 0;

        const get = await test.app.request(path, { headers });
        assert.equal(get.status, 200);
        assertRequestHeaders(get, "GET");
        assert.equal((await get.json()).name, "a");
        const etag = get.headers.get("etag")!;
        assert.ok(etag);

        const head = await test.app.request(path, { headers, method: "HEAD" });
        assert.equal(head.status, 200);
        assertRequestHeaders(head, "HEAD");
        assert.equal(head.headers.get("etag"), etag);
        assert.equal(await head.text(), "");

        const same = await test.app.request(path, {
          headers: { ...headers, "If-None-Match": etag },
        });
        assert.equal(same.status, 304);
        assertRequestHeaders(same, "304");
        assert.equal(same.headers.get("etag"), etag);

        const missing = await test.app.request("/api/header_items/nothing-here", { headers });
        assert.equal(missing.status, 404);
        assertRequestHeaders(missing, "404");
        assert.equal((await missing.json())._status, "ERR");

        const put = await test.app.request(path, { headers, method: "PUT" });
        assert.equal(put.status, 405);
        assertRequestHeaders(put, "405");
        assert.equal(put.headers.get("allow"), "GET, HEAD, OPTIONS");
        await put.body?.cancel();

        const anonymous = await test.app.request(path, { headers: traced });
        assert.equal(anonymous.status, 401);
        assertRequestHeaders(anonymous, "401");
        await anonymous.body?.cancel();

        // A token not yet held whose session expired: the lookup ends it, in the trace.
        const other = await loginAs(test, { username: "other" });
        const sessions = test.platform.documents.collection("auth");
        const [session] = await sessions.find({ user: other.userId });
        await sessions.updateOne({ _id: session!._id }, {
          $set: { last_activity_at: new Date(Date.now() - 30 * 86_400_000) },
        });
        const ended = new Promise<Notification>((resolve) => {
          const stop = test.platform.bus.subscribe((notification) => {
            if (notification.event !== SESSION_END_EVENT) return;
            stop();
            resolve(notification);
          });
        });
        const expired = await test.app.request(path, {
          headers: { ...traced, Authorization: `Bearer ${other.token}` },
        });
        assert.equal(expired.status, 401);
        assertRequestHeaders(expired, "expired session");
        await expired.body?.cancel();
        const end = await ended;
        assert.equal(end.extra.session, session!._id);
        assert.equal(end.traceparent?.split("-")[1], TRACE);

        if (watching) {
          assert.ok(watched.length >= 7, `middleware ran ${watched.length} times`);
          assert.deepEqual(new Set(watched), new Set([TRACE]));
        }
        assert.equal(currentTrace(), undefined, "no trace leaks out of a request");
      } finally {
        await test.close();
      }
    },
  );
}
