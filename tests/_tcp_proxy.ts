/**
 * A TCP proxy for fault tests (Elasticsearch, MongoDB): forwards each connection to a real engine, and can be "stopped"
 * (listener and every piped connection closed: clients get connection refused) and started
 * again on the same port, without touching the shared engine itself.
 */

/** A running proxy; `url` is what clients should use instead of the engine's URL. */
export interface TcpProxy {
  readonly url: string;
  stop(): void;
  start(): void;
}

/** Starts a proxy on a free loopback port forwarding to `target` (any URL with a host and port). */
export function startTcpProxy(target: string): TcpProxy {
  const { hostname, port } = new URL(target);
  const upstream = { hostname, port: Number(port) || 80 };
  const open = new Set<Deno.Conn>();
  let listener: Deno.Listener | undefined = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const local = (listener.addr as Deno.NetAddr).port;

  const pipe = async (client: Deno.Conn) => {
    open.add(client);
    let server: Deno.Conn | undefined;
    try {
      server = await Deno.connect(upstream);
      open.add(server);
      await Promise.all([
        client.readable.pipeTo(server.writable),
        server.readable.pipeTo(client.writable),
      ]);
    } catch {
      // A stopped proxy or a closed peer ends the pipe; the client sees the connection drop.
    } finally {
      for (const conn of [client, server]) {
        if (conn && open.delete(conn)) tryClose(conn);
      }
    }
  };
  const accept = async (active: Deno.Listener) => {
    try {
      for await (const conn of active) pipe(conn);
    } catch {
      // The listener was closed by stop().
    }
  };
  accept(listener);

  return {
    url: `http://127.0.0.1:${local}`,
    stop() {
      listener?.close();
      listener = undefined;
      for (const conn of open) tryClose(conn);
      open.clear();
    },
    start() {
      if (listener) return;
      listener = Deno.listen({ hostname: "127.0.0.1", port: local });
      accept(listener);
    },
  };
}

function tryClose(conn: Deno.Conn) {
  try {
    conn.close();
  } catch {
    // Already closed.
  }
}
