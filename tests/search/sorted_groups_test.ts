/**
 * The grouped sorted page (`sorted_page.ts`, `value_walk.ts`) against the one-pass sorted query on
 * in-memory indexes: many sorts (one to four keys, missing values first and last, arrays sorted by
 * their smallest, largest or `mode` value, ties, `_doc`, `_score` and unmapped keys after the
 * first, a field of different types in two indexes) × windows (first page, middle, across ties,
 * past the end) × queries give the same hits in the same order, the same totals and the same
 * aggregations, on indexes with deleted documents (gaps in the rowids); and which sorts take the
 * grouped page, and where the values index is walked.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { Type } from "@sinclair/typebox";
import { mappingFromSchema } from "../../src/search/mapping.ts";
import type { SearchBody, SearchDoc } from "../../src/search/search_index.ts";
import { openCatalog } from "../../src/search/sqlite/sqlite_catalog.ts";
import { runSearch } from "../../src/search/sqlite/sqlite_search.ts";
import { parseSort } from "../../src/search/sqlite/sqlite_sort.ts";
import { sortsByGroups } from "../../src/search/sqlite/sorted_page.ts";
import { deleteDoc, type IndexLayout, writeDocs } from "../../src/search/sqlite/sqlite_tables.ts";
import { itemMapping } from "./_search_fixtures.ts";
import { recording } from "./_recording_db.ts";

/** `slugline` a number here (a keyword in `items`), no `task.desk`. */
const otherMapping = mappingFromSchema(
  Type.Object({
    headline: Type.String(),
    slugline: Type.Integer(),
    urgency: Type.Integer(),
    priority: Type.Optional(Type.Number()),
    state: Type.String(),
    subject: Type.Array(Type.Object({ qcode: Type.String(), name: Type.String() })),
    versioncreated: Type.String({ format: "date-time" }),
  }),
  { searchFields: { headline: "text" } },
);

const STATES = ["draft", "published", "in_progress", "spiked"];

function item(i: number): SearchDoc {
  return {
    _id: `i${i}`,
    headline: `headline ${i % 9}`,
    slugline: `s${i % 13}`,
    urgency: 1 + i % 5,
    // Missing on every fourth, ties, integers and fractions.
    ...(i % 4 ? { priority: [1, 2.5, 2, 3][i % 3]! } : {}),
    state: STATES[i % 4]!,
    flags: { marked_for_not_publication: i % 9 === 0 },
    // Arrays of up to three codes: a document sorts by its smallest or largest.
    // (consecutive codes of 40, so a page's first rows meet a document at several).
    subject: Array.from({ length: i % 4 }, (_, j) => ({
      qcode: String((i * 7 + j) % 40).padStart(2, "0"),
      name: "x",
    })),
    versioncreated: new Date(Date.UTC(2024, 0, 1 + i % 20)).toISOString(),
    ...(i % 5 ? { task: { desk: `d${i % 3}` } } : {}),
  };
}

function other(i: number): SearchDoc {
  return {
    _id: `o${i}`,
    headline: `other ${i}`,
    slugline: i % 6,
    urgency: 1 + i % 4,
    ...(i % 3 ? { priority: i % 5 } : {}),
    state: STATES[i % 3]!,
    subject: i % 2 ? [{ qcode: `0${i % 7}`, name: "y" }] : [],
    versioncreated: new Date(Date.UTC(2024, 0, 5 + i % 10)).toISOString(),
  };
}

/** An in-memory connection with `items` (400, 40 removed) and `others` (120, 12 removed). */
function indexes(): { db: DatabaseSync; items: IndexLayout; others: IndexLayout } {
  const db = new DatabaseSync(":memory:");
  const catalog = openCatalog(db, "grouped");
  const items = catalog.create("items", itemMapping, "live");
  const others = catalog.create("others", otherMapping, "live");
  assert.deepEqual(writeDocs(db, items, Array.from({ length: 400 }, (_, i) => item(i))), []);
  assert.deepEqual(writeDocs(db, others, Array.from({ length: 120 }, (_, i) => other(i))), []);
  for (let i = 3; i < 400; i += 10) deleteDoc(db, items, `i${i}`);
  for (let i = 5; i < 120; i += 10) deleteDoc(db, others, `o${i}`);
  return { db, items, others };
}

