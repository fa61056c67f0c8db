/**
 * Test apps with the search-backed test resources, on the embedded search index or on a real
 * Elasticsearch (a unique index prefix per app, every index dropped on close).
 */
import { searchBackedDefinitions } from "../../src/indexing/resource_mapping.ts";
import { createTestApp, type TestApp } from "../_app.ts";
import { uniqueName } from "../_engines.ts";
import { memosModule } from "./_memos_module.ts";

/** An app with `memos` and `briefs`; `elasticUrl` selects Elasticsearch. */
export async function createIndexingApp(
  { elasticUrl, env = {} }: { elasticUrl?: string; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const app = await createTestApp({
    modules: [memosModule],
    env: {
      ...(elasticUrl
        ? { ELASTICSEARCH_URL: elasticUrl, ELASTICSEARCH_INDEX: uniqueName("idx") }
        : {}),
      ...env,
    },
  });
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
