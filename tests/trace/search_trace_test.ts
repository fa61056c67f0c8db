/**
 * `/api/search` runs outside the trace's async-local storage (`request_trace.ts`'s `scopeFree`)
 * when every searched resource's service keeps the base `searchFilter`, `toPublic` and
 * `publicSourceFields`; a search over one that overrides any of them runs with the request's
 * trace current, from its filter to its last hit. Either way every answer (200, the 400s of a bad
 * `source` or an unknown repo, the 401) carries the request's trace id, `Vary` and the CORS
 * headers of an allowed origin, and its log line the request id. On the embedded default and on
 * the engines (MongoDB, and Elasticsearch when ELASTICSEARCH_URL is set).
 */
import assert from "node:assert/strict";
import {
  type Actor,
  defineApp,
  defineResource,
  type Doc,
  type Filter,
  ResourceService,
  Type,
} from "../../src/app_api.ts";
import { apiAppFor } from "../../src/cli/api_app.ts";
import { createLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { currentTrace } from "../../src/trace/trace_context.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { onEachEngine, searchIndexesActive } from "../_engine_app.ts";
import { assertRequestHeaders as assertHeadersOf } from "./_request_headers.ts";
import { engineUrl, uniqueName } from "../_engines.ts";

const TRACE = "5c2f8e0a9b1d4e7fa3c6b9d2e1f0a7b4";
const ORIGIN = "http://client.example";
const schema = Type.Object({ name: Type.String() });
const base = { schema, itemMethods: ["GET" as const], searchBacked: true };
const plain = defineResource({ name: "trace_search_plain", ...base });
const filtered = defineResource({ name: "trace_search_filtered", ...base });
const shown = defineResource({ name: "trace_search_shown", ...base });

/** The trace ids current in the overriding services' methods. */
const seen: (string | undefined)[] = [];
class FilteredService extends ResourceService {
  override searchFilter(actor: Actor): Promise<Filter> {
    seen.push(currentTrace()?.traceId);
    return super.searchFilter(actor);
  }
}
class ShownService extends ResourceService {
  override toPublic(doc: Doc): Doc {
    seen.push(currentTrace()?.traceId);
    return super.toPublic(doc);
  }
}
const searchTraceModule = defineApp({
  name: "search_trace",
  register(app) {
    app.resource(plain);
    app.resource(filtered, new FilteredService(filtered, app.services));
    app.resource(shown, new ShownService(shown, app.services));
  },
});

/** Asserts the request's headers on `response`. */
function assertRequestHeaders(response: Response, what: string) {
  assertHeadersOf(response, { trace: TRACE, origin: ORIGIN }, what);
}

onEachEngine("a search keeps its trace, run in the trace's storage or not", async (engine) => {
  const elastic = Deno.env.get("ELASTICSEARCH_URL");
  const engineEnv: Record<string, string> = engine === "engines" && elastic
    ? {
      ELASTICSEARCH_URL: elastic,
      ELASTICSEARCH_INDEX: uniqueName("search_trace"),
      ELASTICSEARCH_REFRESH: "true",
    }
    : {};
  const test = await createTestApp({
    apps: [searchTraceModule],
    env: { X_DOMAINS: ORIGIN, ...engineEnv },
    mongoUri: engine === "engines" ? engineUrl("MONGO_URI") : undefined,
  });
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ sink: (line) => lines.push(JSON.parse(line)) });
  // The trace current when the index is asked (the route holds this very object).
  const searched: (string | undefined)[] = [];
  const index = test.platform.search;
  const search = index.search.bind(index);
  index.search = (...args) => {
    searched.push(currentTrace()?.traceId);
    return search(...args);
  };
  const app = apiAppFor(test.platform, { log, metrics: new MetricsRegistry() });
  try {
    // The start stops waiting for a slow Elasticsearch after a few seconds; the writes below
    // would then miss the index and the first search count none.
    if (engineEnv.ELASTICSEARCH_URL) {
      await searchIndexesActive(test, engineEnv.ELASTICSEARCH_URL, engineEnv.ELASTICSEARCH_INDEX!);
    }
    const admin = await loginAs(test, { username: "admin", admin: true });
    const traced = { traceparent: `00-${TRACE}-00f067aa0ba902b7-01`, Origin: ORIGIN };
    const headers = { ...traced, Authorization: `Basic ${btoa(`${admin.token}:`)}` };
    for (const definition of [plain, filtered, shown]) {
      await test.platform.registry.service(definition.name).create([{ name: "found" }]);
    }
    const source = encodeURIComponent(JSON.stringify({ query: { match_all: {} } }));
    const searchFor = (repo: string) =>
      app.request(`/api/search?repo=${repo}&source=${source}`, { headers });

    for (
      const [repo, inTrace] of [
        [plain.name, false],
        [filtered.name, true],
        [shown.name, true],
        [`${plain.name},${filtered.name}`, true],
      ] as const
    ) {
      seen.length = searched.length = 0;
      const response = await searchFor(repo);
      assert.equal(response.status, 200, await response.clone().text());
      assertRequestHeaders(response, repo);
      const body = await response.json();
      assert.equal(body._meta.total, repo.split(",").length, repo);
      assert.deepEqual(searched, [inTrace ? TRACE : undefined], repo);
      assert.ok(seen.every((id) => id === TRACE), `${repo}: ${seen}`);
      if (repo !== plain.name) assert.ok(seen.length > 0, repo);
      const line = lines.findLast((record) => record.path === "/api/search")!;
      assert.equal(line.request_id, TRACE);
      assert.equal(line.status, 200);
    }

    const badSource = await app.request(`/api/search?repo=${plain.name}&source={`, {
      headers,
    });
    assert.equal(badSource.status, 400);
    assertRequestHeaders(badSource, "bad source");
    assert.equal((await badSource.json())._status, "ERR");

    const unknown = await searchFor("no_such_repo");
    assert.equal(unknown.status, 400);
    assertRequestHeaders(unknown, "unknown repo");
    assert.match((await unknown.json())._message, /no_such_repo/);

    const anonymous = await app.request(`/api/search?repo=${plain.name}`, {
      headers: traced,
    });
    assert.equal(anonymous.status, 401);
    assertRequestHeaders(anonymous, "401");
    await anonymous.body?.cancel();
    assert.equal(lines.findLast((record) => record.path === "/api/search")!.status, 401);
    assert.equal(currentTrace(), undefined, "no trace leaks out of a request");
  } finally {
    if (engineEnv.ELASTICSEARCH_URL) {
      for (const { name } of [plain, filtered, shown]) await index.drop(name);
    }
    await test.close();
  }
});
