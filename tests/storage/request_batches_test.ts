import assert from "node:assert/strict";
import { requestBatches } from "../../src/storage/mongo/request_batches.ts";

/** A batched function whose sends are recorded and held until the test settles them. */
function heldBatches() {
  const sent: Array<{ keys: string[]; settle(outcomes: Array<string | Error> | Error): void }> = [];
  const call = requestBatches<string, string>((keys) =>
    new Promise((resolve, reject) => {
      sent.push({
        keys,
        settle: (outcomes) => outcomes instanceof Error ? reject(outcomes) : resolve(outcomes),
      });
    })
  );
  return { call, sent };
}

Deno.test("a lone request is sent at once; the ones made meanwhile go together next", async () => {
  const { call, sent } = heldBatches();
  const first = call("a");
  assert.deepEqual(sent.map(({ keys }) => keys), [["a"]]);
  const later = [call("b"), call("c"), call("d")];
  assert.equal(sent.length, 1);
  sent[0]!.settle(["A"]);
  assert.equal(await first, "A");
  assert.deepEqual(sent[1]?.keys, ["b", "c", "d"]);
  sent[1]!.settle(["B", new Error("c failed"), "D"]);
  const outcomes = await Promise.allSettled(later);
  assert.deepEqual(outcomes.map((outcome) => outcome.status), [
    "fulfilled",
    "rejected",
    "fulfilled",
  ]);
  assert.equal((outcomes[0] as PromiseFulfilledResult<string>).value, "B");
  assert.equal((outcomes[2] as PromiseFulfilledResult<string>).value, "D");
});

Deno.test("a failed send rejects its whole batch, and the next batch still goes", async () => {
  const { call, sent } = heldBatches();
  const first = call("a");
  const second = [call("b"), call("c")];
  sent[0]!.settle(new Error("connection lost"));
  await assert.rejects(first, /connection lost/);
  sent[1]!.settle(["B", "C"]);
  assert.deepEqual(await Promise.all(second), ["B", "C"]);
  const third = call("d");
  assert.deepEqual(sent[2]?.keys, ["d"]);
  sent[2]!.settle(["D"]);
  assert.equal(await third, "D");
});
