/**
 * Ships log lines to a central log server (Superdesk's LOG_SERVER_ADDRESS / LOG_SERVER_PORT) as
 * an extra sink beside stdout: JSON lines over TCP (Logstash) or GELF over UDP (Graylog). A line
 * is only pushed into a bounded buffer, so logging never waits for the network; one loop per
 * thread sends batches, reconnects with backoff while the server is down, and the buffer drops
 * its oldest lines when the server is slow, stalled or away (counted in LogStats).
 */
import { within } from "../deadline.ts";
import type { Logger } from "../log.ts";
import { gelfUdpSender } from "./gelf_udp_sender.ts";
import { LineBuffer } from "./line_buffer.ts";
import type { LogStats } from "./log_stats.ts";
import { tcpLineWriter } from "./tcp_line_writer.ts";
import type { Transport } from "./transport.ts";

/** Where and how to ship. */
export interface LogServerOptions {
  address: string;
  port: number;
  /** `json`: JSON lines over TCP; `gelf`: GELF 1.1 over UDP. */
  format: "json" | "gelf";
  /** Lines held while the server is slow or down; the oldest go first when full. */
  bufferLines: number;
}

/** A running shipper. */
export interface LogShipper {
  /** True while a connection to the log server is open (always, for UDP). */
  readonly connected: boolean;
  /** Queues one log line; never blocks. */
  push(line: string): void;
  /** Sends what is buffered (up to `deadlineMs`), then stops and closes the connection. */
  close(options?: { deadlineMs?: number }): Promise<void>;
}

const BATCH_LINES = 256;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5000;

/** Starts a shipper; `log` (stdout only) reports losing and regaining the server. */
export function createLogShipper(
  options: LogServerOptions,
  { stats, log }: { stats: LogStats; log: Logger },
): LogShipper {
  const buffer = new LineBuffer(options.bufferLines, stats);
  const target = { hostname: options.address, port: options.port };
  const transport: Transport = options.format === "gelf"
    ? gelfUdpSender({ ...target, host: hostName() })
    : tcpLineWriter(target);
  let stopping = false;
  let wake: () => void = () => {};
  const stopped = new Promise<void>((resolve) => wake = resolve);
  let drained: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      void stopped.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  const run = async () => {
    let retryMs = 0;
    let failing = false;
    while (!stopping) {
      await Promise.race([buffer.nonEmpty(), stopped]);
      if (stopping) break;
      if (retryMs > 0) await pause(retryMs);
      const { lines, end } = buffer.peek(BATCH_LINES);
      if (lines.length === 0) continue;
      try {
        await transport.send(lines);
        buffer.removeBefore(end);
        stats.addSent(lines.length);
        retryMs = 0;
        if (failing) log.info("log server reachable again", { ...target });
        failing = false;
        if (buffer.size === 0) drained?.();
      } catch (error) {
        if (stopping) break;
        retryMs = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, retryMs * 2));
        if (!failing) log.warn("log server unreachable; buffering lines", { ...target, error });
        failing = true;
      }
    }
  };
  const running = run();

  return {
    push(line) {
      buffer.push(line);
    },
    get connected() {
      return transport.connected;
    },
    async close({ deadlineMs = 2000 } = {}) {
      if (buffer.size > 0) {
        await within(new Promise<void>((resolve) => drained = resolve), deadlineMs);
      }
      stopping = true;
      wake();
      transport.close();
      await running;
    },
  };
}

function hostName(): string {
  try {
    return Deno.hostname();
  } catch {
    return "localhost";
  }
}
