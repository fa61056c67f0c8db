/**
 * `deno task bench:ws`: broadcast fan-out of our `ws` role against Socket.IO (Redis adapter when
 * REDIS_URL is set, else each one's in-process fan-out), in one run on one machine. Each server
 * runs in its own process, publishing through its own bus (Redis: a message's way out and back
 * for both); the clients run in `--client-processes` other processes (default 2), native
 * WebSockets for ours and socket.io-client for Socket.IO, each receiving the same `{k, t}`
 * payload. Raise `ulimit -n` first (each process holds its share of the sockets).
 * `--systems=ours,socketio,floor` adds the floor: a bare Deno `socket.send` loop on the same
 * server, bus and encoding (_floor_server.ts), what any Deno hub pays in the same run.
 *
 *   deno task bench:ws --clients=10000 --broadcasts=20 --burst=20 --rounds=2
 *
 * Measures: connect time, server memory per connection (RSS delta), delivery latency p50/p99
 * over sequential broadcasts (send → each client's receipt), p99 of the time for a broadcast to
 * reach every client, deliveries/s for a burst, and the server's CPU time per delivery over the
 * broadcasts and the burst (the fairest figure on a loaded machine) with the longest delay of the
 * server's event loop meanwhile (how long it could not serve anything else), the clients' CPU
 * per delivery (to see whether the load generator limits the run), the server's peak RSS, and
 * per sequential broadcast how long the server's main thread ran and how long it waited on the
 * kernel's run queue (runnable without a core: the share of the tail the machine's load adds).
 * Rounds alternate the
 * systems (the machine is shared, so load shifts); ratios compare the medians. Not a test.
 */
import { parseArgs } from "node:util";
import { printLine } from "../../src/log.ts";
import type { System } from "./_client_pool.ts";
import { type ClientFleet, startClientFleet } from "./_client_fleet.ts";
import { percentile, spawnServer } from "./_bench_support.ts";
import { choosePlacement, describePlacement } from "./_placement.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    clients: { type: "string", default: "10000" },
    broadcasts: { type: "string", default: "20" },
    burst: { type: "string", default: "20" },
    systems: { type: "string", default: "ours,socketio" },
    rounds: { type: "string", default: "1" },
    "client-processes": { type: "string", default: "2" },
    pin: { type: "string", default: "on" },
    "client-nice": { type: "string", default: "0" },
  },
});
const clients = Number(values.clients);
const broadcasts = Number(values.broadcasts);
const burst = Number(values.burst);
const processes = Number(values["client-processes"]);
const redisUrl = Deno.env.get("REDIS_URL");
const placement = choosePlacement({
  pin: values.pin !== "off",
  clientNice: Number(values["client-nice"]),
});

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
  /** Server CPU per delivery over the burst alone, µs. */
  burstCpuUsPerDelivery: number;
  /** The client processes' CPU per delivery over the same phases, µs. */
  clientCpuUsPerDelivery: number;
  /** The server's longest event-loop delay over the broadcasts and the burst, ms. */
  loopLagMs: number;
  /** The server's peak resident memory, MB. */
  peakRssMb: number;
  /** Per sequential broadcast, ms: how long the server's main thread ran, and how long it
   * waited on the kernel's run queue (runnable but without a core). */
  runMsPerEvent: number;
  waitMsPerEvent: number;
}

