/**
 * The content API's store (Superdesk's `content_api.publish` `PublishService` behind the `items`
 * resource): publishing stores each routed copy here (`ContentApiStore.publishItems`), a new item
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

  /**
   * Stores each copy for its subscribers (ids). Copies of items the store does not hold yet (the
   * common case: a first publish) are written together, one insert for the items and one for
   * their versions; the others, and any a concurrent writer got to first, one by one.
   */
  async publishItems(entries: ReadonlyArray<{ copy: Doc; subscribers: string[] }>): Promise<void> {
    const now = new Date();
    const docs = entries.map(({ copy, subscribers }) => contentApiItem(copy, subscribers, now));
    const stored = await this.collection.find(
      { _id: { $in: docs.map((doc) => String(doc._id)) } },
      { projection: { _id: 1 } },
    );
    const seen = new Set(stored.map((doc) => String(doc._id)));
    const fresh: Doc[] = [];
    const rest: Doc[] = [];
    for (const doc of docs) {
      const simple = !seen.has(String(doc._id)) && typeof doc.evolvedfrom !== "string" &&
        doc.pubstatus !== "canceled";
      seen.add(String(doc._id));
      if (simple) mergeAssociations(doc, null);
      (simple ? fresh : rest).push(doc);
    }
    if (fresh.length > 0 && !(await this.createAll(fresh))) rest.unshift(...fresh);
    for (const doc of rest) await this.publishDoc(doc);
  }

  /** Inserts new items and their versions; false (nothing written) when one exists already. */
  private async createAll(docs: Doc[]): Promise<boolean> {
    try {
      await this.create(docs.map((doc) => structuredClone(doc)), SYSTEM_ACTOR, { trusted: true });
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
    try {
      await this.ctx.registry.service("items_versions").create(docs.map(versionOf), SYSTEM_ACTOR, {
        trusted: true,
      });
    } catch (error) {
      // Stored by a run that crashed after it: keep each one once.
      if (!(error instanceof ConflictError)) throw error;
      for (const doc of docs) await this.recordVersion(doc);
    }
    return true;
  }

  /** Stores one item: its update chain, the merge with what is stored, its version. */
  private async publishDoc(doc: Doc): Promise<void> {
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
    try {
      await versions.create([versionOf(doc)], SYSTEM_ACTOR, { trusted: true });
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

/** The `items_versions` document of `doc` (its id derived, so a version is kept once). */
function versionOf(doc: Doc): Doc {
  const { _id: id, ...fields } = doc;
  return { ...fields, _id: `${id}@${doc.version}`, _id_document: String(id) };
}

function subscribersOf(doc: Doc): string[] {
  return (doc.subscribers as string[] | undefined) ?? [];
}
