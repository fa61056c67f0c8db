/**
 * Builds the `Platform` from configuration: the only place that creates engine clients. With a
 * service URL set it uses the engine (MongoDB, Elasticsearch, Redis); without, the embedded
 * implementation under DATA_DIR. No engine being down stops the build: `/ready` reports it.
 */
import { MongoClient } from "mongodb";
import type { Config } from "../config/config.ts";
import type { ApiApp } from "../http/api_routes.ts";
import type { Logger } from "../log.ts";
import type { MetricsRegistry } from "../metrics/registry.ts";
import { createAuthModule } from "../auth/auth_module.ts";
import type { AppModule } from "../modules/app_module.ts";
import { CORE_MODULES } from "../modules/core_modules.ts";
import type { Platform } from "../platform.ts";
import { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { DocumentStore } from "../storage/document_store.ts";
import type { NotificationBus } from "../notify/notification_bus.ts";
import { createMemoryNotificationBus } from "../notify/memory/memory_notification_bus.ts";
import { createRedisNotificationBus } from "../notify/redis/redis_notification_bus.ts";
import type { Notify } from "../resources/notifier.ts";
import { createMongoDocumentStore } from "../storage/mongo/mongo_document_store.ts";
import { createSqliteDocumentStore } from "../storage/sqlite/sqlite_document_store.ts";
import { ensureResourceIndexes } from "../resources/ensure_indexes.ts";

export interface BuildOptions {
  log: Logger;
  metrics: MetricsRegistry;
  /** The modules to load; the core modules by default (tests and plugins add their own). */
  modules?: readonly AppModule[];
}

/** Builds every seam and registers every module's resources. */
export async function buildPlatform(
  config: Readonly<Config>,
  { log, metrics, modules = CORE_MODULES }: BuildOptions,
): Promise<Platform> {
  await Deno.mkdir(config.dataDir, { recursive: true });
  const documents = openDocumentStore(config);
  const bus = await openNotificationBus(config, log);
  const registry = new ResourceRegistry();
  const apiRoutes: ApiApp[] = [];
  const services: ServiceContext = {
    config,
    log,
    documents,
    registry,
    notify: notifyThrough(bus, log),
  };
  const moduleContext = {
    registry,
    services,
    addRoutes: (routes: ApiApp) => apiRoutes.push(routes),
  };
  const auth = createAuthModule();
  auth.register(moduleContext);
  for (const module of modules) module.register(moduleContext);
  try {
    await ensureResourceIndexes(registry, documents);
  } catch (error) {
    log.warn("could not create indexes now; they are created on the next start", { error });
  }
  return {
    config,
    log,
    metrics,
    documents,
    bus,
    registry,
    notify: services.notify,
    authenticator: auth.authenticator(services),
    apiRoutes,
    readiness: async () => await Promise.all([documents.ping(), bus.ping()]),
    close: async () => {
      await bus.close();
      await documents.close();
    },
  };
}

/** Redis pub/sub + stream across processes; in-process BroadcastChannel for the embedded default. */
async function openNotificationBus(
  config: Readonly<Config>,
  log: Logger,
): Promise<NotificationBus> {
  const history = { historySize: config.wsHistorySize, historyMaxAgeMs: config.wsHistoryMaxAgeMs };
  if (config.redisUrl) {
    return await createRedisNotificationBus({
      url: config.redisUrl,
      prefix: `${config.elasticsearchIndex}:notify`,
      log,
      ...history,
    });
  }
  // One channel per data directory: threads of one deployment share it, tests do not.
  const channelName = `superdesk:${await Deno.realPath(config.dataDir)}`;
  return createMemoryNotificationBus({ channelName, log, ...history });
}

/**
 * Services announce through the bus, but a write the store accepted must not fail because the
 * bus is down: the failure is logged (clients resynchronise on reconnect).
 */
function notifyThrough(bus: NotificationBus, log: Logger): Notify {
  return async (event, extra) => {
    try {
      await bus.publish(event, extra);
    } catch (error) {
      log.warn("notification not published", { event, error });
    }
  };
}

function openDocumentStore(config: Readonly<Config>): DocumentStore {
  if (config.mongoUri) {
    const client = new MongoClient(config.mongoUri, { serverSelectionTimeoutMS: 3000 });
    return createMongoDocumentStore({ client, dbName: config.mongoDbName });
  }
  return createSqliteDocumentStore({ path: `${config.dataDir}/documents.db` });
}
