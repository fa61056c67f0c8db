/**
 * Fault tests: Elasticsearch becomes unreachable, a few hundred writes go through the API and
 * all succeed, lists answer 503, then the engine comes back and the retry machinery (the drain
 * task's handler, run as a worker runs it, over and over while the engine returns) brings the
 * index back: `index:check` finds no drift and searches return every write. Two outages: a TCP
 * proxy in front of the shared engine refusing connections (quick, on both document stores),
 * and a dedicated node really stopped and started again, its indexes recovering from disk while
 * the drain keeps trying.
 */
import assert from "node:assert/strict";
import { indexCheckCommand } from "../../src/indexing/index_commands.ts";
import { registerIndexingMetrics } from "../../src/indexing/indexing_backlog.ts";
import { checkDrift } from "../../src/indexing/reconcile.ts";
import {
  OUTBOX_COLLECTION,
  OUTBOX_DRAIN_TASK,
  type OutboxEntry,
  SearchOutbox,
} from "../../src/indexing/search_outbox.ts";
import { silentLogger } from "../../src/log.ts";
import type { Platform } from "../../src/platform.ts";
import { engineUrl } from "../_engines.ts";
import { loginAs } from "../_auth.ts";
import { startDedicatedElastic } from "./_dedicated_elastic.ts";
import { createIndexingApp } from "./_indexing_app.ts";
import { memos } from "./_memos_module.ts";
import { searchedEtags } from "./_searched_etags.ts";
import { startTcpProxy } from "../_tcp_proxy.ts";

const url = engineUrl("ELASTICSEARCH_URL");

/** Runs the drain task's handler as a worker would. */
async function runDrainTask(platform: Platform) {
  const task = platform.tasks.get(OUTBOX_DRAIN_TASK)!;
  await task.handler({} as never, {
    services: platform.services,
    signal: new AbortController().signal,
    log: silentLogger,
    attempt: 1,
    taskId: "test",
  });
}

