/**
 * A module (Superdesk's app: `apps.desks`, `apps.archive`, ...) registers resources, services and
 * extra `/api` routes at start. The list of modules a process loads is `core_modules.ts`.
 */
import type { ApiApp } from "../http/api_routes.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Schedule } from "../tasks/schedule.ts";
import type { TaskDefinition } from "../tasks/task_definition.ts";
import type { Platform } from "../platform.ts";

export interface ModuleContext {
  registry: ResourceRegistry;
  /** The context every service of this process shares. */
  services: ServiceContext;
  /**
   * Adds routes to `/api` (mounted before the generated resource routes), with the OpenAPI path
   * items that describe them for the API reference.
   */
  addRoutes(routes: ApiApp, paths?: OpenApiPaths): void;
  /** Adds background tasks; their handlers receive the platform as `services`. */
  addTasks(...tasks: TaskDefinition<never, Platform>[]): void;
  /** Adds periodic schedules (run by the worker role's scheduler). */
  addSchedules(...schedules: Schedule[]): void;
}

export interface AppModule {
  name: string;
  register(ctx: ModuleContext): void;
}
