import assert from "node:assert/strict";
import { frozenCopy } from "../../src/signals/frozen_copy.ts";

/** Every object reachable from `value` is frozen. */
function allFrozen(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === null || typeof value !== "object" || seen.has(value)) return true;
  seen.add(value);
  return Object.isFrozen(value) && Object.values(value).every((child) => allFrozen(child, seen));
}

Deno.test("frozenCopy copies what structuredClone copies, frozen, the sender's objects untouched", () => {
  const task = { desk: "d1", stage: "s1" };
  const original = {
    _id: "urn:1",
    body_html: "<p>text</p>".repeat(50),
    versioncreated: new Date("2026-12-05T10:00:00Z"),
    subject: [{ qcode: "1", name: "one" }, null, 3],
    task,
    extra: new Map([["k", { v: 1 }]]),
  };
  const item = { ...original, abstract: "A" };
  const payload = { item, original, user: "u1" };
  const copy = frozenCopy(payload);
  assert.deepEqual(copy, structuredClone(payload));
  assert.ok(allFrozen(copy));
  assert.notEqual(copy.item, item);
  assert.notEqual(copy.item.versioncreated, item.versioncreated);
  assert.notEqual(copy.item.extra, item.extra);
  // An object the payload holds twice is copied once, as structuredClone keeps it.
  assert.equal(copy.item.task, copy.original.task);
  assert.ok(!Object.isFrozen(task) && !Object.isFrozen(item) && !Object.isFrozen(item.subject));
  task.desk = "d2";
  assert.equal(copy.item.task.desk, "d1");
});

Deno.test("frozenCopy keeps cycles and array holes; functions cannot be sent", () => {
  const looped: Record<string, unknown> = { name: "loop" };
  looped.self = looped;
  const copy = frozenCopy(looped);
  assert.equal(copy.self, copy);
  // deno-lint-ignore no-sparse-arrays
  const holes = frozenCopy([1, , 3]);
  assert.equal(1 in holes, false);
  assert.equal(holes.length, 3);
  assert.throws(() => frozenCopy({ call: () => 1 }), DOMException);
});
