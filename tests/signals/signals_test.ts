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

/** Resolves when `signal` is aborted. */
function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve()));
}

Deno.test("close() aborts a running handler's signal and resolves once the handler has stopped", async () => {
  const { log, records } = captureLog();
  const signals = new Signals(log);
  const steps: string[] = [];
  const started = Promise.withResolvers<void>();
  signals.on("item:locked", async (_payload, { signal }) => {
    started.resolve();
    await aborted(signal);
    await Promise.resolve();
    steps.push("handler stopped");
  }, { app: "slow" });
  const emitted = signals.emit("item:locked", { item: item() });
  await started.promise;
  await signals.close();
  steps.push("closed");
  await emitted;
  assert.deepEqual(steps, ["handler stopped", "closed"]);
  assert.deepEqual(records.items, []);
});

Deno.test("close() also waits for a handler that emit no longer awaits", async () => {
  const { log, records } = captureLog();
  const signals = new Signals(log, { timeoutMs: 20 });
  const steps: string[] = [];
  signals.on("item:moved", async (_payload, { signal }) => {
    await aborted(signal);
    steps.push("handler stopped");
  }, { app: "slow" });
  await signals.emit("item:moved", { item: item(), original: item() });
  assert.deepEqual(records.items.map((r) => r.msg), [
    "signal handler still running; no longer awaited",
  ]);
  await signals.close();
  steps.push("closed");
  assert.deepEqual(steps, ["handler stopped", "closed"]);
});

Deno.test("once close() began, emit starts no handler and says so", async () => {
  const { log, records } = captureLog();
  const signals = new Signals(log);
  const seen: string[] = [];
  signals.on("item:created", () => void seen.push("ran"), { app: "late" });
  const emitted = signals.emit("item:created", { item: item() });
  const closed = signals.close();
  await emitted;
  await signals.emit("item:created", { item: item() });
  await closed;
  assert.deepEqual(seen, [], "a handler not started when close() began is not started");
  // Each skipped handler is logged: the one emit had queued before close() too.
  assert.deepEqual(records.items.map((r) => [r.level, r.msg, r.app, r.signal]), [
    ["warn", "signal not sent: closing", "late", "item:created"],
    ["warn", "signal not sent: closing", "late", "item:created"],
  ]);
});

Deno.test("close() waits at most the handler timeout for a handler that ignores its signal", async () => {
  const { log, records } = captureLog();
  const signals = new Signals(log, { timeoutMs: 20 });
  signals.on("item:spiked", () => new Promise(() => {}), { app: "stuck" });
  const emitted = signals.emit("item:spiked", { item: item(), original: item() });
  await Promise.resolve();
  await signals.close();
  await emitted;
  // Both deadlines passed; either may be logged first.
  assert.deepEqual(records.items.map((r) => `${r.level} ${r.msg}`).sort(), [
    "warn signal handler still running; no longer awaited",
    "warn signal handlers still running at close; no longer awaited",
  ]);
});
