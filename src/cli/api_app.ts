/**
 * The `api` role's Hono application for a built platform: `/api` (home, module routes,
 * generated resource routes) inside the ops routes and request middleware. Shared by the server,
 * the HTTP tests and the API benchmark, so all three exercise the same stack.
 */
import { createApiApp } from "../http/api_routes.ts";
import { createApp } from "../http/create_app.ts";
import type { Logger } from "../log.ts";
import type { MetricsRegistry } from "../metrics/registry.ts";
import type { Platform } from "../platform.ts";
import { indexingBacklog } from "../indexing/indexing_backlog.ts";
import { SYSTEM_HEALTH_PATHS, systemHealthRoutes } from "../http/system_health.ts";

/** Builds the application serving `platform`. */
export function apiAppFor(
  platform: Platform,
  { log, metrics }: { log: Logger; metrics: MetricsRegistry },
) {
  const api = createApiApp({
    registry: platform.registry,
    authenticator: platform.authenticator,
    limits: platform.config,
    search: platform.search,
    extraRoutes: [
      ...platform.apiRoutes,
      systemHealthRoutes({
        applicationName: platform.config.applicationName,
        readiness: platform.readiness,
      }),
    ],
    extraPaths: [...platform.apiPaths, SYSTEM_HEALTH_PATHS],
  });
  return createApp({
    log,
    metrics,
    roles: platform.config.roles,
    readiness: platform.readiness,
    readyDetails: async () => ({ indexing: await indexingBacklog(platform.documents) }),
    api,
    limits: platform.config,
    crossOrigin: {
      domains: platform.config.xDomains,
      headers: platform.config.xHeaders,
      maxAgeSeconds: platform.config.xMaxAgeSeconds,
    },
    mediaPrefixes: {
      current: platform.config.mediaPrefix,
      earlier: platform.config.mediaPrefixesToFix,
    },
  });
}
