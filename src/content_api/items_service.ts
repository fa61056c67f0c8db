/**
 * The content API's store (Superdesk's `content_api.publish` `PublishService` behind the `items`
 * resource): publishing stores each routed copy here (`ContentApiStore.publishItem`), a new item
 * or an update of the stored one whose subscribers are the union of both (a correction or kill
 * reaching fewer subscribers takes none away), with every version kept in `items_versions` and,
 * on a kill (`pubstatus: canceled`), every version canceled. An update of a story
 * (`evolvedfrom`) inherits its `original_id` and `ancestors`, and the story learns its
 * `nextversion`. Writes are etag-guarded and retried, and a copy stored twice changes nothing
 * more, so a crashed enqueue run can route its copies again. Readers other than the system do
 * not see packages (Superdesk's `elastic_filter`: they are the content API's `packages`); a read
 * carries the item's `uri` at the consumer endpoint.
 */
import { ConflictError, EtagMismatchError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc, Filter } from "../storage/document_store.ts";
import type { ContentApiStore } from "../publish/content_api_delivery.ts";
import { contentApiItem, mergeAssociations } from "./content_api_item.ts";
import { itemUri } from "./content_api_url.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { ServiceContext } from "../resources/service_context.ts";

/** How often a write that lost a race with another is tried again. */
const ATTEMPTS = 5;

/** The `items` service. */
export class ItemsService extends ResourceService implements ContentApiStore {
  /** The consumer endpoint's URL (`CONTENTAPI_URL`), which items' `uri` starts with. */
  readonly contentApiUrl: string;

  constructor(definition: ResourceDefinition, ctx: ServiceContext, contentApiUrl: string) {
    super(definition, ctx);
    this.contentApiUrl = contentApiUrl;
  }

  /** Superdesk's `_process_fetched_object`: an item read carries its `uri`. */
  override toPublic(doc: Doc): Doc {
    return { ...super.toPublic(doc), uri: itemUri(this.contentApiUrl, doc._id) };
  }

  protected override visibilityFilter(actor: Actor): Filter | undefined {
    return actor.kind === "system" ? undefined : { type: { $ne: "composite" } };
  }

  /** Stores `copy` for `subscribers` (ids). */
  async publishItem(copy: Doc, subscribers: string[]): Promise<void> {
    const doc = contentApiItem(copy, subscribers, new Date());
    const parent = typeof doc.evolvedfrom === "string"
      ? await this.findOne({ _id: doc.evolvedfrom }, SYSTEM_ACTOR)
      : null;
    if (parent) {
      doc.original_id = String(parent.original_id ?? parent._id);
      doc.ancestors = [...((parent.ancestors as string[] | undefined) ?? []), String(parent._id)];
    }
    await this.store(doc);
    await this.recordVersion(doc);
    if (parent && parent.nextversion !== doc._id) {
      await this.update(String(parent._id), { nextversion: doc._id });
    }
  }

  /** Creates or updates the stored item, merging subscribers with what is stored. */
  private async store(doc: Doc): Promise<void> {
    const id = String(doc._id);
    for (let attempt = 1;; attempt++) {
      const original = await this.findOne({ _id: id }, SYSTEM_ACTOR);
      const next: Doc = structuredClone(doc);
      if (original) {
        next.subscribers = [
          ...new Set([
            ...(original.subscribers as string[] | undefined) ?? [],
            ...subscribersOf(doc),
          ]),
        ];
      }
      mergeAssociations(next, original);
      try {
        if (!original) await this.create([next], SYSTEM_ACTOR, { trusted: true });
        else {
          delete next._id;
          await this.update(id, next, { etag: String(original._etag) });
        }
        return;
      } catch (error) {
        const raced = error instanceof ConflictError || error instanceof EtagMismatchError;
        if (!raced || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** Keeps the version (once), and on a kill cancels every version. */
  private async recordVersion(doc: Doc): Promise<void> {
    const versions = this.ctx.registry.service("items_versions");
    const id = String(doc._id);
    const { _id: _, ...fields } = doc;
    try {
      await versions.create(
        [{ ...fields, _id: `${id}@${doc.version}`, _id_document: id }],
        SYSTEM_ACTOR,
        {
          trusted: true,
        },
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    if (doc.pubstatus !== "canceled") return;
    const live = await versions.find({
      filter: { _id_document: id, pubstatus: { $ne: "canceled" } },
      page: 1,
      maxResults: 1000,
      skipCount: true,
    });
    for (const version of live.items) {
      await versions.update(String(version._id), { pubstatus: "canceled" });
    }
  }
}

function subscribersOf(doc: Doc): string[] {
  return (doc.subscribers as string[] | undefined) ?? [];
}
