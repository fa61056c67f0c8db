/** The outbox's retry delays. */
import assert from "node:assert/strict";
import { OUTBOX_BACKOFF, retryDelay } from "../../src/indexing/search_outbox.ts";

Deno.test("outbox retry delays grow exponentially, with jitter, up to the cap", () => {
  assert.equal(retryDelay(1, () => 0), OUTBOX_BACKOFF.baseMs / 2);
  assert.equal(retryDelay(1, () => 1), OUTBOX_BACKOFF.baseMs);
  assert.equal(retryDelay(4, () => 0), OUTBOX_BACKOFF.baseMs * 4);
  assert.equal(retryDelay(40, () => 1), OUTBOX_BACKOFF.maxMs);
  assert.equal(retryDelay(40, () => 1, 2_000), 2_000, "a configured cap");
  assert.equal(retryDelay(2, () => 1, 60_000), OUTBOX_BACKOFF.baseMs * 2);
});
