/**
 * Concrete indexes and aliases of the Elasticsearch index: names (`{prefix}_{resource}` alias,
 * `{alias}_{n}` concrete index, `{alias}.rebuild` open-rebuild alias), alias lookups, and index
 * creation with the mapping (folded fields laid out as `elastic_folding.ts` says), `dynamic:
 * false`, core analysis only (`html_field_analyzer` is the standard tokenizer and the lowercase
 * filter, its folding done on our side; `lowercase_normalizer` lowercases keywords),
 * `index.query.default_field` set to the text fields, so an unfielded `query_string` searches
 * the same fields as the embedded index, and the mapping recorded in the index's `_meta` so a
 * server can tell whether the live index has the mapping it expects (`liveMapping`).
 */
import type { Client, estypes } from "@elastic/elasticsearch";
import { elasticProperties } from "./elastic_folding.ts";
import { type IndexMapping, LOWERCASE_NORMALIZER, textFields, withMetaFields } from "../mapping.ts";

/** The `_meta` key holding the mapping an index was created with (as JSON). */
const MAPPING_META = "superdesk_mapping";

/** The analysis settings every index gets (only core tokenizers and filters). */
export const ANALYSIS: estypes.IndicesIndexSettingsAnalysis = {
  analyzer: {
    html_field_analyzer: { type: "custom", tokenizer: "standard", filter: ["lowercase"] },
    contentapi_html_field_analyzer: {
      type: "custom",
      tokenizer: "standard",
      filter: ["lowercase"],
    },
  },
  normalizer: { [LOWERCASE_NORMALIZER]: { type: "custom", filter: ["lowercase"] } },
};

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
      analysis: ANALYSIS,
    },
    mappings: {
      dynamic: false,
      _meta: { [MAPPING_META]: JSON.stringify(full) },
      properties: elasticProperties(full),
    } as Record<string, unknown>,
  });
}

/**
 * The mapping recorded in the live index behind `alias`: undefined when there is no index,
 * null when the index records none (made before mappings were recorded).
 */
export async function recordedMapping(
  client: Client,
  alias: string,
): Promise<IndexMapping | null | undefined> {
  const [index] = await aliasTargets(client, alias);
  if (!index) return undefined;
  const response = await client.indices.getMapping({ index });
  const meta = Object.values(response)[0]?.mappings?._meta as Record<string, unknown> | undefined;
  const recorded = meta?.[MAPPING_META];
  return typeof recorded === "string" ? JSON.parse(recorded) as IndexMapping : null;
}

/** `{prefix}_{resource}_{n}` → `resource`. */
function resourceOfIndex(index: string, prefix: string): string {
  return index.slice(prefix.length + 1).replace(/_\d+$/, "");
}

/** How many index names `indexResources` remembers before it starts afresh. */
const MAX_REMEMBERED_INDEXES = 1000;

/**
 * `resourceOfIndex` for `prefix`, remembered per index name: every hit of a search names its
 * index, and a search's hits come from a few indexes, so the slice and the expression ran ~25
 * times per search for one or two answers (~3 µs of a 25-hit search). Bounded: rebuilds add
 * index names, and past `MAX_REMEMBERED_INDEXES` it forgets them all.
 */
export function indexResources(prefix: string): (index: string) => string {
  const resources = new Map<string, string>();
  return (index) => {
    let resource = resources.get(index);
    if (resource === undefined) {
      if (resources.size >= MAX_REMEMBERED_INDEXES) resources.clear();
      resources.set(index, resource = resourceOfIndex(index, prefix));
    }
    return resource;
  };
}

/** `{alias}_{n}` → `n`. */
export function indexNumber(index: string): number {
  return Number(index.slice(index.lastIndexOf("_") + 1));
}
