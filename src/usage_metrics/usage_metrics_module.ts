/**
 * The usage metrics app (Superdesk's `apps.usage_metrics`): `POST /api/usage-metrics`. One of
 * the core modules (`src/modules/core_apps.ts`), after newsroom and ingest, whose items it counts.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { usageMetricsResource } from "./usage_metrics_resource.ts";
import { UsageMetricsService } from "./usage_metrics_service.ts";

/** The app. */
export const usageMetricsApp = defineApp({
  name: "usage_metrics",
  register(app: AppContext) {
    app.resource(usageMetricsResource, new UsageMetricsService(usageMetricsResource, app.services));
  },
});
