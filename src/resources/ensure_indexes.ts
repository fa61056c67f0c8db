/**
 * Creates the indexes every registered resource declares (its `indexes`, a unique index per
 * `uniqueFields` entry, and the versions index), idempotently, at start.
 */
import type { DocumentStore } from "../storage/document_store.ts";
import type { ResourceRegistry } from "./resource_registry.ts";

export async function ensureResourceIndexes(
  registry: ResourceRegistry,
  documents: DocumentStore,
): Promise<void> {
  for (const service of registry.services()) {
    const { datasource, indexes, uniqueFields } = service.definition;
    const unique = uniqueFields.map((field) => ({
      name: `unique_${field}`,
      keys: { [field]: 1 as const },
      unique: true,
    }));
    await documents.collection(datasource.source).ensureIndexes([...indexes, ...unique]);
    await service.versions?.ensureIndexes();
  }
}
