/**
 * The retry half of indexing: takes due outbox entries, re-reads each document from the store
 * (the truth) and indexes it, or removes it from the index when the store no longer has it.
 * Entries that still fail stay, with `attempts` incremented and the next attempt pushed back
 * exponentially; a document the engine refuses for good leaves the outbox for the dead letters. Run by the `search:outbox-drain` task (enqueued after a failure and
 * by a periodic sweep); safe to run concurrently, since every step is idempotent.
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { WriteFailure } from "../search/search_index.ts";
import { SearchDeadLetters } from "./dead_letters.ts";
import type { IndexingDeps } from "./indexing_deps.ts";
import { resourceMapping } from "./resource_mapping.ts";
import { type OutboxEntry, SearchOutbox } from "./search_outbox.ts";
import { copyFromStore } from "./store_copy.ts";
import { storeScope } from "./store_scope.ts";

/** What one drain did. */
export interface DrainResult {
  indexed: number;
  removed: number;
  /** Entries postponed because the write still failed. */
  failed: number;
  /** Entries moved to the dead letters: the engine refuses the document for good. */
  refused: number;
}

/** Options of `drainOutbox`. */
export interface DrainOptions {
  batchSize?: number;
  /** Stops after this many batches (the next run continues). */
  maxBatches?: number;
  /** The longest wait before an entry's next retry (config `SEARCH_OUTBOX_RETRY_MAX_SECONDS`). */
  retryMaxMs?: number;
}

/** Retries every due entry once; returns the counts. Never throws for engine failures. */
export async function drainOutbox(
  deps: IndexingDeps,
  { batchSize = 500, maxBatches = 20, retryMaxMs }: DrainOptions = {},
): Promise<DrainResult> {
  const outbox = new SearchOutbox(deps.documents);
  const result: DrainResult = { indexed: 0, removed: 0, failed: 0, refused: 0 };
  const deadLetters = new SearchDeadLetters(deps.documents);
  // Entries due when the run starts: one postponed during this run waits for the next run.
  const startedAt = new Date();
  for (let batch = 0; batch < maxBatches; batch++) {
    const entries = await outbox.due(startedAt, batchSize);
    if (!entries.length) break;
    const byResource = Map.groupBy(entries, (entry) => entry.resource);
    for (const [resource, group] of byResource) {
      const definition = deps.registry.definitions().find((d) => d.name === resource);
      const outcome = definition
        ? await retryGroup(deps, definition, group)
        : { failures: failAll(group, "resource not registered") };
      for (const entry of group) {
        const failure = outcome.failures.get(entry.doc_id);
        if (failure === undefined) {
          await outbox.settle(entry);
          if (outcome.removed?.has(entry.doc_id)) result.removed++;
          else result.indexed++;
        } else if (failure.permanent) {
          const etag = outcome.etags?.get(entry.doc_id);
          await deadLetters.record(resource, [{
            _id: entry.doc_id,
            reason: failure.reason,
            etag: typeof etag === "string" ? etag : null,
          }]);
          await outbox.settle(entry);
          result.refused++;
        } else {
          await outbox.postpone(entry, failure.reason, { maxMs: retryMaxMs });
          result.failed++;
        }
      }
    }
  }
  if (result.failed) deps.log.warn("outbox drain left entries for later", { ...result });
  if (result.refused) {
    deps.log.error("the search engine refuses documents for good; see index:check", {
      ...result,
    });
  }
  return result;
}

/** Re-reads and writes one resource's entries; returns the ids that failed, with reasons. */
async function retryGroup(
  deps: IndexingDeps,
  definition: ResourceDefinition,
  entries: OutboxEntry[],
): Promise<
  {
    failures: Map<string, WriteFailure>;
    removed?: Set<string>;
    etags?: Map<string, unknown>;
  }
> {
  const ids = entries.map((entry) => entry.doc_id);
  try {
    await deps.search.ensureIndex(definition.name, resourceMapping(definition));
    const docs = await deps.documents.collection(definition.datasource.source).find(
      storeScope(definition, { _id: { $in: ids } }),
    );
    const present = new Set(docs.map((doc) => String(doc._id)));
    const removed = new Set(ids.filter((id) => !present.has(id)));
    const failures = await copyFromStore(deps, definition, { docs, removed: [...removed] });
    return { failures, removed, etags: new Map(docs.map((doc) => [String(doc._id), doc._etag])) };
  } catch (error) {
    return { failures: failAll(entries, error instanceof Error ? error.message : String(error)) };
  }
}

function failAll(entries: OutboxEntry[], reason: string): Map<string, WriteFailure> {
  return new Map(entries.map((e) => [e.doc_id, { _id: e.doc_id, reason }]));
}
