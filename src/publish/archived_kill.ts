/**
 * The kill and takedown of a story from `archived` (Superdesk's `ArchivedService.update`): the
 * story is back in production as its next version, killed (or recalled), a published copy of it
 * is queued to every subscriber the legal archive says received it, its archived copies are
 * removed, and the legal archive imports it. A copy `marked_archived_only` (never published from
 * here) is only removed. Creating the production item is the claim: of two kills at once, one
 * creates it and the other is refused with a 409, so nothing is killed twice.
 */
import { ConflictError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
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
  /** Removes every archived copy of the story. */
  removeCopies(itemId: string): Promise<void>;
}

/** Fields of an archived copy the production item does not keep (Superdesk's list). */
const ARCHIVED_ONLY = ["archived_id", "_type", "_links", "queue_state", "_etag", "item_id"];

/**
 * Kills (`operation: kill`) or takes down (`takedown`) `latest`, the story's newest archived copy,
 * with the client's `updates` (headline, abstract, body); returns the killed item.
 */
export async function killFromArchived(
  context: ArchivedKillContext,
  latest: Doc,
  updates: Doc,
  actor: Actor,
): Promise<Doc> {
  const kind = updates.operation === "takedown" ? "takedown" : "kill";
  const itemId = String(latest.item_id);
  const published = context.registry.service<PublishedService>("published");
  const changes: Doc = structuredClone(updates);
  await applyKillOverride({ published, timeZone: context.timeZone }, kind, latest, changes);
  if ((latest.flags as Doc | undefined)?.marked_archived_only) {
    await context.removeCopies(itemId);
    return { ...latest, ...changes };
  }
  const article: Doc = structuredClone(latest);
  for (const field of ARCHIVED_ONLY) delete article[field];
  for (const field of ["headline", "abstract", "body_html"]) {
    article[field] = changes[field] ?? latest[field] ?? "";
  }
  Object.assign(article, {
    _id: itemId,
    state: kind === "kill" ? "killed" : "recalled",
    operation: kind,
    pubstatus: "canceled",
    versioncreated: new Date(),
    version_creator: actor.userId ?? null,
    _current_version: Number(latest._current_version ?? 0) + 1,
  });
  const [item] = await claim(context.registry, article);
  const { copy, indexed } = await published.record(item!, { queue_state: "pending" });
  await indexed;
  await queueToReceivers(context, copy);
  await context.removeCopies(itemId);
  await published.announcePublished(item!, { afterScheduled: false, user: actor.userId });
  return item!;
}

/** Creates the production item; a 409 when it exists (another kill, or back in production). */
async function claim(registry: ResourceRegistry, article: Doc): Promise<Doc[]> {
  try {
    return await registry.service("archive").create([article], SYSTEM_ACTOR, { trusted: true });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    throw new ConflictError(
      `Cannot kill "${article._id}" from archived: it is in production (killed already?)`,
    );
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
