/** Eve's Python `where` syntax (`src/http/resources/python_where.ts`). */
import assert from "node:assert/strict";
import { parsePythonWhere } from "../../src/http/resources/python_where.ts";
import { assertLinearGrowth } from "../_linear_growth.ts";

Deno.test("Python where: comparisons become Eve's Mongo filters", () => {
  assert.deepEqual(parsePythonWhere(`item_id=="123"`), { item_id: "123" });
  assert.deepEqual(parsePythonWhere(`a!='x' and b>=2 and c<1.5`), {
    $and: [{ a: { $ne: "x" } }, { b: { $gte: 2 } }, { c: { $lt: 1.5 } }],
  });
  assert.deepEqual(parsePythonWhere(`(a==True or b==None) and task.desk=='d'`), {
    $and: [{ $or: [{ a: true }, { b: null }] }, { "task.desk": "d" }],
  });
  assert.deepEqual(parsePythonWhere(`s=="say \\"hi\\""`), { s: 'say "hi"' });
});

Deno.test("Python where: what it does not read is a 400 naming it", () => {
  for (const text of [`a==`, `a`, `a==1 b==2`, `(a==1`, `a==b`, `a==1 and`, `'a'==1`]) {
    assert.throws(() => parsePythonWhere(text), /Invalid "where"/, text);
  }
  assert.throws(() => parsePythonWhere("(".repeat(40) + "a==1" + ")".repeat(40)), /nested/);
});

Deno.test("Python where: long input in linear time", async () => {
  const terms = (count: number) =>
    Array.from({ length: count }, (_, i) => `f${i}==${i}`).join(" and ");
  const spaced = (count: number) => `a==1${" ".repeat(count)}`;
  const filter = parsePythonWhere(terms(20_000)) as { $and: unknown[] };
  assert.equal(filter.$and.length, 20_000);
  assert.deepEqual(parsePythonWhere(spaced(200_000)), { a: 1 });
  // From 1,250 to 20,000 terms and from 12,500 to 200,000 spaces (tests/_linear_growth.ts).
  await assertLinearGrowth("terms", parsePythonWhere, { make: terms, n: 1_250 });
  await assertLinearGrowth("spaces", parsePythonWhere, { make: spaced, n: 12_500 });
});
