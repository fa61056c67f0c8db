/**
 * Superdesk's `_update_picture_metadata`: with `PICTURE_METADATA_MAPPING` set, a picture's
 * publishing action writes the mapped fields into its original's file (XMP and IPTC,
 * `jpeg_photo_metadata.ts`), stores the result as a new file and points the original rendition
 * at it, so the published copy and what subscribers fetch carry the metadata. A file unchanged,
 * missing, or that is not a JPEG stays as it is.
 */
import { JpegMetadataError, writePhotoMetadata } from "../media/jpeg_photo_metadata.ts";
import type { MediaStorage } from "../media/media_storage.ts";
import { metadataFromItem } from "../media/photo_metadata.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";

/** Writes a picture's metadata into its file on publish. */
export interface PictureMetadataUpdate {
  /**
   * Sets `updates.renditions` (and `next`'s) to a file with `next`'s metadata; answers how to
   * undo it (the new file removed) when the action is not stored.
   */
  apply(updates: Doc, next: Doc): Promise<() => Promise<void>>;
}

/** The update over `storage`, files served at `href(id)`, fields mapped by `mapping`. */
export function pictureMetadataUpdate(
  storage: MediaStorage,
  { mapping, href }: { mapping: Readonly<Record<string, string>>; href: (id: string) => string },
): PictureMetadataUpdate {
  const nothing = () => Promise.resolve();
  return {
    async apply(updates, next) {
      const renditions = next.renditions;
      const original = isDoc(renditions) && isDoc(renditions.original)
        ? renditions.original
        : undefined;
      const media = original?.media;
      if (next.type !== "picture" || Object.keys(mapping).length === 0) return nothing;
      if (typeof media !== "string" || media === "") return nothing;
      const file = await storage.get(media);
      if (!file) return nothing;
      const bytes = await new Response(file.body()).bytes();
      let written: Uint8Array;
      try {
        written = writePhotoMetadata(bytes, metadataFromItem(next, mapping));
      } catch (error) {
        if (error instanceof JpegMetadataError) return nothing;
        throw error;
      }
      if (written === bytes) return nothing;
      const info = await storage.put(written, {
        contentType: file.contentType,
        filename: file.filename,
      });
      const changed = structuredClone(renditions) as Doc;
      changed.original = { ...original, media: info._id, href: href(info._id) };
      updates.renditions = changed;
      next.renditions = changed;
      return async () => {
        await storage.delete(info._id);
      };
    },
  };
}
