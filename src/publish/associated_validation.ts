/**
 * The validation of a story's associated items before a publishing action (the validator half
 * of Superdesk's `BasePublishService._validate_associated_items`, which runs whether or not the
 * action publishes them): each association naming an item, as the stored item with the
 * association's fields over it, is validated for the action with the validators of embedded
 * items, unless it has gone out already (published or corrected). Failures come back together
 * as Superdesk's `ValidationError` of a list, each named by the item's slugline and headline.
 */
import { BadRequestError } from "../errors.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";
import type { ItemValidator } from "./item_validator.ts";
import { pythonString } from "./publish_errors.ts";

/** Refuses the action when an associated item of `original` (with `updates`) fails `act`. */
export async function checkAssociatedItems(
  { archive, validator }: { archive: ArchiveService; validator: ItemValidator },
  act: string,
  { original, updates }: { original: Doc; updates: Doc },
): Promise<void> {
  if (original.type === "composite") return;
  const associations = {
    ...(isDoc(original.associations) ? original.associations : {}),
    ...(isDoc(updates.associations) ? updates.associations : {}),
  };
  const errors: string[] = [];
  for (const association of Object.values(associations)) {
    if (!isDoc(association) || !association._id) continue;
    const stored = await archive.findOne({ _id: String(association._id) }) ?? {};
    const state = String(stored.state ?? "published");
    if (state === "published" || state === "corrected") continue;
    const doc: Doc = { ...stored, ...association };
    const result = await validator.validate({
      act,
      type: String(doc.type ?? "text"),
      item: doc,
      embedded: true,
    });
    for (const error of result?.errors ?? []) {
      // Superdesk's `headline=True` validation, then its "Associated item" prefix.
      const named = `${doc.headline ?? doc._id}: ${error}`;
      errors.push(`Associated item ${doc.slugline ?? ""} ${named}`);
    }
  }
  if (errors.length > 0) {
    throw new BadRequestError(errors.join("; "), {
      issues: { "validator exception": `[${errors.map(pythonString).join(", ")}]` },
    });
  }
}
