/**
 * Cursor (keyset) pagination: `?cursor=` pages through a collection by `_id` with an index
 * range instead of skipping, so page 10,000 costs what page 1 does. The cursor is opaque to
 * clients: base64url of the UTF-8 JSON naming the last `_id` seen (any string id, not only Latin-1).
 */
import { BadRequestError } from "../errors.ts";
import { decodeBase64Url, encodeBase64Url } from "../text/base64.ts";
import type { Filter, Sort } from "../storage/document_store.ts";

/** Where a cursor page starts and which way it goes. */
export interface CursorPage {
  /** The last `_id` of the previous page; absent on the first page. */
  after?: string;
  direction: 1 | -1;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Encodes the cursor that continues after `id`. */
export function encodeCursor(id: string): string {
  return encodeBase64Url(new TextEncoder().encode(JSON.stringify({ id })));
}

/** Decodes `?cursor=` (empty means the first page); a forged or corrupt value is a 400. */
export function decodeCursor(raw: string, sort: Sort | undefined): CursorPage {
  if (sort && (sort.length !== 1 || sort[0]![0] !== "_id")) {
    throw new BadRequestError(`Cursor pagination orders by "_id"; use sort=_id or sort=-_id`);
  }
  const direction = sort?.[0]?.[1] ?? 1;
  if (raw === "") return { direction };
  try {
    const { id } = JSON.parse(STRICT_UTF8.decode(decodeBase64Url(raw)));
    if (typeof id !== "string") throw new Error("no id");
    return { after: id, direction };
  } catch {
    throw new BadRequestError(`Invalid "cursor": ${raw}`);
  }
}

/** The range filter and sort of a cursor page. */
export function cursorQuery(page: CursorPage): { filter?: Filter; sort: Sort } {
  const sort: Sort = [["_id", page.direction]];
  if (page.after === undefined) return { sort };
  return { filter: { _id: { [page.direction === 1 ? "$gt" : "$lt"]: page.after } }, sort };
}
