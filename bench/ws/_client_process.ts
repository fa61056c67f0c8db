/**
 * One of the benchmark's client processes (the load generator runs apart from the server and
 * from the other client processes, so neither system's latencies include one client thread's
 * backlog). Arguments: `<system> <port> <first index> <count>`. Prints `{connected}` when every
 * client is open, `{ready}` once the server registered them all, then `{received: n}` each time
 * its clients' receipt count reaches a multiple of `count` (one more event delivered to all of
 * them). Stdin commands: `{take: true}` answers `{latencies, maxByK}` (receipt latencies in ms
 * since the last take, and the slowest receipt of each event number) and forgets them. Closes
 * its clients and exits when stdin closes.
 */
import { printLine } from "../../src/log.ts";
import { linesOf } from "../../tests/_lines.ts";
import { connectPool, type System } from "./_client_pool.ts";

const [system, port, first, count] = Deno.args;
const size = Number(count);
let latencies: number[] = [];
let maxByK: Record<number, number> = {};
let received = 0;
const pool = await connectPool(system as System, Number(port), {
  count: size,
  first: Number(first),
  onEvent(payload, at) {
    const latency = at - payload.t;
    latencies.push(latency);
    if (!(latency <= maxByK[payload.k]!)) maxByK[payload.k] = latency;
    received += 1;
    if (received % size === 0) printLine(JSON.stringify({ received }));
  },
});
printLine(JSON.stringify({ connected: true }));
await pool.ready;
printLine(JSON.stringify({ ready: true }));
for await (const line of linesOf(Deno.stdin.readable)) {
  if (!JSON.parse(line).take) continue;
  printLine(JSON.stringify({ latencies, maxByK }));
  latencies = [];
  maxByK = {};
}
await pool.close();
