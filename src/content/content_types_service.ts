/**
 * Content profiles (Superdesk's `ContentTypesService`): labels unique ignoring case, one
 * profile per media type, authors recorded, the form's shape folded into the stored one on
 * save (`profile_editing.ts`), templates kept in line (fields a profile drops leave its
 * templates; a new profile gets a template of its name), a profile in use cannot be deleted
 * (202, as Superdesk) and a deleted one is removed from templates and desks; publishing
 * validates items against their profile (`src/publish/profile_validator.ts`).
 */
import { BadRequestError, HttpError, ruleIssue, ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService, type WriteOptions } from "../resources/resource_service.ts";
import type { Doc, Filter } from "../storage/document_store.ts";
import type { ContentTemplatesService } from "./content_templates_service.ts";
import {
  cleanProfile,
  editView,
  prepareSave,
  type ProfileVocabularies,
} from "./profile_editing.ts";
import { PROFILE_ID_PATTERN } from "./content_types_resource.ts";
import { assertKeyFree, mapKeyConflict, UNIQUE_KEY_FIELD, uniqueKey } from "./unique_key.ts";

const ID = new RegExp(`^${PROFILE_ID_PATTERN}$`);

/** Template data fields that do not depend on a profile's schema. */
const TEMPLATE_METADATA_FIELDS = new Set(["usageterms"]);

export class ContentTypesService extends ResourceService {
  override async create(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<Doc[]> {
    for (const input of inputs) {
      if (input._id !== undefined && (typeof input._id !== "string" || !ID.test(input._id))) {
        throw new ValidationError({ _id: ruleIssue("pattern") });
      }
    }
    try {
      return await super.create(inputs, actor);
    } catch (error) {
      throw mapKeyConflict(error, labelTaken);
    }
  }

  override async update(id: string, input: Doc, options: WriteOptions = {}): Promise<Doc> {
    try {
      return await super.update(id, input, options);
    } catch (error) {
      throw mapKeyConflict(error, labelTaken);
    }
  }

  /** Users read profiles without the vocabularies the form hides. */
  override async findOne(filter: Filter, actor: Actor = SYSTEM_ACTOR): Promise<Doc | null> {
    const doc = await super.findOne(filter, actor);
    if (doc && actor.kind === "user") cleanProfile(doc, await this.vocabularies());
    return doc;
  }

  /** The profile as the editor form reads it (`?edit=true`). */
  async editView(id: string, actor: Actor): Promise<Doc> {
    return editView(await this.getById(id, actor), await this.vocabularies());
  }

  /** Marks profiles as used by content (they can no longer be deleted). */
  async setUsed(ids: Iterable<unknown>): Promise<void> {
    for (const id of new Set(ids)) {
      if (typeof id !== "string" || !id) continue;
      await this.collection.updateOne({ _id: id, is_used: { $ne: true } }, {
        $set: { is_used: true },
      });
    }
  }

  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      doc.created_by = actor.userId ?? null;
      doc.updated_by = actor.userId ?? null;
      doc.enabled ??= false;
      doc.is_used = false;
      doc.priority ??= 0;
      doc.embeddable ??= false;
      await this.assertLabelFree(doc.label);
      const key = uniqueKey(doc.label);
      if (key !== undefined) doc[UNIQUE_KEY_FIELD] = key;
      if (typeof doc.type === "string" && doc.type !== "text") {
        if (await this.collection.findOne({ type: doc.type })) {
          throw new ValidationError({ type: "Only 1 instance is allowed." });
        }
      }
    }
  }

  /** A profile created by a user gets a public template of its name, as in Superdesk. */
  protected override async onCreated(docs: Doc[], actor: Actor) {
    if (actor.kind !== "user") return;
    await this.templates().createForProfiles(docs.filter((doc) => doc.label), actor);
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    delete updates.is_used;
    delete updates.created_by;
    updates.updated_by = actor.userId ?? null;
    if ("label" in updates) {
      await this.assertLabelFree(updates.label, original._id);
      updates[UNIQUE_KEY_FIELD] = uniqueKey(updates.label);
    }
    if (updates.enabled === false && original.enabled === true) {
      await this.assertUnreferenced(original);
    }
    if ("schema" in updates || "editor" in updates) {
      prepareSave(original, updates, await this.vocabularies());
    }
  }

  /** Drops from the profile's templates the fields the profile no longer has. */
  protected override async onUpdated(updates: Doc, original: Doc) {
    const schema = updates.schema as Doc | undefined;
    if (!schema) return;
    const templates = this.templates();
    for (const template of await templates.byProfile(String(original._id))) {
      const data = { ...(template.data ?? {}) as Doc };
      let changed = false;
      for (const [field, rules] of Object.entries(schema)) {
        const disabled = !rules || (rules as Doc).enabled === false;
        if (disabled && !TEMPLATE_METADATA_FIELDS.has(field) && field in data) {
          delete data[field];
          changed = true;
        }
      }
      if (changed) await templates.setData(String(template._id), data);
    }
  }

  protected override onDelete(doc: Doc) {
    if (doc.is_used) {
      throw new HttpError(202, "The content profile is in use", { issues: { is_used: true } });
    }
  }

  protected override async onDeleted(doc: Doc) {
    const id = String(doc._id);
    const templates = this.templates();
    for (const template of await templates.byProfile(id)) {
      const { profile: _profile, ...data } = (template.data ?? {}) as Doc;
      await templates.setData(String(template._id), data);
    }
    const desks = this.ctx.registry.service("desks");
    const using = await this.ctx.documents.collection("desks").find({
      default_content_profile: id,
    });
    for (const desk of using) {
      await desks.update(String(desk._id), { default_content_profile: null }, {
        actor: SYSTEM_ACTOR,
      });
    }
  }

  /** Every vocabulary that is not deleted, for the profile form. */
  async vocabularies(): Promise<ProfileVocabularies> {
    return {
      all: await this.ctx.documents.collection("vocabularies").find({ _deleted: { $ne: true } }),
    };
  }

  private async assertLabelFree(label: unknown, exceptId?: unknown) {
    await assertKeyFree(this.collection, uniqueKey(label), {
      exceptId,
      error: labelTaken,
    });
  }

  /** Templates or desks that default to the profile forbid disabling it. */
  private async assertUnreferenced(profile: Doc) {
    const id = String(profile._id);
    const templates = await this.templates().byProfile(id);
    if (templates.length > 0) {
      throw new BadRequestError(
        "Cannot disable content profile as following templates are referencing: " +
          templates.map((template) => template.template_name).join(", "),
      );
    }
    const desks = await this.ctx.documents.collection("desks").find({
      default_content_profile: id,
    });
    if (desks.length > 0) {
      throw new BadRequestError(
        "Cannot disable content profile as following desks are referencing: " +
          desks.map((desk) => desk.name).join(", "),
      );
    }
  }

  private templates(): ContentTemplatesService {
    return this.ctx.registry.service<ContentTemplatesService>("content_templates");
  }
}

function labelTaken(): ValidationError {
  return new ValidationError({ label: ruleIssue("unique") });
}
