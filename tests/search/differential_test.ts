/**
 * The search differential test: 6,000 archive items made from a real news corpus
 * (`scripts/news_corpus fetch`) are indexed with archive's mapping into Elasticsearch and into
 * the embedded index, then at least 300 generated queries (`_differential_queries.ts`) run on
 * both. Hit ids and totals must be equal (ids in order where the sort decides the order),
 * aggregations equal, and a query one engine refuses must be refused by the other. Every
 * mismatch is printed with its query; any mismatch fails the test, so it catches either
 * engine drifting. Gated on ELASTICSEARCH_URL and NEWS_CORPUS (both required in CI).
 */
import assert from "node:assert/strict";
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { toSearchDoc } from "../../src/indexing/search_doc.ts";
import { printLine } from "../../src/log.ts";
import { archiveResource } from "../../src/newsroom/archive_resource.ts";
import { createElasticSearchIndex } from "../../src/search/elastic/elastic_search_index.ts";
import type { SearchIndex, SearchResult } from "../../src/search/search_index.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { loadNewsItems } from "../fixtures/news_corpus.ts";
import { type GeneratedQuery, generateQueries } from "./_differential_queries.ts";

const ITEMS = 6_000;
/** How many queries, and the generator's seed (other seeds explore other queries). */
const QUERIES = Number(Deno.env.get("SEARCH_DIFF_QUERIES") ?? 330);
const SEED = Number(Deno.env.get("SEARCH_DIFF_SEED") ?? 14);
const RESOURCE = "archive";

const esUrl = engineUrl("ELASTICSEARCH_URL");
const corpus = engineUrl("NEWS_CORPUS");

type Outcome = { result: SearchResult } | { error: string };

if (esUrl && corpus) {
  Deno.test({
    name: `elasticsearch and the embedded index give the same answers to ${QUERIES} queries`,
    ignore: QUERIES < 300,
    sanitizeResources: false,
    async fn() {
      const items = (await loadNewsItems(corpus, ITEMS)).map((d) =>
        toSearchDoc(archiveResource, d)
      );
      const mapping = resourceMapping(archiveResource);
      const dir = await Deno.makeTempDir({ prefix: "search_differential_" });
      const elastic = createElasticSearchIndex({ url: esUrl, prefix: uniqueName("diff") });
      const sqlite = createSqliteSearchIndex({ path: `${dir}/search.db`, prefix: "diff" });
      try {
        for (const index of [elastic, sqlite]) {
          await index.ensureIndex(RESOURCE, mapping);
          for (let i = 0; i < items.length; i += 500) {
            await index.index(RESOURCE, items.slice(i, i + 500), { refresh: "false" });
          }
          assert.equal(await index.count(RESOURCE), ITEMS);
        }
        const queries = generateQueries(items, QUERIES, SEED);
        const mismatches: string[] = [];
        const shapes = new Map<string, number>();
        let refused = 0;
        let empty = 0;
        for (const query of queries) {
          shapes.set(query.shape, (shapes.get(query.shape) ?? 0) + 1);
          const [es, embedded] = [await run(elastic, query), await run(sqlite, query)];
          if ("error" in es) {
            refused++;
            printLine(
              `refused by elasticsearch: ${es.error}\n  query: ${JSON.stringify(query.body)}`,
            );
          } else if (es.result.total === 0) {
            empty++;
            printLine(`empty: ${query.shape} ${JSON.stringify(query.body).slice(0, 200)}`);
          }
          const problem = compare(query, es, embedded);
          if (problem) mismatches.push(`${problem}\n  query: ${JSON.stringify(query.body)}`);
        }
        printLine(
          `differential: ${queries.length} queries of ${shapes.size} shapes over ${ITEMS} items: ` +
            `${mismatches.length} mismatches, ${refused} refused by Elasticsearch, ${empty} with ` +
            "no hits",
        );
        // A query both engines refuse, or that finds nothing, proves little: keep them few.
        assert.ok(refused + empty < queries.length / 10, `${refused} refused, ${empty} empty`);
        for (const mismatch of mismatches) printLine(`MISMATCH ${mismatch}`);
        assert.equal(mismatches.length, 0, `${mismatches.length} queries answered differently`);
      } finally {
        await elastic.drop(RESOURCE).catch(() => {});
        await elastic.close();
        await sqlite.close();
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}

async function run(index: SearchIndex, query: GeneratedQuery): Promise<Outcome> {
  try {
    return { result: await index.search([RESOURCE], query.body) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** What differs between the two answers, or undefined when they agree. */
function compare(query: GeneratedQuery, es: Outcome, embedded: Outcome): string | undefined {
  const label = `[${query.shape}]`;
  if ("error" in es || "error" in embedded) {
    if ("error" in es && "error" in embedded) return undefined;
    return `${label} only one engine refused: elasticsearch ${
      "error" in es ? es.error : "answered"
    }; embedded ${"error" in embedded ? embedded.error : "answered"}`;
  }
  const [a, b] = [es.result, embedded.result];
  if (a.total !== b.total) return `${label} totals: elasticsearch ${a.total}, embedded ${b.total}`;
  const ids = (r: SearchResult) => r.hits.map((h) => h._id);
  if (query.compare === "order") {
    const [x, y] = [ids(a), ids(b)];
    const at = x.findIndex((id, i) => id !== y[i]);
    if (at >= 0 || x.length !== y.length) {
      return `${label} order differs at ${at}: elasticsearch ${x[at]}, embedded ${y[at]}`;
    }
  } else if (query.compare === "set") {
    const [x, y] = [new Set(ids(a)), new Set(ids(b))];
    const onlyEs = [...x].filter((id) => !y.has(id));
    const onlyEmbedded = [...y].filter((id) => !x.has(id));
    if (onlyEs.length || onlyEmbedded.length) {
      return `${label} hits differ: only elasticsearch ${
        onlyEs.slice(0, 5).join(" ")
      } (${onlyEs.length}); ` +
        `only embedded ${onlyEmbedded.slice(0, 5).join(" ")} (${onlyEmbedded.length})`;
    }
  } else {
    const x = JSON.stringify(a.aggregations, sortedKeys);
    const y = JSON.stringify(b.aggregations, sortedKeys);
    if (x !== y) return `${label} aggregations differ:\n  elasticsearch ${x}\n  embedded      ${y}`;
  }
  return undefined;
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}
