/** The reset gate: a reset waits for the requests in flight and refuses new ones with a 503. */
import assert from "node:assert/strict";
import { Hono } from "hono";
import { createResetGate } from "../../src/prepopulate/reset_gate.ts";
import { onError } from "../../src/http/on_error.ts";
import { createLogger } from "../../src/log.ts";
import type { RequestVariables } from "../../src/http/middleware/request_context.ts";

function gatedApp(
  gate: ReturnType<typeof createResetGate>,
  slow: Promise<void>,
  order: string[],
) {
  const entered = Promise.withResolvers<void>();
  const app = new Hono<{ Variables: RequestVariables }>();
  app.onError(onError);
  app.use("*", gate.admit);
  app.get("/slow", async (c) => {
    entered.resolve();
    await slow;
    order.push("slow handled");
    return c.json({ ok: true });
  });
  app.get("/fast", (c) => c.json({ ok: true }));
  return { app, entered: entered.promise };
}

Deno.test("reset gate: a reset starts once the request in flight is answered; others get 503", async () => {
  const gate = createResetGate();
  const release = Promise.withResolvers<void>();
  const order: string[] = [];
  const { app, entered } = gatedApp(gate, release.promise, order);
  const slow = app.request("/slow");
  await entered;
  const reset = gate.exclusive(() => {
    order.push("reset");
    return Promise.resolve("done");
  });
  const refused = await app.request("/fast");
  assert.equal(refused.status, 503);
  assert.equal(refused.headers.get("content-type"), "application/json");
  assert.equal(refused.headers.get("retry-after"), "1");
  assert.match((await refused.json())._message, /being reset by prepopulate/);
  assert.deepEqual(order, [], "the reset waits for the slow request");
  release.resolve();
  assert.equal((await slow).status, 200);
  assert.equal(await reset, "done");
  assert.deepEqual(order, ["slow handled", "reset"]);
  assert.equal((await app.request("/fast")).status, 200);
});

Deno.test("reset gate: resets run one after another, and a failed one frees the gate", async () => {
  const gate = createResetGate();
  const first = Promise.withResolvers<void>();
  const order: string[] = [];
  const { app } = gatedApp(gate, Promise.resolve(), []);
  const one = gate.exclusive(async () => {
    order.push("one starts");
    await first.promise;
    order.push("one ends");
    throw new Error("erase failed");
  });
  const two = gate.exclusive(() => {
    order.push("two");
    return Promise.resolve();
  });
  first.resolve();
  await assert.rejects(one, /erase failed/);
  await two;
  assert.deepEqual(order, ["one starts", "one ends", "two"]);
  const fast = await app.request("/fast");
  assert.equal(fast.status, 200, "requests are admitted again");
  await fast.body?.cancel();
});

Deno.test("reset gate: a reset stops waiting for a straggler after drainMs, and logs both", async () => {
  const records: string[] = [];
  const log = createLogger({ level: "info", sink: (line) => records.push(JSON.parse(line).msg) });
  const gate = createResetGate({ drainMs: 1, log });
  const release = Promise.withResolvers<void>();
  const order: string[] = [];
  const { app, entered } = gatedApp(gate, release.promise, order);
  const slow = app.request("/slow");
  await entered;
  await gate.exclusive(() => {
    order.push("reset");
    return Promise.resolve();
  });
  assert.deepEqual(order, ["reset"], "the reset ran while the straggler was still in flight");
  assert.deepEqual(records, [
    "reset waits for the requests in flight",
    "reset stopped waiting for requests in flight",
  ]);
  release.resolve();
  assert.equal((await slow).status, 200);
});
