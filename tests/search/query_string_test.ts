/** Unit tests of the embedded index's query_string parser (Lucene clause flags). */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import { parseQueryString, type QsNode } from "../../src/search/sqlite/query_string.ts";

const term = (text: string, extra: Partial<QsNode & { kind: "term" }> = {}): QsNode => ({
  kind: "term",
  text,
  phrase: false,
  prefix: false,
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

Deno.test("phrases, prefixes, fields, _exists_ and groups", () => {
  assert.deepEqual(
    parseQueryString('headline:"brown fox" slug:fo* _exists_:task (x OR y)'),
    bool([], [
      term("brown fox", { field: "headline", phrase: true }),
      term("fo", { field: "slug", prefix: true }),
      { kind: "exists", field: "task" },
      bool([], [term("x"), term("y")]),
    ]),
  );
});

Deno.test("unsupported syntax and malformed queries answer 400", () => {
  for (const q of ["a~2", "a^3", "f:[1 TO 2]", "/re/", "a*b", "*", "(a", "a)", "f:", "f:(a b)"]) {
    assert.throws(() => parseQueryString(q), BadRequestError, q);
  }
});
