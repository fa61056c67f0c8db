/**
 * The derived unique keys (`derivedFields`) of restored documents, kept only where free. Superdesk
 * checks `iunique` names on API writes alone, so its dump may hold two highlights whose names
 * differ only in case; our collections index the hidden key as unique. The first document of a
 * key keeps it (the name stays taken for new writes), a later one is stored without it, so the
 * restore neither fails half-way nor drops a document.
 */
import type { Collection, Doc } from "../storage/document_store.ts";

/** `doc` (stored shape, `derive`'s fields set) without the derived fields another holds. */
export async function withFreeKeys(
  collection: Collection,
  doc: Doc,
  derive: ((doc: Doc) => Doc) | undefined,
  claimed: Set<string> = new Set(),
): Promise<Doc> {
  if (!derive) return doc;
  const out = { ...doc };
  for (const [field, value] of Object.entries(derive(doc))) {
    const claim = `${field}\u0000${String(value)}`;
    if (claimed.has(claim) || await heldByAnother(collection, field, value, doc._id)) {
      delete out[field];
    } else claimed.add(claim);
  }
  return out;
}

/**
 * Sets again, after a partial update of document `id` (`before` it), the fields `derive` takes
 * from it: each one another document holds, or the document no longer gives (its name removed),
 * is removed from it instead (its old key must not linger).
 */
export async function rederive(
  collection: Collection,
  id: string,
  derive: ((doc: Doc) => Doc) | undefined,
  before: Doc | null,
): Promise<void> {
  if (!derive) return;
  const doc = await collection.findOne({ _id: id });
  if (!doc) return;
  const $set: Doc = {};
  const stale = new Set(Object.keys(before ? derive(before) : {}));
  for (const [field, value] of Object.entries(derive(doc))) {
    if (await heldByAnother(collection, field, value, id)) continue;
    $set[field] = value;
    stale.delete(field);
  }
  if (Object.keys($set).length > 0) await collection.updateOne({ _id: id }, { $set });
  if (stale.size > 0) await collection.updateOne({ _id: id }, { $unset: [...stale] });
}

async function heldByAnother(collection: Collection, field: string, value: unknown, id: unknown) {
  return (await collection.findOne({ [field]: value, _id: { $ne: id } })) !== null;
}
