/**
 * A restore, once every file is read and checked: writes every document once into a scratch
 * collection (`trial_write.ts`: what the engine refuses is a 400 before anything changes), erases the deployment's data with
 * prepopulate's erase (`src/prepopulate/erase_data.ts`: waiting tasks, search entries, every
 * collection, and the old sessions announced as ended so every process drops its cached actors
 * and closes their sockets), writes the dump's documents and the record's events, then rebuilds
 * the index of every search-backed resource from the store (`index:rebuild`: the store is the
 * truth; nothing of the old index is kept). Superdesk's `StorageRestore` + `StorageRestoreRecord` + `flush_elastic_index`.
 */
import { rebuildIndex } from "../indexing/rebuild_index.ts";
import { searchBackedDefinitions } from "../indexing/resource_mapping.ts";
import { ConflictError } from "../errors.ts";
import { eraseData } from "../prepopulate/erase_data.ts";
import { RESET_LOCK, RESET_LOCK_TTL_MS } from "../prepopulate/prepopulate.ts";
import { withLock } from "../tasks/lock.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { applyEvents, loadDump } from "./load_documents.ts";
import type { Dump } from "./read_dump.ts";
import type { RecordEvent } from "./read_record.ts";
import { shapeContext } from "./stored_shape.ts";
import { trialWrite } from "./trial_write.ts";

/** What to restore. */
export interface RestoreInput {
  dump?: Dump;
  events?: readonly RecordEvent[];
  /** Erase everything first (Superdesk's default; `--keep-existing` turns it off). */
  erase: boolean;
  /** Index the search-backed resources from the store afterwards (`--no-flush` turns it off). */
  reindex: boolean;
}

/** What a restore did. */
export interface RestoreResult {
  inserted: number;
  events: number;
  indexed: number;
}

/**
 * Runs `restoreData` under the reset lock prepopulate takes too; a ConflictError when another
 * process is resetting the data.
 */
export async function restoreUnderLock(
  ctx: ServiceContext,
  input: RestoreInput,
): Promise<RestoreResult> {
  const outcome = await withLock(
    ctx.locks,
    RESET_LOCK,
    RESET_LOCK_TTL_MS,
    () => restoreData(ctx, input),
  );
  if (!outcome.acquired) {
    throw new ConflictError("Cannot restore: another process is resetting the data; retry");
  }
  return outcome.value;
}

/** Runs a restore on the deployment `ctx` serves (the caller holds the gate and the lock). */
export async function restoreData(
  ctx: ServiceContext,
  { dump, events = [], erase, reindex }: RestoreInput,
): Promise<RestoreResult> {
  const shape = shapeContext(ctx.registry.definitions());
  await trialWrite(ctx.documents, dump, events, shape);
  if (erase) await eraseData(ctx);
  const inserted = dump ? await loadDump(ctx.documents, dump, shape) : 0;
  const applied = await applyEvents(ctx.documents, events, shape);
  let indexed = 0;
  if (reindex) {
    // A new index per resource, alias swapped: re-indexing into the old one would meet the
    // engine's delete tombstones (external versions) of the documents the erase removed. A
    // resource with no documents keeps its index, which the erase emptied (a new index costs
    // the engine about a second).
    for (const definition of searchBackedDefinitions(ctx.registry)) {
      const source = ctx.documents.collection(definition.datasource.source);
      if (!erase || (await source.count({})) > 0) {
        indexed += (await rebuildIndex(ctx, definition, { replace: true })).documents;
      }
    }
  }
  ctx.log.info("storage restored", { inserted, events: applied, indexed });
  return { inserted, events: applied, indexed };
}
