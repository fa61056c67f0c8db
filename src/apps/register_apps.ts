/**
 * Registers apps in order (core modules, then `INSTALLED_APPS`, then any the caller adds):
 * each app's `register` runs with its own `AppContext`, then the whole is checked (every
 * privilege a resource requires is declared, every schedule names a task). Any failure is an
 * `AppLoadError` naming the app (and its `INSTALLED_APPS` entry), which stops the start in
 * every role and thread alike.
 */
import type { ApiApp } from "../http/api_routes.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Schedule } from "../tasks/schedule.ts";
import { Claims } from "./_claims.ts";
import type { AppRoutes, AppTask } from "./app.ts";
import { type Collected, containRoutes, createAppContext } from "./app_context.ts";
import { AppRegistryBundle } from "./app_registries.ts";
import { AppLoadError, type LoadedApp, messageOf } from "./load_apps.ts";

/** What registration produced, for the platform. */
export interface Registration {
  registries: AppRegistryBundle;
  routes: ApiApp[];
  /** OpenAPI path items of the routes. */
  paths: OpenApiPaths[];
  tasks: AppTask[];
  schedules: Schedule[];
  /** Runs every closer apps registered (`app.onClose`), the last registered first. */
  close(): Promise<void>;
}

/** Options of `registerApps`. */
export interface RegisterOptions {
  /**
   * Build the routes apps add (default true). Processes that serve no API (worker threads,
   * commands) pass false: route loaders are not called, and the registration has no routes.
   */
  routes?: boolean;
}

/** Registers `apps` in order on `services`; throws `AppLoadError` naming the first failure. */
export async function registerApps(
  apps: readonly LoadedApp[],
  services: ServiceContext,
  { routes = true }: RegisterOptions = {},
): Promise<Registration> {
  const registries = new AppRegistryBundle();
  const collected: Collected = {
    routes: [],
    tasks: [],
    closers: [],
    schedules: [],
    taskNames: new Claims("task"),
    scheduleNames: new Claims("schedule"),
  };
  const sources = new Map<string, string>();
  const close = async () => {
    for (const { close, app } of collected.closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        services.log.error("an app failed to close", { app, error });
      }
    }
  };
  let built: AppRoutes[];
  try {
    await registerEach(apps, services, { registries, collected, sources });
    checkReferences(services, registries, collected, sources);
    built = routes ? await buildRoutes(collected, sources) : [];
  } catch (error) {
    await close();
    throw error;
  }
  return {
    registries,
    routes: built.map(({ router }) => router),
    paths: built.flatMap(({ paths }) => (paths ? [paths] : [])),
    tasks: collected.tasks,
    schedules: collected.schedules.map(({ schedule }) => schedule),
    close,
  };
}

async function registerEach(
  apps: readonly LoadedApp[],
  services: ServiceContext,
  { registries, collected, sources }: {
    registries: AppRegistryBundle;
    collected: Collected;
    sources: Map<string, string>;
  },
): Promise<void> {
  for (const { app, source } of apps) {
    const label = describe(app.name, source);
    const first = sources.get(app.name);
    if (first !== undefined) {
      throw new AppLoadError(`two apps are named "${app.name}": ${first} and ${label}`);
    }
    sources.set(app.name, label);
    registries.apps.push(source === undefined ? { name: app.name } : { name: app.name, source });
    const { context, close } = createAppContext(app, { services, registries, collected });
    try {
      await app.register(context);
    } catch (error) {
      throw new AppLoadError(`${label} failed to register: ${messageOf(error)}`, { cause: error });
    } finally {
      close();
    }
  }
}

/** Every app's routes in registration order, loaders called (together); failures name the app. */
async function buildRoutes(
  collected: Collected,
  sources: Map<string, string>,
): Promise<AppRoutes[]> {
  return await Promise.all(collected.routes.map(async ({ app, routes }) => {
    try {
      const { router, paths } = typeof routes === "function" ? await routes() : routes;
      return { router: containRoutes(app, router), paths };
    } catch (error) {
      throw new AppLoadError(
        `${sources.get(app)} failed to build its routes: ${messageOf(error)}`,
        {
          cause: error,
        },
      );
    }
  }));
}

/** Privileges named by resources must be declared; schedules must name declared tasks. */
function checkReferences(
  services: ServiceContext,
  registries: AppRegistryBundle,
  collected: Collected,
  sources: Map<string, string>,
): void {
  for (const service of services.registry.services()) {
    for (const privilege of Object.values(service.definition.privileges)) {
      if (privilege === undefined || registries.privileges.has(privilege)) continue;
      throw new AppLoadError(
        `${sources.get(service.app)}: resource "${service.definition.name}" requires privilege ` +
          `"${privilege}", which no app declares (app.privileges({name, label}))`,
      );
    }
  }
  for (const { schedule, app } of collected.schedules) {
    const task = typeof schedule.task === "string" ? schedule.task : schedule.task.name;
    if (collected.taskNames.owner(task) !== undefined) continue;
    throw new AppLoadError(
      `${sources.get(app)}: schedule "${schedule.name}" runs task "${task}", which no app declares`,
    );
  }
}

function describe(name: string, source: string | undefined): string {
  return source === undefined ? `app "${name}"` : `app "${name}" (INSTALLED_APPS "${source}")`;
}
