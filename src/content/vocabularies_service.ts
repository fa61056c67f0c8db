/**
 * Vocabularies (Superdesk's `VocabulariesService`): ids are checked before insert, items obey
 * the vocabulary's schema and unique field, custom fields may not take a core field's name,
 * only custom fields may be deleted (and not while a content profile uses them), and users
 * read active items only (all of them when they ask for `type: manageable`, the admin screen).
 * Pushes `vocabularies:created` and `vocabularies:updated`.
 */
import { BadRequestError, ruleIssue, ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc, Filter } from "../storage/document_store.ts";
import { CORE_FIELDS } from "./default_profile.ts";
import {
  activeItems,
  assertUniqueValues,
  assertValidItems,
  readableVocabulary,
  uniqueFieldOf,
} from "./vocabulary_items.ts";
import { VOCABULARY_ID_PATTERN } from "./vocabularies_resource.ts";
import { asValidatorException } from "./validator_exception.ts";

const ID = new RegExp(VOCABULARY_ID_PATTERN);

export class VocabulariesService extends ResourceService {
  /** Checks each id first: it is the key, so the schema check does not see it. */
  override async create(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<Doc[]> {
    for (const input of inputs) {
      if (input._id === undefined) throw new ValidationError({ _id: ruleIssue("required") });
      if (typeof input._id !== "string" || !ID.test(input._id)) {
        throw new ValidationError({ _id: ruleIssue("pattern") });
      }
    }
    return await super.create(inputs, actor);
  }

  /** Users read active items only, unless they list the manageable vocabularies. */
  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    const result = await super.find(query, actor);
    if (actor.kind !== "user" || query.filter?.type === "manageable") return result;
    return { ...result, items: result.items.map(readableVocabulary) };
  }

  override async findOne(filter: Filter, actor: Actor = SYSTEM_ACTOR): Promise<Doc | null> {
    const doc = await super.findOne(filter, actor);
    return doc && actor.kind === "user" ? readableVocabulary(doc) : doc;
  }

  /** The active items of vocabulary `id` (empty when it does not exist). */
  async itemsOf(id: string): Promise<Doc[]> {
    return activeItems(await this.findOne({ _id: id }));
  }

  /** The vocabularies (not deleted) matching `filter`, as stored. */
  async matching(filter: Filter): Promise<Doc[]> {
    return await this.collection.find({ ...filter, _deleted: { $ne: true } });
  }

  /** True when vocabulary `id` exists (not deleted). */
  async exists(id: string): Promise<boolean> {
    return (await this.collection.findOne({ _id: id, _deleted: { $ne: true } })) !== null;
  }

  protected override async onCreate(docs: Doc[]) {
    for (const doc of docs) {
      const id = String(doc._id);
      await assertValidItems(doc, (other) => this.findOne({ _id: other }));
      const unique = uniqueFieldOf(doc);
      if (unique) doc.unique_field ??= unique;
      if (doc.field_type && CORE_FIELDS.has(id)) {
        throw new BadRequestError(`${id} is in use`, { issues: { _id: { conflict: 1 } } });
      }
      if (await this.collection.findOne({ _id: id, _deleted: true })) {
        throw new BadRequestError(`${id} is used by deleted vocabulary`, {
          issues: { _id: { deleted: 1 } },
        });
      }
    }
  }

  protected override async onCreated(docs: Doc[], actor: Actor) {
    for (const doc of docs) await this.pushChange("vocabularies:created", doc, actor);
  }

  /** Refusals come back as Superdesk's "validator exception", as Eve answers a PATCH. */
  protected override async onUpdate(updates: Doc, original: Doc) {
    await asValidatorException(async () => {
      if ("items" in updates) {
        await assertValidItems(
          { ...original, ...updates },
          (other) => this.findOne({ _id: other }),
        );
      }
      const unique = typeof original.unique_field === "string" ? original.unique_field : "";
      if (unique) assertUniqueValues(updates.items ?? [], unique);
    });
  }

  protected override async onUpdated(_updates: Doc, original: Doc, actor: Actor) {
    await this.pushChange("vocabularies:updated", original, actor);
  }

  protected override async onReplace(doc: Doc, original: Doc) {
    await this.onUpdate(doc, original);
  }

  protected override async onReplaced(doc: Doc, _original: Doc, actor: Actor) {
    await this.pushChange("vocabularies:updated", doc, actor);
  }

  /** Only custom fields may go, and not while a content profile lists them. */
  protected override async onDelete(doc: Doc) {
    if (!("field_type" in doc)) {
      throw new BadRequestError("Default vocabularies cannot be deleted");
    }
    const id = String(doc._id);
    const profiles = await this.ctx.documents.collection("content_types").find(
      { [`schema.${id}`]: { $exists: true, $ne: null } },
      { projection: { _id: 1, label: 1 } },
    );
    if (profiles.length > 0) {
      throw new BadRequestError(
        `Vocabulary ${doc.display_name ?? id} is used in ${profiles.length} content type(s)`,
        {
          issues: {
            content_types: profiles.map((profile) => ({
              _id: profile._id,
              label: profile.label,
              _links: {
                self: { title: "Content Profile", href: `/content_types/${profile._id}` },
              },
            })),
          },
        },
      );
    }
  }

  private async pushChange(event: string, vocabulary: Doc, actor: Actor) {
    await this.ctx.notify(event, {
      vocabulary: vocabulary.display_name ?? null,
      user: actor.userId ?? null,
      vocabulary_id: vocabulary._id,
    });
  }
}
