/**
 * Apps for suites that run once on the embedded default and once on the real engines: MongoDB,
 * plus Elasticsearch and Redis when their URLs are set, with unique database and index prefixes;
 * and the frame that registers such a case once per setup (`onEachEngine`, `perEngineTest`).
 */
import type { Logger } from "../src/log.ts";
import { createTestApp, type TestApp } from "./_app.ts";
import { resourceMapping, searchBackedDefinitions } from "../src/indexing/resource_mapping.ts";
import { recyclePrefix, takePrefix } from "./_elastic_pool.ts";
import { engineUrl } from "./_engines.ts";

/** Where a suite runs. */
export type Engine = "embedded" | "engines";

/** The engines to register a case for: both, the real ones skipped loudly without MONGO_URI. */
export const ENGINES: readonly Engine[] = ["embedded", "engines"];

/** True when the `engine` variant of a case must be ignored (no MONGO_URI outside CI). */
export function engineMissing(engine: Engine): boolean {
  return engine === "engines" && !engineUrl("MONGO_URI");
}

/** How a case run on each setup is registered. */
export interface PerEngineOptions {
  /** The setups to register it on (both unless told). */
  engines?: readonly Engine[];
  /** Ignores it on every setup (the engines' case is ignored without MONGO_URI anyway). */
  ignore?: boolean;
  /** Keeps Deno's op and resource sanitizers on (off unless told: engine clients outlive a case). */
  sanitize?: boolean;
}

/**
 * Registers `fn` once per setup as `[engine] title`: the frame every per-setup case shares
 * (the engines' case ignored without MONGO_URI, sanitizers off unless `sanitize`).
 */
export function onEachEngine(
  title: string,
  fn: (engine: Engine, t: Deno.TestContext) => Promise<void>,
  { engines = ENGINES, ignore = false, sanitize = false }: PerEngineOptions = {},
): void {
  for (const engine of engines) {
    setupCase(engine, title, (t) => fn(engine, t), {
      ignore: ignore || engineMissing(engine),
      sanitize,
    });
  }
}

/**
 * Registers `fn` as `[setup] title`: the one registration of every per-setup case (sanitizers
 * off unless `sanitize`: engine clients outlive a case).
 */
function setupCase(
  setup: string,
  title: string,
  fn: (t: Deno.TestContext) => Promise<void>,
  { ignore, sanitize }: { ignore: boolean; sanitize: boolean },
): void {
  Deno.test({
    name: `[${setup}] ${title}`,
    ignore,
    ...(sanitize ? {} : { sanitizeResources: false, sanitizeOps: false }),
    fn,
  });
}

/** Runs `fn` on the context `make` builds, its app closed afterwards whatever happens. */
async function withContext<C extends { app: TestApp }>(
  make: () => Promise<C>,
  fn: (context: C) => Promise<void>,
): Promise<void> {
  const context = await make();
  try {
    await fn(context);
  } finally {
    await context.app.close();
  }
}

/** Runs `fn` on a fresh app on `engine` (options as `engineTestApp`), closed afterwards whatever happens. */
export function withEngineApp(
  engine: Engine,
  fn: (app: TestApp) => Promise<void>,
  options: { env?: Record<string, string>; log?: Logger } = {},
): Promise<void> {
  return withContext(
    async () => ({ app: await engineTestApp(engine, options) }),
    ({ app }) => fn(app),
  );
}

/**
 * The `test(title, fn)` of a suite run on a setup of its own making: each test gets a fresh
 * context from `makeApp` (an app and its clients) and closes the app afterwards; titles are
 * prefixed `[name]` (the frame of `onEachEngine` and `withEngineApp`).
 */
export function suiteTest<C extends { app: TestApp }>(
  name: string,
  makeApp: () => Promise<C>,
  { ignore = false }: { ignore?: boolean } = {},
): (title: string, fn: (ctx: C) => Promise<void>) => void {
  return (title, fn) =>
    setupCase(name, title, () => withContext(makeApp, fn), { ignore, sanitize: false });
}

/**
 * Registers `fn` once per setup (as `onEachEngine`), each run on a fresh app closed afterwards
 * (as `withEngineApp`); `env` adds configuration variables.
 */
