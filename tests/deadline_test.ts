import assert from "node:assert/strict";
import { TIMED_OUT, within } from "../src/deadline.ts";

Deno.test("within returns the value of a promise that settles in time", async () => {
  assert.equal(await within(Promise.resolve(7), 1000), 7);
});

Deno.test("within returns TIMED_OUT for a promise that never settles, and clears its timer", async () => {
  assert.equal(await within(new Promise(() => {}), 5), TIMED_OUT);
});

Deno.test("within passes a rejection through", async () => {
  await assert.rejects(within(Promise.reject(new Error("boom")), 1000), /boom/);
});
