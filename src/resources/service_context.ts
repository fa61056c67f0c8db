/**
 * What every service receives: the storage seams, the registry (to reach other services, as
 * Superdesk's `get_resource_service`), the notifier and configuration. Built once per process
 * (or worker thread) by the CLI.
 */
import type { SearchIndex } from "../search/search_index.ts";
import type { Config } from "../config/config.ts";
import type { Logger } from "../log.ts";
import type { MediaStorage } from "../media/media_storage.ts";
import type { Signals } from "../signals/signals.ts";
import type { DocumentStore } from "../storage/document_store.ts";
import type { LockService } from "../tasks/lock.ts";
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
  /** In-process signals between apps (`item:updated`, `session:end`, ...). */
  signals: Signals;
  /** Enqueues background tasks (`queue.enqueue(task, args, options)`). */
  queue: TaskQueue;
  /** Single-flight locks across processes (`withLock`), stored with the queue. */
  locks: LockService;
  registry: ResourceRegistry;
  /** Binaries of uploads and media items (Superdesk's `app.media`). */
  media: MediaStorage;
}
