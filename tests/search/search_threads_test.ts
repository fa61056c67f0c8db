/**
 * The embedded index's search threads (`src/search/sqlite/search_pool.ts`): a heavy search no
 * longer holds the caller's event loop (proved by the order of events, on the in-thread index
 * first to show the test would see it), a search past the limit is answered with a 503 and its
 * thread replaced, a full queue refuses with a 503 and Retry-After, errors keep their class,
 * a failed thread is replaced, and a search issued after a write returned sees it.
 */
import assert from "node:assert/strict";
import { BadRequestError, ServiceUnavailableError } from "../../src/errors.ts";
import type { SearchBody } from "../../src/search/search_index.ts";
import { createSearchPool } from "../../src/search/sqlite/search_pool.ts";
import {
  CHEAP,
  heavyBody,
  indexFile,
  openIndex,
  PREFIX,
  RESOURCE,
  syntheticItems,
} from "./_search_thread_fixtures.ts";

const path = await indexFile(syntheticItems(40));

/** A thread whose search of `{ stall }` runs until `release(stall)`, whatever the machine's speed. */
const STALLING_WORKER = new URL("./fixtures/stalling_search_worker.ts", import.meta.url);

function stallFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

function release(stall: Int32Array): void {
  Atomics.store(stall, 0, 1);
  Atomics.notify(stall, 0);
}

/** The order in which a heavy search, a timer and a cheap search issued after it settle. */
async function eventOrder(index: ReturnType<typeof openIndex>): Promise<string[]> {
  const events: string[] = [];
  const heavy = index.search([RESOURCE], heavyBody()).then(() => events.push("heavy"));
  const timer = new Promise<void>((resolve) =>
    setTimeout(() => {
      events.push("timer");
      resolve();
    }, 0)
  );
  const cheap = index.search([RESOURCE], CHEAP).then((r) => {
    assert.deepEqual(r.hits.map((h) => h._id), ["item-1"]);
    events.push("cheap");
  });
  await Promise.all([heavy, timer, cheap]);
  return events;
}

Deno.test("a heavy search holds the event loop in the thread, not with search threads", async () => {
  const inThread = openIndex(path, { searchThreads: 0 });
  try {
    // The premise: in the calling thread, nothing else runs until the heavy search is done.
    assert.equal((await eventOrder(inThread))[0], "heavy");
  } finally {
    await inThread.close();
  }
  const threaded = openIndex(path, { searchThreads: 2 });
  try {
    const order = await eventOrder(threaded);
    assert.equal(order.at(-1), "heavy", order.join(", "));
  } finally {
    await threaded.close();
  }
});

Deno.test("a search past the limit is a 503, and its thread is replaced for the next ones", async () => {
  const pool = createSearchPool({
    path,
    prefix: PREFIX,
    busyTimeoutMs: 5000,
    threads: 1,
    timeoutMs: 500,
    queueLimit: 10,
    workerUrl: STALLING_WORKER,
  });
  const stall = stallFlag();
  try {
    const stalled = pool.run({ op: "search", resources: [RESOURCE], body: { stall }, now: 0 });
    await assert.rejects(stalled, (error) => {
      assert.ok(error instanceof ServiceUnavailableError);
      assert.equal(error.status, 503);
      assert.match(error.message, /longer than 500 ms \(SEARCH_TIMEOUT_SECONDS\)/);
      assert.equal(error.headers?.["Retry-After"], "1");
      return true;
    });
    // The retired thread is still working: this one is served by its replacement.
    const cheap = await pool.run({ op: "search", resources: [RESOURCE], body: CHEAP, now: 0 });
    assert.equal((cheap as { total: number }).total, 1);
    release(stall);
    await pool.settled();
  } finally {
    release(stall);
    await pool.close();
  }
});

