/**
 * The contract every `SearchIndex` implementation passes (Elasticsearch 8 and embedded SQLite
 * FTS5): the same calls and the same DSL subset give the same answers, and what one engine
 * cannot do is a 400 on both or on neither. One index per run; each step uses its own
 * resources and the run drops them all.
 */
import assert from "node:assert/strict";
import { BadRequestError, ConflictError } from "../../src/errors.ts";
import { translateListQuery } from "../../src/search/elastic/where_to_dsl.ts";
import { rewriteLegacyDsl } from "../../src/search/legacy_dsl.ts";
import { addFilters, perResourceFilter } from "../../src/search/search_body.ts";
import { mappingFromSchema } from "../../src/search/mapping.ts";
import {
  type IndexedVersion,
  type SearchBody,
  type SearchIndex,
  SearchIndexWriteError,
  type SearchResult,
} from "../../src/search/search_index.ts";
import { itemMapping, items, itemSchema } from "../search/_search_fixtures.ts";

/**
 * A ready index, a second handle on the same storage (as another process would open it), and
 * a way to release what the factory made beyond the index's resources.
 */
export interface ContractIndex {
  index: SearchIndex;
  peer: SearchIndex;
  cleanup(): Promise<void>;
}

/** Makes the index a contract run uses. */
export type IndexFactory = () => Promise<ContractIndex>;

const ARTICLES = "articles";
const RESOURCES = [
  ARTICLES,
  "published",
  "rebuilt",
  "aborted",
  "broken",
  "never",
  "versioned",
  "rewritten",
  "stale_refused",
  "folded",
];

const sorted = (r: SearchResult) => r.hits.map((h) => h._id).sort();
const ordered = (r: SearchResult) => r.hits.map((h) => h._id);