export function perEngineTest(
  title: string,
  fn: (app: TestApp, t: Deno.TestContext) => Promise<void>,
  { env, ...options }: PerEngineOptions & { env?: Record<string, string> } = {},
): void {
  onEachEngine(title, (engine, t) => withEngineApp(engine, (app) => fn(app, t), { env }), options);
}

/** A fresh app on `engine`; `env` adds configuration variables; `log` receives its records. */
export async function engineTestApp(
  engine: Engine,
  { env = {}, log }: { env?: Record<string, string>; log?: Logger } = {},
): Promise<TestApp> {
  if (engine === "embedded") return await createTestApp({ env, log });
  const mongoUri = engineUrl("MONGO_URI");
  const elastic = Deno.env.get("ELASTICSEARCH_URL");
  const redis = Deno.env.get("REDIS_URL");
  // Refresh on every write: visible on return without waiting for the refresh interval.
  const configured: Record<string, string> = {
    ELASTICSEARCH_REFRESH: "true",
    ...(elastic ? { ELASTICSEARCH_URL: elastic } : {}),
    ...(redis ? { REDIS_URL: redis } : {}),
    ...env,
  };
  // Index sets left untouched by an earlier app of this configuration are reused
  // (`_elastic_pool.ts`); a caller naming its own prefix manages it.
  const poolKey = configured.ELASTICSEARCH_URL && !configured.ELASTICSEARCH_INDEX
    ? JSON.stringify(Object.entries(configured).sort())
    : undefined;
  const prefix = poolKey ? takePrefix(poolKey) : undefined;
  const app = await createTestApp({
    mongoUri,
    env: prefix ? { ...configured, ELASTICSEARCH_INDEX: prefix } : configured,
    log,
  });
  if (prefix) await searchIndexesActive(app, configured.ELASTICSEARCH_URL!, prefix);
  return {
    ...app,
    async close() {
      if (!prefix || !poolKey) {
        for (const definition of app.platform.registry.definitions()) {
          if (definition.searchBacked) await app.platform.search.drop(definition.name);
        }
      }
      await app.close();
      if (prefix && poolKey) await recyclePrefix(configured.ELASTICSEARCH_URL!, prefix, poolKey);
    },
  };
}

/**
 * Waits until every search-backed resource's index exists and its shard is active: the start
 * gives up waiting for a slow Elasticsearch after a few seconds (writes then go through the
 * outbox, searches answer 503 until the shard starts, or an empty list while the index is not
 * yet created), which a test must not see as a failure. `url` is how the app reaches the engine.
 */
export async function searchIndexesActive(
  app: TestApp,
  url: string,
  prefix: string,
): Promise<void> {
  await Promise.all(
    searchBackedDefinitions(app.platform.registry).map((definition) =>
      app.platform.search.ensureIndex(definition.name, resourceMapping(definition))
    ),
  );
  const health = await fetch(
    `${url}/_cluster/health/${prefix}_*?wait_for_status=yellow&wait_for_no_initializing_shards=true&timeout=120s`,
  );
  const body = await health.json() as { timed_out?: boolean; status?: string };
  if (!health.ok || body.timed_out) {
    throw new Error(`the indexes of ${prefix} did not become active: ${JSON.stringify(body)}`);
  }
  await searchesAnswered(url, prefix);
}

/**
 * Waits until a search of every index of `prefix` is answered by all its shards. Under load a
 * search right after the health above still met `NoShardAvailableActionException` (a 503 "all
 * shards failed" in Elasticsearch's log, 4 s after the index was created, twice in a session):
 * the cluster reported the shard started before the node served searches on it. There is no
 * event to wait for, so the search is retried until it is answered (30 s at most).
 */
async function searchesAnswered(url: string, prefix: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (let attempt = 0;; attempt++) {
    const answer = await fetch(`${url}/${prefix}_*/_search?size=0`, { method: "POST" });
    const body = await answer.json() as { _shards?: { total?: number; successful?: number } };
    const shards = body._shards;
    if (answer.ok && shards && shards.total === shards.successful) return;
    if (Date.now() > deadline) {
      throw new Error(`searches of ${prefix} were not answered: ${JSON.stringify(body)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 500)));
  }
}
