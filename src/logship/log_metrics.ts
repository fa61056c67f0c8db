/** The log shipper's figures on `/metrics` (zero while no log server is configured). */
import type { MetricsRegistry } from "../metrics/registry.ts";
import type { LogStats } from "./log_stats.ts";

/** Registers the shipping counters and the buffer gauge, read from `stats` on each scrape. */
export function registerLogMetrics(metrics: MetricsRegistry, stats: LogStats): void {
  metrics.counter(
    "superdesk_log_server_sent_total",
    "Log lines sent to the log server (LOG_SERVER_ADDRESS), all threads",
    (counter) => counter.set(stats.sent),
  );
  metrics.counter(
    "superdesk_log_server_dropped_total",
    "Log lines dropped because the log server was slow, stalled or down and the buffer was full",
    (counter) => counter.set(stats.dropped),
  );
  metrics.gauge(
    "superdesk_log_server_buffered_lines",
    "Log lines waiting to be sent to the log server",
    (gauge) => gauge.set(stats.buffered),
  );
}
