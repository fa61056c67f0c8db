import assert from "node:assert/strict";
import { Signals } from "../../src/signals/signals.ts";
import { captureLog } from "../apps/_apps_fixture.ts";

const item = () => ({ _id: "urn:1", headline: "One", task: { desk: "d1" } });

Deno.test("handlers run in registration order with one deep-frozen copy of the payload", async () => {
  const { log } = captureLog();
  const signals = new Signals(log);
  const seen: string[] = [];
  const payloads: unknown[] = [];
  signals.on("item:locked", (payload) => {
    seen.push("first");
    payloads.push(payload);
  }, { app: "a" });
  signals.on("item:locked", (payload) => {
    seen.push("second");
    payloads.push(payload);
  }, { app: "b" });
  const sent = { item: item(), user: "u1" };
  await signals.emit("item:locked", sent);
  assert.deepEqual(seen, ["first", "second"]);
  assert.equal(payloads[0], payloads[1]);
  assert.deepEqual(payloads[0], sent);
  assert.notEqual(payloads[0], sent);
  assert.ok(Object.isFrozen((payloads[0] as { item: { task: object } }).item.task));
  assert.ok(!Object.isFrozen(sent.item), "the sender's object stays its own");
  assert.equal(signals.has("item:locked"), true);
  assert.equal(signals.has("item:moved"), false);
});

Deno.test("a failing handler is logged with its app and skipped; the others run", async () => {
  const { log, records } = captureLog();
  const signals = new Signals(log);
  const seen: string[] = [];
  signals.on("item:created", () => {
    throw new Error("boom");
  }, { app: "faulty" });
  signals.on("item:created", async () => {
    await Promise.resolve();
    throw new Error("async boom");
  }, { app: "faulty2" });
  signals.on("item:created", () => void seen.push("ran"), { app: "fine" });
  await signals.emit("item:created", { item: item() });
  assert.deepEqual(seen, ["ran"]);
  assert.deepEqual(
    records.items.map((r) => [r.level, r.msg, r.app, r.signal, (r.error as Error).message]),
    [
      ["error", "signal handler failed; skipped", "faulty", "item:created", "boom"],
      ["error", "signal handler failed; skipped", "faulty2", "item:created", "async boom"],
    ],
  );
});

Deno.test("a handler still running at the timeout is no longer awaited", async () => {
  const { log, records } = captureLog();
  const signals = new Signals(log, { timeoutMs: 20 });
  const seen: string[] = [];
  signals.on("item:moved", () => new Promise(() => {}), { app: "slow" });
  signals.on("item:moved", () => void seen.push("next"), { app: "fine" });
  await signals.emit("item:moved", { item: item(), original: item() });
  assert.deepEqual(seen, ["next"]);
  assert.deepEqual(records.items.map((r) => [r.level, r.msg, r.app]), [
    ["warn", "signal handler still running; no longer awaited", "slow"],
  ]);
});

Deno.test("emitting a signal nobody listens to does nothing", async () => {
  const { log, records } = captureLog();
  await new Signals(log).emit("session:end", { sessionId: "s", userId: "u" });
  assert.deepEqual(records.items, []);
});
