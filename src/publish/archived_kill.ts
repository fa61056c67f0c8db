/**
 * The kill and takedown of a story from `archived` (Superdesk's `ArchivedService.update`): the
 * story is back in production as its next version, killed (or recalled), a published copy of it
 * is queued to every subscriber the legal archive says received it, its archived copies are
 * removed, and the legal archive imports it. A copy `marked_archived_only` (never published from
 * here) is only removed. Every step can be repeated: a kill that failed half-way (the production
 * item stored, its archived copies still there) is finished by the next kill of the same copy,
 * which takes the production item and published copy it finds instead of writing them again.
 * Removing the newest archived copy is the claim: of two kills at once, the one that removes it
 * announces the kill, the other is refused with a 409, so nothing is announced twice.
 */
import { ConflictError } from "../errors.ts";
import { DuplicateKeyError } from "../storage/document_store.ts";
import type { Actor } from "../resources/actor.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import { createHash } from "node:crypto";
import { objectIdAt } from "../resources/ids.ts";
import { enqueueForRoutes } from "./enqueue_copy.ts";
import { applyKillOverride } from "./kill_override.ts";
import { legalRoutes } from "./legal_routes.ts";
import type { PublishedService } from "./published_service.ts";
import { requestTransmission } from "./transmit_task.ts";
import type { Logger } from "../log.ts";

/** What the kill reads and writes besides `archived`. */
export interface ArchivedKillContext {
  registry: ResourceRegistry;
  queue: TaskQueue;
  log: Logger;
  timeZone: string;
  /** Removes every archived copy of the story, `latest` last; whether this call removed it. */
  removeCopies(latest: Doc): Promise<boolean>;
}

/** Fields of an archived copy the production item does not keep (Superdesk's list). */
const ARCHIVED_ONLY = ["archived_id", "_type", "_links", "queue_state", "_etag", "item_id"];

/**
 * Kills (`operation: kill`) or takes down (`takedown`) the story as Superdesk's `update` does:
 * its next version is made from `latest`, the story's newest archived copy, with the headline,
 * abstract and body of `addressed` (the copy the client named) under the client's `updates`;
 * `addressed` also says whether the story was `marked_archived_only`. Returns the killed item,
 * which the killer created and last changed (Superdesk's archive `post` makes the current user
 * its `original_creator` and `version_creator`).
 */
export async function killFromArchived(
  context: ArchivedKillContext,
  { latest, addressed }: { latest: Doc; addressed: Doc },
  updates: Doc,
  actor: Actor,
): Promise<Doc> {
  const kind = updates.operation === "takedown" ? "takedown" : "kill";
  const itemId = String(latest.item_id);
  const published = context.registry.service<PublishedService>("published");
  const changes: Doc = structuredClone(updates);
  await applyKillOverride({ published, timeZone: context.timeZone }, kind, latest, changes);
  if ((addressed.flags as Doc | undefined)?.marked_archived_only) {
    if (!(await context.removeCopies(latest))) throw killedAlready(itemId);
    return { ...latest, ...changes };
  }
  const article: Doc = structuredClone(latest);
  for (const field of ARCHIVED_ONLY) delete article[field];
  for (const field of ["headline", "abstract", "body_html"]) {
    article[field] = changes[field] ?? addressed[field] ?? latest[field] ?? "";
  }
  Object.assign(article, {
    _id: itemId,
    state: kind === "kill" ? "killed" : "recalled",
    operation: kind,
    pubstatus: "canceled",
    versioncreated: new Date(),
    // The archive's create makes the original creator the version creator.
    original_creator: actor.userId ?? latest.original_creator ?? null,
    _current_version: Number(latest._current_version ?? 0) + 1,
  });
  const item = await storeOnce(context.registry, article);
  const copy = await recordOnce(published, item);
  await queueToReceivers(context, copy);
  if (!(await context.removeCopies(latest))) throw killedAlready(itemId);
  await published.announcePublished(item, { afterScheduled: false, user: actor.userId });
  return item;
}

/**
 * Whether the story is in production as the kill (`operation`) of `latest` left it: a kill that
 * stopped before removing the archived copies, which a kill of the copy finishes.
 */
export async function unfinishedKill(
  registry: ResourceRegistry,
  latest: Doc,
  operation: unknown,
): Promise<boolean> {
  const item = await registry.service("archive").findOne({ _id: String(latest.item_id) });
  return Boolean(item) && isKillOf(item!, {
    operation,
    _current_version: Number(latest._current_version ?? 0) + 1,
  });
}

function isKillOf(item: Doc, kill: Doc): boolean {
  return item.operation === kill.operation && item.pubstatus === "canceled" &&
    item._current_version === kill._current_version;
}

function killedAlready(itemId: string): ConflictError {
  return new ConflictError(
    `Cannot kill "${itemId}" from archived: it is in production (killed already?)`,
  );
}

/** Creates the production item, or takes the one an unfinished kill stored; else a 409. */
async function storeOnce(registry: ResourceRegistry, article: Doc): Promise<Doc> {
  const archive = registry.service("archive");
  try {
    const [item] = await archive.create([article], SYSTEM_ACTOR, { trusted: true });
    return item!;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const stored = await archive.findOne({ _id: article._id });
    if (stored && isKillOf(stored, article)) return stored;
    throw killedAlready(String(article._id));
  }
}

/**
 * The kill's published copy, stored once: its id derives from the item and version (the seconds
 * of its `versioncreated` first, as an ObjectId's), so a repeated kill finds it.
 */
async function recordOnce(published: PublishedService, item: Doc): Promise<Doc> {
  const hash = createHash("sha1").update(`${item._id}\u0000${item._current_version}`).digest("hex");
  const seconds = objectIdAt(new Date(item.versioncreated as Date).getTime()).slice(0, 8);
  const _id = `${seconds}${hash.slice(0, 16)}`;
  try {
    const { copy, indexed } = await published.record(item, { _id, queue_state: "pending" });
    await indexed;
    return copy;
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
    return (await published.findOne({ _id }))!;
  }
}

/**
 * Queues `copy` to the subscribers the legal archive recorded as receiving the story (Superdesk's
 * `enqueue_archived_kill_item`) and marks it queued. Entry ids derive from the copy: the enqueue
 * task, which routes a copy left pending by a crash the same way, adds nothing twice.
 */
async function queueToReceivers(context: ArchivedKillContext, copy: Doc) {
  const { registry, log } = context;
  const routes = await legalRoutes(registry, String(copy.item_id));
  const { entries, destinations } = await enqueueForRoutes(registry, [{ copy, routes }], {
    log,
    ids: "derived",
  });
  await registry.service<PublishedService>("published").transition(
    String(copy._id),
    { queue_state: "pending" },
    { queue_state: entries.length > 0 ? "queued" : "queued_not_transmitted" },
  );
  await requestTransmission(context.queue, destinations);
}
