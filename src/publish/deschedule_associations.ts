/**
 * Descheduling a story with `PUBLISH_ASSOCIATED_ITEMS` deschedules the associated items
 * publishing scheduled with it (Superdesk's `deschedule_item`): each scheduled one is saved
 * without its schedule by the same user (its own deschedule), and the story's association takes
 * the item as it then is, without a schedule.
 */
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";

/** Deschedules the scheduled items `original` associates; their new state goes in `updates`. */
export async function descheduleAssociations(
  archive: ArchiveService,
  { updates, original, actor }: { updates: Doc; original: Doc; actor: Actor },
): Promise<void> {
  const associations = asDoc(original.associations);
  const changed: Doc = {};
  for (const [key, association] of Object.entries(associations)) {
    const id = asDoc(association)._id;
    if (typeof id !== "string") continue;
    const stored = await archive.findOne({ _id: id });
    if (stored?.state !== "scheduled") continue;
    await archive.update(id, { publish_schedule: null }, { actor, etag: String(stored._etag) });
    const item = await archive.findOne({ _id: id });
    if (!item) continue;
    const { _etag, _links, ...fields } = archive.toPublic(item);
    changed[key] = { ...fields, publish_schedule: null, schedule_settings: {} };
  }
  if (Object.keys(changed).length === 0) return;
  updates.associations = { ...associations, ...asDoc(updates.associations), ...changed };
}

function asDoc(value: unknown): Doc {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Doc : {};
}
