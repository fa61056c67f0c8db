/**
 * `index:rebuild`: fills a new concrete index from the store (the truth) in `_id` batches and
 * swaps the alias, with no downtime. Writes made meanwhile are not lost: the seam sends every
 * live write to the new index too, and the rebuild only creates documents that are absent
 * (see `src/search/search_index.ts`). A document the engine refuses for good is recorded in
 * the dead letters and the rebuild goes on; it reports how many. On any other failure the new
 * index is dropped and the live one kept.
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { SearchIndexWriteError } from "../search/search_index.ts";
import type { IndexingDeps } from "./indexing_deps.ts";
import { refusedNow } from "./reconcile.ts";
import { recordFailures } from "./record_failures.ts";
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
  /** Documents the engine refused for good (now in the dead letters; see `index:check`). */
  refused: number;
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
  let refused = 0;
  try {
    for await (const batch of storeBatches(deps.documents, definition, { batchSize })) {
      const docs = batch.map((doc) => toSearchDoc(definition, doc));
      try {
        await rebuild.write(docs);
      } catch (error) {
        if (!refusedForGood(error)) throw error;
        const etags = new Map(docs.map((doc) => [doc._id, doc._etag]));
        refused += (await recordFailures(deps, resource, error.failures, etags)).refused;
      }
      done += batch.length;
      onProgress?.({ resource, done, total, elapsedMs: performance.now() - started });
    }
    await rebuild.finish();
    await refusedNow(deps, definition, true);
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
    refused,
  };
}

/** A write error whose every failure is a document the engine refuses for good. */
function refusedForGood(error: unknown): error is SearchIndexWriteError {
  return error instanceof SearchIndexWriteError && !error.unavailable &&
    error.failures.length > 0 && error.failures.every((f) => f.permanent);
}
