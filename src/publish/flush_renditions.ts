/**
 * Superdesk's `flush_renditions` (apps/archive/archive.py), run by a correction before its
 * media updates: an association that now names another picture (its original's href changed)
 * drops the custom renditions (crops) of the old one that the new one does not have, so that
 * merging the item's stored renditions back in (`makeCrops`) does not leave crops of the old
 * picture on the new one.
 */
import { type Doc, isDoc } from "../storage/document_store.ts";

/** Renditions every picture has; the others are crops. */
const DEFAULT_RENDITIONS = new Set(["original", "baseImage", "thumbnail", "viewImage"]);

/** Sets the stale crops of each changed association of `updates` to null (in place). */
export function flushRenditions(updates: Doc, original: Doc): void {
  if (!isDoc(updates.associations) || !isDoc(original.associations)) return;
  for (const [key, association] of Object.entries(updates.associations)) {
    const before = original.associations[key];
    if (!isDoc(association) || !isDoc(before)) continue;
    const renditions = association.renditions;
    const old = before.renditions;
    if (!isDoc(renditions) || !isDoc(old)) continue;
    const href = (value: unknown) => isDoc(value) ? value.href : undefined;
    if (!href(renditions.original) || !href(old.original)) continue;
    if (href(renditions.original) === href(old.original)) continue;
    for (const name of Object.keys(old)) {
      if (!DEFAULT_RENDITIONS.has(name) && !(name in renditions)) renditions[name] = null;
    }
  }
}
