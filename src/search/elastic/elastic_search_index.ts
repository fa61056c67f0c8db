/**
 * The Elasticsearch 8 implementation of the search-index seam (`npm:@elastic/elasticsearch`;
 * searches skip its transport: `elastic_search_call.ts`).
 * Each resource is an alias `{prefix}_{resource}` over a concrete index `{alias}_{n}`; every
 * write also targets `{alias}.rebuild` with `require_alias`, which only exists while a rebuild
 * runs, so writers in any process reach both indexes without asking first (see
 * `search_index.ts` for the protocol).
 */
import type { Client } from "@elastic/elasticsearch";
import { BadRequestError } from "../../errors.ts";
import { createElasticClient } from "./elastic_client.ts";
import { measureStatus } from "../../engines/engine_status.ts";
import type { Logger } from "../../log.ts";
import type { IndexMapping } from "../mapping.ts";
import {
  assertIndexName,
  type IndexedVersion,
  type RefreshPolicy,
  type SearchBody,
  type SearchHit,
  type SearchIndex,
  type SearchResult,
} from "../search_index.ts";
import { docLines, sendBulk } from "./elastic_bulk.ts";
import { elasticErrorType } from "./elastic_errors.ts";
import { searchConnection, sendSearch } from "./elastic_search_call.ts";
import type { SocketConnection } from "./socket_connection.ts";
import { aliasTargets, createIndex, indexResources, recordedMapping } from "./elastic_indices.ts";
import { openElasticRebuild } from "./elastic_rebuild.ts";
import { type FoldedLayout, highlightTags, unfoldedHit, withExact } from "./elastic_folding.ts";
import { NO_INDEX, resourceLayouts } from "./elastic_layouts.ts";
import { foldedSearchBody } from "./elastic_folded_query.ts";

/**
 * Options of `createElasticSearchIndex`; give `client` (from `createElasticClient`; shared, not
 * closed) or `url`.
 */
export interface ElasticSearchIndexOptions {
  client?: Client;
  url?: string;
  /** The index name prefix, Superdesk's `ELASTICSEARCH_INDEX`. */
  prefix: string;
  /** Default refresh policy of writes (config `ELASTICSEARCH_REFRESH`). */
  refresh?: RefreshPolicy;
  /** `number_of_replicas` of created indexes (0 suits a single node). */
  replicas?: number;
  /** `refresh_interval` of created indexes, e.g. "1s". */
  refreshInterval?: string;
  /** Retries of a failed request when the index builds its own client from `url`. */
  maxRetries?: number;
  /** Where failures the client is not told about go (Elasticsearch refusing our credentials). */
  log?: Logger;
}

