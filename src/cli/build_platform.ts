/**
 * Builds the `Platform` from configuration: the only place that creates engine clients. With a
 * service URL set it uses the engine (MongoDB, Elasticsearch, Redis); without, the embedded
 * implementation under DATA_DIR. No engine being down stops the build: `/ready` reports it.
 * Engine clients are imported only when configured (dynamic imports): their npm packages cost
 * more than a second of start-up and tens of MB per thread, for nothing on the embedded default.
 */
import type { Config } from "../config/config.ts";
import type { Logger } from "../log.ts";
import type { MetricsRegistry } from "../metrics/registry.ts";
import { type CachedAuthenticator, cachedAuthenticator } from "../auth/cached_authenticator.ts";
import { authenticatorFor } from "../auth/auth_module.ts";
import type { App } from "../apps/app.ts";
import { registerApps, type Registration } from "../apps/register_apps.ts";
import { createSqliteTaskQueue } from "../tasks/sqlite/sqlite_task_queue.ts";
import { createTaskRegistry } from "../tasks/task_definition.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import type { Platform } from "../platform.ts";
import { Signals } from "../signals/signals.ts";
import { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { DocumentStore } from "../storage/document_store.ts";
import { type CountCachingStore, withCountCache } from "../storage/count_cache.ts";
import type { SearchIndex } from "../search/search_index.ts";
import { createSqliteSearchIndex } from "../search/sqlite/sqlite_search_index.ts";
import { deferSeam } from "../engines/deferred_seam.ts";
import { sharedReadiness } from "../engines/shared_readiness.ts";
import type { NotificationBus } from "../notify/notification_bus.ts";
import { createMemoryNotificationBus } from "../notify/memory/memory_notification_bus.ts";
import { notify } from "../notify/notify.ts";
import { SpanKind, withSpan } from "../trace/spans.ts";
import { formatTraceparent } from "../trace/trace_context.ts";
import { tracedQueue } from "../trace/traced_queue.ts";
import { createSqliteDocumentStore } from "../storage/sqlite/sqlite_document_store.ts";
import { keepEnsuringIndexes } from "../resources/ensure_indexes.ts";
import { ensureSearchIndexes } from "../indexing/ensure_search_indexes.ts";
import { withWriteBreaker } from "../indexing/write_breaker.ts";
import { configuredApps } from "./configured_apps.ts";
import { openMediaStorage } from "../media/open_media_storage.ts";

export interface BuildOptions {
  log: Logger;
  metrics: MetricsRegistry;
  /** Apps registered after the core ones and INSTALLED_APPS (test and benchmark resources). */
  apps?: readonly App[];
  /**
   * Create the store and search indexes (idempotent). Worker threads skip it: the process that
   * spawned them has just done it.
   */
  ensureIndexes?: boolean;
  /**
   * Keep the embedded bus's replay history (default true), and post events only while another
   * thread listens. Worker threads host no WebSocket role, so their bus keeps none, reads the
   * other threads' messages only for listeners, and posts every event (the API thread listens).
   */
  replay?: boolean;
  /**
   * Build the routes apps add (default true). Worker threads and commands serve no API: they
   * pass false, so route modules apps import on demand are never loaded there.
   */
  routes?: boolean;
  /**
   * Where the embedded document store's and search index's logs are checkpointed (default
   * `thread`: a thread of this process's own for each). Worker threads pass `deferred`: their
   * commits leave it to the spawning thread's checkpoint threads (up to a backstop).
   */
  checkpoints?: "thread" | "deferred";
}

/**
 * Builds every seam and registers every app: the core modules, `INSTALLED_APPS`, then `apps`.
 * An app that fails to load or register rejects with an `AppLoadError` naming it.
 */
export async function buildPlatform(
  config: Readonly<Config>,
  {
    log,
    metrics,
    apps = [],
    ensureIndexes = true,
    replay = true,
    routes = true,
    checkpoints = "thread",
  }: BuildOptions,
): Promise<Platform> {
  const loaded = [...await configuredApps(config), ...apps.map((app) => ({ app }))];
  await Deno.mkdir(config.dataDir, { recursive: true });
  const documents = await openDocumentStore(config, log, checkpoints);
  const search = await openSearchIndex(config, log, checkpoints);
  const bus = await openNotificationBus(config, log, replay);
  const queue = tracedQueue(await openTaskQueue(config, log));
  const media = await openMediaStorage(config);
  const registry = new ResourceRegistry();
  // Set at the first token resolved; their own revocations reach it before the bus echoes them.
  const local: { authenticator?: CachedAuthenticator } = {};
  const services: ServiceContext = {
    signals: new Signals(log),
    config,
    log,
    documents,
    search,
    registry,
    notify: (event, extra, options) => {
      local.authenticator?.revoke(event, extra);
      return withSpan(`notify ${event}`, { kind: SpanKind.PRODUCER }, async (_span, trace) => {
        const traceparent = formatTraceparent(trace);
        await notify(bus, event, extra, { log, filters: options?.filters, traceparent });
      });
    },
    queue,
    locks: queue.locks,
    media,
  };
  let registration: Registration;
  try {
    registration = await registerApps(loaded, services, { routes });
  } catch (error) {
    await Promise.allSettled([
      search.close(),
      queue.close(),
      bus.close(),
      documents.close(),
      media.close(),
    ]);
    throw error;
  }
  const stopCountInvalidation = documents.invalidate
    ? invalidateCountsOnResourceEvents(bus, registry, documents.invalidate)
    : () => {};
  // Made at the first token a thread resolves: a worker thread never resolves one, and its cache
  // would listen to every event on the bus for nothing.
  // `known` answers held tokens synchronously: a request then awaits nothing to authenticate.
  const authenticator = Object.assign((token: string) => {
    local.authenticator ??= cachedAuthenticator(authenticatorFor(services), {
      bus,
      ttlMs: config.authCacheMs,
    });
    return local.authenticator(token);
  }, { known: (token: string) => local.authenticator?.known(token) });
  const indexing = ensureIndexes
    ? await keepEnsuringIndexes(registry, documents, { log })
    : { stop() {}, done: Promise.resolve() };
  if (ensureIndexes) {
    await ensureSearchIndexes(registry, search, { log }).catch((error) => {
      indexing.stop();
      throw error;
    });
  }
  return {
    config,
    log,
    metrics,
    documents,
    search,
    bus,
    queue,
    locks: queue.locks,
    services,
    apps: registration.registries,
    tasks: createTaskRegistry(registration.tasks),
    schedules: registration.schedules,
    registry,
    authenticator,
    apiRoutes: registration.routes,
    apiPaths: registration.paths,
    // One round at a time, reused a moment: `/ready` and `/api/system/health` are public.
    readiness: sharedReadiness(() =>
      Promise.all([
        documents.ping(),
        search.ping(),
        queue.ping(),
        bus.ping(),
        ...(media.ping ? [media.ping()] : []),
      ])
    ),
    close: async () => {
      // First: a signal handler still running may use any of what closes below.
      await services.signals.close();
      indexing.stop();
      await indexing.done;
      local.authenticator?.close();
      stopCountInvalidation();
      await registration.close();
      await search.close();
      await queue.close();
      await bus.close();
      await media.close();
      await documents.close();
    },
  };
}

/** Redis Streams when REDIS_URL is set; SQLite tables under DATA_DIR otherwise. */
async function openTaskQueue(config: Readonly<Config>, log: Logger): Promise<TaskQueue> {
  if (config.redisUrl) {
    const url = config.redisUrl;
    const pending = import("../tasks/redis/redis_task_queue.ts").then(({ createRedisTaskQueue }) =>
      createRedisTaskQueue({
        url,
        prefix: `${config.elasticsearchIndex}:tasks`,
        log,
        leaseMs: config.taskLeaseMs,
      })
    );
    return deferSeam(pending, {
      seam: "queue",
      engine: "redis",
      known: {
        engine: "redis",
        leaseMs: config.taskLeaseMs,
        locks: deferSeam(pending.then((queue) => queue.locks), { seam: "locks", engine: "redis" }),
      },
    });
  }
  return await createSqliteTaskQueue({
    path: `${config.dataDir}/queue.db`,
    log,
    leaseMs: config.taskLeaseMs,
  });
}

/** Redis pub/sub + stream across processes; in-process BroadcastChannel for the embedded default. */
async function openNotificationBus(
  config: Readonly<Config>,
  log: Logger,
  replay: boolean,
): Promise<NotificationBus> {
  const history = { historySize: config.wsHistorySize, historyMaxAgeMs: config.wsHistoryMaxAgeMs };
  if (config.redisUrl) {
    const url = config.redisUrl;
    const pending = import("../notify/redis/redis_notification_bus.ts").then((
      { createRedisNotificationBus },
    ) =>
      createRedisNotificationBus({
        url,
        prefix: `${config.elasticsearchIndex}:notify`,
        log,
        ...history,
      })
    );
    return deferSeam(pending, { seam: "bus", engine: "redis" });
  }
  // One channel per data directory: threads of one deployment share it, tests do not.
  const channelName = `superdesk:${await Deno.realPath(config.dataDir)}`;
  return createMemoryNotificationBus({
    channelName,
    log,
    replay,
    onlyToListeners: replay,
    ...history,
  });
}

/** Elasticsearch when ELASTICSEARCH_URL is set; SQLite FTS5 under DATA_DIR otherwise. */
async function openSearchIndex(
  config: Readonly<Config>,
  log: Logger,
  checkpoints: "thread" | "deferred",
): Promise<SearchIndex> {
  const prefix = config.elasticsearchIndex;
  if (config.elasticsearchUrl) {
    const [{ createElasticClient }, { createElasticSearchIndex }] = await Promise.all([
      import("../search/elastic/elastic_client.ts"),
      import("../search/elastic/elastic_search_index.ts"),
    ]);
    // Few, quick retries: a failed write is recorded for the workers to retry, not retried inline.
    const client = createElasticClient({ url: config.elasticsearchUrl, maxRetries: 1 });
    const index = createElasticSearchIndex({
      client,
      prefix,
      refresh: config.elasticsearchRefresh,
      log,
    });
    return withWriteBreaker({
      ...index,
      close: async () => {
        await index.close();
        await client.close();
      },
    });
  }
  const { threads, timeoutMs, queue } = config.searchThreads;
  return createSqliteSearchIndex({
    path: `${config.dataDir}/search.db`,
    prefix,
    checkpoints,
    checkpointThread: { log },
    // Task threads search off the API thread already: a pool each would multiply threads.
    searchThreads: checkpoints === "thread" ? threads : 0,
    searchTimeoutMs: timeoutMs,
    searchQueue: queue,
  });
}

async function openDocumentStore(
  config: Readonly<Config>,
  log: Logger,
  checkpoints: "thread" | "deferred",
): Promise<DocumentStore & Partial<Pick<CountCachingStore, "invalidate">>> {
  if (config.mongoUri) {
    const [{ createMongoClient }, { createMongoDocumentStore }, { wirePoolFor }] = await Promise
      .all([
        import("../storage/mongo/mongo_client.ts"),
        import("../storage/mongo/mongo_document_store.ts"),
        import("../storage/mongo/wire_pool.ts"),
      ]);
    const client = createMongoClient(config.mongoUri);
    const wire = wirePoolFor(config.mongoUri);
    const store = createMongoDocumentStore({ client, wire, dbName: config.mongoDbName });
    return withCountCache(store, { maxAgeMs: config.countCacheMs });
  }
  return createSqliteDocumentStore({
    path: `${config.dataDir}/documents.db`,
    checkpoints,
    checkpointThread: { log },
  });
}

/**
 * Another process's write to a resource (its `resource:*` event on the bus) makes this process
 * forget the counts of the resource's collection (count_cache.ts); returns the unsubscribe.
 */
function invalidateCountsOnResourceEvents(
  bus: NotificationBus,
  registry: ResourceRegistry,
  invalidate: (collection: string) => void,
): () => void {
  return bus.subscribe(({ event, extra }) => {
    if (!event.startsWith("resource:") || typeof extra.resource !== "string") return;
    if (registry.has(extra.resource)) {
      invalidate(registry.service(extra.resource).definition.datasource.source);
    }
  });
}
