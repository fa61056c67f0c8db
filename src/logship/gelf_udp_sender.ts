/**
 * Sends log lines as GELF over UDP (Graylog's GELF UDP input, Logstash's `gelf` input): one
 * message per line, chunked when large. UDP has no connection: a message to a server that is
 * down is lost, and the next ones arrive once it is back.
 */
import dgram from "node:dgram";
import { gelfDatagrams, toGelf } from "./gelf.ts";
import type { Transport } from "./transport.ts";

/** A transport of GELF datagrams to `hostname:port`. */
export function gelfUdpSender(
  { hostname, port, host }: { hostname: string; port: number; host: string },
): Transport {
  const encoder = new TextEncoder();
  const socket = dgram.createSocket(hostname.includes(":") ? "udp6" : "udp4");
  socket.on("error", () => {});
  socket.unref();
  const sendOne = (datagram: Uint8Array) =>
    new Promise<void>((resolve, reject) =>
      socket.send(datagram, port, hostname, (error) => error ? reject(error) : resolve())
    );
  return {
    connected: true,
    async send(lines) {
      for (const line of lines) {
        const message = encoder.encode(JSON.stringify(toGelf(line, host)));
        for (const datagram of gelfDatagrams(message)) await sendOne(datagram);
      }
    },
    close() {
      socket.close();
    },
  };
}
