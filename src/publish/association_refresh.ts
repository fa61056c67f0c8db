/**
 * The associations of a story's published copy refreshed from their items (Superdesk's
 * `_refresh_associated_items` with `skip_related`, run on the copy once the action has published
 * them): the content fields of Superdesk's default schema that an association lacks are taken
 * from its item as it is now, and all of them when the item has changed since it was
 * associated (a newer version). The fields an editor sets for the story's use (headline, byline,
 * alt text, caption, copyright, usage terms) stay the association's. A related item (a bare
 * reference) and an item gone are left as they are. With `COPY_METADATA_FROM_PARENT` a media
 * association takes the story's metadata instead (`withParentMetadata`).
 */
import { MEDIA_TYPES } from "../newsroom/expiry_referrers.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";

/** `DEFAULT_SCHEMA`'s fields less `PRESERVED_FIELDS` (apps/publish/content/common.py). */
const REFRESHED_FIELDS = [
  "keywords",
  "language",
  "slugline",
  "genre",
  "anpa_take_key",
  "place",
  "priority",
  "urgency",
  "anpa_category",
  "subject",
  "company_codes",
  "ednote",
  "authors",
  "sms",
  "abstract",
  "dateline",
  "body_html",
  "footer",
  "body_footer",
  "sign_off",
  "feature_media",
  "media_description",
  "attachments",
];

/** Superdesk's `FIELDS_TO_COPY_FOR_ASSOCIATED_ITEM` (apps/archive/common.py). */
const PARENT_FIELDS = [
  "anpa_category",
  "subject",
  "slugline",
  "urgency",
  "priority",
  "footer",
  "abstract",
  "genre",
];

/**
 * `associations` with each media association naming an item given the story's metadata (those
 * of `PARENT_FIELDS` the story has) over its own (`COPY_METADATA_FROM_PARENT`); new objects.
 */
export function withParentMetadata(story: Doc, associations: Doc): Doc {
  const out: Doc = {};
  for (const [key, association] of Object.entries(associations)) {
    if (!isMediaAssociation(association)) {
      out[key] = association;
      continue;
    }
    const copied: Doc = out[key] = { ...association };
    for (const field of PARENT_FIELDS) if (isFilled(story[field])) copied[field] = story[field];
  }
  return out;
}

/**
 * `associations` with each one naming an item refreshed from it (new objects); with `keepMedia`
 * (`COPY_METADATA_FROM_PARENT`: they hold their story's metadata, `withParentMetadata`), media
 * associations as they are.
 */
export async function refreshedAssociations(
  archive: ArchiveService,
  associations: Doc,
  { keepMedia = false }: { keepMedia?: boolean } = {},
) {
  const out: Doc = {};
  for (const [key, association] of Object.entries(associations)) {
    out[key] = association;
    if (!isDoc(association) || !association._id || Object.keys(association).length <= 2) continue;
    if (keepMedia && isMediaAssociation(association)) continue;
    const item = await archive.findOne({ _id: String(association._id) });
    if (!item) continue;
    const versions = [item._current_version, association._current_version];
    const compared = versions.every((version) => version !== undefined && version !== null);
    const overwrite = !compared || Number(versions[0]) > Number(versions[1]);
    const refreshed: Doc = { ...association };
    for (const field of REFRESHED_FIELDS) {
      if (!isFilled(item[field])) continue;
      if (overwrite || !(field in refreshed)) refreshed[field] = item[field];
    }
    out[key] = refreshed;
  }
  return out;
}

/** Whether `association` names a media item (picture, graphic, audio, video). */
function isMediaAssociation(association: unknown): association is Doc {
  return isDoc(association) && Boolean(association._id) &&
    MEDIA_TYPES.has(String(association.type));
}

/** Python's truthiness for a stored value. */
function isFilled(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isDoc(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}
