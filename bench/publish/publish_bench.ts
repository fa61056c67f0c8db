/**
 * `deno task bench:publish`: publish ITEMS stories to SUBSCRIBERS HTTP-push subscribers through
 * the real server (`main.ts --role=all`, WORKERS task threads, embedded default unless
 * BENCH_ENGINES=1 puts it on MONGO_URI, ELASTICSEARCH_URL and REDIS_URL) and measure, side by
 * side in one run: end-to-end deliveries per second and items fully delivered per second, the
 * p50/p99 latency from the publish request to each delivery, the queue depth over time and the
 * server's CPU per item by thread (API thread, task workers, the rest); against the floor of a
 * bare loop POSTing the same formatted payloads to the same receivers with the same parallelism
 * (WORKERS loops, each serving its destinations in order), the same HTTP client and the same
 * headers (the server's own HTTP push transmitter, each delivery with the Idempotency-Key it
 * arrived with). BENCH_CPU_PROF=<dir> writes V8 CPU profiles of the server (main thread and each
 * worker). Also reports the bytes the server wrote to storage per item and, as a reference from
 * the same run, the rate and CPU of one client save of each story (PATCH /api/archive/<id>, the
 * same concurrency): a publish writes at least such a version. Not a test.
 */
import { printLine } from "../../src/log.ts";
import { httpPushTransmitter } from "../../src/publish/transmitters/http_push_transmitter.ts";
import { baseEnv, spawnServer } from "../api/_server_process.ts";
import { storageWriteBytes } from "./_disk_writes.ts";
import { cheapestRequestCpu, cpuBudget } from "./_cpu_budget.ts";
import { cpuSpent, processCpuSeconds, threadCpuSeconds } from "./_thread_cpu.ts";

const ITEMS = Number(Deno.env.get("BENCH_ITEMS") ?? 1000);
const SUBSCRIBERS = Number(Deno.env.get("BENCH_SUBSCRIBERS") ?? 10);
const WORKERS = Number(Deno.env.get("BENCH_WORKERS") ?? 4);
const CONCURRENCY = Number(Deno.env.get("BENCH_CONCURRENCY") ?? 8);
const ENGINES = Deno.env.get("BENCH_ENGINES") === "1";
const CPU_PROF = Deno.env.get("BENCH_CPU_PROF");
const PASSWORD = "bench-password-1";
const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** One HTTP receiver: every body it got, with its arrival time, item guid and idempotency key. */
interface Receiver {
  url: string;
  arrivals: Array<{ guid: string; at: number; body: string; key: string }>;
  close(): Promise<void>;
}

