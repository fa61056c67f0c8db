import assert from "node:assert/strict";
import { decodeArgs, encodeArgs } from "../../src/tasks/task_codec.ts";

Deno.test("task args keep Dates and ObjectIds through encode, structured clone and decode", () => {
  const oid = { toHexString: () => "65a1b2c3d4e5f60718293a4b" };
  const args = { when: new Date("2024-02-03T04:05:06.007Z"), item: oid, list: [1, "a", null] };
  const text = structuredClone(encodeArgs(args));
  const decoded = decodeArgs(text, { reviveOid: (hex) => `oid:${hex}` }) as Record<string, unknown>;
  assert.ok(decoded.when instanceof Date);
  assert.equal((decoded.when as Date).toISOString(), "2024-02-03T04:05:06.007Z");
  assert.equal(decoded.item, "oid:65a1b2c3d4e5f60718293a4b");
  assert.deepEqual(decoded.list, [1, "a", null]);
});

Deno.test("task args: ordinary objects with $-keys among others are left alone", () => {
  const args = { q: { $date: "x", other: 1 }, o: { $oid: 5 } };
  assert.deepEqual(decodeArgs(encodeArgs(args)), args);
  assert.equal(decodeArgs(encodeArgs(undefined)), null);
});