/** How the engine goes away and comes back. */
interface Outage {
  /** What the app uses as ELASTICSEARCH_URL. */
  url: string;
  stop(): Promise<void>;
  /** Brings the engine back; the test keeps draining while it runs. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Only a backstop against an outbox that never drains: a correct run waits for the engine's
 * start (a JVM and shard recovery, minutes on a loaded machine) and for the entries' backoff,
 * which grows while the engine starts; it is never decided by this.
 */
const DRAIN_BACKSTOP_MS = 20 * 60_000;

/**
 * The app's longest wait between retries (`SEARCH_OUTBOX_RETRY_MAX_SECONDS`): once the engine is
 * back, the entries are retried within this, not minutes after their backoff grew during a start.
 */
const RETRY_MAX_SECONDS = 2;

function refusingProxy(): Promise<Outage> {
  const proxy = startTcpProxy(url!);
  return Promise.resolve({
    url: proxy.url,
    stop: () => Promise.resolve(proxy.stop()),
    start: () => Promise.resolve(proxy.start()),
    close: () => Promise.resolve(proxy.stop()),
  });
}

async function restartedNode(): Promise<Outage> {
  const node = await startDedicatedElastic(url!);
  return { ...node, close: node.stop };
}

const mongoUri = engineUrl("MONGO_URI");

for (const store of ["embedded", "mongodb"] as const) {
  Deno.test({
    name:
      `[${store}] writes made while Elasticsearch refuses connections all succeed and are indexed once it is back`,
    ignore: !url || (store === "mongodb" && !mongoUri),
    sanitizeOps: false,
    sanitizeResources: false,
    fn: () => faultTest(refusingProxy, store === "mongodb" ? mongoUri : undefined),
  });
}

Deno.test({
  name:
    "[mongodb] writes made while Elasticsearch is stopped all succeed and are indexed once it has restarted",
  ignore: !url || !mongoUri,
  sanitizeOps: false,
  sanitizeResources: false,
  fn: () => faultTest(restartedNode, mongoUri),
});

/** What the backstop's message says of the entries left. */
function outboxSummary(entries: OutboxEntry[]) {
  return {
    pending: entries.length,
    maxAttempts: Math.max(0, ...entries.map((entry) => entry.attempts)),
    lastDue: new Date(Math.max(0, ...entries.map((entry) => +new Date(entry.next_attempt_at)))),
    errors: [...new Set(entries.map((entry) => entry.last_error))].slice(0, 3),
  };
}

async function faultTest(openOutage: () => Promise<Outage>, mongoUri: string | undefined) {
  const outage = await openOutage();
  const app = await createIndexingApp({
    elasticUrl: outage.url,
    mongoUri,
    env: {
      ELASTICSEARCH_REFRESH: "true",
      SEARCH_OUTBOX_RETRY_MAX_SECONDS: String(RETRY_MAX_SECONDS),
    },
  });
  const { platform } = app;
  try {
    const admin = await loginAs(app, { username: "admin1", admin: true });
    await outage.stop();

    const expected = new Map<string, string>();
    for (let i = 0; i < 200; i++) {
      const response = await admin.post("/api/memos", { title: `outage memo ${i}`, priority: i });
      assert.equal(response.status, 201);
      const body = await response.json();
      expected.set(body._id, body._etag);
    }
    const ids = [...expected.keys()];
    for (const id of ids.slice(0, 60)) {
      const response = await admin.patch(`/api/memos/${id}`, { title: "edited during outage" }, {
        etag: expected.get(id),
      });
      assert.equal(response.status, 200);
      expected.set(id, (await response.json())._etag);
    }
    for (const id of ids.slice(150, 190)) {
      const response = await admin.delete(`/api/memos/${id}`, { etag: expected.get(id) });
      assert.equal(response.status, 204);
      expected.delete(id);
    }

    const down = await admin.get("/api/memos");
    assert.equal(down.status, 503);
    assert.match(down.headers.get("content-type")!, /json/);
    await down.body?.cancel();
    const outbox = new SearchOutbox(platform.documents);
    assert.equal((await outbox.stats()).pending, 200);
    const ready = await app.app.request("/ready");
    assert.equal(ready.status, 503);
    assert.equal((await ready.json()).indexing.pending, 200);
    registerIndexingMetrics(platform.metrics, platform.documents);
    const metrics = await (await app.app.request("/metrics")).text();
    assert.match(metrics, /^superdesk_search_outbox_pending 200$/m);
    assert.match(metrics, /^superdesk_search_outbox_oldest_age_seconds \d+$/m);

    await runDrainTask(platform);
    const postponed = await outbox.all();
    assert.equal(postponed.length, 200);
    assert.ok(postponed.every((entry) => entry.attempts === 1));

    // Drains while the engine starts, then until the outbox is empty: done when the engine is up
    // and every entry indexed, however long the start and the entries' backoff take.
    const backstop = Date.now() + DRAIN_BACKSTOP_MS;
    const engine: { state: "starting" | "up" | Error } = { state: "starting" };
    const starting = outage.start().then(
      () => engine.state = "up",
      (error) => engine.state = error,
    );
    while (engine.state !== "up" || (await outbox.stats()).pending > 0) {
      if (engine.state instanceof Error) throw engine.state;
      if (Date.now() > backstop) {
        assert.fail(
          `backstop: after ${
            DRAIN_BACKSTOP_MS / 60_000
          } minutes the engine is ${engine.state} and the outbox still holds ${
            JSON.stringify(outboxSummary(await outbox.all()))
          }`,
        );
      }
      // Paces the tries (the drain itself retries only the entries that are due).
      await new Promise((resolve) => setTimeout(resolve, 200));
      await runDrainTask(platform);
      const later = new Date(Date.now() + RETRY_MAX_SECONDS * 1000 + 1000);
      const beyond = await platform.documents.collection(OUTBOX_COLLECTION)
        .count({ next_attempt_at: { $gt: later } });
      assert.equal(beyond, 0, "no retry is put off beyond the configured longest wait");
    }
    await starting;

    const report = await checkDrift(platform, memos);
    assert.deepEqual({ ...report, resource: undefined }, {
      resource: undefined,
      stored: 160,
      missing: 0,
      stale: 0,
      orphan: 0,
      repaired: 0,
      refused: [],
    });
    const exit = await indexCheckCommand.run({ flags: {}, positional: ["memos"] }, {
      config: platform.config,
      log: silentLogger,
      services: () => Promise.resolve(platform.services),
    });
    assert.equal(exit, 0);

    assert.deepEqual(await searchedEtags(admin, 500), expected);
  } finally {
    try {
      await outage.start();
      await app.close();
    } finally {
      await outage.close();
    }
  }
}
