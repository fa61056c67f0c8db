/** The `ws` role's Prometheus metrics (`/metrics`), registered once per app on the registry. */
import type { Counter, Gauge, MetricsRegistry } from "../metrics/registry.ts";

/** Every metric the WebSocket role updates. */
export interface WsMetrics {
  clients: Gauge;
  eventsIn: Counter;
  eventsOut: Counter;
  /** Labelled by `reason`: throttled, send_error. */
  dropped: Counter;
  slowClients: Counter;
  /** Labelled by `reason`: unauthenticated, forbidden. */
  refused: Counter;
  clientMessages: Counter;
}

/** Registers (or reuses) the WebSocket metric families on `registry`, every series at 0. */
export function createWsMetrics(registry: MetricsRegistry): WsMetrics {
  const metrics: WsMetrics = {
    clients: registry.gauge("ws_clients", "Connected WebSocket clients"),
    eventsIn: registry.counter("ws_events_in_total", "Events received from the notification bus"),
    eventsOut: registry.counter("ws_events_out_total", "Event frames sent to WebSocket clients"),
    dropped: registry.counter("ws_events_dropped_total", "Events not delivered, by reason"),
    slowClients: registry.counter(
      "ws_slow_client_disconnects_total",
      "Clients disconnected because their unsent buffer passed the limit",
    ),
    refused: registry.counter("ws_upgrades_refused_total", "Refused WebSocket upgrades, by reason"),
    clientMessages: registry.counter(
      "ws_client_messages_ignored_total",
      "Messages sent by clients, which are ignored",
    ),
  };
  // Series exist from the start, so dashboards and rate() see 0 rather than no data.
  metrics.clients.inc(undefined, 0);
  for (const counter of [metrics.eventsIn, metrics.eventsOut, metrics.slowClients]) {
    counter.inc(undefined, 0);
  }
  metrics.clientMessages.inc(undefined, 0);
  for (const reason of ["throttled", "send_error"]) metrics.dropped.inc({ reason }, 0);
  for (const reason of ["unauthenticated", "forbidden"]) metrics.refused.inc({ reason }, 0);
  return metrics;
}
