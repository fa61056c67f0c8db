/**
 * Log servers of our own on loopback for the shipping tests: a TCP receiver of JSON lines (as
 * Logstash's `tcp` input with `json_lines`), which can stall (stop reading) and close its
 * connections, and a GELF UDP receiver that reassembles chunked messages (as Graylog does).
 */
import dgram from "node:dgram";
import { linesOf } from "../_lines.ts";

/** Waits for an item matching `predicate` among `items`, which grows as data arrives. */
class Arrivals<T> {
  readonly items: T[] = [];
  #waiters: { predicate: (item: T) => boolean; resolve: (item: T) => void }[] = [];

  add(item: T) {
    this.items.push(item);
    for (const waiter of [...this.#waiters]) {
      if (waiter.predicate(item)) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(item);
      }
    }
  }

  waitFor(predicate: (item: T) => boolean): Promise<T> {
    const found = this.items.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => this.#waiters.push({ predicate, resolve }));
  }
}

/** A TCP line receiver on `port` (0: any free port). */
export function tcpReceiver({ port = 0, stalled = false } = {}) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port });
  const arrivals = new Arrivals<string>();
  const conns = new Set<Deno.TcpConn>();
  let resume: () => void = () => {};
  const reading = stalled ? new Promise<void>((resolve) => resume = resolve) : Promise.resolve();
  const accepting = (async () => {
    for await (const conn of listener) {
      conns.add(conn);
      void (async () => {
        await reading;
        try {
          for await (const line of linesOf(conn.readable)) arrivals.add(line);
        } catch {
          // Closed by the test.
        }
        conns.delete(conn);
      })();
    }
  })().catch(() => {});
  return {
    port: (listener.addr as Deno.NetAddr).port,
    lines: arrivals.items,
    waitFor: (predicate: (line: string) => boolean) => arrivals.waitFor(predicate),
    /** Starts reading a stalled receiver. */
    resume: () => resume(),
    /** How many connections are open. */
    get connections() {
      return conns.size;
    },
    /** Stops listening and closes every connection (the server going away). */
    async close() {
      listener.close();
      for (const conn of conns) {
        try {
          conn.close();
        } catch {
          // Already closed.
        }
      }
      conns.clear();
      await accepting;
    },
  };
}

/** A GELF UDP receiver on `port` (0: any free port); messages are parsed JSON. */
export async function gelfReceiver({ port = 0 } = {}) {
  const socket = dgram.createSocket("udp4");
  const arrivals = new Arrivals<Record<string, unknown>>();
  const chunks = new Map<string, Uint8Array[]>();
  socket.on("message", (data: Uint8Array) => {
    if (data[0] !== 0x1e || data[1] !== 0x0f) {
      arrivals.add(JSON.parse(new TextDecoder().decode(data)));
      return;
    }
    const id = Array.from(data.subarray(2, 10)).join(",");
    const parts = chunks.get(id) ?? new Array<Uint8Array>(data[11]!);
    parts[data[10]!] = data.slice(12);
    chunks.set(id, parts);
    if (parts.filter(Boolean).length === parts.length) {
      chunks.delete(id);
      const whole = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
      let offset = 0;
      for (const part of parts) whole.set(part, (offset += part.length) - part.length);
      arrivals.add(JSON.parse(new TextDecoder().decode(whole)));
    }
  });
  await new Promise<void>((resolve) => socket.bind(port, "127.0.0.1", resolve));
  return {
    port: socket.address().port,
    messages: arrivals.items,
    waitFor: (predicate: (message: Record<string, unknown>) => boolean) =>
      arrivals.waitFor(predicate),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
