/**
 * `/api/search` spliced from Elasticsearch's text (`search_answer_splice.ts`) against the parse
 * path on real answers: documents with unicode, escapes, nested values, numbers, odd dates and
 * a hidden field, plus 2,000 news items when NEWS_CORPUS is set, searched with generated
 * queries (`_differential_queries.ts`: sorts, pages, filters, aggregations), projections,
 * highlights, empty pages and refused queries. Each answer must be byte for byte the parse
 * path's (a refused query refused alike), most of them spliced; through the route, status,
 * headers and body must match those with the splice switched off. Needs ELASTICSEARCH_URL.
 */
import assert from "node:assert/strict";
import { DateTimeField, defineApp, defineResource, Type } from "../../src/app_api.ts";
import { apiAppFor } from "../../src/cli/api_app.ts";
import { federatedSearch, federatedSearchAnswer } from "../../src/indexing/federated_search.ts";
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { toSearchDoc } from "../../src/indexing/search_doc.ts";
import { parseSearchRequest } from "../../src/indexing/search_request.ts";
import { silentLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { SearchBody } from "../../src/search/search_index.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { loadNewsItems } from "../fixtures/news_corpus.ts";
import { generateQueries } from "./_differential_queries.ts";

const items = defineResource({
  name: "splice_items",
  schema: Type.Object({
    headline: Type.String(),
    versioncreated: DateTimeField(),
    firstcreated: DateTimeField(),
  }, { additionalProperties: true }),
  hiddenFields: ["secret"],
  searchBacked: true,
  searchFields: { headline: "text", body_html: "text" },
});
const spliceModule = defineApp({
  name: "splice_engine_test",
  register(app) {
    app.resource(items);
  },
});

/** Documents meant to trip a splice. */
function oddDocs(): Record<string, unknown>[] {
  return Array.from({ length: 40 }, (_, i) => ({
    _id: `odd${i}`,
    headline: `odd ${i} — naïve café 東京 😀 "quoted" back\\slash \u0001 \u2028 </script>`,
    body_html: `<p>line\nbreak\ttab ${"é".repeat(i)}</p>`,
    versioncreated: i % 5 === 0 ? null : new Date(Date.UTC(2026, 0, 1, 0, i, i, i)),
    firstcreated: i % 3 === 0 ? "2026-01-02T10:00:00+02:00" : `2026-02-0${1 + (i % 9)}T00:00:00Z`,
    urgency: i,
    score: i / 7,
    big: i % 2 ? 1e21 : -(2 ** 53),
    subject: [{ qcode: `${i}`, name: "arts" }, { nested: { deep: [1, [], {}, [null]] } }],
    flags: { marked: i % 2 === 0, none: null },
    empty: i % 4 ? "" : {},
    secret: "hidden from clients",
    _created: new Date(Date.UTC(2026, 11, 7, 12, 0, i)),
    _updated: new Date(Date.UTC(2026, 11, 7, 12, 0, i, 66)),
    _etag: `etag${i}`,
  }));
}

const esUrl = engineUrl("ELASTICSEARCH_URL");
const corpus = Deno.env.get("NEWS_CORPUS");

Deno.test({
  name: "real Elasticsearch answers spliced have the parse path's bytes",
  ignore: !esUrl,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const prefix = uniqueName("splice");
    const test = await createTestApp({
      apps: [spliceModule],
      env: { ELASTICSEARCH_URL: esUrl!, ELASTICSEARCH_INDEX: prefix, ELASTICSEARCH_REFRESH: "true" },
    });
    const index = test.platform.search;
    try {
      const news = (corpus ? await loadNewsItems(corpus, 2_000) : []).map((doc) =>
        toSearchDoc(items, doc)
      );
      const copies = [...oddDocs().map((doc) => toSearchDoc(items, doc)), ...news];
      await index.ensureIndex(items.name, resourceMapping(items));
      for (let i = 0; i < copies.length; i += 500) {
        await index.index(items.name, copies.slice(i, i + 500), { refresh: "false" });
      }
      assert.equal(await index.count(items.name), copies.length);

      const bodies: SearchBody[] = [
        { query: { match_all: {} }, size: 50 },
        { query: { match: { headline: "odd" } }, size: 40, sort: [{ urgency: "desc" }] },
        { query: { match: { headline: "nothing-matches-this" } } },
        { query: { match_all: {} }, size: 0 },
        { query: { match_all: {} }, size: 10, from: 100_000 },
        { query: { match_all: {} }, size: 5, _source: ["headline"] },
        { query: { match: { headline: "odd" } }, highlight: { fields: { headline: {} } } },
        { query: { match_all: {} }, aggs: { u: { terms: { field: "urgency" } } } },
        { query: { range: { versioncreated: { gte: "2026-01-01" } } }, sort: ["_id"] },
        { query: { no_such_query: {} } },
        // Their whole documents (the generator asks for ids alone), at most 60 of them.
        ...(news.length ? generateQueries(news, 150, 20) : []).map(({ body }) => {
          const { _source: _, ...whole } = body;
          return { ...whole, size: Math.min(Number(body.size ?? 25), 60) };
        }),
      ];
      let spliced = 0;
      let refused = 0;
      for (const body of bodies) {
        const request = parseSearchRequest(
          new URLSearchParams({ repo: items.name, source: JSON.stringify(body) }),
          test.platform.config,
          { federated: true },
        );
        const deps = { registry: test.platform.registry, search: index };
        const [answer, parsed] = await Promise.allSettled([
          federatedSearchAnswer(deps, SYSTEM_ACTOR, request),
          federatedSearch(deps, SYSTEM_ACTOR, request),
        ]);
        const what = JSON.stringify(body);
        if (answer.status === "rejected" || parsed.status === "rejected") {
          assert.equal(answer.status, parsed.status, what);
          const reasons = [answer, parsed].map((r) => String((r as PromiseRejectedResult).reason));
          assert.equal(reasons[0], reasons[1], what);
          refused++;
          continue;
        }
        const text = typeof answer.value === "string" ? answer.value : JSON.stringify(answer.value);
        if (typeof answer.value === "string") spliced++;
        assert.equal(text, JSON.stringify(parsed.value), what);
      }
      assert.ok(refused >= 1 && refused < bodies.length / 10, `${refused} refused`);
      // Projections, highlights and aggregations take the parse path; most others splice.
      assert.ok(spliced > bodies.length / 2, `${spliced} of ${bodies.length} spliced`);

      // Through the route: the same answer with the splice switched off.
      const app = apiAppFor(test.platform, { log: silentLogger, metrics: new MetricsRegistry() });
      const admin = await loginAs(test, { username: "admin", admin: true });
      const headers = { Authorization: `Basic ${btoa(`${admin.token}:`)}` };
      const path = `/api/search?repo=${items.name}&source=${
        encodeURIComponent(JSON.stringify({ query: { match_all: {} }, size: 30 }))
      }`;
      const answers = [];
      const searchText = index.searchText;
      try {
        for (const text of [searchText, undefined]) {
          index.searchText = text;
          const response = await app.request(path, { headers });
          answers.push({
            status: response.status,
            headers: [...response.headers].filter(([name]) => name !== "x-request-id"),
            body: await response.text(),
          });
        }
      } finally {
        index.searchText = searchText;
      }
      assert.equal(answers[0]!.status, 200);
      assert.deepEqual(answers[0], answers[1]);
    } finally {
      for (const { name, searchBacked } of test.platform.registry.definitions()) {
        if (searchBacked) await index.drop(name);
      }
      await test.close();
    }
  },
});
