/**
 * The search benchmarks' platform: `bench_stories` installed on a fresh data directory and a
 * unique index prefix of the Elasticsearch at `url`, an administrator `bench` (password
 * `bench-password`) and `docs` seeded stories; `dropBenchIndexes` drops its indexes;
 * `benchAuthorization` logs the administrator in through an application's `fetch`;
 * `benchServerEnv` is the environment of a server process of ours on that platform. With
 * BENCH_MONGO_URI set the documents are on that MongoDB (a database named after the index
 * prefix, which `dropBenchIndexes` drops too) instead of the embedded store.
 */
import { createUser } from "../../src/auth/create_user.ts";
import { buildPlatform } from "../../src/cli/build_platform.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import { silentLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { dropDatabase } from "../../tests/_app.ts";
import { baseEnv } from "../api/_server_process.ts";
import { benchStories, searchBenchModule, story } from "./_search_bench_module.ts";

/** BENCH_MONGO_URI: the MongoDB holding the documents (unset: the embedded store). */
const MONGO_URI = Deno.env.get("BENCH_MONGO_URI");

/** The store settings of a bench platform whose index prefix is `prefix`. */
function storeEnv(prefix: string): Record<string, string> {
  return MONGO_URI ? { MONGO_URI, MONGO_DBNAME: prefix } : {};
}

/** Opens the platform (`name` prefixes the data directory and the indexes). */
export async function openBenchPlatform(url: string, name: string) {
  const dataDir = await Deno.makeTempDir({ prefix: `${name}_` });
  const prefix = `${name}_${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`;
  const config = loadConfig({
    ...storeEnv(prefix),
    DATA_DIR: dataDir,
    ELASTICSEARCH_URL: url,
    ELASTICSEARCH_INDEX: prefix,
    ELASTICSEARCH_REFRESH: "false",
  });
  const platform = await buildPlatform(config, {
    log: silentLogger,
    metrics: new MetricsRegistry(),
    apps: [searchBenchModule],
  });
  return { dataDir, prefix, config, platform };
}

/**
 * The environment of a `main.ts --role=api` process on the platform `openBenchPlatform` made
 * (its data directory and index prefix on the Elasticsearch at `url`), loading the bench's
 * resource from `module`.
 */
export function benchServerEnv(
  { dataDir, prefix, url }: { dataDir: string; prefix: string; url: string },
  module: string,
): Record<string, string> {
  return {
    ...baseEnv(),
    ...storeEnv(prefix),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    ELASTICSEARCH_URL: url,
    ELASTICSEARCH_INDEX: prefix,
    ELASTICSEARCH_REFRESH: "false",
    INSTALLED_APPS: module,
    LOG_LEVEL: "warn",
  };
}

/** Creates the administrator and `docs` stories in batches of `batch`; returns them stored. */
export async function seedBenchStories(
  platform: Awaited<ReturnType<typeof openBenchPlatform>>["platform"],
  docs: number,
  batch: number,
): Promise<Doc[]> {
  await createUser(platform.registry, {
    username: "bench",
    password: "bench-password",
    email: "bench@example.com",
    admin: true,
  });
  const service = platform.registry.service(benchStories.name);
  const stored: Doc[] = [];
  for (let i = 0; i < docs; i += batch) {
    const inputs = Array.from({ length: Math.min(batch, docs - i) }, (_, k) => story(i + k));
    stored.push(...await service.create(inputs, SYSTEM_ACTOR));
  }
  return stored;
}

/** The administrator's `Authorization` header, from a login through `app` (in process). */
export async function benchAuthorization(
  app: { fetch(request: Request): Response | Promise<Response> },
): Promise<{ Authorization: string }> {
  const login = await app.fetch(
    new Request("http://bench/api/auth_db", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: "bench", password: "bench-password" }),
    }),
  );
  return { Authorization: `Basic ${btoa(`${(await login.json()).token}:`)}` };
}

/**
 * Drops every search-backed resource's indexes (the platform and servers create each one's),
 * and the bench's MongoDB database when there is one.
 */
export async function dropBenchIndexes(
  platform: Awaited<ReturnType<typeof openBenchPlatform>>["platform"],
): Promise<void> {
  for (const { name, searchBacked } of platform.registry.definitions()) {
    if (searchBacked) await platform.search.drop(name).catch(() => {});
  }
  if (MONGO_URI) await dropDatabase(MONGO_URI, platform.config.mongoDbName);
}
