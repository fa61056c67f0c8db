/**
 * A loopback HTTP/1.1 server that writes whatever bytes a test gives, for clients that must cope
 * with answers `Deno.serve` would never send (interim `1xx`, stray bytes). It reads request heads
 * only (requests with a `content-length` body have it skipped) and records each head as sent.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A running raw server. */
export interface RawHttpServer {
  url: URL;
  /** Each request's head (request line and headers) in arrival order. */
  heads: string[];
  /** Connections accepted so far. */
  readonly connections: number;
  /** Resolves once `count` connections were closed by the client. */
  closedBy(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a server answering the `n`th request (from 1) with `answer(head, n)`'s bytes. */
export function startRawHttpServer(
  answer: (head: string, n: number) => string | Uint8Array | Promise<string | Uint8Array>,
): RawHttpServer {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  const heads: string[] = [];
  let connections = 0;
  let closed = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const onClosed = () => {
    closed++;
    for (const waiter of waiters.filter((w) => w.count <= closed)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const serve = async (conn: Deno.Conn) => {
    const buffer = new Uint8Array(4096);
    let pending = "";
    let skip = 0;
    for (;;) {
      const read = await conn.read(buffer).catch(() => null);
      if (read === null) break;
      pending += decoder.decode(buffer.subarray(0, read));
      for (;;) {
        const skipped = Math.min(skip, pending.length);
        pending = pending.slice(skipped);
        skip -= skipped;
        const end = pending.indexOf("\r\n\r\n");
        if (skip > 0 || end < 0) break;
        const head = pending.slice(0, end);
        pending = pending.slice(end + 4);
        skip = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        heads.push(head);
        const answered = await answer(head, heads.length);
        const bytes = typeof answered === "string" ? encoder.encode(answered) : answered;
        for (let written = 0; written < bytes.length;) {
          const wrote = await conn.write(bytes.subarray(written)).catch(() => null);
          if (wrote === null) break;
          written += wrote;
        }
      }
    }
    if (conns.delete(conn)) {
      try {
        conn.close();
      } catch {
        // Already closed.
      }
    }
    onClosed();
  };
  const serving = (async () => {
    for await (const conn of listener) {
      connections++;
      conns.add(conn);
      serve(conn);
    }
  })();
  return {
    url: new URL(`http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`),
    heads,
    get connections() {
      return connections;
    },
    closedBy(count) {
      if (closed >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close() {
      listener.close();
      for (const conn of conns) {
        conns.delete(conn);
        conn.close();
      }
      await serving.catch(() => {});
    },
  };
}

/** A `200 OK` answer with `body` (and `extra` bytes written after it). */
export function okAnswer(body: string, extra = ""): string {
  return `HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n${body}${extra}`;
}
