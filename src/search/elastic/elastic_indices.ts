/**
 * Concrete indexes and aliases of the Elasticsearch index: names (`{prefix}_{resource}` alias,
 * `{alias}_{n}` concrete index, `{alias}.rebuild` open-rebuild alias), alias lookups, and index
 * creation with the mapping, `dynamic: false`, core analyzers only, and
 * `index.query.default_field` set to the text fields, so an unfielded `query_string` searches
 * the same fields as the embedded index.
 */
import type { Client } from "@elastic/elasticsearch";
import { type IndexMapping, textFields, withMetaFields } from "../mapping.ts";

/** Settings of indexes a search index creates. */
export interface IndexSettings {
  replicas: number;
  refreshInterval: string;
}

/** The concrete indexes an alias points at; none when it does not exist. */
export async function aliasTargets(client: Client, name: string): Promise<string[]> {
  try {
    return Object.keys(await client.indices.getAlias({ name }));
  } catch (error) {
    if ((error as { meta?: { statusCode?: number } })?.meta?.statusCode === 404) return [];
    throw error;
  }
}

/** Creates concrete index `index` with `mapping`, reachable through `alias`. */
export async function createIndex(
  client: Client,
  { index, mapping, alias, settings }: {
    index: string;
    mapping: IndexMapping;
    alias: string;
    settings: IndexSettings;
  },
): Promise<void> {
  const full = withMetaFields(mapping);
  const text = textFields(full);
  await client.indices.create({
    index,
    aliases: { [alias]: {} },
    settings: {
      number_of_shards: 1,
      number_of_replicas: settings.replicas,
      refresh_interval: settings.refreshInterval,
      "query.default_field": text.length ? text : ["_no_text_fields"],
    },
    mappings: { dynamic: false, properties: full.properties } as Record<string, unknown>,
  });
}

/** `{prefix}_{resource}_{n}` → `resource`. */
export function resourceOfIndex(index: string, prefix: string): string {
  return index.slice(prefix.length + 1).replace(/_\d+$/, "");
}

/** `{alias}_{n}` → `n`. */
export function indexNumber(index: string): number {
  return Number(index.slice(index.lastIndexOf("_") + 1));
}
