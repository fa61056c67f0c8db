import assert from "node:assert/strict";
import { deepMerge, expandDottedKeys, getPath } from "../../src/resources/dotted.ts";

Deno.test("dotted keys expand into nested objects", () => {
  assert.deepEqual(expandDottedKeys({ "a.b": 1, "a.c": 2, d: 3 }), { a: { b: 1, c: 2 }, d: 3 });
});

Deno.test("deepMerge merges nested objects and replaces arrays and scalars", () => {
  const merged = deepMerge({ a: { b: 1, c: 2 }, l: [1, 2], s: "x" }, {
    a: { c: 3 },
    l: [9],
    s: "y",
  });
  assert.deepEqual(merged, { a: { b: 1, c: 3 }, l: [9], s: "y" });
  assert.equal(getPath(merged, "a.c"), 3);
});
