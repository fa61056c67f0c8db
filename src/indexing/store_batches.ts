/**
 * Streams a resource's stored documents in `_id` order, one batch at a time (keyset paging, so
 * documents written meanwhile never shift a page), for rebuilds and drift checks.
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import { storeScope } from "./store_scope.ts";

/** Every document of `definition`'s index scope, `batchSize` at a time. */
export async function* storeBatches(
  documents: DocumentStore,
  definition: ResourceDefinition,
  { batchSize = 500 }: { batchSize?: number } = {},
): AsyncIterable<Doc[]> {
  const collection = documents.collection(definition.datasource.source);
  let after: unknown;
  for (;;) {
    const filter = storeScope(definition, after === undefined ? {} : { _id: { $gt: after } });
    const batch = await collection.find(filter, { sort: [["_id", 1]], limit: batchSize });
    if (!batch.length) return;
    yield batch;
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1]!._id;
  }
}
