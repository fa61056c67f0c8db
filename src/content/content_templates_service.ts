/**
 * Content templates (Superdesk's `ContentTemplatesService`): names are lower-cased and unique
 * among public templates, or among one user's personal ones; users see public templates and
 * their own (all with `personal_template`); public ones need `content_templates` to change;
 * kill templates are public, desk-less and cannot be deleted; a schedule gets its `next_run`;
 * switching profile resets the fields the new profile lacks. Pushes `template:update`.
 */
import { BadRequestError, ForbiddenError, ValidationError } from "../errors.ts";
import { type Actor, hasPrivilege, SYSTEM_ACTOR } from "../resources/actor.ts";
import { deepMerge } from "../resources/dotted.ts";
import { nextUpdated } from "../resources/next_updated.ts";
import { ResourceService, type WriteOptions } from "../resources/resource_service.ts";
import type { Doc, Filter } from "../storage/document_store.ts";
import { templateNameKey } from "./content_templates_resource.ts";
import { CONTENT_TEMPLATES_PRIVILEGE, PERSONAL_TEMPLATE_PRIVILEGE } from "./privileges.ts";
import { resetFieldsForProfile } from "./template_fields.ts";
import { assertValidSchedule, nextRun, normalizeSchedule } from "./template_schedule.ts";
import { assertKeyFree, mapKeyConflict, UNIQUE_KEY_FIELD, uniqueKey } from "./unique_key.ts";

/** Fields a kill template may not have. */
const KILL_FORBIDDEN = [
  "schedule",
  "dateline",
  "template_desks",
  "schedule_desk",
  "schedule_stage",
];

/** Fields only the server writes. */
const SERVER_FIELDS = ["last_run", "next_run", UNIQUE_KEY_FIELD];

/** How many times a data rewrite retries after a concurrent change. */
const CAS_ATTEMPTS = 5;

