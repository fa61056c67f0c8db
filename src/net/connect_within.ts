/** Opening a TCP (optionally TLS) connection with a deadline, for the ingest protocol clients. */
import { TIMED_OUT, within } from "../deadline.ts";

/** Connects to `host:port`, or fails after `ms`. */
export async function connectWithin(
  host: string,
  port: number,
  ms: number,
  { tls = false }: { tls?: boolean } = {},
): Promise<Deno.Conn> {
  const connecting: Promise<Deno.Conn> = tls
    ? Deno.connectTls({ hostname: host, port })
    : Deno.connect({ hostname: host, port });
  const conn = await within(connecting, ms);
  if (conn !== TIMED_OUT) return conn;
  connecting.then((late) => late.close(), () => {});
  throw new Error(`could not connect to ${host}:${port} within ${ms} ms`);
}
