/**
 * Test apps with the search-backed test resources, on the embedded search index or on a real
 * Elasticsearch (and the embedded document store or MongoDB) (a unique index prefix per app, every
 * index dropped on close). An Elasticsearch app is returned once its indexes are active.
 */
import { searchBackedDefinitions } from "../../src/indexing/resource_mapping.ts";
import { createTestApp, type TestApp } from "../_app.ts";
import { searchIndexesActive } from "../_engine_app.ts";
import { uniqueName } from "../_engines.ts";
import { memosModule } from "./_memos_module.ts";

/** An app with `memos` and `briefs`; `elasticUrl` selects Elasticsearch, `mongoUri` MongoDB. */
export async function createIndexingApp(
  { elasticUrl, mongoUri, env = {} }: {
    elasticUrl?: string;
    mongoUri?: string;
    env?: Record<string, string>;
  } = {},
): Promise<TestApp> {
  const app = await createTestApp({
    apps: [memosModule],
    mongoUri,
    env: {
      ...(elasticUrl
        ? { ELASTICSEARCH_URL: elasticUrl, ELASTICSEARCH_INDEX: uniqueName("idx") }
        : {}),
      ...env,
    },
  });
  // The start stops waiting for index creation after a few seconds: a write before its index
  // exists would go to the outbox, and a search find nothing.
  if (elasticUrl) {
    await searchIndexesActive(app, elasticUrl, app.platform.config.elasticsearchIndex).catch(
      async (error) => {
        await app.close();
        throw error;
      },
    );
  }
  return {
    ...app,
    async close() {
      for (const definition of searchBackedDefinitions(app.platform.registry)) {
        await app.platform.search.drop(definition.name).catch(() => {});
      }
      await app.close();
    },
  };
}