export class ContentTemplatesService extends ResourceService {
  override async create(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<Doc[]> {
    try {
      return await super.create(inputs, actor);
    } catch (error) {
      throw mapKeyConflict(error, () => nameTaken(inputs[0] ?? {}));
    }
  }

  /**
   * PATCH merges nested objects (`data`, `schedule`) into the stored ones: Superdesk sets
   * `merge_nested_documents` on this resource.
   */
  override async update(id: string, input: Doc, options: WriteOptions = {}): Promise<Doc> {
    const body = { ...input };
    if (Object.values(body).some(isDict)) {
      const original = await this.getById(id, options.actor ?? SYSTEM_ACTOR);
      for (const [key, value] of Object.entries(body)) {
        if (isDict(value) && isDict(original[key])) body[key] = deepMerge(original[key], value);
      }
    }
    try {
      return await super.update(id, body, options);
    } catch (error) {
      throw mapKeyConflict(error, () => nameTaken(input));
    }
  }

  /** Templates of profile `profileId` (any owner). */
  byProfile(profileId: string): Promise<Doc[]> {
    return this.collection.find({ "data.profile": profileId });
  }

  /** Replaces a template's `data` (profile maintenance), keeping concurrent edits safe. */
  async setData(id: string, data: Doc): Promise<void> {
    for (let attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
      const current = await this.collection.findOne({ _id: id });
      if (!current) return;
      const next = { ...current, data, _updated: nextUpdated(current._updated) };
      const stored = await this.collection.updateOne({ _id: id, _etag: current._etag }, {
        $set: { data, _updated: next._updated, _etag: this.etagOf(next) },
      });
      if (stored) return;
    }
    throw new Error(`Cannot update template "${id}": it keeps changing`);
  }

  /** A public template named after each profile (Superdesk does this for new profiles). */
  async createForProfiles(profiles: Doc[], actor: Actor): Promise<void> {
    for (const profile of profiles) {
      const name = String(profile.label).trim().toLowerCase();
      if (await this.collection.findOne({ [UNIQUE_KEY_FIELD]: uniqueKey(name, "public") })) {
        continue;
      }
      await this.create([{
        template_name: name,
        template_type: "create",
        is_public: true,
        data: { profile: String(profile._id) },
      }], { ...actor, isAdmin: true });
    }
  }

  /** Active scheduled templates whose next run is due at `now`. */
  due(now: Date): Promise<Doc[]> {
    return this.collection.find({ next_run: { $lte: now }, "schedule.is_active": true }, {
      sort: [["next_run", 1]],
    });
  }

  /**
   * Moves `template`'s next run past `slot` if it is still at `slot` (compare-and-set: of
   * several workers exactly one advances it); true when this call did.
   */
  async advance(template: Doc, slot: Date, now: Date): Promise<boolean> {
    const schedule = structuredClone(template.schedule ?? {}) as Doc;
    const next: Doc = {
      ...template,
      last_run: now,
      next_run: nextRun(schedule, now),
      _updated: nextUpdated(template._updated),
    };
    const stored = await this.collection.updateOne({ _id: template._id, next_run: slot }, {
      $set: {
        last_run: next.last_run,
        next_run: next.next_run,
        _updated: next._updated,
        _etag: this.etagOf(next),
      },
    });
    return stored !== null;
  }

  /** Users see public templates and their own; `personal_template` shows every one. */
  protected override visibilityFilter(actor: Actor): Filter | undefined {
    if (actor.kind === "system" || hasPrivilege(actor, PERSONAL_TEMPLATE_PRIVILEGE)) {
      return undefined;
    }
    return { $or: [{ is_public: true }, { user: actor.userId ?? null }] };
  }

  protected override onFetched(docs: Doc[]) {
    for (const doc of docs) {
      if (doc.schedule && typeof doc.schedule === "object") normalizeSchedule(doc.schedule as Doc);
    }
  }

  protected override async onCreate(docs: Doc[], actor: Actor) {
    for (const doc of docs) {
      if (actor.kind === "user") { for (const field of SERVER_FIELDS) delete doc[field]; }
      doc.template_name = String(doc.template_name).trim().toLowerCase();
      doc.template_type ??= "create";
      doc.is_public ??= false;
      if (doc.template_type === "kill") {
        const forbidden = KILL_FORBIDDEN.filter((field) => field in doc);
        if (forbidden.length > 0) {
          throw new BadRequestError(
            `Invalid kill template. ${KILL_FORBIDDEN.join(", ")} are not allowed`,
          );
        }
        assertKillRules(doc);
      }
      doc.user ??= actor.userId ?? null;
      if (actor.kind === "user" && doc.user !== actor.userId) {
        assertMay(actor, PERSONAL_TEMPLATE_PRIVILEGE, "create another user's template");
      }
      assertMayWrite(doc, actor, "create");
      assertDeskCount(doc);
      if (doc.schedule) {
        assertValidSchedule(doc.schedule as Doc);
        doc.next_run = nextRun(doc.schedule as Doc);
      }
      await this.setNameKey(doc, doc, undefined);
    }
  }

  protected override async onCreated(docs: Doc[], actor: Actor) {
    await this.pushUpdate(docs, actor);
  }

  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    if (actor.kind === "user") { for (const field of SERVER_FIELDS) delete updates[field]; }
    assertMayWrite(original, actor, "update");
    if ("template_name" in updates) updates.template_name = String(updates.template_name).trim();
    if (updates.template_type === "kill" && original.template_type !== "kill") {
      assertKillRules(updates);
      updates.data = {
        ...(original.data ?? {}) as Doc,
        ...(updates.data ?? {}) as Doc,
        dateline: null,
      };
      for (const field of KILL_FORBIDDEN) if (field !== "dateline") updates[field] = null;
    }
    if (updates.schedule) {
      const schedule = { ...(original.schedule ?? {}) as Doc, ...updates.schedule as Doc };
      assertValidSchedule(schedule);
      updates.next_run = nextRun(schedule);
    }
    const merged = { ...original, ...updates };
    assertMayWrite(merged, actor, "update");
    assertDeskCount(merged, updates);
    const profile = (updates.data as Doc | undefined)?.profile;
    if (profile && String(profile) !== String((original.data as Doc | undefined)?.profile ?? "")) {
      const stored = await this.ctx.documents.collection("content_types").findOne({
        _id: String(profile),
      });
      if (stored) {
        updates.data = resetFieldsForProfile(
          { ...(original.data ?? {}) as Doc, ...updates.data as Doc },
          stored,
        );
      }
    }
    if ("template_name" in updates || "is_public" in updates || "user" in updates) {
      await this.setNameKey(updates, merged, original._id);
    }
  }