/** Registers the contract for one implementation. */
export function searchIndexContract(name: string, makeIndex: IndexFactory): void {
  Deno.test(`${name}: search index contract`, async (t) => {
    const { index, peer, cleanup } = await makeIndex();
    const find = (query: unknown, extra: SearchBody = {}) =>
      index.search([ARTICLES], { query, size: 100, ...extra });
    try {
      await t.step("ensureIndex creates one index behind the alias and is idempotent", async () => {
        await index.ensureIndex(ARTICLES, itemMapping);
        const first = await index.currentIndex(ARTICLES);
        await index.ensureIndex(ARTICLES, itemMapping);
        assert.match(first ?? "", /_articles_\d+$/);
        assert.equal(await index.currentIndex(ARTICLES), first);
        assert.equal(await index.currentIndex("never"), undefined);
      });

      await t.step("a search right after index() sees the documents", async () => {
        await index.index(ARTICLES, items());
        const result = await find({ match_all: {} });
        assert.equal(result.total, 5);
        const a3 = result.hits.find((h) => h._id === "a3")!;
        assert.equal(a3._resource, ARTICLES);
        assert.deepEqual(a3._source, { ...items()[2] });
        assert.equal(await index.count(ARTICLES), 5);
      });

      await t.step("term, terms, ids and exists select exact values", async () => {
        assert.deepEqual(sorted(await find({ term: { state: "draft" } })), ["a1", "a4"]);
        assert.deepEqual(sorted(await find({ term: { state: { value: "spiked" } } })), ["a5"]);
        assert.deepEqual(sorted(await find({ term: { "subject.qcode": "04000000" } })), [
          "a1",
          "a2",
          "a4",
        ]);
        assert.deepEqual(sorted(await find({ terms: { state: ["draft", "spiked"] } })), [
          "a1",
          "a4",
          "a5",
        ]);
        assert.deepEqual(
          sorted(await find({ term: { "flags.marked_for_not_publication": true } })),
          ["a2"],
        );
        assert.deepEqual(sorted(await find({ ids: { values: ["a1", "a3", "zz"] } })), [
          "a1",
          "a3",
        ]);
        assert.deepEqual(sorted(await find({ exists: { field: "priority" } })), ["a3"]);
        assert.deepEqual(
          sorted(await find({ bool: { must_not: { exists: { field: "task" } } } })),
          [
            "a4",
          ],
        );
        assert.deepEqual(sorted(await find({ term: { "headline.keyword": "Fox News" } })), ["a5"]);
        assert.deepEqual(sorted(await find({ term: { "extra.unmapped": "kept in _source" } })), []);
      });

      await t.step("range compares numbers, dates and date math", async () => {
        assert.deepEqual(sorted(await find({ range: { urgency: { gte: 2, lt: 5 } } })), [
          "a2",
          "a3",
          "a4",
        ]);
        const january = { range: { versioncreated: { gte: "2024-01-02", lt: "2024-02-01" } } };
        assert.deepEqual(sorted(await find(january)), ["a2", "a3"]);
        const lteDay = { range: { versioncreated: { lte: "2024-01-09||/d" } } };
        assert.deepEqual(sorted(await find(lteDay)), ["a1", "a2", "a3"]);
        assert.equal((await find({ range: { versioncreated: { lt: "now" } } })).total, 5);
        assert.equal((await find({ range: { versioncreated: { gte: "now-1d/d" } } })).total, 0);
      });

      await t.step("prefix works on keywords (case-sensitive) and text", async () => {
        assert.deepEqual(sorted(await find({ prefix: { slugline: "fox" } })), ["a1", "a5"]);
        assert.deepEqual(sorted(await find({ prefix: { slugline: "Fox" } })), []);
        assert.deepEqual(sorted(await find({ prefix: { headline: "bro" } })), ["a1", "a3"]);
      });

      await t.step("match, match_phrase and multi_match analyse text fields", async () => {
        assert.deepEqual(sorted(await find({ match: { headline: "FOX" } })), ["a1", "a5"]);
        assert.deepEqual(sorted(await find({ match: { headline: "brown bear" } })), ["a1", "a3"]);
        const both = { match: { headline: { query: "brown bear", operator: "and" } } };
        assert.deepEqual(sorted(await find(both)), ["a3"]);
        assert.deepEqual(sorted(await find({ match_phrase: { headline: "brown fox" } })), ["a1"]);
        assert.deepEqual(sorted(await find({ match_phrase: { headline: "fox brown" } })), []);
        assert.deepEqual(sorted(await find({ match: { state: "in_progress" } })), ["a3"]);
        const multi = { multi_match: { query: "lazy", fields: ["headline", "body_html"] } };
        assert.deepEqual(sorted(await find(multi)), ["a2"]);
        const noStem = { multi_match: { query: "quickly", fields: ["headline", "body_html^2"] } };
        assert.deepEqual(sorted(await find(noStem)), ["a4"]);
      });

      await t.step("query_string: words, phrases, operators, fields, prefixes", async () => {
        const qs = (query: string, extra = {}) => find({ query_string: { query, ...extra } });
        assert.deepEqual(sorted(await qs("fox")), ["a1", "a5"]);
        assert.deepEqual(sorted(await qs("brown AND bear")), ["a3"]);
        assert.deepEqual(sorted(await qs("brown OR dog")), ["a1", "a2", "a3"]);
        assert.deepEqual(sorted(await qs("brown fox", { default_operator: "AND" })), ["a1"]);
        assert.deepEqual(sorted(await qs("fox -news")), ["a1"]);
        assert.deepEqual(sorted(await qs('"brown fox"')), ["a1"]);
        assert.deepEqual(sorted(await qs("headline:economy")), ["a4"]);
        // Whitespace about the colon is Lucene's (Elasticsearch's) too: still the field's.
        for (const query of ["state :draft", "state: draft", "state : (draft)"]) {
          assert.deepEqual(sorted(await qs(query)), ["a1", "a4"], query);
        }
        assert.deepEqual(sorted(await qs("state:draft")), ["a1", "a4"]);
        assert.deepEqual(sorted(await qs("qui*")), ["a1", "a4"]);
        assert.deepEqual(sorted(await qs("(lazy OR bear) AND NOT woods")), ["a2"]);
        assert.deepEqual(sorted(await qs("dog brown AND bear")), ["a3"]);
        assert.deepEqual(sorted(await qs("NOT fox")), ["a2", "a3", "a4"]);
        assert.deepEqual(sorted(await qs("_exists_:priority")), ["a3"]);
        assert.deepEqual(sorted(await qs("Economy", { fields: ["headline", "state"] })), ["a4"]);
        // A list's `q`: every field, lenient, so a word beside dates and numbers is no error,
        // a desk id or a number finds its keyword or number, and `_`-prefixed meta fields
        // (here `_etag`) are left out as Elasticsearch's `*` leaves them out.
        const all = (query: string) => qs(query, { fields: ["*"], lenient: true });
        assert.deepEqual(sorted(await all("fox")), ["a1", "a5"]);
        assert.deepEqual(sorted(await all("d1")), ["a1", "a2"]);
        assert.deepEqual(sorted(await all("2")), ["a2", "a4"]);
        assert.deepEqual(sorted(await all("e-a1-1")), []);
        const lenient = { fields: ["headline", "versioncreated", "urgency"], lenient: true };
        assert.deepEqual(sorted(await qs("dog", lenient)), ["a2"]);
      });

      await t.step("bool combines must, filter, should and must_not", async () => {
        const query = {
          bool: {
            filter: [{ range: { urgency: { lte: 3 } } }],
            should: [{ term: { state: "draft" } }, { term: { "task.desk": "d2" } }],
            minimum_should_match: 1,
            must_not: [{ ids: { values: ["a4"] } }],
          },
        };
        assert.deepEqual(sorted(await find(query)), ["a1", "a3"]);
        const onlyShould = { bool: { should: [{ match: { headline: "dog" } }] } };
        assert.deepEqual(sorted(await find(onlyShould)), ["a2"]);
        const optional = {
          bool: { must: { term: { urgency: 2 } }, should: { term: { state: "x" } } },
        };
        assert.deepEqual(sorted(await find(optional)), ["a2", "a4"]);
      });

      await t.step("sort, from and size page through hits", async () => {
        const byDate = { sort: [{ versioncreated: { order: "desc" } }] };
        const page = await index.search([ARTICLES], { ...byDate, from: 1, size: 2 });
        assert.equal(page.total, 5);
        assert.deepEqual(ordered(page), ["a4", "a3"]);
        const multi = await find({ match_all: {} }, {
          sort: [{ urgency: "asc" }, { slugline: "desc" }],
        });
        assert.deepEqual(ordered(multi), ["a1", "a4", "a2", "a3", "a5"]);
        const missingLast = await find({ match_all: {} }, { sort: [{ priority: "desc" }] });
        assert.equal(ordered(missingLast)[0], "a3");
        const relevance = await find({ match: { headline: "brown" } });
        assert.deepEqual(sorted(relevance), ["a1", "a3"]);
        // Totals are exact whatever `track_total_hits` asks (the embedded index always counts).
        for (const track_total_hits of [false, 2, true]) {
          const counted = await index.search([ARTICLES], { ...byDate, size: 1, track_total_hits });
          assert.equal(counted.total, 5, `track_total_hits ${track_total_hits}`);
          assert.deepEqual(ordered(counted), ["a5"]);
        }
      });

      await t.step("pages of several sort keys, cut through ties and missing values", async () => {
        const page = async (sort: unknown[], from: number, size: number) => {
          const result = await index.search([ARTICLES], { sort, from, size });
          assert.equal(result.total, 5);
          return ordered(result);
        };
        // Full orders: a3, a1, a4, a2, a5 (missing priorities last, then urgency and slugline).
        const lastMissing = [{ priority: "desc" }, { urgency: "asc" }, { slugline: "desc" }];
        assert.deepEqual(await page(lastMissing, 0, 1), ["a3"]);
        assert.deepEqual(await page(lastMissing, 1, 2), ["a1", "a4"]);
        assert.deepEqual(await page(lastMissing, 3, 5), ["a2", "a5"]);
        // a5, a2, a4, a1, a3: missing priorities first.
        const firstMissing = [
          { priority: { order: "asc", missing: "_first" } },
          { urgency: "desc" },
          { slugline: "asc" },
        ];
        assert.deepEqual(await page(firstMissing, 0, 2), ["a5", "a2"]);
        assert.deepEqual(await page(firstMissing, 3, 2), ["a1", "a3"]);
        assert.deepEqual(await page(firstMissing, 4, 5), ["a3"]);
        assert.deepEqual(await page(firstMissing, 5, 2), []);
        // a1, a4, a2, a3, a5: the page's last hit ties with the next on the first key.
        const tied = [{ urgency: "asc" }, { slugline: "desc" }];
        assert.deepEqual(await page(tied, 1, 1), ["a4"]);
        assert.deepEqual(await page(tied, 2, 1), ["a2"]);
        // a5, a3, a2, a1, a4 (no desk); a2, a4, a1, a3, a5 (an array sorts by its largest
        // value descending).
        assert.deepEqual(await page([{ "task.desk": "desc" }, { urgency: "desc" }], 2, 2), [
          "a2",
          "a1",
        ]);
        const subjects = [{ "subject.qcode": "desc" }, { slugline: "asc" }];
        assert.deepEqual(await page(subjects, 1, 2), ["a4", "a1"]);
        assert.deepEqual(await page(subjects, 3, 1), ["a3"]);
        // a2, a4, a1, a3, a5: `mode: max` sorts an array by its largest value ascending too.
        const byLargest = [{ "subject.qcode": { order: "asc", mode: "max" } }, { slugline: "asc" }];
        assert.deepEqual(await page(byLargest, 0, 3), ["a2", "a4", "a1"]);
        assert.deepEqual(await page([{ "subject.qcode": "asc" }, { slugline: "asc" }], 0, 3), [
          "a1",
          "a2",
          "a4",
        ]);
      });

      await t.step("terms, date_histogram and filter aggregations", async () => {
        const result = await index.search([ARTICLES], {
          size: 0,
          aggs: {
            state: { terms: { field: "state" } },
            subject: { terms: { field: "subject.qcode", size: 1 } },
            monthly: { date_histogram: { field: "versioncreated", calendar_interval: "month" } },
            drafts: { filter: { term: { state: "draft" } } },
          },
        });
        assert.equal(result.total, 5);
        assert.equal(result.hits.length, 0);
        const aggs = result.aggregations as Record<string, { buckets?: unknown[] }>;
        assert.deepEqual(
          (aggs.state!.buckets as Array<{ key: string; doc_count: number }>).map((b) => [
            b.key,
            b.doc_count,
          ]),
          [["draft", 2], ["in_progress", 1], ["published", 1], ["spiked", 1]],
        );
        assert.deepEqual(aggs.subject, {
          doc_count_error_upper_bound: 0,
          sum_other_doc_count: 1,
          buckets: [{ key: "04000000", doc_count: 3 }],
        });
        assert.deepEqual(aggs.monthly!.buckets, [
          { key_as_string: "2024-01-01T00:00:00.000Z", key: Date.UTC(2024, 0, 1), doc_count: 3 },
          { key_as_string: "2024-02-01T00:00:00.000Z", key: Date.UTC(2024, 1, 1), doc_count: 2 },
        ]);
        assert.deepEqual(aggs.drafts, { doc_count: 2 });
      });

      await t.step("highlight marks matched words in text fields", async () => {
        const result = await find({ match: { headline: "fox" } }, {
          highlight: { fields: { headline: {} } },
        });
        const a1 = result.hits.find((h) => h._id === "a1")!;
        assert.deepEqual(a1.highlight, { headline: ["Quick brown <em>fox</em> jumps"] });
        const tagged = await find({ match: { body_html: "lazy" } }, {
          highlight: {
            pre_tags: ["<b>"],
            post_tags: ["</b>"],
            fields: { body_html: { number_of_fragments: 0 } },
          },
        });
        assert.deepEqual(tagged.hits[0]!.highlight, { body_html: ["<p>A <b>lazy</b> dog</p>"] });
      });

      await t.step(
        "full-text clauses in a filter context or post_filter do not score",
        async () => {
          await index.ensureIndex("ranked", itemMapping);
          const { body_html: _, ...base } = items()[0]!;
          const long = "a fox among many other words in a long headline";
          await index.index("ranked", [
            { ...base, _id: "r1", headline: long },
            { ...base, _id: "r2", headline: "fox" },
          ]);
          const fox = { match: { headline: "fox" } };
          const highlight = { fields: { headline: {} } };
          const search = (body: SearchBody) => index.search(["ranked"], body);
          assert.deepEqual(ordered(await search({ query: fox })), ["r2", "r1"]);
          // Constant scores: insertion order; the query's clauses highlight, post_filter's do not.
          for (const query of [{ bool: { filter: [fox] } }, { constant_score: { filter: fox } }]) {
            const result = await search({ query, highlight });
            assert.deepEqual(ordered(result), ["r1", "r2"], JSON.stringify(query));
            assert.ok(result.hits.every((h) => h.highlight), JSON.stringify(query));
          }
          const post = await search({ query: { match_all: {} }, post_filter: fox, highlight });
          assert.deepEqual(ordered(post), ["r1", "r2"]);
          assert.ok(post.hits.every((h) => !h.highlight));
          // Only the queried field scores: r1's body, full of the word, does not lift it.
          await index.index("ranked", [{
            ...base,
            _id: "r1",
            headline: long,
            body_html: "fox fox",
          }]);
          assert.deepEqual(ordered(await search({ query: fox })), ["r2", "r1"]);
        },
      );

      await t.step("wildcard and prefix matches share one score, as Elasticsearch's", async () => {
        await index.ensureIndex("patterned", itemMapping);
        const { body_html: _, ...base } = items()[0]!;
        await index.index("patterned", [
          { ...base, _id: "p1", headline: "flooding among many other words in a long headline" },
          { ...base, _id: "p2", headline: "flooding floods" },
        ]);
        const search = (query: SearchBody) =>
          index.search(["patterned"], { query, highlight: { fields: { headline: {} } } });
        const shapes: SearchBody[] = [
          { prefix: { headline: "flood" } },
          { wildcard: { headline: "flo*ing" } },
          { query_string: { query: "flood*", default_field: "headline" } },
          { query_string: { query: "headline:*ooding" } },
        ];
        for (const query of shapes) {
          const result = await search(query);
          // Equal scores: insertion order, although p2 holds more of the matched words.
          assert.deepEqual(ordered(result), ["p1", "p2"], JSON.stringify(query));
          assert.ok(result.hits.every((h) => h.highlight), JSON.stringify(query));
        }
      });

      await t.step("_source filtering keeps the requested fields and _id", async () => {
        const result = await find({ ids: { values: ["a1"] } }, {
          _source: { includes: ["headline", "task"], excludes: ["task.desk"] },
        });
        assert.deepEqual(result.hits[0]!._source, {
          _id: "a1",
          headline: "Quick brown fox jumps",
        });
        const nested = await find({ ids: { values: ["a1"] } }, {
          _source: ["subject.qcode", "flags.*"],
        });
        assert.deepEqual(nested.hits[0]!._source, {
          _id: "a1",
          subject: [{ qcode: "01000000" }, { qcode: "04000000" }],
          flags: { marked_for_not_publication: false },
        });
        const none = await find({ ids: { values: ["a1"] } }, { _source: false });
        assert.deepEqual(none.hits[0]!._source, { _id: "a1" });
      });

      await t.step("one search spans several resources and names each hit's resource", async () => {
        await index.ensureIndex("published", itemMapping);
        const [a1, a2] = items();
        await index.index("published", [{ ...a1!, _id: "p1" }, { ...a2!, _id: "p2" }]);
        const result = await index.search([ARTICLES, "published", "never"], {
          query: { match: { headline: "fox" } },
          aggs: { state: { terms: { field: "state" } } },
        });
        assert.deepEqual(result.hits.map((h) => [h._id, h._resource]).sort(), [
          ["a1", ARTICLES],
          ["a5", ARTICLES],
          ["p1", "published"],
        ]);
        assert.equal(result.total, 3);
        const states = result.aggregations?.state as { buckets: Array<{ key: string }> };
        assert.deepEqual(states.buckets.map((b) => b.key), ["draft", "spiked"]);
        const sortedAcross = await index.search([ARTICLES, "published"], {
          query: { match: { headline: "fox" } },
          sort: [{ urgency: "desc" }, { versioncreated: "asc" }],
        });
        assert.deepEqual(ordered(sortedAcross), ["a5", "a1", "p1"]);
        const byResource = await index.search([ARTICLES, "published"], {
          query: { term: { _resource: "published" } },
        });
        assert.deepEqual(sorted(byResource), ["p1", "p2"]);
        const privacy = perResourceFilter({
          [ARTICLES]: { term: { state: "spiked" } },
          published: undefined,
        });
        const visible = await index.search(
          [ARTICLES, "published"],
          addFilters({ query: { match: { headline: "fox" } } }, [privacy!]),
        );
        assert.deepEqual(sorted(visible), ["a5", "p1"]);
        // Equal scores (no scoring clause) in Elasticsearch's shard order, by index name whatever
        // the order the resources are named in, then each index's documents in insertion order.
        for (const resources of [["published", ARTICLES], [ARTICLES, "published"]]) {
          const constant = await index.search(resources, {
            query: { ids: { values: ["p2", "a2", "p1", "a1"] } },
          });
          assert.deepEqual(ordered(constant), ["a1", "a2", "p1", "p2"], resources.join());
        }
        // A resource named twice is searched once.
        const twice = await index.search([ARTICLES, "published", ARTICLES], {
          query: { ids: { values: ["p2", "a2", "a1"] } },
          aggs: { state: { terms: { field: "state" } } },
        });
        assert.deepEqual(ordered(twice), ["a1", "a2", "p2"]);
        assert.equal(twice.total, 3);
        const counts = twice.aggregations?.state as { buckets: Array<{ doc_count: number }> };
        assert.equal(counts.buckets.reduce((n, b) => n + b.doc_count, 0), 3);
      });

      await t.step(
        "html_field_analyzer fields fold accents; exact sub-fields keep them",
        async () => {
          const folded = mappingFromSchema(itemSchema, {
            searchFields: { headline: "html", slugline: "phrase", body_html: "text" },
          });
          await index.ensureIndex("folded", folded);
          const [a1] = items();
          const docs = [
            { ...a1!, _id: "f1", headline: "Još test", slugline: "Café", body_html: "plain" },
            {
              ...a1!,
              _id: "f2",
              headline: "jos again",
              slugline: "cafe",
              body_html: "café au lait",
            },
            { ...a1!, _id: "f3", headline: "Straße, Łódź", slugline: "Zebra", body_html: "x" },
            {
              ...a1!,
              _id: "f4",
              headline: "Breaking: Café ouvert",
              slugline: "Mise à jour: été",
              body_html: "chaud",
            },
          ];
          await index.index("folded", docs);
          const ids = async (query: unknown, extra: SearchBody = {}) =>
            (await index.search(["folded"], { query, ...extra })).hits.map((h) => h._id);
          const set = async (query: unknown) => (await ids(query)).sort();
          assert.deepEqual(await set({ match: { headline: "jos" } }), ["f1", "f2"]);
          assert.deepEqual(await set({ match: { headline: "JOŠ" } }), ["f1", "f2"]);
          assert.deepEqual(await set({ match_phrase: { headline: "jos test" } }), ["f1"]);
          assert.deepEqual(await set({ query_string: { query: "(jos)" } }), ["f1", "f2"]);
          assert.deepEqual(await set({ query_string: { query: "headline:strasse" } }), ["f3"]);
          assert.deepEqual(await set({ query_string: { query: "LODZ AND straße" } }), ["f3"]);
          assert.deepEqual(await set({ query_string: { query: "headline:još*" } }), ["f1", "f2"]);
          assert.deepEqual(
            await set({ multi_match: { query: "łodz", fields: ["headline", "slugline"] } }),
            ["f3"],
          );
          // Indexed words are folded; a term is not analysed.
          assert.deepEqual(await set({ term: { headline: "jos" } }), ["f1", "f2"]);
          assert.deepEqual(await set({ term: { headline: "još" } }), []);
          // A standard-analysed field keeps its accents.
          assert.deepEqual(await set({ match: { body_html: "cafe" } }), []);
          assert.deepEqual(await set({ match: { body_html: "café" } }), ["f2"]);
          // A query over folded and standard fields (no fields: the index's text fields) folds
          // its words for the first only: the web client's unfielded search (rundown items).
          assert.deepEqual(await set({ query_string: { query: '"café au lait"' } }), ["f2"]);
          assert.deepEqual(await set({ query_string: { query: "+café -straße" } }), [
            "f1",
            "f2",
            "f4",
          ]);
          assert.deepEqual(
            await set({
              query_string: { query: "lait AND café", fields: ["slugline", "body_html"] },
            }),
            ["f2"],
          );
          // A `word:` inside a phrase is no field prefix: the phrase folds as a whole.
          assert.deepEqual(await set({ query_string: { query: '"Breaking: café"' } }), ["f4"]);
          assert.deepEqual(
            await set({
              query_string: { query: '"Breaking: café"', fields: ["*"], lenient: true },
            }),
            ["f4"],
          );
          assert.deepEqual(
            await set({
              query_string: { query: 'chaud AND "Mise à jour: été"', fields: ["*"], lenient: true },
            }),
            ["f4"],
          );
          // A list's `q`: every field.
          assert.deepEqual(
            await set({ query_string: { query: '"café au lait"', fields: ["*"], lenient: true } }),
            ["f2"],
          );
          // Exact sub-fields, sorts and aggregation keys keep the stored values.
          assert.deepEqual(await set({ term: { "headline.keyword": "Još test" } }), ["f1"]);
          assert.deepEqual(await set({ term: { "slugline.phrase": "café" } }), ["f1"]);
          assert.deepEqual(await set({ query_string: { query: "slugline.keyword:Café" } }), ["f1"]);
          assert.deepEqual(await set({ query_string: { query: "slugline.keyword:Cafe" } }), []);
          assert.deepEqual(await set({ query_string: { query: "_exists_:slugline.phrase" } }), [
            "f1",
            "f2",
            "f3",
            "f4",
          ]);
          assert.deepEqual(await ids({ match_all: {} }, { sort: [{ "slugline.phrase": "asc" }] }), [
            "f2",
            "f1",
            "f4",
            "f3",
          ]);
          const aggs = await index.search(["folded"], {
            size: 0,
            aggs: { h: { terms: { field: "headline.keyword" } } },
          });
          const buckets = (aggs.aggregations?.h as { buckets: Array<{ key: string }> }).buckets;
          assert.deepEqual(buckets.map((b) => b.key), [
            "Breaking: Café ouvert",
            "Još test",
            "Straße, Łódź",
            "jos again",
          ]);
          // Hits and highlights give the stored values back.
          const lit = await index.search(["folded"], {
            query: { match: { headline: "lodz" } },
            highlight: { fields: { headline: { number_of_fragments: 0 } } },
          });
          assert.equal(lit.hits[0]!._source.headline, "Straße, Łódź");
          assert.equal(lit.hits[0]!._source.slugline, "Zebra");
          assert.deepEqual(lit.hits[0]!.highlight, { headline: ["Straße, <em>Łódź</em>"] });
        },
      );

      await t.step("bad or unsupported DSL answers BadRequestError with a reason", async () => {
        const bad: SearchBody[] = [
          { query: { no_such_query: {} } },
          { query: { range: { urgency: { gte: "abc" } } } },
          { query: { match_all: {} }, sort: [{ headline: "asc" }] },
          { query: { match_all: {} }, from: 9_999, size: 10 },
          { query: { query_string: { query: "headline:(" } } },
          { query: { query_string: { query: "headline : " } } },
          { query: { query_string: { query: "headline:-budget" } } },
          { query: { query_string: { query: "headline : NOT budget" } } },
        ];
        for (const body of bad) {
          await assert.rejects(index.search([ARTICLES], body), (error: unknown) => {
            assert.ok(error instanceof BadRequestError, `${JSON.stringify(body)}: ${error}`);
            assert.equal(error.status, 400);
            assert.ok(error.message.length > 10, error.message);
            return true;
          });
        }
        await assert.rejects(
          index.search([ARTICLES], { query: { no_such_query: {} } }),
          /no_such_query/,
        );
      });

      await t.step("translated list queries and legacy DSL run on the index", async () => {
        const list = translateListQuery({
          where: { state: { $in: ["draft", "published"] }, urgency: { $gte: 2 } },
          sort: [["versioncreated", -1]],
          max_results: 1,
          page: 1,
        });
        const page = await index.search([ARTICLES], list);
        assert.equal(page.total, 2);
        assert.deepEqual(ordered(page), ["a4"]);
        const legacy = rewriteLegacyDsl({
          query: {
            filtered: {
              query: { query_string: { query: "fox OR economy" } },
              filter: { and: [{ term: { state: "draft" } }, { not: { term: { urgency: 2 } } }] },
            },
          },
        });
        assert.deepEqual(sorted(await index.search([ARTICLES], legacy)), ["a1"]);
      });

      await t.step("remove deletes by id and ignores absent ids", async () => {
        await index.remove(ARTICLES, ["a5", "absent"]);
        assert.equal((await find({ match_all: {} })).total, 4);
        assert.equal((await find({ match: { headline: "news" } })).total, 0);
      });

      await t.step("getVersions and scanVersions report the indexed etags", async () => {
        await index.index(ARTICLES, [{ ...items()[0]!, _etag: "e-a1-2" }]);
        const versions = await index.getVersions(ARTICLES, ["a1", "a2", "a5", "nope"]);
        assert.deepEqual([...versions].sort(), [["a1", "e-a1-2"], ["a2", "e-a2-1"]]);
        const scanned: IndexedVersion[] = [];
        for await (const batch of index.scanVersions(ARTICLES, { batchSize: 3 })) {
          assert.ok(batch.length <= 3);
          scanned.push(...batch);
        }
        assert.deepEqual(scanned.map((v) => [v._id, v._etag]).sort(), [
          ["a1", "e-a1-2"],
          ["a2", "e-a2-1"],
          ["a3", "e-a3-1"],
          ["a4", "e-a4-1"],
        ]);
        assert.deepEqual(await index.getVersions("never", ["a1"]), new Map());
      });

      await t.step("an older copy never replaces a newer one, live or in a rebuild", async () => {
        const resource = "versioned";
        await index.ensureIndex(resource, itemMapping);
        const copy = (_id: string, minute: number, _etag: string) => ({
          ...items()[0]!,
          _id,
          _etag,
          _updated: new Date(Date.UTC(2026, 0, 1, 9, minute)),
        });
        const held = async () => [...await index.getVersions(resource, ["v1", "v2"])].sort();
        await index.index(resource, [copy("v1", 2, "v1-2")]);
        await peer.index(resource, [copy("v1", 1, "v1-1")]);
        assert.deepEqual(await held(), [["v1", "v1-2"]]);
        await peer.index(resource, [copy("v1", 2, "v1-2b")]);
        assert.deepEqual(await held(), [["v1", "v1-2b"]]);
        const rebuild = await index.beginRebuild(resource, itemMapping);
        await peer.index(resource, [copy("v1", 4, "v1-4")]);
        await rebuild.write([copy("v1", 3, "v1-3"), copy("v2", 5, "v2-5")]);
        await peer.index(resource, [copy("v2", 4, "v2-4")]);
        await rebuild.finish();
        assert.deepEqual(await held(), [["v1", "v1-4"], ["v2", "v2-5"]]);
      });

      await t.step("a new version replaces changed text and values, keeps the rest", async () => {
        const resource = "rewritten";
        await index.ensureIndex(resource, itemMapping);
        const [first, second] = items();
        await index.index(resource, [first!, second!]);
        const hits = async (query: unknown) =>
          sorted(await index.search([resource], { query, size: 10 }));
        // Only values change: the text still matches, the values are the new ones.
        await index.index(resource, [{ ...first!, state: "corrected", urgency: 5, subject: [] }]);
        assert.deepEqual(await hits({ match: { body_html: "fox" } }), ["a1"]);
        assert.deepEqual(await hits({ term: { state: "corrected" } }), ["a1"]);
        assert.deepEqual(await hits({ term: { state: "draft" } }), []);
        assert.deepEqual(await hits({ term: { "subject.qcode": "01000000" } }), []);
        assert.deepEqual(await hits({ term: { "subject.qcode": "04000000" } }), ["a2"]);
        assert.deepEqual(await hits({ range: { urgency: { gte: 5 } } }), ["a1"]);
        // The headline changes, the body is dropped: old words no longer match.
        const { body_html: _dropped, ...withoutBody } = first!;
        await index.index(resource, [{ ...withoutBody, headline: "Slow grey wolf" }]);
        assert.deepEqual(await hits({ match: { headline: "wolf" } }), ["a1"]);
        assert.deepEqual(await hits({ match: { headline: "fox" } }), []);
        assert.deepEqual(await hits({ match: { body_html: "fox" } }), []);
        assert.deepEqual(await hits({ match: { body_html: "quick" } }), []);
        // The other document is untouched; removing the first leaves no trace of it.
        const other = await hits({ match_all: {} });
        assert.deepEqual(other, ["a1", "a2"]);
        await index.remove(resource, ["a1"]);
        assert.deepEqual(await hits({ match: { headline: "wolf" } }), []);
        assert.deepEqual(await hits({ match_all: {} }), ["a2"]);
      });

      await t.step("many values per document, and updates that change some of them", async () => {
        const resource = "many_values";
        await index.ensureIndex(resource, itemMapping);
        const [first, second] = items();
        // 150 subjects: more value rows than one insert statement of the embedded index takes.
        const subjects = Array.from({ length: 150 }, (_, i) => ({ qcode: `q${i}`, name: `n${i}` }));
        const words = Array.from({ length: 150 }, (_, i) => `word${i}`).join(" ");
        const many = { ...first!, subject: subjects, body_html: `<p>${words}</p>` };
        await index.index(resource, [many, second!]);
        const hits = async (query: unknown) =>
          sorted(await index.search([resource], { query, size: 10 }));
        for (const i of [0, 63, 64, 80, 149]) {
          assert.deepEqual(await hits({ term: { "subject.qcode": `q${i}` } }), ["a1"]);
          assert.deepEqual(await hits({ match: { body_html: `word${i}` } }), ["a1"]);
        }
        assert.deepEqual(await hits({ wildcard: { body_html: "word14*" } }), ["a1"]);
        const counted = await index.search([resource], {
          size: 0,
          aggs: { qcodes: { terms: { field: "subject.qcode", size: 200 } } },
        });
        const buckets = (counted.aggregations?.qcodes as { buckets: unknown[] }).buckets;
        assert.equal(buckets.length, 151);
        // One subject replaced and the order changed, the text the same: the old qcode is gone.
        const changed = [...subjects.slice(1).reverse(), { qcode: "fresh", name: "fresh" }];
        await index.index(resource, [{ ...many, subject: changed, state: "corrected" }]);
        assert.deepEqual(await hits({ term: { "subject.qcode": "q0" } }), []);
        assert.deepEqual(await hits({ term: { "subject.qcode": "fresh" } }), ["a1"]);
        assert.deepEqual(await hits({ term: { "subject.qcode": "q149" } }), ["a1"]);
        assert.deepEqual(await hits({ match: { body_html: "word149" } }), ["a1"]);
        assert.deepEqual(await hits({ match_phrase: { body_html: "word3 word4" } }), ["a1"]);
        // The same text once more, then new text: the old words go, the new ones match.
        await index.index(resource, [{ ...many, subject: changed, body_html: "<p>other</p>" }]);
        assert.deepEqual(await hits({ match: { body_html: "word3" } }), []);
        assert.deepEqual(await hits({ match: { body_html: "other" } }), ["a1"]);
        assert.deepEqual(await hits({ match: { headline: "fox" } }), ["a1"]);
        assert.deepEqual(await hits({ term: { "subject.qcode": "q5" } }), ["a1"]);
        // Dates as Date objects, then the same instants as strings: the same answers.
        const at = new Date("2024-03-01T10:00:00.000Z");
        await index.index(resource, [{ ...second!, versioncreated: at }]);
        await index.index(resource, [{ ...second!, versioncreated: at.toISOString() }]);
        assert.deepEqual(
          await hits({ range: { versioncreated: { gte: "2024-03-01T00:00:00Z" } } }),
          ["a2"],
        );
      });

      await t.step("a refused document fails alone with a SearchIndexWriteError", async () => {
        await index.ensureIndex("broken", itemMapping);
        const [good, bad] = items();
        const error = await index.index("broken", [good!, { ...bad!, urgency: "many" }])
          .then(() => undefined, (e) => e);
        assert.ok(error instanceof SearchIndexWriteError);
        assert.deepEqual(error.failures.map((f) => f._id), ["a2"]);
        assert.ok(error.failures[0]!.reason.length > 0);
        assert.deepEqual(sorted(await index.search(["broken"], {})), ["a1"]);
        await assert.rejects(index.index("never", [good!]), SearchIndexWriteError);
      });

      await t.step(
        "an older copy with a value the mapping refuses is refused all the same",
        async () => {
          // Elasticsearch parses a document before it compares versions.
          const resource = "stale_refused";
          await index.ensureIndex(resource, itemMapping);
          const copy = (minute: number, extra: Record<string, unknown> = {}) => ({
            ...items()[0]!,
            _etag: `s-${minute}`,
            _updated: new Date(Date.UTC(2026, 0, 1, 9, minute)),
            ...extra,
          });
          await index.index(resource, [copy(2)]);
          const error = await index.index(resource, [copy(1, { urgency: "many" })])
            .then(() => undefined, (e) => e);
          assert.ok(error instanceof SearchIndexWriteError, String(error));
          assert.deepEqual(error.failures.map((f) => [f._id, f.permanent]), [["a1", true]]);
          assert.deepEqual([...await index.getVersions(resource, ["a1"])], [["a1", "s-2"]]);
        },
      );

      await t.step("rebuild swaps the alias and keeps writes made during it", async () => {
        await rebuildUnderWrites(index, peer);
      });

      await t.step("abort leaves the live index in place", async () => {
        await index.ensureIndex("aborted", itemMapping);
        await index.index("aborted", items().slice(0, 2));
        const before = await index.currentIndex("aborted");
        const rebuild = await index.beginRebuild("aborted", itemMapping);
        await rebuild.abort();
        await index.index("aborted", items().slice(2, 3));
        assert.equal(await index.currentIndex("aborted"), before);
        assert.equal((await index.search(["aborted"], {})).total, 3);
      });

      await t.step("a rebuild left open by a crashed process can be replaced", async () => {
        const abandoned = await index.beginRebuild("aborted", itemMapping);
        await assert.rejects(peer.beginRebuild("aborted", itemMapping), ConflictError);
        const rebuild = await peer.beginRebuild("aborted", itemMapping, { replace: true });
        assert.notEqual(rebuild.target, undefined);
        await rebuild.write(items());
        await rebuild.finish();
        assert.equal(await index.currentIndex("aborted"), rebuild.target);
        assert.equal((await index.search(["aborted"], {})).total, 5);
        await assert.rejects(abandoned.write(items()));
      });

      await t.step("ping reports the engine and its version", async () => {
        const status = await index.ping();
        assert.equal(status.ok, true);
        assert.equal(status.seam, "search");
        assert.ok(status.version);
      });
    } finally {
      for (const resource of RESOURCES) await index.drop(resource);
      await cleanup();
    }
  });
}

