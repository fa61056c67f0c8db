/**
 * The write breaker: after the engine is found unreachable, index writes fail at once (as
 * `unavailable`, so they go to the outbox) until `openMs` has passed; then the engine is tried
 * again. Refusals of single documents do not open it.
 */
import assert from "node:assert/strict";
import { withWriteBreaker } from "../../src/indexing/write_breaker.ts";
import { type SearchIndex, SearchIndexWriteError } from "../../src/search/search_index.ts";

function fakeIndex(outcome: () => Error | undefined) {
  let calls = 0;
  const index = {
    engine: "elasticsearch",
    index() {
      calls++;
      const error = outcome();
      return error ? Promise.reject(error) : Promise.resolve();
    },
    remove() {
      calls++;
      return Promise.resolve();
    },
  } as unknown as SearchIndex;
  return { index, calls: () => calls };
}

Deno.test("after an unreachable engine, writes fail fast until openMs has passed", async () => {
  let now = 0;
  let down = true;
  const unreachable = () =>
    down
      ? new SearchIndexWriteError("memos", [{ _id: "a", reason: "refused" }], { unavailable: true })
      : undefined;
  const fake = fakeIndex(unreachable);
  const guarded = withWriteBreaker(fake.index, { openMs: 1_000, now: () => now });
  await assert.rejects(guarded.index("memos", [{ _id: "a" }]), SearchIndexWriteError);
  const fast = await guarded.index("memos", [{ _id: "b" }]).catch((error) => error);
  assert.ok(fast instanceof SearchIndexWriteError && fast.unavailable);
  assert.deepEqual(fast.failures.map((f: { _id: string }) => f._id), ["b"]);
  assert.equal(fake.calls(), 1);
  down = false;
  now = 1_001;
  await guarded.index("memos", [{ _id: "c" }]);
  assert.equal(fake.calls(), 2);
});

Deno.test("a refused document does not open the breaker", async () => {
  const fake = fakeIndex(() => new SearchIndexWriteError("memos", [{ _id: "a", reason: "bad" }]));
  const guarded = withWriteBreaker(fake.index, { now: () => 0 });
  await assert.rejects(guarded.index("memos", [{ _id: "a" }]));
  await assert.rejects(guarded.index("memos", [{ _id: "a" }]));
  assert.equal(fake.calls(), 2);
});
