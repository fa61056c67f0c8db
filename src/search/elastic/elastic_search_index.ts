/**
 * The Elasticsearch 8 implementation of the search-index seam (`npm:@elastic/elasticsearch`).
 * Each resource is an alias `{prefix}_{resource}` over a concrete index `{alias}_{n}`; every
 * write also targets `{alias}.rebuild` with `require_alias`, which only exists while a rebuild
 * runs, so writers in any process reach both indexes without asking first (see
 * `search_index.ts` for the protocol).
 */
import { Client } from "@elastic/elasticsearch";
import { measureStatus } from "../../engines/engine_status.ts";
import { ConflictError } from "../../errors.ts";
import { type IndexMapping, textFields, withMetaFields } from "../mapping.ts";
import {
  assertIndexName,
  type IndexedVersion,
  type Rebuild,
  type RefreshPolicy,
  type SearchBody,
  type SearchDoc,
  type SearchHit,
  type SearchIndex,
  type SearchResult,
} from "../search_index.ts";
import { type BulkLine, sendBulk } from "./elastic_bulk.ts";
import { elasticErrorType, toSearchError } from "./elastic_errors.ts";

/** Options of `createElasticSearchIndex`; give `client` (shared, not closed) or `url`. */
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
}

/** Builds the Elasticsearch search index; opens no connection until first used. */
export function createElasticSearchIndex(options: ElasticSearchIndexOptions): SearchIndex {
  const { prefix, refresh = "wait_for", replicas = 0, refreshInterval = "1s" } = options;
  assertIndexName(prefix, "prefix");
  if (!options.client && !options.url) {
    throw new Error("createElasticSearchIndex needs client or url");
  }
  const ownsClient = !options.client;
  const client = options.client ?? new Client({ node: options.url! });
  const aliasOf = (resource: string) => `${prefix}_${assertIndexName(resource)}`;
  const rebuildAliasOf = (resource: string) => `${aliasOf(resource)}.rebuild`;

  async function aliasTargets(name: string): Promise<string[]> {
    try {
      return Object.keys(await client.indices.getAlias({ name }));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  async function createIndex(index: string, mapping: IndexMapping, alias: string) {
    const full = withMetaFields(mapping);
    const text = textFields(full);
    await client.indices.create({
      index,
      aliases: { [alias]: {} },
      settings: {
        number_of_shards: 1,
        number_of_replicas: replicas,
        refresh_interval: refreshInterval,
        "query.default_field": text.length ? text : ["_no_text_fields"],
      },
      mappings: { dynamic: false, properties: full.properties } as Record<string, unknown>,
    });
  }

  function writeLines(resource: string, docs: SearchDoc[], op: "index" | "create", target: string) {
    const lines: BulkLine[] = [];
    for (const { _id, ...rest } of docs) {
      const source = { ...rest, _resource: resource };
      lines.push({ [op]: { _index: target, _id, require_alias: true } }, source);
    }
    return lines;
  }

  const index: SearchIndex = {
    engine: "elasticsearch",

    async ensureIndex(resource, mapping) {
      const alias = aliasOf(resource);
      if ((await aliasTargets(alias)).length) return;
      try {
        await createIndex(`${alias}_1`, mapping, alias);
      } catch (error) {
        if (elasticErrorType(error) !== "resource_already_exists_exception") throw error;
      }
    },

    async index(resource, docs, { refresh: policy = refresh } = {}) {
      if (!docs.length) return;
      const rebuildAlias = rebuildAliasOf(resource);
      const lines = [
        ...writeLines(resource, docs, "index", aliasOf(resource)),
        ...writeLines(resource, docs, "index", rebuildAlias),
      ];
      const ids = docs.map((d) => d._id);
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
      const names = resources.map(aliasOf);
      let response: ElasticSearchResponse;
      try {
        response = await client.transport.request({
          method: "POST",
          path: `/${names.join(",")}/_search`,
          querystring: {
            ignore_unavailable: true,
            allow_no_indices: true,
            rest_total_hits_as_int: true,
          },
          body: { track_total_hits: true, ...body },
        }) as ElasticSearchResponse;
      } catch (error) {
        throw toSearchError(error);
      }
      const hits: SearchHit[] = response.hits.hits.map((hit) => {
        const { _resource: _, ...source } = hit._source ?? {};
        const out: SearchHit = {
          _id: hit._id,
          _resource: resourceOfIndex(hit._index, prefix),
          _source: { _id: hit._id, ...source },
        };
        if (hit.highlight) out.highlight = hit.highlight;
        return out;
      });
      const result: SearchResult = { hits, total: response.hits.total };
      if (response.aggregations) result.aggregations = response.aggregations;
      return result;
    },

    async getVersions(resource, ids) {
      const versions = new Map<string, string | null>();
      if (!ids.length) return versions;
      const alias = aliasOf(resource);
      if (!(await aliasTargets(alias)).length) return versions;
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
      if (!(await aliasTargets(alias)).length) return;
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
      if (!(await aliasTargets(alias)).length) return 0;
      await client.indices.refresh({ index: alias });
      return (await client.count({ index: alias })).count;
    },

    async beginRebuild(resource, mapping) {
      const alias = aliasOf(resource);
      const rebuildAlias = rebuildAliasOf(resource);
      const pending = await aliasTargets(rebuildAlias);
      if (pending.length) {
        throw new ConflictError(
          `A rebuild of "${resource}" is already open (${
            pending.join(", ")
          }); drop or finish it first`,
        );
      }
      const [current] = await aliasTargets(alias);
      const target = `${alias}_${current ? suffixOf(current) + 1 : 1}`;
      try {
        await createIndex(target, mapping, rebuildAlias);
      } catch (error) {
        if (elasticErrorType(error) === "resource_already_exists_exception") {
          throw new ConflictError(`A rebuild of "${resource}" is already running (${target})`);
        }
        throw error;
      }
      return elasticRebuild({ client, resource, alias, rebuildAlias, target, current, writeLines });
    },

    async drop(resource) {
      const names = new Set([
        ...await aliasTargets(aliasOf(resource)),
        ...await aliasTargets(rebuildAliasOf(resource)),
      ]);
      for (const name of names) await client.indices.delete({ index: name });
    },

    async currentIndex(resource) {
      return (await aliasTargets(aliasOf(resource)))[0];
    },

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

function elasticRebuild(
  { client, resource, alias, rebuildAlias, target, current, writeLines }: {
    client: Client;
    resource: string;
    alias: string;
    rebuildAlias: string;
    target: string;
    current: string | undefined;
    writeLines: (r: string, d: SearchDoc[], op: "create", t: string) => BulkLine[];
  },
): Rebuild {
  return {
    target,
    async write(docs) {
      if (!docs.length) return;
      const lines = writeLines(resource, docs, "create", rebuildAlias);
      const ids = docs.map((d) => d._id);
      await sendBulk(client, resource, lines, { refresh: "false", ids });
    },
    async finish() {
      await client.indices.refresh({ index: target });
      const actions: Record<string, unknown>[] = [
        { add: { index: target, alias } },
        { remove: { index: target, alias: rebuildAlias } },
      ];
      if (current) actions.unshift({ remove: { index: current, alias } });
      await client.indices.updateAliases(
        { actions } as Parameters<Client["indices"]["updateAliases"]>[0],
      );
      if (current) await client.indices.delete({ index: current });
    },
    async abort() {
      await client.indices.delete({ index: target });
    },
  };
}

interface ElasticSearchResponse {
  hits: {
    total: number;
    hits: Array<{
      _id: string;
      _index: string;
      _source?: Record<string, unknown>;
      highlight?: Record<string, string[]>;
    }>;
  };
  aggregations?: Record<string, unknown>;
}

/** `{prefix}_{resource}_{n}` → `resource`. */
function resourceOfIndex(index: string, prefix: string): string {
  return index.slice(prefix.length + 1).replace(/_\d+$/, "");
}

function suffixOf(index: string): number {
  return Number(index.slice(index.lastIndexOf("_") + 1));
}

function isNotFound(error: unknown): boolean {
  return (error as { meta?: { statusCode?: number } })?.meta?.statusCode === 404;
}
