import assert from "node:assert/strict";
import {
  parseListQuery,
  parseSort,
  parseWhere,
} from "../../src/http/resources/parse_list_query.ts";
import { BadRequestError } from "../../src/errors.ts";

const limits = { paginationDefault: 25, paginationLimit: 50 };
const query = (qs: string) => parseListQuery(new URLSearchParams(qs), limits);

Deno.test("sort accepts Eve's comma syntax and the Python-literal list", () => {
  assert.deepEqual(parseSort("city,-lastname"), [["city", 1], ["lastname", -1]]);
  assert.deepEqual(parseSort('[("lastname", -1), ("age", 1)]'), [["lastname", -1], ["age", 1]]);
  assert.deepEqual(parseSort('[["lastname", -1]]'), [["lastname", -1]]);
});

Deno.test("a malformed sort is a 400 naming the parameter", () => {
  for (const bad of ['[("prog":1)]', '"firstname"', "a;drop"]) {
    assert.throws(() => parseSort(bad), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.match(error.message, /sort/);
      return true;
    }, bad);
  }
});

Deno.test("q comes with df and default_operator (AND or OR in any case, else a 400)", () => {
  const parsed = query("q=fox&df=headline&default_operator=and");
  assert.deepEqual([parsed.q, parsed.df, parsed.defaultOperator], ["fox", "headline", "AND"]);
  assert.deepEqual([query("q=fox").df, query("q=fox").defaultOperator], [undefined, undefined]);
  for (const bad of ["", "XOR", "and "]) {
    assert.throws(() => query(`q=fox&default_operator=${bad}`), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.match(error.message, /default_operator/);
      return true;
    }, bad);
  }
});

Deno.test("where parses JSON and turns RFC 1123 strings into dates", () => {
  const filter = parseWhere('{"_updated": {"$gt": "Tue, 01 Oct 2013 00:59:22 GMT"}, "a": "x"}');
  const gt = (filter!._updated as Record<string, unknown>).$gt;
  assert.ok(gt instanceof Date);
  assert.equal((gt as Date).toISOString(), "2013-10-01T00:59:22.000Z");
  assert.equal(filter!.a, "x");
});

Deno.test("where with a forbidden or unknown operator is a 400 naming it", () => {
  for (const op of ["$where", "$function", "$accumulator", "$expr", "$foo"]) {
    assert.throws(() => parseWhere(JSON.stringify({ $or: [{ [op]: "x" }] })), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.ok(error.message.includes(op), error.message);
      return true;
    });
  }
});

Deno.test('where reads the web client\'s $options "-i" as i; other unknown flags are a 400', () => {
  const where = (options: string) =>
    JSON.stringify({ $and: [{ name: { $regex: "plain", $options: options } }] });
  assert.deepEqual(parseWhere(where("-i")), {
    $and: [{ name: { $regex: "plain", $options: "i" } }],
  });
  assert.throws(() => parseWhere(where("-g")), BadRequestError);
  // Only the one leading "-" the client sends is dropped: a "-" elsewhere is still refused.
  for (const options of ["i-", "--i", "i-m"]) {
    assert.throws(() => parseWhere(where(options)), BadRequestError, options);
  }
});

Deno.test("where that is neither JSON nor Eve's Python syntax is a 400", () => {
  assert.deepEqual(parseWhere("name == 'x'"), { name: "x" });
  assert.throws(() => parseWhere("{name: 'x'}"), /Invalid "where": not JSON/);
  assert.throws(() => parseWhere("name = 'x'"), /Invalid "where"/);
  assert.throws(() => parseWhere("name == ObjectId('x')"), /Invalid "where"/);
  // The Python syntax's operators pass the same allow-list as JSON's.
  assert.throws(() => parseWhere("$where == 'x'"), /Invalid "where"/);
});

Deno.test("page and max_results follow Eve: abs, defaults and the limit", () => {
  assert.equal(query("page=-2").page, 2);
  assert.equal(query("page=zero").page, 1);
  assert.equal(query("max_results=0").maxResults, 25);
  assert.equal(query("max_results=1000").maxResults, 50);
  assert.equal(query("max_results=10.7").maxResults, 10);
});

Deno.test("projection must be an object of 0/1 without mixing", () => {
  assert.deepEqual(query('projection={"a":1}').projection, { a: 1 });
  assert.throws(() => query("projection=[1]"), /projection/);
  assert.throws(() => query('projection={"a":1,"b":0}'), /mixes/);
  assert.throws(() => query('projection={"a":"yes"}'), /0 or 1/);
});