/**
 * Copies a snapshot while live writes (new, updated, deleted documents) keep arriving through
 * another handle, which knows nothing of the rebuild but what the engine holds.
 */
async function rebuildUnderWrites(index: SearchIndex, peer: SearchIndex): Promise<void> {
  const resource = "rebuilt";
  await index.ensureIndex(resource, itemMapping);
  const template = items()[0]!;
  const snapshot = Array.from({ length: 40 }, (_, i) => ({
    ...template,
    _id: `n${i}`,
    _etag: `n${i}-1`,
  }));
  await index.index(resource, snapshot);
  const before = await index.currentIndex(resource);
  const richer = mappingFromSchema(itemSchema, {
    searchFields: { headline: "text", body_html: "text", slugline: "text" },
  });
  const rebuild = await index.beginRebuild(resource, richer);
  await assert.rejects(index.beginRebuild(resource, richer), ConflictError);
  for (let i = 0; i < snapshot.length; i += 10) {
    await rebuild.write(snapshot.slice(i, i + 10));
    const live = i / 10;
    await peer.index(resource, [
      { ...template, _id: `w${live}`, _etag: `w${live}-1` },
      { ...template, _id: `n${39 - live}`, _etag: `n${39 - live}-2`, slugline: "updated story" },
    ]);
    await peer.remove(resource, [`n${live}`]);
  }
  await rebuild.finish();
  const after = await index.currentIndex(resource);
  assert.notEqual(after, before);
  assert.equal(after, rebuild.target);
  const all = await index.search([resource], { size: 100 });
  assert.equal(all.total, 40 + 4 - 4);
  const written = { ids: { values: ["w0", "w1", "w2", "w3"] } };
  assert.equal((await index.search([resource], { query: written })).total, 4);
  const updated = await index.getVersions(resource, ["n39", "n36", "n35"]);
  assert.deepEqual([...updated].sort(), [["n35", "n35-1"], ["n36", "n36-2"], ["n39", "n39-2"]]);
  const byNewMapping = await index.search([resource], { query: { match: { slugline: "story" } } });
  assert.deepEqual(sorted(byNewMapping), ["n36", "n37", "n38", "n39"]);
}
