/**
 * The fields mapped in session 23 (a package's `groups`, an item's `schedule_settings`) answer
 * the same on the embedded index and on Elasticsearch: unfielded and fielded text searches of
 * the references' headlines and sluglines, exact clauses on group and reference ids, and date
 * ranges and `exists` on the schedule, each compared hit for hit. Gated on `ELASTICSEARCH_URL`.
 */
import assert from "node:assert/strict";
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { toSearchDoc } from "../../src/indexing/search_doc.ts";
import { archiveResource } from "../../src/newsroom/archive_resource.ts";
import { createElasticSearchIndex } from "../../src/search/elastic/elastic_search_index.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { engineUrl, uniqueName } from "../_engines.ts";

const url = engineUrl("ELASTICSEARCH_URL");
const hour = 60 * 60 * 1000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

const docs = [
  { _id: "item3", type: "text", headline: "Third story", slugline: "three" },
  {
    _id: "pkg1",
    type: "composite",
    headline: "package1",
    groups: [
      { id: "root", refs: [{ idRef: "main" }] },
      {
        id: "main",
        refs: [
          { residRef: "item3", _id: "item3", guid: "item3", type: "text", location: "archive" },
          { headline: "Archaeology dig opens", slugline: "dig-site", residRef: "x" },
        ],
      },
    ],
  },
  {
    _id: "sched",
    type: "text",
    headline: "Later",
    schedule_settings: { time_zone: "Europe/Prague", utc_publish_schedule: at(2 * hour) },
  },
  {
    _id: "embargoed",
    type: "text",
    headline: "Held",
    schedule_settings: { time_zone: null, utc_embargo: at(-2 * hour) },
  },
];

const queries: Record<string, unknown>[] = [
  { query_string: { query: "archaeology" } },
  { query_string: { query: "item3" } },
  { query_string: { query: "groups.refs.headline:dig" } },
  { query_string: { query: "groups.refs.slugline:dig-site" } },
  { match: { "groups.refs.headline": "ARCHAEOLOGY" } },
  { term: { "groups.id": "main" } },
  { term: { "groups.refs.guid": "item3" } },
  { term: { "groups.refs.idRef": "main" } },
  { term: { "groups.refs.residRef": "item3" } },
  { term: { "groups.refs.location": "archive" } },
  { exists: { field: "groups.refs.headline" } },
  { range: { "schedule_settings.utc_publish_schedule": { gte: "now-24H" } } },
  { range: { "schedule_settings.utc_publish_schedule": { lte: "now" } } },
  { range: { "schedule_settings.utc_embargo": { lte: "now" } } },
  { term: { "schedule_settings.time_zone": "Europe/Prague" } },
  { exists: { field: "schedule_settings.time_zone" } },
  { exists: { field: "schedule_settings.utc_embargo" } },
];

Deno.test({
  name: "package groups and schedule settings: the embedded index answers as Elasticsearch",
  ignore: !url,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "pkg_sched_diff_" });
    const embedded = createSqliteSearchIndex({ path: `${dir}/search.db`, prefix: "t" });
    const elastic = createElasticSearchIndex({
      url: url!,
      prefix: uniqueName("test_pkg_sched"),
      refresh: "wait_for",
    });
    try {
      const mapping = resourceMapping(archiveResource);
      const searchDocs = docs.map((doc) => toSearchDoc(archiveResource, doc));
      for (const index of [embedded, elastic]) {
        await index.ensureIndex("archive", mapping);
        await index.index("archive", searchDocs, { refresh: "true" });
      }
      const ids = async (index: typeof embedded, query: Record<string, unknown>) =>
        (await index.search(["archive"], { query, size: 10 })).hits.map((hit) => hit._id).sort();
      for (const query of queries) {
        const expected = await ids(elastic, query);
        assert.deepEqual(await ids(embedded, query), expected, JSON.stringify(query));
      }
      // What the client's searches rely on, on both.
      for (const index of [embedded, elastic]) {
        assert.deepEqual(await ids(index, queries[0]!), ["pkg1"]);
        assert.deepEqual(await ids(index, queries[5]!), ["pkg1"]);
        assert.deepEqual(await ids(index, queries[6]!), ["pkg1"]);
        assert.deepEqual(await ids(index, queries[11]!), ["sched"]);
      }
    } finally {
      await elastic.drop("archive").catch(() => {});
      await elastic.close();
      await embedded.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
