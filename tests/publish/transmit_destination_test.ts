/**
 * The send loop of one destination (`transmit_destination.ts`) against an in-memory queue whose
 * steps the test releases one by one: a late `in-progress` claim that fails during a send, or
 * while the batch's texts are read, fails the drain without an unhandled rejection (worker
 * threads would die of one), and a send whose entry someone else changed meanwhile is not
 * counted as sent.
 */
import assert from "node:assert/strict";
import { createLogger, silentLogger } from "../../src/log.ts";
import type { Delivery, Transmitter } from "../../src/publish/transmitters/transmitter.ts";
import { drainDestination, type DrainOptions } from "../../src/publish/transmit_destination.ts";
import type { ResourceRegistry } from "../../src/resources/resource_registry.ts";
import type { Doc } from "../../src/storage/document_store.ts";

/** An in-memory publish queue (compare-and-set on `_etag`); `advanceAll` can be held. */
function memoryQueue(entries: Doc[]) {
  const stored = new Map(entries.map((entry) => [String(entry._id), { ...entry }]));
  let etags = 0;
  const queue = {
    stored,
    /** Replaces `advanceAll` for its next call when set. */
    nextAdvanceAll: undefined as
      | ((changes: ReadonlyArray<{ entry: Doc; set: Doc }>) => Promise<Array<Doc | null>>)
      | undefined,
    advanceCalls: 0,
    formattedItems: (_entries: readonly Doc[]) => Promise.resolve(new Map<string, string>()),
    waiting: () =>
      Promise.resolve(
        [...stored.values()].filter((e) => ["pending", "in-progress"].includes(String(e.state)))
          .map((e) => ({ ...e })),
      ),
    /** Someone else's write (a user cancelling the entry). */
    change(id: string, set: Doc) {
      stored.set(id, { ...stored.get(id)!, ...set, _etag: `e${++etags}` });
    },
    advanceAll(changes: ReadonlyArray<{ entry: Doc; set: Doc }>): Promise<Array<Doc | null>> {
      queue.advanceCalls++;
      const held = queue.nextAdvanceAll;
      queue.nextAdvanceAll = undefined;
      return held ? held(changes) : Promise.resolve(queue.apply(changes));
    },
    /** The compare-and-set of each change: the stored entry, or null when it changed. */
    apply(changes: ReadonlyArray<{ entry: Doc; set: Doc }>): Array<Doc | null> {
      return changes.map(({ entry, set }) => {
        const current = stored.get(String(entry._id));
        if (!current || current._etag !== entry._etag) return null;
        const next = { ...current, ...set, _etag: `e${++etags}` };
        stored.set(String(entry._id), next);
        return { ...next };
      });
    },
  };
  return queue;
}

function entry(id: string): Doc {
  return {
    _id: id,
    _etag: `${id}-0`,
    state: "pending",
    subscriber_id: "s1",
    destination: { _id: "d1", delivery_type: "held" },
  };
}

/** A transmitter whose sends wait until the test releases them. */
function heldTransmitter() {
  const onStart = Promise.withResolvers<void>();
  const release = Promise.withResolvers<void>();
  const transmitter: Transmitter = {
    type: "held",
    name: "held",
    async transmit(_delivery: Delivery) {
      onStart.resolve();
      await release.promise;
    },
  };
  return { transmitter, started: onStart.promise, release: () => release.resolve() };
}

function drain(queue: ReturnType<typeof memoryQueue>, options: Partial<DrainOptions>) {
  const registry = { service: () => queue } as unknown as ResourceRegistry;
  return drainDestination(registry, "d1", {
    transmitters: new Map(),
    retry: { maxAttempts: 3, backoff: { baseMs: 1000, maxMs: 1000 } },
    log: silentLogger,
    signal: new AbortController().signal,
    subscriberOf: () => Promise.resolve({ _id: "s1", is_active: true }),
    ...options,
  });
}

/**
 * Records unhandled rejections while `fn` runs; the runtime reports one at the end of the
 * event-loop turn it happened in, so a zero timer after `fn` lets the last turn be reported.
 */
