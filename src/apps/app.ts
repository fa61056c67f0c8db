/**
 * An app (Superdesk's `INSTALLED_APPS` module with its `init_app(app)`): a name, optional CLI
 * commands, and `register(app)`, which declares everything the app adds through its
 * `AppContext`. Every process (api, ws, each worker thread, CLI commands) registers every app
 * once at start, core modules first, then `INSTALLED_APPS` in order (`register_apps.ts`), so the
 * same resources, services, hooks, tasks and signal handlers exist wherever code runs.
 * Registration is synchronous in effect: the context refuses calls once start-up is over.
 */
import type { Config } from "../config/config.ts";
import type { ApiApp } from "../http/api_routes.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import type { Logger } from "../log.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { ResourceHooks } from "../resources/resource_hooks.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { SignalHandler, SignalName } from "../signals/signal_map.ts";
import type { Schedule } from "../tasks/schedule.ts";
import type { TaskDefinition } from "../tasks/task_definition.ts";
import type { AppCommand } from "./app_command.ts";
import type { ClientConfigValues } from "./client_config_registry.ts";
import type { Macro, MacroList } from "./macro_registry.ts";
import type { PreferenceDefaults, PreferenceLabels } from "./preference_registry.ts";
import type { Privilege, PrivilegeList } from "./privilege_registry.ts";
import type { SearchProviderType, SearchProviderTypes } from "./search_provider_registry.ts";
import type { WorkflowAction, WorkflowActionList } from "./workflow_action_registry.ts";
import type { ItemFields } from "./item_field_registry.ts";
import type { TSchema } from "@sinclair/typebox";

/** An app's definition; build it with `defineApp`. */
export interface App {
  /** Unique among loaded apps: lower-case letters, digits and "_", starting with a letter. */
  readonly name: string;
  /** Commands this app adds to the binary. */
  readonly commands?: readonly AppCommand[];
  /** Declares what the app adds; a throw stops the start with an error naming the app. */
  register(app: AppContext): void | Promise<void>;
}

/** What the registries hold, for apps that serve them (preferences, client_config ...). */
export interface AppRegistries {
  /** Every app registered so far, in registration order. */
  readonly apps: readonly { name: string; source?: string }[];
  readonly privileges: PrivilegeList;
  readonly preferences: PreferenceDefaults;
  readonly clientConfig: ClientConfigValues;
  readonly macros: MacroList;
  readonly workflowActions: WorkflowActionList;
  readonly searchProviders: SearchProviderTypes;
  readonly itemFields: ItemFields;
}

/** Routes and their OpenAPI path items, as a `RouteLoader` builds them. */
export interface AppRoutes {
  router: ApiApp;
  paths?: OpenApiPaths;
}

/** Builds an app's routes on demand (typically importing their modules dynamically). */
export type RouteLoader = () => Promise<AppRoutes>;

/** The task definitions apps declare: handlers receive the shared services. */
export type AppTask = TaskDefinition<never, ServiceContext>;

