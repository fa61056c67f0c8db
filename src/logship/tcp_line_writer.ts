/**
 * Writes newline-terminated lines to a TCP server (Logstash's `tcp` input with the `json_lines`
 * codec), connecting on first use and again after the connection fails or the server closes
 * it (noticed by reading it: the server sends nothing, so EOF means it went away).
 */
import type { Transport } from "./transport.ts";

/** A transport over one TCP connection at a time. */
export function tcpLineWriter({ hostname, port }: { hostname: string; port: number }): Transport {
  const encoder = new TextEncoder();
  let conn: Deno.TcpConn | undefined;
  let closed = false;

  const drop = (which: Deno.TcpConn) => {
    if (conn !== which) return;
    conn = undefined;
    try {
      which.close();
    } catch {
      // Already closed.
    }
  };

  const connect = async (): Promise<Deno.TcpConn> => {
    if (conn) return conn;
    const opened = await Deno.connect({ hostname, port });
    if (closed) {
      opened.close();
      throw new Error("log shipper closed");
    }
    conn = opened;
    void watchForEof(opened).finally(() => drop(opened));
    return opened;
  };

  return {
    get connected() {
      return conn !== undefined;
    },
    async send(lines) {
      const target = await connect();
      const bytes = encoder.encode(lines.join("\n") + "\n");
      try {
        for (let written = 0; written < bytes.length;) {
          written += await target.write(bytes.subarray(written));
        }
      } catch (error) {
        drop(target);
        throw error;
      }
    },
    close() {
      closed = true;
      if (conn) drop(conn);
    },
  };
}

/** Resolves when the server closes the connection or it fails. */
async function watchForEof(conn: Deno.TcpConn) {
  const scratch = new Uint8Array(512);
  try {
    while (await conn.read(scratch) !== null) {
      // Whatever the server says is ignored.
    }
  } catch {
    // Reset or closed by us.
  }
}
