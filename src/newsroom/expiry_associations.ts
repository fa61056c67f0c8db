/**
 * Which archive items associate a media item (what Superdesk's `media_references` hold and
 * content expiry reads in `_get_associated_items`): a picture, video, audio or graphic that a
 * live item still uses is kept, spiked or expired. We keep no such references, so a run reads
 * them once, by one pass over the items that have associations, and only when it meets a media
 * item.
 */
import type { ArchiveService } from "./archive_service.ts";

/** Superdesk's `MEDIA_TYPES`. */
export const MEDIA_TYPES: ReadonlySet<string> = new Set(["audio", "video", "picture", "graphic"]);

/** Ids of the archive items that associate item `mediaId` (itself excluded). */
export type AssociatedWith = (mediaId: string) => Promise<string[]>;

/** A lookup over `archive` as it is when first asked (one read per run). */
export function associationLookup(archive: ArchiveService): AssociatedWith {
  let index: Promise<Map<string, string[]>> | undefined;
  return async (mediaId) => {
    index ??= readIndex(archive);
    return ((await index).get(mediaId) ?? []).filter((id) => id !== mediaId);
  };
}

async function readIndex(archive: ArchiveService): Promise<Map<string, string[]>> {
  const index = new Map<string, string[]>();
  for (const item of await archive.withAssociations()) {
    const associations = item.associations;
    if (!associations || typeof associations !== "object") continue;
    for (const value of Object.values(associations)) {
      const id = (value as { _id?: unknown } | null)?._id;
      if (typeof id !== "string") continue;
      const users = index.get(id) ?? [];
      users.push(String(item._id));
      index.set(id, users);
    }
  }
  return index;
}
