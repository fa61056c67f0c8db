import assert from "node:assert/strict";
import { deepMerge, expandDottedKeys, getPath, patchUpdates } from "../../src/resources/dotted.ts";

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

Deno.test("dotted keys inside arrays expand too, at any depth, in writes and in PATCH leaves", () => {
  const body = { list: [{ "a.b": 1 }, [{ "c.d": 2 }], "x.y"], "o.p": [{ "q.r": 3 }] };
  assert.deepEqual(expandDottedKeys(body), {
    list: [{ a: { b: 1 } }, [{ c: { d: 2 } }], "x.y"],
    o: { p: [{ q: { r: 3 } }] },
  });
  assert.deepEqual(
    patchUpdates({ o: { keep: 1 } }, { list: [{ "a.b": 1 }], "o.p": [{ "q.r": 3 }] }),
    {
      list: [{ a: { b: 1 } }],
      o: { keep: 1, p: [{ q: { r: 3 } }] },
    },
  );
  assert.deepEqual(body.list[0], { "a.b": 1 }, "the input is not changed");
});
