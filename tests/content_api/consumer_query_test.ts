/**
 * The consumer endpoint's parameters as Superdesk's `ItemsService` reads them: `type` is an
 * allowed parameter that filters nothing, and a filter argument whose (JSON) value is empty or
 * false — `0`, `false`, `""`, `[]` — is a 400 (`if not filter_value`).
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
