/**
 * One batch of content expiry (Superdesk's `RemoveExpiredContent._remove_expired_items`):
 * spiked items are deleted; killed and taken-down items leave production with their published
 * copies; other items go only together with everything that refers to them or that they refer
 * to (package members and packages, rewrites, a master story's broadcasts), only when all of those have expired, none is
 * published or corrected on a desk that preserves published content, and (with the legal
 * archive) all of them are in the legal archive, their published copies moving to `archived`.
 * Items held back by the legal archive are marked `expiry_status: invalid` and skipped until
 * the legal import resets the mark.
 *
 * Safe to repeat and to interrupt: an item is deleted only if unchanged since read (a publish
 * action or an edit meanwhile keeps it and its copies), its copies are retired after, and the
 * next run finishes what a run recorded it was retiring when it stopped (`expiry_intents.ts`).
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import {
  type ArchivedFilters,
  conformsToArchived,
  KILLED_STATES,
  retirePublishedCopies,
} from "../publish/published_expiry.ts";
import type { PublishedService } from "../publish/published_service.ts";
import type { PublishQueueService } from "../publish/publish_queue_service.ts";
import type { ArchiveService } from "./archive_service.ts";
import { MEDIA_TYPES, type Referrers } from "./expiry_referrers.ts";
import { BROADCAST_GENRE, isBroadcast } from "../publish/broadcast/broadcast_genre.ts";
import { clearIntent, recordIntent } from "./expiry_intents.ts";

/** States in which a desk's `preserve_published_content` keeps an item. */
const PRESERVED_STATES = new Set(["published", "corrected"]);

/** What a batch reads once per run. */
export interface ExpiryRun {
  registry: ResourceRegistry;
  now: Date;
  /** Desks with `preserve_published_content`. */
  preservingDesks: ReadonlySet<string>;
  /** True when items must be in the legal archive before they expire (`LEGAL_ARCHIVE`). */
  legalArchive: boolean;
  archivedFilters: ArchivedFilters;
  /** The items associating a media item (kept while any of them is). */
  associatedWith: Referrers;
  /** The packages holding an item (kept while any of them is). */
  packagesOf: Referrers;
}

/** Expires what may go of `batch` (expired archive items); returns the ids removed. */
export async function expireBatch(run: ExpiryRun, batch: readonly Doc[]): Promise<string[]> {
  const archive = run.registry.service<ArchiveService>("archive");
  const removed: string[] = [];
  for (const item of batch) {
    if (item.state !== "spiked") continue;
    // Superdesk's `delete_spiked_items` keeps spiked media that an item still associates.
    if (MEDIA_TYPES.has(String(item.type)) && (await run.associatedWith(idOf(item))).length) {
      continue;
    }
    if (await archive.deleteIfUnchanged(item)) removed.push(idOf(item));
  }
  const issues = new Map<string, Doc>();
  const killed = new Map<string, Doc>();
  for (const item of batch) if (KILLED_STATES.has(String(item.state))) killed.set(idOf(item), item);
  for (const id of await notInLegalArchive(run, [...killed.keys()])) {
    issues.set(id, killed.get(id)!);
    killed.delete(id);
  }
  const toArchive = new Map<string, Doc>();
  for (const item of batch) {
    const id = idOf(item);
    if (item.state === "spiked" || KILLED_STATES.has(String(item.state))) continue;
    if (toArchive.has(id) || issues.has(id)) continue;
    const group = new Map<string, Doc>();
    if (!(await canRemove(run, item, group))) continue;
    const missing = await notInLegalArchive(run, [...group.keys()]);
    for (const [groupId, member] of group) {
      (missing.length ? issues : toArchive).set(groupId, member);
    }
  }
  // A killed package member reached through its package leaves as killed items do.
  for (const [id, item] of toArchive) {
    if (KILLED_STATES.has(String(item.state))) killed.set(id, item);
  }
  for (const item of toArchive.values()) {
    if (KILLED_STATES.has(String(item.state))) continue;
    if (await retire(run, item, { archive: conformsToArchived(item, run.archivedFilters) })) {
      removed.push(idOf(item));
    }
  }
  for (const item of killed.values()) {
    if (await retire(run, item, { archive: false })) removed.push(idOf(item));
  }
  for (const item of issues.values()) await archive.markExpiryInvalid(item);
  return removed;
}

