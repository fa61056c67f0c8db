/**
 * The technical title of a rundown item (Superdesk's `item_title`): prologues and
 * anchor-accompanied items (`PRLG`, `AACC`) are `TYPE-SHOW-TITLE[-CAMERAS]` upper-cased, the type
 * by its name in the `rundown_item_types` vocabulary, the title's spaces as dashes; other items
 * are their title upper-cased (with the cameras where a template names them).
 */
import type { Doc } from "../storage/document_store.ts";

/** Item types whose technical title names the show. */
const SHOW_TYPES = ["PRLG", "AACC"];

/** Whether `item`'s technical title names the show (so its show must be looked up). */
export function namesShow(item: Doc): boolean {
  return typeof item.item_type === "string" && SHOW_TYPES.includes(item.item_type.toUpperCase());
}

/** The item's title upper-cased (Superdesk's `item_title_fallback`). */
export function fallbackTitle(item: Doc): string {
  return typeof item.title === "string" ? item.title.toUpperCase() : "";
}

/**
 * The technical title of `item` of `show`; `typeName` names an item type (its qcode when the
 * vocabulary has no name); cameras are appended when `withCamera`.
 */
export function technicalTitle(
  item: Doc,
  { show, typeName, withCamera = true }: {
    show: Doc | null;
    typeName: (qcode: string) => string;
    withCamera?: boolean;
  },
): string {
  const cameras = withCamera && Array.isArray(item.camera) ? item.camera.map(String) : [];
  if (namesShow(item)) {
    const title = typeof item.title === "string" ? item.title.replaceAll(" ", "-") : "";
    return [typeName(String(item.item_type)), show?.shortcode, title, ...cameras]
      .filter((piece) => typeof piece === "string" && piece !== "").join("-").toUpperCase();
  }
  return [fallbackTitle(item), ...cameras].join("-");
}