async function unhandledDuring(fn: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (event: PromiseRejectionEvent) => {
    seen.push(event.reason);
    event.preventDefault();
  };
  globalThis.addEventListener("unhandledrejection", listener);
  try {
    await fn();
    await new Promise((resolve) => setTimeout(resolve, 0));
  } finally {
    globalThis.removeEventListener("unhandledrejection", listener);
  }
  return seen;
}

/** Holds the queue's next `advanceAll`: resolves `called`, settles when the test says. */
function holdNextAdvanceAll(queue: ReturnType<typeof memoryQueue>) {
  const called = Promise.withResolvers<void>();
  const answer = Promise.withResolvers<Array<Doc | null>>();
  queue.nextAdvanceAll = () => {
    called.resolve();
    return answer.promise;
  };
  return { called: called.promise, answer };
}

Deno.test("a late claim that fails during a send fails the drain, not the worker", async () => {
  const queue = memoryQueue([entry("q1"), entry("q2")]);
  const held = heldTransmitter();
  const claim = holdNextAdvanceAll(queue);
  const unhandled = await unhandledDuring(async () => {
    const drained = drain(queue, {
      transmitters: new Map([["held", held.transmitter]]),
      claimAfterMs: 0,
    });
    const outcome = drained.then(() => "sent", (error) => error);
    await held.started;
    await claim.called;
    claim.answer.reject(new Error("store down"));
    // The rejection stays unobserved for a turn while the send is still in flight.
    await new Promise((resolve) => setTimeout(resolve, 0));
    held.release();
    const error = await outcome;
    assert.ok(error instanceof Error, `expected the drain to fail, got ${error}`);
    assert.equal(error.message, "store down");
  });
  assert.deepEqual(unhandled, []);
  assert.equal(queue.advanceCalls, 1, "no completion was written after the failed claim");
  assert.deepEqual([...queue.stored.values()].map((e) => e.state), ["pending", "pending"]);
});

Deno.test("a claim pending when reading the texts fails is awaited before the drain fails", async () => {
  const queue = memoryQueue([entry("q1")]);
  const texts = Promise.withResolvers<Map<string, string>>();
  queue.formattedItems = () => texts.promise;
  const claim = holdNextAdvanceAll(queue);
  const order: string[] = [];
  const unhandled = await unhandledDuring(async () => {
    const drained = drain(queue, { claimAfterMs: 0 }).then(
      () => order.push("drain sent"),
      (error: Error) => order.push(`drain failed: ${error.message}`),
    );
    await claim.called;
    texts.reject(new Error("payloads unreadable"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    order.push("claim failed");
    claim.answer.reject(new Error("store down"));
    await drained;
  });
  assert.deepEqual(unhandled, []);
  assert.deepEqual(order, ["claim failed", "drain failed: payloads unreadable"]);
});

for (const [when, claimAfterMs] of [["completing", 2 ** 31 - 1], ["claiming", 0]] as const) {
  Deno.test(`a send whose entry was changed before ${when} it is logged, not counted`, async () => {
    const queue = memoryQueue([entry("q1"), entry("q2")]);
    const held = heldTransmitter();
    const claimApplied = Promise.withResolvers<void>();
    queue.nextAdvanceAll = (changes) => {
      const stored = queue.apply(changes);
      claimApplied.resolve();
      return Promise.resolve(stored);
    };
    const records: Array<Record<string, unknown>> = [];
    const log = createLogger({ sink: (line) => records.push(JSON.parse(line)) });
    const drained = drain(queue, {
      transmitters: new Map([["held", held.transmitter]]),
      log,
      claimAfterMs,
    });
    await held.started;
    queue.change("q1", { state: "canceled" });
    if (claimAfterMs === 0) await claimApplied.promise;
    held.release();
    const { sent } = await drained;
    assert.equal(sent, 1, "only q2 counts");
    assert.deepEqual([...queue.stored.values()].map((e) => e.state), ["canceled", "success"]);
    const warnings = records.filter((r) => r.msg === "sent entry was changed meanwhile");
    assert.deepEqual(warnings.map((r) => [r.level, r.queueId]), [["warn", "q1"]]);
  });
}
