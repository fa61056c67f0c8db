import assert from "node:assert/strict";
import { createTaskRegistry, defineTask } from "../../src/tasks/task_definition.ts";

Deno.test("defineTask fills defaults and keeps explicit options", () => {
  const task = defineTask({
    name: "ingest:update",
    queue: "ingest",
    backoff: { baseMs: 5 },
    handler() {},
  });
  assert.equal(task.queue, "ingest");
  assert.equal(task.maxAttempts, 4);
  assert.deepEqual(task.backoff, { baseMs: 5, maxMs: 600_000 });
  assert.equal(defineTask({ name: "x", handler() {} }).queue, "default");
});

Deno.test("a registry refuses two tasks with one name", () => {
  const a = defineTask({ name: "a", handler() {} });
  assert.equal(createTaskRegistry([a]).get("a"), a);
  assert.throws(() => createTaskRegistry([a, a]), /"a": the name is already taken/);
});
