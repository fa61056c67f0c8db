/**
 * `GET /api/search/<id>` (Superdesk's `SearchService.find_one`): the item with that id wherever
 * it is, trying the searched repositories in order (`repo`, else Superdesk's defaults: ingest,
 * archive, published, archived) through each resource's own read, so its visibility rules
 * apply; a published copy is found by its item's id (`item_id`), as Superdesk looks it up.
 */
import type { Actor } from "../resources/actor.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import { chooseRepos } from "./federated_search.ts";

/** Where an item was found: its resource and the stored document. */
export interface FoundItem {
  definition: ResourceDefinition;
  service: ResourceService;
  doc: Doc;
}

/** The first of `repos` (or the defaults) holding `id` visibly for `actor`, or null. */
export async function findItemAnywhere(
  registry: ResourceRegistry,
  actor: Actor,
  id: string,
  repos: string[],
): Promise<FoundItem | null> {
  for (const { definition, service } of chooseRepos(registry, actor, repos)) {
    const field = definition.name === "published" ? "item_id" : "_id";
    const doc = await service.findOne({ [field]: id }, actor);
    if (doc) return { definition, service, doc };
  }
  return null;
}
