/**
 * Publishing for ingest routing rules with a publish action (Superdesk's
 * `DeskFetchPublishRoutingRuleHandler.__publish`): the routed archive item is published by the
 * system as a user's publish would be, with the rule's target subscribers and types already on it,
 * flagged `auto_publish` (so the `auto_publish` validators judge it, and its content profile only
 * under `AUTO_PUBLISH_CONTENT_PROFILE`), with Superdesk's defaults for the fields an agency item
 * may lack (`_set_default_values`); an item already marked `auto_publish: false` stays unpublished.
 * The ingest module receives this function (`src/modules/core_apps.ts`), so ingest does not
 * depend on the publishing module's wiring.
 */
import type { Config } from "../config/config.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { publishingValidator } from "./media_metadata_check.ts";
import { publishItem } from "./publish_action.ts";
import type { PublishedService } from "./published_service.ts";

/** What publishing a routed item needs from the process. */
export interface RoutedPublishDeps {
  registry: ResourceRegistry;
  queue: TaskQueue;
  documents: DocumentStore;
  config: Config;
}

/** Publishes routed archive item `item` (nothing when it is marked `auto_publish: false`). */
export async function publishRouted(item: Doc, deps: RoutedPublishDeps): Promise<void> {
  if (item.auto_publish === false) return;
  const { registry, config } = deps;
  await publishItem(
    {
      archive: registry.service<ArchiveService>("archive"),
      published: registry.service<PublishedService>("published"),
      validator: publishingValidator(registry, {
        media: config.validateMediaMetadataOnPublish,
        itemSchemas: config.itemSchemas,
        autoPublishProfile: config.autoPublish.contentProfile,
      }),
      queue: deps.queue,
      documents: deps.documents,
      // Only for kills and an item's broadcasts: a routed item is published, new, and has none.
      timeZone: "UTC",
      hooks: [],
    },
    "publish",
    String(item._id),
    {
      actor: SYSTEM_ACTOR,
      updates: { ...await defaultValues(registry, item, config), auto_publish: true },
    },
  );
}

/**
 * Superdesk's `_assign_default_values`: a blank headline and slugline, an empty paragraph for a
 * body, and the active `categories` of DEFAULT_CATEGORY_QCODES_FOR_AUTO_PUBLISHED_ARTICLES.
 */
async function defaultValues(registry: ResourceRegistry, item: Doc, config: Config) {
  const values: Doc = {
    headline: item.headline || " ",
    slugline: item.slugline || " ",
    body_html: item.body_html || "<p></p>",
  };
  const categories = Array.isArray(item.anpa_category) && item.anpa_category.length > 0
    ? item.anpa_category
    : await defaultCategories(registry, config.autoPublish.categoryQcodes);
  if (categories) values.anpa_category = categories;
  return values;
}

async function defaultCategories(registry: ResourceRegistry, qcodes: readonly string[]) {
  if (qcodes.length === 0) return undefined;
  const vocabulary = await registry.service("vocabularies").findOne({ _id: "categories" });
  if (!vocabulary) return undefined;
  const items = Array.isArray(vocabulary.items) ? vocabulary.items as Doc[] : [];
  return qcodes.flatMap((qcode) =>
    items.filter((category) =>
      category.is_active === true &&
      String(category.qcode ?? "").toLowerCase() === qcode.toLowerCase()
    ).map((category) => ({ qcode, name: category.name ?? "" }))
  );
}
