/**
 * Operational endpoints outside `/api`: `/health` (liveness: the process answers), `/ready`
 * (every configured engine answers; 503 naming the ones that do not) and `/metrics`
 * (Prometheus text). `/ready` is public, so its pings (`Platform.readiness`) and details are
 * shared (`shared_readiness.ts`): concurrent probes get one round of each, reused a moment; the
 * pings are bounded (`measureStatus`) and so are the details, so no round can hang.
 */
import { Hono } from "hono";
import type { EngineStatus } from "../engines/engine_status.ts";
import { sharedReadiness } from "../engines/shared_readiness.ts";
import { TIMED_OUT, within } from "../deadline.ts";
import type { MetricsRegistry } from "../metrics/registry.ts";

export interface OpsRoutesOptions {
  /** Pings every engine this process uses (shared between callers: `Platform.readiness`). */
  readiness: () => Promise<EngineStatus[]>;
  metrics: MetricsRegistry;
  roles: readonly string[];
  /** Informative figures added to `/ready` (e.g. the indexing backlog); never fail readiness. */
  readyDetails?: () => Promise<Record<string, unknown>>;
  /**
   * How long a round waits for `readyDetails` before answering without them (`details_error`),
   * as long as a ping waits (2 s): a round is shared, so details that never come would hold
   * every later probe.
   */
  detailsTimeoutMs?: number;
}

/** Builds the ops sub-app. */
export function opsRoutes(
  { readiness, metrics, roles, readyDetails, detailsTimeoutMs = 2000 }: OpsRoutesOptions,
): Hono {
  const app = new Hono();
  const details = sharedReadiness(async (): Promise<Record<string, unknown> | undefined> => {
    if (!readyDetails) return undefined;
    const answer = await within(readyDetails(), detailsTimeoutMs);
    return answer === TIMED_OUT
      ? { details_error: `no answer within ${detailsTimeoutMs} ms` }
      : answer;
  });
  app.get("/health", (c) => c.json({ status: "ok", roles }));
  app.get("/ready", async (c) => {
    const [engines, shown] = await Promise.all([readiness(), details()]);
    const ready = engines.every((engine) => engine.ok);
    return c.json(
      { status: ready ? "ready" : "unavailable", engines, ...shown },
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
