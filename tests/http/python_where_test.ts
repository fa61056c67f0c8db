/** Eve's Python `where` syntax (`src/http/resources/python_where.ts`). */
import assert from "node:assert/strict";
import { parsePythonWhere } from "../../src/http/resources/python_where.ts";

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

Deno.test("Python where: long input in linear time", () => {
  const terms = Array.from({ length: 20_000 }, (_, i) => `f${i}==${i}`).join(" and ");
  const started = performance.now();
  const filter = parsePythonWhere(terms) as { $and: unknown[] };
  assert.equal(filter.$and.length, 20_000);
  const spaced = `a==1${" ".repeat(200_000)}`;
  assert.deepEqual(parsePythonWhere(spaced), { a: 1 });
  assert.ok(performance.now() - started < 2_000);
});
