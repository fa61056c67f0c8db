/**
 * Whether the publish bench's goal fits this machine's CPU: at 0.70 of the floor's deliveries
 * per second, the deliveries' own CPU (the HTTP push client and the receivers, measured by the
 * floor) leaves the rest of the cores for everything else an item costs; that share per item is
 * set beside the least any publish request costs here (an authenticated request answered from
 * one store read: a `GET` of a missing item, its client's CPU included) and beside ours.
 */
import type { ServerProcess } from "../api/_server_process.ts";
import { processCpuSeconds } from "./_thread_cpu.ts";

const REQUESTS = 2000;
const CONCURRENCY = 8;
const GOAL = 0.7;

/** CPU seconds, server's and this process's, of one authenticated 404 `GET`. */
export async function cheapestRequestCpu(
  server: ServerProcess,
  api: string,
  authorization: string,
): Promise<number> {
  const url = `${api}/archive/${"0".repeat(24)}`;
  const serverBefore = await server.cpuSeconds();
  const clientBefore = await processCpuSeconds(Deno.pid);
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < REQUESTS) {
      const response = await fetch(url, { headers: { Authorization: authorization } });
      await response.arrayBuffer();
      if (response.status !== 404) throw new Error(`GET of a missing item: ${response.status}`);
    }
  }));
  const spent = await server.cpuSeconds() - serverBefore +
    await processCpuSeconds(Deno.pid) - clientBefore;
  return spent / REQUESTS;
}

/** The figures `cpuBudget` compares, CPU in seconds. */
export interface BudgetFigures {
  subscribers: number;
  floorDeliveries: number;
  /** One delivery's CPU in the floor (sender and receiver). */
  deliveryCpu: number;
  /** One cheapest request's CPU (server and client). */
  least: number;
  /** One published item's CPU in our run (server and this process). */
  oursPerItem: number;
}

/** The budget line the bench prints. */
export function cpuBudget(f: BudgetFigures): string {
  const cores = navigator.hardwareConcurrency;
  const deliveries = GOAL * f.floorDeliveries;
  const coresForDeliveries = deliveries * f.deliveryCpu;
  const items = deliveries / f.subscribers;
  const budgetMs = (1000 * (cores - coresForDeliveries)) / items;
  const oursBeyond = 1000 * (f.oursPerItem - f.subscribers * f.deliveryCpu);
  return `CPU budget at the goal: ${cores} cores; ${GOAL} × floor = ${deliveries.toFixed(0)} ` +
    `deliveries/s (${items.toFixed(0)} items/s), whose sending and receiving alone take ` +
    `${coresForDeliveries.toFixed(2)} cores (${(1e6 * f.deliveryCpu).toFixed(0)} µs of CPU per ` +
    `delivery in the floor), leaving ${budgetMs.toFixed(2)} ms of CPU per item for its publish ` +
    `request and client, storage, routing and formatting; the cheapest authenticated request ` +
    `here costs ${(1000 * f.least).toFixed(2)} ms (server and client); ours costs ` +
    `${oursBeyond.toFixed(2)} ms per item beyond its deliveries`;
}
