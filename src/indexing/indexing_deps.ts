/**
 * What the indexing machinery needs from a process: the document store (the truth), the search
 * index (the copy), the registry (definitions and services) and a logger. Both the platform and
 * a service context satisfy it, so HTTP, workers and CLI share one code path.
 */
import type { Logger } from "../log.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { SearchIndex } from "../search/search_index.ts";
import type { DocumentStore } from "../storage/document_store.ts";

/** The seams indexing reads and writes. */
export interface IndexingDeps {
  documents: DocumentStore;
  search: SearchIndex;
  registry: ResourceRegistry;
  log: Logger;
}
