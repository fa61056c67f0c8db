/**
 * Builds the api role's application in-process for HTTP tests (`app.request()`), on the embedded
 * default in a fresh temporary DATA_DIR, or on MongoDB when `mongoUri` is given (a unique
 * database per call). `close()` releases everything and removes the temp dir.
 */
import { MongoClient } from "mongodb";
import { buildPlatform } from "../src/cli/build_platform.ts";
import { loadConfig } from "../src/config/load_config.ts";
import { apiAppFor } from "../src/cli/api_app.ts";
import { type Logger, silentLogger } from "../src/log.ts";
import { MetricsRegistry } from "../src/metrics/registry.ts";
import type { App } from "../src/apps/app.ts";
import type { Platform } from "../src/platform.ts";
import { uniqueName } from "./_engines.ts";

export interface TestApp {
  app: ReturnType<typeof apiAppFor>;
  platform: Platform;
  close(): Promise<void>;
}

/** A ready-to-request app; `env` adds configuration variables. */
export async function createTestApp(
  { env = {}, mongoUri, apps, log = silentLogger }: {
    env?: Record<string, string>;
    mongoUri?: string;
    /** Where the app logs (silent by default). */
    log?: Logger;
    /** Apps to register after the core ones and INSTALLED_APPS (test resources). */
    apps?: App[];
  } = {},
): Promise<TestApp> {
  const dataDir = await Deno.makeTempDir({ prefix: "superdesk_test_" });
  const config = loadConfig({
    DATA_DIR: dataDir,
    // Superdesk's tests hash at cost 4 too: the cost is not what a test checks (password_test).
    BCRYPT_GENSALT_WORK_FACTOR: "4",
    ...(mongoUri ? { MONGO_URI: mongoUri, MONGO_DBNAME: uniqueName("test") } : {}),
    ...env,
  });
  const metrics = new MetricsRegistry();
  let platform: Platform;
  try {
    platform = await buildPlatform(config, { log, metrics, apps: apps ?? [] });
  } catch (error) {
    await Deno.remove(dataDir, { recursive: true });
    throw error;
  }
  const app = apiAppFor(platform, { log, metrics });
  return {
    app,
    platform,
    async close() {
      await platform.close();
      if (mongoUri) await dropDatabase(mongoUri, config.mongoDbName);
      await Deno.remove(dataDir, { recursive: true });
    },
  };
}

/** Drops database `name` of the MongoDB at `uri` (a test's unique database). */
export async function dropDatabase(uri: string, name: string) {
  const client = new MongoClient(uri);
  try {
    await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}
