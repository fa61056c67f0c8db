/**
 * `Collection.setFieldsJson` as a compare-and-set on the stored `_etag`, spelled once for its
 * callers (a client's PATCH, the publish queue's state changes). The store's `change` can only
 * refuse by throwing, so the refusal is a private sentinel turned into a value here: each
 * caller answers a changed document its own way (a 412, or null).
 */
import type { Collection, Doc, Filter, JsonDoc, StoredHead } from "./document_store.ts";

/** What `setFieldsIfEtag` answers when the stored etag is not the one expected. */
export const ETAG_CHANGED: unique symbol = Symbol("etag changed");

const REFUSED = new Error("etag changed");

/**
 * Sets the fields `change` makes of the stored head in the one document matching `filter` of
 * `collection` (one that has `setFieldsJson`), when its `_etag` is `etag`: the new document as
 * `setFieldsJson` answers it, null when nothing matched, `ETAG_CHANGED` (nothing written) when
 * the stored etag differs.
 */
export async function setFieldsIfEtag(
  collection: Collection,
  filter: Filter,
  { etag, change }: { etag: unknown; change: (head: StoredHead) => Doc },
): Promise<JsonDoc | null | typeof ETAG_CHANGED> {
  try {
    return await collection.setFieldsJson!(filter, (head) => {
      if (head.etag !== etag) throw REFUSED;
      return change(head);
    });
  } catch (error) {
    if (error === REFUSED) return ETAG_CHANGED;
    throw error;
  }
}
