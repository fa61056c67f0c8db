/**
 * Superdesk's `ImportLegalArchiveCommand`: imports into the legal archive every item whose
 * published copies expired without being imported, and every item content expiry held back
 * (`expiry_status: invalid`), forces their queue entries in, then lets those items expire again.
 */
import type { Logger } from "../log.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { PublishedService } from "../publish/published_service.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { importItem, importQueueEntries } from "./legal_import.ts";

/** Returns the ids of the items imported. */
export async function importExpired(
  registry: ResourceRegistry,
  { now = new Date(), log, signal }: { now?: Date; log: Logger; signal?: AbortSignal },
): Promise<string[]> {
  const archive = registry.service<ArchiveService>("archive");
  const published = registry.service<PublishedService>("published");
  const copies = await published.copiesMatching({
    expiry: { $lt: now },
    moved_to_legal: false,
    state: { $ne: "scheduled" },
  });
  const held = await archive.heldForLegal(now);
  const ids = [...new Set([...copies.map((copy) => String(copy.item_id)), ...held.map(idOf)])];
  const imported: string[] = [];
  for (const id of ids) {
    signal?.throwIfAborted();
    try {
      if (await importItem(registry, id, { log })) imported.push(id);
    } catch (error) {
      log.error("legal archive import failed", { item_id: id, error: String(error) });
    }
  }
  if (imported.length > 0) await importQueueEntries(registry, { itemIds: imported, signal });
  for (const item of held) {
    if (!imported.includes(idOf(item)) || await archive.clearExpiryStatus(item)) continue;
    // The others are still released; this one is the next sweep's.
    log.warn("legal archive sweep left an item held: it keeps changing", { item_id: idOf(item) });
  }
  return imported;
}

function idOf(doc: { _id?: unknown }): string {
  return String(doc._id);
}
