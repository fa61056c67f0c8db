/**
 * Concept items (Superdesk's `ConceptItemsService`): a concept's `language` must be an active
 * item of the `languages` vocabulary, its `properties` must suit its nature (no nature but
 * `cpnat:abstract` is supported yet, and an abstract concept has none), `definition_text` is
 * derived from `definition_html`, `created_by`/`updated_by` name the users, and a new concept
 * gets a fresh `group_id`. A second concept of one group in one language is a 409 (Superdesk's
 * duplicate key). Refusals are 400s with the field in `_issues` ("Request is not valid"); on
 * PATCH and PUT they take Eve's `validator exception` shape like every update hook's.
 */
import { BadRequestError, ConflictError, type Issues, ValidationError } from "../errors.ts";
import { htmlToText } from "../content/html_text.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import { type CreateOptions, ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";

const INVALID = "Request is not valid";

export class ConceptItemsService extends ResourceService {
  /** A page; a sort on `definition_html` sorts on its text (Superdesk's). */
  override find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    const sort = query.sort?.map(([field, direction]) =>
      [field === "definition_html" ? "definition_text" : field, direction] as const
    );
    return super.find({ ...query, sort }, actor);
  }

  /** `create`, a second concept of one group in one language answered 409. */
  override async create(
    inputs: Doc[],
    actor: Actor = SYSTEM_ACTOR,
    options: CreateOptions = {},
  ): Promise<Doc[]> {
    try {
      return await super.create(inputs, actor, options);
    } catch (error) {
      if (error instanceof ValidationError && isUniqueClash(error.issues, "group_id")) {
        throw new ConflictError("A concept of this group exists in this language", {
          issues: { group_id: "a concept of this group exists in this language" },
        });
      }
      throw error;
    }
  }

  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      checkProperties(doc);
      await this.checkLanguage(doc);
      if (actor.userId) doc.created_by = actor.userId;
      doc.group_id ??= crypto.randomUUID();
      doc._type = this.definition.name;
      fillDefinitionText(doc);
    }
  }

  protected override async onReplace(doc: Doc, original: Doc, actor: Actor) {
    checkProperties(doc);
    await this.checkLanguage(doc);
    if (doc.group_id === undefined) {
      throw new BadRequestError(INVALID, { issues: { group_id: "This field is required" } });
    }
    if (original.created_by !== undefined) doc.created_by = original.created_by;
    if (actor.userId) doc.updated_by = actor.userId;
    doc._type = this.definition.name;
    fillDefinitionText(doc);
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    // A nature and its properties are checked together, whichever of them changes.
    if ("cpnat_type" in updates) {
      if (!("properties" in updates) && "properties" in original) {
        updates.properties = original.properties;
      }
    } else if ("properties" in updates) {
      updates.cpnat_type = original.cpnat_type;
    }
    if ("cpnat_type" in updates) checkProperties(updates);
    if ("language" in updates) await this.checkLanguage(updates);
    if ("definition_html" in updates) fillDefinitionText(updates);
    if (actor.userId) updates.updated_by = actor.userId;
  }

  /** 400 unless `doc.language` is an active qcode of the `languages` vocabulary. */
  private async checkLanguage(doc: Doc): Promise<void> {
    const vocabulary = this.ctx.registry.has("vocabularies")
      ? await this.ctx.registry.service("vocabularies").findOne({ _id: "languages" })
      : null;
    const items = Array.isArray(vocabulary?.items) ? vocabulary.items as Doc[] : [];
    const qcodes = items.filter((item) => item.is_active !== false).map((item) => item.qcode);
    if (qcodes.length === 0) {
      throw new BadRequestError(INVALID, {
        issues: { language: "Concept items requires 'languages' vocabulary to be set" },
      });
    }
    if (!qcodes.includes(doc.language)) {
      throw new BadRequestError(INVALID, {
        issues: { language: `unallowed value '${doc.language}'` },
      });
    }
  }
}

/** 400 when `doc.properties` do not suit `doc.cpnat_type`. */
function checkProperties(doc: Doc): void {
  if (doc.cpnat_type !== "cpnat:abstract") {
    throw new BadRequestError(INVALID, {
      issues: { cpnat_type: `concept type '${doc.cpnat_type}' is not supported` },
    });
  }
  if ("properties" in doc) {
    throw new BadRequestError(INVALID, {
      issues: { properties: "field is not supported when 'cpnat_type' is 'cpnat:abstract'" },
    });
  }
}

/** Superdesk's `get_text(html, lf_on_block=True).strip()`: blocks on lines of their own. */
function fillDefinitionText(doc: Doc): void {
  doc.definition_text = htmlToText(String(doc.definition_html)).trim();
}

/** Whether `issues` say `field` collides with another document's value. */
function isUniqueClash(issues: Issues | undefined, field: string): boolean {
  const issue = issues?.[field];
  return typeof issue === "object" && issue !== null && "unique" in issue;
}
