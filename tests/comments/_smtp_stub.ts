/**
 * A minimal SMTP server for tests (no TLS, no auth): it answers nothing until `open()` (a stalled
 * mail server), then takes messages and resolves `received` with each one's raw data.
 */

/** The stub: its port, the gate and the messages. */
export interface SmtpStub {
  port: number;
  /** Resolves when a client connects (while the server may still be stalled). */
  connected: Promise<void>;
  /** Lets the server answer. */
  open(): void;
  /** Resolves with the first message's data. */
  received: Promise<string>;
  close(): void;
}

/** Starts a stalled stub on a free port. */
export function smtpStub(): SmtpStub {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const gate = Promise.withResolvers<void>();
  const connected = Promise.withResolvers<void>();
  const received = Promise.withResolvers<string>();
  const connections = new Set<Deno.Conn>();
  const serve = async (conn: Deno.Conn) => {
    connections.add(conn);
    connected.resolve();
    await gate.promise;
    const encoder = new TextEncoder();
    const reply = (line: string) => conn.write(encoder.encode(`${line}\r\n`));
    await reply("220 stub ESMTP");
    let buffer = "";
    let data: string | undefined;
    for await (const chunk of conn.readable) {
      buffer += new TextDecoder().decode(chunk);
      if (data !== undefined) {
        const end = buffer.indexOf("\r\n.\r\n");
        if (end < 0) continue;
        received.resolve(buffer.slice(0, end));
        buffer = buffer.slice(end + 5);
        data = undefined;
        await reply("250 queued");
      }
      let newline;
      while (data === undefined && (newline = buffer.indexOf("\r\n")) >= 0) {
        const command = buffer.slice(0, newline).toUpperCase();
        buffer = buffer.slice(newline + 2);
        if (command.startsWith("DATA")) {
          data = "";
          await reply("354 go on");
        } else if (command.startsWith("QUIT")) {
          await reply("221 bye");
          conn.close();
          return;
        } else await reply("250 ok");
      }
    }
  };
  (async () => {
    for await (const conn of listener) serve(conn).catch(() => {});
  })().catch(() => {});
  return {
    port: (listener.addr as Deno.NetAddr).port,
    connected: connected.promise,
    open: gate.resolve,
    received: received.promise,
    close() {
      listener.close();
      for (const conn of connections) {
        try {
          conn.close();
        } catch { /* already closed */ }
      }
    },
  };
}
