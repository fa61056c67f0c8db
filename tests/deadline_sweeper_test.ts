import assert from "node:assert/strict";
import { type Deadline, DeadlineSweeper } from "../src/deadline_sweeper.ts";

/** An entry whose deadline has passed; `expired` settles when the sweeper expires it. */
function overdue(): Deadline & { expired: Promise<void>; count: number } {
  const { promise, resolve } = Promise.withResolvers<void>();
  const entry = {
    deadline: performance.now() - 1,
    expired: promise,
    count: 0,
    expire() {
      entry.count++;
      resolve();
    },
  };
  return entry;
}

/** Runs `body` with the process kept alive (the sweeper's timer never keeps it alive itself). */
async function alive(body: () => Promise<void>): Promise<void> {
  const keep = setInterval(() => {}, 60_000);
  try {
    await body();
  } finally {
    clearInterval(keep);
  }
}

Deno.test("a sweeper expires what is past its deadline once, never what it forgot or what is not due", () =>
  alive(async () => {
    const sweeper = new DeadlineSweeper(2);
    const forgotten = overdue();
    const due = overdue();
    const later = { deadline: performance.now() + 3_600_000, expire: () => assert.fail("expired") };
    sweeper.watch(forgotten);
    sweeper.watch(later);
    sweeper.forget(forgotten);
    sweeper.watch(due);
    await due.expired;
    // One check sees every entry: the forgotten one was not expired by it.
    assert.equal(forgotten.count, 0);
    const next = overdue();
    sweeper.watch(next);
    await next.expired;
    assert.equal(due.count, 1);
    sweeper.stop();
  }));

/** Settles at the next `clearInterval` call (a sweeper stopping its timer). */
function nextClearInterval(): Promise<void> {
  const original = globalThis.clearInterval;
  const { promise, resolve } = Promise.withResolvers<void>();
  globalThis.clearInterval = (id) => {
    globalThis.clearInterval = original;
    original(id);
    resolve();
  };
  return promise;
}

Deno.test("a sweeper expires what it watches after it went idle", () =>
  alive(async () => {
    const sweeper = new DeadlineSweeper(1);
    const first = overdue();
    sweeper.watch(first);
    await first.expired;
    // The check after finds nothing to watch and stops the timer; the next watch restarts it.
    await nextClearInterval();
    const second = overdue();
    sweeper.watch(second);
    await second.expired;
    sweeper.stop();
  }));
