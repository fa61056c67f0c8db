/**
 * The reconciler: compares a resource's stored documents with its index by `_etag` and reports
 * (and, with `fix`, repairs) drift. Missing: stored, not indexed. Stale: indexed with another
 * etag. Orphan: indexed, no longer stored. Repairs copy what was just read from the store and
 * check it again (`store_copy.ts`); whatever a racing write left out of sync goes to the outbox.
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { Doc } from "../storage/document_store.ts";
import type { IndexingDeps } from "./indexing_deps.ts";
import { resourceMapping } from "./resource_mapping.ts";
import { SearchOutbox } from "./search_outbox.ts";
import { copyFromStore } from "./store_copy.ts";
import { storeBatches } from "./store_batches.ts";
import { storeScope } from "./store_scope.ts";

/** The drift of one resource. */
export interface DriftReport {
  resource: string;
  stored: number;
  missing: number;
  stale: number;
  orphan: number;
  /** Documents indexed or removed to repair the drift (0 without `fix`). */
  repaired: number;
}

/** Options of `checkDrift`. */
export interface DriftOptions {
  fix?: boolean;
  batchSize?: number;
}

/** Measures (and optionally repairs) the drift between store and index for `definition`. */
export async function checkDrift(
  deps: IndexingDeps,
  definition: ResourceDefinition,
  { fix = false, batchSize = 500 }: DriftOptions = {},
): Promise<DriftReport> {
  const resource = definition.name;
  const report: DriftReport = { resource, stored: 0, missing: 0, stale: 0, orphan: 0, repaired: 0 };
  if (fix) await deps.search.ensureIndex(resource, resourceMapping(definition));
  for await (const batch of storeBatches(deps.documents, definition, { batchSize })) {
    report.stored += batch.length;
    const versions = await deps.search.getVersions(resource, batch.map((doc) => String(doc._id)));
    const drifted = batch.filter((doc) => {
      const indexed = versions.get(String(doc._id));
      if (indexed === undefined) report.missing++;
      else if (indexed !== doc._etag) report.stale++;
      else return false;
      return true;
    });
    if (fix && drifted.length) {
      report.repaired += await repair(deps, definition, { docs: drifted, removed: [] });
    }
  }
  const collection = deps.documents.collection(definition.datasource.source);
  for await (const versions of deps.search.scanVersions(resource, { batchSize })) {
    const ids = versions.map((version) => version._id);
    const present = await collection.find(storeScope(definition, { _id: { $in: ids } }), {
      projection: { _id: 1 },
    });
    const stored = new Set(present.map((doc) => String(doc._id)));
    const orphans = ids.filter((id) => !stored.has(id));
    report.orphan += orphans.length;
    if (fix && orphans.length) {
      report.repaired += await repair(deps, definition, { docs: [], removed: orphans });
    }
  }
  return report;
}

/** Copies from the store; what stays out of sync goes to the outbox. Returns how many were fixed. */
async function repair(
  deps: IndexingDeps,
  definition: ResourceDefinition,
  changes: { docs: Doc[]; removed: string[] },
): Promise<number> {
  const failures = await copyFromStore(deps, definition, changes);
  if (failures.size) {
    await new SearchOutbox(deps.documents).record(
      definition.name,
      [...failures].map(([_id, reason]) => ({ _id, reason })),
    );
  }
  return changes.docs.length + changes.removed.length - failures.size;
}

/** True when the report shows any drift. */
export function hasDrift(report: DriftReport): boolean {
  return report.missing + report.stale + report.orphan > 0;
}
