/**
 * Builds the api role's application in-process for HTTP tests (`app.request()`), on the embedded
 * default in a fresh temporary DATA_DIR, or on MongoDB when `mongoUri` is given (a unique
 * database per call). `close()` releases everything and removes the temp dir.
 */
import { MongoClient } from "mongodb";
import { buildPlatform } from "../src/cli/build_platform.ts";
import { loadConfig } from "../src/config/load_config.ts";
import { apiAppFor } from "../src/cli/api_app.ts";
import { silentLogger } from "../src/log.ts";
import { MetricsRegistry } from "../src/metrics/registry.ts";
import type { AppModule } from "../src/modules/app_module.ts";
import type { Platform } from "../src/platform.ts";
import { uniqueName } from "./_engines.ts";

export interface TestApp {
  app: ReturnType<typeof apiAppFor>;
  platform: Platform;
  close(): Promise<void>;
}

/** A ready-to-request app; `env` adds configuration variables. */
export async function createTestApp(
  { env = {}, mongoUri, modules }: {
    env?: Record<string, string>;
    mongoUri?: string;
    /** Modules to load after the core ones (test resources). */
    modules?: AppModule[];
  } = {},
): Promise<TestApp> {
  const dataDir = await Deno.makeTempDir({ prefix: "superdesk_test_" });
  const config = loadConfig({
    DATA_DIR: dataDir,
    ...(mongoUri ? { MONGO_URI: mongoUri, MONGO_DBNAME: uniqueName("test") } : {}),
    ...env,
  });
  const metrics = new MetricsRegistry();
  const platform = await buildPlatform(config, {
    log: silentLogger,
    metrics,
    modules: modules ?? [],
  });
  const app = apiAppFor(platform, { log: silentLogger, metrics });
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

async function dropDatabase(uri: string, name: string) {
  const client = new MongoClient(uri);
  try {
    await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}
