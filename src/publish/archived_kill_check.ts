/**
 * Whether a copy in `archived` may be killed there (Superdesk's
 * `ArchivedService.validate_delete_action`): a text story, not a broadcast nor the master story
 * of one, no longer in production, and in no package. Superdesk's further checks of a story's
 * takes package are never reached by a story in a package (refused first), so they are left out.
 */
import { BadRequestError } from "../errors.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { BROADCAST_GENRE, isBroadcast } from "./broadcast/broadcast_genre.ts";

/** Where Superdesk looks for an archived story's broadcasts (`include_archived_repo`). */
const BROADCAST_REPOS = ["archive", "published", "archived"];

/** Throws Superdesk's 400 when the archived copy `doc` may not be killed. */
export async function assertKillableInArchived(
  registry: ResourceRegistry,
  doc: Doc,
): Promise<void> {
  if (doc.type !== "text") {
    throw new BadRequestError("Only Text articles are allowed to be Killed in Archived repo");
  }
  if (isBroadcast(doc)) {
    throw new BadRequestError("Killing of Broadcast Items isn't allowed in Archived repo");
  }
  if (await hasBroadcasts(registry, String(doc.item_id))) {
    throw new BadRequestError(
      "Can't kill as this article acts as a Master Story for existing broadcast(s)",
    );
  }
  if (await inProduction(registry, doc.guid)) {
    throw new BadRequestError("Can't Kill as article is still available in production");
  }
  const packages = doc.linked_in_packages;
  if (Array.isArray(packages) && packages.length > 0) {
    throw new BadRequestError("Can't kill as article is part of a Package");
  }
}

/** Whether production (`archive`) holds item `guid`; a copy without a guid has none there. */
async function inProduction(registry: ResourceRegistry, guid: unknown): Promise<boolean> {
  if (typeof guid !== "string") return false;
  return Boolean(await registry.service("archive").findOne({ _id: guid }));
}

/** Whether a broadcast (genre name `Broadcast Script`) names item `id` its master story. */
async function hasBroadcasts(registry: ResourceRegistry, id: string): Promise<boolean> {
  const filter = { "genre.name": BROADCAST_GENRE, "broadcast.master_id": id };
  for (const repo of BROADCAST_REPOS) {
    if (await registry.service(repo).findOne(filter)) return true;
  }
  return false;
}
