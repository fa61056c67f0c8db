/**
 * `bool.should` with `minimum_should_match` on the embedded index: a document is a hit when at
 * least that many of the clauses (full text, keyword, range, a nested `bool`) hold, computed here
 * from the documents themselves, for every count from 1 to one more than the clauses, unset
 * (1 without `must`), null (unset), 0 (still 1 without `must` or `filter`, as Elasticsearch) and
 * with an empty `should`; values Elasticsearch refuses are refused.
 */
import assert from "node:assert/strict";
import type { SearchDoc } from "../../src/search/search_index.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { BadRequestError } from "../../src/errors.ts";
import { itemMapping } from "./_search_fixtures.ts";

const STATES = ["draft", "published", "spiked"];

function docs(): SearchDoc[] {
  return Array.from({ length: 90 }, (_, i): SearchDoc => ({
    _id: `d${i}`,
    headline: `w${i % 4} w${i % 7} filler`,
    slugline: `s${i % 5}`,
    urgency: 1 + i % 5,
    state: STATES[i % 3]!,
    flags: { marked_for_not_publication: false },
    subject: [],
    versioncreated: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
  }));
}

/** The clauses, each with the documents it holds for. */
const CLAUSES: Array<[unknown, (i: number) => boolean]> = [
  [{ match: { headline: "w1" } }, (i) => i % 4 === 1 || i % 7 === 1],
  [{ term: { state: "draft" } }, (i) => i % 3 === 0],
  [{ range: { urgency: { gte: 3 } } }, (i) => 1 + i % 5 >= 3],
  [
    { bool: { must: [{ term: { slugline: "s2" } }], must_not: [{ match: { headline: "w3" } }] } },
    (i) => i % 5 === 2 && i % 4 !== 3 && i % 7 !== 3,
  ],
];

Deno.test("bool should: hits hold at least minimum_should_match clauses", async () => {
  const dir = await Deno.makeTempDir({ prefix: "should_count_" });
  const index = createSqliteSearchIndex({
    path: `${dir}/search.db`,
    prefix: "sc",
    searchThreads: 0,
  });
  try {
    await index.ensureIndex("items", itemMapping);
    await index.index("items", docs());
    const ids = async (bool: Record<string, unknown>) =>
      (await index.search(["items"], { query: { bool }, size: 1000, sort: [{ urgency: "asc" }] }))
        .hits.map((hit) => hit._id).sort();
    const want = (msm: number) =>
      docs().map((_, i) => i).filter((i) => CLAUSES.filter(([, holds]) => holds(i)).length >= msm)
        .map((i) => `d${i}`).sort();
    const should = CLAUSES.map(([clause]) => clause);
    for (let msm = 1; msm <= CLAUSES.length + 1; msm++) {
      const got = await ids({ should, minimum_should_match: msm });
      assert.deepEqual(got, want(msm), `minimum_should_match ${msm}`);
      if (msm <= CLAUSES.length) assert.ok(got.length > 0, `${msm}: some hits`);
    }
    assert.deepEqual(await ids({ should }), want(1));
    assert.deepEqual(await ids({ should: [], minimum_should_match: 1 }), []);
    // As Elasticsearch reads it: null is unset, a string of digits is trimmed, anything else is
    // refused (it answers 400 "For input string").
    assert.deepEqual(await ids({ should, minimum_should_match: null }), want(1));
    // Without must or filter, one clause must hold even at 0 (Lucene's pure disjunction), with
    // must_not too; beside a filter, 0 makes them optional.
    assert.deepEqual(await ids({ should, minimum_should_match: 0 }), want(1));
    const spiked = { term: { state: "spiked" } };
    const notSpiked = (i: number) => i % 3 !== 2;
    assert.deepEqual(
      await ids({ should, must_not: [spiked], minimum_should_match: 0 }),
      want(1).filter((id) => notSpiked(Number(id.slice(1)))),
    );
    assert.deepEqual(
      await ids({ should, filter: [{ bool: { must_not: [spiked] } }], minimum_should_match: 0 }),
      docs().map((_, i) => i).filter(notSpiked).map((i) => `d${i}`).sort(),
    );
    assert.deepEqual(await ids({ should, minimum_should_match: " 2 " }), want(2));
    for (const msm of [true, "", "0x1", "1e0", "1.5", [1], { n: 1 }, -1, "75%", "2<75%"]) {
      await assert.rejects(
        () => ids({ should, minimum_should_match: msm }),
        BadRequestError,
        JSON.stringify(msm),
      );
    }
  } finally {
    await index.close();
    await Deno.remove(dir, { recursive: true });
  }
});
