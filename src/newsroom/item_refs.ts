/**
 * An item's `refs` (Superdesk's `update_refs` in `apps/archive/usage.py`): what its associations
 * embed, one entry per set association (`key`, `_id`, `uri`, `guid`, `type`, `source`), kept as
 * a list because association keys are free-form and cannot be queried. An association naming an
 * item by `_id` alone takes the rest from the stored item. `/api/links` searches them.
 */
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";

const FIELDS = ["uri", "guid", "type", "source"] as const;

/** The refs of `associations` (the item's, after the write). */
export async function itemRefs(archive: ArchiveService, associations: unknown): Promise<Doc[]> {
  if (!associations || typeof associations !== "object") return [];
  const refs: Doc[] = [];
  for (const [key, value] of Object.entries(associations as Doc)) {
    if (!value || typeof value !== "object" || Array.isArray(value)) continue;
    const association = value as Doc;
    const id = typeof association._id === "string" ? association._id : null;
    const stored = id && !association.guid ? (await archive.storedItems([id]))[0] ?? {} : {} as Doc;
    const ref: Doc = { key, _id: id };
    for (const field of FIELDS) {
      const found = association[field] ?? stored[field];
      ref[field] = typeof found === "string" ? found : null;
    }
    refs.push(ref);
  }
  return refs;
}

/** Sets `updates.refs` when the write changes the associations (the original's merged in). */
export async function refreshRefs(
  archive: ArchiveService,
  updates: Doc,
  original: Doc = {},
): Promise<void> {
  if (!("associations" in updates)) return;
  const before = original.associations && typeof original.associations === "object"
    ? original.associations as Doc
    : {};
  const merged = { ...before, ...(updates.associations as Doc | null ?? {}) };
  updates.refs = await itemRefs(archive, merged);
}