async function run(system: System): Promise<Result> {
  const server = await spawnServer(system, {
    redisUrl,
    cpus: placement.serverCpus,
    session: placement.serverSession,
  });
  let fleet: ClientFleet | undefined;
  try {
    const rssBefore = await server.rss();
    const started = performance.now();
    fleet = await startClientFleet(system, server.port, {
      clients,
      processes,
      cpus: placement.clientCpus,
      nice: placement.clientNice,
    });
    const connectS = (performance.now() - started) / 1000;
    const rssAfter = await server.rss();
    await server.broadcast(0, 1);
    await fleet.receivedAll(clients);
    await fleet.take();
    await server.lag();
    const cpuBefore = await server.cpuSeconds();
    const clientCpuBefore = await fleet.cpuSeconds();
    const threadBefore = await server.mainThread();
    for (let k = 1; k <= broadcasts; k++) {
      await server.broadcast(k, 1);
      await fleet.receivedAll(clients * (k + 1));
    }
    const threadAfter = await server.mainThread();
    const { latencies, maxByK } = await fleet.take();
    const sorted = latencies.sort((a, b) => a - b);
    const burstCpuBefore = await server.cpuSeconds();
    const burstStart = performance.now();
    await server.broadcast(broadcasts + 1, burst);
    await fleet.receivedAll(clients * (broadcasts + 1 + burst));
    const burstS = (performance.now() - burstStart) / 1000;
    const cpuAfter = await server.cpuSeconds();
    const cpuS = cpuAfter - cpuBefore;
    const clientCpuS = (await fleet.cpuSeconds()) - clientCpuBefore;
    const loopLagMs = await server.lag();
    const peakRssMb = (await server.peakRss()) / 2 ** 20;
    return {
      system,
      connectS,
      kbPerConnection: (rssAfter - rssBefore) / clients / 1024,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      fanOutP99: percentile([...maxByK.values()].sort((a, b) => a - b), 0.99),
      deliveriesPerS: (clients * burst) / burstS,
      cpuUsPerDelivery: (cpuS * 1e6) / (clients * (broadcasts + burst)),
      burstCpuUsPerDelivery: ((cpuAfter - burstCpuBefore) * 1e6) / (clients * burst),
      clientCpuUsPerDelivery: (clientCpuS * 1e6) / (clients * (broadcasts + burst)),
      loopLagMs,
      peakRssMb,
      runMsPerEvent: (threadAfter.runMs - threadBefore.runMs) / broadcasts,
      waitMsPerEvent: (threadAfter.waitMs - threadBefore.waitMs) / broadcasts,
    };
  } finally {
    await fleet?.close();
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
  }; ${describePlacement(placement)}`,
);
printLine(
  "system      connect_s  kB/conn     p50_ms     p99_ms  fanout_p99_ms  deliveries/s" +
    "  CPU µs/delivery  (burst)  clients' CPU  loop lag ms  peak RSS MB  run ms/event" +
    "  queued ms/event",
);
for (const r of results) {
  printLine(
    `${r.system.padEnd(10)}${fixed(r.connectS)}${fixed(r.kbPerConnection)}${fixed(r.p50)}${
      fixed(r.p99)
    }${fixed(r.fanOutP99, 1).padStart(15)}${fixed(r.deliveriesPerS, 0).padStart(14)}${
      fixed(r.cpuUsPerDelivery, 2).padStart(17)
    }${fixed(r.burstCpuUsPerDelivery, 2).padStart(9)}${
      fixed(r.clientCpuUsPerDelivery, 2).padStart(14)
    }${fixed(r.loopLagMs, 0).padStart(13)}${fixed(r.peakRssMb, 0).padStart(13)}${
      fixed(r.runMsPerEvent, 0).padStart(14)
    }${fixed(r.waitMsPerEvent, 0).padStart(17)}`,
  );
}
/** The median of one figure over the rounds of `system`. */
function median(system: System, figure: (r: Result) => number): number {
  const sorted = results.filter((r) => r.system === system).map(figure).sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}
if (systems.includes("ours") && systems.includes("floor")) {
  const ratio = (figure: (r: Result) => number) =>
    (median("ours", figure) / median("floor", figure)).toFixed(2);
  printLine(
    `ours/floor (medians): p50 ${ratio((r) => r.p50)}x, p99 ${ratio((r) => r.p99)}x, ` +
      `fan-out p99 ${ratio((r) => r.fanOutP99)}x, server CPU/delivery ${
        ratio((r) => r.cpuUsPerDelivery)
      }x, deliveries/s ${ratio((r) => r.deliveriesPerS)}x`,
  );
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
