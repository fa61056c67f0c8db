/**
 * Polling by real worker processes (`main.ts --role=worker`) on one store: a worker killed with
 * SIGKILL in the middle of a poll, then two workers polling the same provider at once. Every
 * item ends up in ingest once and routed to the desk once. Runs on the embedded default (one
 * DATA_DIR shared by the processes) and on the real engines.
 */
import assert from "node:assert/strict";
import { buildPlatform } from "../../src/cli/build_platform.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import { INGEST_PROVIDER_TASK } from "../../src/ingest/ingest_tasks.ts";
import { silentLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import type { Platform } from "../../src/platform.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { startServer } from "../_server_process.ts";
import { waitFor } from "../tasks/_wait_for.ts";
import { startFeedServer } from "./_feed_server.ts";

const PAGES = 10;
const PER_PAGE = 20;
const TOTAL = PAGES * PER_PAGE;
const BLOCKED_PAGE = 6;

for (const engine of ["embedded", "engines"] as const) {
  Deno.test({
    name: `[${engine}] workers: kill -9 mid-poll, then two workers on one provider: each item once`,
    ignore: engine === "engines" && !engineUrl("MONGO_URI"),
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const dataDir = await Deno.makeTempDir({ prefix: "ingest_workers_" });
      const env = engineEnv(engine, dataDir);
      const platform = await buildPlatform(loadConfig(env), {
        log: silentLogger,
        metrics: new MetricsRegistry(),
      });
      const feeds = startFeedServer();
      const gate = Promise.withResolvers<void>();
      const blocked = Promise.withResolvers<void>();
      const workers: Awaited<ReturnType<typeof startServer>>[] = [];
      try {
        servePages(feeds, { gate: gate.promise, onBlocked: blocked.resolve });
        const providerId = await setUp(platform, feeds.url);
        const first = await startWorker(env);
        workers.push(first);
        await blocked.promise;
        const ingest = platform.documents.collection("ingest");
        assert.equal(await ingest.count({}), (BLOCKED_PAGE - 1) * PER_PAGE, "pages before stored");
        first.process.kill("SIGKILL");
        assert.equal((await first.process.status).signal, "SIGKILL");
        workers.shift();
        gate.resolve();
        workers.push(await startWorker(env), await startWorker(env));
        // Extra polls of the same provider, so both workers try at once (the lock decides).
        for (let i = 0; i < 4; i++) {
          await platform.queue.enqueue({ name: INGEST_PROVIDER_TASK, queue: "ingest" }, {
            provider_id: providerId,
          });
        }
        const archive = platform.documents.collection("archive");
        const providers = platform.documents.collection("ingest_providers");
        // A poll that ran to the end has saved the feed's ETag and cleared the failure count.
        await waitFor("a complete poll", async () => {
          const provider = await providers.findOne({ _id: providerId });
          const etag = (provider?.private as { etag?: string } | undefined)?.etag;
          return provider?.error_count === 0 && etag === '"feed-1"';
        }, { timeoutMs: 180_000, everyMs: 250 });
        const ingested = await ingest.find({});
        assert.equal(ingested.length, TOTAL);
        assert.equal(new Set(ingested.map((item) => item.guid)).size, TOTAL, "no guid twice");
        const routed = await archive.find({});
        assert.equal(routed.length, TOTAL, "each item routed once");
        assert.equal(new Set(routed.map((item) => item.ingest_id)).size, TOTAL);
        assert.ok(routed.every((item) => item.state === "routed"));
        assert.equal(await ingest.count({ routing_pending: true }), 0);
        const provider = await providers.findOne({ _id: providerId });
        assert.equal(provider?.ingested_count, TOTAL);
      } finally {
        gate.resolve();
        for (const worker of workers) await worker.stop();
        await feeds.close();
        if (engine === "engines") {
          for (const definition of platform.registry.definitions()) {
            if (definition.searchBacked) await platform.search.drop(definition.name);
          }
        }
        await platform.close();
        await Deno.remove(dataDir, { recursive: true });
      }
    },
  });
}

/** The configuration the test and its workers share. */
function engineEnv(engine: "embedded" | "engines", dataDir: string): Record<string, string> {
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    INGEST_UPDATE_SECONDS: "1",
    TASK_LEASE_SECONDS: "2",
    LOG_LEVEL: "info",
    ELASTICSEARCH_INDEX: uniqueName("ingestwork"),
    ELASTICSEARCH_REFRESH: "true",
  };
  if (engine === "engines") {
    env.MONGO_URI = engineUrl("MONGO_URI")!;
    env.MONGO_DBNAME = uniqueName("ingestwork");
    const elastic = Deno.env.get("ELASTICSEARCH_URL");
    const redis = Deno.env.get("REDIS_URL");
    if (elastic) env.ELASTICSEARCH_URL = elastic;
    if (redis) env.REDIS_URL = redis;
  }
  return env;
}

/** A NINJS API of PAGES pages; the first request for BLOCKED_PAGE waits for `gate`. */
function servePages(
  feeds: ReturnType<typeof startFeedServer>,
  { gate, onBlocked }: { gate: Promise<void>; onBlocked: () => void },
) {
  for (let page = 1; page <= PAGES; page++) {
    const items = Array.from({ length: PER_PAGE }, (_, i) => {
      const n = (page - 1) * PER_PAGE + i;
      return {
        guid: `urn:northwind:load:${n}`,
        type: "text",
        version: 1,
        headline: `Story ${n}`,
        versioncreated: "2026-01-06T10:00:00+0000",
      };
    });
    const next = page < PAGES ? { next: { href: `/api?page=${page + 1}` } } : {};
    feeds.set(page === 1 ? "/api" : `/api?page=${page}`, {
      body: JSON.stringify({ _items: items, _links: next }),
      contentType: "application/json",
      etag: page === 1 ? '"feed-1"' : undefined,
    });
  }
  feeds.hold(`/api?page=${BLOCKED_PAGE}`, async () => {
    onBlocked();
    await gate;
  });
}

/** A desk, a scheme routing everything to it, and a provider polled every second. */
async function setUp(platform: Platform, feedUrl: string): Promise<string> {
  const registry = platform.registry;
  const [desk] = await registry.service("desks").create([{ name: "Wires" }], SYSTEM_ACTOR);
  const [scheme] = await registry.service("routing_schemes").create([{
    name: "all to wires",
    rules: [{ name: "all", actions: { fetch: [{ desk: desk!._id }] } }],
  }], SYSTEM_ACTOR);
  const [provider] = await registry.service("ingest_providers").create([{
    name: "load",
    source: "northwind",
    feeding_service: "http",
    feed_parser: "ninjs",
    content_expiry: 10 * 365 * 24 * 60,
    update_schedule: { seconds: 1 },
    routing_scheme: scheme!._id,
    skip_config_test: true,
    config: { url: `${feedUrl}/api` },
  }], SYSTEM_ACTOR);
  return String(provider!._id);
}

async function startWorker(env: Record<string, string>) {
  const worker = await startServer(["--role=worker", "--workers=1"], { env, listening: [] });
  await worker.waitFor((record) => record.msg === "task worker ready");
  return worker;
}