  protected override async onUpdated(updates: Doc, original: Doc, actor: Actor) {
    await this.pushUpdate([updates, original], actor);
  }

  protected override onDelete(doc: Doc, actor: Actor) {
    assertMayWrite(doc, actor, "delete");
    if (doc.template_type === "kill") {
      throw new BadRequestError("Kill templates can not be deleted.");
    }
  }

  protected override async onDeleted(doc: Doc, actor: Actor) {
    await this.pushUpdate([doc], actor);
  }

  /** Sets `target`'s unique key from `template`'s name, visibility and owner; 422 if taken. */
  private async setNameKey(target: Doc, template: Doc, exceptId: unknown) {
    const key = templateNameKey(template);
    await assertKeyFree(this.collection, key, { exceptId, error: () => nameTaken(target) });
    target[UNIQUE_KEY_FIELD] = key;
  }

  private async pushUpdate(docs: Doc[], actor: Actor) {
    const desks = new Set<string>();
    for (const doc of docs) {
      if (Array.isArray(doc.template_desks)) {
        for (const desk of doc.template_desks) desks.add(String(desk));
      }
    }
    await this.ctx.notify("template:update", { user: actor.userId ?? "", desks: [...desks] });
  }
}

/** The 422 for a name in use, naming the fields the client sent (as Superdesk). */
function nameTaken(input: Doc): ValidationError {
  const issues: Doc = {};
  for (const field of ["is_public", "template_name"]) {
    if (field in input) issues[field] = "Template Name is not unique";
  }
  if (Object.keys(issues).length === 0) issues.template_name = "Template Name is not unique";
  return new ValidationError(issues);
}

/** Kill templates are public and not on desks (sets `is_public` in place). */
function assertKillRules(doc: Doc) {
  if (Array.isArray(doc.template_desks) && doc.template_desks.length > 0) {
    throw new BadRequestError("Kill templates can not be assigned to desks");
  }
  if (doc.is_public === false) throw new BadRequestError("Kill templates must be public");
  doc.is_public = true;
}

/** Only `create` templates may be on several desks. */
function assertDeskCount(template: Doc, updates: Doc = template) {
  if (
    template.template_type !== "create" && Array.isArray(updates.template_desks) &&
    updates.template_desks.length > 1
  ) {
    throw new BadRequestError(
      "Templates that are not create type can only be assigned to one desk!",
    );
  }
}

/** Another user's personal template needs `personal_template`; a public one `content_templates`. */
function assertMayWrite(template: Doc, actor: Actor, action: string) {
  if (actor.kind === "system" || actor.isAdmin) return;
  if (template.user && !template.is_public && template.user !== actor.userId) {
    assertMay(actor, PERSONAL_TEMPLATE_PRIVILEGE, `${action} another user personal template`);
  }
  if (template.is_public) {
    assertMay(actor, CONTENT_TEMPLATES_PRIVILEGE, `${action} the public template`);
  }
}

function assertMay(actor: Actor, privilege: string, what: string) {
  if (!hasPrivilege(actor, privilege)) {
    throw new ForbiddenError(`You dont have the privilege to ${what}`, { issues: { privilege } });
  }
}

function isDict(value: unknown): value is Doc {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof Date);
}
