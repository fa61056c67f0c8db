/**
 * Randomised updates of the embedded index (repeated values, values changing type, fields
 * appearing and going, deletes and re-inserts, writes issued together so they share a commit),
 * on a new index and on one with the values table indexes had before session 9: each must hold
 * the distinct value rows and the texts of the final documents indexed afresh, and answer the
 * same queries (including array sorts and aggregation counts) the same way. With
 * ELASTICSEARCH_URL set, Elasticsearch given the same writes one by one must answer them alike
 * (hits compared as sets, sorted hits by their sort keys: ties may be broken differently).
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { createElasticSearchIndex } from "../../src/search/elastic/elastic_search_index.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import type { SearchBody, SearchDoc, SearchIndex } from "../../src/search/search_index.ts";
import { valuesAt } from "../../src/search/sqlite/sqlite_values.ts";
import { uniqueName } from "../_engines.ts";
import { itemMapping } from "./_search_fixtures.ts";

const ELASTIC = Deno.env.get("ELASTICSEARCH_URL");

/** A small deterministic generator (mulberry32), so a failure can be replayed by its seed. */
function generator(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, pick };
}

const WORDS = ["fox", "dog", "u.s", "o'neil", "1,000", "bear", "fox", "grey"];
const QCODES = ["01000000", "04000000", "1", "01"];
const INSTANTS = ["2024-01-01T10:00:00.000Z", "2024-01-02T00:00:00.000Z"];

function randomDoc(r: ReturnType<typeof generator>, id: string, n: number): SearchDoc {
  // Some words only this version brings (an edit must record them for wildcards).
  const words = (k: number) =>
    Array.from({ length: k }, () => r.next() < 0.2 ? `new${n}x` : r.pick(WORDS)).join(" ");
  const instant = r.pick(INSTANTS);
  const doc: SearchDoc = {
    _id: id,
    _etag: `${id}-${n}`,
    headline: r.next() < 0.2 ? [words(2), words(2)] : words(3),
    // The same number as a number, as text, and truncated from a fraction (a long).
    urgency: r.pick([1, "1", 1.7, 2, "2", [2, 2], [1, 2, 1]]),
    priority: r.pick([1, 1.0, "1", 1.5, [1.5, 1.5], undefined]),
    state: r.pick(["draft", "published", ["draft", "draft"], 1, "1"]),
    slugline: r.pick(["fox", "Fox", 1, "1", ["fox", "dog", "fox"]]),
    flags: { marked_for_not_publication: r.pick([true, false, "true", [true, true]]) },
    subject: Array.from(
      { length: Math.floor(r.next() * 4) },
      () => ({ qcode: r.pick(QCODES), name: r.pick(["a", "b"]) }),
    ),
    versioncreated: r.pick([instant, new Date(instant), Date.parse(instant), [instant, instant]]),
  };
  if (r.next() < 0.5) doc.body_html = r.next() < 0.2 ? null : `<p>${words(4)}</p>`;
  if (r.next() < 0.5) doc.task = { desk: r.pick(["d1", "d2", null]) };
  return doc;
}

/** Distinct value rows (text markers as presence) and texts of every document, by id. */
function rowsOf(db: DatabaseSync, prefix: string) {
  const { name } = db.prepare(
    `SELECT name FROM "${prefix}__indexes" WHERE resource = 'stories' AND role = 'live'`,
  ).get() as { name: string };
  const values = db.prepare(
    `SELECT DISTINCT d.id, v.path, quote(CASE WHEN v.val IS NULL THEN 0 ELSE v.val END) AS val
     FROM "${name}__v" v JOIN "${name}" d ON d.rid = v.rid ORDER BY 1, 2, 3`,
  ).all().map((row) => `${row.id} ${row.path}=${row.val}`);
  const texts = db.prepare(
    `SELECT d.id, c.id % 256 AS k, c.c0 AS body FROM "${name}__fts_content" c
     JOIN "${name}" d ON d.rid = c.id / 256 ORDER BY 1, 2`,
  ).all().map((row) => `${row.id} ${row.k}:${row.body}`);
  const terms = db.prepare(`SELECT term FROM "${name}__terms" ORDER BY 1`).all()
    .map((row) => String(row.term));
  return { values, texts, terms };
}

/** `index`'s rows equal `expected`'s; its terms hold `expected`'s (terms are never pruned). */
function assertRows(index: ReturnType<typeof rowsOf>, expected: ReturnType<typeof rowsOf>) {
  assert.deepEqual(index.values, expected.values);
  assert.deepEqual(index.texts, expected.texts);
  const held = new Set(index.terms);
  assert.deepEqual(expected.terms.filter((term) => !held.has(term)), []);
}

