/**
 * Newsroom NINJS (Superdesk's `NewsroomNinjsFormatter`, `ninjs_newsroom_formatter.py`): the
 * NINJS of `ninjs_formatter.ts` for Superdesk Newsroom, with `products` (the products that take
 * the item, `{code, name}`), the item's `refs`, and, for an item published automatically from
 * ingest (or whose `extra.publish_ingest_id_as_guid` asks for it), the agency's guid and version
 * (`ingest_id`, `ingest_version`) as `guid` and `version`. A picture goes with its original and
 * `viewImage`/`baseImage` renditions and its crops, not its thumbnail. Not offered for preview or
 * export, as in Superdesk.
 */
import type { Doc } from "../../storage/document_store.ts";
import type { FormatContext, Formatted, Formatter } from "./formatter.ts";
import { toNinjs } from "./ninjs_formatter.ts";

/** Superdesk Newsroom's NINJS of `item`, naming `products`. */
export function toNewsroomNinjs(
  item: Doc,
  { rights = [], products = [] }: { rights?: readonly Doc[]; products?: readonly Doc[] } = {},
): Doc {
  const ninjs = toNinjs(item, { rights });
  const extra = (item.extra ?? {}) as Doc;
  if (item.ingest_id && (item.auto_publish || extra.publish_ingest_id_as_guid)) {
    ninjs.guid = ninjs.uri = item.ingest_id;
    if (item.ingest_version) ninjs.version = String(item.ingest_version);
  }
  if (item.type === "picture" && ninjs.renditions) delete (ninjs.renditions as Doc).thumbnail;
  ninjs.products = products;
  if (Array.isArray(item.refs) && item.refs.length > 0) ninjs.refs = item.refs;
  return ninjs;
}

/** The `newsroom ninjs` formatter. */
export const newsroomNinjsFormatter: Formatter = {
  type: "newsroom ninjs",
  name: "NewsroomNinjsFormatter",
  label: "Newsroom NINJS",
  canPreview: false,
  canExport: false,
  itemOnly: true,
  namesProducts: true,
  canFormat: () => true,
  format(item: Doc, { rights, products }: FormatContext): Formatted {
    return {
      text: JSON.stringify(toNewsroomNinjs(item, { rights, products })),
      mimeType: "application/json",
      extension: "json",
    };
  },
};
