/**
 * What every service receives: the storage seams, the registry (to reach other services, as
 * Superdesk's `get_resource_service`), the notifier and configuration. Built once per process
 * (or worker thread) by the CLI.
 */
import type { Config } from "../config/config.ts";
import type { Logger } from "../log.ts";
import type { DocumentStore } from "../storage/document_store.ts";
import type { Notify } from "./notifier.ts";
import type { ResourceRegistry } from "./resource_registry.ts";

export interface ServiceContext {
  config: Readonly<Config>;
  log: Logger;
  documents: DocumentStore;
  notify: Notify;
  registry: ResourceRegistry;
}