const SORTS: unknown[] = [
  [{ urgency: "asc" }],
  [
    { "task.desk": { order: "asc", unmapped_type: "keyword" } },
    { priority: "desc" },
    { versioncreated: "asc" },
    { slugline: "desc" },
  ],
  [{ "subject.qcode": "asc" }, { urgency: "desc" }],
  [{ "subject.qcode": "desc" }, "_doc"],
  [{ "subject.qcode": { order: "asc", mode: "max" } }, { urgency: "asc" }],
  [{ "subject.qcode": { order: "desc", mode: "min" } }, { state: "asc" }],
  [{ priority: { order: "asc", missing: "_first" } }, { slugline: "asc" }],
  [{ priority: "desc" }, {
    "task.desk": { order: "desc", missing: "_first", unmapped_type: "keyword" },
  }],
  [
    { state: "asc" },
    { "flags.marked_for_not_publication": { order: "desc", unmapped_type: "boolean" } },
    { versioncreated: "desc" },
  ],
  [{ versioncreated: "desc" }],
  [{ urgency: "asc" }, "_score", { priority: "asc" }],
  ["_doc"],
  [{ nothing: { order: "asc", unmapped_type: "long" } }, { urgency: "desc" }],
  [{ slugline: "asc" }, { priority: { order: "asc", missing: "_first" } }],
];

const SINGLE_SORTS: unknown[] = [
  [{ "task.desk": "desc" }, { "subject.qcode": "asc" }, { priority: "asc" }],
  [{ "task.desk": "asc" }, { priority: "desc" }, { versioncreated: "asc" }, { slugline: "desc" }],
  [{ "flags.marked_for_not_publication": "asc" }, { "subject.qcode": "desc" }],
];

const QUERIES: unknown[] = [
  { match_all: {} },
  { range: { urgency: { gte: 2 } } },
  { terms: { state: ["draft", "spiked"] } },
  { bool: { must_not: { exists: { field: "priority" } } } },
  { term: { state: "nothing" } },
];

const WINDOWS = [
  [0, 5],
  [0, 25],
  [3, 7],
  [17, 10],
  [40, 30],
  [95, 10],
  [150, 100],
  [0, 520],
  [
    330,
    20,
  ],
  [470, 5],
  [600, 5],
];

/**
 * The body sorted by `_score` first: a constant score without scoring clauses, so the same order,
 * answered by the one-pass query.
 */
function onePass(body: SearchBody): SearchBody {
  return { ...body, sort: ["_score", ...(body.sort as unknown[])] };
}

function compare(db: DatabaseSync, layouts: IndexLayout[], body: SearchBody, label: string) {
  const got = runSearch(db, layouts, body);
  const want = runSearch(db, layouts, onePass(body));
  assert.deepEqual(
    got.hits.map((h) => `${h._resource}/${h._id}`),
    want.hits.map((h) => `${h._resource}/${h._id}`),
    label,
  );
  assert.equal(got.total, want.total, label);
  assert.deepEqual(got.aggregations, want.aggregations, label);
}

Deno.test("grouped sorted pages equal the one-pass sorted pages, one index and two", () => {
  const { db, items, others } = indexes();
  for (const layouts of [[items], [items, others]]) {
    const sorts = layouts.length === 1 ? [...SORTS, ...SINGLE_SORTS] : SORTS;
    for (const sort of sorts) {
      for (const query of QUERIES) {
        for (const [from, size] of WINDOWS) {
          const body = {
            query,
            sort,
            from,
            size,
            _source: false,
            aggs: { state: { terms: { field: "state" } } },
          } as SearchBody;
          compare(
            db,
            layouts,
            body,
            `${layouts.length} ${JSON.stringify(sort)} ${JSON.stringify(query)} ${from}+${size}`,
          );
        }
      }
    }
  }
  db.close();
});