const QUERIES: SearchBody[] = [
  { query: { term: { urgency: 1 } } },
  { query: { term: { slugline: "1" } } },
  { query: { term: { state: 1 } } },
  { query: { range: { priority: { gte: 1, lt: 1.5 } } } },
  { query: { term: { "flags.marked_for_not_publication": true } } },
  { query: { exists: { field: "body_html" } } },
  { query: { bool: { must_not: { exists: { field: "task.desk" } } } } },
  { query: { query_string: { query: "fox AND NOT grey" } } },
  { query: { query_string: { query: "o*" } } },
  { query: { query_string: { query: "new*" } } },
  { query: { match_phrase: { headline: "fox dog" } } },
  { query: { match_all: {} }, sort: [{ urgency: "desc" }, { priority: "asc" }, "_doc"] },
  { query: { match_all: {} }, sort: [{ "subject.qcode": "asc" }, { slugline: "desc" }, "_doc"] },
  {
    size: 0,
    aggs: {
      subject: { terms: { field: "subject.qcode" } },
      urgency: { terms: { field: "urgency" } },
      priority: { terms: { field: "priority" } },
      flags: { terms: { field: "flags.marked_for_not_publication" } },
      day: { date_histogram: { field: "versioncreated", calendar_interval: "day" } },
    },
  },
];

/** The sort keys of a hit under one of the two sorts above (min ascending, max descending). */
function sortKey(body: SearchBody, source: Record<string, unknown>): string {
  const numbers = (path: string, long: boolean) =>
    valuesAt(source, path).map((v) => long ? Math.trunc(Number(v)) : Number(v));
  const texts = (path: string) => valuesAt(source, path).map(String).sort();
  const pick = <T>(values: T[], min: boolean) =>
    values.length
      ? (min ? values.reduce((a, b) => a < b ? a : b) : values.reduce((a, b) => a > b ? a : b))
      : null;
  const first = JSON.stringify((body.sort as unknown[])[0]);
  return JSON.stringify(
    first.includes("urgency")
      ? [pick(numbers("urgency", true), false), pick(numbers("priority", false), true)]
      : [pick(texts("subject.qcode"), true), pick(texts("slugline"), false)],
  );
}

/** Each query's answer; `loose`: hits as a set, or by sort key (another engine's tie order). */
async function answers(index: SearchIndex, loose = false) {
  const out = [];
  for (const body of QUERIES) {
    const result = await index.search(["stories"], { size: 50, ...body });
    const ids = result.hits.map((hit) => hit._id);
    out.push({
      ids: !loose ? ids : body.sort ? ids.slice().sort() : ids.sort(),
      keys: loose && body.sort ? result.hits.map((hit) => sortKey(body, hit._source)) : [],
      total: result.total,
      aggs: result.aggregations,
    });
  }
  return out;
}

for (const seed of [1, 2, 3, 4, 5, 6]) {
  Deno.test(`random updates (seed ${seed}) leave the rows and answers of a fresh index`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "random_updates_" });
    const path = `${dir}/search.db`;
    const indexes = ["upd", "old", "new"].map((prefix) =>
      createSqliteSearchIndex({ path, prefix })
    );
    const [updated, old, fresh] = indexes as [SearchIndex, SearchIndex, SearchIndex];
    const db = new DatabaseSync(path);
    const elastic = ELASTIC
      ? createElasticSearchIndex({ url: ELASTIC, prefix: uniqueName("random_updates") })
      : undefined;
    try {
      await elastic?.ensureIndex("stories", itemMapping);
      for (const index of indexes) await index.ensureIndex("stories", itemMapping);
      const { name } = db.prepare(
        `SELECT name FROM "old__indexes" WHERE resource = 'stories' AND role = 'live'`,
      ).get() as { name: string };
      db.exec(`DROP TABLE "${name}__v";
        CREATE TABLE "${name}__v" (rid INTEGER NOT NULL, path TEXT NOT NULL, val);
        CREATE INDEX "${name}__v_path" ON "${name}__v" (path, val, rid);
        CREATE INDEX "${name}__v_rid" ON "${name}__v" (rid, path, val);`);
      const r = generator(seed);
      const ids = ["a", "b", "c", "d", "e", "f"];
      const final = new Map<string, SearchDoc>();
      for (let round = 0; round < 40; round++) {
        // Writes issued together share one commit: an update, a delete and a re-insert.
        const batch: Array<{ id: string; doc?: SearchDoc }> = [];
        for (let k = 0; k < 3; k++) {
          const id = r.pick(ids);
          batch.push({ id, doc: r.next() < 0.2 ? undefined : randomDoc(r, id, round * 3 + k) });
        }
        for (const index of [updated, old]) {
          await Promise.all(
            batch.map(({ id, doc }) =>
              doc ? index.index("stories", [doc]) : index.remove("stories", [id])
            ),
          );
        }
        for (const { id, doc } of batch) {
          doc ? final.set(id, doc) : final.delete(id);
          if (doc) await elastic?.index("stories", [doc], { refresh: "true" });
          else await elastic?.remove("stories", [id], { refresh: "true" });
        }
      }
      // Each write of a batch is applied in the order issued, so the last one of an id wins.
      await fresh.index("stories", [...final.values()]);
      const expected = rowsOf(db, "new");
      assert.ok(expected.values.length > 20);
      assert.ok(expected.terms.some((term) => term.startsWith("new")));
      assertRows(rowsOf(db, "upd"), expected);
      assertRows(rowsOf(db, "old"), expected);
      const answered = await answers(fresh);
      assert.deepEqual(await answers(updated), answered);
      assert.deepEqual(await answers(old), answered);
      if (elastic) assert.deepEqual(await answers(updated, true), await answers(elastic, true));
    } finally {
      await elastic?.drop("stories").catch(() => {});
      await elastic?.close();
      db.close();
      for (const index of indexes) await index.close();
      await Deno.remove(dir, { recursive: true });
    }
  });
}
