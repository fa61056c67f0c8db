import assert from "node:assert/strict";
import { backoffDelay } from "../../src/tasks/backoff.ts";

Deno.test("backoff doubles the cap per attempt up to maxMs, with full jitter below it", () => {
  const backoff = { baseMs: 100, maxMs: 1_000 };
  const top = () => 0.999999;
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelay(backoff, n, { random: top })), [
    99,
    199,
    399,
    799,
    999,
  ]);
  assert.equal(backoffDelay(backoff, 3, { random: () => 0 }), 0);
  for (let i = 0; i < 100; i++) {
    const delay = backoffDelay(backoff, 2);
    assert.ok(delay >= 0 && delay < 200);
  }
});
