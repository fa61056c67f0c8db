/**
 * What every service receives: the storage seams, the registry (to reach other services, as
 * Superdesk's `get_resource_service`), the notifier and configuration. Built once per process
 * (or worker thread) by the CLI.
 */
import type { AppEvents } from "./app_events.ts";
import type { SearchIndex } from "../search/search_index.ts";
import type { Config } from "../config/config.ts";
import type { Logger } from "../log.ts";
import type { DocumentStore } from "../storage/document_store.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import type { Notify } from "./notifier.ts";
import type { ResourceRegistry } from "./resource_registry.ts";

export interface ServiceContext {
  config: Readonly<Config>;
  log: Logger;
  documents: DocumentStore;
  /** The search index (lists of search-backed resources, /api/search). */
  search: SearchIndex;
  notify: Notify;
  /** In-process events between modules (e.g. `session:end`). */
  events: AppEvents;
  /** Enqueues background tasks (`queue.enqueue(task, args, options)`). */
  queue: TaskQueue;
  registry: ResourceRegistry;
}
