/**
 * `deno task bench:ws`: broadcast fan-out of our `ws` role against Socket.IO (Redis adapter when
 * REDIS_URL is set, else each one's in-process fan-out), in one run on one machine. Each server
 * runs in its own process; all clients run in this one. Raise `ulimit -n` first.
 *
 *   deno task bench:ws --clients=10000 --broadcasts=20 --burst=20 --rounds=2
 *
 * Measures: connect time, server memory per connection (RSS delta), delivery latency p50/p99
 * over sequential broadcasts (send → each client's receipt), p99 of the time for a broadcast to
 * reach every client, deliveries/s for a burst, and the server's CPU time per delivery over the
 * broadcasts and the burst (the fairest figure on a loaded machine) with the longest delay of the
 * server's event loop meanwhile (how long it could not serve anything else). Rounds alternate the
 * systems (the machine is shared, so load shifts); ratios compare the medians. Not a test.
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { printLine } from "../../src/log.ts";
import { type ClientPool, connectPool, type System } from "./_client_pool.ts";
import { percentile, spawnServer } from "./_bench_support.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    clients: { type: "string", default: "10000" },
    broadcasts: { type: "string", default: "20" },
    burst: { type: "string", default: "20" },
    systems: { type: "string", default: "ours,socketio" },
    rounds: { type: "string", default: "1" },
  },
});
const clients = Number(values.clients);
const broadcasts = Number(values.broadcasts);
const burst = Number(values.burst);
const redisUrl = Deno.env.get("REDIS_URL");

/** One system's figures. */
interface Result {
  system: System;
  connectS: number;
  kbPerConnection: number;
  p50: number;
  p99: number;
  fanOutP99: number;
  deliveriesPerS: number;
  /** Server CPU per delivery over the sequential broadcasts and the burst, µs. */
  cpuUsPerDelivery: number;
  /** The clients' (this process's) CPU per delivery over the same phases, µs. */
  clientCpuUsPerDelivery: number;
  /** The server's longest event-loop delay over the broadcasts and the burst, ms. */
  loopLagMs: number;
}

async function run(system: System): Promise<Result> {
  const server = await spawnServer(system, { redisUrl });
  const latencies: number[] = [];
  let received = 0;
  let waiter: { target: number; resolve: () => void } | undefined;
  const onEvent = (payload: { t: number }, at: number) => {
    latencies.push(at - payload.t);
    received += 1;
    if (waiter && received >= waiter.target) waiter.resolve();
  };
  const receivedAll = (target: number) => {
    if (received >= target) return Promise.resolve();
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    const timer = setTimeout(
      () => reject(new Error(`${system}: ${received}/${target} delivered`)),
      60_000,
    );
    waiter = { target, resolve: () => (clearTimeout(timer), resolve()) };
    return promise;
  };
  let pool: ClientPool | undefined;
  try {
    const rssBefore = await server.rss();
    const started = performance.now();
    pool = await connectPool(system, server.port, { count: clients, onEvent });
    const connectS = (performance.now() - started) / 1000;
    await pool.ready;
    const rssAfter = await server.rss();
    await server.broadcast(0, 1);
    await receivedAll(clients);
    latencies.length = 0;
    await server.lag();
    const cpuBefore = await server.cpuSeconds();
    const clientCpuBefore = process.cpuUsage();
    const fanOut: number[] = [];
    for (let k = 1; k <= broadcasts; k++) {
      const from = latencies.length;
      await server.broadcast(k, 1);
      await receivedAll(clients * (k + 1));
      fanOut.push(Math.max(...latencies.slice(from)));
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const burstStart = performance.now();
    await server.broadcast(broadcasts + 1, burst);
    await receivedAll(clients * (broadcasts + 1 + burst));
    const burstS = (performance.now() - burstStart) / 1000;
    const cpuS = (await server.cpuSeconds()) - cpuBefore;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const loopLagMs = await server.lag();
    return {
      system,
      connectS,
      kbPerConnection: (rssAfter - rssBefore) / clients / 1024,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      fanOutP99: percentile(fanOut.sort((a, b) => a - b), 0.99),
      deliveriesPerS: (clients * burst) / burstS,
      cpuUsPerDelivery: (cpuS * 1e6) / (clients * (broadcasts + burst)),
      clientCpuUsPerDelivery: (clientCpu.user + clientCpu.system) /
        (clients * (broadcasts + burst)),
      loopLagMs,
    };
  } finally {
    await pool?.close();
    await server.stop();
  }
}

const systems = values.systems.split(",") as System[];
const results: Result[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  for (const system of systems) results.push(await run(system));
}
const fixed = (n: number, digits = 1) => n.toFixed(digits).padStart(10);
printLine(
  `clients=${clients} broadcasts=${broadcasts} burst=${burst} fan-out=${
    redisUrl ? "redis" : "in-process"
  }`,
);
printLine(
  "system      connect_s  kB/conn     p50_ms     p99_ms  fanout_p99_ms  deliveries/s" +
    "  CPU µs/delivery  clients' CPU  loop lag ms",
);
for (const r of results) {
  printLine(
    `${r.system.padEnd(10)}${fixed(r.connectS)}${fixed(r.kbPerConnection)}${fixed(r.p50)}${
      fixed(r.p99)
    }${fixed(r.fanOutP99, 1).padStart(15)}${fixed(r.deliveriesPerS, 0).padStart(14)}${
      fixed(r.cpuUsPerDelivery, 2).padStart(17)
    }${fixed(r.clientCpuUsPerDelivery, 2).padStart(14)}${fixed(r.loopLagMs, 0).padStart(13)}`,
  );
}
/** The median of one figure over the rounds of `system`. */
function median(system: System, figure: (r: Result) => number): number {
  const sorted = results.filter((r) => r.system === system).map(figure).sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}
if (systems.includes("ours") && systems.includes("socketio")) {
  const ratio = (figure: (r: Result) => number) =>
    (median("socketio", figure) / median("ours", figure)).toFixed(2);
  printLine(
    `socketio/ours (medians): p50 ${ratio((r) => r.p50)}x, p99 ${ratio((r) => r.p99)}x, ` +
      `fan-out p99 ${ratio((r) => r.fanOutP99)}x, memory/conn ${
        ratio((r) => r.kbPerConnection)
      }x, ` +
      `server CPU/delivery ${ratio((r) => r.cpuUsPerDelivery)}x, loop lag ${
        ratio((r) => r.loopLagMs)
      }x, deliveries/s ${
        ratio((r) => r.deliveriesPerS)
      }x (below 1 = ours better, except deliveries/s)`,
  );
}