Deno.test("documents updated to other values and re-sorted keep the one-pass order", () => {
  const { db, items } = indexes();
  // Values changed in place (same rowid): arrays grown and shrunk, a value removed.
  writeDocs(
    db,
    items,
    Array.from({ length: 60 }, (_, i) => ({
      ...item(i * 6),
      subject: [{ qcode: "00", name: "x" }, { qcode: "09", name: "x" }].slice(0, i % 3),
      ...(i % 2 ? {} : { task: { desk: "d0" } }),
    })),
  );
  for (const sort of [...SORTS, ...SINGLE_SORTS]) {
    for (const [from, size] of WINDOWS) {
      compare(
        db,
        [items],
        { query: { match_all: {} }, sort, from, size } as SearchBody,
        `${JSON.stringify(sort)} ${from}+${size}`,
      );
    }
  }
  db.close();
});

Deno.test("which sorts take the grouped page, and where the values index is walked", () => {
  const { db, items, others } = indexes();
  for (
    const [sort, layouts, grouped] of [
      [[{ urgency: "asc" }], [items], true],
      [[{ urgency: "desc" }], [items], true],
      [[{ urgency: "asc" }], [items, others], false],
      [[{ urgency: "asc" }, { state: "desc" }], [items, others], false],
      [[{ urgency: "asc" }, { state: "desc" }], [items], true],
      [[{ urgency: { order: "asc", missing: "_first" } }], [items], false],
      [[{ "subject.qcode": { order: "asc", mode: "max" } }], [items], false],
      [[{ "subject.qcode": { order: "asc", mode: "min" } }], [items], true],
      [[{ nothing: { order: "asc", unmapped_type: "long" } }], [items], false],
      [["_doc"], [items], false],
      [["_doc", { urgency: "asc" }], [items], false],
      [[{ urgency: { order: "asc", missing: "_first" } }, { state: "desc" }], [items], false],
      [[{ urgency: "asc" }, "_score"], [items], true],
      [["_score"], [items], false],
      [["_score", { urgency: "asc" }], [items], false],
      [[], [items], false],
    ] as const
  ) {
    assert.equal(sortsByGroups(parseSort(sort), [...layouts]), grouped, JSON.stringify(sort));
  }
  const walks = (layouts: IndexLayout[], body: SearchBody) => {
    const prepared: string[] = [];
    runSearch(recording(db, prepared), layouts, body);
    return {
      // Its hits grouped by a key (a page that fell back only counted them, into the hits' table).
      grouped: prepared.some((sql) =>
        sql.includes("search_sort_groups") && sql.includes("GROUP BY s")
      ),
      walked: prepared.some((sql) => sql.includes("ON CONFLICT")),
    };
  };
  const dense = { query: { match_all: {} }, from: 0, size: 10 };
  // 360 hits of 400 rowids: a page ending at 10 is reached within a part of the index.
  assert.deepEqual(walks([items], { ...dense, sort: [{ urgency: "asc" }] }), {
    grouped: true,
    walked: true,
  });
  assert.deepEqual(walks([items], { ...dense, sort: [{ urgency: "desc" }] }), {
    grouped: true,
    walked: true,
  });
  // Past about half the hits' count of rows (2 × 300 × 400 ≥ 360²): the first key would be looked
  // up for every hit; main's paths answer.
  assert.deepEqual(
    walks([items], { ...dense, from: 290, sort: [{ urgency: "asc" }] }),
    { grouped: false, walked: false },
  );
  // A first key that cannot be walked: not grouped (one-pass or two-pass), whatever follows.
  for (
    const sort of [
      [{ urgency: { order: "asc", missing: "_first" } }, { state: "asc" }],
      [{ "subject.qcode": { order: "asc", mode: "max" } }],
      ["_doc", { urgency: "asc" }],
      [{ nothing: { order: "asc", unmapped_type: "long" } }, { urgency: "asc" }],
    ]
  ) {
    assert.deepEqual(walks([items], { ...dense, sort }), { grouped: false, walked: false });
  }
  for (const sort of [[{ urgency: "asc" }], [{ urgency: "asc" }, { state: "asc" }]]) {
    assert.deepEqual(walks([items, others], { ...dense, sort }), {
      grouped: false,
      walked: false,
    });
  }
  // Sparse hits (80 of 400): main's paths.
  assert.deepEqual(
    walks([items], { ...dense, query: { term: { urgency: 3 } }, sort: [{ urgency: "asc" }] }),
    { grouped: false, walked: false },
  );
  assert.deepEqual(
    walks([items], onePass({ ...dense, sort: [{ urgency: "asc" }] })),
    { grouped: false, walked: false },
  );
  db.close();
});
