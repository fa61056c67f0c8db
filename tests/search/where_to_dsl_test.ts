/** Unit tests of the list-query translation (Eve `where`/`sort`/paging → search body). */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import { translateListQuery, whereToDsl } from "../../src/search/elastic/where_to_dsl.ts";

const notExists = (field: string) => ({ bool: { must_not: [{ exists: { field } }] } });

Deno.test("equality becomes term, _id becomes ids, null means missing", () => {
  assert.deepEqual(whereToDsl({ state: "draft" }), { term: { state: "draft" } });
  assert.deepEqual(whereToDsl({ _id: "x1" }), { ids: { values: ["x1"] } });
  assert.deepEqual(whereToDsl({ task: null }), notExists("task"));
  assert.deepEqual(whereToDsl({ urgency: { $eq: 3 } }), { term: { urgency: 3 } });
});

Deno.test("several fields are ANDed in a bool filter", () => {
  assert.deepEqual(whereToDsl({ a: 1, b: "x" }), {
    bool: { filter: [{ term: { a: 1 } }, { term: { b: "x" } }] },
  });
});

Deno.test("$in, $nin, $ne and $all map to terms and must_not", () => {
  assert.deepEqual(whereToDsl({ s: { $in: ["a", "b"] } }), { terms: { s: ["a", "b"] } });
  assert.deepEqual(whereToDsl({ s: { $in: ["a", null] } }), {
    bool: { should: [{ terms: { s: ["a"] } }, notExists("s")], minimum_should_match: 1 },
  });
  assert.deepEqual(whereToDsl({ s: { $nin: ["a"] } }), {
    bool: { must_not: [{ terms: { s: ["a"] } }] },
  });
  assert.deepEqual(whereToDsl({ s: { $ne: "a" } }), {
    bool: { must_not: [{ term: { s: "a" } }] },
  });
  assert.deepEqual(whereToDsl({ _id: { $in: ["x", "y"] } }), { ids: { values: ["x", "y"] } });
  assert.deepEqual(whereToDsl({ t: { $all: ["a", "b"] } }), {
    bool: { filter: [{ term: { t: "a" } }, { term: { t: "b" } }] },
  });
});

Deno.test("comparison operators on one field merge into one range; dates become ISO", () => {
  const since = new Date("2024-01-01T00:00:00Z");
  assert.deepEqual(whereToDsl({ n: { $gte: 2, $lt: 5 } }), { range: { n: { gte: 2, lt: 5 } } });
  assert.deepEqual(whereToDsl({ d: { $gt: since } }), {
    range: { d: { gt: "2024-01-01T00:00:00.000Z" } },
  });
});

Deno.test("$exists, $not, $and, $or and $nor translate recursively", () => {
  assert.deepEqual(whereToDsl({ f: { $exists: true } }), { exists: { field: "f" } });
  assert.deepEqual(whereToDsl({ f: { $exists: false } }), notExists("f"));
  assert.deepEqual(whereToDsl({ n: { $not: { $gt: 3 } } }), {
    bool: { must_not: [{ range: { n: { gt: 3 } } }] },
  });
  assert.deepEqual(whereToDsl({ $or: [{ a: 1 }, { $and: [{ b: 2 }, { c: 3 }] }] }), {
    bool: {
      should: [
        { term: { a: 1 } },
        { bool: { filter: [{ term: { b: 2 } }, { term: { c: 3 } }] } },
      ],
      minimum_should_match: 1,
    },
  });
  assert.deepEqual(whereToDsl({ $nor: [{ a: 1 }] }), { bool: { must_not: [{ term: { a: 1 } }] } });
});

Deno.test("forbidden, unsupported and object-valued filters answer 400", () => {
  const cases = [
    { $where: "this.a == 1" },
    { a: { $regex: "^x" } },
    { a: { $size: 2 } },
    { a: { $elemMatch: { b: 1 } } },
    { a: { b: 1 } },
    { a: [1, 2] },
  ];
  for (const where of cases) {
    assert.throws(() => whereToDsl(where), BadRequestError, JSON.stringify(where));
  }
});

Deno.test("translateListQuery pages, sorts, projects and adds q as Eve-Elastic's query_string", () => {
  const body = translateListQuery({
    where: { state: "draft" },
    q: "fox news",
    sort: [["versioncreated", -1], ["slugline", 1]],
    page: 3,
    max_results: 10,
    projection: { headline: 1, _id: 1 },
  });
  assert.deepEqual(body, {
    query: {
      bool: {
        filter: [{ term: { state: "draft" } }],
        must: [{
          query_string: { query: "fox news", default_operator: "OR", lenient: true, fields: ["*"] },
        }],
      },
    },
    from: 20,
    size: 10,
    track_total_hits: true,
    sort: [{ versioncreated: { order: "desc" } }, { slugline: { order: "asc" } }],
    _source: { includes: ["headline"] },
  });
});

Deno.test("q takes default_operator, and df: one field, a quoted q a phrase on it", () => {
  const must = (query: Parameters<typeof translateListQuery>[0]) =>
    (translateListQuery(query).query as { bool: { must: unknown[] } }).bool.must;
  assert.deepEqual(must({ q: "fox news", defaultOperator: "AND", df: "headline" }), [{
    query_string: {
      query: "fox news",
      default_operator: "AND",
      lenient: true,
      default_field: "headline",
    },
  }]);
  assert.deepEqual(must({ q: ' "fox news" ', df: "headline" }), [{
    match_phrase: { headline: "fox news" },
  }]);
  // Without df a quoted q stays a query_string phrase over every field.
  assert.deepEqual(must({ q: '"fox news"' }), [{
    query_string: { query: '"fox news"', default_operator: "OR", lenient: true, fields: ["*"] },
  }]);
});

Deno.test("translateListQuery without a filter matches all; skip wins over page", () => {
  const body = translateListQuery({ skip: 7, page: 4, max_results: 5, projection: { body: 0 } });
  assert.deepEqual(body.query, { match_all: {} });
  assert.equal(body.from, 7);
  assert.deepEqual(body._source, { excludes: ["body"] });
  assert.throws(() => translateListQuery({ projection: { a: 1, b: 0 } }), BadRequestError);
});
