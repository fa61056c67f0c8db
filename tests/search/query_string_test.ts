/** Unit tests of the embedded index's query_string parser (Lucene clause flags). */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import { parseQueryString, type QsNode } from "../../src/search/sqlite/query_string.ts";

const term = (text: string, extra: Partial<QsNode & { kind: "term" }> = {}): QsNode => ({
  kind: "term",
  text,
  phrase: false,
  wildcard: false,
  ...extra,
});
const bool = (must: QsNode[], should: QsNode[], mustNot: QsNode[] = []): QsNode => ({
  kind: "bool",
  must,
  should,
  mustNot,
});

Deno.test("words are optional with OR and required with AND as default operator", () => {
  assert.deepEqual(parseQueryString("a b"), bool([], [term("a"), term("b")]));
  assert.deepEqual(parseQueryString("a b", "AND"), bool([term("a"), term("b")], []));
});

Deno.test("AND makes its neighbours required, as Lucene's classic parser does", () => {
  assert.deepEqual(parseQueryString("a b AND c"), bool([term("b"), term("c")], [term("a")]));
  assert.deepEqual(parseQueryString("a OR b c", "AND"), bool([term("c")], [term("a"), term("b")]));
});

Deno.test("NOT, - and + set prohibited and required flags", () => {
  assert.deepEqual(
    parseQueryString("a -b +c NOT d"),
    bool([term("c")], [term("a")], [
      term("b"),
      term("d"),
    ]),
  );
  assert.deepEqual(parseQueryString("a && !b || c"), bool([term("a")], [term("c")], [term("b")]));
});

Deno.test("phrases, wildcards, fields, _exists_ and groups", () => {
  assert.deepEqual(
    parseQueryString('headline:"brown fox" slug:fo* _exists_:task (x OR y) a?c\\*'),
    bool([], [
      term("brown fox", { field: "headline", phrase: true }),
      term("fo*", { field: "slug", wildcard: true }),
      { kind: "exists", field: "task" },
      bool([], [term("x"), term("y")]),
      term("a?c\\*", { wildcard: true }),
    ]),
  );
});

Deno.test("a field before a group applies to every term in it", () => {
  assert.deepEqual(
    parseQueryString("headline:(flood fire) body:x"),
    bool([], [
      bool([], [term("flood", { field: "headline" }), term("fire", { field: "headline" })]),
      term("x", { field: "body" }),
    ]),
  );
});

Deno.test("ranges, comparisons, escapes and boosts", () => {
  assert.deepEqual(
    parseQueryString("urgency:[1 TO 3} date:{2024-01-01 TO *] n:>=5 a\\:b^2 c"),
    bool([], [
      { kind: "range", field: "urgency", range: { gte: "1", lt: "3" } },
      { kind: "range", field: "date", range: { gt: "2024-01-01" } },
      { kind: "range", field: "n", range: { gte: "5" } },
      term("a:b"),
      term("c"),
    ]),
  );
});

Deno.test("unsupported syntax and malformed queries answer 400", () => {
  for (const q of ["a~2", '"a b"~2', "a^x", "/re/", "(a", "a)", "f:", "a:b:c", "a AND", '"open']) {
    assert.throws(() => parseQueryString(q), BadRequestError, q);
  }
});

Deno.test("whitespace about a field's colon keeps the field, as Lucene's parser", () => {
  const fielded = parseQueryString("headline:a b");
  for (const query of ["headline :a b", "headline: a b", "headline \t:\n a b"]) {
    assert.deepEqual(parseQueryString(query), fielded, query);
  }
  assert.deepEqual(parseQueryString("headline : (a)"), parseQueryString("headline:(a)"));
  assert.throws(() => parseQueryString("headline : "), BadRequestError);
});

Deno.test("an operator where a field's value starts is a 400, as Lucene's parser", () => {
  // Elasticsearch 8.19 refuses each (`headline:&&b` and `headline:ANDy` are terms there).
  for (
    const query of [
      "headline:AND b",
      "headline : NOT b",
      "headline:OR",
      "headline:-b",
      "headline:+b",
      "headline :!b",
      "headline:!=b",
    ]
  ) {
    assert.throws(() => parseQueryString(query), BadRequestError, query);
  }
  assert.deepEqual(parseQueryString("headline:ANDy"), parseQueryString("headline:ANDy "));
});
