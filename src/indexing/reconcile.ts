/**
 * The reconciler: compares a resource's stored documents with its index by `_etag` and reports
 * (and, with `fix`, repairs) drift. Missing: stored, not indexed. Stale: indexed with another
 * etag. Orphan: indexed, no longer stored. Repairs copy what was just read from the store and
 * check it again (`store_copy.ts`); whatever a racing write left out of sync goes to the outbox,
 * and a document the engine refuses for good to the dead letters. Refused: dead letters whose
 * document is still not indexed as stored (they count among missing or stale); a dead letter
 * whose document is now indexed as stored is dropped by a repairing run.
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { Doc } from "../storage/document_store.ts";
import type { IndexingDeps } from "./indexing_deps.ts";
import { resourceMapping } from "./resource_mapping.ts";
import { type DeadLetter, SearchDeadLetters } from "./dead_letters.ts";
import { recordFailures } from "./record_failures.ts";
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
  /** Documents the engine refuses for good (dead letters), with its reasons. */
  refused: DeadLetter[];
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
  const report: DriftReport = {
    resource,
    stored: 0,
    missing: 0,
    stale: 0,
    orphan: 0,
    repaired: 0,
    refused: [],
  };
  if (fix) await deps.search.ensureIndex(resource, resourceMapping(definition));
  // Documents refused for good at their stored etag are not sent again (only an edit can help).
  const refusedAt = new Map(
    (await new SearchDeadLetters(deps.documents).list(resource)).map((l) => [l.doc_id, l.etag]),
  );
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
    const retry = drifted.filter((doc) => refusedAt.get(String(doc._id)) !== doc._etag);
    if (fix && retry.length) {
      report.repaired += await repair(deps, definition, { docs: retry, removed: [] });
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
  report.refused = await refusedNow(deps, definition, fix);
  return report;
}

/**
 * The resource's dead letters whose document is still not indexed as stored; with `settle`,
 * the others (indexed since, or deleted) are dropped.
 */
export async function refusedNow(
  deps: IndexingDeps,
  definition: ResourceDefinition,
  settle: boolean,
): Promise<DeadLetter[]> {
  const deadLetters = new SearchDeadLetters(deps.documents);
  const letters = await deadLetters.list(definition.name);
  if (!letters.length) return [];
  const ids = letters.map((letter) => letter.doc_id);
  const stored = await deps.documents.collection(definition.datasource.source).find(
    storeScope(definition, { _id: { $in: ids } }),
    { projection: { _id: 1, _etag: 1 } },
  );
  const etags = new Map(stored.map((doc) => [String(doc._id), doc._etag]));
  const indexed = await deps.search.getVersions(definition.name, ids);
  const settled = (id: string) =>
    etags.has(id) ? indexed.get(id) === etags.get(id) : !indexed.has(id);
  if (settle) await deadLetters.remove(definition.name, ids.filter(settled));
  return letters.filter((letter) => !settled(letter.doc_id));
}

/** Copies from the store and records what stays out of sync; returns how many were fixed. */
async function repair(
  deps: IndexingDeps,
  definition: ResourceDefinition,
  changes: { docs: Doc[]; removed: string[] },
): Promise<number> {
  const failures = await copyFromStore(deps, definition, changes);
  if (failures.size) {
    const etags = new Map(changes.docs.map((doc) => [String(doc._id), doc._etag]));
    await recordFailures(deps, definition.name, [...failures.values()], etags);
  }
  return changes.docs.length + changes.removed.length - failures.size;
}

/** True when the report shows any drift or refused document. */
export function hasDrift(report: DriftReport): boolean {
  return report.missing + report.stale + report.orphan + report.refused.length > 0;
}