/** Builds the Elasticsearch search index; opens no connection until first used. */
export function createElasticSearchIndex(options: ElasticSearchIndexOptions): SearchIndex {
  const { prefix, refresh = "wait_for", replicas = 0, refreshInterval = "1s" } = options;
  assertIndexName(prefix, "prefix");
  if (!options.client && !options.url) {
    throw new Error("createElasticSearchIndex needs client or url");
  }
  const ownsClient = !options.client;
  const client = options.client ??
    createElasticClient({ url: options.url!, maxRetries: options.maxRetries ?? 3 });
  const aliasOf = (resource: string) => `${prefix}_${assertIndexName(resource)}`;
  const rebuildAliasOf = (resource: string) => `${aliasOf(resource)}.rebuild`;
  const resourceOf = indexResources(prefix);

  const settings = { replicas, refreshInterval };
  const targets = (name: string) => aliasTargets(client, name);

  const layouts = resourceLayouts(client, aliasOf, options.log);

  async function ensureIndex(resource: string, mapping: IndexMapping) {
    layouts.set(resource, mapping);
    const alias = aliasOf(resource);
    if ((await targets(alias)).length) return;
    try {
      await createIndex(client, { index: `${alias}_1`, mapping, alias, settings });
    } catch (error) {
      if (elasticErrorType(error) !== "resource_already_exists_exception") throw error;
    }
  }

  /** `body` searched over `resources` with their `searched` layouts; the shards that answered. */
  async function searchWith(
    connection: SocketConnection,
    resources: string[],
    searched: FoldedLayout[],
    body: SearchBody,
  ): Promise<{ result: SearchResult; shards: number }> {
    const foldedFields = new Set(searched.flatMap((l) => l.folded));
    const defaults = [...new Set(searched.flatMap((l) => l.text))];
    const tags = highlightTags(body);
    const response = await sendSearch(connection, {
      indexes: resources.map(aliasOf),
      // Exact totals whatever the body asks, as the embedded index counts (and plain-number
      // totals refuse a bound; `false` would answer -1).
      body: {
        ...foldedSearchBody(withExact(body, foldedFields), { folded: foldedFields, defaults }),
        track_total_hits: true,
      },
      log: options.log,
    });
    const hits: SearchHit[] = response.hits.hits.map((hit) => {
      // A copy without `_resource` rather than `delete`, which would turn the object into a
      // slow dictionary for everything after it (rendering, JSON encoding: 2-3x slower).
      const { _resource: _, ...source } = hit._source ?? {};
      source._id = hit._id;
      if (foldedFields.size) unfoldedHit(source, hit.highlight, tags);
      const out: SearchHit = {
        _id: hit._id,
        _resource: resourceOf(hit._index),
        _source: source,
      };
      if (hit.highlight) out.highlight = hit.highlight;
      return out;
    });
    const result: SearchResult = { hits, total: response.hits.total };
    if (response.aggregations) result.aggregations = response.aggregations;
    return { result, shards: response._shards?.total ?? 0 };
  }

  const index: SearchIndex = {
    engine: "elasticsearch",

    ensureIndex,

    async index(resource, docs, { refresh: policy = refresh } = {}) {
      if (!docs.length) return;
      const rebuildAlias = rebuildAliasOf(resource);
      const ids = docs.map((d) => d._id);
      const lines = docLines(resource, docs, [aliasOf(resource), rebuildAlias], {
        folded: await layouts.forWrite(resource, ids),
      });
      await sendBulk(client, resource, lines, {
        refresh: policy,
        optionalAlias: rebuildAlias,
        ids,
      });
    },

    async remove(resource, ids, { refresh: policy = refresh } = {}) {
      if (!ids.length) return;
      const rebuildAlias = rebuildAliasOf(resource);
      const lines = [aliasOf(resource), rebuildAlias].flatMap((target) =>
        ids.map((_id) => ({ delete: { _index: target, _id, require_alias: true } }))
      );
      await sendBulk(client, resource, lines, {
        refresh: policy,
        optionalAlias: rebuildAlias,
        ids,
      });
    },

    async search(resources, body) {
      if (!resources.length) return { hits: [], total: 0 };
      const connection = searchConnection(client);
      const searched = await layouts.forSearch(resources);
      if (!searched.every((l) => l === NO_INDEX)) {
        return (await searchWith(connection, resources, searched, body)).result;
      }
      // Resources remembered without an index: one created since shows by some shard answering,
      // or by a refusal of a name its folding moved (a sort on `headline.keyword`, now
      // `_exact.headline.keyword`); either way the layouts are asked again and the search sent
      // again with them.
      const again = async (refusal?: BadRequestError) => {
        const fresh = await layouts.forSearch(resources, { fresh: true }).catch((lookup) => {
          throw refusal ?? lookup;
        });
        if (refusal && fresh.every((l) => l === NO_INDEX)) throw refusal;
        return (await searchWith(connection, resources, fresh, body)).result;
      };
      let answer;
      try {
        answer = await searchWith(connection, resources, searched, body);
      } catch (error) {
        if (error instanceof BadRequestError) return await again(error);
        throw error;
      }
      return answer.shards > 0 ? await again() : answer.result;
    },

    async getVersions(resource, ids) {
      const versions = new Map<string, string | null>();
      if (!ids.length) return versions;
      const alias = aliasOf(resource);
      if (!(await targets(alias)).length) return versions;
      const response = await client.mget<{ _etag?: string }>({
        index: alias,
        ids,
        _source_includes: ["_etag"],
      });
      for (const doc of response.docs) {
        if ("found" in doc && doc.found) versions.set(doc._id, doc._source?._etag ?? null);
      }
      return versions;
    },

    async *scanVersions(resource, { batchSize = 1000 } = {}) {
      const alias = aliasOf(resource);
      if (!(await targets(alias)).length) return;
      let page = await client.search<{ _etag?: string }>({
        index: alias,
        scroll: "1m",
        size: batchSize,
        sort: ["_doc"],
        _source: ["_etag"],
      });
      try {
        while (page.hits.hits.length) {
          yield page.hits.hits.map((h): IndexedVersion => ({
            _id: h._id!,
            _etag: h._source?._etag ?? null,
          }));
          page = await client.scroll<{ _etag?: string }>({
            scroll_id: page._scroll_id!,
            scroll: "1m",
          });
        }
      } finally {
        if (page._scroll_id) {
          await client.clearScroll({ scroll_id: page._scroll_id }).catch(() => {});
        }
      }
    },

    async count(resource) {
      const alias = aliasOf(resource);
      if (!(await targets(alias)).length) return 0;
      await client.indices.refresh({ index: alias });
      return (await client.count({ index: alias })).count;
    },

    beginRebuild(resource, mapping, { replace = false } = {}) {
      layouts.set(resource, mapping);
      return openElasticRebuild({
        client,
        resource,
        alias: aliasOf(resource),
        rebuildAlias: rebuildAliasOf(resource),
        mapping,
        settings,
        replace,
        ensureLive: () => ensureIndex(resource, mapping),
      });
    },

    async drop(resource) {
      layouts.forget(resource);
      const names = new Set([
        ...await targets(aliasOf(resource)),
        ...await targets(rebuildAliasOf(resource)),
      ]);
      for (const name of names) await client.indices.delete({ index: name });
    },

    async currentIndex(resource) {
      return (await targets(aliasOf(resource)))[0];
    },

    liveMapping: (resource) => recordedMapping(client, aliasOf(resource)),

    ping() {
      return measureStatus("search", "elasticsearch", async () => {
        const info = await client.transport.request({
          method: "GET",
          path: "/_nodes/_local",
          querystring: { filter_path: "nodes.*.version" },
        }) as { nodes?: Record<string, { version?: string }> };
        return Object.values(info.nodes ?? {})[0]?.version ?? "unknown";
      });
    },

    async close() {
      if (ownsClient) await client.close();
    },
  };
  return index;
}
