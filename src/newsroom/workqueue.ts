/**
 * The `workqueue` resource (Superdesk's `apps/workqueue`): the caller's own open items, i.e.
 * the content they hold a lock on, spiked items excluded. Read-only; lists take Eve's query.
 * It reads the document store: the search index is kept per resource (`archive`), not per view.
 */
import type { Actor } from "../resources/actor.ts";
import { defineResource } from "../resources/resource_definition.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Filter } from "../storage/document_store.ts";
import { archiveResource, ITEM_ID_PATTERN } from "./archive_resource.ts";

/** The `workqueue` definition: a view of `archive`. */
export const workqueueResource = defineResource({
  name: "workqueue",
  nouns: { one: "work queue item", many: "work queue items" },
  schema: archiveResource.schema,
  resourceMethods: ["GET"],
  itemMethods: ["GET"],
  datasource: {
    source: "archive",
    filter: { state: { $ne: "spiked" } },
    defaultSort: [["lock_time", -1]],
  },
  itemUrl: ITEM_ID_PATTERN,
});

/** Users see the items locked by them; the system sees every open item. */
export class WorkqueueService extends ResourceService {
  protected override visibilityFilter(actor: Actor): Filter | undefined {
    if (actor.kind === "system") return undefined;
    return { lock_user: actor.userId ?? null, lock_session: { $ne: null } };
  }
}
