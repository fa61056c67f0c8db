/**
 * A `cross_fields` query_string over fields of one analyzer where some fold accents and some do
 * not (a top-level `html_field_analyzer` field folds, a nested one does not: rundown items'
 * `content` and `subitems.content`): each field is searched with its own analysis, whatever the
 * order of the fields, on the embedded index and on Elasticsearch.
 */
import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import { createElasticSearchIndex } from "../../src/search/elastic/elastic_search_index.ts";
import { mappingFromSchema } from "../../src/search/mapping.ts";
import type { SearchIndex } from "../../src/search/search_index.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { engineUrl, uniqueName } from "../_engines.ts";

const elasticUrl = engineUrl("ELASTICSEARCH_URL");

const mapping = mappingFromSchema(
  Type.Object({
    content: Type.Optional(Type.String()),
    subitems: Type.Optional(Type.Array(Type.Object({ content: Type.String() }))),
  }),
  { searchFields: { content: "html", "subitems.content": "html" } },
);

async function crossFieldsFold(index: SearchIndex) {
  await index.ensureIndex("items", mapping);
  await index.index("items", [
    { _id: "top", content: "<p>Café au lait</p>", _etag: "e1" },
    { _id: "nested", subitems: [{ content: "Café noir" }], _etag: "e2" },
    { _id: "split", content: "<p>Café</p>", subitems: [{ content: "noir" }], _etag: "e3" },
    { _id: "split2", content: "<p>noir</p>", subitems: [{ content: "Café" }], _etag: "e4" },
  ], { refresh: "true" });
  // Each word is blended over both fields, each field asked for it as its analysis indexed it:
  // `cafe` is only in the folded copy of the top-level `Café`.
  const expected: Record<string, string[]> = {
    "café": ["nested", "split", "split2", "top"],
    "café noir": ["nested", "split", "split2"],
    "cafe noir": ["split"],
  };
  for (const fields of [["content", "subitems.content"], ["subitems.content", "content"]]) {
    for (const [query, ids] of Object.entries(expected)) {
      const found = await index.search(["items"], {
        query: {
          query_string: { query, fields, type: "cross_fields", default_operator: "AND" },
        },
      });
      assert.deepEqual(found.hits.map((h) => h._id).sort(), ids, `${query} over ${fields}`);
    }
  }
}

Deno.test("[embedded] cross_fields searches folded and unfolded fields of one analyzer each their way", async () => {
  const dir = await Deno.makeTempDir({ prefix: "cross_fields_fold_" });
  const index = createSqliteSearchIndex({
    path: `${dir}/search.db`,
    prefix: "t",
    searchThreads: 0,
  });
  try {
    await crossFieldsFold(index);
  } finally {
    await index.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    "[elasticsearch] cross_fields searches folded and unfolded fields of one analyzer each their way",
  ignore: !elasticUrl,
  async fn() {
    const index = createElasticSearchIndex({ url: elasticUrl!, prefix: uniqueName("xfold") });
    try {
      await crossFieldsFold(index);
    } finally {
      await index.drop("items");
      await index.close();
    }
  },
});
