/**
 * `/api/search` answered from each hit's stored answer text (`federatedSearchJson`, Elasticsearch's
 * `searchWire`) against the parse path (`federatedSearch`, encoded) on real answers: documents with
 * HTML originals, folded and phrase fields, unicode and escapes, numbers, odd, nested and listed
 * dates, a hidden field, two resources in one search, plus 2,000 news items in Superdesk's archive
 * when NEWS_CORPUS is set, searched with generated queries (`_differential_queries.ts`), a
 * resource with its own `toPublic` (published) beside archive, projections, highlights,
 * aggregations, empty pages and refused queries. Every answer must be byte for byte the parse
 * path's (a refused query refused alike), most whole-document ones joined from the texts; a hit
 * indexed without a text, or whose text another definition made, falls back to the parse path;
 * through the route, status, headers and body must equal those with `searchWire` switched off.
 * Needs ELASTICSEARCH_URL.
 */
import assert from "node:assert/strict";
import { DateTimeField, defineApp, defineResource, Type } from "../../src/app_api.ts";
import { apiAppFor } from "../../src/cli/api_app.ts";
import { federatedSearch, federatedSearchJson } from "../../src/indexing/federated_search.ts";
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { openWireText, toSearchDoc } from "../../src/indexing/search_doc.ts";
import { parseSearchRequest } from "../../src/indexing/search_request.ts";
import { silentLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { archiveResource } from "../../src/newsroom/archive_resource.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { type SearchBody, type SearchIndex, WIRE_TEXT } from "../../src/search/search_index.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { loadNewsItems } from "../fixtures/news_corpus.ts";
import { generateQueries } from "./_differential_queries.ts";

const items = defineResource({
  name: "wire_items",
  schema: Type.Object({
    headline: Type.String(),
    versioncreated: DateTimeField(),
    firstcreated: DateTimeField(),
    schedule: Type.Optional(Type.Object({ at: DateTimeField() }, { additionalProperties: true })),
    stamps: Type.Optional(Type.Array(DateTimeField())),
    slugline: Type.Optional(Type.String()),
    urgency: Type.Optional(Type.Integer()),
  }, { additionalProperties: true }),
  hiddenFields: ["secret"],
  searchBacked: true,
  searchFields: { headline: "html", body_html: "html", slugline: "phrase", abstract: "text" },
});
const notes = defineResource({
  name: "wire_notes",
  schema: Type.Object({ headline: Type.String() }, { additionalProperties: true }),
  searchBacked: true,
  searchFields: { headline: "text" },
});
const wireModule = defineApp({
  name: "search_wire_engine_test",
  register(app) {
    app.resource(items);
    app.resource(notes);
  },
});

/** Documents with what the wire path must write as the parse path does. */
function oddDocs(): Record<string, unknown>[] {
  return Array.from({ length: 40 }, (_, i) => ({
    _id: `odd${i}`,
    headline: i % 2
      ? `<b>Odd</b> ${i} — naïve café 東京 😀 "quoted" back\\slash \u0001 \u2028 </script>`
      : `odd ${i} Élan`,
    body_html: `<p>line\nbreak\ttab ${"é".repeat(i)} <a href="x?a=1&amp;b">link</a></p>`,
    slugline: `Slug-${i % 7} Ça`,
    abstract: i % 3 ? "plain text" : null,
    versioncreated: i % 5 === 0 ? null : new Date(Date.UTC(2026, 0, 1, 0, i, i, i)),
    firstcreated: i % 3 === 0 ? "2026-01-02T10:00:00+02:00" : `2026-02-0${1 + (i % 9)}T00:00:00Z`,
    schedule: i % 4 ? { at: new Date(Date.UTC(2026, 5, 1, i)), note: "2026-06-01T00:00:00Z" } : {},
    stamps: i % 6 ? [new Date(Date.UTC(2026, 1, i + 1)), "2026-03-01T05:30:00-05:30"] : [],
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

/** `index` counting the searches `searchWire` answered with texts and those it could not. */
function counting(index: SearchIndex) {
  const counts = { texts: 0, without: 0 };
  const search: SearchIndex = {
    ...index,
    async searchWire(resources, body) {
      const result = await index.searchWire!(resources, body);
      if (result) counts.texts++;
      else counts.without++;
      return result;
    },
  };
  return { search, counts };
}

Deno.test({
  name: "answers joined from stored hit texts have the parse path's bytes",
  ignore: !esUrl,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const prefix = uniqueName("wire");
    const test = await createTestApp({
      apps: [wireModule],
      env: {
        ELASTICSEARCH_URL: esUrl!,
        ELASTICSEARCH_INDEX: prefix,
        ELASTICSEARCH_REFRESH: "true",
      },
    });
    const index = test.platform.search;
    try {
      const news = (corpus ? await loadNewsItems(corpus, 2_000) : []).map((doc) =>
        toSearchDoc(archiveResource, doc)
      );
      const copies = oddDocs().map((doc) => toSearchDoc(items, doc));
      await index.ensureIndex(items.name, resourceMapping(items));
      await index.ensureIndex(notes.name, resourceMapping(notes));
      await index.index(items.name, copies);
      for (let i = 0; i < news.length; i += 500) {
        await index.index(archiveResource.name, news.slice(i, i + 500), { refresh: "false" });
      }
      await index.index(notes.name, [
        toSearchDoc(notes, { _id: "n1", headline: "odd note", _created: new Date(0) }),
        toSearchDoc(notes, { _id: "n2", headline: "odd other note", _etag: "e" }),
      ]);
      assert.equal(await index.count(items.name), copies.length);

      const whole: Array<[SearchBody, string]> = [
        ...[
          { query: { match_all: {} }, size: 50 },
          { query: { match: { headline: "odd" } }, size: 40, sort: [{ urgency: "desc" }] },
          { query: { match: { headline: "nothing-matches-this" } } },
          { query: { match_all: {} }, size: 0 },
          { query: { match_all: {} }, size: 5, aggs: { u: { terms: { field: "urgency" } } } },
          { query: { range: { versioncreated: { gte: "2026-01-01" } } }, sort: ["firstcreated"] },
          { query: { query_string: { query: "elan OR cafe" } }, sort: ["slugline.phrase"] },
        ].map((body): [SearchBody, string] => [body, items.name]),
        // Superdesk's archive with news items: their whole documents (the generator asks for
        // ids alone), at most 60 of them.
        ...(news.length ? generateQueries(news, 150, 23) : []).map(({ body }) => {
          const { _source: _, ...rest } = body;
          const page = { ...rest, size: Math.min(Number(body.size ?? 25), 60) };
          return [page, archiveResource.name] as [SearchBody, string];
        }),
      ];
      const reshaped: SearchBody[] = [
        { query: { match_all: {} }, size: 5, _source: ["headline"] },
        { query: { match: { headline: "odd" } }, highlight: { fields: { headline: {} } } },
        { query: { no_such_query: {} } },
        { query: { match_all: {} }, size: 10, from: 100_000 },
      ];
      const { search, counts } = counting(index);
      const deps = { registry: test.platform.registry, search };
      let refused = 0;
      const compare = async (body: SearchBody, repo: string, params: Record<string, string>) => {
        const request = parseSearchRequest(
          new URLSearchParams({ repo, source: JSON.stringify(body), ...params }),
          test.platform.config,
          { federated: true },
        );
        const [text, parsed] = await Promise.allSettled([
          federatedSearchJson(deps, SYSTEM_ACTOR, request),
          federatedSearch(deps, SYSTEM_ACTOR, request),
        ]);
        const what = `${repo} ${JSON.stringify(body)} ${JSON.stringify(params)}`;
        if (text.status === "rejected" || parsed.status === "rejected") {
          assert.equal(text.status, parsed.status, what);
          const reasons = [text, parsed].map((r) => String((r as PromiseRejectedResult).reason));
          assert.equal(reasons[0], reasons[1], what);
          refused++;
          return;
        }
        assert.equal(text.value, JSON.stringify(parsed.value), what);
        assert.doesNotMatch(text.value, /hidden from clients/, what);
      };
      for (const [body, repo] of whole) await compare(body, repo, {});
      assert.equal(counts.without, 0);
      assert.equal(counts.texts + refused, whole.length);
      assert.ok(refused < whole.length / 20, `${refused} of ${whole.length} refused`);
      const joined = counts.texts;
      const refusedWhole = refused;
      // Two resources in one search; aggregations and highlights asked by parameter.
      await compare(
        { query: { match: { headline: "odd" } }, size: 60 },
        "wire_items,wire_notes",
        {},
      );
      await compare({ size: 3 }, items.name, { aggregations: "1" });
      assert.equal(counts.texts, joined + 2);
      await compare({ query: { match: { headline: "odd" } } }, items.name, { es_highlight: "1" });
      for (const body of reshaped) await compare(body, items.name, {});
      // A resource whose service shapes its documents (published's `toPublic`) beside archive.
      await compare({ size: 5 }, "archive,published", {});
      // Neither these nor reshaped searches ask for the texts (a refused one is refused alike).
      assert.equal(counts.texts + counts.without, joined + 2);
      assert.equal(refused, refusedWhole + 2);

      // A hit indexed without its text: the search is answered by the parse path, alike.
      const { [WIRE_TEXT]: _, ...bare } = toSearchDoc(items, { ...oddDocs()[1]!, _id: "bare" });
      await index.index(items.name, [bare]);
      await compare({ query: { match: { headline: "odd" } }, size: 60 }, items.name, {});
      assert.equal(counts.without, 1);

      // Through the route: the same status, headers and body with `searchWire` switched off.
      const app = apiAppFor(test.platform, { log: silentLogger, metrics: new MetricsRegistry() });
      const admin = await loginAs(test, { username: "admin", admin: true });
      const headers = { Authorization: `Basic ${btoa(`${admin.token}:`)}` };
      const path = `/api/search?repo=${items.name}&source=${
        encodeURIComponent(
          JSON.stringify({ query: { match_all: {} }, size: 30, sort: ["urgency"] }),
        )
      }`;
      const answers = [];
      const searchWire = index.searchWire;
      try {
        for (const wire of [searchWire, undefined]) {
          (index as { searchWire?: unknown }).searchWire = wire;
          const response = await app.request(path, { headers });
          answers.push({
            status: response.status,
            headers: [...response.headers].filter(([name]) => name !== "x-request-id"),
            body: await response.text(),
          });
        }
      } finally {
        (index as { searchWire?: unknown }).searchWire = searchWire;
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

Deno.test("a stored hit text is refused by a definition that would not have made it", () => {
  const text = toSearchDoc(items, { _id: "a", headline: "x", secret: "s" })[WIRE_TEXT]!()!;
  const open = openWireText(items, text);
  assert.equal(open, '{"headline":"x","_id":"a"');
  // A field hidden since, HTML fields or date paths changed: the text is not current.
  assert.equal(openWireText({ ...items, hiddenFields: ["secret", "headline"] }, text), undefined);
  assert.equal(openWireText({ ...items, searchFields: { headline: "text" } }, text), undefined);
  assert.equal(openWireText(notes, text), undefined);
  // The embedded index's copy never carries it as a field.
  assert.doesNotMatch(JSON.stringify(toSearchDoc(items, { _id: "a", headline: "x" })), /_wire|w1/);
});
