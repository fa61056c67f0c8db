/**
 * Aggregations over few and many matching documents (`agg_sources.ts`): `terms` (arrays, missing
 * values), `date_histogram` and `filter` counts equal the counts of the matching documents' own
 * values, on an index with deleted documents, whether each document's values are looked up (few
 * matches) or the field's rows are checked against the list of matches (many); and which is taken.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import type { SearchDoc } from "../../src/search/search_index.ts";
import { openCatalog } from "../../src/search/sqlite/sqlite_catalog.ts";
import { runSearch } from "../../src/search/sqlite/sqlite_search.ts";
import { deleteDoc, writeDocs } from "../../src/search/sqlite/sqlite_tables.ts";
import { itemMapping } from "./_search_fixtures.ts";
import { recording } from "./_recording_db.ts";

const STATES = ["draft", "published", "in_progress", "spiked"];

function item(i: number) {
  return {
    _id: `i${i}`,
    headline: `headline ${i}`,
    slugline: `s${i % 13}`,
    urgency: 1 + i % 5,
    state: STATES[i % 4]!,
    flags: { marked_for_not_publication: i % 9 === 0 },
    subject: Array.from({ length: i % 4 }, (_, j) => ({ qcode: `q${(i + j) % 6}`, name: "x" })),
    versioncreated: new Date(Date.UTC(2024, 0, 1 + i % 30, 10)).toISOString(),
    ...(i % 5 ? { task: { desk: `d${i % 3}` } } : {}),
  };
}

type Item = ReturnType<typeof item>;

const AGGS = {
  state: { terms: { field: "state", size: 50 } },
  subject: { terms: { field: "subject.qcode", size: 50 } },
  desk: { terms: { field: "task.desk", size: 50 } },
  daily: {
    date_histogram: { field: "versioncreated", calendar_interval: "day", min_doc_count: 1 },
  },
  urgent: { filter: { range: { urgency: { gte: 4 } } } },
};

/** The same aggregations counted from the documents themselves. */
function expected(docs: Item[]) {
  const count = (values: (doc: Item) => string[]) => {
    const counts = new Map<string, number>();
    for (const doc of docs) {
      for (const v of new Set(values(doc))) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return Object.fromEntries([...counts].sort());
  };
  return {
    state: count((d) => [d.state]),
    subject: count((d) => d.subject.map((s) => s.qcode)),
    desk: count((d) => d.task ? [d.task.desk] : []),
    daily: count((d) => [d.versioncreated.slice(0, 10)]),
    urgent: docs.filter((d) => d.urgency >= 4).length,
  };
}

function answered(aggregations: Record<string, unknown>) {
  const buckets = (name: string, key: (b: Record<string, unknown>) => string) =>
    Object.fromEntries(
      (aggregations[name] as { buckets: Array<Record<string, unknown>> }).buckets
        .map((b) => [key(b), b.doc_count as number]).sort(),
    );
  return {
    state: buckets("state", (b) => String(b.key)),
    subject: buckets("subject", (b) => String(b.key)),
    desk: buckets("desk", (b) => String(b.key)),
    daily: buckets("daily", (b) => String(b.key_as_string).slice(0, 10)),
    urgent: (aggregations.urgent as { doc_count: number }).doc_count,
  };
}

Deno.test("aggregations over few and many matches count the matching documents' values", () => {
  const db = new DatabaseSync(":memory:");
  const layout = openCatalog(db, "aggs").create("items", itemMapping, "live");
  const all = Array.from({ length: 400 }, (_, i) => item(i));
  assert.deepEqual(writeDocs(db, layout, all as unknown as SearchDoc[]), []);
  const removed = new Set(Array.from({ length: 40 }, (_, i) => `i${i * 10 + 3}`));
  for (const id of removed) deleteDoc(db, layout, id);
  const kept = all.filter((d) => !removed.has(d._id));
  const cases: Array<[unknown, (d: Item) => boolean, boolean]> = [
    // 28 of 400 rowids, then 8 and 0: each document's values looked up.
    [{ term: { slugline: "s3" } }, (d) => d.slugline === "s3", true],
    [
      { bool: { filter: [{ term: { slugline: "s5" } }, { term: { urgency: 2 } }] } },
      (d) => d.slugline === "s5" && d.urgency === 2,
      true,
    ],
    [{ term: { state: "nothing" } }, () => false, true],
    // 90 and 288: the field's rows checked against the list; all: every row.
    [{ term: { state: "spiked" } }, (d) => d.state === "spiked", false],
    [{ range: { urgency: { gte: 2 } } }, (d) => d.urgency >= 2, false],
    [{ match_all: {} }, () => true, false],
  ];
  for (const [query, matches, few] of cases) {
    const prepared: string[] = [];
    const recorded = recording(db, prepared);
    const got = runSearch(recorded, [layout], { query, size: 0, aggs: AGGS });
    const label = JSON.stringify(query);
    assert.deepEqual(answered(got.aggregations!), expected(kept.filter(matches)), label);
    assert.equal(prepared.some((sql) => sql.includes("CROSS JOIN")), few, label);
  }
  db.close();
});
