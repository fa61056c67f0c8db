/** The `where` allow-list: what passes, and the 400s that name what does not. */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import { MAX_REGEX_LENGTH } from "../../src/storage/regex_pattern.ts";
import { filterSize, validateFilter } from "../../src/storage/where_filter.ts";

function refused(filter: unknown, fragment: string): void {
  assert.throws(
    () => validateFilter(filter),
    (error) => error instanceof BadRequestError && error.message.includes(fragment),
    `${JSON.stringify(filter)} should be refused with "${fragment}"`,
  );
}

Deno.test("validateFilter accepts every allow-listed operator and returns the filter", () => {
  const filter = {
    a: 1,
    "b.c": { $gt: 1, $lte: 5 },
    d: { $in: [1, "x", null], $nin: [[1, 2]] },
    e: { $exists: false },
    f: { $size: 2, $all: ["x"] },
    g: { $elemMatch: { $gte: 1, $lt: 3 } },
    h: { $elemMatch: { k: { $ne: 1 }, $or: [{ m: 1 }, { n: 2 }] } },
    i: { $not: { $regex: "^a", $options: "imsx" } },
    j: new Date(0),
    k: { nested: "literal" },
    $and: [{ a: { $eq: 1 } }],
    $or: [{ a: 2 }],
    $nor: [{ a: 3 }],
  };
  assert.equal(validateFilter(filter), filter);
});

Deno.test("validateFilter refuses dangerous and unknown operators by name", () => {
  refused({ $where: "sleep(1000)" }, 'Query operator "$where" is not allowed');
  refused({ a: { $function: {} } }, '"$function"');
  refused({ a: { $accumulator: {} } }, '"$accumulator"');
  refused({ $expr: { $gt: ["$a", 1] } }, '"$expr"');
  refused({ $jsonSchema: {} }, '"$jsonSchema"');
  refused({ $text: { $search: "x" } }, '"$text"');
  refused({ a: { $foo: 1 } }, '"$foo"');
  refused({ $or: [{ a: 1 }, { $where: "1" }] }, '"$where"');
  refused({ a: { $elemMatch: { b: { $where: "1" } } } }, '"$where"');
  refused({ a: { $not: { $expr: 1 } } }, '"$expr"');
});

Deno.test("validateFilter refuses $-prefixed field names and malformed operands", () => {
  refused({ a: { b: 1, $gt: 2 } }, '"$gt"');
  refused({ a: { $eq: { $where: "1" } } }, '"$where"');
  refused({ "a.$b": 1 }, '"a.$b"');
  refused({ "": 1 }, "not a valid field name");
  refused({ $gt: 1 }, '"$gt" must be applied to a field');
  refused({ $or: [] }, '"$or" needs a non-empty array');
  refused({ a: { $in: 1 } }, '"$in"');
  refused({ a: { $size: -1 } }, '"$size"');
  refused({ a: { $gt: [1] } }, '"$gt"');
  refused({ a: { $exists: "yes" } }, '"$exists"');
  refused({ a: { $not: 1 } }, '"$not"');
  refused([{ a: 1 }], "JSON object");
});

Deno.test("validateFilter bounds $regex patterns and $options flags", () => {
  refused({ a: { $regex: "x".repeat(MAX_REGEX_LENGTH + 1) } }, "longer than");
  refused({ a: { $regex: "x", $options: "g" } }, '"$options"');
  refused({ a: { $options: "i" } }, '"$options" needs "$regex"');
  refused({ a: { $regex: "(" } }, "invalid pattern");
  assert.ok(validateFilter({ a: { $regex: "a b # comment", $options: "x" } }));
});

Deno.test("validateFilter refuses nesting deeper than the limit", () => {
  let filter: Record<string, unknown> = { a: 1 };
  for (let i = 0; i < 12; i++) filter = { $and: [filter] };
  refused(filter, "nest at most");
});

Deno.test("validateFilter refuses field names and value keys with a NUL", () => {
  refused({ "a\u0000b": 1 }, "is not a valid field name");
  refused({ "a.\u0000": { $gt: 1 } }, "is not a valid field name");
  refused({ a: { "k\u0000": 1 } }, "has a key with a NUL");
  assert.deepEqual(validateFilter({ a: "NUL \u0000 in a value" }), { a: "NUL \u0000 in a value" });
});

Deno.test("filterSize measures a list of 200,000 terms (no stack overflow)", () => {
  const wide = { $or: Array.from({ length: 200_000 }, () => ({ a: 1 })) };
  assert.equal(filterSize(wide), 1 + 200_000 * 2);
  const inList = { a: { $in: Array.from({ length: 200_000 }, () => ({ b: 1 })) } };
  assert.equal(filterSize(inList), 2 + 200_000 * 2);
});
