/**
 * The app API: the one module an app imports (as `@superdesk/app`, mapped in deno.json) to add
 * resources, hooks, routes, home links, tasks, schedules, signals, macros, workflow actions,
 * search provider types, privileges, preference defaults, client_config keys and CLI commands
 * to the server without forking it. The core modules (auth, indexing, newsroom, publish, ingest,
 * macros and the web client's shell) register through it too, so everything here is exercised
 * by what we ship. README "Writing an app" walks through it with the example apps in
 * examples/apps/.
 *
 * It is one file so that what apps may rely on is visible at a glance and changes to it are
 * deliberate: everything exported here is the stable surface; anything else under src/ is
 * internal and may change.
 *
 * ```ts
 * import { defineApp, defineResource, Type } from "@superdesk/app";
 * export default defineApp({
 *   name: "notes",
 *   register(app) {
 *     app.privileges({ name: "notes", label: "Notes", description: "Write notes" });
 *     app.resource(defineResource({
 *       name: "notes",
 *       schema: Type.Object({ text: Type.String() }),
 *       resourceMethods: ["GET", "POST"],
 *       privileges: { POST: "notes" },
 *     }));
 *     app.on("item:updated", ({ item }) => app.log.info("item updated", { id: item._id }));
 *   },
 * });
 * ```
 */
import type { ServiceContext } from "./resources/service_context.ts";
import {
  defineTask as defineAnyTask,
  type TaskDefinition,
  type TaskOptions,
} from "./tasks/task_definition.ts";

// Apps and what they register.
export {
  type App,
  type AppContext,
  type AppRegistries,
  type AppRoutes,
  type AppTask,
  defineApp,
  type RouteLoader,
} from "./apps/app.ts";
export type { AppCommand, AppCommandContext, FlagSpec, ParsedFlags } from "./apps/app_command.ts";
export type { Privilege, PrivilegeList, RegisteredPrivilege } from "./apps/privilege_registry.ts";
export type { PreferenceDefaults, PreferenceLabels } from "./apps/preference_registry.ts";
export type { ClientConfigValues } from "./apps/client_config_registry.ts";
export type {
  RegisteredWorkflowAction,
  WorkflowAction,
  WorkflowActionList,
} from "./apps/workflow_action_registry.ts";
export type { SearchProviderType, SearchProviderTypes } from "./apps/search_provider_registry.ts";
export type { ItemFields } from "./apps/item_field_registry.ts";
export type {
  Macro,
  MacroAccess,
  MacroContext,
  MacroList,
  MacroOutput,
  MacroReplace,
  RegisteredMacro,
} from "./apps/macro_registry.ts";

// Signals.
export type {
  ItemChangeSignal,
  ItemSignal,
  SignalContext,
  SignalHandler,
  SignalMap,
  SignalName,
} from "./signals/signal_map.ts";

// Resources and services.
export { Type } from "@sinclair/typebox";
export type { Static, TObject, TSchema } from "@sinclair/typebox";
export { DateTimeField, Nullable, ObjectIdField } from "./resources/schema/fields.ts";
export {
  defineResource,
  type ItemMethod,
  type ResourceDefinition,
  type ResourceInput,
  type ResourceMethod,
} from "./resources/resource_definition.ts";
export {
  type DeleteOptions,
  ResourceService,
  type WriteOptions,
} from "./resources/resource_service.ts";
export type { HookName, ResourceHooks } from "./resources/resource_hooks.ts";
export type { ServiceContext } from "./resources/service_context.ts";
export type { ListQuery, ListResult } from "./resources/list_query.ts";
export { type Actor, hasPrivilege, SYSTEM_ACTOR } from "./resources/actor.ts";
export type { Doc, Filter } from "./storage/document_store.ts";
export {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  HttpError,
  type Issues,
  NotFoundError,
  ValidationError,
} from "./errors.ts";

// Output of commands (the only console path).
export { printLine } from "./log.ts";

// Text of items.
export { htmlText, wordCount } from "./text/html_text.ts";

// Routes.
export type { ApiApp as ApiRouter } from "./http/api_routes.ts";
export { callerOf, createRouter, readDocument, type RouteContext } from "./apps/app_routes.ts";
export { wireJson } from "./http/wire_json.ts";

// Tasks and schedules.
export { defineSchedule, type Schedule, type ScheduleOptions } from "./tasks/schedule.ts";
export type { TaskContext, TaskDefinition } from "./tasks/task_definition.ts";
export type { EnqueueOptions, QueueName } from "./tasks/task_queue.ts";
export { type LockOutcome, withLock } from "./tasks/lock.ts";

/** Declares a task whose handler receives the shared services (`{services, signal, log, ...}`). */
export function defineTask<A = Record<string, never>>(
  options: TaskOptions<A, ServiceContext>,
): TaskDefinition<A, ServiceContext> {
  return defineAnyTask(options);
}
