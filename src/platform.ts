/**
 * Everything a role needs, built once per process (or Web Worker thread) from the configuration
 * by `src/cli/build_platform.ts`: the seams, the resource registry with its services, metrics.
 */
import type { SearchIndex } from "./search/search_index.ts";
import type { Config } from "./config/config.ts";
import type { EngineStatus } from "./engines/engine_status.ts";
import type { ApiApp } from "./http/api_routes.ts";
import type { OpenApiPaths } from "./http/openapi/openapi_document.ts";
import type { Logger } from "./log.ts";
import type { MetricsRegistry } from "./metrics/registry.ts";
import type { Authenticator } from "./http/middleware/authenticate.ts";
import type { ResourceRegistry } from "./resources/resource_registry.ts";
import type { DocumentStore } from "./storage/document_store.ts";
import type { NotificationBus } from "./notify/notification_bus.ts";
import type { Schedule } from "./tasks/schedule.ts";
import type { TaskRegistry } from "./tasks/task_definition.ts";
import type { TaskQueue } from "./tasks/task_queue.ts";
import type { LockService } from "./tasks/lock.ts";
import type { AppRegistries } from "./apps/app.ts";
import type { ServiceContext } from "./resources/service_context.ts";

export interface Platform {
  config: Readonly<Config>;
  log: Logger;
  metrics: MetricsRegistry;
  documents: DocumentStore;
  search: SearchIndex;
  bus: NotificationBus;
  queue: TaskQueue;
  /** Locks held by threads (single-flight work); stored with the queue. */
  locks: LockService;
  /** What every service, task handler and app command receives. */
  services: ServiceContext;
  /** What the apps registered: privileges, preference defaults, client_config, macros. */
  apps: AppRegistries;
  /** Every task the apps declared, by name; handlers receive `services`. */
  tasks: TaskRegistry<ServiceContext>;
  /** Every periodic schedule the apps declared. */
  schedules: readonly Schedule[];
  registry: ResourceRegistry;
  /** Resolves session tokens to actors (HTTP and WebSocket). */
  authenticator: Authenticator;
  /** Routers that apps contribute to `/api` (login, domain actions). */
  apiRoutes: ApiApp[];
  /** OpenAPI path items describing `apiRoutes`. */
  apiPaths: OpenApiPaths[];
  /** Pings every engine this process uses. */
  readiness(): Promise<EngineStatus[]>;
  /** Closes every connection. */
  close(): Promise<void>;
}
