/**
 * Operational endpoints outside `/api`: `/health` (liveness: the process answers), `/ready`
 * (every configured engine answers; 503 naming the ones that do not) and `/metrics`
 * (Prometheus text).
 */
import { Hono } from "hono";
import type { EngineStatus } from "../engines/engine_status.ts";
import type { MetricsRegistry } from "../metrics/registry.ts";

export interface OpsRoutesOptions {
  /** Pings every engine this process uses. */
  readiness: () => Promise<EngineStatus[]>;
  metrics: MetricsRegistry;
  roles: readonly string[];
  /** Informative figures added to `/ready` (e.g. the indexing backlog); never fail readiness. */
  readyDetails?: () => Promise<Record<string, unknown>>;
}

/** Builds the ops sub-app. */
export function opsRoutes({ readiness, metrics, roles, readyDetails }: OpsRoutesOptions): Hono {
  const app = new Hono();
  app.get("/health", (c) => c.json({ status: "ok", roles }));
  app.get("/ready", async (c) => {
    const [engines, details] = await Promise.all([readiness(), readyDetails?.()]);
    const ready = engines.every((engine) => engine.ok);
    return c.json(
      { status: ready ? "ready" : "unavailable", engines, ...details },
      ready ? 200 : 503,
    );
  });
  app.get("/metrics", async (c) => {
    return c.body(await metrics.render(), 200, {
      "Content-Type": "text/plain; version=0.0.4; charset=utf-8",
    });
  });
  return app;
}

/** Registers the process gauges (memory) on `metrics`. */
export function registerProcessMetrics(metrics: MetricsRegistry): void {
  metrics.gauge("process_memory_bytes", "Process memory by kind (Deno.memoryUsage)", (gauge) => {
    const usage = Deno.memoryUsage();
    gauge.set(usage.rss, { kind: "rss" });
    gauge.set(usage.heapUsed, { kind: "heap_used" });
    gauge.set(usage.heapTotal, { kind: "heap_total" });
    gauge.set(usage.external, { kind: "external" });
  });
  const started = Date.now() / 1000;
  metrics.gauge("process_start_time_seconds", "Start time since the epoch", (gauge) => {
    gauge.set(started);
  });
}