Deno.test("a full queue refuses with a 503 and Retry-After; the queue is served in order", async () => {
  const pool = createSearchPool({
    path,
    prefix: PREFIX,
    busyTimeoutMs: 5000,
    threads: 1,
    timeoutMs: 500,
    queueLimit: 2,
    workerUrl: STALLING_WORKER,
  });
  const stall = stallFlag();
  try {
    const search = (body: SearchBody) =>
      pool.run({ op: "search", resources: [RESOURCE], body, now: 0 });
    const order: string[] = [];
    const stalled = search({ stall }).catch(() => order.push("stalled"));
    const first = search(CHEAP).then(() => order.push("first"));
    const second = search(CHEAP).then(() => order.push("second"));
    await assert.rejects(search(CHEAP), (error) => {
      assert.ok(error instanceof ServiceUnavailableError);
      assert.match(error.message, /2 searches are waiting for a search thread \(SEARCH_QUEUE\)/);
      assert.equal(error.headers?.["Retry-After"], "1");
      return true;
    });
    await Promise.all([stalled, first, second]);
    assert.deepEqual(order, ["stalled", "first", "second"]);
    release(stall);
    await pool.settled();
  } finally {
    release(stall);
    await pool.close();
  }
});

Deno.test("errors cross the thread as the same classes with the same messages", async () => {
  const big = await indexFile(syntheticItems(120, 30_000));
  const inThread = openIndex(big, { searchThreads: 0 });
  const threaded = openIndex(big, { searchThreads: 1 });
  try {
    const refused: SearchBody[] = [
      heavyBody(1), // more than 10,000 words: refused
      { script_fields: {} },
      { query: { fuzzy: { headline: "x" } } },
      { from: 9_999, size: 2 },
      { sort: [{ headline: { mode: "avg" } }] },
    ];
    for (const body of refused) {
      const expected = await inThread.search([RESOURCE], body).then(
        () => assert.fail(`not refused: ${JSON.stringify(body)}`),
        (error) => error,
      );
      assert.ok(expected instanceof BadRequestError, String(expected));
      await assert.rejects(threaded.search([RESOURCE], body), (error) => {
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.status, 400);
        assert.equal(error.message, expected.message);
        assert.equal(error.name, "BadRequestError");
        return true;
      });
    }
  } finally {
    await inThread.close();
    await threaded.close();
  }
});

Deno.test("a search thread that fails answers a 503 and is replaced", async () => {
  const pool = createSearchPool({
    path,
    prefix: PREFIX,
    busyTimeoutMs: 5000,
    threads: 1,
    timeoutMs: 30_000,
    queueLimit: 10,
    workerUrl: new URL("./fixtures/failing_search_worker.ts", import.meta.url),
  });
  try {
    const run = (body: SearchBody) =>
      pool.run({ op: "search", resources: [RESOURCE], body, now: 0 });
    assert.equal((await run(CHEAP) as { total: number }).total, 1);
    const failing = run({ fail: true });
    const queued = run(CHEAP);
    await assert.rejects(failing, (error) => {
      assert.ok(error instanceof ServiceUnavailableError);
      assert.match(error.message, /The search thread failed: .*failed on purpose/);
      return true;
    });
    assert.equal((await queued as { total: number }).total, 1);
  } finally {
    await pool.close();
  }
});

Deno.test("a search or count issued after a write returned sees it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "search_threads_ryw_" });
  const index = openIndex(`${dir}/search.db`, { searchThreads: 2 });
  try {
    const { itemMapping } = await import("./_search_fixtures.ts");
    await index.ensureIndex(RESOURCE, itemMapping);
    const docs = syntheticItems(30);
    const byId = (id: string): SearchBody => ({ query: { ids: { values: [id] } } });
    const present = new Set<string>();
    for (const [i, doc] of docs.entries()) {
      // Writes issued together share a commit: each is answered after it.
      const other = docs[(i + 7) % docs.length]!;
      await Promise.all([index.index(RESOURCE, [doc]), index.remove(RESOURCE, [other._id])]);
      present.add(doc._id);
      present.delete(other._id);
      const [found, gone] = await Promise.all([
        index.search([RESOURCE], byId(doc._id)),
        index.search([RESOURCE], byId(other._id)),
      ]);
      assert.equal(found.total, 1, `${doc._id} not seen after its write`);
      assert.equal(gone.total, 0, `${other._id} seen after its removal`);
      const edited = { ...doc, headline: `edited${i}` };
      await index.index(RESOURCE, [edited]);
      const match = await index.search([RESOURCE], {
        query: { match: { headline: `edited${i}` } },
      });
      assert.deepEqual(match.hits.map((h) => h._id), [doc._id]);
    }
    assert.equal(await index.count(RESOURCE), present.size);
    assert.equal((await index.search([RESOURCE], { size: 0 })).total, present.size);
  } finally {
    await index.close();
  }
});
