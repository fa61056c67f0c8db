/** The media ids a document holds: its `media` and each rendition's `media`. */
import type { Doc } from "../storage/document_store.ts";
import { isMediaId } from "./media_storage.ts";

/** The stored binaries `doc` (an upload or an item) refers to. */
export function mediaIdsOf(doc: Doc): string[] {
  const ids = new Set<string>();
  if (typeof doc.media === "string" && isMediaId(doc.media)) ids.add(doc.media);
  const renditions = doc.renditions;
  if (renditions && typeof renditions === "object") {
    for (const rendition of Object.values(renditions as Record<string, unknown>)) {
      const media = (rendition as Doc | null)?.media;
      if (typeof media === "string" && isMediaId(media)) ids.add(media);
    }
  }
  return [...ids];
}
