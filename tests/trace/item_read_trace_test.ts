/**
 * An item GET without a query is answered outside the trace's async-local storage
 * (`request_trace.ts`'s `scopeFree`): its answer still carries the request's trace id and log
 * line, and every read that may run a service's own code (a hook, a query) still runs with the
 * request's trace current, on the embedded store and on MongoDB.
 */
import assert from "node:assert/strict";
import { defineApp, defineResource, type Doc, ResourceService, Type } from "../../src/app_api.ts";
import { apiAppFor } from "../../src/cli/api_app.ts";
import { createLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { currentTrace } from "../../src/trace/trace_context.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { onEachEngine } from "../_engine_app.ts";
import { engineUrl } from "../_engines.ts";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const plain = defineResource({
  name: "trace_plain_items",
  schema: Type.Object({ name: Type.String() }),
  itemMethods: ["GET"],
});
const hooked = defineResource({
  name: "trace_hooked_items",
  schema: Type.Object({ name: Type.String() }),
  itemMethods: ["GET"],
});

/** The trace ids current in `hooked`'s `onFetched`. */
const seen: (string | undefined)[] = [];
class HookedService extends ResourceService {
  protected override onFetched(_docs: Doc[]) {
    seen.push(currentTrace()?.traceId);
  }
}
const traceItemsModule = defineApp({
  name: "trace_items",
  register(app) {
    app.resource(plain);
    app.resource(hooked, new HookedService(hooked, app.services));
  },
});

onEachEngine("an item GET keeps its trace, answered from stored text or not", async (engine) => {
  const test = await createTestApp({
    apps: [traceItemsModule],
    mongoUri: engine === "engines" ? engineUrl("MONGO_URI") : undefined,
  });
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ sink: (line) => lines.push(JSON.parse(line)) });
  const app = apiAppFor(test.platform, { log, metrics: new MetricsRegistry() });
  try {
    const admin = await loginAs(test, { username: "admin", admin: true });
    const headers = {
      Authorization: `Basic ${btoa(`${admin.token}:`)}`,
      traceparent: `00-${TRACE}-00f067aa0ba902b7-01`,
    };
    const registry = test.platform.registry;
    const [one] = await registry.service("trace_plain_items").create([{ name: "a" }]);
    const [two] = await registry.service("trace_hooked_items").create([{ name: "b" }]);
    for (
      const path of [
        `/api/trace_plain_items/${one!._id}`,
        `/api/trace_hooked_items/${two!._id}`,
      ]
    ) {
      for (const query of ["", '?projection={"name":1}']) {
        seen.length = 0;
        const response = await app.request(`${path}${query}`, { headers });
        assert.equal(response.status, 200, await response.clone().text());
        assert.equal(response.headers.get("x-request-id"), TRACE, path + query);
        assert.equal(response.headers.get("vary"), "Origin");
        assert.equal((await response.json()).name, path.includes("plain") ? "a" : "b");
        const line = lines.findLast((record) => record.path === path)!;
        assert.equal(line.request_id, TRACE);
        if (path.includes("hooked")) assert.deepEqual(seen, [TRACE], path + query);
      }
    }
    const missing = await app.request("/api/trace_plain_items/nothing-here", { headers });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("x-request-id"), TRACE);
    assert.equal(currentTrace(), undefined, "no trace leaks out of a request");
  } finally {
    await test.close();
  }
});