function startReceiver(onArrival: () => void): Receiver {
  const arrivals: Receiver["arrivals"] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const body = await request.text();
    const guid = /"guid":"([^"]+)"/.exec(body)?.[1] ?? "";
    const key = request.headers.get("idempotency-key") ?? "";
    arrivals.push({ guid, at: performance.now(), body, key });
    onArrival();
    return new Response(null, { status: 201 });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/items`,
    arrivals,
    close: () => server.shutdown(),
  };
}

/** CPU seconds spent for ITEMS items, as milliseconds per item. */
function perItem(seconds: number): string {
  return ((1000 * seconds) / ITEMS).toFixed(1);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function main() {
  let delivered = 0;
  const expected = ITEMS * SUBSCRIBERS;
  const done = Promise.withResolvers<void>();
  const receivers = Array.from(
    { length: SUBSCRIBERS },
    () => startReceiver(() => ++delivered >= expected && done.resolve()),
  );
  const dataDir = await Deno.makeTempDir({ prefix: "bench_publish_" });
  const engineEnv: Record<string, string> = {};
  if (ENGINES) {
    for (const name of ["MONGO_URI", "ELASTICSEARCH_URL", "REDIS_URL"]) {
      const value = Deno.env.get(name);
      if (!value) throw new Error(`BENCH_ENGINES=1 needs ${name}`);
      engineEnv[name] = value;
    }
    const prefix = `bench_publish_${crypto.randomUUID().slice(0, 8)}`;
    Object.assign(engineEnv, { MONGO_DBNAME: prefix, ELASTICSEARCH_INDEX: prefix });
  }
  const env = {
    ...baseEnv(),
    ...engineEnv,
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    WS_PORT: "0",
    WORKERS: String(WORKERS),
    LOG_LEVEL: "warn",
    PUBLISH_SWEEP_SECONDS: "1",
    SUPERDESK_ADMIN_PASSWORD: PASSWORD,
  };
  if (ENGINES) {
    const created = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        MAIN,
        "users:create",
        "--username=admin",
        `--password=${PASSWORD}`,
        "--email=admin@example.com",
        "--admin",
      ],
      env,
      clearEnv: true,
      stdout: "null",
    }).output();
    if (!created.success) throw new Error("users:create failed");
  }
  const server = await spawnServer({
    command: Deno.execPath(),
    args: [
      "run",
      "-A",
      // BENCH_CPU_PROF=<dir>: V8 CPU profiles of the server's isolates (bench/cpu_profile_summary.ts).
      ...(CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`] : []),
      MAIN,
      "--role=all",
    ],
    env,
  });
  try {
    const api = `${server.origin}/api`;
    const login = await (await fetch(`${api}/auth_db`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: "admin", password: PASSWORD }),
    })).json();
    const auth = `Basic ${btoa(`${login.token}:`)}`;
    const call = async (method: string, path: string, body?: unknown, etag?: string) => {
      const response = await fetch(`${api}${path}`, {
        method,
        headers: {
          Authorization: auth,
          "Content-Type": "application/json",
          ...(etag ? { "If-Match": etag } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return { json: JSON.parse(text), headers: response.headers };
    };
    const desk = (await call("POST", "/desks", { name: "Bench", members: [{ user: login.user }] }))
      .json;
    const deskDoc = (await call("GET", `/desks/${desk._id}`)).json;
    const stages = (await call("GET", `/stages?where=${JSON.stringify({ desk: desk._id })}`)).json;
    const target = stages._items.find((stage: { _id: string }) =>
      stage._id !== deskDoc.working_stage
    );
    const product = (await call("POST", "/products", { name: "all" })).json;
    for (const [i, receiver] of receivers.entries()) {
      await call("POST", "/subscribers", {
        name: `subscriber ${i}`,
        subscriber_type: "all",
        email: "s@example.com",
        is_active: true,
        products: [product._id],
        destinations: [{
          name: "push",
          format: "ninjs",
          delivery_type: "http_push",
          config: { resource_url: receiver.url },
        }],
      });
    }
    printLine(`preparing ${ITEMS} stories...`);
    const stories: Array<{ _id: string; _etag: string }> = [];
    await pool(Array.from({ length: ITEMS }, (_, i) => i), CONCURRENCY, async (i) => {
      const story = (await call("POST", "/archive", {
        headline: `Bench story ${i}`,
        slugline: `bench-${i}`,
        body_html: `<p>${"Paragraph of the benchmark story. ".repeat(20)}</p>`.repeat(5),
        task: { desk: desk._id, stage: deskDoc.working_stage },
      })).json;
      await call("POST", `/archive/${story._id}/move`, {
        task: { desk: desk._id, stage: target._id },
      });
      stories.push((await call("GET", `/archive/${story._id}`)).json);
    });

    // A reference measured in the same run: one client save of each story (a new archive
    // version, re-indexed), the write every publish makes at least once besides its copy and
    // queue. Publishing cannot outpace this.
    printLine(`saving ${ITEMS} stories once (reference)...`);
    const savesCpuBefore = await server.cpuSeconds();
    const savesStart = performance.now();
    const savesStartedAt = Date.now();
    await pool(stories, CONCURRENCY, async (story) => {
      const saved = await call(
        "PATCH",
        `/archive/${story._id}`,
        { abstract: `Abstract of ${story._id}` },
        story._etag,
      );
      story._etag = saved.json._etag;
    });
    const savesEndedAt = Date.now();
    const saves = {
      perSecond: ITEMS / ((performance.now() - savesStart) / 1000),
      cpuMs: (1000 * (await server.cpuSeconds() - savesCpuBefore)) / ITEMS,
    };

    printLine(`publishing ${ITEMS} stories to ${SUBSCRIBERS} subscribers (${WORKERS} workers)`);
    const publishedAt = new Map<string, number>();
    const depth: Array<{ t: number; queued: number; unrouted: number }> = [];
    const cpuBefore = await server.cpuSeconds();
    const threadsBefore = await threadCpuSeconds(server.pid);
    const benchCpuBefore = await processCpuSeconds(Deno.pid);
    const writtenBefore = await storageWriteBytes(server.pid);
    const start = performance.now();
    const startedAt = Date.now();
    let sampling = true;
    const sampler = (async () => {
      const waiting = JSON.stringify({ state: { $in: ["pending", "in-progress", "retrying"] } });
      while (sampling) {
        const [queued, unrouted] = await Promise.all([
          call("GET", `/publish_queue?where=${encodeURIComponent(waiting)}&max_results=1`),
          call(
            "GET",
            `/published?where=${JSON.stringify({ queue_state: "pending" })}&max_results=1`,
          ),
        ]);
        depth.push({
          t: (performance.now() - start) / 1000,
          queued: Number(queued.headers.get("x-total-count") ?? 0),
          unrouted: Number(unrouted.headers.get("x-total-count") ?? 0),
        });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    await pool(stories, CONCURRENCY, async (story) => {
      publishedAt.set(story._id, performance.now());
      await call("PATCH", `/archive/publish/${story._id}`, {}, story._etag);
    });
    const publishSeconds = (performance.now() - start) / 1000;
    await done.promise;
    const end = performance.now();
    const endedAt = Date.now();
    const serverCpu = await server.cpuSeconds() - cpuBefore;
    const threads = cpuSpent(threadsBefore, await threadCpuSeconds(server.pid));
    // This process while publishing: the publish requests' client, the receivers, the sampler.
    const benchCpu = await processCpuSeconds(Deno.pid) - benchCpuBefore;
    const written = await storageWriteBytes(server.pid) - writtenBefore;
    sampling = false;
    await sampler;
    const all = receivers.flatMap((receiver) => receiver.arrivals);
    const latencies = all.map((arrival) => arrival.at - publishedAt.get(arrival.guid)!);
    const lastByItem = new Map<string, number>();
    for (const arrival of all) {
      lastByItem.set(arrival.guid, Math.max(lastByItem.get(arrival.guid) ?? 0, arrival.at));
    }
    const seconds = (end - start) / 1000;
    const ours = {
      deliveries: all.length / seconds,
      items: lastByItem.size / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };

    // The floor: the same payloads, the same receivers, WORKERS loops, the same HTTP client and
    // headers (the transmitter itself), no queue and no store.
    const jobs = receivers.flatMap((receiver) =>
      receiver.arrivals.map((arrival) => ({ url: receiver.url, ...arrival }))
    );
    const perDestination = new Map<string, typeof jobs>();
    for (const job of jobs) {
      perDestination.set(job.url, [...(perDestination.get(job.url) ?? []), job]);
    }
    for (const receiver of receivers) receiver.arrivals.length = 0;
    const transmitter = httpPushTransmitter({ timeoutMs: 30_000 });
    const signal = new AbortController().signal;
    const postLatencies: number[] = [];
    const floorCpuBefore = await processCpuSeconds(Deno.pid);
    const floorStart = performance.now();
    await pool([...perDestination.values()], WORKERS, async (list) => {
      for (const job of list) {
        const sent = performance.now();
        await transmitter.transmit({
          key: job.key,
          itemId: job.guid,
          itemVersion: 1,
          sequence: 0,
          text: job.body,
          mimeType: "application/json",
          extension: "json",
          destination: { delivery_type: "http_push", config: { resource_url: job.url } },
          subscriber: {},
        }, { signal });
        postLatencies.push(performance.now() - sent);
      }
    });
    transmitter.close();
    const floorSeconds = (performance.now() - floorStart) / 1000;
    // The floor runs in this process, receivers included: each delivery's whole CPU.
    const deliveryCpu = (await processCpuSeconds(Deno.pid) - floorCpuBefore) / jobs.length;
    const least = await cheapestRequestCpu(server, api, auth);
    const floor = { deliveries: jobs.length / floorSeconds, p99: percentile(postLatencies, 99) };

    printLine(
      `store: ${ENGINES ? "engines (MongoDB, Elasticsearch, Redis)" : "embedded (SQLite)"}`,
    );
    printLine(`publish requests: ${ITEMS} in ${publishSeconds.toFixed(1)} s`);
    printLine(
      `ours:  ${ours.deliveries.toFixed(1)} deliveries/s, ${ours.items.toFixed(1)} items/s ` +
        `(all ${SUBSCRIBERS} subscribers), publish-to-delivery p50 ${ours.p50.toFixed(0)} ms, ` +
        `p99 ${ours.p99.toFixed(0)} ms, ${seconds.toFixed(1)} s in all`,
    );
    printLine(
      `server CPU: ${serverCpu.toFixed(1)} s while publishing, ` +
        `${
          ((1000 * serverCpu) / ITEMS).toFixed(1)
        } ms per item (all threads and engines it started); by thread, ms per item: ` +
        `API ${perItem(threads.main)}, workers ${perItem(threads.workers)}, ` +
        `other ${perItem(threads.other)}`,
    );
    printLine(
      `storage writes: ${(written / ITEMS / 1024).toFixed(1)} KiB per item ` +
        `(the server process's write_bytes while publishing: logs, checkpoints, task database)`,
    );
    printLine(
      `floor: ${floor.deliveries.toFixed(1)} deliveries/s ` +
        `(bare loop, ${WORKERS} loops, the HTTP push client), ` +
        `POST p99 ${floor.p99.toFixed(1)} ms`,
    );
    printLine(
      `ratio: ours / floor = ${(ours.deliveries / floor.deliveries).toFixed(2)} (goal ≥ 0.70)`,
    );
    printLine(cpuBudget({
      subscribers: SUBSCRIBERS,
      floorDeliveries: floor.deliveries,
      deliveryCpu,
      least,
      oursPerItem: (serverCpu + benchCpu) / ITEMS,
    }));
    printLine(
      `reference, one archive save per story: ${saves.perSecond.toFixed(1)} saves/s, ` +
        `server CPU ${saves.cpuMs.toFixed(1)} ms per save; the goal's pace is ` +
        `${(0.7 * floor.deliveries / SUBSCRIBERS).toFixed(1)} items/s ` +
        `(0.70 × floor / ${SUBSCRIBERS} subscribers); a publish that cost one save and ` +
        `delivered for free would reach a ratio of ` +
        `${(saves.perSecond * SUBSCRIBERS / floor.deliveries).toFixed(2)}`,
    );
    if (CPU_PROF) {
      // Epoch milliseconds, the clock of the profiles' file names: their publishing window.
      printLine(`profiled publishing window: ${startedAt}-${endedAt} (epoch ms)`);
      printLine(`profiled saving window: ${savesStartedAt}-${savesEndedAt} (epoch ms)`);
    }
    printLine("queue depth over time (s: entries waiting, copies not yet routed):");
    const step = Math.max(1, Math.ceil(depth.length / 20));
    printLine(
      depth.filter((_, i) => i % step === 0).map((d) =>
        `${d.t.toFixed(1)}s: ${d.queued}, ${d.unrouted}`
      ).join(" | "),
    );
  } finally {
    await server.stop();
    for (const receiver of receivers) await receiver.close();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

await main();
