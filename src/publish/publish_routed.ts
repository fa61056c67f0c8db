/**
 * Publishing for ingest routing rules with a publish action (Superdesk's
 * `DeskFetchPublishRoutingRuleHandler.__publish`): the routed archive item is published by the
 * system as a user's publish would be, with the rule's target subscribers and types already on it.
 * The ingest module receives this function (`src/modules/core_modules.ts`), so ingest does not
 * depend on the publishing module's wiring.
 */
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { chainValidators } from "./item_validator.ts";
import { validatorsResourceValidator } from "./validators_resource_validator.ts";
import { publishItem } from "./publish_action.ts";
import type { PublishedService } from "./published_service.ts";

/** What publishing a routed item needs from the process. */
export interface RoutedPublishDeps {
  registry: ResourceRegistry;
  queue: TaskQueue;
  documents: DocumentStore;
}

/** Publishes routed archive item `item`. */
export async function publishRouted(item: Doc, deps: RoutedPublishDeps): Promise<void> {
  await publishItem(
    {
      archive: deps.registry.service<ArchiveService>("archive"),
      published: deps.registry.service<PublishedService>("published"),
      validator: chainValidators(validatorsResourceValidator(deps.registry)),
      queue: deps.queue,
      documents: deps.documents,
      // Only for kills and an item's broadcasts: a routed item is published, new, and has none.
      timeZone: "UTC",
      hooks: [],
    },
    "publish",
    String(item._id),
    { actor: SYSTEM_ACTOR },
  );
}
