/**
 * An item as a content API consumer gets it (Superdesk's `ItemsService._process_fetched_object`):
 * its `uri` (its URL at the consumer endpoint, `CONTENTAPI_URL`) instead of `_id`, without the store's own
 * fields (`_etag`, `_created`, `_updated`, `subscribers`, `ancestors` ...), with only the
 * associations published to the consumer's subscriber (their store's fields removed too), and the
 * consumer's `include_fields`/`exclude_fields` applied.
 */
import type { Doc } from "../storage/document_store.ts";
import { itemUri } from "./content_api_url.ts";
import { INTERNAL_FIELDS } from "./internal_fields.ts";

/** Fields consumers never get (Superdesk's `excluded_fields_from_response`). */
const EXCLUDED = ["_id", ...INTERNAL_FIELDS];

/** `doc` for `subscriber`; `baseUrl` is the consumer endpoint's (`CONTENTAPI_URL`). */
export function consumerItem(
  doc: Doc,
  subscriber: string,
  { baseUrl, include, exclude }: { baseUrl: string; include?: string[]; exclude?: string[] },
): Doc {
  const item: Doc = { ...doc, uri: itemUri(baseUrl, doc._id) };
  for (const field of EXCLUDED) delete item[field];
  const associations: Doc = {};
  for (const [key, value] of Object.entries((doc.associations ?? {}) as Doc)) {
    const assoc = value as Doc | null;
    const allowed = (assoc?.subscribers as string[] | undefined) ?? [];
    if (!assoc || !allowed.includes(subscriber)) continue;
    const visible: Doc = { ...assoc };
    for (const field of INTERNAL_FIELDS) delete visible[field];
    associations[key] = visible;
  }
  item.associations = associations;
  return withFieldLists(item, { include, exclude, kept: "uri" });
}

/**
 * `item` (changed in place) with only the `include`d fields, or without the `exclude`d ones
 * (Superdesk's `include_fields`/`exclude_fields` projection); `kept` always stays.
 */
export function withFieldLists(
  item: Doc,
  { include, exclude, kept }: { include?: string[]; exclude?: string[]; kept: string },
): Doc {
  if (include) {
    for (const key of Object.keys(item)) {
      if (key !== kept && !include.includes(key)) delete item[key];
    }
  }
  for (const key of exclude ?? []) if (key !== kept) delete item[key];
  return item;
}
