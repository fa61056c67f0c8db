/**
 * What a rundown copies from its items (Superdesk's `sync_items`): `duration`, the sum of the
 * referenced items' durations (an item referenced twice counts twice), and `items_data`, their
 * searchable text (`title`, `content`, `additional_notes`), so that searching rundowns finds them
 * by their items. A client's reference to an item that does not exist is a 400; when the items
 * of a stored rundown are copied again, an item deleted since counts for nothing.
 */
import { ValidationError } from "../errors.ts";
import type { Doc } from "../storage/document_store.ts";

/** The item fields copied for search. */
export const SEARCH_FIELDS = ["title", "content", "additional_notes"];
/** The item fields summed (Superdesk no longer sums `planned_duration`). */
export const DURATION_FIELDS = ["duration"];

/**
 * Sets `dest.duration` and `dest.items_data` from the items `refs` name; `load` reads items.
 * `strict`: a missing item is a 400 (a client's write), else it is left out.
 */
export async function syncItems(
  dest: Doc,
  refs: Array<{ _id: unknown }>,
  { load, strict }: { load: (ids: string[]) => Promise<Doc[]>; strict: boolean },
): Promise<void> {
  const ids = [...new Set(refs.map((ref) => String(ref._id)))];
  const byId = new Map((ids.length ? await load(ids) : []).map((doc) => [String(doc._id), doc]));
  const missing = ids.find((id) => !byId.has(id));
  if (strict && missing !== undefined) {
    throw new ValidationError({ items: `rundown item "${missing}" does not exist` });
  }
  dest.items_data = ids.flatMap((id) => {
    const item = byId.get(id);
    if (!item) return [];
    return SEARCH_FIELDS.filter((key) => item[key]).map((key) => ({
      _id: id,
      key,
      value: String(item[key]),
    }));
  });
  for (const key of DURATION_FIELDS) {
    dest[key] = refs.reduce((sum, ref) => {
      const value = byId.get(String(ref._id))?.[key];
      return sum + (typeof value === "number" ? value : 0);
    }, 0);
  }
}
