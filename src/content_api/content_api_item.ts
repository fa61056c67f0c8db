/**
 * A published copy as the content API stores it (Superdesk's `content_api.publish`
 * `PublishService.publish`): the ninjs of the item with its guid as `_id`, dates as dates, the
 * ids of the subscribers it goes to, its associations each with the subscribers that may see
 * them, and `original_id` (the first story of an update chain; `evolvedfrom` links the story it
 * updates, whose `ancestors` it extends).
 */
import { epochMs } from "../epoch_ms.ts";
import { toNinjs } from "../publish/formatters/ninjs_formatter.ts";
import type { Doc } from "../storage/document_store.ts";

const DATES = ["versioncreated", "firstcreated", "firstpublished"] as const;

/** The stored document of `copy` for `subscribers`; `now` fills missing creation dates. */
export function contentApiItem(copy: Doc, subscribers: string[], now: Date): Doc {
  const { guid: _, ...ninjs } = toNinjs(copy);
  // A published copy has an id of its own: the item's guid, else the item's id, names it.
  const id = String(copy.guid ?? copy.item_id ?? copy._id);
  const doc: Doc = { ...ninjs, _id: id, original_id: id };
  for (const field of DATES) {
    const at = epochMs(copy[field]);
    if (Number.isNaN(at)) delete doc[field];
    else doc[field] = new Date(at);
  }
  doc.firstcreated ??= now;
  doc.versioncreated ??= now;
  const embargo = epochMs(copy.embargo);
  if (!Number.isNaN(embargo)) doc.embargoed = new Date(embargo);
  doc.subscribers = [...new Set(subscribers)];
  const associations: Doc = {};
  for (const [key, assoc] of Object.entries((copy.associations ?? {}) as Doc)) {
    if (!assoc || typeof assoc !== "object") continue;
    const own = (assoc as Doc).subscribers;
    associations[key] = {
      ...assoc as Doc,
      subscribers: Array.isArray(own) ? own.map(String) : [],
    };
  }
  doc.associations = associations;
  return doc;
}

/**
 * Superdesk's `_process_associations`: an association still the same item keeps the
 * subscribers it had; none keeps any that the item itself does not go to; one the item no longer
 * has is emptied (null).
 */
export function mergeAssociations(doc: Doc, original: Doc | null): void {
  const subscribers = new Set((doc.subscribers as string[] | undefined) ?? []);
  const associations = (doc.associations ?? {}) as Doc;
  const before = (original?.associations ?? {}) as Doc;
  for (const [key, value] of Object.entries(associations)) {
    if (!value) continue;
    const assoc = value as Doc;
    const previous = before[key] as Doc | null | undefined;
    const own = new Set((assoc.subscribers as string[] | undefined) ?? []);
    if (previous && String(previous._id) === String(assoc._id)) {
      for (const id of (previous.subscribers as string[] | undefined) ?? []) own.add(id);
    }
    assoc.subscribers = [...own].filter((id) => subscribers.has(id));
  }
  for (const key of Object.keys(before)) if (!(key in associations)) associations[key] = null;
  doc.associations = associations;
}
