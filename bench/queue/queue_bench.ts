/**
 * `deno task bench:queue`: no-op tasks per second and enqueue-to-start latency (p50/p99) of our
 * Redis Streams queue with 1, 2 and 4 worker threads, next to BullMQ with 1, 2 and 4 workers
 * (concurrency 1 each, in this thread, as BullMQ is usually run) on the same Redis in the same
 * run. Throughput: a burst of BURST tasks; latency: PACED tasks, one every 5 ms; each figure
 * is the median of ROUNDS rounds that alternate between the two systems.
 * Needs REDIS_URL. Not a test: figures depend on the machine.
 */
import { Queue, Worker as BullWorker } from "bullmq";
import { createClient } from "redis";
import { printLine, silentLogger } from "../../src/log.ts";
import { createRedisTaskQueue } from "../../src/tasks/redis/redis_task_queue.ts";
import { createSupervisor } from "../../src/tasks/supervisor.ts";
import { LATENCY_CHANNEL, preciseNow } from "./_bench_tasks_module.ts";

const BURST = Number(Deno.env.get("BENCH_BURST") ?? 3_000);
const PACED = Number(Deno.env.get("BENCH_PACED") ?? 200);
const ROUNDS = Number(Deno.env.get("BENCH_ROUNDS") ?? 3);
const WORKERS = (Deno.env.get("BENCH_WORKERS") ?? "1,2,4").split(",").map(Number);
const url = Deno.env.get("REDIS_URL");

/** What one system measured with one worker count. */
interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
}

/** Enqueues and waits for completions; the system under test is behind these two calls. */
interface System {
  enqueue(sentAt: number): Promise<unknown>;
  /** Resolves with the latencies of the next `count` completions. */
  completions(count: number): Promise<number[]>;
}

async function measure(system: System): Promise<Figures> {
  await burst(system, 100);
  const started = preciseNow();
  await burst(system, BURST);
  const perSecond = BURST / ((preciseNow() - started) / 1_000);
  const done = system.completions(PACED);
  for (let i = 0; i < PACED; i++) {
    await system.enqueue(preciseNow());
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const latencies = (await done).sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond, p50: at(0.5), p99: at(0.99) };
}

async function burst(system: System, count: number) {
  const done = system.completions(count);
  for (let i = 0; i < count; i += 50) {
    const batch = Math.min(50, count - i);
    await Promise.all(Array.from({ length: batch }, () => system.enqueue(preciseNow())));
  }
  await done;
}

function collector() {
  let waiting: { count: number; got: number[]; resolve(values: number[]): void } | undefined;
  return {
    record(latency: number) {
      if (!waiting) return;
      waiting.got.push(latency);
      if (waiting.got.length >= waiting.count) {
        const { resolve, got } = waiting;
        waiting = undefined;
        resolve(got);
      }
    },
    completions(count: number) {
      return new Promise<number[]>((resolve) => waiting = { count, got: [], resolve });
    },
  };
}

/** A system under test, started with its workers; `close()` stops it and deletes its keys. */
interface Running extends System {
  close(): Promise<void>;
}

async function ours(workers: number): Promise<Running> {
  const prefix = `bench_ours_${crypto.randomUUID().slice(0, 8)}`;
  const queue = await createRedisTaskQueue({ url: url!, prefix, log: silentLogger });
  const channel = new BroadcastChannel(LATENCY_CHANNEL);
  const results = collector();
  channel.onmessage = (event: MessageEvent<number[]>) => event.data.forEach(results.record);
  const supervisor = createSupervisor({
    workers,
    workerUrl: new URL("../../workers/task_worker.ts", import.meta.url),
    workerInit: {
      config: { url, prefix },
      tasksModule: new URL("./_bench_tasks_module.ts", import.meta.url).href,
      logLevel: "error",
    },
    heartbeatMs: 1_000,
    log: silentLogger,
  });
  supervisor.start();
  while (!supervisor.status().workers.every((w) => w.state === "ready")) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    enqueue: (sentAt) => queue.enqueue("noop", { sentAt }),
    completions: results.completions,
    async close() {
      await supervisor.stop({ deadlineMs: 5_000 });
      channel.close();
      await queue.close();
      await deleteKeys(prefix);
    },
  };
}

async function bull(workers: number): Promise<Running> {
  const { hostname, port } = new URL(url!);
  const connection = { host: hostname, port: Number(port || 6379) };
  const prefix = `bench_bull_${crypto.randomUUID().slice(0, 8)}`;
  const queue = new Queue("noop", { connection, prefix });
  const results = collector();
  const pool = Array.from({ length: workers }, () =>
    new BullWorker("noop", (job) => {
      results.record(preciseNow() - job.data.sentAt);
      return Promise.resolve();
    }, { connection, prefix, concurrency: 1 }));
  await Promise.all(pool.map((worker) => worker.waitUntilReady()));
  return {
    enqueue: (sentAt) =>
      queue.add("noop", { sentAt }, { removeOnComplete: true, removeOnFail: true }),
    completions: results.completions,
    async close() {
      await Promise.all(pool.map((worker) => worker.close()));
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}

/** Deletes our benchmark's keys (SCAN, never FLUSH: the server may be shared). */
async function deleteKeys(prefix: string) {
  const client = createClient({ url });
  await client.connect();
  let cursor = "0";
  do {
    const [next, keys] = await client.sendCommand<[string, string[]]>(
      ["SCAN", cursor, "MATCH", `${prefix}:*`, "COUNT", "1000"],
    );
    cursor = next;
    if (keys.length > 0) await client.sendCommand(["DEL", ...keys]);
  } while (cursor !== "0");
  await client.close();
}

if (!url) {
  printLine("REDIS_URL is not set: the queue benchmark needs a Redis server", { stream: "stderr" });
  Deno.exit(2);
}
const fmt = (f: Figures) =>
  `${f.perSecond.toFixed(0).padStart(6)}/s  p50 ${f.p50.toFixed(2).padStart(6)} ms  p99 ${
    f.p99.toFixed(2).padStart(6)
  } ms`;
printLine(
  `burst ${BURST} no-op tasks, then ${PACED} paced (one per 5 ms); medians of ${ROUNDS} ` +
    `alternating rounds; Redis ${url}`,
);
for (const workers of WORKERS) {
  const systems = [await ours(workers), await bull(workers)];
  const rounds: Figures[][] = [[], []];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, system] of systems.entries()) rounds[i]!.push(await measure(system));
  }
  for (const system of systems) await system.close();
  const [a, b] = rounds.map(median) as [Figures, Figures];
  printLine(`${workers} worker(s)  ours:   ${fmt(a)}`);
  printLine(`${workers} worker(s)  bullmq: ${fmt(b)}`);
  printLine(
    `${workers} worker(s)  ratio ours/bullmq: throughput ×${
      (a.perSecond / b.perSecond).toFixed(2)
    }, ` +
      `p50 ×${(a.p50 / b.p50).toFixed(2)}, p99 ×${
        (a.p99 / b.p99).toFixed(2)
      } (latency: lower is better)`,
  );
}

/** The median of each figure over rounds. */
function median(rounds: Figures[]): Figures {
  const mid = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  return {
    perSecond: mid(rounds.map((r) => r.perSecond)),
    p50: mid(rounds.map((r) => r.p50)),
    p99: mid(rounds.map((r) => r.p99)),
  };
}
