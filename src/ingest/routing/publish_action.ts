/**
 * How a routing rule's publish action reaches publishing, which is another module: a function
 * the publishing module provides and `src/modules/core_apps.ts` passes to the ingest module.
 * Without one, publish destinations still receive the routed item and the provider reports that
 * it could not be published.
 */
import type { Config } from "../../config/config.ts";
import type { ResourceRegistry } from "../../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../../storage/document_store.ts";
import type { TaskQueue } from "../../tasks/task_queue.ts";

/** Publishes a routed archive item (its rule's targets are already on it). */
export type PublishRoutedItem = (
  item: Doc,
  deps: { registry: ResourceRegistry; queue: TaskQueue; documents: DocumentStore; config: Config },
) => Promise<void>;
