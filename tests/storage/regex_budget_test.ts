/**
 * `$regex` on the embedded store: RE2 syntax only (what cannot be matched in linear time is a
 * 400), bounded program size, and a per-statement matching budget that refuses (and rolls back)
 * instead of holding the event loop.
 */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import { compileRegex, MAX_REGEX_PROGRAM } from "../../src/storage/regex_pattern.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";

Deno.test("compileRegex refuses backreferences, lookaround and oversized programs with a 400", () => {
  for (const pattern of ["(a)\\1", "a(?=b)", "(?<!a)b", `.{1000}.{1000}`]) {
    assert.throws(() => compileRegex(pattern), BadRequestError, pattern);
  }
  assert.ok(MAX_REGEX_PROGRAM >= 1000);
  assert.ok(compileRegex(".{1000}").test("x".repeat(1000)));
});

Deno.test("compileRegex keeps Mongo's options: i, m, s and x", () => {
  assert.ok(compileRegex("^budget", "i").test("Budget vote"));
  assert.ok(!compileRegex("^vote").test("budget\nvote"));
  assert.ok(compileRegex("^vote", "m").test("budget\nvote"));
  assert.ok(compileRegex("budget.vote", "s").test("budget\nvote"));
  assert.ok(compileRegex("bud get # a comment", "x").test("budget"));
});

Deno.test("compileRegex matches a catastrophic pattern in linear time", () => {
  // A backtracking engine needs about 2^n steps here; this returns (the test would hang).
  assert.equal(compileRegex("^(a+)+$").test(`${"a".repeat(5000)}!`), false);
});

Deno.test("sqlite store: a statement over its $regex budget is a 400 and changes nothing", async () => {
  const dir = await Deno.makeTempDir({ prefix: "regex_budget_" });
  const store = createSqliteDocumentStore({ path: `${dir}/documents.db`, regexBudgetMs: 0 });
  try {
    const items = store.collection("items");
    await items.insertMany([{ _id: "a", s: "alpha" }, { _id: "b", s: "beta" }]);
    const filter = { s: { $regex: "a" } };
    await assert.rejects(() => items.find(filter), BadRequestError);
    await assert.rejects(() => items.count(filter), BadRequestError);
    await assert.rejects(() => items.deleteMany(filter), BadRequestError);
    assert.equal(await items.count({}), 2);
    // Statements without $regex are unaffected, and the next statement starts afresh.
    assert.deepEqual((await items.find({ s: "beta" })).map((doc) => doc._id), ["b"]);
  } finally {
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
});
