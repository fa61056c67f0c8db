/**
 * The inline half of indexing: after the document store accepted a write, the write path of a
 * search-backed resource copies it into the index (with the configured refresh policy, so a list
 * right after sees it). A failure never fails the write: the ids go to the durable outbox and a
 * drain task is enqueued (the periodic sweep covers a queue that is down too); a document the
 * engine refuses for good goes to the dead letters instead (`record_failures.ts`).
 */
import type { Logger } from "../log.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import {
  type SearchIndex,
  SearchIndexWriteError,
  type WriteFailure,
} from "../search/search_index.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import { toSearchDoc } from "./search_doc.ts";
import { recordFailures } from "./record_failures.ts";
import { OUTBOX_DRAIN_TASK } from "./search_outbox.ts";

/** The seams the inline sync uses (a `ServiceContext` has them). */
export interface SyncDeps {
  search: SearchIndex;
  documents: DocumentStore;
  queue: TaskQueue;
  log: Logger;
}

/** What changed: documents to (re)index and ids to remove. */
export interface SearchChanges {
  index?: Doc[];
  remove?: string[];
}

/** Delay of the retry enqueued after a failure (the engine is likely still down right now). */
const RETRY_DELAY_MS = 1_000;

/** Copies `changes` of `definition` into the index; records failures; never throws. */
export async function syncSearch(
  deps: SyncDeps,
  definition: ResourceDefinition,
  { index = [], remove = [] }: SearchChanges,
): Promise<void> {
  const failures: WriteFailure[] = [];
  const attempt = async (ids: string[], write: () => Promise<void>) => {
    if (!ids.length) return;
    try {
      await write();
    } catch (error) {
      if (error instanceof SearchIndexWriteError) failures.push(...error.failures);
      else failures.push(...ids.map((_id) => ({ _id, reason: String(error) })));
    }
  };
  const docs = index.map((doc) => toSearchDoc(definition, doc));
  await attempt(docs.map((doc) => doc._id), () => deps.search.index(definition.name, docs));
  await attempt(remove, () => deps.search.remove(definition.name, remove));
  if (!failures.length) return;
  deps.log.warn("index write failed; recorded", {
    resource: definition.name,
    count: failures.length,
    reason: failures[0]?.reason,
  });
  let retried: number;
  try {
    const etags = new Map(docs.map((doc) => [doc._id, doc._etag]));
    ({ retried } = await recordFailures(deps, definition.name, failures, etags));
  } catch (error) {
    // The store refused right after accepting the write: the reconciler is the last resort.
    deps.log.error("could not record index failures; the reconciler will repair them", {
      resource: definition.name,
      ids: failures.map((failure) => failure._id),
      error,
    });
    return;
  }
  if (!retried) return;
  try {
    await deps.queue.enqueue(OUTBOX_DRAIN_TASK, {}, {
      delay: RETRY_DELAY_MS,
      uniqueKey: OUTBOX_DRAIN_TASK,
    });
  } catch (error) {
    deps.log.warn("could not enqueue the outbox drain; the periodic sweep will run it", { error });
  }
}
