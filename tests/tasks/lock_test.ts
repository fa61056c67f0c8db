import assert from "node:assert/strict";
import { type LockService, withLock } from "../../src/tasks/lock.ts";

/** An in-memory LockService whose lock can be stolen by the test. */
function memoryLocks() {
  const held = new Map<string, string>();
  const service: LockService = {
    acquire(name) {
      if (held.has(name)) return Promise.resolve(null);
      const token = crypto.randomUUID();
      held.set(name, token);
      return Promise.resolve(token);
    },
    renew: (name, token) => Promise.resolve(held.get(name) === token),
    release(name, token) {
      if (held.get(name) !== token) return Promise.resolve(false);
      held.delete(name);
      return Promise.resolve(true);
    },
  };
  return { service, held };
}

Deno.test("withLock returns the value, then frees the lock", async () => {
  const { service, held } = memoryLocks();
  assert.deepEqual(await withLock(service, "a", 1_000, () => Promise.resolve(7)), {
    acquired: true,
    value: 7,
  });
  assert.equal(held.size, 0);
});

Deno.test("withLock does not run fn when the lock is held, and frees it when fn throws", async () => {
  const { service, held } = memoryLocks();
  held.set("a", "other");
  let ran = false;
  assert.deepEqual(await withLock(service, "a", 1_000, () => Promise.resolve(ran = true)), {
    acquired: false,
  });
  assert.equal(ran, false);
  held.clear();
  await assert.rejects(withLock(service, "a", 1_000, () => Promise.reject(new Error("x"))), /x/);
  assert.equal(held.size, 0);
});

Deno.test("withLock aborts fn's signal when a renewal finds the lock stolen", async () => {
  const { service, held } = memoryLocks();
  const outcome = await withLock(service, "a", 30, (signal) => {
    held.set("a", "thief");
    return new Promise<string>((resolve) => {
      signal.addEventListener("abort", () => resolve(String(signal.reason.message)));
    });
  });
  assert.deepEqual(outcome, { acquired: true, value: 'Lock "a" was lost while held' });
  assert.equal(held.get("a"), "thief", "the old owner did not release the new owner's lock");
});
