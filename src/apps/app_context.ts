/**
 * Builds the `AppContext` one app registers through: every call records what it declares in the
 * shared registries (or the lists `register_apps.ts` hands to the platform) on behalf of that
 * app, so any failure later names it. Contained at each seam: hooks by the resource service,
 * routes by a router `onError`, tasks by a wrapper here, signal handlers by the hub. Once start-
 * up is over (`close()`), every call throws: what an app declares must exist in every process.
 */
import { HTTPException } from "hono/http-exception";
import { AppFailure, asAppFailure } from "../app_failure.ts";
import type { ApiApp } from "../http/api_routes.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { onError } from "../http/on_error.ts";
import type { ResourceHooks } from "../resources/resource_hooks.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Schedule } from "../tasks/schedule.ts";
import { Claims } from "./_claims.ts";
import type { App, AppContext, AppRoutes, AppTask, RouteLoader } from "./app.ts";
import type { AppRegistryBundle } from "./app_registries.ts";

/** What registration collects for the platform. */
export interface Collected {
  /** What `app.routes` registered, in order: built routes or their loaders. */
  routes: Array<{ app: string; routes: AppRoutes | RouteLoader }>;
  tasks: AppTask[];
  /** What `onClose` registered, with the app that did. */
  closers: Array<{ close: () => void | Promise<void>; app: string }>;
  /** Each schedule with the app that declared it. */
  schedules: Array<{ schedule: Schedule; app: string }>;
  taskNames: Claims;
  scheduleNames: Claims;
}

const HOOK_NAMES = new Set([
  "onCreate",
  "onCreated",
  "onUpdate",
  "onUpdated",
  "onReplace",
  "onReplaced",
  "onDelete",
  "onDeleted",
  "onFetched",
]);

/** The context of `app`; `close()` ends its registration. */
export function createAppContext(
  app: App,
  { services, registries, collected }: {
    services: ServiceContext;
    registries: AppRegistryBundle;
    collected: Collected;
  },
): { context: AppContext; close(): void } {
  const name = app.name;
  let closed = false;
  const open = (method: string) => {
    if (closed) throw new Error(`app "${name}" called app.${method}() after start-up`);
  };
  const owner = { app: name };
  const context: AppContext = {
    name,
    config: services.config,
    services,
    log: services.log.child(owner),
    registries,
    setting: (variable) => services.config.env[variable],
    resource(definition, service) {
      open("resource");
      const registered = service ?? new ResourceService(definition, services);
      services.registry.register(definition, registered, owner);
      return registered as never;
    },
    hooks(resource, hooks) {
      open("hooks");
      if (!services.registry.has(resource)) {
        throw new Error(`cannot add hooks to resource "${resource}": no earlier app registers it`);
      }
      const unknown = Object.keys(hooks).filter((key) => !HOOK_NAMES.has(key));
      if (unknown.length > 0) {
        throw new Error(`unknown hooks for "${resource}": ${unknown.join(", ")}`);
      }
      services.registry.service(resource).addHooks(name, hooks as ResourceHooks);
    },
    routes(router: ApiApp | RouteLoader, paths?: OpenApiPaths) {
      open("routes");
      if (typeof router !== "function" && typeof router?.onError !== "function") {
        throw new Error("app.routes() needs a router or a function that builds one");
      }
      collected.routes.push({
        app: name,
        routes: typeof router === "function" ? router : { router, paths },
      });
    },
    tasks(...tasks) {
      open("tasks");
      for (const task of tasks) {
        collected.taskNames.claim(task.name, name);
        collected.tasks.push(containedTask(name, task));
      }
    },
    schedules(...schedules) {
      open("schedules");
      for (const schedule of schedules) {
        collected.scheduleNames.claim(schedule.name, name);
        collected.schedules.push({ schedule, app: name });
      }
    },
    privileges(...privileges) {
      open("privileges");
      for (const privilege of privileges) registries.privileges.add(privilege, owner);
    },
    userPreference(preference, value, labels = {}) {
      open("userPreference");
      registries.preferences.addUserPreference(preference, value, { ...labels, ...owner });
    },
    sessionPreference(preference, value) {
      open("sessionPreference");
      registries.preferences.addSessionPreference(preference, value, owner);
    },
    clientConfig(values) {
      open("clientConfig");
      registries.clientConfig.add(values, owner);
    },
    macros(...macros) {
      open("macros");
      for (const macro of macros) registries.macros.add(macro, owner);
    },
    workflowActions(...actions) {
      open("workflowActions");
      for (const action of actions) registries.workflowActions.add(action, owner);
    },
    searchProviders(...types) {
      open("searchProviders");
      for (const type of types) registries.searchProviders.add(type, owner);
    },
    itemField(field, schema, { copyOnRewrite = true } = {}) {
      open("itemField");
      registries.itemFields.add(services.registry, { name: field, schema, copyOnRewrite }, owner);
    },
    link(href, title) {
      open("link");
      services.registry.addLink({ href, title });
    },
    onClose(close) {
      open("onClose");
      if (typeof close !== "function") throw new Error("onClose needs a function");
      collected.closers.push({ close, app: name });
    },
    on(signal, handler) {
      open("on");
      if (typeof handler !== "function") {
        throw new Error(`handler of "${signal}" is not a function`);
      }
      services.signals.on(signal, handler, owner);
    },
  };
  return { context, close: () => void (closed = true) };
}

/** `router` with its failures answered as errors of `app` (an `AppFailure` naming the route). */
export function containRoutes(app: string, router: ApiApp): ApiApp {
  router.onError((error, c) => {
    const failure = error instanceof HTTPException
      ? error
      : asAppFailure(app, `route ${c.req.method} ${c.req.routePath}`, error) as Error;
    return onError(failure, c as never);
  });
  return router;
}

/** `task` whose failures name `app` and whose records carry it. */
function containedTask(app: string, task: AppTask): AppTask {
  return Object.freeze({
    ...task,
    async handler(args: never, ctx: Parameters<AppTask["handler"]>[1]) {
      try {
        await task.handler(args, { ...ctx, log: ctx.log.child({ app }) });
      } catch (error) {
        throw error instanceof AppFailure
          ? error
          : new AppFailure(app, `task "${task.name}"`, error);
      }
    },
  });
}
