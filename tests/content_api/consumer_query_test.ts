/**
 * The content API's parameters as Superdesk's `ItemsService` and `SearchService` read them:
 * `type` is an allowed parameter that filters nothing; a filter argument whose (JSON) value is
 * empty or false — `0`, `false`, `""`, `[]` — is a 400 (`if not filter_value`); `q` and `filter`
 * are searched (only the clauses both indexes answer alike); `subscribers` is `search_capi`'s.
 */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import { consumerQuery } from "../../src/content_api/consumer_query.ts";

const LIMITS = { paginationDefault: 25, paginationLimit: 500 };

Deno.test("consumerQuery allows type and filters nothing by it, as Superdesk", () => {
  const { list } = consumerQuery(new URLSearchParams("type=text"), LIMITS);
  assert.equal(list.filter, undefined);
});

Deno.test("consumerQuery refuses a filter argument whose value is empty or false", () => {
  for (const value of ["0", "false", "", "[]"]) {
    assert.throws(
      () => consumerQuery(new URLSearchParams({ urgency: value }), LIMITS),
      BadRequestError,
      `urgency=${value}`,
    );
  }
  const { list } = consumerQuery(new URLSearchParams("urgency=[0,3]"), LIMITS);
  assert.deepEqual(list.filter, { $and: [{ urgency: { $in: [0, 3] } }] });
});

Deno.test("consumerQuery takes q, default_operator and filter clauses; df is unexpected", () => {
  const { list } = consumerQuery(
    new URLSearchParams({
      q: "budget",
      default_operator: "and",
      filter:
        '[{"terms": {"service.code": ["f"]}}, {"bool": {"must_not": {"term": {"urgency": 1}}}}]',
    }),
    LIMITS,
  );
  assert.equal(list.q, "budget");
  assert.equal(list.defaultOperator, "AND");
  assert.deepEqual(list.searchFilters, [
    { terms: { "service.code": ["f"] } },
    { bool: { must_not: { term: { urgency: 1 } } } },
  ]);
  const one = consumerQuery(new URLSearchParams({ filter: '{"term": {"urgency": 3}}' }), LIMITS);
  assert.deepEqual(one.list.searchFilters, [{ term: { urgency: 3 } }]);
  assert.throws(() => consumerQuery(new URLSearchParams("df=headline"), LIMITS), BadRequestError);
  assert.throws(() => consumerQuery(new URLSearchParams("q=x"), LIMITS, { single: true }));
});

Deno.test("consumerQuery refuses filter clauses beyond those both indexes answer alike", () => {
  const refused = [
    '[{"script": {"script": "true"}}]',
    '{"terms": {"subscribers": {"index": "items", "id": "1", "path": "subscribers"}}}',
    '{"bool": {"filter": [{"wildcard": {"headline": "*a*"}}]}}',
    '{"term": "x"}',
    '[{"term": {"a": 1}, "range": {"b": {"gt": 1}}}]',
    "not json",
  ];
  for (const filter of refused) {
    assert.throws(
      () => consumerQuery(new URLSearchParams({ filter }), LIMITS),
      BadRequestError,
      filter,
    );
  }
});

Deno.test("only search_capi takes subscribers, as one subscriber's items", () => {
  const params = new URLSearchParams("subscribers=sub1");
  assert.throws(() => consumerQuery(params, LIMITS), BadRequestError);
  const { list } = consumerQuery(params, LIMITS, { newsroom: true });
  assert.deepEqual(list.filter, { $and: [{ subscribers: "sub1" }] });
  for (const name of ["aggregations", "related_to", "version"]) {
    assert.throws(
      () => consumerQuery(new URLSearchParams({ [name]: "1" }), LIMITS, { newsroom: true }),
      BadRequestError,
      name,
    );
  }
});
