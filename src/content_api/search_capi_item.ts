/**
 * An item as the newsroom's `search_capi` shows it (Superdesk's `SearchService._map_item` and
 * `_map_associations`): the stored item, store fields and `subscribers` included, with its ninjs
 * codes named back as Superdesk's items name them (`service` → `anpa_category`, codes as
 * `{qcode, name}`, a `cwarn` signal as `flags.marked_for_legal`), and only the associations
 * published to the subscriber searched for (none when no subscriber is named), each mapped
 * the same way with its guid as `_id`.
 */
import { type Doc, isDoc } from "../storage/document_store.ts";

/** `doc` for a search of `subscriber`'s items (undefined: all subscribers'). */
export function searchCapiItem(doc: Doc, subscriber: string | undefined): Doc {
  const item = mapCodes({ ...doc });
  const associations: Doc = {};
  for (const [key, value] of Object.entries((doc.associations ?? {}) as Doc)) {
    if (!isDoc(value)) continue;
    const allowed = Array.isArray(value.subscribers) ? value.subscribers : [];
    if (subscriber === undefined || !allowed.includes(subscriber)) continue;
    const { subscribers: _, ...visible } = value;
    const mapped = mapCodes(visible);
    mapped._id = mapped.guid ?? mapped._id;
    associations[key] = mapped;
  }
  item.associations = associations;
  return item;
}

/** Superdesk's `_map_item`, on a copy the caller owns. */
function mapCodes(item: Doc): Doc {
  if (truthy(item.service)) {
    item.anpa_category = codes(item.service);
    delete item.service;
  }
  for (const field of ["subject", "genre", "place"]) {
    if (truthy(item[field])) item[field] = codes(item[field]);
  }
  if (truthy(item.signal)) {
    const legal = (item.signal as unknown[]).some((s) => isDoc(s) && s.code === "cwarn");
    item.flags = legal ? { marked_for_legal: true } : {};
  }
  return item;
}

/** Ninjs codes as `{qcode, name}`, empty values left out. */
function codes(list: unknown): Doc[] {
  return (list as unknown[]).filter(isDoc).map((cv) => {
    const out: Doc = {};
    if (cv.code) out.qcode = cv.code;
    if (cv.name) out.name = cv.name;
    return out;
  });
}

function truthy(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
