/**
 * Copies documents read from the store into the index (and removes ids the store no longer
 * has), then checks the store again: a document written meanwhile may have been indexed by its
 * own request before this older copy landed, so any id whose etag moved (or that appeared or
 * vanished) is reported as a failure for the outbox to retry, never left stale. Used by the
 * outbox drain and the reconciler. Failures keep the engine's `permanent` mark.
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { SearchIndexWriteError, type WriteFailure } from "../search/search_index.ts";
import type { Doc } from "../storage/document_store.ts";
import type { IndexingDeps } from "./indexing_deps.ts";
import { toSearchDoc } from "./search_doc.ts";
import { storeScope } from "./store_scope.ts";

/** Reason recorded for ids that changed in the store while being copied. */
export const CHANGED_MEANWHILE = "changed in the store while being indexed";

/** Writes `docs` and removes `removed`; returns id → failure for every id not left in sync. */
export async function copyFromStore(
  deps: IndexingDeps,
  definition: ResourceDefinition,
  { docs, removed }: { docs: Doc[]; removed: string[] },
): Promise<Map<string, WriteFailure>> {
  const failures = new Map<string, WriteFailure>();
  const searchDocs = docs.map((doc) => toSearchDoc(definition, doc));
  await collect(failures, searchDocs.length, () => deps.search.index(definition.name, searchDocs));
  await collect(failures, removed.length, () => deps.search.remove(definition.name, removed));
  const ids = [...searchDocs.map((doc) => doc._id), ...removed];
  if (!ids.length) return failures;
  const now = await deps.documents.collection(definition.datasource.source).find(
    storeScope(definition, { _id: { $in: ids } }),
    { projection: { _id: 1, _etag: 1 } },
  );
  const current = new Map(now.map((doc) => [String(doc._id), doc._etag]));
  const changed = (_id: string) => ({ _id, reason: CHANGED_MEANWHILE });
  for (const doc of searchDocs) {
    if (current.get(doc._id) !== doc._etag && !failures.has(doc._id)) {
      failures.set(doc._id, changed(doc._id));
    }
  }
  for (const id of removed) {
    if (current.has(id) && !failures.has(id)) failures.set(id, changed(id));
  }
  return failures;
}

async function collect(
  failures: Map<string, WriteFailure>,
  count: number,
  write: () => Promise<void>,
) {
  if (!count) return;
  try {
    await write();
  } catch (error) {
    if (!(error instanceof SearchIndexWriteError)) throw error;
    for (const failure of error.failures) failures.set(failure._id, failure);
  }
}
