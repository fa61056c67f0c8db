/**
 * The media half of an archive save (Superdesk's `ArchiveService._handle_media_updates` and
 * `track_usage`): a picture's crops are checked and cut (`picture_crops.ts`), and so are those
 * of each picture association that names a stored item; a media item newly associated is
 * marked `used` (with `used_count` and `used_updated`). A crop on an item that is no picture
 * is refused (Superdesk stores it as given, uncut). The crop files of a save that is not stored
 * (refused, or beaten by a concurrent save) are removed unless another item refers to them
 * (`MediaReferences.unrefer`).
 */
import { BadRequestError } from "../errors.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { ItemHooks } from "../newsroom/item_hooks.ts";
import type { Doc } from "../storage/document_store.ts";
import { cropSizes } from "./crop_sizes.ts";
import type { MediaIntake } from "./media_intake.ts";
import type { MediaReferences } from "./media_references.ts";
import { checkPoiValue, makeCrops, validateCrops } from "./picture_crops.ts";

/** The hooks, for `archive`. */
export function cropHooks(
  archive: ArchiveService,
  intake: MediaIntake,
  references: MediaReferences,
): ItemHooks {
  // The crop files each save stored, removed when the save is not stored.
  const madeBy = new WeakMap<Doc, string[]>();
  return {
    media: true,
    async saveRefused(updates, original) {
      const made = madeBy.get(updates);
      madeBy.delete(updates);
      if (made?.length) await references.unrefer(String(original._id), made);
    },
    async beforeSave(updates, original, actor) {
      const made: string[] = [];
      madeBy.set(updates, made);
      checkPoiValue(updates);
      const renditions = objectOr(updates.renditions);
      const cropping = Object.values(renditions).some((r) => objectOr(r).CropLeft !== undefined);
      if (cropping && original.type !== "picture") {
        throw new BadRequestError("Only images can be cropped!", { issues: { type: "picture" } });
      }
      let sizes: Doc[] | undefined;
      const sizesOnce = async () => sizes ??= await cropSizes(archive.registry);
      // A `poi` alone moves the point on every rendition (`create_multiple_crops` runs on any
      // save of a picture).
      const moving = Object.keys(renditions).length > 0 || "poi" in updates;
      if (original.type === "picture" && moving) {
        validateCrops(updates, original, await sizesOnce());
        made.push(...await makeCrops(updates, original, { sizes: await sizesOnce(), intake }));
      }
      const associations = objectOr(updates.associations);
      const before = objectOr(original.associations);
      for (const [name, value] of Object.entries(associations)) {
        const association = objectOr(value);
        if (typeof association._id !== "string") continue;
        const stored = await archive.findOne({ _id: association._id }, actor);
        if (!stored) continue;
        if (association._id !== objectOr(before[name])._id) {
          await markUsed(archive, String(stored._id));
          association.used = true;
        }
        if (stored.type === "picture") {
          validateCrops(association, stored, await sizesOnce());
          made.push(
            ...await makeCrops(association, stored, { sizes: await sizesOnce(), intake }),
          );
        }
      }
    },
  };
}

/** `_update_usage`: the media item's `used`, `used_count` and `used_updated`. */
async function markUsed(archive: ArchiveService, id: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [item] = await archive.storedItems([id]);
    if (!item) return;
    const set = {
      used: true,
      used_count: Number(item.used_count ?? 0) + 1,
      used_updated: new Date(),
    };
    if (await archive.writeUnversioned(item, set)) return;
  }
}

function objectOr(value: unknown): Doc {
  return value && typeof value === "object" && !Array.isArray(value) ? value as Doc : {};
}