/** What `register` receives: one per app, naming it in every record and failure. */
export interface AppContext {
  /** This app's name. */
  readonly name: string;
  /** The process configuration (frozen). */
  readonly config: Readonly<Config>;
  /**
   * The services every module shares: `registry.service(name)` (Superdesk's
   * `get_resource_service`), `notify`, `signals`, `queue`, `locks`, `log`, and the raw
   * `documents`/`search` seams.
   */
  readonly services: ServiceContext;
  /** A logger whose records carry `app: <name>`. */
  readonly log: Logger;
  /** What every app registered (read-only). */
  readonly registries: AppRegistries;
  /** A configuration variable from the process environment at start (apps parse their own). */
  setting(name: string): string | undefined;
  /**
   * Registers a resource (Superdesk's `register_resource`) with its service (a plain
   * `ResourceService` when omitted); returns the service. Routes, validation, indexes, search
   * mappings and the OpenAPI document follow from the definition.
   */
  resource<S extends ResourceService = ResourceService>(
    definition: ResourceDefinition,
    service?: S,
  ): S;
  /** Adds hooks to a resource an earlier app registered (Superdesk's `on_<op>_res_<name>`). */
  hooks(resource: string, hooks: ResourceHooks): void;
  /**
   * Adds routes under `/api`, mounted before the generated resource routes, with the OpenAPI
   * path items describing them (`{"/my_action": {post: {...}}}`) for the API reference.
   */
  routes(router: ApiApp, paths?: OpenApiPaths): void;
  /**
   * The same, built only in processes that serve the API (the loader answers the router and its
   * path items): worker threads and commands never call it, so the modules it imports stay
   * unloaded there.
   */
  routes(loader: RouteLoader): void;
  /** Adds background tasks run by the worker threads. */
  tasks(...tasks: AppTask[]): void;
  /** Adds periodic schedules of tasks (run once per tick across all worker processes). */
  schedules(...schedules: Schedule[]): void;
  /** Declares privileges (Superdesk's `superdesk.privilege`). */
  privileges(...privileges: Privilege[]): void;
  /** Declares a default user preference (Superdesk's `register_default_user_preference`). */
  userPreference(name: string, value: Record<string, unknown>, labels?: PreferenceLabels): void;
  /** Declares a default session preference (`register_default_session_preference`). */
  sessionPreference(name: string, value: unknown): void;
  /** Adds keys to `GET /api/client_config`'s `config` (objects merge across apps). */
  clientConfig(values: Record<string, unknown>): void;
  /** Registers macros (`GET`/`POST /api/macros`). */
  macros(...macros: Macro[]): void;
  /** Declares workflow actions (Superdesk's `superdesk.workflow_action`). */
  workflowActions(...actions: WorkflowAction[]): void;
  /** Declares search provider types (Superdesk's `register_search_provider`). */
  searchProviders(...types: SearchProviderType[]): void;
  /**
   * Adds an optional top-level field to the content item schema (Superdesk's
   * `register_item_schema_field`, `item_field_registry.ts`); an update copies it from its story
   * unless `copyOnRewrite` is false.
   */
  itemField(name: string, schema: TSchema, options?: { copyOnRewrite?: boolean }): void;
  /**
   * Lists an endpoint of `routes(...)` in `GET /api` under Superdesk's `title`, with its Eve URL
   * template as `href` (e.g. `archive/<regex("[\w,.:-]+"):item_id>/lock`): the web client finds
   * endpoints by title. Resources are listed by themselves.
   */
  link(href: string, title: string): void;
  /**
   * Runs `close` when the process (or thread) closes its platform: sockets, timers and other
   * resources the app opened at registration. Closers run in reverse registration order; a
   * failing one is logged and the others still run.
   */
  onClose(close: () => void | Promise<void>): void;
  /** Subscribes to a signal; a failing handler is logged with this app's name and skipped. */
  on<K extends SignalName>(signal: K, handler: SignalHandler<K>): void;
}

const NAME = /^[a-z][a-z0-9_]*$/;

/** Checks and freezes an app definition; a bad one throws naming what is wrong. */
export function defineApp(app: App): App {
  if (typeof app !== "object" || app === null) throw new Error("an app must be an object");
  if (typeof app.name !== "string" || !NAME.test(app.name)) {
    throw new Error(
      `app name ${JSON.stringify(app.name)} must be lower-case letters, digits and "_", ` +
        "starting with a letter",
    );
  }
  if (typeof app.register !== "function") {
    throw new Error(`app "${app.name}" needs a register(app) function`);
  }
  const names = new Set<string>();
  for (const command of app.commands ?? []) {
    if (typeof command?.name !== "string" || !/^[a-z][a-z0-9_:-]*$/.test(command.name)) {
      throw new Error(`app "${app.name}" has a command with a bad name`);
    }
    if (typeof command.run !== "function") {
      throw new Error(`command "${command.name}" of app "${app.name}" needs a run function`);
    }
    if (names.has(command.name)) {
      throw new Error(`app "${app.name}" declares command "${command.name}" twice`);
    }
    names.add(command.name);
  }
  return Object.freeze({ ...app, commands: Object.freeze([...(app.commands ?? [])]) });
}
