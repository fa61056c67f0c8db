/**
 * The `ingest` service (Superdesk's `IngestService`): new items get Superdesk's defaults (state
 * `ingested`, urgency 3, priority 6; with `DEFAULT_CONTENT_TYPE`, that profile for text items
 * instead of urgency and priority) and a unique id and name from the `INGEST_SEQ` sequence;
 * storing is by agency guid (the unique `guid` index makes a concurrent second write of one guid
 * fail instead of doubling it); a deleted package takes its referenced items with it, and
 * `item:deleted` is pushed.
 */
import { assignDefaultContentType } from "../content/default_profile.ts";
import type { Doc, Filter } from "../storage/document_store.ts";
import type { Actor } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import { ITEM_ID_PATTERN } from "../newsroom/archive_resource.ts";
import { nextSequences } from "../resources/sequences.ts";

const ID = new RegExp(`^${ITEM_ID_PATTERN}$`);

/** The sequence Superdesk numbers ingest items with. */
const UNIQUE_ID_SEQUENCE = "INGEST_SEQ";

export class IngestService extends ResourceService {
  /** Items given without an id take their guid as id when it is URL-safe (as archive does). */
  override create(inputs: Doc[], actor?: Actor): Promise<Doc[]> {
    const docs = inputs.map((doc) =>
      doc._id === undefined && typeof doc.guid === "string" && ID.test(doc.guid)
        ? { ...doc, _id: doc.guid }
        : doc
    );
    return super.create(docs, actor);
  }

  protected override async onCreate(docs: Doc[]) {
    const ids = await nextSequences(this.ctx.documents, UNIQUE_ID_SEQUENCE, {
      count: docs.length,
    });
    docs.forEach((doc, index) => {
      doc.guid ??= doc._id;
      doc.uri ??= doc.guid;
      doc.family_id ??= doc._id;
      doc.type ??= "text";
      doc.state ??= "ingested";
      const profile = this.ctx.config.defaultContentType;
      assignDefaultContentType(doc, profile);
      // Superdesk leaves them unset where a default profile says what an item holds.
      if (!profile) {
        doc.urgency ??= 3;
        doc.priority ??= 6;
      }
      doc.unique_id = ids[index];
      doc.unique_name = `#${ids[index]}`;
    });
  }

  protected override async onDeleted(doc: Doc, actor: Actor) {
    const refs = packageRefs(doc);
    if (refs.length) await this.deleteMany({ _id: { $in: refs } });
    await this.ctx.notify("item:deleted", { item: String(doc._id), user: actor.userId ?? "" });
  }

  /** The stored items with these agency guids. */
  byGuids(guids: string[]): Promise<Doc[]> {
    return guids.length ? this.collection.find({ guid: { $in: guids } }) : Promise.resolve([]);
  }

  /** The stored item with this agency guid, or null. */
  byGuid(guid: string): Promise<Doc | null> {
    return this.collection.findOne({ guid });
  }

  /** Items matching `filter` (system reads: expiry, cancellations). */
  findAll(filter: Filter, limit?: number): Promise<Doc[]> {
    return this.collection.find(filter, { limit, sort: [["_id", 1]] });
  }
}

/** The `_id`s a package's groups refer to. */
function packageRefs(doc: Doc): string[] {
  const groups = Array.isArray(doc.groups) ? doc.groups as Doc[] : [];
  return groups.flatMap((group) => Array.isArray(group.refs) ? group.refs as Doc[] : [])
    .map((ref) => ref.residRef)
    .filter((ref): ref is string => typeof ref === "string");
}