/**
 * Deletes `item` if unchanged since read, then retires its published copies: false when the
 * item changed meanwhile (it stays, and so do its copies). Recorded first (`expiry_intents.ts`),
 * so that a run stopping half-way is finished by the next.
 */
async function retire(run: ExpiryRun, item: Doc, { archive }: { archive: boolean }) {
  const service = run.registry.service<ArchiveService>("archive");
  const itemId = idOf(item);
  await recordIntent(service.documents, { itemId, archive });
  const deleted = await service.deleteIfUnchanged(item);
  if (deleted) await retirePublishedCopies(run.registry, itemId, { archive });
  await clearIntent(service.documents, itemId);
  return deleted;
}

/**
 * Superdesk's `_can_remove_item`: `item` has expired and is not kept (preserving desk), and so
 * has, recursively, every item it refers to or is referred from; `group` collects them all.
 */
async function canRemove(run: ExpiryRun, item: Doc, group: Map<string, Doc>): Promise<boolean> {
  const expiry = item.expiry instanceof Date ? item.expiry : undefined;
  if (!expiry || expiry >= run.now) return false;
  const desk = String((item.task as Doc | undefined)?.desk ?? "");
  if (PRESERVED_STATES.has(String(item.state)) && run.preservingDesks.has(desk)) return false;
  if (group.has(idOf(item))) return true;
  group.set(idOf(item), item);
  const refs = referencesOf(item);
  if (MEDIA_TYPES.has(String(item.type))) refs.push(...await run.associatedWith(idOf(item)));
  // The packages whose groups hold it, besides `linked_in_packages` (which items may lack).
  refs.push(...await run.packagesOf(idOf(item)));
  const archive = run.registry.service<ArchiveService>("archive");
  // A master story goes with its broadcasts (Superdesk's `get_broadcast_items_from_master_story`).
  if ((item.type === "text" || item.type === "preformatted") && !isBroadcast(item)) {
    const broadcasts = await archive.broadcastsOf(idOf(item), { "genre.name": BROADCAST_GENRE });
    refs.push(...broadcasts.map(idOf));
  }
  if (refs.length === 0) return true;
  for (const other of await archive.storedItems(refs)) {
    if (!(await canRemove(run, other, group))) return false;
  }
  return true;
}

/**
 * The items `item` refers to or is referred from (package members, packages, rewrites; the
 * items associating a media item are added by `canRemove`).
 */
function referencesOf(item: Doc): string[] {
  const refs: string[] = [];
  if (item.type === "composite") {
    for (const group of asArray(item.groups)) {
      for (const ref of asArray(group?.refs)) if (ref?.residRef) refs.push(String(ref.residRef));
    }
  }
  if (item.type === "text" || item.type === "preformatted") {
    if (item.rewrite_of) refs.push(String(item.rewrite_of));
    if (item.rewritten_by) refs.push(String(item.rewritten_by));
  }
  for (const link of asArray(item.linked_in_packages)) {
    if (link?.package) refs.push(String(link.package));
  }
  return refs;
}

/**
 * Superdesk's `check_if_items_imported_to_legal_archive`: the ids among `ids` with a published
 * copy or a queue entry not yet in the legal archive (none without the legal archive).
 */
async function notInLegalArchive(run: ExpiryRun, ids: string[]): Promise<string[]> {
  if (!run.legalArchive || ids.length === 0) return [];
  const filter = { item_id: { $in: ids }, moved_to_legal: false };
  const [copies, entries] = await Promise.all([
    run.registry.service<PublishedService>("published").copiesMatching(filter),
    run.registry.service<PublishQueueService>("publish_queue").entries(filter),
  ]);
  return [...new Set([...copies, ...entries].map((doc) => String(doc.item_id)))];
}

function idOf(item: Doc): string {
  return String(item._id);
}

// deno-lint-ignore no-explicit-any
function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}
