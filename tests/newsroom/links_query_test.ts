/** `linksQuery`: the search of `/api/links` and its 400s. */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import { linksQuery } from "../../src/newsroom/links_routes.ts";

Deno.test("linksQuery matches a ref's uri (the guid without one), _id or guid", () => {
  const should = (
    where: string,
  ) => ((linksQuery(where).query as { bool: { should: unknown[] } }).bool.should);
  assert.deepEqual(should(`{"guid": "g"}`), [
    { term: { "refs.uri": "g" } },
    { term: { "refs._id": "g" } },
    { term: { "refs.guid": "g" } },
  ]);
  assert.deepEqual(should(`{"guid": "g", "uri": "u"}`)[0], { term: { "refs.uri": "u" } });
});

Deno.test("linksQuery answers 400 without a where naming a guid", () => {
  for (const where of [null, "", "{", `{"uri": "u"}`, `{"guid": 3}`, "[]"]) {
    assert.throws(() => linksQuery(where), BadRequestError, String(where));
  }
});
