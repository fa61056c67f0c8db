/**
 * Copying into the legal archive (Superdesk's `apps/legal_archive/commands.py`
 * `LegalArchiveImport`): a published item with its versions and history (`importItem`, after every
 * publishing action), and publish queue entries (`importQueueEntries`, once transmitted). Users,
 * desks, stages and subscribers are written as their names. Each step may be repeated: the
 * item is replaced by a newer version only, versions and entries already copied are not copied
 * twice, and the `moved_to_legal` flags that let content expire are set last.
 */
import { createHash } from "node:crypto";
import { ConflictError, EtagMismatchError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { PublishedService } from "../publish/published_service.ts";
import type { PublishQueueService } from "../publish/publish_queue_service.ts";
import { SECRETS } from "../publish/subscribers_service.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";

/** Fields an item's legal copy leaves out (Superdesk's "irrelevant properties"). */
const NOT_KEPT = ["_etag", "lock_user", "lock_session", "lock_time", "lock_action"];

/** Queue states after which an entry is final and goes to the legal archive. */
export const FINAL_QUEUE_STATES = ["success", "canceled", "failed"];

/**
 * Superdesk's `upsert_into_legal_archive`: copies item `itemId` (as it is in `archive` now) and
 * its versions into the legal archive, then flags its published copies up to that version as
 * moved. False when the item is not in `archive`.
 */
export async function importItem(
  registry: ResourceRegistry,
  itemId: string,
  { log }: { log: Logger },
): Promise<boolean> {
  const archive = registry.service<ArchiveService>("archive");
  const [item] = await archive.storedItems([itemId]);
  if (!item) {
    log.error("item to import into the legal archive not found", { item_id: itemId });
    return false;
  }
  const version = Number(item._current_version ?? 1);
  const doc = await denormalized(registry, structuredClone(item));
  if (await upsertNewest(registry.service("legal_archive"), doc, version)) {
    await importVersions(registry, itemId, version);
  }
  await importHistory(registry, itemId);
  await registry.service<PublishedService>("published").markMovedToLegal(itemId, version);
  return true;
}

/**
 * Writes `doc` (version `version` of its item) unless the legal archive holds a newer version;
 * false then. Imports of the item running at once (another wrote it between our read and our
 * write) read again and write only a newer version.
 */
async function upsertNewest(legal: ResourceService, doc: Doc, version: number) {
  for (let attempt = 0;; attempt++) {
    const existing = await legal.findOne({ _id: String(doc._id) });
    const present = existing ? Number(existing._current_version ?? 0) : -1;
    if (present > version) return false;
    if (attempt > 0 && present === version) return true;
    try {
      if (existing) await legal.replace(String(doc._id), doc, { etag: String(existing._etag) });
      else await legal.create([doc], SYSTEM_ACTOR, { trusted: true });
      return true;
    } catch (error) {
      const raced = error instanceof ConflictError || error instanceof EtagMismatchError;
      if (!raced || attempt >= 3) throw error;
    }
  }
}

/** The item's versions up to `version` that the legal archive lacks. */
async function importVersions(registry: ResourceRegistry, itemId: string, version: number) {
  const versions = registry.service<ArchiveService>("archive").versions!;
  const legalVersions = registry.service("legal_archive_versions");
  const { items: copied } = await legalVersions.find({
    filter: { _id_document: itemId },
    page: 1,
    maxResults: version,
    skipCount: true,
  });
  const present = new Set(copied.map((doc) => Number(doc._current_version)));
  const { items } = await versions.list(itemId, { limit: version });
  const missing = items.filter((doc) => !present.has(Number(doc._current_version)));
  if (missing.length === 0) return;
  // Each version a document of its own, pointing at its item (as Eve's version copies), under
  // an id derived from both: imports running at once copy each version once.
  for (const doc of missing) {
    const _id = versionId(itemId, Number(doc._current_version));
    await createOnce(
      legalVersions,
      await denormalized(registry, { ...structuredClone(doc), _id, _id_document: itemId }),
    );
  }
}

/**
 * The item's `archive_history` entries the legal archive lacks, each under its own id (so imports
 * running at once copy each once), with the user, desk and stage by name (Superdesk's
 * `_denormalize_history`). Nothing without the history module.
 */
async function importHistory(registry: ResourceRegistry, itemId: string) {
  if (!registry.has("archive_history")) return;
  const query = { filter: { item_id: itemId }, page: 1, maxResults: 10_000, skipCount: true };
  const legalHistory = registry.service("legal_archive_history");
  const [{ items: entries }, { items: copied }] = await Promise.all([
    registry.service("archive_history").find(query),
    legalHistory.find({ ...query, projection: { _id: 1 } }),
  ]);
  const present = new Set(copied.map((doc) => String(doc._id)));
  for (const entry of entries) {
    if (present.has(String(entry._id))) continue;
    const doc: Doc = structuredClone(entry);
    delete doc._etag;
    doc.user_id = await userName(registry, doc.user_id);
    const task = (doc.update as Doc | null | undefined)?.task as Doc | null | undefined;
    if (task && typeof task === "object") {
      if (task.desk) task.desk = (await nameOf(registry, "desks", task.desk)) ?? task.desk;
      if (task.stage) task.stage = (await nameOf(registry, "stages", task.stage)) ?? task.stage;
    }
    await createOnce(legalHistory, doc);
  }
}

/** Creates `doc`; false when a document with its id exists (written by another import). */
async function createOnce(service: ResourceService, doc: Doc): Promise<boolean> {
  try {
    await service.create([doc], SYSTEM_ACTOR, { trusted: true });
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}

/** An ObjectId-shaped id for version `version` of item `itemId`. */
function versionId(itemId: string, version: number): string {
  return createHash("sha1").update(`${itemId}\u0000${version}`).digest("hex").slice(0, 24);
}

/** Superdesk's `_denormalize_user_desk`: creators, desk, stage and task user by name. */
async function denormalized(registry: ResourceRegistry, doc: Doc): Promise<Doc> {
  for (const field of NOT_KEPT) delete doc[field];
  doc.original_creator = await userName(registry, doc.original_creator);
  doc.version_creator = await userName(registry, doc.version_creator);
  const task = doc.task as Doc | undefined;
  if (task && typeof task === "object") {
    if (task.desk) task.desk = (await nameOf(registry, "desks", task.desk)) ?? task.desk;
    if (task.stage) task.stage = (await nameOf(registry, "stages", task.stage)) ?? task.stage;
    task.user = await userName(registry, task.user);
  }
  return doc;
}

async function userName(registry: ResourceRegistry, id: unknown): Promise<string> {
  if (!id) return "";
  const user = await registry.service("users").findOne({ _id: String(id) });
  if (!user) return "";
  const full = [user.first_name, user.last_name].filter((part) => part).join(" ");
  return String(user.display_name || full || user.username);
}

async function nameOf(registry: ResourceRegistry, resource: string, id: unknown) {
  const doc = await registry.service(resource).findOne({ _id: String(id) });
  return doc ? String(doc.name) : undefined;
}

/**
 * Superdesk's `import_legal_publish_queue`: queue entries not yet in the legal archive, final
 * ones (or, with `itemIds`, all of those items', `force`), are copied with their subscriber's
 * name and then flagged `moved_to_legal`. Returns how many entries were copied.
 */
export async function importQueueEntries(
  registry: ResourceRegistry,
  { itemIds, pageSize = 500, signal }: {
    itemIds?: readonly string[];
    pageSize?: number;
    signal?: AbortSignal;
  } = {},
): Promise<number> {
  const queue = registry.service<PublishQueueService>("publish_queue");
  const legalQueue = registry.service("legal_publish_queue");
  const filter: Doc = itemIds
    ? { moved_to_legal: false, item_id: { $in: [...itemIds] } }
    : { moved_to_legal: false, state: { $in: FINAL_QUEUE_STATES } };
  let copied = 0;
  let afterId: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const page = await queue.entries(afterId ? { ...filter, _id: { $gt: afterId } } : filter, {
      limit: pageSize,
    });
    if (page.length === 0) break;
    const subscribers = new Map<string, string>();
    for (const entry of page) {
      const id = String(entry.subscriber_id ?? "");
      if (!subscribers.has(id)) {
        subscribers.set(id, (await nameOf(registry, "subscribers", id)) ?? "Deleted Subscriber");
      }
      const doc: Doc = {
        ...structuredClone(entry),
        subscriber_id: subscribers.get(id),
        _subscriber_id: entry.subscriber_id,
      };
      delete doc._etag;
      withoutSecrets(doc);
      if (await legalQueue.findOne({ _id: String(entry._id) })) {
        await legalQueue.replace(String(entry._id), doc);
      } else {
        await legalQueue.create([doc], SYSTEM_ACTOR, { trusted: true });
        copied++;
      }
      if (FINAL_QUEUE_STATES.includes(String(entry.state)) || itemIds) {
        await queue.markMovedToLegal(entry);
      }
    }
    afterId = String(page[page.length - 1]!._id);
    if (page.length < pageSize) break;
  }
  return copied;
}

/**
 * Drops the destination's secrets from a queue entry's legal copy: it is kept for good and read
 * with the `legal_archive` privilege alone (Superdesk copies the entry as it is).
 */
function withoutSecrets(doc: Doc) {
  const destination = doc.destination as Doc | undefined;
  const config = destination?.config as Doc | undefined;
  if (!config || typeof config !== "object") return;
  for (const secret of SECRETS) delete config[secret];
}
