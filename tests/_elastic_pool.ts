/**
 * Elasticsearch index prefixes that a closed test app left untouched, handed to the next test app
 * of the same configuration. Creating and deleting an index is the dearest step of an engines
 * test (about 60 ms of Elasticsearch CPU each, five search-backed resources per app, over a
 * thousand apps per run); an index that was never written is what a fresh one would be (the same
 * mapping, settings and alias, no documents, no tombstones of deleted versions), so it is kept.
 * An index that was written is deleted as before, and the next app creates it again at start
 * (`ensureSearchIndexes` creates the missing ones); anything unexpected under the prefix (a
 * rebuild's second index, a moved alias) deletes the whole prefix. What is left in the pool is
 * deleted after the test file.
 */
import { deleteElasticIndices, dropElasticIndices, uniqueName } from "./_engines.ts";

/** Pooled prefixes by configuration key, with the Elasticsearch they live on. */
const pool = new Map<string, { url: string; prefixes: string[] }>();

Deno.test.afterAll(async () => {
  for (const { url, prefixes } of pool.values()) {
    for (const prefix of prefixes.splice(0)) await dropElasticIndices(prefix, url);
  }
});

/** A prefix for an app configured by `key`: a pooled one, or a new unique name. */
export function takePrefix(key: string): string {
  return pool.get(key)?.prefixes.pop() ?? uniqueName("engines");
}

/**
 * Deletes the written indexes of `prefix` on `url` and pools the prefix for `key`, or deletes
 * every index of the prefix when they are not the app's own (`{prefix}_{resource}_1`, each the
 * one target of its alias `{prefix}_{resource}`).
 */
export async function recyclePrefix(url: string, prefix: string, key: string): Promise<void> {
  const [stats, aliases] = await Promise.all([
    getJson<{ indices?: Record<string, { primaries?: { indexing?: IndexingStats } }> }>(
      `${url}/${prefix}_*/_stats/indexing?level=indices`,
    ),
    getJson<Array<{ alias: string; index: string }>>(`${url}/_cat/aliases/${prefix}_*?format=json`),
  ]);
  const indices = Object.entries(stats.indices ?? {});
  const own = indices.every(([index]) => {
    const alias = index.endsWith("_1") ? index.slice(0, -2) : undefined;
    return aliases.filter((row) => row.index === index).map((row) => row.alias).join() === alias;
  }) && aliases.length === indices.length;
  if (!own) return await dropElasticIndices(prefix, url);
  const written = indices.filter(([, { primaries }]) => touched(primaries?.indexing))
    .map(([index]) => index);
  await deleteElasticIndices(url, written);
  const entry = pool.get(key) ?? { url, prefixes: [] };
  entry.prefixes.push(prefix);
  pool.set(key, entry);
}

interface IndexingStats {
  index_total?: number;
  delete_total?: number;
  index_failed?: number;
}

function touched(stats: IndexingStats | undefined): boolean {
  if (!stats) return true;
  return (stats.index_total ?? 0) + (stats.delete_total ?? 0) + (stats.index_failed ?? 0) > 0;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return await response.json() as T;
}
