/**
 * `index:rebuild`: fills a new concrete index from the store (the truth) in `_id` batches and
 * swaps the alias, with no downtime. Writes made meanwhile are not lost: the seam sends every
 * live write to the new index too, and the rebuild only creates documents that are absent
 * (see `src/search/search_index.ts`). On failure the new index is dropped and the live one kept.
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { IndexingDeps } from "./indexing_deps.ts";
import { resourceMapping } from "./resource_mapping.ts";
import { toSearchDoc } from "./search_doc.ts";
import { storeBatches } from "./store_batches.ts";
import { storeScope } from "./store_scope.ts";

/** Progress of a rebuild, reported after each batch. */
export interface RebuildProgress {
  resource: string;
  done: number;
  /** Stored documents counted at the start (writes meanwhile may change it). */
  total: number;
  elapsedMs: number;
}

/** Options of `rebuildIndex`. */
export interface RebuildOptions {
  batchSize?: number;
  /** Replaces a rebuild left open by a crashed process. */
  replace?: boolean;
  onProgress?: (progress: RebuildProgress) => void;
}

/** What a finished rebuild did. */
export interface RebuildResult {
  resource: string;
  documents: number;
  elapsedMs: number;
  /** The concrete index the alias now points at. */
  index: string;
}

/** Rebuilds the index of `definition` from the store and swaps the alias. */
export async function rebuildIndex(
  deps: IndexingDeps,
  definition: ResourceDefinition,
  { batchSize = 500, replace = false, onProgress }: RebuildOptions = {},
): Promise<RebuildResult> {
  const resource = definition.name;
  const started = performance.now();
  const total = await deps.documents.collection(definition.datasource.source).count(
    storeScope(definition),
  );
  const rebuild = await deps.search.beginRebuild(resource, resourceMapping(definition), {
    replace,
  });
  let done = 0;
  try {
    for await (const batch of storeBatches(deps.documents, definition, { batchSize })) {
      await rebuild.write(batch.map((doc) => toSearchDoc(definition, doc)));
      done += batch.length;
      onProgress?.({ resource, done, total, elapsedMs: performance.now() - started });
    }
    await rebuild.finish();
  } catch (error) {
    await rebuild.abort().catch((abortError) =>
      deps.log.warn("could not drop the unfinished index", { resource, error: abortError })
    );
    throw error;
  }
  return {
    resource,
    documents: done,
    elapsedMs: performance.now() - started,
    index: rebuild.target,
  };
}
