/**
 * The stdin/stdout protocol of the benchmark's server processes: one JSON command per stdin
 * line, one JSON answer per stdout line. `{rss: true}` answers the process memory, `{lag: true}`
 * the longest event-loop delay (ms) since the previous `{lag}`, `{broadcast, count}` publishes
 * `count` events at once, each stamped with its send time. Ends when stdin closes.
 */
import { printLine } from "../../src/log.ts";
import { linesOf } from "../../tests/_lines.ts";

/** Publishes one benchmark event whose payload carries the sequence number and send time. */
export type Broadcast = (payload: { k: number; t: number }) => Promise<void> | void;

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** How often the event-loop delay is sampled, ms. */
const LAG_TICK_MS = 5;

/** Prints `{port}` and serves commands until stdin closes. */
export async function serveCommands(port: number, broadcast: Broadcast) {
  printLine(JSON.stringify({ port }));
  // The longest the event loop was late for a timer since the last `{lag}` command.
  let lastTick = performance.now();
  let maxLag = 0;
  const lagTimer = setInterval(() => {
    const now = performance.now();
    maxLag = Math.max(maxLag, now - lastTick - LAG_TICK_MS);
    lastTick = now;
  }, LAG_TICK_MS);
  for await (const line of linesOf(Deno.stdin.readable)) {
    const command = JSON.parse(line);
    if (command.rss) printLine(JSON.stringify({ rss: Deno.memoryUsage().rss }));
    else if (command.lag) {
      printLine(JSON.stringify({ lag: maxLag }));
      maxLag = 0;
    } else {
      // A burst is published at once (in order, without waiting for each to be sent off).
      const published = [];
      for (let i = 0; i < (command.count ?? 1); i++) {
        published.push(broadcast({ k: command.broadcast + i, t: preciseNow() }));
      }
      await Promise.all(published);
      printLine(JSON.stringify({ done: true }));
    }
  }
  clearInterval(lagTimer);
}
