/**
 * Named counters: callers of one thread asking at once are served by shared reservations and
 * still get distinct consecutive values in the order they asked; a range wraps to its minimum.
 */
import assert from "node:assert/strict";
import { withTempStore } from "../_temp_store.ts";
import { nextSequence, nextSequences } from "../../src/resources/sequences.ts";

Deno.test("sequences: callers asking at once get distinct consecutive blocks in order", async () => {
  await withTempStore(async (store) => {
    const asked = await Promise.all([
      nextSequence(store, "c"),
      nextSequences(store, "c", { count: 3 }),
      nextSequence(store, "c"),
      nextSequences(store, "c", { count: 0 }),
      nextSequences(store, "c", { count: 2 }),
    ]);
    assert.deepEqual(asked, [1, [2, 3, 4], 5, [], [6, 7]]);
    assert.equal(await nextSequence(store, "c"), 8, "the stored value follows the last block");
    const stored = await store.collection("sequences").findOne({ _id: "c" });
    assert.equal(stored?.sequence_number, 8);
  });
});

Deno.test("sequences: a bounded counter wraps to its minimum; counters are independent", async () => {
  await withTempStore(async (store) => {
    const range = { min: 5, max: 7 };
    const values = await Promise.all(
      Array.from({ length: 5 }, () => nextSequence(store, "bounded", range)),
    );
    assert.deepEqual(values, [5, 6, 7, 5, 6]);
    assert.deepEqual(await nextSequences(store, "bounded", { ...range, count: 3 }), [7, 5, 6]);
    assert.equal(await nextSequence(store, "other"), 1);
  });
});
